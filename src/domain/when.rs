//! Moments as people read them: a time kept in UTC (RFC 3339, `2024-12-16T02:05:09Z`) shown in
//! the reader's local time zone with its offset (`2024-12-16 10:05:09 +08:00`), so nobody has
//! to add eight hours in their head and nobody mistakes the zone.

use chrono::{DateTime, FixedOffset, Local, Utc};

/// `at` in the local time zone with its offset; a text that is not such a time is returned as
/// it is (never dropped).
pub fn local(at: &str) -> String {
    match DateTime::parse_from_rfc3339(at.trim()) {
        Ok(t) => shown(t.with_timezone(&Local).fixed_offset()),
        Err(_) => at.to_string(),
    }
}

/// `at` at a given offset (what [`local`] does with the local one; tests pick theirs).
pub fn at_offset(at: &str, offset: FixedOffset) -> String {
    match DateTime::parse_from_rfc3339(at.trim()) {
        Ok(t) => shown(t.with_timezone(&Utc).with_timezone(&offset)),
        Err(_) => at.to_string(),
    }
}

fn shown(t: DateTime<FixedOffset>) -> String {
    t.format("%Y-%m-%d %H:%M:%S %:z").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utc_reads_in_the_readers_zone_with_its_offset() {
        let beijing = FixedOffset::east_opt(8 * 3600).expect("offset");
        assert_eq!(
            at_offset("2024-12-16T20:05:09Z", beijing),
            "2024-12-17 04:05:09 +08:00"
        );
        let utc = FixedOffset::east_opt(0).expect("offset");
        assert_eq!(
            at_offset("2024-12-16T20:05:09Z", utc),
            "2024-12-16 20:05:09 +00:00"
        );
        assert_eq!(at_offset("昨天", beijing), "昨天");
        // The local form always carries an offset.
        let l = local("2024-12-16T20:05:09Z");
        assert!(
            l.starts_with("2024-12-1") && (l.contains(" +") || l.contains(" -")),
            "{l}"
        );
    }
}
