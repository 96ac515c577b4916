//! Totals computed after the first frame: the compact per-account result, scoring a stream of
//! sheets into batches (used by the background worker and by the synchronous `App::new`), and
//! applying batches to the rows without overwriting an account scored locally since.

use std::collections::HashMap;

pub use super::row::Totals;
use super::{App, Scorer};
use crate::domain::entry::Entry;
use crate::domain::platform::{Level, Platform};
use crate::domain::rubric::Rubric;
use crate::domain::sheet_result::SheetFigures;

/// How far the totals are: `done` of `total` rows known; `failed` when the computation stopped.
#[derive(Debug, Clone, PartialEq)]
pub struct Loading {
    pub done: usize,
    pub total: usize,
    pub failed: Option<String>,
}

/// Scores sheets that arrive in ascending account order (as the store streams them), giving
/// every account of the round exactly one result: accounts without a sheet get the blank
/// outcome of their platform and level (computed once per kind).
pub struct SheetScorer<'a> {
    rubric: &'a Rubric,
    scorer: Scorer,
    /// (id, platform, level), ascending by id.
    accounts: Vec<(i64, Platform, Level)>,
    next: usize,
    blank: HashMap<(Platform, Level), Totals>,
    /// Results not yet taken.
    pub out: Vec<Totals>,
}

impl<'a> SheetScorer<'a> {
    pub fn new(
        rubric: &'a Rubric,
        scorer: Scorer,
        mut accounts: Vec<(i64, Platform, Level)>,
    ) -> SheetScorer<'a> {
        accounts.sort_by_key(|a| a.0);
        SheetScorer {
            rubric,
            scorer,
            accounts,
            next: 0,
            blank: HashMap::new(),
            out: Vec::new(),
        }
    }

    /// One account's entries. Sheets of accounts outside the round are ignored.
    pub fn sheet(&mut self, account: i64, entries: &[Entry]) {
        if let Some((p, l)) = self.reach(account) {
            let o = (self.scorer)(self.rubric, p, l, entries);
            self.out.push(Totals::of(account, &o));
        }
    }

    /// One account's kept sheet figures (the same result as its entries scored, read instead of
    /// computed). Sheets of accounts outside the round are ignored.
    pub fn kept(&mut self, account: i64, figures: &SheetFigures) {
        if self.reach(account).is_some() {
            self.out
                .push(Totals::of_figures(account, self.rubric, figures));
        }
    }

    /// Gives the accounts before `account` their blank result and steps past `account`,
    /// returning its kind; `None` (nothing stepped past it) when it is not in the round.
    fn reach(&mut self, account: i64) -> Option<(Platform, Level)> {
        while self.accounts.get(self.next).is_some_and(|a| a.0 < account) {
            self.push_blank();
        }
        let &(_, p, l) = self.accounts.get(self.next).filter(|a| a.0 == account)?;
        self.next += 1;
        Some((p, l))
    }

    /// The accounts after the last sheet, all blank.
    pub fn finish(&mut self) {
        while self.next < self.accounts.len() {
            self.push_blank();
        }
    }

    fn push_blank(&mut self) {
        let (id, p, l) = self.accounts[self.next];
        let (rubric, scorer) = (self.rubric, self.scorer);
        let t = self
            .blank
            .entry((p, l))
            .or_insert_with(|| Totals::of(0, &scorer(rubric, p, l, &[])));
        self.out.push(Totals {
            account: id,
            ..t.clone()
        });
        self.next += 1;
    }

    pub fn take(&mut self) -> Vec<Totals> {
        std::mem::take(&mut self.out)
    }
}

impl App {
    /// Takes a batch of background results. A row already known (its account was opened or
    /// edited since the first frame) keeps its local result: the batch may be older.
    pub(super) fn load_totals(&mut self, batch: Vec<Totals>) {
        let mut settled = 0;
        for t in batch {
            if let Some(r) = self.by_id.get(&t.account).map(|&i| &mut self.rows[i])
                && r.pending
            {
                r.set(t);
                settled += 1;
            }
        }
        self.settled(settled);
    }

    /// `n` more rows became known (by a batch or by scoring an account locally).
    pub(super) fn settled(&mut self, n: usize) {
        let Some(l) = self.loading.as_mut() else {
            return;
        };
        l.done = (l.done + n).min(l.total);
        let finished = l.done == l.total;
        if n == 0 && !finished {
            return;
        }
        self.list.scores_changed();
        self.summary = None;
        if finished {
            self.loading = None;
            self.list.score_orders = super::text_orders::ScoreOrders::start(&self.rows);
            let by_scores = self.list.sort.is_some_and(|c| c.follows_scores())
                || self.list.filters.status.is_some()
                || self.list.filters.sheet.is_some();
            if by_scores {
                self.list.rebuild(&self.rows);
                let msg = self.t(
                    "总分已算完，列表已按全部结果更新",
                    "Totals ready: list updated with every result",
                );
                self.flash = Some(msg.into());
            }
        }
    }

    /// The background computation stopped: the rows still pending keep their placeholders.
    pub(super) fn totals_failed(&mut self, why: String) {
        let total = self.rows.len();
        let l = self.loading.get_or_insert(Loading {
            done: 0,
            total,
            failed: None,
        });
        l.failed = Some(why.clone());
        let msg = self.t("总分计算失败：", "Computing totals failed: ");
        self.error(format!("{msg}{why}"));
    }

    /// Said when the user sorts or filters by a score while results are still arriving.
    pub(super) fn note_partial(&mut self) {
        if self.loading.as_ref().is_some_and(|l| l.failed.is_none()) {
            let msg = self.t(
                "计算中：先按已算出的结果，完成后自动更新",
                "Still computing: uses the results known so far, updated when done",
            );
            self.flash = Some(msg.into());
        }
    }
}
