//! The operations report's rows: one account's running figures turned into its row (activity
//! rules, flags), and the order rows are listed in.

use chrono::NaiveDate;
use serde::Serialize;

use super::activity::{self, Activity, ActivityRules, Verdict};
use super::compare::{Standing, Streak};
use super::formula::Formula;
use super::roster::Roster;
use super::tally::{PostDays, State};

/// One account's line in the report.
#[derive(Debug, Clone, Serialize)]
pub struct OpsRow {
    pub id: i64,
    pub platform: &'static str,
    pub name: String,
    pub region: String,
    pub group: String,
    pub formula: Option<String>,
    /// Index in the last week of the period (NaN, null in JSON: no figures that week), and its
    /// standing in the group that week; published at [`INDEX_DECIMALS`].
    ///
    /// [`INDEX_DECIMALS`]: crate::domain::figure::INDEX_DECIMALS
    #[serde(serialize_with = "crate::domain::figure::serialize_index")]
    pub index: f64,
    pub standing: Option<Standing>,
    /// Mean of the weekly indices over the weeks with figures (NaN without any).
    #[serde(serialize_with = "crate::domain::figure::serialize_index")]
    pub mean_index: f64,
    pub weeks_below: u32,
    pub streak: Streak,
    /// Flag names: dormant, zombie, below_average, under_floor, no_interaction.
    pub flags: Vec<&'static str>,
    /// No figures at all in the period (无数据): no rule is judged, nothing is flagged.
    pub no_data: bool,
    /// Weeks of the period with figures, and without (无数据 weeks).
    pub data_weeks: u32,
    pub no_data_weeks: u32,
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

/// The flags a row can carry, in the order they are listed (bit k of a flag set = name k).
pub const FLAG_NAMES: [&str; 5] = [
    "dormant",
    "zombie",
    "below_average",
    "under_floor",
    "no_interaction",
];

/// The names of the flags in a flag set, in listed order.
pub fn flag_names(bits: u8) -> impl Iterator<Item = &'static str> {
    FLAG_NAMES
        .into_iter()
        .enumerate()
        .filter(move |(k, _)| bits & (1 << k) != 0)
        .map(|(_, n)| n)
}

/// What the rules found for one account: its activity, flags (bits of [`FLAG_NAMES`]), and
/// whether it has figures at all in the period (without, nothing is judged: 无数据).
pub(super) struct Judged {
    pub(super) activity: Activity,
    pub(super) flags: u8,
    pub(super) covered: bool,
}

/// What a listing shows of one account's activity, kept from the one judgement that placed it
/// in the list (a row of every figure is made again only for JSON).
#[derive(Clone, Copy)]
pub(super) struct Brief {
    pub(super) flags: u8,
    pub(super) no_data: bool,
    pub(super) last_post: Option<NaiveDate>,
    pub(super) longest_gap: i64,
}

/// What turns an account's running figures into its report row.
pub(super) struct RowMaker<'a> {
    pub(super) days: &'a PostDays,
    pub(super) roster: &'a Roster,
    pub(super) formulas: &'a [Formula],
    pub(super) rules: &'a ActivityRules,
    pub(super) from: NaiveDate,
    pub(super) to: NaiveDate,
    /// The Mondays of the weeks closed.
    pub(super) weeks: &'a [NaiveDate],
}

impl RowMaker<'_> {
    /// The part of the period the account has figures for: from the Monday of its first week
    /// with figures to the Sunday of its last, or to the end of the period when that is the
    /// last week closed (the days after it belong to no closed week yet). `None` without any:
    /// every rule needs data, so nothing is judged (无数据).
    fn covered(&self, s: &State) -> Option<(NaiveDate, NaiveDate)> {
        let first = *self.weeks.get(s.first_data? as usize)?;
        let at = s.last_data? as usize;
        let last = *self.weeks.get(at)?;
        let end = match at + 1 == self.weeks.len() {
            true => self.to,
            false => (last + chrono::Days::new(6)).min(self.to),
        };
        Some((first.max(self.from), end))
    }

    /// The rules over the account at position `i` with running figures `s`; `days` is a
    /// buffer for its post days.
    pub(super) fn judge(&self, i: usize, s: &State, days: &mut Vec<i64>) -> Judged {
        let act = self.activity(i, s, days);
        let covered = act.is_some();
        let act = act.unwrap_or_default();
        Judged {
            flags: self.flags(s, covered.then(|| act.verdict())),
            activity: act,
            covered,
        }
    }

    /// The activity rules' findings over the post days of the account at position `i` within
    /// the weeks its figures cover; `None` without figures.
    fn activity(&self, i: usize, s: &State, days: &mut Vec<i64>) -> Option<Activity> {
        let (from, to) = self.covered(s)?;
        self.days.day_numbers_into(i, days);
        let unavailable = self.roster.unavailable[i];
        Some(activity::evaluate_days(
            self.rules,
            days,
            from,
            to,
            s.messages,
            unavailable,
        ))
    }

    /// The flags (bits of [`FLAG_NAMES`]) of an account with running figures `s` and the
    /// rules' verdict (none without figures: nothing is judged).
    fn flags(&self, s: &State, verdict: Option<Verdict>) -> u8 {
        let Some(v) = verdict else {
            return 0;
        };
        let rules = self.rules;
        let mut flags = 0u8;
        let mut flag = |k: usize, on: bool| flags |= u8::from(on) << k;
        flag(0, v.dormant);
        flag(1, v.zombie);
        // The streak still running at the end: seed 003's "two weeks below" is judged at
        // the time of review; the longest run is reported beside it.
        flag(
            2,
            s.streak.current >= rules.streak_weeks && rules.streak_weeks > 0,
        );
        flag(3, v.under_floor);
        flag(4, v.no_interaction);
        flags
    }

    /// The sort key of the account at position `i`, with what a listing shows of it: the same
    /// rules as [`Self::judge`], without the dates they name.
    pub(super) fn key(&self, i: usize, s: &State) -> (RowKey, Brief) {
        let verdict = self.covered(s).map(|(from, to)| {
            let unavailable = self.roster.unavailable[i];
            let bits = self.days.bits_of(i);
            activity::verdict_bits(self.rules, bits, from, to, s.messages, unavailable)
        });
        let flags = self.flags(s, verdict);
        let n = flags.count_ones() as usize;
        let key = RowKey(
            std::cmp::Reverse((n > 0, n, s.streak.longest)),
            TotalF64(s.last),
            self.roster.ids[i],
        );
        let brief = Brief {
            flags,
            no_data: verdict.is_none(),
            last_post: verdict.and_then(|v| v.last_post),
            longest_gap: verdict.map_or(0, |v| v.longest_gap),
        };
        (key, brief)
    }

    /// The row of the account at position `i`, with its standing in the last week and its
    /// weekly series.
    pub(super) fn row(
        &self,
        i: usize,
        s: &State,
        standing: Option<Standing>,
        series: Vec<[f64; 2]>,
        days: &mut Vec<i64>,
    ) -> OpsRow {
        let j = self.judge(i, s, days);
        let r = self.roster;
        let weeks = self.weeks.len() as u32;
        OpsRow {
            id: r.ids[i],
            platform: r.platforms[i].code(),
            name: r.name(i).to_string(),
            region: r.region(i).to_string(),
            group: r.groups[s.group].clone(),
            formula: s.formula.map(|f| self.formulas[f].id.clone()),
            index: s.last,
            standing: standing.filter(|_| s.last.is_finite()),
            mean_index: s.mean_index(),
            weeks_below: s.below,
            streak: s.streak,
            flags: flag_names(j.flags).collect(),
            no_data: !j.covered,
            data_weeks: s.data_weeks,
            no_data_weeks: weeks.saturating_sub(s.data_weeks),
            activity: j.activity,
            series,
        }
    }
}
