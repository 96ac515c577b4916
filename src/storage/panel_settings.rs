//! A round's panel settings (result method, quorum, veto rule) as stored.

use rusqlite::{OptionalExtension, params};

use super::{Store, StoreError};
use crate::domain::panel::{Method, PanelPolicy, VetoRule};

/// The schema step of the panels lane: per-round panel settings.
pub const MIGRATION_SQL: &str = r#"
CREATE TABLE panel_settings (
    round_id INTEGER PRIMARY KEY REFERENCES rounds (id),
    method   TEXT NOT NULL DEFAULT 'mean' CHECK (method IN ('mean', 'median', 'trimmed')),
    quorum   INTEGER NOT NULL DEFAULT 1 CHECK (quorum >= 1),
    veto     TEXT NOT NULL DEFAULT 'any' CHECK (veto IN ('any', 'majority', 'all'))
);
"#;

fn method_code(m: Method) -> &'static str {
    match m {
        Method::Mean => "mean",
        Method::Median => "median",
        Method::Trimmed => "trimmed",
    }
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
            method: match m.as_str() {
                "median" => Method::Median,
                "trimmed" => Method::Trimmed,
                _ => Method::Mean,
            },
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
            .and_then(|mut s| s.execute(params![round_id, method_code(p.method), p.quorum as i64, veto_code(p.veto)]))
            .map_err(|e| self.locked(e.into()))?;
        Ok(())
    }
}
