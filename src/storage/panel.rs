//! Panel work on the store: batch writes of many entries in one transaction (score import,
//! panel merge), each through the one entry write path and its history.

use super::lock::Reopen;
use super::scores::{current, ensure_evaluator, write_entry};
use super::{Store, StoreError};
use crate::domain::entry::Entry;

/// One entry to write: account id in this database, evaluator name, the checked entry.
#[derive(Debug, Clone, PartialEq)]
pub struct EntryWrite {
    pub account_id: i64,
    pub evaluator: String,
    pub entry: Entry,
}

impl Store {
    /// Writes every entry in one transaction (all or nothing), each as `score set` writes it:
    /// an empty note or evidence keeps what is stored, an identical entry is left alone. Returns
    /// how many entries changed.
    pub fn set_entries(&mut self, round_id: i64, rows: &[EntryWrite]) -> Result<usize, StoreError> {
        let r = (|| {
            let tx = super::tx::write_tx(&mut self.conn)?;
            let mut changed = 0;
            for (i, w) in rows.iter().enumerate() {
                let key = (round_id, w.account_id, ensure_evaluator(&tx, &w.evaluator)?);
                let mut entry = w.entry.clone();
                if let Some(old) = current(&tx, key, &entry.indicator)? {
                    if entry.note.is_empty() {
                        entry.note = old.note;
                    }
                    if entry.evidence.is_empty() {
                        entry.evidence = old.evidence;
                    }
                }
                let wrote = write_entry(
                    &tx,
                    round_id,
                    w.account_id,
                    &w.evaluator,
                    &entry,
                    Reopen::No,
                )
                .map_err(|e| match e {
                    StoreError::Sql(_) => e,
                    other => StoreError::Invalid(format!(
                        "entry {} ({} {}): {other}; nothing was written",
                        i + 1,
                        w.evaluator,
                        w.entry.indicator
                    )),
                })?;
                changed += usize::from(wrote);
            }
            tx.commit()?;
            Ok(changed)
        })();
        r.map_err(|e| self.locked(e))
    }
}

/// The history `indicator` of a row carried from an evaluator's own database by `panel merge`:
/// `@carried:INDICATOR` (their change, with their time), kept beside the rows of this database.
pub const CARRIED_PREFIX: &str = "@carried:";

/// One step of a merge, applied with the others in one transaction.
#[derive(Debug, Clone, PartialEq)]
pub enum MergeWrite {
    /// An entry written through the one entry write path (its history row included).
    Entry(i64, EntryWrite),
    /// A submission state of (round, account, evaluator).
    Submission(i64, i64, String, super::Submission),
    /// A history row recording a decision (e.g. a conflict resolved), `indicator` starting
    /// with `@`; `old`/`new` are JSON.
    Record {
        round_id: i64,
        account_id: i64,
        evaluator: String,
        indicator: String,
        old: Option<String>,
        new: Option<String>,
    },
    /// A history row of the evaluator's own database, carried into this one's chain with its
    /// original time: `indicator` starts with [`CARRIED_PREFIX`].
    Carried {
        round_id: i64,
        account_id: i64,
        evaluator: String,
        indicator: String,
        old: Option<String>,
        new: Option<String>,
        at: String,
    },
}

impl Store {
    /// Applies every step in one transaction: all or nothing. Returns how many entries changed.
    pub fn apply_merge(&mut self, steps: &[MergeWrite]) -> Result<usize, StoreError> {
        let r = (|| {
            let tx = super::tx::write_tx(&mut self.conn)?;
            let mut changed = 0;
            for s in steps {
                match s {
                    MergeWrite::Entry(round_id, w) => {
                        // The merged file speaks for its evaluator: a sheet submitted here is
                        // reopened (in the history) and resubmitted by the file's own state.
                        changed += usize::from(write_entry(
                            &tx,
                            *round_id,
                            w.account_id,
                            &w.evaluator,
                            &w.entry,
                            Reopen::Yes,
                        )?);
                    }
                    MergeWrite::Submission(round_id, account_id, evaluator, state) => {
                        super::history::write_submission(
                            &tx,
                            *round_id,
                            *account_id,
                            evaluator,
                            *state,
                        )?;
                    }
                    MergeWrite::Record {
                        round_id,
                        account_id,
                        evaluator,
                        indicator,
                        old,
                        new,
                    } => {
                        let key = (*round_id, *account_id, ensure_evaluator(&tx, evaluator)?);
                        super::chain::append_history(
                            &tx,
                            key,
                            indicator,
                            old.clone(),
                            new.clone(),
                            &super::now(),
                        )?;
                    }
                    MergeWrite::Carried {
                        round_id,
                        account_id,
                        evaluator,
                        indicator,
                        old,
                        new,
                        at,
                    } => {
                        let key = (*round_id, *account_id, ensure_evaluator(&tx, evaluator)?);
                        super::chain::append_history(
                            &tx,
                            key,
                            indicator,
                            old.clone(),
                            new.clone(),
                            at,
                        )?;
                    }
                }
            }
            tx.commit()?;
            Ok(changed)
        })();
        r.map_err(|e| self.locked(e))
    }
}
