//! Activity rules, every number a parameter with locality presets: dormant (no post in the D
//! days before a date), zombie (reported dormant at consecutive checks, a single gap longer than
//! G days, or marked unavailable — seed 003), update floor (fewer than K posts in a period —
//! seeds 000 and 001), no interaction (messages received, none answered) and consolidation
//! findings (too many accounts in a county, two accounts of one unit on one platform).

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use crate::domain::account::Account;

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
    let (f, t) = (day_number(from), day_number(to));
    // Days since the last post on or before `at` (the day before the period without one);
    // `p` posts fall on or before `at`.
    let silent = |at: i64, p: usize| at - if p > 0 { d[p - 1] } else { f - 1 };
    let silent_days = silent(t, d.partition_point(|x| *x <= t));
    let mut reports = Vec::new();
    let (mut run, mut best) = (0u32, 0u32);
    // The checks move forward, and so does the count of posts before each.
    let (mut at, mut p) = (f + rules.dormant_days - 1, 0);
    while at <= t {
        while p < d.len() && d[p] <= at {
            p += 1;
        }
        if silent(at, p) >= rules.dormant_days {
            reports.push(date_of(at, to));
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
    for &x in d.iter().chain(std::iter::once(&(t + 1))) {
        longest_gap = longest_gap.max(x - prev - 1);
        prev = x;
    }
    let mut because = Vec::new();
    if best >= rules.zombie_reports && rules.zombie_reports > 0 {
        because.push("reports");
    }
    if longest_gap > rules.zombie_gap_days {
        because.push("gap");
    }
    if unavailable {
        because.push("unavailable");
    }
    Activity {
        last_post: d.last().map(|&n| date_of(n, to)),
        silent_days,
        dormant_now: silent_days >= rules.dormant_days,
        dormant_reports: reports,
        consecutive_reports: best,
        longest_gap,
        zombie: !because.is_empty(),
        zombie_because: because,
        under_floor: under_floor(rules, d, f, t, to),
        messages: messages.0,
        replies: messages.1,
        no_interaction: messages.0 > 0 && messages.1 == 0,
    }
}

/// Whole floor periods in `f..=t` (day numbers, counted from `f`) with fewer posts than the
/// floor, as their first days.
fn under_floor(rules: &ActivityRules, d: &[i64], f: i64, t: i64, to: NaiveDate) -> Vec<NaiveDate> {
    let len = rules.floor_days.max(1);
    let mut out = Vec::new();
    // Posts before the period's start and before its end, both moving forward.
    let (mut start, mut lo, mut hi) = (f, 0, 0);
    while start + len - 1 <= t {
        let end = start + len;
        while lo < d.len() && d[lo] < start {
            lo += 1;
        }
        hi = hi.max(lo);
        while hi < d.len() && d[hi] < end {
            hi += 1;
        }
        if ((hi - lo) as u32) < rules.floor_posts {
            out.push(date_of(start, to));
        }
        start = end;
    }
    out
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

/// The county part of a region path (first three segments: 省/市/县), borrowed from the path
/// when it has no empty segment before the county's end.
fn county(region: &str) -> Option<std::borrow::Cow<'_, str>> {
    let mut end = 0;
    let mut seen = 0;
    for seg in region.split('/') {
        if seg.is_empty() {
            let parts: Vec<&str> = region.split('/').filter(|s| !s.is_empty()).collect();
            return (parts.len() >= 3).then(|| parts[..3].join("/").into());
        }
        end += seg.len() + usize::from(seen > 0);
        seen += 1;
        if seen == 3 {
            return Some(region[..end].into());
        }
    }
    None
}

/// Consolidation findings over a set of accounts (counties, then units, each in key order).
pub fn consolidation(rules: &ActivityRules, accounts: &[&Account]) -> Vec<Finding> {
    let mut c = Consolidation::default();
    for (i, a) in accounts.iter().enumerate() {
        c.add(i as u32, &a.region, &a.unit, a.platform.code());
    }
    c.findings(rules, |i| &accounts[i as usize].name)
}

/// The consolidation rule gathered one account at a time, without keeping the accounts'
/// strings: accounts counted by county, and per host unit and platform the positions of its
/// accounts (their names are asked for at the end, only for the units with more than one).
#[derive(Default)]
pub struct Consolidation {
    counties: foldhash::HashMap<String, usize>,
    /// Unit → its accounts on each platform.
    units: foldhash::HashMap<Box<str>, Vec<UnitSeen>>,
}

/// A host unit's accounts on one platform: the platform code, the first account's position and
/// the later ones'.
type UnitSeen = (&'static str, u32, Vec<u32>);

impl Consolidation {
    /// Adds the account at position `at` (positions rise in the order accounts are listed).
    pub fn add(&mut self, at: u32, region: &str, unit: &str, platform: &'static str) {
        self.add_region(region, 1);
        self.add_unit(at, unit, platform);
    }

    /// Counts `n` accounts in `region` (towards its county).
    pub fn add_region(&mut self, region: &str, n: usize) {
        if let Some(c) = county(region) {
            match self.counties.get_mut(c.as_ref()) {
                Some(k) => *k += n,
                None => {
                    self.counties.insert(c.into_owned(), n);
                }
            }
        }
    }

    /// Adds the account at position `at` to its host unit's accounts on `platform`.
    pub fn add_unit(&mut self, at: u32, unit: &str, platform: &'static str) {
        let unit = unit.trim();
        if unit.is_empty() {
            return;
        }
        let seen = match self.units.get_mut(unit) {
            Some(v) => v,
            None => self.units.entry(unit.into()).or_default(),
        };
        match seen.iter_mut().find(|(p, _, _)| *p == platform) {
            Some((_, _, more)) => more.push(at),
            None => seen.push((platform, at, Vec::new())),
        }
    }

    /// Forgets the units with one account on each platform (they make no finding): what is
    /// kept is then the counties and the repeated units.
    pub fn settle(&mut self) {
        self.units.retain(|_, seen| {
            seen.retain(|(_, _, more)| !more.is_empty());
            !seen.is_empty()
        });
        self.units.shrink_to_fit();
    }

    /// The findings (counties over the limit, then units with more than one account on a
    /// platform, each in key order); `name` gives an account's name from its position.
    pub fn findings<'n>(
        &self,
        rules: &ActivityRules,
        name: impl Fn(u32) -> &'n str,
    ) -> Vec<Finding> {
        let mut counties: Vec<(String, usize)> = self
            .counties
            .iter()
            .filter(|(_, n)| **n > rules.county_max)
            .map(|(c, n)| (c.clone(), *n))
            .collect();
        counties.sort();
        let mut units: Vec<((&str, &'static str), Vec<u32>)> = Vec::new();
        for (unit, seen) in &self.units {
            for (platform, first, more) in seen {
                if !more.is_empty() {
                    let mut all = vec![*first];
                    all.extend(more);
                    units.push(((unit, platform), all));
                }
            }
        }
        units.sort_by(|a, b| a.0.cmp(&b.0));
        let mut out: Vec<Finding> = counties
            .into_iter()
            .map(|(county, accounts)| Finding::CountyOverLimit {
                county,
                accounts,
                limit: rules.county_max,
            })
            .collect();
        out.extend(
            units
                .into_iter()
                .map(|((unit, platform), accounts)| Finding::DuplicateUnit {
                    unit: unit.to_string(),
                    platform: platform.to_string(),
                    accounts: accounts.into_iter().map(|i| name(i).to_string()).collect(),
                }),
        );
        out
    }
}

#[cfg(test)]
#[path = "activity_tests.rs"]
mod tests;
