//! The submit lock: a submitted sheet (one evaluator, one account, one round) refuses edits
//! unless the write reopens it, and the reopening is kept in the history.

use rusqlite::{Connection, OptionalExtension, params};

use super::chain::append_history;
use super::{SUBMISSION_INDICATOR, Store, StoreError, Submission};

/// Whether a write may reopen a submitted sheet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Reopen {
    /// A submitted sheet refuses the write ([`StoreError::Submitted`]).
    #[default]
    No,
    /// A submitted sheet is set back to draft first, in the same transaction, with a history row.
    Yes,
}

/// The submission state of `key` = (round, account, evaluator id), if ever set.
pub(super) fn state(
    conn: &Connection,
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

/// Writes a new state and its history row (inside the caller's transaction); nothing when equal.
pub(super) fn write_state(
    conn: &Connection,
    key: (i64, i64, i64),
    new: Submission,
    at: &str,
) -> Result<(), StoreError> {
    let old = state(conn, key)?;
    if old == Some(new) {
        return Ok(());
    }
    conn.prepare_cached(
        "INSERT INTO submissions (round_id, account_id, evaluator_id, state, at) VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (round_id, account_id, evaluator_id) DO UPDATE SET state = excluded.state, at = excluded.at",
    )?
    .execute(params![key.0, key.1, key.2, new.code(), at])?;
    let json = |s: Submission| format!("\"{}\"", s.code());
    append_history(
        conn,
        key,
        SUBMISSION_INDICATOR,
        old.map(json),
        Some(json(new)),
        at,
    )
    .map(|_| ())
}

/// The lock check every entry write goes through (inside its transaction): refuses a submitted
/// sheet, or reopens it when the caller says so.
pub(super) fn guard(
    conn: &Connection,
    key: (i64, i64, i64),
    evaluator: &str,
    reopen: Reopen,
    at: &str,
) -> Result<(), StoreError> {
    if state(conn, key)? != Some(Submission::Submitted) {
        return Ok(());
    }
    match reopen {
        Reopen::Yes => write_state(conn, key, Submission::Draft, at),
        Reopen::No => Err(StoreError::Submitted {
            round_id: key.0,
            account_id: key.1,
            evaluator: evaluator.trim().to_string(),
        }),
    }
}

impl Store {
    /// Sets a submitted sheet back to draft (with a history row); a draft stays as it is.
    pub fn reopen(
        &mut self,
        round_id: i64,
        account_id: i64,
        evaluator: &str,
    ) -> Result<(), StoreError> {
        self.set_submission(round_id, account_id, evaluator, Submission::Draft)
    }

    /// Whether the sheet is submitted.
    pub fn is_submitted(
        &self,
        round_id: i64,
        account_id: i64,
        evaluator: &str,
    ) -> Result<bool, StoreError> {
        Ok(self.submission(round_id, account_id, evaluator)? == Submission::Submitted)
    }
}
