//! The operations report's rows: one account's running figures turned into its row (activity
//! rules, flags), and the order rows are listed in.

use chrono::NaiveDate;
use serde::Serialize;

use super::activity::{self, Activity, ActivityRules};
use super::compare::{Standing, Streak};
use super::formula::Formula;
use super::tally::{PostDays, State};
use crate::domain::account::Account;

/// Whether an account's status marks it unavailable (an app that cannot be downloaded or used).
pub fn unavailable(status: &str) -> bool {
    ["无法下载", "无法使用", "不可用", "无法访问"]
        .iter()
        .any(|w| status.contains(w))
        || status
            .as_bytes()
            .windows(11)
            .any(|w| w.eq_ignore_ascii_case(b"unavailable"))
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

/// A scoped thread's result (its panic goes on in the caller).
pub(super) fn join<T>(h: std::thread::ScopedJoinHandle<'_, T>) -> T {
    h.join().unwrap_or_else(|p| std::panic::resume_unwind(p))
}

/// The sort key of a report row: flagged first, more flags first, longer streaks first, lower
/// index first, then the account id.
#[derive(PartialEq, Eq, PartialOrd, Ord)]
pub(super) struct RowKey(std::cmp::Reverse<(bool, usize, u32)>, TotalF64, i64);

#[derive(PartialEq)]
struct TotalF64(f64);

impl Eq for TotalF64 {}

impl PartialOrd for TotalF64 {
    fn partial_cmp(&self, o: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(o))
    }
}

impl Ord for TotalF64 {
    fn cmp(&self, o: &Self) -> std::cmp::Ordering {
        self.0.total_cmp(&o.0)
    }
}

impl RowKey {
    pub(super) fn of(r: &OpsRow) -> RowKey {
        RowKey(
            std::cmp::Reverse((!r.flags.is_empty(), r.flags.len(), r.streak.longest)),
            TotalF64(r.index),
            r.id,
        )
    }
}

/// What turns an account's running figures into its report row.
pub(super) struct RowMaker<'a> {
    pub(super) days: &'a PostDays,
    pub(super) groups: &'a [String],
    pub(super) formulas: &'a [Formula],
    pub(super) rules: &'a ActivityRules,
    pub(super) from: NaiveDate,
    pub(super) to: NaiveDate,
    pub(super) weeks: f64,
}

impl RowMaker<'_> {
    /// The rows of `accounts[start..]` from their states and last standings.
    pub(super) fn rows(
        &self,
        accounts: &[Account],
        start: usize,
        state: Vec<State>,
        standings: Vec<Option<Standing>>,
    ) -> Vec<OpsRow> {
        accounts[start..]
            .iter()
            .zip(state)
            .zip(standings)
            .enumerate()
            .map(|(k, ((a, s), standing))| self.row(start + k, a, s, standing))
            .collect()
    }

    fn row(&self, i: usize, a: &Account, s: State, standing: Option<Standing>) -> OpsRow {
        let rules = self.rules;
        let act = activity::evaluate_days(
            rules,
            &self.days.day_numbers(i),
            self.from,
            self.to,
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
        // The streak still running at the end: seed 003's "two weeks below" is judged at the
        // time of review; the longest run is reported beside it.
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
            mean_index: s.sum.total() / self.weeks,
            weeks_below: s.below,
            streak: s.streak,
            flags,
            activity: act,
            series: s.series,
        }
    }
}
