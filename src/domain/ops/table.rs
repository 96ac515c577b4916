//! The finished operations report kept lean: every account's running figures, post days and
//! group statistics of the last week, and the order rows are listed in; each row is made when
//! it is asked for ([`OpsTable::row`]), so a listing holds one row at a time.

use std::sync::Arc;

use chrono::NaiveDate;
use serde::Serialize;

use super::activity::{ActivityRules, Finding};
use super::compare::{GroupStats, Standing, Streak};
use super::formula::Formula;
use super::group::GroupBy;
use super::roster::Roster;
use super::rows::{Brief, OpsRow, RowKey, RowMaker, flag_names, join};
use super::tally::{PostDays, State};

/// The whole report.
#[derive(Debug, Clone, Serialize)]
pub struct OpsReport {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub weeks: Vec<NaiveDate>,
    pub group_by: GroupBy,
    pub rules: ActivityRules,
    pub accounts: Vec<OpsRow>,
    /// Accounts with no figures at all in the period (无数据), counted apart from the flags.
    pub no_data: usize,
    pub findings: Vec<Finding>,
}

/// What a finished builder hands over.
pub(super) struct TableParts<'a> {
    pub(super) roster: Arc<Roster>,
    pub(super) formulas: &'a [Formula],
    pub(super) state: Vec<State>,
    pub(super) days: PostDays,
    pub(super) weeks: Vec<NaiveDate>,
}

/// The report over one period, its rows made on demand in the listed order (flagged first).
pub struct OpsTable<'a> {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub weeks: Vec<NaiveDate>,
    pub group_by: GroupBy,
    pub rules: ActivityRules,
    /// Accounts with no figures at all in the period (无数据).
    pub no_data: usize,
    /// Accounts with at least one flag.
    pub flagged: usize,
    pub findings: Vec<Finding>,
    roster: Arc<Roster>,
    formulas: &'a [Formula],
    state: Vec<State>,
    days: PostDays,
    /// Each group's statistics in the last week closed (none without a week).
    stats: Vec<GroupStats>,
    /// Account positions in the listed order.
    order: Vec<u32>,
    /// What a listing shows of each account's activity, by position.
    briefs: Vec<Brief>,
}

/// One listed row as a table or CSV shows it, borrowed from the [`OpsTable`].
pub struct OpsLine<'t> {
    pub platform: &'static str,
    pub name: &'t str,
    pub group: &'t str,
    /// Index in the last week (NaN: no figures that week) and its standing in the group.
    pub index: f64,
    pub standing: Option<Standing>,
    pub mean_index: f64,
    pub streak: Streak,
    /// Flags as bits of [`FLAG_NAMES`](super::rows::FLAG_NAMES) ([`OpsLine::flags`]).
    flags: u8,
    pub no_data: bool,
    pub last_post: Option<NaiveDate>,
    pub longest_gap: i64,
}

impl OpsLine<'_> {
    /// The flag names, in listed order.
    pub fn flags(&self) -> impl Iterator<Item = &'static str> {
        flag_names(self.flags)
    }
}

/// Each group's figures of the last week (none without a week).
fn group_stats(p: &TableParts<'_>) -> Vec<GroupStats> {
    if p.weeks.is_empty() {
        return Vec::new();
    }
    let mut values: Vec<Vec<f64>> = vec![Vec::new(); p.roster.groups.len()];
    for s in &p.state {
        values[s.group].push(s.last);
    }
    values.iter().map(|v| GroupStats::of(v)).collect()
}

impl<'a> OpsTable<'a> {
    /// Judges every account once for its place in the list (two halves on two threads), and
    /// keeps what its row is made from.
    pub(super) fn new(
        p: TableParts<'a>,
        from: NaiveDate,
        to: NaiveDate,
        rules: &ActivityRules,
    ) -> OpsTable<'a> {
        let maker = RowMaker {
            days: &p.days,
            roster: &p.roster,
            formulas: p.formulas,
            rules,
            from,
            to,
            weeks: &p.weeks,
        };
        let keys = |range: std::ops::Range<usize>| -> Vec<(RowKey, u32, Brief)> {
            range
                .map(|i| {
                    let (key, brief) = maker.key(i, &p.state[i]);
                    (key, i as u32, brief)
                })
                .collect()
        };
        let n = p.state.len();
        let mid = n / 2;
        // The later half's keys and the findings on a second thread, the group figures and the
        // first half's keys on this one.
        let (mut keyed, findings, stats) = std::thread::scope(|scope| {
            let keys = &keys;
            let roster = &p.roster;
            let later = scope.spawn(move || (keys(mid..n), roster.findings(rules)));
            let stats = group_stats(&p);
            let mut first = keys(0..mid);
            let (rest, findings) = join(later);
            first.extend(rest);
            (first, findings, stats)
        });
        let briefs: Vec<Brief> = keyed.iter().map(|k| k.2).collect();
        keyed.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        let no_data = briefs.iter().filter(|b| b.no_data).count();
        let flagged = briefs.iter().filter(|b| b.flags != 0).count();
        let order = keyed.into_iter().map(|k| k.1).collect();
        OpsTable {
            from,
            to,
            group_by: p.roster.by,
            rules: rules.clone(),
            no_data,
            flagged,
            findings,
            weeks: p.weeks,
            roster: p.roster,
            formulas: p.formulas,
            state: p.state,
            days: p.days,
            stats,
            order,
            briefs,
        }
    }

    /// How many rows.
    pub fn len(&self) -> usize {
        self.order.len()
    }

    pub fn is_empty(&self) -> bool {
        self.order.is_empty()
    }

    fn maker(&self) -> RowMaker<'_> {
        RowMaker {
            days: &self.days,
            roster: &self.roster,
            formulas: self.formulas,
            rules: &self.rules,
            from: self.from,
            to: self.to,
            weeks: &self.weeks,
        }
    }

    /// The `k`-th row in the listed order (`days`: a buffer for its post days), without its
    /// weekly series.
    pub fn row(&self, k: usize, days: &mut Vec<i64>) -> OpsRow {
        self.make(&self.maker(), self.order[k] as usize, Vec::new(), days)
    }

    /// The `k`-th row in the listed order as a listing shows it (no judgement made again, no
    /// string copied).
    pub fn line(&self, k: usize) -> OpsLine<'_> {
        let i = self.order[k] as usize;
        let (s, b) = (&self.state[i], &self.briefs[i]);
        OpsLine {
            platform: self.roster.platforms[i].code(),
            name: self.roster.name(i),
            group: &self.roster.groups[s.group],
            index: s.last,
            standing: self.standing(s).filter(|_| s.last.is_finite()),
            mean_index: s.mean_index(),
            streak: s.streak,
            flags: b.flags,
            no_data: b.no_data,
            last_post: b.last_post,
            longest_gap: b.longest_gap,
        }
    }

    /// An account's standing in its group in the last week (none without a week).
    fn standing(&self, s: &State) -> Option<Standing> {
        self.stats.get(s.group).map(|g| g.standing(s.last))
    }

    fn make(
        &self,
        m: &RowMaker<'_>,
        i: usize,
        series: Vec<[f64; 2]>,
        days: &mut Vec<i64>,
    ) -> OpsRow {
        let s = &self.state[i];
        m.row(i, s, self.standing(s), series, days)
    }

    /// The report without its rows (what a listing prints around them).
    pub fn skeleton(&self) -> OpsReport {
        OpsReport {
            from: self.from,
            to: self.to,
            weeks: self.weeks.clone(),
            group_by: self.group_by,
            rules: self.rules.clone(),
            accounts: Vec::new(),
            no_data: self.no_data,
            findings: self.findings.clone(),
        }
    }

    /// The whole report, every row made (with its weekly series when they were kept).
    pub fn into_report(mut self) -> OpsReport {
        let series: Vec<Vec<[f64; 2]>> = self
            .state
            .iter_mut()
            .map(|s| std::mem::take(&mut s.series))
            .collect();
        let mut series: Vec<Option<Vec<[f64; 2]>>> = series.into_iter().map(Some).collect();
        let m = self.maker();
        let mut days = Vec::new();
        let rows = self
            .order
            .iter()
            .map(|&i| {
                let i = i as usize;
                let s = series[i].take().unwrap_or_default();
                self.make(&m, i, s, &mut days)
            })
            .collect();
        let mut r = self.skeleton();
        r.accounts = rows;
        r
    }
}
