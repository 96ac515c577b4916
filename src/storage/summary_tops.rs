//! The content generation and the kept summary tops. Triggers on every table a summary is
//! computed from count each row written (by this program or any other, the sqlite3 shell
//! included) in one persistent counter; a summary's top figures are kept beside the generation
//! they were computed under, so that a TUI started later shows them at once while nothing was
//! written since, instead of combining a national round again before its first frame.

use std::path::Path;
use std::time::Duration;

use rusqlite::{OptionalExtension, params};

use super::{Store, StoreError};

/// The tables no summary reads, with why; every table of the schema is in one of the two lists
/// (a test keeps it so, so that a new table is counted or set aside on purpose).
pub const NOT_COUNTED: &[(&str, &str)] = &[
    (
        "history",
        "append-only chain written beside a counted table",
    ),
    (
        "history_heads",
        "the chain's head, written beside its history",
    ),
    ("ledger", "append-only chain written beside a counted table"),
    (
        "ledger_head",
        "the ledger's head, written beside its records",
    ),
    ("metric_posts", "operations metrics: no score reads them"),
    (
        "metric_post_weeks",
        "operations metrics: no score reads them",
    ),
    ("metric_weeks", "operations metrics: no score reads them"),
    ("ops_week_index", "the kept operations index"),
    ("ops_index_stale", "the kept operations index"),
    ("ops_index_formulas", "the kept operations index"),
    ("content_generation", "the counter itself"),
    ("summary_tops", "what the counter keys"),
];

/// Makes [`COUNTED`] and the migration's triggers from one list. The migration has shipped
/// once this lands: a table counted later gets its triggers in a migration of its own.
macro_rules! counted {
    ($($t:literal),* $(,)?) => {
        /// The tables whose rows a summary is computed from, or that change what it shows (a
        /// round's panel, its accounts, who may see which sheet): each row written to one moves
        /// the generation. `entries` is counted like the rest except under a bulk load, which
        /// flags its round in `sheet_results_bulk` (counted) and recomputes the round's kept
        /// results at its end (counted), so that the 12 million rows of a national generation
        /// pay only the flag's look-up their stale trigger already makes.
        pub const COUNTED: &[&str] = &["entries", $($t),*];

        pub const MIGRATION_SQL: &str = concat!(
            "CREATE TABLE content_generation (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    n  INTEGER NOT NULL
);
INSERT INTO content_generation VALUES (1, 0);
-- A summary's top step as computed under a generation, per round, viewer and language; the
-- version names the program and engine that computed it (another one computes afresh).
CREATE TABLE summary_tops (
    round_id   INTEGER NOT NULL,
    viewer     TEXT NOT NULL,
    lang       TEXT NOT NULL,
    generation INTEGER NOT NULL,
    version    TEXT NOT NULL,
    body       TEXT NOT NULL,
    PRIMARY KEY (round_id, viewer, lang)
) WITHOUT ROWID;
",
            "CREATE TRIGGER generation_entries_insert AFTER INSERT ON entries
WHEN NOT EXISTS (SELECT 1 FROM sheet_results_bulk WHERE round_id = NEW.round_id)
BEGIN UPDATE content_generation SET n = n + 1; END;
CREATE TRIGGER generation_entries_update AFTER UPDATE ON entries
BEGIN UPDATE content_generation SET n = n + 1; END;
CREATE TRIGGER generation_entries_delete AFTER DELETE ON entries
BEGIN UPDATE content_generation SET n = n + 1; END;
",
            $(
                "CREATE TRIGGER generation_", $t, "_insert AFTER INSERT ON ", $t,
                " BEGIN UPDATE content_generation SET n = n + 1; END;\n",
                "CREATE TRIGGER generation_", $t, "_update AFTER UPDATE ON ", $t,
                " BEGIN UPDATE content_generation SET n = n + 1; END;\n",
                "CREATE TRIGGER generation_", $t, "_delete AFTER DELETE ON ", $t,
                " BEGIN UPDATE content_generation SET n = n + 1; END;\n",
            )*
        );
    };
}

counted!(
    "accounts",
    "account_retirements",
    "rounds",
    "round_accounts",
    "round_deletions",
    "round_documents",
    "round_sources",
    "round_follow",
    "evaluators",
    "submissions",
    "sheet_results",
    "sheet_results_stale",
    "sheet_results_bulk",
    "auto_entries",
    "panel_settings",
    "panel_members",
    "panel_keys",
    "panel_category_methods",
    "assignments",
    "calibration_rounds",
    "rectifications",
    "appeals",
    "calendar_days",
    "metric_imports",
);

/// Which kept top: the round, whose view (blind scoring) and the language of its labels.
#[derive(Debug, Clone, Copy)]
pub struct TopKey<'a> {
    pub round: i64,
    /// The evaluator who looks: kept under their name, or under [`SHARED_VIEW`] where their
    /// summary is every evaluator's (see [`Store::top_viewer`]).
    pub viewer: &'a str,
    pub lang: &'a str,
    /// The program and engine that compute it.
    pub version: &'a str,
}

/// The name a top is kept under when it is every evaluator's summary.
pub const SHARED_VIEW: &str = "";

/// A kept top as stored.
#[derive(Debug, Clone)]
pub struct KeptTop {
    pub round: i64,
    pub viewer: String,
    /// The language code of its labels (`Lang::code`).
    pub lang: String,
    pub version: String,
    pub body: String,
}

impl Store {
    /// The content generation: moves with every row written to a [`COUNTED`] table.
    pub fn generation(&self) -> Result<i64, StoreError> {
        Ok(self
            .conn
            .query_row("SELECT n FROM content_generation", [], |r| r.get(0))?)
    }

    /// Whose summary `evaluator` sees in the round, as a kept top's name: [`SHARED_VIEW`] when
    /// it is every evaluator's (no panel declared, so no blind scoring, and no accounts
    /// assigned to them, so they list every account: what `blind_viewer` and `listed_accounts`
    /// decide), else their own name. Panels and assignments are counted: a change to either
    /// retires the tops kept before it.
    pub fn top_viewer(&self, round_id: i64, evaluator: &str) -> Result<String, StoreError> {
        let own = self.blind_viewer(round_id, Some(evaluator))?.is_some()
            || crate::domain::panel::assigned_to(&self.assignments(round_id)?, evaluator).is_some();
        Ok(if own { evaluator } else { SHARED_VIEW }.to_string())
    }

    /// The top kept for `key` if it was computed under the generation now, by this version.
    pub fn summary_top(&self, key: TopKey<'_>) -> Result<Option<String>, StoreError> {
        let viewer = self.top_viewer(key.round, key.viewer)?;
        Ok(self
            .conn
            .query_row(
                "SELECT body FROM summary_tops WHERE round_id = ?1 AND viewer = ?2 AND lang = ?3
                 AND version = ?4 AND generation = (SELECT n FROM content_generation)",
                params![key.round, viewer, key.lang, key.version],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// The tops kept under the generation now (the only ones a TUI shows), in key order:
    /// what `audit verify` computes again.
    pub fn current_summary_tops(&self) -> Result<Vec<KeptTop>, StoreError> {
        let mut q = self.conn.prepare(
            "SELECT round_id, viewer, lang, version, body FROM summary_tops
             WHERE generation = (SELECT n FROM content_generation)
             ORDER BY round_id, viewer, lang",
        )?;
        let rows = q.query_map([], |r| {
            Ok(KeptTop {
                round: r.get(0)?,
                viewer: r.get(1)?,
                lang: r.get(2)?,
                version: r.get(3)?,
                body: r.get(4)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// How many summary tops are kept, under any generation.
    pub fn summary_tops(&self) -> Result<i64, StoreError> {
        Ok(self
            .conn
            .query_row("SELECT count(*) FROM summary_tops", [], |r| r.get(0))?)
    }

    /// Forgets every kept summary top (benchmarks of a first summary with none kept); the next
    /// summary computed keeps one again.
    pub fn forget_summary_tops(&mut self) -> Result<(), StoreError> {
        let tx = super::tx::write_tx(&mut self.conn)?;
        tx.execute("DELETE FROM summary_tops", [])?;
        tx.commit()?;
        Ok(())
    }

    /// Keeps `body` as the top for `key` computed under `generation`, on a connection of its
    /// own that does not wait for a lock (a busy database skips it: the next summary keeps
    /// one). Nothing is kept when the generation has moved since: the body may mix both.
    /// Returns whether it was kept.
    pub fn keep_summary_top(
        path: &Path,
        key: TopKey<'_>,
        generation: i64,
        body: &str,
    ) -> Result<bool, StoreError> {
        let mut store = Store::open_with_timeout(path, Duration::ZERO)?;
        let viewer = store.top_viewer(key.round, key.viewer)?;
        let tx = super::tx::write_tx(&mut store.conn)?;
        let n = tx.execute(
            "INSERT OR REPLACE INTO summary_tops
             SELECT ?1, ?2, ?3, ?4, ?5, ?6 WHERE (SELECT n FROM content_generation) = ?4",
            params![key.round, viewer, key.lang, generation, key.version, body],
        )?;
        tx.commit()?;
        Ok(n == 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every table of the schema is counted or set aside with a reason, and each counted one
    /// has its three triggers.
    #[test]
    fn every_table_is_counted_or_set_aside() {
        let s = Store::open_in_memory().expect("open");
        let mut q = s
            .conn
            .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
            .expect("prepare");
        let tables: Vec<String> = q
            .query_map([], |r| r.get(0))
            .expect("query")
            .map(|r| r.expect("row"))
            .collect();
        for t in &tables {
            let counted = COUNTED.contains(&t.as_str());
            let aside = NOT_COUNTED.iter().any(|(n, _)| n == t);
            assert!(
                counted != aside,
                "{t}: counted {counted}, set aside {aside}"
            );
        }
        assert_eq!(COUNTED.len() + NOT_COUNTED.len(), tables.len());
        for t in COUNTED {
            let n: i64 = s
                .conn
                .query_row(
                    "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ?1
                     AND name LIKE 'generation_%'",
                    [t],
                    |r| r.get(0),
                )
                .expect("count");
            assert_eq!(n, 3, "{t}");
        }
    }

    /// A kept top is read back under its generation and version only; a write to a counted
    /// table (from another connection) retires it, and a body computed under an old generation
    /// is not kept.
    #[test]
    fn a_kept_top_holds_until_a_counted_write() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("s.db");
        let mut a = Store::create_or_open(&path).expect("open");
        let key = TopKey {
            round: 1,
            viewer: "张三",
            lang: "zh",
            version: "v1",
        };
        let g = a.generation().expect("generation");
        assert!(Store::keep_summary_top(&path, key, g, "{}").expect("keep"));
        assert_eq!(
            a.generation().expect("generation"),
            g,
            "keeping is not counted"
        );
        assert_eq!(a.summary_top(key).expect("read").as_deref(), Some("{}"));
        let other = TopKey {
            version: "v2",
            ..key
        };
        assert_eq!(a.summary_top(other).expect("read"), None, "another version");
        let mut b = Store::open(&path).expect("second connection");
        b.evaluator_id("李四").expect("write");
        assert_ne!(a.generation().expect("generation"), g);
        assert_eq!(a.summary_top(key).expect("read"), None, "retired");
        assert!(
            !Store::keep_summary_top(&path, key, g, "{}").expect("keep"),
            "computed under an old generation"
        );
        a.evaluator_id("王五").expect("write");
        assert_ne!(a.generation().expect("generation"), g);
    }
}
