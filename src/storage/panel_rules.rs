//! The panel's finer rules as stored: the combining method per category (`panel config
//! --category`), and the chair's latest consensus per item read through a partial index (so a
//! report over a large round does not scan its history).

use std::collections::HashMap;

use rusqlite::params;

use super::{Consensus, Store, StoreError};
use crate::domain::panel::Method;

/// The schema step: per-category methods, and an index over the consensus history rows only.
pub const MIGRATION_SQL: &str = r#"
CREATE TABLE panel_category_methods (
    round_id INTEGER NOT NULL REFERENCES rounds (id),
    category TEXT NOT NULL,                 -- the rubric's category id
    method   TEXT NOT NULL CHECK (method IN ('mean', 'median', 'trimmed')),
    PRIMARY KEY (round_id, category)
) WITHOUT ROWID;
CREATE INDEX history_consensus ON history (round_id, id)
    WHERE substr(indicator, 1, 11) = '@consensus:';
"#;

/// The chair's latest consensus per account and indicator.
/// Sets (or clears, `None`) one category's own method, inside the caller's write transaction.
pub(super) fn set_category_method(
    tx: &rusqlite::Connection,
    round_id: i64,
    category: &str,
    method: Option<Method>,
) -> Result<(), StoreError> {
    match method {
        Some(m) => tx
            .prepare_cached(
                "INSERT INTO panel_category_methods (round_id, category, method) VALUES (?1, ?2, ?3)
                 ON CONFLICT (round_id, category) DO UPDATE SET method = excluded.method",
            )?
            .execute(params![round_id, category, m.code()])?,
        None => tx
            .prepare_cached("DELETE FROM panel_category_methods WHERE round_id = ?1 AND category = ?2")?
            .execute(params![round_id, category])?,
    };
    Ok(())
}

pub type ConsensusMap = HashMap<i64, HashMap<String, Consensus>>;

impl Store {
    /// The round's latest consensus per (account, indicator); a later record replaces an
    /// earlier one. Reads only the consensus rows (partial index `history_consensus`).
    pub fn consensus_latest(&self, round_id: i64) -> Result<ConsensusMap, StoreError> {
        let mut out = ConsensusMap::new();
        for c in self.consensus_rows(round_id)? {
            out.entry(c.account_id)
                .or_default()
                .insert(c.indicator, c.consensus);
        }
        Ok(out)
    }

    /// The round's per-category methods, by category id (categories not listed use the
    /// round's method).
    pub fn category_methods(&self, round_id: i64) -> Result<Vec<(String, Method)>, StoreError> {
        let r = (|| {
            let mut s = self.conn.prepare_cached(
                "SELECT category, method FROM panel_category_methods WHERE round_id = ?1
                 ORDER BY category",
            )?;
            let rows = s.query_map([round_id], |r| Ok((r.get(0)?, r.get::<_, String>(1)?)))?;
            let mut out = Vec::new();
            for row in rows {
                let (c, m): (String, String) = row?;
                out.push((c, Method::parse(&m).unwrap_or(Method::Mean)));
            }
            Ok(out)
        })();
        r.map_err(|e| self.locked(e))
    }

    /// Sets (`Some`) or clears (`None`: back to the round's method) one category's method.
    pub fn set_category_method(
        &mut self,
        round_id: i64,
        category: &str,
        method: Option<Method>,
    ) -> Result<(), StoreError> {
        self.configure_panel(
            round_id,
            &super::PanelConfig {
                category: Some((category.to_string(), method)),
                ..super::PanelConfig::default()
            },
        )
    }
}
