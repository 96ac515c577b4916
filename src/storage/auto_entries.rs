//! Automatic rubric values placed in evaluators' sheets: which entry `assay ops auto` wrote for
//! a rule-named item, from which evidence, so that a re-run tells an automatic value (still as
//! placed) from an evaluator's override, and reports what new metrics changed.

use rusqlite::params;

use super::lock::Reopen;
use super::scores::{ensure_evaluator, entry_json, write_entry};
use super::{Store, StoreError};
use crate::domain::entry::Entry;

// The table `auto_entries` is created by the migration in `post_weeks.rs`.

/// One automatic value as placed in a sheet.
#[derive(Debug, Clone, PartialEq)]
pub struct AutoRecord {
    pub account_id: i64,
    pub evaluator: String,
    pub indicator: String,
    pub rule: String,
    pub entry: Entry,
    /// The evidence as JSON (see `domain::ops::auto::AutoEvidence`).
    pub evidence: String,
}

impl Store {
    /// Every automatic value placed in a round, ordered by account, evaluator, indicator.
    pub fn auto_records(&self, round_id: i64) -> Result<Vec<AutoRecord>, StoreError> {
        let r = (|| {
            let mut stmt = self.conn.prepare_cached(
                "SELECT a.account_id, ev.name, a.indicator, a.rule, a.entry, a.evidence
                 FROM auto_entries a JOIN evaluators ev ON ev.id = a.evaluator_id
                 WHERE a.round_id = ?1 ORDER BY a.account_id, ev.name, a.indicator",
            )?;
            let rows = stmt.query_map([round_id], |r| {
                let entry: String = r.get(4)?;
                let entry = serde_json::from_str(&entry).map_err(|e| {
                    rusqlite::Error::FromSqlConversionFailure(
                        4,
                        rusqlite::types::Type::Text,
                        e.into(),
                    )
                })?;
                Ok(AutoRecord {
                    account_id: r.get(0)?,
                    evaluator: r.get(1)?,
                    indicator: r.get(2)?,
                    rule: r.get(3)?,
                    entry,
                    evidence: r.get(5)?,
                })
            })?;
            Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
        })();
        r.map_err(|e| self.locked(e))
    }

    /// The automatic entries placed in one sheet (account, evaluator) of a round.
    pub fn auto_placed(
        &self,
        round_id: i64,
        account_id: i64,
        evaluator: &str,
    ) -> Result<Vec<Entry>, StoreError> {
        let r = (|| {
            let mut stmt = self.conn.prepare_cached(
                "SELECT a.entry FROM auto_entries a JOIN evaluators ev ON ev.id = a.evaluator_id
                 WHERE a.round_id = ?1 AND a.account_id = ?2 AND ev.name = ?3 ORDER BY a.indicator",
            )?;
            let rows = stmt.query_map(params![round_id, account_id, evaluator], |r| {
                r.get::<_, String>(0)
            })?;
            let mut out = Vec::new();
            for json in rows {
                let json = json?;
                out.push(serde_json::from_str(&json).map_err(|e| {
                    rusqlite::Error::FromSqlConversionFailure(
                        0,
                        rusqlite::types::Type::Text,
                        e.into(),
                    )
                })?);
            }
            Ok(out)
        })();
        r.map_err(|e| self.locked(e))
    }

    /// Places automatic values in one transaction, all or nothing: each entry goes through the
    /// one entry writer (submit lock, history row, kept sheet result) and its record is kept.
    /// A submitted sheet is refused ([`StoreError::Submitted`]) unless `reopen`.
    pub fn place_auto(
        &mut self,
        round_id: i64,
        records: &[AutoRecord],
        reopen: Reopen,
    ) -> Result<usize, StoreError> {
        let r = (|| {
            let tx = super::tx::write_tx(&mut self.conn)?;
            let at = super::now();
            let mut n = 0;
            for rec in records {
                if write_entry(
                    &tx,
                    round_id,
                    rec.account_id,
                    &rec.evaluator,
                    &rec.entry,
                    reopen,
                )? {
                    n += 1;
                }
                let ev = ensure_evaluator(&tx, &rec.evaluator)?;
                tx.prepare_cached(
                    "INSERT INTO auto_entries (round_id, account_id, evaluator_id, indicator, rule, entry, evidence, placed_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
                     ON CONFLICT (round_id, account_id, evaluator_id, indicator) DO UPDATE SET
                       rule = excluded.rule, entry = excluded.entry, evidence = excluded.evidence,
                       placed_at = excluded.placed_at",
                )?
                .execute(params![
                    round_id,
                    rec.account_id,
                    ev,
                    rec.indicator,
                    rec.rule,
                    entry_json(&rec.entry),
                    rec.evidence,
                    at
                ])?;
            }
            tx.commit()?;
            Ok(n)
        })();
        r.map_err(|e| self.locked(e))
    }
}
