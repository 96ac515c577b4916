//! Applying actions on the operations screen: opening it from the account list (the round's
//! report read through the backend, the selected account focused) and moving within it.

use std::sync::Arc;

use super::ops::{OpsLoad, OpsRequest, OpsView};
use super::{Action, App, Backend, Popup, Screen};
use crate::storage::StoreError;

impl App {
    /// Opens the operations screen, or goes back to the list from it.
    pub(super) fn show_ops(&mut self, backend: &mut dyn Backend) -> Result<(), StoreError> {
        if self.screen == Screen::Ops {
            self.screen = Screen::Accounts;
            return Ok(());
        }
        let accounts: Vec<_> = self.rows.iter().map(|r| r.account.clone()).collect();
        let focus = self.list.selected_row().map(|i| self.rows[i].account.id);
        if self.ops_job.background {
            // The worker computes it; the screen says so meanwhile (keys stay live).
            if self.ops_job.loading.is_none() {
                self.ops_job.request = Some(OpsRequest {
                    round: self.session.round_id,
                    accounts,
                });
            }
            self.ops_job.loading = Some(focus);
            self.ops = None;
            self.screen = Screen::Ops;
            return Ok(());
        }
        let report = backend.round_ops(self.session.round_id, &accounts)?;
        self.open_ops(report, focus);
        Ok(())
    }

    /// The worker's report arrived: shown if the screen is still waiting for it.
    pub(super) fn ops_loaded(&mut self, load: OpsLoad) {
        let Some(focus) = self.ops_job.loading.take() else {
            return;
        };
        let waiting = self.screen == Screen::Ops;
        if waiting {
            self.screen = Screen::Accounts;
        }
        match Arc::try_unwrap(load.0).unwrap_or_else(|a| (*a).clone()) {
            Ok(report) if waiting => self.open_ops(report, focus),
            Ok(_) => {}
            Err(why) => self.error(why),
        }
    }

    /// Shows `report` with `focus` selected; without a report, says that the round has no
    /// metrics and how to import them.
    pub fn open_ops(
        &mut self,
        report: Option<crate::domain::ops::report::OpsReport>,
        focus: Option<i64>,
    ) {
        match report {
            Some(r) => {
                self.ops = Some(OpsView::new(r, focus));
                self.screen = Screen::Ops;
            }
            None => {
                self.popup = Some(Popup::Message {
                    text: self
                        .t(
                            "本轮监测日期前 26 周没有运营数据；先用 assay metrics import 导入",
                            "No operations metrics in the 26 weeks before this round's monitoring date; import them with assay metrics import",
                        )
                        .into(),
                    error: false,
                })
            }
        }
    }

    pub(super) fn ops_key(&mut self, action: Action) {
        let page = self.page() as isize;
        match action {
            Action::Back => self.screen = Screen::Accounts,
            Action::Help => self.popup = Some(Popup::Help { scroll: 0 }),
            _ => {}
        }
        let Some(v) = self.ops.as_mut() else {
            return;
        };
        if let Some(d) = action.motion(page) {
            return v.move_by(d);
        }
        match action {
            Action::OpsAll => v.toggle_all(),
            Action::ShowOps => self.screen = Screen::Accounts,
            _ => {}
        }
    }
}
