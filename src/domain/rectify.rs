//! Rectification (整改) of findings, pure: where a finding stands from its follow-up records (the
//! unit's 整改说明, the evaluators' re-checks), whether it is overdue, and deadlines counted in
//! working days (工作日: Monday to Friday, except the holidays and plus the make-up working days
//! of a calendar that is data, stored with the database, never written in code).

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

/// What a re-check (复查) found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Recheck {
    /// 已整改
    Rectified,
    /// 部分整改
    Partial,
    /// 未整改
    NotRectified,
}

impl Recheck {
    pub const ALL: [Recheck; 3] = [Recheck::Rectified, Recheck::Partial, Recheck::NotRectified];

    pub fn code(self) -> &'static str {
        match self {
            Recheck::Rectified => "rectified",
            Recheck::Partial => "partial",
            Recheck::NotRectified => "not_rectified",
        }
    }

    /// The result as an office writes it.
    pub fn zh(self) -> &'static str {
        match self {
            Recheck::Rectified => "已整改",
            Recheck::Partial => "部分整改",
            Recheck::NotRectified => "未整改",
        }
    }

    /// The result from its code or its Chinese name.
    pub fn parse(s: &str) -> Option<Recheck> {
        let s = s.trim();
        Recheck::ALL
            .into_iter()
            .find(|r| r.code() == s || r.zh() == s || r.code().replace('_', "-") == s)
    }
}

/// Where a finding stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// 待整改: nothing recorded yet.
    Open,
    /// 已报送: the unit reported its rectification; no re-check yet.
    Reported,
    /// The latest re-check's result.
    Checked(Recheck),
}

impl Status {
    pub fn code(self) -> &'static str {
        match self {
            Status::Open => "open",
            Status::Reported => "reported",
            Status::Checked(r) => r.code(),
        }
    }

    /// Closed: re-checked as rectified.
    pub fn closed(self) -> bool {
        self == Status::Checked(Recheck::Rectified)
    }
}

/// A follow-up record as the rules need it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Step {
    /// The date the record states (the unit's report or the re-check).
    pub day: NaiveDate,
    /// `None`: the unit's 整改说明; `Some`: a re-check with its result.
    pub recheck: Option<Recheck>,
}

/// The status after `steps` (in the order recorded): the latest re-check decides; a unit's
/// report after a re-check that did not close it makes it 已报送 again (waiting for the next
/// re-check).
pub fn status(steps: &[Step]) -> Status {
    steps.iter().fold(Status::Open, |now, s| match s.recheck {
        Some(r) => Status::Checked(r),
        None if now.closed() => now,
        None => Status::Reported,
    })
}

/// Overdue (逾期): the deadline has passed on `today` and no re-check has closed the finding by
/// then.
pub fn overdue(steps: &[Step], deadline: Option<NaiveDate>, today: NaiveDate) -> bool {
    let Some(deadline) = deadline else {
        return false;
    };
    today > deadline && !rectified_by(steps, deadline)
}

/// Rectified in time: a re-check dated on or before `deadline` found it rectified (what 整改不力
/// is the opposite of).
pub fn rectified_by(steps: &[Step], deadline: NaiveDate) -> bool {
    let in_time: Vec<Step> = (steps.iter())
        .filter(|s| s.day <= deadline)
        .cloned()
        .collect();
    status(&in_time).closed()
}

/// The days that differ from Monday-to-Friday: holidays (false) and make-up working days on a
/// weekend (true, 调休上班).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Calendar {
    pub days: BTreeMap<NaiveDate, bool>,
}

impl Calendar {
    pub fn is_workday(&self, d: NaiveDate) -> bool {
        self.days
            .get(&d)
            .copied()
            .unwrap_or(!matches!(d.weekday(), Weekday::Sat | Weekday::Sun))
    }

    /// The `n`th working day after `start` (the start itself is not counted: 「15个工作日内」 from a
    /// Friday's bulletin ends on the Friday three weeks later); `start` itself for 0.
    pub fn add_workdays(&self, start: NaiveDate, n: u32) -> NaiveDate {
        let mut d = start;
        let mut left = n;
        while left > 0 {
            match d.succ_opt() {
                Some(next) => d = next,
                None => return d,
            }
            if self.is_workday(d) {
                left -= 1;
            }
        }
        d
    }

    /// Working days after `start` up to and including `end` (0 when `end` is not after it).
    pub fn workdays_between(&self, start: NaiveDate, end: NaiveDate) -> u32 {
        let mut n = 0;
        let mut d = start;
        while d < end {
            match d.succ_opt() {
                Some(next) => d = next,
                None => break,
            }
            if self.is_workday(d) {
                n += 1;
            }
        }
        n
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
    }

    fn step(day: &str, r: Option<Recheck>) -> Step {
        Step {
            day: d(day),
            recheck: r,
        }
    }

    #[test]
    fn working_days_skip_weekends_and_holidays_and_count_make_up_days() {
        let plain = Calendar::default();
        // Friday 2025-01-10 + 15 working days: 13–17, 20–24, 27–31 → Friday 31 January.
        assert_eq!(plain.add_workdays(d("2025-01-10"), 15), d("2025-01-31"));
        assert_eq!(plain.add_workdays(d("2025-01-10"), 1), d("2025-01-13"));
        assert_eq!(plain.add_workdays(d("2025-01-10"), 0), d("2025-01-10"));
        // 2025 Spring Festival: 28 Jan – 4 Feb off, Sunday 26 Jan and Saturday 8 Feb worked.
        let mut cal = Calendar::default();
        for day in [
            "2025-01-28",
            "2025-01-29",
            "2025-01-30",
            "2025-01-31",
            "2025-02-03",
            "2025-02-04",
        ] {
            cal.days.insert(d(day), false);
        }
        cal.days.insert(d("2025-01-26"), true);
        cal.days.insert(d("2025-02-08"), true);
        // From Friday 24 Jan: 26 (Sun, worked), 27, then 5, 6, 7, 8 (Sat, worked), 10.
        assert_eq!(cal.add_workdays(d("2025-01-24"), 2), d("2025-01-27"));
        assert_eq!(cal.add_workdays(d("2025-01-24"), 6), d("2025-02-08"));
        assert_eq!(cal.add_workdays(d("2025-01-24"), 7), d("2025-02-10"));
        assert_eq!(cal.workdays_between(d("2025-01-24"), d("2025-02-10")), 7);
        assert_eq!(cal.workdays_between(d("2025-02-10"), d("2025-01-24")), 0);
    }

    #[test]
    fn the_latest_recheck_decides_and_a_report_after_a_failed_one_reopens_it() {
        assert_eq!(status(&[]), Status::Open);
        let reported = [step("2025-01-20", None)];
        assert_eq!(status(&reported), Status::Reported);
        let partial = [
            step("2025-01-20", None),
            step("2025-01-22", Some(Recheck::Partial)),
        ];
        assert_eq!(status(&partial), Status::Checked(Recheck::Partial));
        let again = [
            step("2025-01-20", None),
            step("2025-01-22", Some(Recheck::Partial)),
            step("2025-01-25", None),
        ];
        assert_eq!(status(&again), Status::Reported);
        let closed = [
            step("2025-01-22", Some(Recheck::Rectified)),
            step("2025-01-25", None),
        ];
        assert_eq!(status(&closed), Status::Checked(Recheck::Rectified));
    }

    #[test]
    fn overdue_after_the_deadline_unless_closed_in_time() {
        let deadline = Some(d("2025-01-31"));
        let late_fix = [step("2025-02-03", Some(Recheck::Rectified))];
        let on_time = [step("2025-01-31", Some(Recheck::Rectified))];
        assert!(
            !overdue(&[], deadline, d("2025-01-31")),
            "on the day: not yet"
        );
        assert!(overdue(&[], deadline, d("2025-02-01")));
        assert!(
            overdue(&late_fix, deadline, d("2025-02-04")),
            "closed, but late"
        );
        assert!(!overdue(&on_time, deadline, d("2025-03-01")));
        assert!(
            !overdue(&[], None, d("2030-01-01")),
            "no deadline, never overdue"
        );
        assert!(!rectified_by(&late_fix, d("2025-01-31")));
    }

    #[test]
    fn a_recheck_result_reads_in_either_language() {
        for r in Recheck::ALL {
            assert_eq!(Recheck::parse(r.zh()), Some(r));
            assert_eq!(Recheck::parse(r.code()), Some(r));
        }
        assert_eq!(Recheck::parse("not-rectified"), Some(Recheck::NotRectified));
        assert_eq!(Recheck::parse("好了"), None);
    }
}
