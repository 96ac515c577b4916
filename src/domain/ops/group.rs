//! How the accounts of an operations report are grouped for the average: the whole round, a
//! platform, a level, or the first one to three segments of the region path.

use serde::Serialize;

use crate::domain::platform::{Level, Platform};

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

    /// The group key of an account into `out`: `all`, a platform or level code, or the first
    /// one to three segments of its region path (empty segments left out).
    pub fn write_key(self, platform: Platform, level: Level, region: &str, out: &mut String) {
        let segs = |n: usize, out: &mut String| {
            for (k, part) in region
                .split('/')
                .filter(|s| !s.is_empty())
                .take(n)
                .enumerate()
            {
                if k > 0 {
                    out.push('/');
                }
                out.push_str(part);
            }
        };
        match self {
            GroupBy::All => out.push_str("all"),
            GroupBy::Platform => out.push_str(platform.code()),
            GroupBy::Level => out.push_str(level.code()),
            GroupBy::Province => segs(1, out),
            GroupBy::City => segs(2, out),
            GroupBy::County => segs(3, out),
        }
    }
}
