//! The summary screen computed off the UI thread: at 100k accounts the one aggregation takes
//! well over a frame, so `t` asks the runtime's worker for it (over the shared read-only
//! connection) and the screen says 「汇总计算中」 until it arrives; keys stay live. Without a
//! database file (tests, in-memory stores) it is computed at once, by the same function.

use std::sync::Arc;

use super::summary::Summary;
use super::{App, Backend, Screen};
use crate::domain::account::Account;
use crate::domain::rubric::Rubric;
use crate::i18n::Lang;
use crate::storage::StoreError;

/// The summary request and its state (see the module's text).
#[derive(Debug, Clone, Default)]
pub struct SummaryJob {
    /// A database file the worker can read from another thread.
    pub background: bool,
    /// Taken by the runtime, which hands it to the worker.
    pub request: Option<SummaryRequest>,
    /// The screen waits for an answer.
    pub loading: bool,
}

/// What the worker aggregates: the round's listed accounts for this viewer.
#[derive(Debug, Clone)]
pub struct SummaryRequest {
    pub round: i64,
    pub rubric: Rubric,
    /// The list's accounts; `None` for the worker, which reads them afresh (as the list was
    /// read: `Store::listed_accounts`) rather than have the key copy 100k of them.
    pub accounts: Option<Vec<Account>>,
    pub evaluator: String,
    pub lang: Lang,
}

/// The worker's answer: the summary or an error message.
#[derive(Debug, Clone)]
pub struct SummaryLoad(pub Arc<Result<Summary, String>>);

impl PartialEq for SummaryLoad {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

/// The one aggregation over every evaluator's counted sheets of the round, as this viewer may
/// see them (blind scoring), with the round's panel rules; used on and off the UI thread.
pub fn compute(
    backend: &mut dyn Backend,
    req: SummaryRequest,
    accounts: Vec<Account>,
) -> Result<Summary, StoreError> {
    let round = req.round;
    let mut sheets = backend.round_sheets(round, &req.rubric, &accounts)?;
    let me = &req.evaluator;
    if let Some(viewer) = backend.viewer(round, me)? {
        sheets = crate::report::blind::visible_sheets(me, viewer, &sheets);
    }
    let policy = backend.panel_policy(round)?;
    let own = backend.category_methods(round)?;
    let scheme = crate::report::Scheme::of(&req.rubric, policy).with_category_methods(&own);
    let mut s = Summary::of(&scheme, accounts, &sheets, req.lang);
    s.calibration = backend.is_calibration(round)?;
    Ok(s)
}

impl App {
    /// Opens the summary (or goes back to the list from it), read afresh on every visit: other
    /// evaluators' sheets and submissions change too.
    pub(super) fn toggle_summary(&mut self, backend: &mut dyn Backend) -> Result<(), StoreError> {
        if self.screen == Screen::Summary {
            self.screen = Screen::Accounts;
            return Ok(());
        }
        let req = SummaryRequest {
            round: self.session.round_id,
            rubric: self.session.rubric.clone(),
            accounts: None,
            evaluator: self.session.evaluator.clone(),
            lang: self.lang,
        };
        if self.summary_job.background {
            if !self.summary_job.loading {
                self.summary_job.request = Some(req);
            }
            self.summary_job.loading = true;
            self.summary = None;
        } else {
            let accounts = self.rows.iter().map(|r| r.account.clone()).collect();
            self.summary = Some(compute(backend, req, accounts)?);
        }
        self.screen = Screen::Summary;
        Ok(())
    }

    /// The worker's summary arrived: shown if the screen still waits for it.
    pub(super) fn summary_loaded(&mut self, load: SummaryLoad) {
        if !std::mem::take(&mut self.summary_job.loading) {
            return;
        }
        let waiting = self.screen == Screen::Summary;
        match Arc::try_unwrap(load.0).unwrap_or_else(|a| (*a).clone()) {
            Ok(s) if waiting => self.summary = Some(s),
            Ok(_) => {}
            Err(why) => {
                if waiting {
                    self.screen = Screen::Accounts;
                }
                self.error(why);
            }
        }
    }
}
