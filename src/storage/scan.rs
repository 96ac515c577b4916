//! Lean streaming of a round's judgements for totals and aggregates: only the columns the engine
//! reads (no notes, evidence, names or timestamps), grouped per account and evaluator.

use rusqlite::OptionalExtension;

use crate::domain::entry::Entry;

use super::{Store, StoreError};

mod rows;

impl Store {
    /// Calls `f(account_id, evaluator_id, entries)` once per scored sheet of the round, in
    /// account then evaluator order. Memory: one sheet at a time.
    pub fn for_each_sheet(
        &self,
        round_id: i64,
        f: &mut dyn FnMut(i64, i64, &[Entry]),
    ) -> Result<(), StoreError> {
        self.scan_sheets(round_id, None, &mut |a, e, sheet| {
            f(a, e, sheet);
            true
        })
    }

    /// Like [`Store::for_each_sheet`] for one evaluator (by name); nothing when the name has
    /// never scored.
    pub fn for_each_sheet_of(
        &self,
        round_id: i64,
        evaluator: &str,
        f: &mut dyn FnMut(i64, &[Entry]),
    ) -> Result<(), StoreError> {
        self.try_for_each_sheet_of(round_id, evaluator, &mut |a, sheet| {
            f(a, sheet);
            true
        })
    }

    /// Like [`Store::for_each_sheet_of`], stopping early (without error) as soon as `f` returns
    /// false: a background reader whose consumer has gone away.
    pub fn try_for_each_sheet_of(
        &self,
        round_id: i64,
        evaluator: &str,
        f: &mut dyn FnMut(i64, &[Entry]) -> bool,
    ) -> Result<(), StoreError> {
        let id: Option<i64> = self
            .conn
            .query_row(
                "SELECT id FROM evaluators WHERE name = ?1",
                [evaluator],
                |r| r.get(0),
            )
            .optional()
            .map_err(|e| self.locked(e.into()))?;
        match id {
            Some(id) => self.scan_sheets(round_id, Some(id), &mut |a, _, sheet| f(a, sheet)),
            None => Ok(()),
        }
    }

    /// Like [`Store::for_each_sheet`] for the accounts with ids in `accounts` only: one part of
    /// a scan split between connections (see [`Store::reader`]).
    pub fn for_each_sheet_in(
        &self,
        round_id: i64,
        accounts: std::ops::RangeInclusive<i64>,
        f: &mut dyn FnMut(i64, i64, &[Entry]),
    ) -> Result<(), StoreError> {
        scan_rows(&self.conn, round_id, None, accounts, &mut |a, e, sheet| {
            f(a, e, sheet);
            true
        })
        .map_err(|e| self.locked(e))
    }

    /// Another read-only connection to the same database file, for a scan on another thread
    /// (WAL lets it read while this one writes); `None` for an in-memory database.
    pub fn reader(&self) -> Result<Option<Store>, StoreError> {
        if self.path.as_os_str() == ":memory:" {
            return Ok(None);
        }
        Store::open_read_only(&self.path).map(Some)
    }

    fn scan_sheets(
        &self,
        round_id: i64,
        evaluator_id: Option<i64>,
        f: &mut dyn FnMut(i64, i64, &[Entry]) -> bool,
    ) -> Result<(), StoreError> {
        scan_conn(&self.conn, round_id, evaluator_id, f).map_err(|e| self.locked(e))
    }
}

/// The scan itself, on any connection (also inside a transaction: kept results are recomputed
/// with it while a bulk load commits).
pub(super) fn scan_conn(
    conn: &rusqlite::Connection,
    round_id: i64,
    evaluator_id: Option<i64>,
    f: &mut dyn FnMut(i64, i64, &[Entry]) -> bool,
) -> Result<(), StoreError> {
    scan_rows(conn, round_id, evaluator_id, i64::MIN..=i64::MAX, f)
}

/// The scan's query without and with an evaluator; the account range has no upper bound in SQL
/// (the scan stops at the first account past it), so SQLite compares no account per row. The
/// `+` keeps SQLite from using the evaluator term on the key, which would sort the rows in a
/// temporary B-tree; it is checked per row instead.
const SCAN_ALL: &str = "SELECT account_id, evaluator_id, indicator, value, count, veto, na
     FROM entries WHERE round_id = ?1 AND account_id >= ?2
     ORDER BY account_id, evaluator_id, indicator";
const SCAN_ONE: &str = "SELECT account_id, evaluator_id, indicator, value, count, veto, na
     FROM entries WHERE round_id = ?1 AND account_id >= ?2 AND +evaluator_id = ?3
     ORDER BY account_id, evaluator_id, indicator";
/// The columns both queries return.
const COLUMNS: &[&str] = &[
    "account_id",
    "evaluator_id",
    "indicator",
    "value",
    "count",
    "veto",
    "na",
];

fn scan_rows(
    conn: &rusqlite::Connection,
    round_id: i64,
    evaluator_id: Option<i64>,
    accounts: std::ops::RangeInclusive<i64>,
    f: &mut dyn FnMut(i64, i64, &[Entry]) -> bool,
) -> Result<(), StoreError> {
    (|| -> Result<(), StoreError> {
        let mut rows = match evaluator_id {
            None => rows::RawRows::query(conn, SCAN_ALL, &[round_id, *accounts.start()], COLUMNS)?,
            Some(ev) => {
                rows::RawRows::query(conn, SCAN_ONE, &[round_id, *accounts.start(), ev], COLUMNS)?
            }
        };
        let last = *accounts.end();
        let mut key: Option<(i64, i64)> = None;
        // Entries are reused slot by slot, so the 12 million indicator strings of a national
        // round cost no allocation each, and no copy when a slot's id repeats the last sheet's.
        let mut sheet: Vec<Entry> = Vec::with_capacity(64);
        let mut n = 0;
        while rows.step()? {
            let k = (rows.int(0)?, rows.int(1)?);
            if k.0 > last {
                break;
            }
            if let Some(prev) = key.filter(|p| *p != k) {
                if !f(prev.0, prev.1, &sheet[..n]) {
                    return Ok(());
                }
                n = 0;
            }
            key = Some(k);
            if n == sheet.len() {
                sheet.push(Entry::default());
            }
            let e = &mut sheet[n];
            // Most slots hold the same id as in the sheet before: compared in place, not copied.
            if rows.opt_text(2)? != Some(e.indicator.as_bytes()) {
                e.indicator.clear();
                e.indicator.push_str(rows.text(2)?);
            }
            e.value = rows.opt_real(3)?;
            e.count = rows.opt_u32(4)?;
            e.veto = rows.opt_string(5)?;
            e.na = rows.flag(6)?;
            n += 1;
        }
        if let Some(k) = key {
            f(k.0, k.1, &sheet[..n]);
        }
        Ok(())
    })()
}

#[cfg(test)]
mod tests {
    use crate::domain::account::Account;
    use crate::domain::entry::Entry;
    use crate::domain::platform::{Level, Platform};
    use crate::storage::{NewRound, Store};

    #[test]
    fn sheets_group_by_account_and_evaluator_without_notes() {
        let mut s = Store::open_in_memory().unwrap();
        let acc = |n: &str| Account {
            id: 0,
            platform: Platform::WeChat,
            platform_label: "微信公众号".into(),
            name: n.into(),
            unit: "单位".into(),
            level: Level::County,
            region: "省/市/县".into(),
            domain: String::new(),
            status: String::new(),
            opened: None,
        };
        let ids = s.insert_accounts(&[acc("甲"), acc("乙")]).unwrap();
        let round = s
            .create_round(&NewRound {
                name: "R".into(),
                rubric_id: "x".into(),
                rubric_version: "1".into(),
                rubric_text: "Rubric()".into(),
                monitoring_date: chrono::NaiveDate::from_ymd_opt(2024, 1, 1).unwrap(),
                scope: Default::default(),
            })
            .unwrap();
        let e = |i: &str, v: f64| Entry {
            value: Some(v),
            note: "说明".into(),
            ..Entry::new(i)
        };
        s.set_entry(round.id, ids[1], "王", &e("a", 1.0)).unwrap();
        s.set_entry(round.id, ids[0], "王", &e("b", 2.0)).unwrap();
        s.set_entry(round.id, ids[0], "王", &e("a", 3.0)).unwrap();
        s.set_entry(round.id, ids[0], "李", &e("a", 4.0)).unwrap();
        let mut seen = Vec::new();
        s.for_each_sheet(round.id, &mut |a, ev, sheet| {
            let vals: Vec<(String, f64)> = sheet
                .iter()
                .map(|x| (x.indicator.clone(), x.value.unwrap_or(-1.0)))
                .collect();
            assert!(sheet.iter().all(|x| x.note.is_empty()));
            seen.push((a, ev, vals));
        })
        .unwrap();
        assert_eq!(seen.len(), 3);
        assert_eq!(seen[0].0, ids[0]);
        assert_eq!(seen[0].2, vec![("a".into(), 3.0), ("b".into(), 2.0)]);
        assert_eq!(seen[1].2, vec![("a".to_string(), 4.0)]);
        assert_eq!(seen[2].0, ids[1]);
        let mut li = Vec::new();
        s.for_each_sheet_of(round.id, "李", &mut |a, sheet| li.push((a, sheet.len())))
            .unwrap();
        assert_eq!(li, vec![(ids[0], 1)]);
        s.for_each_sheet_of(round.id, "无名", &mut |_, _| panic!("no sheets"))
            .unwrap();
        let mut first = Vec::new();
        s.try_for_each_sheet_of(round.id, "王", &mut |a, _| {
            first.push(a);
            false
        })
        .unwrap();
        assert_eq!(first, vec![ids[0]], "stops after the first sheet");
    }

    #[test]
    fn scans_follow_the_key_without_sorting() {
        let s = Store::open_in_memory().unwrap();
        for (sql, params) in [
            (super::SCAN_ALL, &[1, 1][..]),
            (super::SCAN_ONE, &[1, 1, 1]),
        ] {
            let mut stmt = s
                .conn
                .prepare(&format!("EXPLAIN QUERY PLAN {sql}"))
                .unwrap();
            let plan: Vec<String> = stmt
                .query_map(rusqlite::params_from_iter(params), |r| {
                    r.get::<_, String>(3)
                })
                .unwrap()
                .collect::<Result<_, _>>()
                .unwrap();
            let plan = plan.join(" / ");
            assert!(plan.contains("PRIMARY KEY"), "{plan}");
            assert!(!plan.contains("TEMP B-TREE"), "{plan}");
        }
    }

    #[test]
    fn a_range_scan_stops_at_its_last_account() {
        let mut s = Store::open_in_memory().unwrap();
        let acc = Account {
            id: 0,
            platform: Platform::WeChat,
            platform_label: "微信公众号".into(),
            name: String::new(),
            unit: "单位".into(),
            level: Level::County,
            region: "省/市/县".into(),
            domain: String::new(),
            status: String::new(),
            opened: None,
        };
        let accounts: Vec<Account> = (0..5)
            .map(|i| Account {
                name: format!("号{i}"),
                ..acc.clone()
            })
            .collect();
        let ids = s.insert_accounts(&accounts).unwrap();
        let round = s
            .create_round(&NewRound {
                name: "R".into(),
                rubric_id: "x".into(),
                rubric_version: "1".into(),
                rubric_text: "Rubric()".into(),
                monitoring_date: chrono::NaiveDate::from_ymd_opt(2024, 1, 1).unwrap(),
                scope: Default::default(),
            })
            .unwrap();
        for (n, id) in ids.iter().enumerate() {
            for ev in ["王", "李"] {
                s.set_entry(round.id, *id, ev, &Entry::new(format!("i{n}")))
                    .unwrap();
            }
        }
        let mut seen = Vec::new();
        s.for_each_sheet_in(round.id, ids[1]..=ids[3], &mut |a, _, sheet| {
            seen.push((a, sheet[0].indicator.clone()));
        })
        .unwrap();
        let want: Vec<(i64, String)> = (1..=3)
            .flat_map(|n| [(ids[n], format!("i{n}")), (ids[n], format!("i{n}"))])
            .collect();
        assert_eq!(seen, want);
        let mut one = Vec::new();
        s.for_each_sheet_of(round.id, "李", &mut |a, sheet| one.push((a, sheet.len())))
            .unwrap();
        assert_eq!(one, ids.iter().map(|&a| (a, 1)).collect::<Vec<_>>());
    }

    #[test]
    fn a_damaged_entry_row_is_an_error_naming_its_column() {
        let mut s = Store::open_in_memory().unwrap();
        let acc = Account {
            id: 0,
            platform: Platform::WeChat,
            platform_label: "微信公众号".into(),
            name: "甲".into(),
            unit: "单位".into(),
            level: Level::County,
            region: "省/市/县".into(),
            domain: String::new(),
            status: String::new(),
            opened: None,
        };
        let ids = s.insert_accounts(&[acc]).unwrap();
        let round = s
            .create_round(&NewRound {
                name: "R".into(),
                rubric_id: "x".into(),
                rubric_version: "1".into(),
                rubric_text: "Rubric()".into(),
                monitoring_date: chrono::NaiveDate::from_ymd_opt(2024, 1, 1).unwrap(),
                scope: Default::default(),
            })
            .unwrap();
        s.set_entry(round.id, ids[0], "王", &Entry::new("a"))
            .unwrap();
        // Values SQLite stores although no command of ours writes them.
        // (change, column name, column index): type errors name the column, conversion errors
        // (bad UTF-8, a count out of range) give its index, as rusqlite's `Row::get` does.
        for (set, column, index) in [
            ("indicator = x'ff'", "\"indicator\"", "(2,"),
            ("indicator = CAST(x'ff' AS TEXT)", "\"indicator\"", "(2,"),
            ("value = 'high'", "\"value\"", "(3,"),
            ("count = -1", "\"count\"", "(4,"),
            ("count = 4294967296", "\"count\"", "(4,"),
            ("veto = x'00'", "\"veto\"", "(5,"),
            ("na = 'yes'", "\"na\"", "(6,"),
        ] {
            let sp = s.conn.unchecked_transaction().unwrap();
            sp.execute(&format!("UPDATE entries SET {set}"), [])
                .unwrap();
            let err = s
                .for_each_sheet(round.id, &mut |_, _, _| {
                    panic!("no sheet from a damaged row")
                })
                .expect_err(set);
            let text = format!("{err:?}");
            assert!(text.contains(index), "{set}: {text}");
            if !text.contains("Utf8") && !text.contains("OutOfRange") {
                assert!(text.contains(column), "{set}: {text}");
            }
            drop(sp);
        }
        let mut n = 0;
        s.for_each_sheet(round.id, &mut |_, _, sheet| n += sheet.len())
            .unwrap();
        assert_eq!(n, 1, "rolled back: the row reads again");
    }
}
