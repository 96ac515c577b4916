//! The operations screen's state: the round's operations report (each account's weekly index
//! against its group mean, streak and flags), which accounts are listed (flagged ones, or all)
//! and the selected one.

use std::sync::Arc;

use crate::domain::account::Account;
use crate::domain::ops::report::{OpsReport, OpsRow};
pub use crate::report::bulletin::ops::flag_word;

/// The operations report computed in the background: the runtime sets `background` (a database
/// file to read from another thread), takes `request` when the screen is opened, computes the
/// report on a worker and sends it back as `Action::OpsLoaded`; `loading` holds the account to
/// focus meanwhile. Without `background` (tests, in-memory stores) the report is computed at once.
#[derive(Debug, Clone, Default)]
pub struct OpsJob {
    pub background: bool,
    pub request: Option<OpsRequest>,
    pub loading: Option<Option<i64>>,
}

/// What the worker computes the report for.
#[derive(Debug, Clone)]
pub struct OpsRequest {
    pub round: i64,
    pub accounts: Vec<Account>,
}

/// The worker's answer: the report (`None`: no metrics in the period) or an error message.
#[derive(Debug, Clone)]
pub struct OpsLoad(pub Arc<Result<Option<OpsReport>, String>>);

impl PartialEq for OpsLoad {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

/// The operations screen.
#[derive(Debug, Clone)]
pub struct OpsView {
    pub report: OpsReport,
    /// Positions in `report.accounts` of the listed accounts, in report order (flagged first).
    pub shown: Vec<usize>,
    pub selected: usize,
    pub flagged_only: bool,
}

impl OpsView {
    /// Lists the flagged accounts, or every account when `focus` (the account selected in the
    /// list) is not flagged; `focus` is selected when listed.
    pub fn new(report: OpsReport, focus: Option<i64>) -> OpsView {
        let focus_flagged = focus.is_none_or(|id| {
            report
                .accounts
                .iter()
                .any(|r| r.id == id && !r.flags.is_empty())
        });
        let mut v = OpsView {
            report,
            shown: Vec::new(),
            selected: 0,
            flagged_only: focus_flagged,
        };
        v.refill(focus);
        v
    }

    fn refill(&mut self, focus: Option<i64>) {
        let only = self.flagged_only;
        self.shown = (0..self.report.accounts.len())
            .filter(|i| !only || !self.report.accounts[*i].flags.is_empty())
            .collect();
        self.selected = focus
            .and_then(|id| {
                self.shown
                    .iter()
                    .position(|i| self.report.accounts[*i].id == id)
            })
            .unwrap_or(0);
    }

    /// Flagged accounts only ↔ every account, keeping the selected account when it stays.
    pub fn toggle_all(&mut self) {
        let focus = self.current().map(|r| r.id);
        self.flagged_only = !self.flagged_only;
        self.refill(focus);
    }

    pub fn move_by(&mut self, d: isize) {
        let last = self.shown.len().saturating_sub(1) as isize;
        self.selected = (self.selected as isize).saturating_add(d).clamp(0, last) as usize;
    }

    pub fn current(&self) -> Option<&OpsRow> {
        self.report.accounts.get(*self.shown.get(self.selected)?)
    }

    /// How many accounts carry at least one flag.
    pub fn flagged(&self) -> usize {
        self.report
            .accounts
            .iter()
            .filter(|r| !r.flags.is_empty())
            .count()
    }
}

#[cfg(test)]
#[path = "ops_tests.rs"]
mod tests;
