//! The rectification screen's state: the round's findings (every veto and deduction) with their
//! 整改 status on today's date, a status filter and the selected line, and the record being
//! drafted on it (a unit's 整改说明 or a re-check). Read through the backend when the screen
//! opens and again after each record (see `rectify_record`).

use chrono::NaiveDate;

use crate::domain::rectify::{Recheck, Status};
use crate::report::rectify::{StatusFilter, Tracked};

/// The filters `f` steps through, in order: everything, what is not closed, overdue, then each
/// status.
pub const FILTERS: [Option<StatusFilter>; 8] = [
    None,
    Some(StatusFilter::Unresolved),
    Some(StatusFilter::Overdue),
    Some(StatusFilter::Is(Status::Open)),
    Some(StatusFilter::Is(Status::Reported)),
    Some(StatusFilter::Is(Status::Checked(Recheck::Partial))),
    Some(StatusFilter::Is(Status::Checked(Recheck::NotRectified))),
    Some(StatusFilter::Is(Status::Checked(Recheck::Rectified))),
];

/// The rectification screen.
#[derive(Debug, Clone)]
pub struct RectifyView {
    pub rows: Vec<Tracked>,
    pub deadline: Option<NaiveDate>,
    pub on: NaiveDate,
    /// Position in [`FILTERS`].
    pub filter: usize,
    /// Positions in `rows` of the lines the filter keeps.
    pub shown: Vec<usize>,
    pub selected: usize,
    /// Whether the round's findings are published (a bulletin issued): records need it.
    pub published: bool,
    /// The record being typed for the selected finding.
    pub draft: Option<Draft>,
}

/// A record of the selected finding as far as it has been typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Draft {
    /// `None`: the unit's 整改说明; `Some`: a re-check with this result.
    pub result: Option<Recheck>,
    pub note: String,
    pub evidence: Vec<String>,
}

impl RectifyView {
    pub fn new(rows: Vec<Tracked>, deadline: Option<NaiveDate>, on: NaiveDate) -> RectifyView {
        let mut v = RectifyView {
            rows,
            deadline,
            on,
            filter: 0,
            shown: Vec::new(),
            selected: 0,
            published: false,
            draft: None,
        };
        v.refilter();
        v
    }

    /// The rows read again (after a record), the filter kept and the finding `(account, item)`
    /// still selected when the filter still shows it.
    pub fn reload(&mut self, rows: Vec<Tracked>, on: NaiveDate, keep: Option<(i64, &str)>) {
        self.rows = rows;
        self.on = on;
        self.refilter();
        let at = keep.and_then(|(account, item)| {
            (self.shown.iter()).position(|&i| {
                let t = &self.rows[i];
                t.account.id == account && t.finding.item == item
            })
        });
        if let Some(at) = at {
            self.selected = at;
        }
    }

    pub fn filter(&self) -> Option<StatusFilter> {
        FILTERS[self.filter % FILTERS.len()]
    }

    fn refilter(&mut self) {
        let f = self.filter();
        self.shown = (0..self.rows.len())
            .filter(|&i| f.is_none_or(|f| f.keeps(&self.rows[i])))
            .collect();
        self.selected = self.selected.min(self.shown.len().saturating_sub(1));
    }

    /// The next filter.
    pub fn next_filter(&mut self) {
        self.filter = (self.filter + 1) % FILTERS.len();
        self.refilter();
    }

    pub fn move_by(&mut self, d: isize) {
        let last = self.shown.len().saturating_sub(1) as isize;
        self.selected = (self.selected as isize).saturating_add(d).clamp(0, last) as usize;
    }

    pub fn current(&self) -> Option<&Tracked> {
        self.shown.get(self.selected).map(|&i| &self.rows[i])
    }

    pub fn overdue(&self) -> usize {
        self.rows.iter().filter(|t| t.overdue).count()
    }
}
