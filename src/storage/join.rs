//! `panel join` on the store: a round package written into the evaluator's database in one
//! transaction — the accounts (added, or their registry fields brought up to the chair's), the
//! round with its pinned rubric and exactly the package's accounts, the evaluator as the panel
//! member assigned all of them, the panel settings, and the chair's key the package came from.

use rusqlite::{Connection, OptionalExtension, params};

use super::rounds::{insert_round, sha256_hex};
use super::scores::ensure_evaluator;
use super::{AccountFilter, NewRound, PanelConfig, RoundSource, Store, StoreError};
use crate::domain::account::Account;

/// What a package asks of the evaluator's database.
pub struct Join<'a> {
    pub round: &'a NewRound,
    pub evaluator: &'a str,
    pub accounts: &'a [Account],
    pub config: &'a PanelConfig,
    /// Categories with their own method; the others follow the round's.
    pub categories: &'a [(String, crate::domain::panel::Method)],
    pub source: &'a RoundSource,
}

/// What joining changed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Joined {
    pub round_id: i64,
    /// The round was made now (else it was there from an earlier package).
    pub created: bool,
    pub accounts_added: usize,
    pub accounts_updated: usize,
    /// Accounts no longer in the package but kept in the round: they hold this evaluator's
    /// entries (names).
    pub kept: Vec<String>,
}

/// The id of the account (platform, name), added or updated to the chair's fields: (id, added,
/// updated).
fn upsert_account(tx: &Connection, a: &Account) -> Result<(i64, bool, bool), StoreError> {
    let opened = a.opened.map(|d| d.format("%Y-%m-%d").to_string());
    let found: Option<i64> = tx
        .prepare_cached("SELECT id FROM accounts WHERE platform = ?1 AND name = ?2")?
        .query_row(params![a.platform.code(), a.name], |r| r.get(0))
        .optional()?;
    let fields = params![
        a.platform.code(),
        a.platform_label,
        a.name,
        a.unit,
        a.level.code(),
        a.region,
        a.domain,
        a.status,
        opened
    ];
    let Some(id) = found else {
        tx.prepare_cached(
            "INSERT INTO accounts (platform, platform_label, name, unit, level, region, domain, status, opened)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        )?
        .execute(fields)?;
        return Ok((tx.last_insert_rowid(), true, false));
    };
    let changed = tx
        .prepare_cached(
            "UPDATE accounts SET platform_label = ?2, unit = ?4, level = ?5, region = ?6,
             domain = ?7, status = ?8, opened = ?9
             WHERE platform = ?1 AND name = ?3 AND (platform_label IS NOT ?2 OR unit IS NOT ?4
             OR level IS NOT ?5 OR region IS NOT ?6 OR domain IS NOT ?7 OR status IS NOT ?8
             OR opened IS NOT ?9)",
        )?
        .execute(fields)?;
    Ok((id, false, changed > 0))
}

/// Sets the round's accounts to `ids`: adds the missing, removes the others unless this
/// evaluator has work on them (returned by name, kept).
fn set_scope(tx: &Connection, round_id: i64, ids: &[i64]) -> Result<Vec<String>, StoreError> {
    let current: Vec<(i64, String, bool)> = {
        let mut st = tx.prepare(
            "SELECT ra.account_id, a.name,
                    EXISTS (SELECT 1 FROM entries e WHERE e.round_id = ra.round_id AND e.account_id = ra.account_id)
                    OR EXISTS (SELECT 1 FROM submissions s WHERE s.round_id = ra.round_id AND s.account_id = ra.account_id)
             FROM round_accounts ra JOIN accounts a ON a.id = ra.account_id WHERE ra.round_id = ?1",
        )?;
        let rows = st.query_map([round_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    let mut kept = Vec::new();
    for (id, name, worked) in current {
        if ids.contains(&id) {
            continue;
        }
        if worked {
            kept.push(name);
            continue;
        }
        tx.execute(
            "DELETE FROM assignments WHERE round_id = ?1 AND account_id = ?2",
            params![round_id, id],
        )?;
        tx.execute(
            "DELETE FROM round_accounts WHERE round_id = ?1 AND account_id = ?2",
            params![round_id, id],
        )?;
    }
    for id in ids {
        tx.execute(
            "INSERT INTO round_accounts (round_id, account_id) VALUES (?1, ?2) ON CONFLICT DO NOTHING",
            params![round_id, id],
        )?;
    }
    Ok(kept)
}

impl Store {
    /// Writes a round package into this database, all or nothing. A round of the same name
    /// must be pinned to the same rubric.
    pub fn join_package(&mut self, j: &Join<'_>) -> Result<Joined, StoreError> {
        let r = (|| {
            let tx = super::tx::write_tx(&mut self.conn)?;
            let mut out = Joined::default();
            let mut ids = Vec::with_capacity(j.accounts.len());
            for a in j.accounts {
                let (id, added, updated) = upsert_account(&tx, a)?;
                out.accounts_added += usize::from(added);
                out.accounts_updated += usize::from(updated);
                ids.push(id);
            }
            let name = j.round.name.trim();
            let existing: Option<(i64, String)> = tx
                .prepare_cached("SELECT id, rubric_hash FROM rounds WHERE name = ?1")?
                .query_row([name], |r| Ok((r.get(0)?, r.get(1)?)))
                .optional()?;
            out.round_id = match existing {
                Some((id, hash)) if hash == sha256_hex(&j.round.rubric_text) => {
                    out.kept = set_scope(&tx, id, &ids)?;
                    id
                }
                Some(_) => {
                    return Err(StoreError::Invalid(format!(
                        "round \"{name}\" is already here, pinned to another rubric; join the package into another database"
                    )));
                }
                None => {
                    out.created = true;
                    insert_round(&tx, j.round, &ids)?
                }
            };
            let ev = ensure_evaluator(&tx, j.evaluator)?;
            tx.execute(
                "INSERT INTO panel_members (round_id, evaluator_id, role, affiliation) VALUES (?1, ?2, 'evaluator', '')
                 ON CONFLICT (round_id, evaluator_id) DO UPDATE SET role = 'evaluator'",
                params![out.round_id, ev],
            )?;
            tx.execute(
                "DELETE FROM assignments WHERE round_id = ?1",
                [out.round_id],
            )?;
            for id in &ids {
                tx.execute(
                    "INSERT INTO assignments (round_id, account_id, evaluator_id) VALUES (?1, ?2, ?3)",
                    params![out.round_id, id, ev],
                )?;
            }
            tx.execute(
                "DELETE FROM panel_category_methods WHERE round_id = ?1",
                [out.round_id],
            )?;
            for (c, m) in j.categories {
                super::panel_rules::set_category_method(&tx, out.round_id, c, Some(*m))?;
            }
            super::panel_settings::configure_in(&tx, out.round_id, j.config)?;
            super::panel_keys::write_source(&tx, out.round_id, j.source)?;
            for s in [
                super::ledger::Subject::Accounts,
                super::ledger::Subject::Round(out.round_id),
                super::ledger::Subject::Panel(out.round_id),
            ] {
                super::ledger::restate(&tx, &s)?;
            }
            tx.commit()?;
            Ok(out)
        })();
        r.map_err(|e| self.locked(e))
    }
}

/// The scope a joined round records: every account of the package (the filter is not the
/// chair's; the round's accounts are the package's).
pub fn joined_scope() -> AccountFilter {
    AccountFilter::default()
}

#[cfg(test)]
#[path = "tests/join.rs"]
mod tests;
