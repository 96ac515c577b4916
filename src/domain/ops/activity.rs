//! Activity rules, every number a parameter with locality presets: dormant (no post in the D
//! days before a date), zombie (reported dormant at consecutive checks, a single gap longer than
//! G days, or marked unavailable — seed 003), update floor (fewer than K posts in a period —
//! seeds 000 and 001), no interaction (messages received, none answered) and consolidation
//! findings (too many accounts in a county, two accounts of one unit on one platform).

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

/// The parameters of every activity rule.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ActivityRules {
    /// Dormant: no post in this many days before a check date (national veto 内容不更新: 14).
    pub dormant_days: i64,
    /// Days between dormancy checks over a period (the monitoring platform's report cycle).
    pub check_days: i64,
    /// Zombie: reported dormant at this many consecutive checks (seed 003: 2).
    pub zombie_reports: u32,
    /// Zombie: any single gap between posts longer than this many days (seed 003: 20).
    pub zombie_gap_days: i64,
    /// Update floor: at least this many posts …
    pub floor_posts: u32,
    /// … in every period of this many days.
    pub floor_days: i64,
    /// Below average: flag a streak of this many consecutive weeks (seed 003: 2).
    pub streak_weeks: u32,
    /// Consolidation: more accounts than this in one county (seed 003: 10).
    pub county_max: usize,
}

/// Locality presets for [`ActivityRules`].
pub const PRESETS: &[(&str, &str)] = &[
    (
        "national",
        "国办秘函〔2019〕19号: 2 weeks without update; floor 1 post per 14 days",
    ),
    (
        "sichuan",
        "四川 (seed 000): at least one update every 2 weeks",
    ),
    ("shenmu", "神木 (seed 001): at least two posts a week"),
    (
        "yunhe",
        "云和 (seed 003): zombie after 2 reports or a 20-day gap; ≤ 10 accounts a county",
    ),
];

impl Default for ActivityRules {
    fn default() -> Self {
        ActivityRules {
            dormant_days: 14,
            check_days: 7,
            zombie_reports: 2,
            zombie_gap_days: 20,
            floor_posts: 1,
            floor_days: 14,
            streak_weeks: 2,
            county_max: 10,
        }
    }
}

impl ActivityRules {
    /// A named preset (see [`PRESETS`]); `None` for an unknown name.
    pub fn preset(name: &str) -> Option<ActivityRules> {
        let base = ActivityRules::default();
        match name.trim().to_lowercase().as_str() {
            "national" | "国家" | "sichuan" | "四川" | "yunhe" | "云和" => Some(base),
            "shenmu" | "神木" => Some(ActivityRules {
                floor_posts: 2,
                floor_days: 7,
                ..base
            }),
            _ => None,
        }
    }
}

/// What the rules found for one account over one period.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Activity {
    /// The newest post on or before the period's end.
    pub last_post: Option<NaiveDate>,
    /// Days from the last post (or the period start, without posts) to the period end.
    pub silent_days: i64,
    /// Dormant at the period's end date.
    pub dormant_now: bool,
    /// Check dates at which the account was dormant.
    pub dormant_reports: Vec<NaiveDate>,
    /// The most consecutive dormant checks.
    pub consecutive_reports: u32,
    /// The longest gap in days between posts (period edges count as posts).
    pub longest_gap: i64,
    pub zombie: bool,
    /// Why zombie: "reports", "gap", "unavailable".
    pub zombie_because: Vec<&'static str>,
    /// Floor periods (their first day) with fewer posts than the floor.
    pub under_floor: Vec<NaiveDate>,
    /// Messages received and replies sent over the period (when weekly figures exist).
    pub messages: u64,
    pub replies: u64,
    pub no_interaction: bool,
}

/// Evaluates the rules for one account. `days` holds the dates of its posts (any order, with
/// repeats); only those in `from..=to` count. `unavailable` marks an app that cannot be
/// downloaded or used.
pub fn evaluate(
    rules: &ActivityRules,
    days: &[NaiveDate],
    from: NaiveDate,
    to: NaiveDate,
    messages: (u64, u64),
    unavailable: bool,
) -> Activity {
    let range = day_number(from)..=day_number(to);
    let mut d: Vec<i64> = days
        .iter()
        .map(|x| day_number(*x))
        .filter(|x| range.contains(x))
        .collect();
    d.sort_unstable();
    d.dedup();
    evaluate_days(rules, &d, from, to, messages, unavailable)
}

/// A date as a day number ([`NaiveDate::num_days_from_ce`]): the rules count days in integers.
pub fn day_number(d: NaiveDate) -> i64 {
    i64::from(d.num_days_from_ce())
}

fn date_of(n: i64, fallback: NaiveDate) -> NaiveDate {
    i32::try_from(n)
        .ok()
        .and_then(NaiveDate::from_num_days_from_ce_opt)
        .unwrap_or(fallback)
}

/// [`evaluate`] for post days given as day numbers ([`day_number`]), sorted, without repeats,
/// all within `from..=to`.
pub fn evaluate_days(
    rules: &ActivityRules,
    d: &[i64],
    from: NaiveDate,
    to: NaiveDate,
    messages: (u64, u64),
    unavailable: bool,
) -> Activity {
    let (mut reports, mut under_floor) = (Vec::new(), Vec::new());
    let scan = scan_days(
        rules,
        d,
        (day_number(from), day_number(to)),
        &mut |at| reports.push(date_of(at, to)),
        &mut |start| under_floor.push(date_of(start, to)),
    );
    let mut because = Vec::new();
    if scan.reports_in_a_row(rules) {
        because.push("reports");
    }
    if scan.gap_too_long(rules) {
        because.push("gap");
    }
    if unavailable {
        because.push("unavailable");
    }
    Activity {
        last_post: d.last().map(|&n| date_of(n, to)),
        silent_days: scan.silent_days,
        dormant_now: scan.dormant_now(rules),
        dormant_reports: reports,
        consecutive_reports: scan.best,
        longest_gap: scan.longest_gap,
        zombie: !because.is_empty(),
        zombie_because: because,
        under_floor,
        messages: messages.0,
        replies: messages.1,
        no_interaction: no_interaction(messages),
    }
}

/// What the rules conclude for one account, without the dates they name: what a listing shows
/// and sorts by (the flags, the last post, the longest gap).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Verdict {
    /// Dormant at a check date or at the end.
    pub dormant: bool,
    pub zombie: bool,
    /// Some floor period with fewer posts than the floor.
    pub under_floor: bool,
    pub no_interaction: bool,
    pub last_post: Option<NaiveDate>,
    pub longest_gap: i64,
}

impl Activity {
    /// The verdict these findings make.
    pub fn verdict(&self) -> Verdict {
        Verdict {
            dormant: !self.dormant_reports.is_empty() || self.dormant_now,
            zombie: self.zombie,
            under_floor: !self.under_floor.is_empty(),
            no_interaction: self.no_interaction,
            last_post: self.last_post,
            longest_gap: self.longest_gap,
        }
    }
}

/// Messages received and none answered.
fn no_interaction(messages: (u64, u64)) -> bool {
    messages.0 > 0 && messages.1 == 0
}

/// What one pass over an account's post days finds (the dates handed out as it goes).
struct DayScan {
    /// Days from the last post (or the day before the period) to the period's end.
    silent_days: i64,
    /// The most consecutive dormant checks.
    best: u32,
    /// The longest gap between posts, the period's edges counting as posts.
    longest_gap: i64,
}

impl DayScan {
    fn dormant_now(&self, rules: &ActivityRules) -> bool {
        self.silent_days >= rules.dormant_days
    }

    fn reports_in_a_row(&self, rules: &ActivityRules) -> bool {
        self.best >= rules.zombie_reports && rules.zombie_reports > 0
    }

    fn gap_too_long(&self, rules: &ActivityRules) -> bool {
        self.longest_gap > rules.zombie_gap_days
    }
}

/// An account's post days as the day rules read them: sorted day numbers without repeats
/// (`[i64]`) or one bit a day ([`DayBits`]).
pub(super) trait DaySet {
    /// The last day with a post on or before `day`.
    fn last_upto(&self, day: i64) -> Option<i64>;
    /// How many days of `lo..=hi` have a post.
    fn count(&self, lo: i64, hi: i64) -> u32;
    /// The days with a post, oldest first.
    fn each(&self) -> impl Iterator<Item = i64> + '_;
}

impl DaySet for [i64] {
    fn last_upto(&self, day: i64) -> Option<i64> {
        let p = self.partition_point(|x| *x <= day);
        p.checked_sub(1).map(|i| self[i])
    }

    fn count(&self, lo: i64, hi: i64) -> u32 {
        let start = self.partition_point(|x| *x < lo);
        let end = self.partition_point(|x| *x <= hi);
        end.saturating_sub(start) as u32
    }

    fn each(&self) -> impl Iterator<Item = i64> + '_ {
        self.iter().copied()
    }
}

/// The verdict of the day rules over the post days `d` (see [`evaluate_days`], whose
/// findings give the same verdict), without the dates they name.
fn verdict_of<D: DaySet + ?Sized>(
    rules: &ActivityRules,
    d: &D,
    from: NaiveDate,
    to: NaiveDate,
    messages: (u64, u64),
    unavailable: bool,
) -> Verdict {
    let (mut reports, mut under) = (0usize, 0usize);
    let scan = scan_days(
        rules,
        d,
        (day_number(from), day_number(to)),
        &mut |_| reports += 1,
        &mut |_| under += 1,
    );
    Verdict {
        dormant: reports > 0 || scan.dormant_now(rules),
        zombie: scan.reports_in_a_row(rules) || scan.gap_too_long(rules) || unavailable,
        under_floor: under > 0,
        no_interaction: no_interaction(messages),
        last_post: d.last_upto(i64::MAX).map(|n| date_of(n, to)),
        longest_gap: scan.longest_gap,
    }
}

/// The day rules over post days `d` for the period `f..=t` (day numbers): each check day at
/// which the account is dormant goes to `report`, each floor period with too few posts (its
/// first day) to `floor`.
fn scan_days<D: DaySet + ?Sized>(
    rules: &ActivityRules,
    d: &D,
    (f, t): (i64, i64),
    report: &mut impl FnMut(i64),
    floor: &mut impl FnMut(i64),
) -> DayScan {
    // Days since the last post on or before `at` (the day before the period without one).
    let silent = |at: i64| at - d.last_upto(at).unwrap_or(f - 1);
    let (mut run, mut best) = (0u32, 0u32);
    let mut at = f + rules.dormant_days - 1;
    while at <= t {
        if silent(at) >= rules.dormant_days {
            report(at);
            run += 1;
            best = best.max(run);
        } else {
            run = 0;
        }
        at += rules.check_days.max(1);
    }
    // Gaps between posts, the days before the first and after the last counting as gaps.
    let mut prev = f - 1;
    let mut longest_gap = 0;
    for x in d.each().chain(std::iter::once(t + 1)) {
        longest_gap = longest_gap.max(x - prev - 1);
        prev = x;
    }
    // Whole floor periods in `f..=t`, counted from `f`.
    let len = rules.floor_days.max(1);
    let mut start = f;
    while start + len - 1 <= t {
        if d.count(start, start + len - 1) < rules.floor_posts {
            floor(start);
        }
        start += len;
    }
    DayScan {
        silent_days: silent(t),
        best,
        longest_gap,
    }
}

/// A consolidation finding (seeds 001, 003).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Finding {
    /// More accounts in one county than allowed.
    CountyOverLimit {
        county: String,
        accounts: usize,
        limit: usize,
    },
    /// Two or more accounts of one unit on one platform.
    DuplicateUnit {
        unit: String,
        platform: String,
        accounts: Vec<String>,
    },
}

#[path = "activity_bits.rs"]
mod bits;
pub use bits::{DayBits, verdict_bits};

#[cfg(test)]
#[path = "activity_tests.rs"]
mod tests;
