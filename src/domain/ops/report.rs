//! The operations report, pure and week by week: each week's index per account, its standing in
//! its group, the running streak below the group mean, post days for the activity rules; then
//! one row per account with its flags, flagged accounts first. Memory is one week's figures plus
//! a few numbers per account and a bitset of its post days (one bit a day of the period).

use std::sync::Arc;

use chrono::NaiveDate;

use super::activity::ActivityRules;
use super::compare::{is_below_mean, mean_of};
use super::formula::{Formula, for_platform};
use super::roster::Roster;
use super::table::{OpsTable, TableParts};
use super::tally::{AccountIndex, PostDays, State};
use super::{Counts, KeptWeek, PeriodMetrics, PostFigures, PostWeek, WeekFigures};
use crate::domain::account::Account;

// The grouping, an account's line and what makes an account unavailable live in the files
// that make them; the whole report with the table that lists it.
pub use super::group::GroupBy;
pub use super::roster::unavailable;
pub use super::rows::OpsRow;
pub use super::table::OpsReport;

/// Builds an [`OpsReport`] week by week. A period can be built in consecutive parts (on
/// separate connections) and the parts merged in order ([`Self::part`], [`Self::merge`]).
#[derive(Clone)]
pub struct OpsBuilder<'a> {
    roster: Arc<Roster>,
    formulas: &'a [Formula],
    index: AccountIndex,
    state: Vec<State>,
    days: PostDays,
    weeks: Vec<NaiveDate>,
    keep_series: bool,
    /// The week of the last kept row added and its offset in the period's days.
    kept_week: (NaiveDate, i64),
    /// Each account's index in a week without figures under its formula (what a week of kept
    /// values starts from; 0 without a formula).
    blank: Arc<Vec<f64>>,
}

impl<'a> OpsBuilder<'a> {
    /// A builder over `accounts` grouped `by`, for the period `from..=to` (post days outside it
    /// are not kept).
    pub fn new(
        accounts: &[Account],
        formulas: &'a [Formula],
        by: GroupBy,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Self {
        Self::over(Arc::new(Roster::of(accounts, by)), formulas, from, to)
    }

    /// A builder over the accounts of `roster`, for the period `from..=to`.
    pub fn over(
        roster: Arc<Roster>,
        formulas: &'a [Formula],
        from: NaiveDate,
        to: NaiveDate,
    ) -> Self {
        let state: Vec<State> = (0..roster.len())
            .map(|i| {
                let formula = for_platform(formulas, roster.platforms[i])
                    .and_then(|f| formulas.iter().position(|g| std::ptr::eq(f, g)));
                State::new(roster.group[i] as usize, formula)
            })
            .collect();
        let empty: Vec<f64> = formulas
            .iter()
            .map(|f| f.inner(&PeriodMetrics::new(7.0)))
            .collect();
        let blank = state
            .iter()
            .map(|s| s.formula.map_or(0.0, |f| empty[f]))
            .collect();
        OpsBuilder {
            blank: Arc::new(blank),
            index: AccountIndex::new(&roster.ids),
            days: PostDays::new(roster.len(), from, to),
            roster,
            formulas,
            state,
            weeks: Vec::new(),
            keep_series: false,
            kept_week: (NaiveDate::MIN, 0),
        }
    }

    /// Keeps every account's weekly index and group mean (one pair a week and account).
    pub fn with_series(mut self) -> Self {
        self.keep_series = true;
        self
    }

    /// A fresh per-account metrics vector for one week (to fill with [`Self::add_post`] and
    /// [`Self::add_week_row`]).
    pub fn week_buffer(&self) -> Vec<PeriodMetrics> {
        vec![PeriodMetrics::new(7.0); self.roster.len()]
    }

    /// Adds a post to the week's buffer (posts of accounts outside the report are ignored;
    /// with an empty buffer only its day is kept).
    pub fn add_post(&mut self, buf: &mut [PeriodMetrics], p: &PostFigures) {
        let Some(i) = self.index.get(p.account_id) else {
            return;
        };
        let [reads, wow, likes, shares, comments] = p.counts.map(|v| v as f64);
        self.state[i].data_now = true;
        // An empty buffer: a week cut short by the end date, which counts for activity only.
        if let Some(m) = buf.get_mut(i) {
            m.add_post(
                p.headline,
                &Counts {
                    reads,
                    wow,
                    likes,
                    shares,
                    comments,
                },
            );
        }
        self.days.mark(i, p.published.date());
    }

    /// Adds one account's aggregated posts of a whole week (see [`PostWeek`]).
    pub fn add_post_week(&mut self, buf: &mut [PeriodMetrics], w: &PostWeek) {
        let Some(i) = self.index.get(w.account_id) else {
            return;
        };
        self.state[i].data_now = true;
        buf[i].add_post_week(w);
        self.days.mark_week(i, w.week, w.days);
    }

    /// Adds a weekly row: followers, reply hours, messages; its totals stand in for posts when
    /// the week has no per-post records.
    pub fn add_week_row(&mut self, buf: &mut [PeriodMetrics], w: &WeekFigures) {
        let Some(i) = self.index.get(w.account_id) else {
            return;
        };
        buf[i].add_week(w);
        self.state[i].data_now = true;
        let s = &mut self.state[i].messages;
        s.0 += w.messages;
        s.1 += w.replies;
    }

    /// Closes one week from its figures: each account's index under its formula, then
    /// [`Self::close_values`].
    pub fn close_week(&mut self, week: NaiveDate, buf: &[PeriodMetrics]) {
        let idx: Vec<f64> = self
            .state
            .iter()
            .zip(buf)
            .map(|(s, m)| s.formula.map_or(0.0, |f| self.formulas[f].inner(m)))
            .collect();
        self.close_values(week, &idx);
    }

    /// The formulas (positions in the builder's list) whose kept weekly values can stand in for
    /// the figures ([`Self::add_kept`]); `None` when an account has no formula at all.
    pub fn kept_formulas(&self) -> Option<Vec<usize>> {
        let mut used: Vec<usize> = Vec::new();
        for s in &self.state {
            let f = s.formula?;
            if !used.contains(&f) {
                used.push(f);
            }
        }
        Some(used)
    }

    /// Sets `values` to a week's index values before any kept row is added: each account's
    /// index of a week with no figures at all (no posts, no weekly row).
    pub fn reset_values(&self, values: &mut Vec<f64>) {
        values.clear();
        values.extend_from_slice(&self.blank);
    }

    /// Adds one account's kept figures of a whole Monday week under formula `formula` (a
    /// position in the builder's list): the same index, post days and messages as its posts and
    /// weekly row give. Rows of a formula the account does not use are ignored.
    pub fn add_kept(&mut self, values: &mut [f64], formula: usize, k: &KeptWeek) {
        let Some(i) = self.index.get(k.account_id) else {
            return;
        };
        if self.state[i].formula != Some(formula) {
            return;
        }
        values[i] = k.value;
        self.state[i].data_now = true;
        if self.kept_week.0 != k.week {
            self.kept_week = (k.week, self.days.offset(k.week));
        }
        self.days.mark_bits(i, self.kept_week.1, k.days);
        let s = &mut self.state[i].messages;
        s.0 += k.messages;
        s.1 += k.replies;
    }

    /// Closes one week from each account's index value: group means over the accounts with
    /// figures this week, streaks below them, and the values kept for the standings of the last
    /// week (computed in [`Self::finish`]). An account without figures this week (no post, no
    /// weekly row) has no index this week (无数据): left out of the mean, never below it.
    pub fn close_values(&mut self, week: NaiveDate, idx: &[f64]) {
        self.weeks.push(week);
        let mut sums = vec![(0.0f64, 0usize); self.roster.groups.len()];
        for (s, x) in self.state.iter().zip(idx) {
            if s.data_now && x.is_finite() {
                let g = &mut sums[s.group];
                g.0 += x;
                g.1 += 1;
            }
        }
        let means: Vec<f64> = sums.iter().map(|&(sum, n)| mean_of(sum, n)).collect();
        let weeks = self.weeks.len();
        for (s, &x) in self.state.iter_mut().zip(idx) {
            let x = if s.data_now { x } else { f64::NAN };
            let mean = means[s.group];
            s.close(x, mean, is_below_mean(mean, x), self.keep_series, weeks);
        }
    }

    /// A builder for a later part of the same period: the same accounts, groups and formulas,
    /// no week yet.
    pub fn part(&self) -> Self {
        let mut b = self.clone();
        b.weeks.clear();
        b.days.clear();
        b.state.iter_mut().for_each(State::reset);
        b
    }

    /// This part followed by `later` (the weeks right after this part's): streaks run across
    /// the seam, sums and post days add up.
    pub fn merge(mut self, later: Self) -> Self {
        let (here, n) = (self.weeks.len(), later.weeks.len());
        for (s, t) in self.state.iter_mut().zip(later.state) {
            s.merge(t, here, n);
        }
        self.days.merge(&later.days);
        self.weeks.extend(later.weeks);
        self
    }

    /// The report over `from..=to` (activity rules use the post days seen).
    pub fn finish(self, from: NaiveDate, to: NaiveDate, rules: &ActivityRules) -> OpsReport {
        self.finish_table(from, to, rules).into_report()
    }

    /// The report over `from..=to` kept lean: each row made when it is asked for.
    pub fn finish_table(
        self,
        from: NaiveDate,
        to: NaiveDate,
        rules: &ActivityRules,
    ) -> OpsTable<'a> {
        OpsTable::new(
            TableParts {
                roster: self.roster,
                formulas: self.formulas,
                state: self.state,
                days: self.days,
                weeks: self.weeks,
            },
            from,
            to,
            rules,
        )
    }
}

#[cfg(test)]
#[path = "report_tests.rs"]
mod tests;
