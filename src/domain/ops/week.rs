//! Weeks: which week a date belongs to, for a configurable first weekday (Monday by default;
//! 清博 lists run Sunday to Saturday), and the weeks a period covers.

use chrono::{Datelike, Duration, NaiveDate, Weekday};

/// The first day of the week that holds `date`, weeks starting on `first`.
pub fn week_start(date: NaiveDate, first: Weekday) -> NaiveDate {
    let back = (7 + date.weekday().num_days_from_monday() - first.num_days_from_monday()) % 7;
    date - Duration::days(i64::from(back))
}

/// The week starts (oldest first) of every week that overlaps `from..=to`.
pub fn weeks_between(from: NaiveDate, to: NaiveDate, first: Weekday) -> Vec<NaiveDate> {
    let mut out = Vec::new();
    let mut w = week_start(from, first);
    while w <= to {
        out.push(w);
        w += Duration::days(7);
    }
    out
}

/// Parses a weekday as users write it: mon…sun, monday…sunday, 周一…周日, 1…7 (Monday = 1).
pub fn parse_weekday(s: &str) -> Option<Weekday> {
    let t = s.trim().to_lowercase();
    let zh = ["周一", "周二", "周三", "周四", "周五", "周六", "周日"];
    if let Some(i) = zh.iter().position(|z| *z == t) {
        return Weekday::try_from(i as u8).ok();
    }
    if t == "周天" || t == "7" {
        return Some(Weekday::Sun);
    }
    if let Ok(n) = t.parse::<u8>() {
        return (1..=6)
            .contains(&n)
            .then(|| Weekday::try_from(n - 1).ok())
            .flatten();
    }
    t.parse::<Weekday>().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn weeks_cross_the_year_end() {
        // 2024-12-31 is a Tuesday: its Monday-week began in 2024 and holds 2025-01-05 (Sunday).
        assert_eq!(week_start(d("2024-12-31"), Weekday::Mon), d("2024-12-30"));
        assert_eq!(week_start(d("2025-01-05"), Weekday::Mon), d("2024-12-30"));
        assert_eq!(week_start(d("2025-01-06"), Weekday::Mon), d("2025-01-06"));
        // Sunday-first weeks (清博): 2025-01-04 (Saturday) belongs to the week of 2024-12-29.
        assert_eq!(week_start(d("2025-01-04"), Weekday::Sun), d("2024-12-29"));
        assert_eq!(week_start(d("2025-01-05"), Weekday::Sun), d("2025-01-05"));
        let w = weeks_between(d("2024-12-25"), d("2025-01-08"), Weekday::Mon);
        assert_eq!(w, vec![d("2024-12-23"), d("2024-12-30"), d("2025-01-06")]);
    }

    #[test]
    fn weekdays_as_users_write_them() {
        assert_eq!(parse_weekday("mon"), Some(Weekday::Mon));
        assert_eq!(parse_weekday("Sunday"), Some(Weekday::Sun));
        assert_eq!(parse_weekday("周日"), Some(Weekday::Sun));
        assert_eq!(parse_weekday("7"), Some(Weekday::Sun));
        assert_eq!(parse_weekday("1"), Some(Weekday::Mon));
        assert_eq!(parse_weekday("8"), None);
    }
}
