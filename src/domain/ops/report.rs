//! The operations report, pure and week by week: each week's index per account, its standing in
//! its group, the running streak below the group mean, post days for the activity rules; then
//! one row per account with its flags, flagged accounts first. Memory is one week's figures plus
//! a few numbers per account and a bitset of its post days (one bit a day of the period).

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::Serialize;

use super::activity::{self, Activity, ActivityRules, Finding};
use super::compare::{GroupStats, Standing, Streak, is_below_mean, mean_of};
use super::formula::{Formula, for_platform};
use super::tally::{AccountIndex, PostDays};
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

/// Whether an account's status marks it unavailable (an app that cannot be downloaded or used).
pub fn unavailable(status: &str) -> bool {
    let s = status.to_lowercase();
    ["无法下载", "无法使用", "不可用", "无法访问", "unavailable"]
        .iter()
        .any(|w| s.contains(w))
}

/// One account's line in the report.
#[derive(Debug, Clone, Serialize)]
pub struct OpsRow {
    pub id: i64,
    pub platform: &'static str,
    pub name: String,
    pub region: String,
    pub group: String,
    pub formula: Option<String>,
    /// Index in the last week of the period, and its standing in the group that week.
    pub index: f64,
    pub standing: Option<Standing>,
    /// Mean of the weekly indices over the period.
    pub mean_index: f64,
    pub weeks_below: u32,
    pub streak: Streak,
    /// Flag names: dormant, zombie, below_average, under_floor, no_interaction.
    pub flags: Vec<&'static str>,
    pub activity: Activity,
    /// Each week's index and its group's mean, oldest first: kept only on request
    /// ([`OpsBuilder::with_series`], for the TUI chart), never in the command's outputs.
    #[serde(skip)]
    pub series: Vec<[f64; 2]>,
}

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

struct State {
    group: usize,
    formula: Option<usize>,
    last: f64,
    sum: f64,
    below: u32,
    streak: Streak,
    messages: (u64, u64),
    series: Vec<[f64; 2]>,
}

/// Builds an [`OpsReport`] week by week.
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
                State {
                    group,
                    formula,
                    last: 0.0,
                    sum: 0.0,
                    below: 0,
                    streak: Streak::default(),
                    messages: (0, 0),
                    series: Vec::new(),
                }
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

    /// A week's index values before any kept row is added: each account's index of a week with
    /// no figures at all (no posts, no weekly row).
    pub fn value_buffer(&self) -> Vec<f64> {
        let empty: Vec<f64> = self
            .formulas
            .iter()
            .map(|f| f.inner(&PeriodMetrics::new(7.0)))
            .collect();
        self.state
            .iter()
            .map(|s| s.formula.map_or(0.0, |f| empty[f]))
            .collect()
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
        self.days.mark_week(i, k.week, k.days);
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
        for (s, &x) in self.state.iter_mut().zip(idx) {
            let mean = means[s.group];
            let below = is_below_mean(mean, x);
            if self.keep_series {
                s.series.push([x, mean]);
            }
            s.last = x;
            s.sum += x;
            s.below += u32::from(below);
            s.streak.push(below);
        }
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

    /// The report over `from..=to` (activity rules use the post days seen).
    pub fn finish(self, from: NaiveDate, to: NaiveDate, rules: &ActivityRules) -> OpsReport {
        let n = self.weeks.len().max(1) as f64;
        let standings = self.last_standings();
        let mut rows: Vec<OpsRow> = self
            .accounts
            .iter()
            .zip(self.state)
            .zip(standings)
            .enumerate()
            .map(|(i, ((a, s), standing))| {
                let act = activity::evaluate_days(
                    rules,
                    &self.days.day_numbers(i),
                    from,
                    to,
                    s.messages,
                    unavailable(&a.status),
                );
                let mut flags = Vec::new();
                if !act.dormant_reports.is_empty() || act.dormant_now {
                    flags.push("dormant");
                }
                if act.zombie {
                    flags.push("zombie");
                }
                // The streak still running at the end: seed 003's "two weeks below" is judged at
                // the time of review; the longest run is reported beside it.
                if s.streak.current >= rules.streak_weeks && rules.streak_weeks > 0 {
                    flags.push("below_average");
                }
                if !act.under_floor.is_empty() {
                    flags.push("under_floor");
                }
                if act.no_interaction {
                    flags.push("no_interaction");
                }
                OpsRow {
                    id: a.id,
                    platform: a.platform.code(),
                    name: a.name.clone(),
                    region: a.region.clone(),
                    group: self.groups[s.group].clone(),
                    formula: s.formula.map(|f| self.formulas[f].id.clone()),
                    index: s.last,
                    standing,
                    mean_index: s.sum / n,
                    weeks_below: s.below,
                    streak: s.streak,
                    flags,
                    activity: act,
                    series: s.series,
                }
            })
            .collect();
        // Flagged first (by how many flags, then the longest streak), then by index, low first.
        rows.sort_by(|a, b| {
            b.flags
                .len()
                .min(1)
                .cmp(&a.flags.len().min(1))
                .then(b.flags.len().cmp(&a.flags.len()))
                .then(b.streak.longest.cmp(&a.streak.longest))
                .then(a.index.total_cmp(&b.index))
                .then(a.id.cmp(&b.id))
        });
        let refs: Vec<&Account> = self.accounts.iter().collect();
        OpsReport {
            from,
            to,
            weeks: self.weeks,
            group_by: self.by,
            rules: rules.clone(),
            findings: activity::consolidation(rules, &refs),
            accounts: rows,
        }
    }
}

#[cfg(test)]
#[path = "report_tests.rs"]
mod tests;
