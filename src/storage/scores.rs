//! Score entries: evaluators, single edits with their history row, per-account reads, streaming
//! scans of a round and the bulk loader.

use rusqlite::{Connection, OptionalExtension, Row, params};

use super::lock::Reopen;
use super::{Store, StoreError, StoredEntry};
use crate::domain::entry::Entry;

pub(super) const ENTRY_COLUMNS: &str = "e.account_id, ev.name, e.indicator, e.value, e.count, e.veto, e.na, e.note, e.evidence, e.updated_at";

pub(super) fn entry_from_row(row: &Row<'_>) -> rusqlite::Result<StoredEntry> {
    let evidence: String = row.get(8)?;
    let evidence: Vec<String> = if evidence == "[]" {
        Vec::new()
    } else {
        serde_json::from_str(&evidence).map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(8, rusqlite::types::Type::Text, e.into())
        })?
    };
    Ok(StoredEntry {
        account_id: row.get(0)?,
        evaluator: row.get(1)?,
        entry: Entry {
            indicator: row.get(2)?,
            value: row.get(3)?,
            count: row.get(4)?,
            veto: row.get(5)?,
            na: row.get(6)?,
            note: row.get(7)?,
            evidence,
        },
        updated_at: row.get(9)?,
    })
}

/// Evidence links as stored: a JSON array.
fn evidence_json(evidence: &[String]) -> String {
    if evidence.is_empty() {
        "[]".to_string()
    } else {
        serde_json::to_string(evidence).unwrap_or_else(|_| "[]".to_string())
    }
}

/// JSON of an entry for the history table.
pub(super) fn entry_json(entry: &Entry) -> String {
    serde_json::to_string(entry).unwrap_or_default()
}

/// The id of an evaluator, inserted when new (inside the caller's transaction).
pub(super) fn ensure_evaluator(conn: &Connection, name: &str) -> Result<i64, StoreError> {
    let name = name.trim();
    if name.is_empty() {
        return Err(StoreError::Invalid(
            "the evaluator name is empty; give one with --evaluator NAME".into(),
        ));
    }
    conn.prepare_cached("INSERT INTO evaluators (name) VALUES (?1) ON CONFLICT (name) DO NOTHING")?
        .execute([name])?;
    Ok(conn
        .prepare_cached("SELECT id FROM evaluators WHERE name = ?1")?
        .query_row([name], |r| r.get(0))?)
}

/// Fails unless the account belongs to the round's scope.
pub(super) fn check_in_round(
    conn: &Connection,
    round_id: i64,
    account_id: i64,
) -> Result<(), StoreError> {
    let found: Option<i64> = conn
        .prepare_cached("SELECT 1 FROM round_accounts WHERE round_id = ?1 AND account_id = ?2")?
        .query_row([round_id, account_id], |r| r.get(0))
        .optional()?;
    match found {
        Some(_) => Ok(()),
        None => Err(StoreError::NotFound(format!(
            "account {account_id} is not in the scope of round {round_id}; check the round and account (assay round list, assay account list)"
        ))),
    }
}

/// The current entry of one evaluator for one indicator, if any.
pub(super) fn current(
    conn: &Connection,
    key: (i64, i64, i64),
    indicator: &str,
) -> Result<Option<Entry>, StoreError> {
    let sql = format!(
        "SELECT {ENTRY_COLUMNS} FROM entries e JOIN evaluators ev ON ev.id = e.evaluator_id
         WHERE e.round_id = ?1 AND e.account_id = ?2 AND e.evaluator_id = ?3 AND e.indicator = ?4"
    );
    let r = conn
        .prepare_cached(&sql)?
        .query_row(params![key.0, key.1, key.2, indicator], entry_from_row)
        .optional()?;
    Ok(r.map(|s| s.entry))
}

use super::chain::append_history;
use super::chain::{BULK_INDICATOR, BulkDigest};
use super::tx::write_tx;

/// Writes one entry for `key` whose stored version is `old` (inside the caller's IMMEDIATE
/// transaction): the submit lock, the upsert, the chained history row and the kept sheet result.
/// The one place an entry is written; every path (score set, the TUI, score import, panel merge)
/// comes through here.
fn store_entry(
    conn: &Connection,
    key: (i64, i64, i64),
    evaluator: &str,
    old: Option<&Entry>,
    entry: &Entry,
    reopen: Reopen,
) -> Result<(), StoreError> {
    let at = super::now();
    super::lock::guard(conn, key, evaluator, reopen, &at)?;
    conn.prepare_cached(
        "INSERT INTO entries (round_id, account_id, evaluator_id, indicator, value, count, veto, na, note, evidence, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
         ON CONFLICT (round_id, account_id, evaluator_id, indicator) DO UPDATE SET
           value = excluded.value, count = excluded.count, veto = excluded.veto, na = excluded.na,
           note = excluded.note, evidence = excluded.evidence, updated_at = excluded.updated_at",
    )?
    .execute(params![
        key.0, key.1, key.2, entry.indicator, entry.value, entry.count, entry.veto, entry.na,
        entry.note, evidence_json(&entry.evidence), at
    ])?;
    append_history(
        conn,
        key,
        &entry.indicator,
        old.map(entry_json),
        Some(entry_json(entry)),
        &at,
    )?;
    super::kept::flush_sheet(conn, key)
}

/// Writes one entry inside the caller's transaction (batch writers: score import, panel merge).
/// Returns false when the stored entry is identical (nothing written).
pub(super) fn write_entry(
    conn: &Connection,
    round_id: i64,
    account_id: i64,
    evaluator: &str,
    entry: &Entry,
    reopen: Reopen,
) -> Result<bool, StoreError> {
    check_in_round(conn, round_id, account_id)?;
    let key = (round_id, account_id, ensure_evaluator(conn, evaluator)?);
    let old = current(conn, key, &entry.indicator)?;
    if old.as_ref() == Some(entry) {
        return Ok(false);
    }
    store_entry(conn, key, evaluator, old.as_ref(), entry, reopen)?;
    Ok(true)
}

impl Store {
    /// The id of an evaluator, created on first use.
    pub fn evaluator_id(&mut self, name: &str) -> Result<i64, StoreError> {
        let r = (|| {
            let tx = write_tx(&mut self.conn)?;
            let id = ensure_evaluator(&tx, name)?;
            tx.commit()?;
            Ok(id)
        })();
        r.map_err(|e| self.locked(e))
    }

    /// Evaluators with at least one entry in the round, by name.
    pub fn round_evaluators(&self, round_id: i64) -> Result<Vec<String>, StoreError> {
        let r = (|| {
            let mut stmt = self.conn.prepare_cached(
                "SELECT ev.name FROM evaluators ev
                 WHERE EXISTS (SELECT 1 FROM entries e WHERE e.round_id = ?1 AND e.evaluator_id = ev.id)
                 ORDER BY ev.name",
            )?;
            let rows = stmt.query_map([round_id], |r| r.get(0))?;
            Ok(rows.collect::<rusqlite::Result<Vec<String>>>()?)
        })();
        r.map_err(|e| self.locked(e))
    }

    /// Saves one entry (insert or replace) and its history row in one transaction. Saving an
    /// entry identical to the stored one changes nothing and writes no history.
    pub fn set_entry(
        &mut self,
        round_id: i64,
        account_id: i64,
        evaluator: &str,
        entry: &Entry,
    ) -> Result<(), StoreError> {
        self.set_entry_with(round_id, account_id, evaluator, entry, Reopen::No)
    }

    /// [`Store::set_entry`] that refuses a submitted sheet ([`StoreError::Submitted`]) unless
    /// `reopen` is [`Reopen::Yes`], which sets it back to draft in the same transaction.
    pub fn set_entry_with(
        &mut self,
        round_id: i64,
        account_id: i64,
        evaluator: &str,
        entry: &Entry,
        reopen: Reopen,
    ) -> Result<(), StoreError> {
        let r = self.set_entry_tx(round_id, account_id, evaluator, entry, reopen);
        r.map_err(|e| self.locked(e))
    }

    fn set_entry_tx(
        &mut self,
        round_id: i64,
        account_id: i64,
        evaluator: &str,
        entry: &Entry,
        reopen: Reopen,
    ) -> Result<(), StoreError> {
        self.update_entry_tx(
            round_id,
            account_id,
            evaluator,
            &entry.indicator,
            &mut |_| Ok(entry.clone()),
            reopen,
        )
    }

    /// Reads the current entry (if any) for one indicator and saves what `make` returns from it,
    /// with its history row, in one IMMEDIATE transaction: a concurrent edit cannot slip in
    /// between the read and the write (e.g. `score set` keeping the stored note). `make` may
    /// refuse with an error; nothing is written then. The entry's indicator must be `indicator`.
    /// A submitted sheet is refused unless `reopen` is [`Reopen::Yes`] (see [`Store::set_entry_with`]).
    pub fn update_entry(
        &mut self,
        round_id: i64,
        account_id: i64,
        evaluator: &str,
        indicator: &str,
        make: &mut dyn FnMut(Option<&Entry>) -> Result<Entry, StoreError>,
    ) -> Result<(), StoreError> {
        self.update_entry_with(round_id, account_id, evaluator, indicator, make, Reopen::No)
    }

    /// [`Store::update_entry`] with the submit lock of [`Store::set_entry_with`].
    pub fn update_entry_with(
        &mut self,
        round_id: i64,
        account_id: i64,
        evaluator: &str,
        indicator: &str,
        make: &mut dyn FnMut(Option<&Entry>) -> Result<Entry, StoreError>,
        reopen: Reopen,
    ) -> Result<(), StoreError> {
        let r = self.update_entry_tx(round_id, account_id, evaluator, indicator, make, reopen);
        r.map_err(|e| self.locked(e))
    }

    fn update_entry_tx(
        &mut self,
        round_id: i64,
        account_id: i64,
        evaluator: &str,
        indicator: &str,
        make: &mut dyn FnMut(Option<&Entry>) -> Result<Entry, StoreError>,
        reopen: Reopen,
    ) -> Result<(), StoreError> {
        if indicator.trim().is_empty() {
            return Err(StoreError::Invalid(
                "the entry has no indicator id; give one with --indicator ID".into(),
            ));
        }
        let tx = write_tx(&mut self.conn)?;
        check_in_round(&tx, round_id, account_id)?;
        let key = (round_id, account_id, ensure_evaluator(&tx, evaluator)?);
        let old = current(&tx, key, indicator)?;
        let entry = make(old.as_ref())?;
        if entry.indicator != indicator {
            return Err(StoreError::Invalid(format!(
                "the entry is for indicator \"{}\", not \"{indicator}\"",
                entry.indicator
            )));
        }
        if old.as_ref() == Some(&entry) {
            return Ok(());
        }
        store_entry(&tx, key, evaluator, old.as_ref(), &entry, reopen)?;
        tx.commit()?;
        Ok(())
    }

    /// Removes one entry, recording the removal in the history, in one transaction. Clearing an
    /// entry that does not exist changes nothing.
    pub fn clear_entry(
        &mut self,
        round_id: i64,
        account_id: i64,
        evaluator: &str,
        indicator: &str,
    ) -> Result<(), StoreError> {
        self.clear_entry_with(round_id, account_id, evaluator, indicator, Reopen::No)
    }

    /// [`Store::clear_entry`] with the submit lock of [`Store::set_entry_with`].
    pub fn clear_entry_with(
        &mut self,
        round_id: i64,
        account_id: i64,
        evaluator: &str,
        indicator: &str,
        reopen: Reopen,
    ) -> Result<(), StoreError> {
        let r = self.clear_entry_tx(round_id, account_id, evaluator, indicator, reopen);
        r.map_err(|e| self.locked(e))
    }

    fn clear_entry_tx(
        &mut self,
        round_id: i64,
        account_id: i64,
        evaluator: &str,
        indicator: &str,
        reopen: Reopen,
    ) -> Result<(), StoreError> {
        let tx = write_tx(&mut self.conn)?;
        check_in_round(&tx, round_id, account_id)?;
        let key = (round_id, account_id, ensure_evaluator(&tx, evaluator)?);
        let Some(old) = current(&tx, key, indicator)? else {
            return Ok(());
        };
        let at = super::now();
        super::lock::guard(&tx, key, evaluator, reopen, &at)?;
        tx.prepare_cached(
            "DELETE FROM entries WHERE round_id = ?1 AND account_id = ?2 AND evaluator_id = ?3 AND indicator = ?4",
        )?
        .execute(params![key.0, key.1, key.2, indicator])?;
        append_history(&tx, key, indicator, Some(entry_json(&old)), None, &at)?;
        super::kept::flush_sheet(&tx, key)?;
        tx.commit()?;
        Ok(())
    }

    /// Entries for one account in a round, of one evaluator or of all, ordered by evaluator id
    /// and indicator.
    pub fn entries(
        &self,
        round_id: i64,
        account_id: i64,
        evaluator: Option<&str>,
    ) -> Result<Vec<StoredEntry>, StoreError> {
        let r = (|| {
            let sql = format!(
                "SELECT {ENTRY_COLUMNS} FROM entries e JOIN evaluators ev ON ev.id = e.evaluator_id
                 WHERE e.round_id = ?1 AND e.account_id = ?2 AND (?3 IS NULL OR ev.name = ?3)
                 ORDER BY e.evaluator_id, e.indicator"
            );
            let mut stmt = self.conn.prepare_cached(&sql)?;
            let rows = stmt.query_map(params![round_id, account_id, evaluator], entry_from_row)?;
            Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
        })();
        r.map_err(|e| self.locked(e))
    }

    /// Streams every entry of a round ordered by account, evaluator (id order), indicator,
    /// one row at a time (memory does not grow with the round).
    pub fn for_each_entry(
        &self,
        round_id: i64,
        f: &mut dyn FnMut(StoredEntry),
    ) -> Result<(), StoreError> {
        let r = (|| {
            let sql = format!(
                "SELECT {ENTRY_COLUMNS} FROM entries e JOIN evaluators ev ON ev.id = e.evaluator_id
                 WHERE e.round_id = ?1 ORDER BY e.account_id, e.evaluator_id, e.indicator"
            );
            let mut stmt = self.conn.prepare_cached(&sql)?;
            let mut rows = stmt.query([round_id])?;
            while let Some(row) = rows.next()? {
                f(entry_from_row(row)?);
            }
            Ok(())
        })();
        r.map_err(|e| self.locked(e))
    }

    /// Bulk insert for generators and sample loading: one transaction, prepared statements, and
    /// one chained `@bulk` history row holding the row count and a digest of what was loaded
    /// (the data is not anyone's edit; `audit verify` checks it is still what was loaded). Rows are `(account_id, evaluator_id, entry)`
    /// with evaluator ids from [`Store::evaluator_id`]. All or nothing: a duplicate entry or an
    /// account outside the round fails the whole batch.
    pub fn bulk_entries(
        &mut self,
        round_id: i64,
        rows: &mut dyn Iterator<Item = (i64, i64, Entry)>,
    ) -> Result<u64, StoreError> {
        let r = self.bulk_entries_tx(round_id, rows);
        r.map_err(|e| self.locked(e))
    }

    fn bulk_entries_tx(
        &mut self,
        round_id: i64,
        rows: &mut dyn Iterator<Item = (i64, i64, Entry)>,
    ) -> Result<u64, StoreError> {
        let at = super::now();
        let tx = write_tx(&mut self.conn)?;
        super::kept::begin_bulk(&tx, round_id)?;
        let mut n = 0u64;
        let mut digest = BulkDigest::default();
        let mut first = None;
        {
            let mut insert = tx.prepare_cached(
                "INSERT INTO entries (round_id, account_id, evaluator_id, indicator, value, count, veto, na, note, evidence, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
            )?;
            for (account_id, evaluator_id, e) in rows {
                let evidence = evidence_json(&e.evidence);
                let r = insert.execute(params![
                    round_id,
                    account_id,
                    evaluator_id,
                    e.indicator,
                    e.value,
                    e.count,
                    e.veto,
                    e.na,
                    e.note,
                    evidence,
                    at
                ]);
                if let Err(err) = r {
                    return Err(bulk_error(err, n, account_id, evaluator_id, &e.indicator));
                }
                digest.add(account_id, evaluator_id, &e);
                first.get_or_insert((account_id, evaluator_id));
                n += 1;
            }
        }
        if let Some((account, evaluator)) = first {
            let key = (round_id, account, evaluator);
            append_history(&tx, key, BULK_INDICATOR, None, Some(digest.to_json()), &at)?;
        }
        super::kept::end_bulk(&tx, round_id)?;
        tx.commit()?;
        Ok(n)
    }
}

/// A bulk-insert failure naming the offending row.
fn bulk_error(
    err: rusqlite::Error,
    n: u64,
    account: i64,
    evaluator: i64,
    indicator: &str,
) -> StoreError {
    let row = format!(
        "row {} (account {account}, evaluator {evaluator}, indicator {indicator})",
        n + 1
    );
    if super::accounts::is_unique_violation(&err) {
        StoreError::Invalid(format!(
            "{row} duplicates an entry already stored or earlier in the batch; nothing was inserted"
        ))
    } else if matches!(&err, rusqlite::Error::SqliteFailure(f, _) if f.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_FOREIGNKEY)
    {
        StoreError::Invalid(format!(
            "{row}: the account is not in the round or the evaluator does not exist; nothing was inserted"
        ))
    } else {
        StoreError::Sql(err)
    }
}
