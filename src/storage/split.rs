//! Reading a national round's accounts on several connections at once: the round's account ids
//! split into ranges, each read on its own thread through a read-only connection (the TUI's
//! first frame and every report wait for all 100,000 accounts).

use std::ops::RangeInclusive;

use super::{Store, StoreError};
use crate::domain::account::Account;

/// Below this many accounts one connection reads them faster than opening more.
const SPLIT_FROM: i64 = 20_000;

/// How many connections a split read uses: `ASSAY_READ_THREADS` when set to a number ≥ 1
/// (1: no split, for a machine shared with other work), else the cores, at most 4.
pub fn read_parts() -> usize {
    std::env::var("ASSAY_READ_THREADS")
        .ok()
        .and_then(|v| v.trim().parse::<usize>().ok())
        .filter(|n| *n >= 1)
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get().min(4)))
}

impl Store {
    /// [`Store::round_accounts`] read in up to `parts` id ranges on as many threads (one
    /// read-only connection each; one range in memory or for a small round). Same rows, same
    /// order.
    pub fn round_accounts_split(
        &self,
        round_id: i64,
        parts: usize,
    ) -> Result<Vec<Account>, StoreError> {
        let parts = self.in_id_ranges(round_id, parts, |store, range| {
            store.round_accounts_in(round_id, range)
        })?;
        Ok(parts.into_iter().flatten().collect())
    }

    /// `read` over the round's account ids split into up to `parts` consecutive ranges, each
    /// on its own thread and read-only connection (the first on this one; one range in memory,
    /// for a small round or when no other connection opens). The parts come back in id order;
    /// a round without accounts gives none.
    pub(super) fn in_id_ranges<T: Send>(
        &self,
        round_id: i64,
        parts: usize,
        read: impl Fn(&Store, RangeInclusive<i64>) -> Result<T, StoreError> + Sync,
    ) -> Result<Vec<T>, StoreError> {
        let (lo, hi, n): (Option<i64>, Option<i64>, i64) = self
            .conn
            .prepare_cached(
                "SELECT min(account_id), max(account_id), count(*) FROM round_accounts WHERE round_id = ?1",
            )?
            .query_row([round_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .map_err(|e| self.locked(e.into()))?;
        let (Some(lo), Some(hi)) = (lo, hi) else {
            return Ok(Vec::new());
        };
        // A connection that cannot be opened only means fewer parts.
        let more = if n >= SPLIT_FROM { parts } else { 1 };
        let readers: Vec<Store> = (1..more)
            .map_while(|_| self.reader().ok().flatten())
            .collect();
        let ranges = id_ranges(lo, hi, readers.len() + 1);
        let read = &read;
        std::thread::scope(|scope| {
            let rest: Vec<_> = readers
                .into_iter()
                .zip(ranges.iter().skip(1).cloned())
                .map(|(r, range)| scope.spawn(move || read(&r, range)))
                .collect();
            let first = read(self, ranges[0].clone());
            let mut out = first.map(|p| vec![p]);
            for part in rest {
                let part = part.join().unwrap_or_else(|p| std::panic::resume_unwind(p));
                out = out.and_then(|mut out| {
                    out.push(part?);
                    Ok(out)
                });
            }
            out
        })
    }
}

/// `parts` consecutive, non-empty ranges of equal width covering `lo..=hi` (fewer when the span
/// is narrower than `parts`).
fn id_ranges(lo: i64, hi: i64, parts: usize) -> Vec<RangeInclusive<i64>> {
    let span = i128::from(hi) - i128::from(lo) + 1;
    let parts = (parts.max(1) as i128).min(span);
    (0..parts)
        .map(|k| {
            let start = i128::from(lo) + span * k / parts;
            let end = i128::from(lo) + span * (k + 1) / parts - 1;
            // Both lie within lo..=hi, so they fit in an i64.
            start as i64..=end as i64
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn id_ranges_cover_the_span_once_in_order() {
        for (lo, hi, parts) in [
            (1, 100_000, 2),
            (1, 100_000, 3),
            (5, 5, 4),
            (1, 3, 4),
            (-7, 20, 3),
            (i64::MIN, i64::MAX, 2),
            (1, 10, 1),
        ] {
            let r = id_ranges(lo, hi, parts);
            assert!(!r.is_empty() && r.len() <= parts, "{r:?}");
            assert_eq!(*r[0].start(), lo);
            assert_eq!(*r[r.len() - 1].end(), hi);
            assert!(r.iter().all(|x| x.start() <= x.end()), "{r:?}");
            assert!(
                r.windows(2).all(|w| *w[0].end() + 1 == *w[1].start()),
                "{r:?}"
            );
        }
        assert_eq!(id_ranges(1, 10, 2), vec![1..=5, 6..=10]);
    }

    /// A round of `SPLIT_FROM + 7` accounts (enough to be split) in a database file.
    fn national(dir: &tempfile::TempDir) -> (Store, i64, usize) {
        use crate::domain::platform::{Level, Platform};
        let mut s = Store::create_or_open(&dir.path().join("a.db")).expect("store");
        let accounts: Vec<Account> = (0..SPLIT_FROM + 7)
            .map(|i| Account {
                id: 0,
                platform: if i % 2 == 0 {
                    Platform::WeChat
                } else {
                    Platform::Weibo
                },
                platform_label: String::new(),
                name: format!("号{i}"),
                unit: format!("单位{}", i % 13),
                level: Level::County,
                region: "省/市/县".into(),
                domain: String::new(),
                status: String::new(),
                opened: None,
            })
            .collect();
        s.insert_accounts(&accounts).expect("accounts");
        let round = s
            .create_round(&crate::storage::NewRound {
                name: "R".into(),
                rubric_id: "x".into(),
                rubric_version: "1".into(),
                rubric_text: "Rubric()".into(),
                monitoring_date: chrono::NaiveDate::from_ymd_opt(2024, 1, 1).expect("date"),
                scope: Default::default(),
            })
            .expect("round");
        (s, round.id, accounts.len())
    }

    #[test]
    fn a_split_read_gives_the_same_accounts_in_order() {
        let dir = tempfile::tempdir().expect("dir");
        let (s, round, n) = national(&dir);
        let one = s.round_accounts(round).expect("one");
        assert_eq!(one.len(), n);
        for parts in [1, 2, 3] {
            assert_eq!(s.round_accounts_split(round, parts).expect("split"), one);
        }
        assert!(
            s.round_accounts_split(round + 1, 2)
                .expect("none")
                .is_empty()
        );
    }

    /// A round's roster read in id ranges and joined: the roster of its accounts read in one
    /// (names, regions, groups in first-seen order, findings).
    #[test]
    fn a_split_roster_is_the_roster_of_the_round_accounts() {
        use crate::domain::ops::report::GroupBy;
        use crate::domain::ops::roster::Roster;
        let dir = tempfile::tempdir().expect("dir");
        let (s, round, n) = national(&dir);
        let accounts = s.round_accounts(round).expect("accounts");
        let rules = crate::domain::ops::activity::ActivityRules::default();
        for by in [GroupBy::All, GroupBy::Platform, GroupBy::County] {
            let want = Roster::of(&accounts, by);
            for parts in [1, 2, 3] {
                let got = s.round_roster_in(round, by, parts).expect("roster");
                assert_eq!(got.len(), n);
                assert!((0..n).all(|i| got.name(i) == want.name(i)), "{parts}");
                assert!((0..n).all(|i| got.region(i) == want.region(i)), "{parts}");
                assert_eq!(got.group_names(), want.group_names(), "{parts}");
                assert_eq!(got.groups_of(), want.groups_of(), "{parts}");
                assert_eq!(got.findings(&rules), want.findings(&rules), "{parts}");
            }
        }
        let none = s.round_roster_in(round + 1, GroupBy::All, 2).expect("none");
        assert!(none.is_empty());
    }

    /// Kept rows read in id ranges on several connections: the same rows, in account and
    /// evaluator order, with names and submission states; a row of another engine version in
    /// any range makes the whole read `None`.
    #[test]
    fn a_split_read_of_kept_rows_gives_the_same_rows_in_order() {
        let dir = tempfile::tempdir().expect("dir");
        let (s, round, _) = national(&dir);
        let engine = crate::domain::sheet_result::ENGINE_VERSION;
        s.conn
            .execute_batch(&format!(
                "INSERT INTO evaluators (id, name) VALUES (7, '乙'), (3, '甲');
                 INSERT INTO sheet_results
                 SELECT {round}, account_id, e.id, 1, 2, (account_id % 97) * 0.5, X'', NULL, '{engine}'
                 FROM round_accounts, evaluators e
                 WHERE round_id = {round} AND account_id % 3 <> e.id % 2;
                 INSERT INTO submissions
                 SELECT {round}, account_id, 7, 'submitted', '2024-01-02'
                 FROM round_accounts WHERE round_id = {round} AND account_id % 5 = 0;"
            ))
            .expect("rows");
        let one = s
            .read_kept_in(round, 1, &Some)
            .expect("one")
            .expect("current");
        assert!(one.len() > 20_000, "{}", one.len());
        assert!(one.windows(2).all(|w| w[0].0 <= w[1].0));
        assert!(one.iter().any(|r| r.2) && one.iter().any(|r| !r.2));
        for parts in [2, 3] {
            assert_eq!(
                s.read_kept_in(round, parts, &Some).expect("split"),
                Some(one.clone())
            );
        }
        // A row of another engine version near the end, in the last range.
        let last = one.last().expect("a row").0;
        s.conn
            .execute(
                "UPDATE sheet_results SET engine = 'old' WHERE account_id = ?1",
                [last],
            )
            .expect("old");
        for parts in [1, 2, 3] {
            assert_eq!(s.read_kept_in(round, parts, &Some).expect("split"), None);
        }
    }
}
