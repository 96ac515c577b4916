//! Rounds: creation (pinned rubric text and hash, scope fixed from a filter), lookup, listing.

use std::ops::RangeInclusive;

use chrono::NaiveDate;
use rusqlite::{OptionalExtension, Row, params};
use sha2::{Digest, Sha256};

use super::accounts::{ACCOUNT_COLUMNS, account_from_row};
use super::{AccountFilter, NewRound, Round, Store, StoreError};
use crate::domain::account::Account;

const ROUND_COLUMNS: &str = "id, name, rubric_id, rubric_version, rubric_text, rubric_hash, monitoring_date, scope, created_at";

/// SHA-256 of a text, lowercase hex.
pub fn sha256_hex(text: &str) -> String {
    Sha256::digest(text.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn round_from_row(row: &Row<'_>) -> rusqlite::Result<Round> {
    let conv = |i: usize, e: Box<dyn std::error::Error + Send + Sync>| {
        rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, e)
    };
    let date: String = row.get(6)?;
    let scope: String = row.get(7)?;
    Ok(Round {
        id: row.get(0)?,
        name: row.get(1)?,
        rubric_id: row.get(2)?,
        rubric_version: row.get(3)?,
        rubric_text: row.get(4)?,
        rubric_hash: row.get(5)?,
        monitoring_date: NaiveDate::parse_from_str(&date, "%Y-%m-%d")
            .map_err(|e| conv(6, e.into()))?,
        scope: serde_json::from_str::<AccountFilter>(&scope).map_err(|e| conv(7, e.into()))?,
        created_at: row.get(8)?,
    })
}

/// Refuses a round whose pinned rubric text no longer matches its recorded SHA-256.
fn pinned(round: Round) -> Result<Round, StoreError> {
    if sha256_hex(&round.rubric_text) == round.rubric_hash {
        return Ok(round);
    }
    Err(StoreError::RubricChanged {
        id: round.id,
        name: round.name,
    })
}

/// Inserts a round (name trimmed, rubric text pinned with its SHA-256) and its accounts inside
/// the caller's write transaction; returns its id.
pub(super) fn insert_round(
    tx: &rusqlite::Connection,
    new: &NewRound,
    accounts: &[i64],
) -> Result<i64, StoreError> {
    let scope = serde_json::to_string(&new.scope)
        .map_err(|e| StoreError::Invalid(format!("cannot encode the round scope: {e}")))?;
    tx.execute(
        "INSERT INTO rounds (name, rubric_id, rubric_version, rubric_text, rubric_hash, monitoring_date, scope, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            new.name.trim(),
            new.rubric_id,
            new.rubric_version,
            new.rubric_text,
            sha256_hex(&new.rubric_text),
            new.monitoring_date.format("%Y-%m-%d").to_string(),
            scope,
            super::now()
        ],
    )?;
    let id = tx.last_insert_rowid();
    let mut add =
        tx.prepare_cached("INSERT INTO round_accounts (round_id, account_id) VALUES (?1, ?2)")?;
    for a in accounts {
        add.execute([id, *a])?;
    }
    super::ledger::restate(tx, &super::ledger::Subject::Round(id))?;
    Ok(id)
}

/// Rounds not deleted (a deleted round with scores is kept but hidden).
const LIVE: &str = "id NOT IN (SELECT round_id FROM round_deletions)";

impl Store {
    /// Creates a round, pins the rubric text and its SHA-256, and fixes its accounts from the scope.
    pub fn create_round(&mut self, new: &NewRound) -> Result<Round, StoreError> {
        let r = self.create_round_tx(new);
        r.map_err(|e| self.locked(e))
    }

    fn create_round_tx(&mut self, new: &NewRound) -> Result<Round, StoreError> {
        let name = new.name.trim();
        if name.is_empty() {
            return Err(StoreError::Invalid(
                "a round needs a name, e.g. \"2024 Q4 云和县\"".into(),
            ));
        }
        if self.round_by_name(name)?.is_some() {
            return Err(StoreError::Invalid(format!(
                "a round named \"{name}\" already exists; pick another name or use that round"
            )));
        }
        let accounts = self.list_accounts(&new.scope)?;
        if accounts.is_empty() {
            return Err(StoreError::Invalid(format!(
                "the scope of round \"{name}\" matches no account; import accounts first or widen the filters"
            )));
        }
        let tx = super::tx::write_tx(&mut self.conn)?;
        let ids: Vec<i64> = accounts.iter().map(|a| a.id).collect();
        let id = insert_round(&tx, new, &ids)?;
        tx.commit()?;
        self.round_by_id(id)?
            .ok_or_else(|| StoreError::NotFound(format!("round {id} vanished after creation")))
    }

    pub fn rounds(&self) -> Result<Vec<Round>, StoreError> {
        let r = (|| {
            let sql = format!("SELECT {ROUND_COLUMNS} FROM rounds WHERE {LIVE} ORDER BY id");
            let mut stmt = self.conn.prepare_cached(&sql)?;
            let rows = stmt.query_map([], round_from_row)?;
            Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
        })();
        r.map_err(|e| self.locked(e))
    }

    fn round_by_id(&self, id: i64) -> Result<Option<Round>, StoreError> {
        let sql = format!("SELECT {ROUND_COLUMNS} FROM rounds WHERE id = ?1 AND {LIVE}");
        let r = self.conn.query_row(&sql, [id], round_from_row).optional();
        r.map_err(|e| self.locked(e.into()))?
            .map(pinned)
            .transpose()
    }

    fn round_by_name(&self, name: &str) -> Result<Option<Round>, StoreError> {
        let sql = format!("SELECT {ROUND_COLUMNS} FROM rounds WHERE name = ?1 AND {LIVE}");
        let r = self.conn.query_row(&sql, [name], round_from_row).optional();
        r.map_err(|e| self.locked(e.into()))?
            .map(pinned)
            .transpose()
    }

    /// A round by id or by name.
    pub fn round(&self, key: &str) -> Result<Round, StoreError> {
        let key = key.trim();
        if let Ok(id) = key.parse::<i64>()
            && let Some(r) = self.round_by_id(id)?
        {
            return Ok(r);
        }
        self.round_by_name(key)?.ok_or_else(|| {
            StoreError::NotFound(format!(
                "no round with id or name \"{key}\"; see `assay round list`"
            ))
        })
    }

    /// The accounts in a round's scope, in id order.
    pub fn round_accounts(&self, round_id: i64) -> Result<Vec<Account>, StoreError> {
        self.round_accounts_in(round_id, i64::MIN..=i64::MAX)
    }

    /// The accounts in a round's scope whose ids lie in `ids`, in id order.
    pub fn round_accounts_in(
        &self,
        round_id: i64,
        ids: RangeInclusive<i64>,
    ) -> Result<Vec<Account>, StoreError> {
        let mut all = Vec::new();
        self.round_accounts_batched(round_id, ids, usize::MAX, |b| {
            all = b;
            true
        })?;
        Ok(all)
    }

    /// The accounts in a round's scope with ids in `ids`, in id order, handed over in batches of
    /// at most `batch` accounts, so that a reader holds only a batch at a time; stops early when
    /// `f` returns false.
    pub fn round_accounts_batched(
        &self,
        round_id: i64,
        ids: RangeInclusive<i64>,
        batch: usize,
        mut f: impl FnMut(Vec<Account>) -> bool,
    ) -> Result<(), StoreError> {
        let r = (|| {
            let sql = format!(
                "SELECT {ACCOUNT_COLUMNS} FROM round_accounts ra JOIN accounts a ON a.id = ra.account_id
                 WHERE ra.round_id = ?1 AND ra.account_id BETWEEN ?2 AND ?3 ORDER BY ra.account_id"
            );
            let mut stmt = self.conn.prepare_cached(&sql)?;
            let mut rows = stmt.query(params![round_id, ids.start(), ids.end()])?;
            let mut out = Vec::new();
            while let Some(row) = rows.next()? {
                out.push(account_from_row(row)?);
                if out.len() == batch && !f(std::mem::take(&mut out)) {
                    return Ok(());
                }
            }
            if !out.is_empty() || batch == usize::MAX {
                f(out);
            }
            Ok(())
        })();
        r.map_err(|e: StoreError| self.locked(e))
    }

    /// The ids of the accounts in a round's scope, in order.
    pub fn round_account_ids(&self, round_id: i64) -> Result<Vec<i64>, StoreError> {
        let r = (|| {
            let mut stmt = self.conn.prepare_cached(
                "SELECT account_id FROM round_accounts WHERE round_id = ?1 ORDER BY account_id",
            )?;
            let rows = stmt.query_map([round_id], |r| r.get(0))?;
            Ok(rows.collect::<rusqlite::Result<Vec<i64>>>()?)
        })();
        r.map_err(|e: StoreError| self.locked(e))
    }
}
