//! A round's panel as stored: settings (result method, quorum, veto rule), members with role
//! and affiliation, and the assignment of evaluators to accounts.

use rusqlite::{OptionalExtension, params};

use super::{Store, StoreError};
use crate::domain::panel::{Method, PanelPolicy, VetoRule};

/// The schema step of the panels lane: per-round panel settings, members and assignments.
pub const MIGRATION_SQL: &str = r#"
CREATE TABLE panel_settings (
    round_id INTEGER PRIMARY KEY REFERENCES rounds (id),
    method   TEXT NOT NULL DEFAULT 'mean' CHECK (method IN ('mean', 'median', 'trimmed')),
    quorum   INTEGER NOT NULL DEFAULT 1 CHECK (quorum >= 1),
    veto     TEXT NOT NULL DEFAULT 'any' CHECK (veto IN ('any', 'majority', 'all'))
);
CREATE TABLE panel_members (
    round_id     INTEGER NOT NULL REFERENCES rounds (id),
    evaluator_id INTEGER NOT NULL REFERENCES evaluators (id),
    role         TEXT NOT NULL CHECK (role IN ('evaluator', 'chair')),
    affiliation  TEXT NOT NULL DEFAULT '',  -- host unit the member belongs to (conflict of interest)
    PRIMARY KEY (round_id, evaluator_id)
) WITHOUT ROWID;
CREATE TABLE assignments (
    round_id     INTEGER NOT NULL,
    account_id   INTEGER NOT NULL,
    evaluator_id INTEGER NOT NULL REFERENCES evaluators (id),
    PRIMARY KEY (round_id, account_id, evaluator_id),
    FOREIGN KEY (round_id, account_id) REFERENCES round_accounts (round_id, account_id)
) WITHOUT ROWID;
"#;

/// A member of a round's panel.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Member {
    pub name: String,
    /// "evaluator" or "chair".
    pub role: String,
    pub affiliation: String,
}

fn veto_code(v: VetoRule) -> &'static str {
    match v {
        VetoRule::Any => "any",
        VetoRule::Majority => "majority",
        VetoRule::All => "all",
    }
}

impl Store {
    /// The round's panel settings; the defaults (mean, quorum 1, any veto) when never set.
    pub fn panel_policy(&self, round_id: i64) -> Result<PanelPolicy, StoreError> {
        let row: Option<(String, i64, String)> = self
            .conn
            .prepare_cached("SELECT method, quorum, veto FROM panel_settings WHERE round_id = ?1")
            .and_then(|mut s| {
                s.query_row([round_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
                    .optional()
            })
            .map_err(|e| self.locked(e.into()))?;
        let Some((m, q, v)) = row else {
            return Ok(PanelPolicy::default());
        };
        Ok(PanelPolicy {
            method: Method::parse(&m).unwrap_or(Method::Mean),
            quorum: q.max(1) as usize,
            veto: match v.as_str() {
                "majority" => VetoRule::Majority,
                "all" => VetoRule::All,
                _ => VetoRule::Any,
            },
        })
    }

    /// Stores the round's panel settings.
    pub fn set_panel_policy(&mut self, round_id: i64, p: &PanelPolicy) -> Result<(), StoreError> {
        self.conn
            .prepare_cached(
                "INSERT INTO panel_settings (round_id, method, quorum, veto) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (round_id) DO UPDATE SET method = excluded.method, quorum = excluded.quorum, veto = excluded.veto",
            )
            .and_then(|mut s| s.execute(params![round_id, p.method.code(), p.quorum as i64, veto_code(p.veto)]))
            .map_err(|e| self.locked(e.into()))?;
        Ok(())
    }
}

impl Store {
    /// Adds or updates a member of the round's panel.
    pub fn set_member(&mut self, round_id: i64, m: &Member) -> Result<(), StoreError> {
        let r = (|| {
            let tx = super::tx::write_tx(&mut self.conn)?;
            let id = super::scores::ensure_evaluator(&tx, &m.name)?;
            tx.prepare_cached(
                "INSERT INTO panel_members (round_id, evaluator_id, role, affiliation) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (round_id, evaluator_id) DO UPDATE SET role = excluded.role, affiliation = excluded.affiliation",
            )?
            .execute(params![round_id, id, m.role, m.affiliation.trim()])?;
            tx.commit()?;
            Ok(())
        })();
        r.map_err(|e| self.locked(e))
    }

    /// The round's panel, chair first, then by name.
    pub fn members(&self, round_id: i64) -> Result<Vec<Member>, StoreError> {
        let r = (|| {
            let mut s = self.conn.prepare_cached(
                "SELECT ev.name, m.role, m.affiliation FROM panel_members m JOIN evaluators ev ON ev.id = m.evaluator_id
                 WHERE m.round_id = ?1 ORDER BY m.role = 'evaluator', ev.name",
            )?;
            let rows = s.query_map([round_id], |r| {
                Ok(Member {
                    name: r.get(0)?,
                    role: r.get(1)?,
                    affiliation: r.get(2)?,
                })
            })?;
            Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
        })();
        r.map_err(|e| self.locked(e))
    }

    /// How `who` (`None`: did not say) views the round under blind scoring, by the one rule
    /// [`crate::domain::panel::viewer`]: `None` without a declared panel, else chair or
    /// evaluator.
    pub fn blind_viewer(
        &self,
        round_id: i64,
        who: Option<&str>,
    ) -> Result<Option<crate::domain::panel::Viewer>, StoreError> {
        let members = self.members(round_id)?;
        let chair = who.is_some_and(|w| {
            members
                .iter()
                .any(|m| m.role == "chair" && m.name == w.trim())
        });
        Ok(crate::domain::panel::viewer(!members.is_empty(), chair))
    }

    /// Replaces the round's assignment with `(account id, evaluator name)` pairs, in one
    /// transaction.
    pub fn replace_assignments(
        &mut self,
        round_id: i64,
        pairs: &[(i64, String)],
    ) -> Result<(), StoreError> {
        let r = (|| {
            let tx = super::tx::write_tx(&mut self.conn)?;
            tx.execute("DELETE FROM assignments WHERE round_id = ?1", [round_id])?;
            for (account, name) in pairs {
                let id = super::scores::ensure_evaluator(&tx, name)?;
                tx.prepare_cached("INSERT INTO assignments (round_id, account_id, evaluator_id) VALUES (?1, ?2, ?3)")?
                    .execute(params![round_id, account, id])?;
            }
            tx.commit()?;
            Ok(())
        })();
        r.map_err(|e| self.locked(e))
    }

    /// The round's assignment as `(account id, evaluator name)`, by account then name.
    pub fn assignments(&self, round_id: i64) -> Result<Vec<(i64, String)>, StoreError> {
        let r = (|| {
            let mut s = self.conn.prepare_cached(
                "SELECT a.account_id, ev.name FROM assignments a JOIN evaluators ev ON ev.id = a.evaluator_id
                 WHERE a.round_id = ?1 ORDER BY a.account_id, ev.name",
            )?;
            let rows = s.query_map([round_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
            Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
        })();
        r.map_err(|e| self.locked(e))
    }

    /// The accounts an evaluator's list holds: the round's, or with an assignment only theirs
    /// (issue 10 §1); read in id ranges on `parts` connections. One definition for the TUI's
    /// list and for its summary worker.
    pub fn listed_accounts(
        &self,
        round_id: i64,
        evaluator: &str,
        parts: usize,
    ) -> Result<Vec<crate::domain::account::Account>, StoreError> {
        let mut accounts = self.round_accounts_split(round_id, parts)?;
        let assigned = self.assignments(round_id)?;
        if let Some(mine) = crate::domain::panel::assigned_to(&assigned, evaluator) {
            accounts.retain(|a| mine.contains(&a.id));
        }
        Ok(accounts)
    }
}
