//! Corrections to the registry and to rounds, each in one transaction: updating accounts by
//! (platform, name) with a report of every changed field, renaming and retiring accounts,
//! renaming and deleting rounds (a round with scores is only hidden, so its history stays).

use rusqlite::{OptionalExtension, Transaction, params};

use super::accounts::{ACCOUNT_COLUMNS, account_from_row, is_unique_violation};
use super::{Store, StoreError};
use crate::domain::account::Account;

/// The migration these corrections need: retired accounts and deleted (hidden) rounds.
pub const MIGRATION_SQL: &str = r#"
-- Accounts retired from the registry: left out of listings and new rounds, kept in past rounds.
CREATE TABLE account_retirements (
    account_id INTEGER PRIMARY KEY REFERENCES accounts (id),
    at         TEXT NOT NULL
);
-- Rounds deleted after scoring: hidden everywhere, their entries and history kept.
CREATE TABLE round_deletions (
    round_id INTEGER PRIMARY KEY REFERENCES rounds (id),
    name     TEXT NOT NULL,            -- the name the round had
    at       TEXT NOT NULL
);
"#;

/// One changed field of one account.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct FieldChange {
    pub account_id: i64,
    /// `platform_label:name` of the account.
    pub account: String,
    /// `platform_label`, `unit`, `level`, `region`, `domain`, `status` or `opened`.
    pub field: &'static str,
    pub old: String,
    pub new: String,
}

/// What an update import did.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct AccountUpdate {
    /// Accounts that were new, as `platform_label:name`.
    pub added: Vec<String>,
    pub changed: Vec<FieldChange>,
    /// Existing accounts with nothing to change.
    pub unchanged: usize,
}

/// What deleting a round did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RoundDeletion {
    /// The round had no scores and no history: it is gone.
    Removed,
    /// The round had scores (`--force`): it is hidden, its entries and history are kept.
    Hidden,
}

/// The fields an update compares, with their stored and incoming values. Empty incoming values
/// never blank a stored one (a file without that column says nothing about it).
fn fields(a: &Account) -> [(&'static str, String); 7] {
    [
        ("platform_label", a.platform_label.clone()),
        ("unit", a.unit.clone()),
        ("level", a.level.code().to_string()),
        ("region", a.region.clone()),
        ("domain", a.domain.clone()),
        ("status", a.status.clone()),
        (
            "opened",
            a.opened.map(|d| d.to_string()).unwrap_or_default(),
        ),
    ]
}

fn find(tx: &Transaction<'_>, a: &Account) -> Result<Option<Account>, StoreError> {
    let sql =
        format!("SELECT {ACCOUNT_COLUMNS} FROM accounts a WHERE a.platform = ?1 AND a.name = ?2");
    Ok(tx
        .prepare_cached(&sql)?
        .query_row(params![a.platform.code(), a.name], account_from_row)
        .optional()?)
}

fn update_one(
    tx: &Transaction<'_>,
    old: &Account,
    new: &Account,
    out: &mut AccountUpdate,
) -> Result<(), StoreError> {
    let before = out.changed.len();
    for ((field, was), (_, now)) in fields(old).into_iter().zip(fields(new)) {
        if now.is_empty() || now == was {
            continue;
        }
        // Column names come from the fixed list above, never from input.
        tx.execute(
            &format!("UPDATE accounts SET {field} = ?1 WHERE id = ?2"),
            params![now, old.id],
        )?;
        out.changed.push(FieldChange {
            account_id: old.id,
            account: format!("{}:{}", old.platform_label, old.name),
            field,
            old: was,
            new: now,
        });
    }
    if out.changed.len() == before {
        out.unchanged += 1;
    }
    Ok(())
}

fn rename_taken(e: rusqlite::Error, what: &str, name: &str) -> StoreError {
    if is_unique_violation(&e) {
        StoreError::Invalid(format!(
            "{what} \"{name}\" already exists; pick another name"
        ))
    } else {
        e.into()
    }
}

fn insert(tx: &Transaction<'_>, a: &Account) -> Result<(), StoreError> {
    tx.prepare_cached(
        "INSERT INTO accounts (platform, platform_label, name, unit, level, region, domain, status, opened)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?
    .execute(params![
        a.platform.code(),
        a.platform_label,
        a.name,
        a.unit,
        a.level.code(),
        a.region,
        a.domain,
        a.status,
        a.opened.map(|d| d.format("%Y-%m-%d").to_string())
    ])
    .map_err(|e| rename_taken(e, "account", &format!("{}:{}", a.platform_label, a.name)))?;
    Ok(())
}

/// Number of entries and history rows of a round: its scores.
fn round_scores(conn: &rusqlite::Connection, round_id: i64) -> Result<i64, StoreError> {
    Ok(conn.query_row(
        "SELECT (SELECT count(*) FROM entries WHERE round_id = ?1)
              + (SELECT count(*) FROM history WHERE round_id = ?1)",
        [round_id],
        |r| r.get(0),
    )?)
}

impl Store {
    /// Updates existing accounts matched by (platform, name) and adds new ones, in one
    /// transaction (all or nothing); reports every changed field and every added account.
    pub fn update_accounts(&mut self, accounts: &[Account]) -> Result<AccountUpdate, StoreError> {
        let r = (|| {
            let tx = super::tx::write_tx(&mut self.conn)?;
            let mut out = AccountUpdate::default();
            for a in accounts {
                match find(&tx, a)? {
                    Some(old) => update_one(&tx, &old, a, &mut out)?,
                    None => {
                        insert(&tx, a)?;
                        out.added.push(format!("{}:{}", a.platform_label, a.name));
                    }
                }
            }
            tx.commit()?;
            Ok(out)
        })();
        r.map_err(|e| self.locked(e))
    }

    /// Renames an account (its platform stays); refused when the platform already has that name.
    pub fn rename_account(&mut self, id: i64, name: &str) -> Result<(), StoreError> {
        let name = name.trim();
        if name.is_empty() {
            return Err(StoreError::Invalid("the new name is empty".into()));
        }
        let r = (|| {
            let tx = super::tx::write_tx(&mut self.conn)?;
            tx.execute(
                "UPDATE accounts SET name = ?1 WHERE id = ?2",
                params![name, id],
            )
            .map_err(|e| rename_taken(e, "account", name))?;
            tx.commit()?;
            Ok(())
        })();
        r.map_err(|e| self.locked(e))
    }

    /// Retires an account: it leaves listings and new rounds, past rounds keep it. Returns false
    /// when it was already retired.
    pub fn retire_account(&mut self, id: i64) -> Result<bool, StoreError> {
        let r = (|| {
            let tx = super::tx::write_tx(&mut self.conn)?;
            let n = tx.execute(
                "INSERT INTO account_retirements (account_id, at) VALUES (?1, ?2) ON CONFLICT DO NOTHING",
                params![id, super::now()],
            )?;
            tx.commit()?;
            Ok(n == 1)
        })();
        r.map_err(|e| self.locked(e))
    }

    /// Entries plus history rows of a round (0 for a round nobody scored).
    pub fn round_score_count(&self, round_id: i64) -> Result<i64, StoreError> {
        round_scores(&self.conn, round_id).map_err(|e| self.locked(e))
    }

    /// Renames a round; refused when another round has that name.
    pub fn rename_round(&mut self, id: i64, name: &str) -> Result<(), StoreError> {
        let name = name.trim();
        if name.is_empty() {
            return Err(StoreError::Invalid("the new name is empty".into()));
        }
        let r = (|| {
            let tx = super::tx::write_tx(&mut self.conn)?;
            tx.execute(
                "UPDATE rounds SET name = ?1 WHERE id = ?2",
                params![name, id],
            )
            .map_err(|e| rename_taken(e, "round", name))?;
            tx.commit()?;
            Ok(())
        })();
        r.map_err(|e| self.locked(e))
    }

    /// Deletes a round. A round without scores is removed; one with scores is refused unless
    /// `force`, which hides it (renamed out of the way) and keeps its entries and history.
    pub fn delete_round(&mut self, id: i64, force: bool) -> Result<RoundDeletion, StoreError> {
        let r = (|| {
            let tx = super::tx::write_tx(&mut self.conn)?;
            let scores = round_scores(&tx, id)?;
            let done = if scores == 0 {
                tx.execute("DELETE FROM submissions WHERE round_id = ?1", [id])?;
                tx.execute("DELETE FROM round_accounts WHERE round_id = ?1", [id])?;
                tx.execute("DELETE FROM rounds WHERE id = ?1", [id])?;
                RoundDeletion::Removed
            } else if force {
                let at = super::now();
                tx.execute(
                    "INSERT INTO round_deletions (round_id, name, at) SELECT id, name, ?2 FROM rounds WHERE id = ?1",
                    params![id, at],
                )?;
                tx.execute(
                    "UPDATE rounds SET name = name || ' (deleted ' || ?2 || ' #' || id || ')' WHERE id = ?1",
                    params![id, at],
                )?;
                RoundDeletion::Hidden
            } else {
                return Err(StoreError::Invalid(format!(
                    "round {id} has {scores} scores and history rows; deleting it needs force"
                )));
            };
            tx.commit()?;
            Ok(done)
        })();
        r.map_err(|e| self.locked(e))
    }
}
