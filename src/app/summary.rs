//! Round summary computed from the cached rows: counts, pass rate, vetoes by reason, and mean
//! totals by level and by platform. Rows whose result is still being computed are left out.

use std::collections::BTreeMap;

use super::list::{Row, STATUSES};
use crate::domain::engine::Status;
use crate::domain::platform::{Level, Platform};

#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    pub accounts: usize,
    /// Counts per status, in `list::STATUSES` order.
    pub by_status: [usize; 5],
    /// Passed / (passed + failed + vetoed); `None` when nothing is finished.
    pub pass_rate: Option<f64>,
    /// (reason, accounts), most frequent first.
    pub vetoes: Vec<(String, usize)>,
    /// (level, mean total, accounts) over started accounts.
    pub by_level: Vec<(Level, f64, usize)>,
    pub by_platform: Vec<(Platform, f64, usize)>,
}

impl Summary {
    pub fn of(rows: &[Row]) -> Summary {
        let mut by_status = [0usize; 5];
        let mut reasons: BTreeMap<&str, usize> = BTreeMap::new();
        let mut lv: BTreeMap<Level, (f64, usize)> = BTreeMap::new();
        let mut pf: BTreeMap<Platform, (f64, usize)> = BTreeMap::new();
        // Rows still being computed count in `accounts` only.
        for r in rows.iter().filter(|r| !r.pending) {
            let i = STATUSES.iter().position(|s| *s == r.status).unwrap_or(0);
            by_status[i] += 1;
            for v in &r.vetoes {
                *reasons.entry(v.as_str()).or_default() += 1;
            }
            if let (true, Some(t)) = (r.status != Status::NotStarted, r.total) {
                let e = lv.entry(r.account.level).or_default();
                e.0 += t;
                e.1 += 1;
                let e = pf.entry(r.account.platform).or_default();
                e.0 += t;
                e.1 += 1;
            }
        }
        let count = |s: Status| by_status[STATUSES.iter().position(|x| *x == s).unwrap_or(0)];
        let pass = count(Status::Pass);
        let done = pass + count(Status::Fail) + count(Status::Vetoed);
        let mut vetoes: Vec<(String, usize)> = reasons
            .into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .collect();
        vetoes.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        Summary {
            accounts: rows.len(),
            by_status,
            pass_rate: (done > 0).then(|| pass as f64 / done as f64),
            vetoes,
            by_level: lv
                .into_iter()
                .map(|(k, (s, n))| (k, s / n as f64, n))
                .collect(),
            by_platform: pf
                .into_iter()
                .map(|(k, (s, n))| (k, s / n as f64, n))
                .collect(),
        }
    }
}
