//! Dates as people type them: `YYYY-MM-DD` with a four-digit year. chrono alone reads
//! `24-01-01` as the year 24; every date the program accepts goes through here instead.

use chrono::NaiveDate;

/// Whether the text starts with a year of exactly four digits (then a separator or the end).
pub fn four_digit_year(text: &str) -> bool {
    let t = text.trim();
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    digits == 4 && t.len() >= 4
}

/// A date written `YYYY-MM-DD` (month and day with or without a leading zero).
pub fn iso_date(text: &str) -> Option<NaiveDate> {
    let t = text.trim();
    if !four_digit_year(t) || t.as_bytes().get(4) != Some(&b'-') {
        return None;
    }
    NaiveDate::parse_from_str(t, "%Y-%m-%d").ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_year_has_four_digits() {
        assert_eq!(iso_date("2024-01-01"), NaiveDate::from_ymd_opt(2024, 1, 1));
        assert_eq!(iso_date(" 2024-1-5 "), NaiveDate::from_ymd_opt(2024, 1, 5));
        for bad in [
            "24-01-01",
            "024-01-01",
            "20240-01-01",
            "2024/01/01",
            "2024-13-01",
            "",
        ] {
            assert_eq!(iso_date(bad), None, "{bad}");
        }
        assert!(four_digit_year("2024年3月5日"));
        assert!(!four_digit_year("24年3月5日"));
    }
}
