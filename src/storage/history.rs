//! The append-only change history and per-evaluator submission states.

use rusqlite::{OptionalExtension, params};

use super::scores::{check_in_round, ensure_evaluator};
use super::{HistoryRow, Store, StoreError, Submission};

impl Store {
    /// History rows of a round (of one account, or all), oldest first.
    pub fn history(
        &self,
        round_id: i64,
        account_id: Option<i64>,
    ) -> Result<Vec<HistoryRow>, StoreError> {
        let r = (|| {
            let mut stmt = self.conn.prepare_cached(
                "SELECT h.id, h.round_id, h.account_id, ev.name, h.indicator, h.old, h.new, h.at
                 FROM history h JOIN evaluators ev ON ev.id = h.evaluator_id
                 WHERE h.round_id = ?1 AND (?2 IS NULL OR h.account_id = ?2)
                 ORDER BY h.id",
            )?;
            let rows = stmt.query_map(params![round_id, account_id], |r| {
                Ok(HistoryRow {
                    id: r.get(0)?,
                    round_id: r.get(1)?,
                    account_id: r.get(2)?,
                    evaluator: r.get(3)?,
                    indicator: r.get(4)?,
                    old: r.get(5)?,
                    new: r.get(6)?,
                    at: r.get(7)?,
                })
            })?;
            Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
        })();
        r.map_err(|e| self.locked(e))
    }

    /// Records an evaluator's submission state for an account, with a history row
    /// (indicator [`SUBMISSION_INDICATOR`]), in one transaction.
    pub fn set_submission(
        &mut self,
        round_id: i64,
        account_id: i64,
        evaluator: &str,
        state: Submission,
    ) -> Result<(), StoreError> {
        let r = self.set_submission_tx(round_id, account_id, evaluator, state);
        r.map_err(|e| self.locked(e))
    }

    fn set_submission_tx(
        &mut self,
        round_id: i64,
        account_id: i64,
        evaluator: &str,
        state: Submission,
    ) -> Result<(), StoreError> {
        let tx = super::tx::write_tx(&mut self.conn)?;
        write_submission(&tx, round_id, account_id, evaluator, state)?;
        tx.commit()?;
        Ok(())
    }

    /// An evaluator's submission state for an account; [`Submission::Draft`] when never set.
    pub fn submission(
        &self,
        round_id: i64,
        account_id: i64,
        evaluator: &str,
    ) -> Result<Submission, StoreError> {
        let r = (|| {
            let id: Option<i64> = self
                .conn
                .prepare_cached("SELECT id FROM evaluators WHERE name = ?1")?
                .query_row([evaluator.trim()], |r| r.get(0))
                .optional()?;
            match id {
                Some(id) => Ok(read_state(&self.conn, (round_id, account_id, id))?),
                None => Ok(None),
            }
        })();
        Ok(r.map_err(|e| self.locked(e))?.unwrap_or(Submission::Draft))
    }
}

fn read_state(
    conn: &rusqlite::Connection,
    key: (i64, i64, i64),
) -> Result<Option<Submission>, StoreError> {
    let state: Option<String> = conn
        .prepare_cached(
            "SELECT state FROM submissions WHERE round_id = ?1 AND account_id = ?2 AND evaluator_id = ?3",
        )?
        .query_row(params![key.0, key.1, key.2], |r| r.get(0))
        .optional()?;
    Ok(state.and_then(|s| Submission::parse(&s)))
}

/// Records a submission state and its history row inside the caller's transaction (batch
/// writers: panel merge); nothing when the state is unchanged.
pub(super) fn write_submission(
    conn: &rusqlite::Connection,
    round_id: i64,
    account_id: i64,
    evaluator: &str,
    state: Submission,
) -> Result<(), StoreError> {
    check_in_round(conn, round_id, account_id)?;
    let key = (round_id, account_id, ensure_evaluator(conn, evaluator)?);
    super::lock::write_state(conn, key, state, &super::now())
}
