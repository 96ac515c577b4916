//! The operations report, pure and week by week: each week's index per account, its standing in
//! its group, the running streak below the group mean, post days for the activity rules; then
//! one row per account with its flags, flagged accounts first. Memory is one week's figures plus
//! a few numbers per account and a bitset of its post days (one bit a day of the period).

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::Serialize;

use super::activity::{self, ActivityRules, Finding};
use super::compare::{GroupStats, Standing, is_below_mean, mean_of};
use super::formula::{Formula, for_platform};
use super::rows::{RowKey, RowMaker, join};
use super::tally::{AccountIndex, PostDays, State};
use super::{Counts, KeptWeek, PeriodMetrics, PostFigures, PostWeek, WeekFigures};
use crate::domain::account::Account;

/// How accounts are grouped for the average.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum GroupBy {
    /// All accounts of the round.
    All,
    Platform,
    Level,
    /// The first region segment (省): seed 003 compares with the provincial average.
    Province,
    /// The first two segments (省/市).
    City,
    /// The first three segments (省/市/县).
    County,
}

impl GroupBy {
    pub fn parse(s: &str) -> Option<GroupBy> {
        Some(match s.trim().to_lowercase().as_str() {
            "all" | "round" | "全部" => GroupBy::All,
            "platform" | "平台" => GroupBy::Platform,
            "level" | "层级" => GroupBy::Level,
            "province" | "region" | "省" => GroupBy::Province,
            "city" | "市" => GroupBy::City,
            "county" | "县" => GroupBy::County,
            _ => return None,
        })
    }

    fn key(self, a: &Account) -> String {
        let segs = |n: usize| {
            let parts: Vec<&str> = a.region.split('/').filter(|s| !s.is_empty()).collect();
            parts[..n.min(parts.len())].join("/")
        };
        match self {
            GroupBy::All => "all".into(),
            GroupBy::Platform => a.platform.code().into(),
            GroupBy::Level => a.level.code().into(),
            GroupBy::Province => segs(1),
            GroupBy::City => segs(2),
            GroupBy::County => segs(3),
        }
    }
}

/// An account's line and what makes an account unavailable live with the rows that make them.
pub use super::rows::{OpsRow, unavailable};

/// The whole report.
#[derive(Debug, Clone, Serialize)]
pub struct OpsReport {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub weeks: Vec<NaiveDate>,
    pub group_by: GroupBy,
    pub rules: ActivityRules,
    pub accounts: Vec<OpsRow>,
    pub findings: Vec<Finding>,
}

/// Builds an [`OpsReport`] week by week. A period can be built in consecutive parts (on
/// separate connections) and the parts merged in order ([`Self::part`], [`Self::merge`]).
#[derive(Clone)]
pub struct OpsBuilder<'a> {
    accounts: &'a [Account],
    formulas: &'a [Formula],
    by: GroupBy,
    groups: Vec<String>,
    index: AccountIndex,
    state: Vec<State>,
    days: PostDays,
    weeks: Vec<NaiveDate>,
    keep_series: bool,
    /// The week of the last kept row added and its offset in the period's days.
    kept_week: (NaiveDate, i64),
}

impl<'a> OpsBuilder<'a> {
    /// A builder for the period `from..=to` (post days outside it are not kept).
    pub fn new(
        accounts: &'a [Account],
        formulas: &'a [Formula],
        by: GroupBy,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Self {
        let mut groups: Vec<String> = Vec::new();
        let mut gi: HashMap<String, usize> = HashMap::new();
        let state = accounts
            .iter()
            .map(|a| {
                let k = by.key(a);
                let next = gi.len();
                let group = *gi.entry(k.clone()).or_insert_with(|| {
                    groups.push(k);
                    next
                });
                let formula = for_platform(formulas, a.platform)
                    .and_then(|f| formulas.iter().position(|g| std::ptr::eq(f, g)));
                State::new(group, formula)
            })
            .collect();
        OpsBuilder {
            accounts,
            formulas,
            by,
            groups,
            index: AccountIndex::new(accounts),
            state,
            days: PostDays::new(accounts.len(), from, to),
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
        vec![PeriodMetrics::new(7.0); self.accounts.len()]
    }

    /// Adds a post to the week's buffer (posts of accounts outside the report are ignored).
    pub fn add_post(&mut self, buf: &mut [PeriodMetrics], p: &PostFigures) {
        let Some(i) = self.index.get(p.account_id) else {
            return;
        };
        let [reads, wow, likes, shares, comments] = p.counts.map(|v| v as f64);
        buf[i].add_post(
            p.headline,
            &Counts {
                reads,
                wow,
                likes,
                shares,
                comments,
            },
        );
        self.days.mark(i, p.published.date());
    }

    /// Adds one account's aggregated posts of a whole week (see [`PostWeek`]).
    pub fn add_post_week(&mut self, buf: &mut [PeriodMetrics], w: &PostWeek) {
        let Some(i) = self.index.get(w.account_id) else {
            return;
        };
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
        let empty: Vec<f64> = self
            .formulas
            .iter()
            .map(|f| f.inner(&PeriodMetrics::new(7.0)))
            .collect();
        values.clear();
        values.extend(
            self.state
                .iter()
                .map(|s| s.formula.map_or(0.0, |f| empty[f])),
        );
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
        if self.kept_week.0 != k.week {
            self.kept_week = (k.week, self.days.offset(k.week));
        }
        self.days.mark_bits(i, self.kept_week.1, k.days);
        let s = &mut self.state[i].messages;
        s.0 += k.messages;
        s.1 += k.replies;
    }

    /// Closes one week from each account's index value: group means, streaks below them, and
    /// the values kept for the standings of the last week (computed in [`Self::finish`]).
    pub fn close_values(&mut self, week: NaiveDate, idx: &[f64]) {
        self.weeks.push(week);
        let mut sums = vec![(0.0f64, 0usize); self.groups.len()];
        for (s, x) in self.state.iter().zip(idx) {
            if x.is_finite() {
                let g = &mut sums[s.group];
                g.0 += x;
                g.1 += 1;
            }
        }
        let means: Vec<f64> = sums.iter().map(|&(sum, n)| mean_of(sum, n)).collect();
        let weeks = self.weeks.len();
        for (s, &x) in self.state.iter_mut().zip(idx) {
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

    /// Each account's standing in its group in the last week closed.
    fn last_standings(&self) -> Vec<Option<Standing>> {
        if self.weeks.is_empty() {
            return vec![None; self.state.len()];
        }
        let mut values: Vec<Vec<f64>> = vec![Vec::new(); self.groups.len()];
        for s in &self.state {
            values[s.group].push(s.last);
        }
        let stats: Vec<GroupStats> = values.iter().map(|v| GroupStats::of(v)).collect();
        self.state
            .iter()
            .map(|s| Some(stats[s.group].standing(s.last)))
            .collect()
    }

    /// The report over `from..=to` (activity rules use the post days seen). The rows are
    /// built in two halves on two threads, the consolidation findings beside them.
    pub fn finish(mut self, from: NaiveDate, to: NaiveDate, rules: &ActivityRules) -> OpsReport {
        let mut standings = self.last_standings();
        let state = std::mem::take(&mut self.state);
        let refs: Vec<&Account> = self.accounts.iter().collect();
        let maker = RowMaker {
            days: &self.days,
            groups: &self.groups,
            formulas: self.formulas,
            rules,
            from,
            to,
            weeks: self.weeks.len().max(1) as f64,
        };
        let mid = state.len() / 2;
        let mut first = state;
        let second = first.split_off(mid);
        let later_standings = standings.split_off(mid);
        let (mut rows, findings) = std::thread::scope(|scope| {
            let findings = scope.spawn(|| activity::consolidation(rules, &refs));
            let maker = &maker;
            let accounts = self.accounts;
            let later = scope.spawn(move || maker.rows(accounts, mid, second, later_standings));
            let mut rows = maker.rows(accounts, 0, first, standings);
            rows.extend(join(later));
            (rows, join(findings))
        });
        // Flagged first (by how many flags, then the longest streak), then by index, low first
        // (the id last: every key differs, so the order is total).
        let mut order: Vec<(RowKey, usize)> = rows
            .iter()
            .enumerate()
            .map(|(i, r)| (RowKey::of(r), i))
            .collect();
        order.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        let mut slots: Vec<Option<OpsRow>> = rows.drain(..).map(Some).collect();
        let rows: Vec<OpsRow> = order.iter().filter_map(|&(_, i)| slots[i].take()).collect();
        OpsReport {
            from,
            to,
            weeks: self.weeks,
            group_by: self.by,
            rules: rules.clone(),
            findings,
            accounts: rows,
        }
    }
}

#[cfg(test)]
#[path = "report_tests.rs"]
mod tests;
