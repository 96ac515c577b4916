//! Lean streaming of a round's judgements for totals and aggregates: only the columns the engine
//! reads (no notes, evidence, names or timestamps), grouped per account and evaluator.

use rusqlite::OptionalExtension;

use crate::domain::entry::Entry;

use super::{Store, StoreError};

#[path = "scan_rows.rs"]
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
#[path = "tests/scan.rs"]
mod tests;
