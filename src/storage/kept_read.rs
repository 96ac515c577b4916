//! Reading kept sheet results: refreshed (stale rows and rows of another engine version
//! recomputed) in one write transaction, then read one row per sheet with its submission state.

use std::collections::HashMap;

use rusqlite::{OptionalExtension, params};

use super::kept::{decode_subtotals, decode_vetoes, flush_round, kept_figure};
use super::{Store, StoreError};
use crate::domain::sheet_result::{ENGINE_VERSION, SheetFigures, SheetResult};

/// Submitted (account id, evaluator id) pairs, and evaluator names by id.
pub type SheetContext = (std::collections::HashSet<(i64, i64)>, HashMap<i64, String>);

/// One kept row as read back: (account id, evaluator name, submitted, figures).
pub type KeptRow = (i64, String, bool, SheetFigures);

impl Store {
    /// The kept results of a round, recomputing stale rows (and rows of another engine version)
    /// first in one write transaction. Rows come in account, evaluator order.
    pub fn kept_sheets(&mut self, round_id: i64) -> Result<Vec<KeptRow>, StoreError> {
        self.kept_mapped(round_id, &Some)
    }

    /// [`Store::kept_sheets`] as sheet results (rows whose counts make no status left out), each
    /// made as its row is read: a national round's 300,000 rows are not held twice.
    pub fn kept_sheet_results(&mut self, round_id: i64) -> Result<Vec<SheetResult>, StoreError> {
        self.kept_mapped(round_id, &|(a, ev, submitted, f): KeptRow| {
            f.into_sheet(a, ev, submitted)
        })
    }

    fn kept_mapped<T: Send>(
        &mut self,
        round_id: i64,
        map: &(dyn Fn(KeptRow) -> Option<T> + Sync),
    ) -> Result<Vec<T>, StoreError> {
        let r = (|| {
            self.refresh_stale(round_id)?;
            match self.read_kept(round_id, map)? {
                Some(rows) => Ok(rows),
                // Rows of another engine version: recompute the round, then read again.
                None => {
                    self.rebuild_kept(round_id)?;
                    Ok(self.read_kept(round_id, map)?.unwrap_or_default())
                }
            }
        })();
        r.map_err(|e| self.locked(e))
    }

    /// Marks every sheet of the round stale and recomputes the kept rows (`report --recompute
    /// --store`, engine upgrades). Returns the number of sheets recomputed.
    pub fn rebuild_kept(&mut self, round_id: i64) -> Result<usize, StoreError> {
        let r = (|| {
            let tx = super::tx::write_tx(&mut self.conn)?;
            tx.execute(
                "INSERT OR IGNORE INTO sheet_results_stale
                 SELECT DISTINCT round_id, account_id, evaluator_id FROM entries WHERE round_id = ?1
                 UNION SELECT round_id, account_id, evaluator_id FROM sheet_results WHERE round_id = ?1",
                [round_id],
            )?;
            let n = flush_round(&tx, round_id)?;
            tx.commit()?;
            Ok(n)
        })();
        r.map_err(|e| self.locked(e))
    }

    /// Sheets of the round marked stale and not yet recomputed (0 after every edit and bulk load
    /// made through this module's callers; more after a write that bypassed them).
    pub fn stale_sheets(&self, round_id: i64) -> Result<usize, StoreError> {
        let n: i64 = self
            .conn
            .prepare_cached("SELECT count(*) FROM sheet_results_stale WHERE round_id = ?1")?
            .query_row([round_id], |r| r.get(0))
            .map_err(|e| self.locked(e.into()))?;
        Ok(n as usize)
    }

    fn refresh_stale(&mut self, round_id: i64) -> Result<(), StoreError> {
        let stale: Option<i64> = self
            .conn
            .prepare_cached("SELECT 1 FROM sheet_results_stale WHERE round_id = ?1 LIMIT 1")?
            .query_row([round_id], |r| r.get(0))
            .optional()?;
        if stale.is_some() {
            let tx = super::tx::write_tx(&mut self.conn)?;
            flush_round(&tx, round_id)?;
            tx.commit()?;
        }
        Ok(())
    }

    /// The kept rows, or `None` when one was computed by another engine version. A national
    /// round's rows are read in account id ranges on several connections at once
    /// ([`Store::in_id_ranges`], as many as [`super::read_parts`] says), in order.
    fn read_kept<T: Send>(
        &self,
        round_id: i64,
        map: &(dyn Fn(KeptRow) -> Option<T> + Sync),
    ) -> Result<Option<Vec<T>>, StoreError> {
        self.read_kept_in(round_id, super::read_parts(), map)
    }

    /// [`Store::read_kept`] on up to `parts` connections.
    pub(super) fn read_kept_in<T: Send>(
        &self,
        round_id: i64,
        parts: usize,
        map: &(dyn Fn(KeptRow) -> Option<T> + Sync),
    ) -> Result<Option<Vec<T>>, StoreError> {
        let ctx = self.round_sheet_context(round_id)?;
        let parts = self.in_id_ranges(round_id, parts, |store, range| {
            let mut out = Vec::new();
            let current = store.read_kept_each(round_id, range, &ctx, &mut |row| {
                out.extend(map(row));
            })?;
            Ok(current.then_some(out))
        })?;
        let mut out = Vec::with_capacity(parts.iter().flatten().map(Vec::len).sum());
        for part in parts {
            let Some(rows) = part else {
                return Ok(None);
            };
            out.extend(rows);
        }
        Ok(Some(out))
    }

    /// Recomputes the round's stale kept rows (as [`Store::kept_sheets`] does first), so that
    /// [`Store::kept_rows`], on this connection or a reader opened after, reads them current.
    pub fn refresh_kept(&mut self, round_id: i64) -> Result<(), StoreError> {
        self.refresh_stale(round_id).map_err(|e| self.locked(e))
    }

    /// The kept results of a round handed to `f` one row at a time, in account, evaluator
    /// order, as they are (after [`Store::refresh_kept`]). Returns false, having stopped, at a
    /// row computed by another engine version: the caller drops what it was given, calls
    /// [`Store::rebuild_kept`] and reads again.
    pub fn kept_rows(&self, round_id: i64, f: &mut dyn FnMut(KeptRow)) -> Result<bool, StoreError> {
        let ctx = self.round_sheet_context(round_id)?;
        self.read_kept_each(round_id, i64::MIN..=i64::MAX, &ctx, f)
            .map_err(|e| self.locked(e))
    }

    /// One evaluator's kept rows of a round, in account order, handed to `f` (which returns
    /// false to stop early), read as they are: nothing is recomputed (a read-only connection
    /// cannot). Returns false, having handed nothing or only current rows, when the rows cannot
    /// stand for the entries: a sheet of this evaluator still marked stale, a bulk load under
    /// way, or a row computed by another engine version. The caller then scores the entries.
    pub fn evaluator_kept(
        &self,
        round_id: i64,
        evaluator: &str,
        f: &mut dyn FnMut(i64, SheetFigures) -> bool,
    ) -> Result<bool, StoreError> {
        self.evaluator_kept_each(round_id, evaluator, f)
            .map_err(|e| self.locked(e))
    }

    fn evaluator_kept_each(
        &self,
        round_id: i64,
        evaluator: &str,
        f: &mut dyn FnMut(i64, SheetFigures) -> bool,
    ) -> Result<bool, StoreError> {
        let id: Option<i64> = self
            .conn
            .prepare_cached("SELECT id FROM evaluators WHERE name = ?1")?
            .query_row([evaluator], |r| r.get(0))
            .optional()?;
        let Some(id) = id else {
            // No such evaluator: no sheets, as the entries would say.
            return Ok(true);
        };
        let unsettled: bool = self
            .conn
            .prepare_cached(
                "SELECT EXISTS (SELECT 1 FROM sheet_results_stale
                                WHERE round_id = ?1 AND evaluator_id = ?2)
                     OR EXISTS (SELECT 1 FROM sheet_results_bulk WHERE round_id = ?1)",
            )?
            .query_row(params![round_id, id], |r| r.get(0))?;
        if unsettled {
            return Ok(false);
        }
        let mut stmt = self.conn.prepare_cached(
            "SELECT account_id, scored, applicable, points, subtotals, vetoes, engine
             FROM sheet_results WHERE round_id = ?1 AND evaluator_id = ?2 ORDER BY account_id",
        )?;
        let mut rows = stmt.query(params![round_id, id])?;
        while let Some(r) = rows.next()? {
            let Some(figures) = row_figures(r, 1)? else {
                return Ok(false);
            };
            if !f(r.get(0)?, figures) {
                break;
            }
        }
        Ok(true)
    }

    /// The kept rows of the accounts in `ids`. Evaluator names and submission states are looked
    /// up in memory (`ctx`: one row per sheet is all SQLite reads).
    fn read_kept_each(
        &self,
        round_id: i64,
        ids: std::ops::RangeInclusive<i64>,
        (submitted, names): &SheetContext,
        f: &mut dyn FnMut(KeptRow),
    ) -> Result<bool, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT account_id, evaluator_id, scored, applicable, points, subtotals, vetoes, engine
             FROM sheet_results WHERE round_id = ?1 AND account_id BETWEEN ?2 AND ?3
             ORDER BY account_id, evaluator_id",
        )?;
        let mut rows = stmt.query(params![round_id, ids.start(), ids.end()])?;
        while let Some(r) = rows.next()? {
            let Some(figures) = row_figures(r, 2)? else {
                return Ok(false);
            };
            let (a, e): (i64, i64) = (r.get(0)?, r.get(1)?);
            f((
                a,
                names.get(&e).cloned().unwrap_or_default(),
                submitted.contains(&(a, e)),
                figures,
            ));
        }
        Ok(true)
    }

    /// (account id, evaluator id) pairs whose sheet is submitted in the round, and evaluator
    /// names by id: what a full recompute needs besides the entries.
    pub fn round_sheet_context(&self, round_id: i64) -> Result<SheetContext, StoreError> {
        let r = (|| {
            let mut stmt = self.conn.prepare_cached(
                "SELECT account_id, evaluator_id FROM submissions WHERE round_id = ?1 AND state = 'submitted'",
            )?;
            let rows = stmt.query_map([round_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
            let submitted = rows.collect::<rusqlite::Result<_>>()?;
            let mut stmt = self
                .conn
                .prepare_cached("SELECT id, name FROM evaluators")?;
            let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
            let names = rows.collect::<rusqlite::Result<_>>()?;
            Ok((submitted, names))
        })();
        r.map_err(|e| self.locked(e))
    }
}

/// The figures of a kept row whose columns from `at` are scored, applicable, points, subtotals,
/// vetoes and engine; `None` for a row computed by another engine version.
fn row_figures(r: &rusqlite::Row<'_>, at: usize) -> Result<Option<SheetFigures>, StoreError> {
    if r.get_ref(at + 5)?.as_str().ok() != Some(ENGINE_VERSION) {
        return Ok(None);
    }
    Ok(Some(SheetFigures {
        scored: r.get::<_, i64>(at)? as usize,
        applicable: r.get::<_, i64>(at + 1)? as usize,
        points: kept_figure(r.get(at + 2)?),
        subtotals: (r.get_ref(at + 3)?.as_blob())
            .map(decode_subtotals)
            .unwrap_or_default(),
        vetoes: decode_vetoes(r.get_ref(at + 4)?.as_str_or_null().ok().flatten()),
    }))
}
