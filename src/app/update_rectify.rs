//! Applying actions on the rectification screen: opening it from the account list (the round's
//! findings read through the backend on today's date), moving and filtering within it, and the
//! keys that start a record (see `rectify_record`).

use super::rectify::RectifyView;
use super::{Action, App, Backend, Popup, Screen};
use crate::storage::StoreError;

impl App {
    /// Opens the rectification screen (whether the round is published read with its rows), or
    /// goes back to the list from it.
    pub(super) fn show_rectify(&mut self, backend: &mut dyn Backend) -> Result<(), StoreError> {
        if self.screen == Screen::Rectify {
            self.screen = Screen::Accounts;
            return Ok(());
        }
        let on = chrono::Local::now().date_naive();
        match backend.rectify_rows(self.session.round_id, on)? {
            Some((rows, deadline)) => {
                let mut v = RectifyView::new(rows, deadline, on);
                v.published = backend.rectify_published(self.session.round_id)?;
                self.rectify = Some(v);
                self.screen = Screen::Rectify;
            }
            None => {
                self.popup = Some(Popup::Message {
                    text: self
                        .t(
                            "这里无法读取整改记录；请在数据库上用 assay rectify list 查看",
                            "Rectification records cannot be read here; see them with assay rectify list",
                        )
                        .into(),
                    error: false,
                })
            }
        }
        Ok(())
    }

    pub(super) fn rectify_key(&mut self, action: Action) {
        let page = self.page() as isize;
        match action {
            Action::Back | Action::ShowRectify => self.screen = Screen::Accounts,
            Action::Help => self.popup = Some(Popup::Help { scroll: 0 }),
            _ => {}
        }
        let Some(v) = self.rectify.as_mut() else {
            return;
        };
        if let Some(d) = action.motion(page) {
            return v.move_by(d);
        }
        match action {
            Action::RectifyFilter => v.next_filter(),
            Action::RectifyRecord => self.start_record(false),
            Action::RectifyRecheck => self.start_record(true),
            _ => {}
        }
    }
}
