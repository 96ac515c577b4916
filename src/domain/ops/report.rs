//! The operations report, pure and week by week: each week's index per account, its standing in
//! its group, the running streak below the group mean, post days for the activity rules; then
//! one row per account with its flags, flagged accounts first. Memory is one week's figures plus
//! a few numbers per account and a bitset of its post days (one bit a day of the period).

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::Serialize;

use super::activity::{self, Activity, ActivityRules, Finding};
use super::compare::{GroupStats, Standing, Streak};
use super::formula::{Formula, for_platform};
use super::{Counts, PeriodMetrics, PostFigures, PostWeek, WeekFigures};
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

/// Account id → position in the report: a dense table when ids are compact (the usual case:
/// SQLite row ids), else a hash map.
enum AccountIndex {
    Dense { min: i64, slots: Vec<u32> },
    Sparse(HashMap<i64, usize>),
}

impl AccountIndex {
    fn new(accounts: &[Account]) -> AccountIndex {
        let (min, max) = accounts.iter().fold((i64::MAX, i64::MIN), |(lo, hi), a| {
            (lo.min(a.id), hi.max(a.id))
        });
        let span = max.saturating_sub(min).saturating_add(1);
        if accounts.is_empty() || span > 4 * accounts.len() as i64 + 1024 {
            return AccountIndex::Sparse(
                accounts
                    .iter()
                    .enumerate()
                    .map(|(i, a)| (a.id, i))
                    .collect(),
            );
        }
        let mut slots = vec![u32::MAX; span as usize];
        for (i, a) in accounts.iter().enumerate() {
            slots[(a.id - min) as usize] = i as u32;
        }
        AccountIndex::Dense { min, slots }
    }

    fn get(&self, id: i64) -> Option<usize> {
        match self {
            AccountIndex::Dense { min, slots } => {
                let i = *slots.get(usize::try_from(id.checked_sub(*min)?).ok()?)?;
                (i != u32::MAX).then_some(i as usize)
            }
            AccountIndex::Sparse(m) => m.get(&id).copied(),
        }
    }
}

struct State {
    group: usize,
    formula: Option<usize>,
    last: f64,
    standing: Option<Standing>,
    sum: f64,
    below: u32,
    streak: Streak,
    messages: (u64, u64),
    series: Vec<[f64; 2]>,
}

/// The days with a post, one bit per day of the period and account, in one flat table: no
/// allocation per post, 48 bytes an account for a year.
struct PostDays {
    from: NaiveDate,
    days: i64,
    words: usize,
    bits: Vec<u64>,
}

impl PostDays {
    fn new(accounts: usize, from: NaiveDate, to: NaiveDate) -> PostDays {
        let days = (to - from).num_days().max(-1) + 1;
        let words = (days as usize).div_ceil(64);
        PostDays {
            from,
            days,
            words,
            bits: vec![0; words * accounts],
        }
    }

    /// Marks a post day; days outside the period are not kept (the rules ignore them).
    fn mark(&mut self, account: usize, day: NaiveDate) {
        let k = (day - self.from).num_days();
        if (0..self.days).contains(&k) {
            let k = k as usize;
            self.bits[account * self.words + k / 64] |= 1 << (k % 64);
        }
    }

    /// The account's post days, oldest first.
    fn list(&self, account: usize) -> Vec<NaiveDate> {
        let words = &self.bits[account * self.words..(account + 1) * self.words];
        let mut out = Vec::new();
        for (w, &word) in words.iter().enumerate() {
            let mut x = word;
            while x != 0 {
                let b = x.trailing_zeros() as i64;
                out.push(self.from + chrono::Duration::days(w as i64 * 64 + b));
                x &= x - 1;
            }
        }
        out
    }
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
                    standing: None,
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
        let mut bits = w.days;
        while bits != 0 {
            let d = bits.trailing_zeros();
            self.days
                .mark(i, w.week + chrono::Duration::days(i64::from(d)));
            bits &= bits - 1;
        }
    }

    /// Adds a weekly row: followers, reply hours, messages; its totals stand in for posts when
    /// the week has no per-post records.
    pub fn add_week_row(&mut self, buf: &mut [PeriodMetrics], w: &WeekFigures) {
        let Some(i) = self.index.get(w.account_id) else {
            return;
        };
        let m = &mut buf[i];
        m.followers = Some(w.followers as f64);
        m.reply_hours = w.reply_hours;
        if m.posts == 0.0 {
            let [posts, reads, likes, comments] = w.totals.map(|v| v.unwrap_or(0) as f64);
            m.posts = posts;
            m.total.reads = reads;
            m.total.likes = likes;
            m.total.comments = comments;
        }
        let s = &mut self.state[i].messages;
        s.0 += w.messages;
        s.1 += w.replies;
    }

    /// Closes one week: indices, group statistics, standings and streaks.
    pub fn close_week(&mut self, week: NaiveDate, buf: &[PeriodMetrics]) {
        self.weeks.push(week);
        let mut values: Vec<Vec<f64>> = vec![Vec::new(); self.groups.len()];
        let idx: Vec<f64> = self
            .state
            .iter()
            .zip(buf)
            .map(|(s, m)| s.formula.map_or(0.0, |f| self.formulas[f].inner(m)))
            .collect();
        for (s, x) in self.state.iter().zip(&idx) {
            values[s.group].push(*x);
        }
        let stats: Vec<GroupStats> = values.iter().map(|v| GroupStats::of(v)).collect();
        for (s, x) in self.state.iter_mut().zip(idx) {
            let st = stats[s.group].standing(x);
            if self.keep_series {
                s.series.push([x, stats[s.group].mean]);
            }
            s.last = x;
            s.sum += x;
            s.below += u32::from(st.below);
            s.streak.push(st.below);
            s.standing = Some(st);
        }
    }

    /// The report over `from..=to` (activity rules use the post days seen).
    pub fn finish(self, from: NaiveDate, to: NaiveDate, rules: &ActivityRules) -> OpsReport {
        let n = self.weeks.len().max(1) as f64;
        let mut rows: Vec<OpsRow> = self
            .accounts
            .iter()
            .zip(self.state)
            .enumerate()
            .map(|(i, (a, s))| {
                let act = activity::evaluate(
                    rules,
                    &self.days.list(i),
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
                    standing: s.standing,
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
