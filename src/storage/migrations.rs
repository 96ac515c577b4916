//! The append-only list of schema migrations and the code that applies them.
//!
//! How to add a migration (e.g. metrics tables): append one [`Migration`] at the END of
//! [`MIGRATIONS`]. Never edit, reorder or remove an entry that has shipped: databases in the field
//! have already run it. The schema version is the number of migrations applied, kept in
//! `PRAGMA user_version`; each migration runs in its own transaction together with the version
//! bump, so a crash leaves the database at the previous version. A database whose version is
//! greater than `MIGRATIONS.len()` was written by a newer program and is refused untouched.

use rusqlite::Connection;

/// `PRAGMA application_id` of every assay database: the bytes "ASSY" (0x41535359).
pub const APPLICATION_ID: i32 = 0x4153_5359;

use super::StoreError;

/// One schema step: a name for messages and the SQL it runs (several statements allowed).
#[derive(Debug, Clone, Copy)]
pub struct Migration {
    pub name: &'static str,
    pub sql: &'static str,
}

/// Every migration, oldest first. Append only.
pub const MIGRATIONS: &[Migration] = &[
    Migration {
        name: "initial schema: accounts, rounds, evaluators, entries, history, submissions",
        sql: INITIAL,
    },
    Migration {
        name: "operations metrics: per-post figures and weekly follower/message counts",
        sql: super::metrics::MIGRATION_SQL,
    },
    Migration {
        name: "tamper-evident history: chained row hashes and the head of each round's chain",
        sql: super::chain::MIGRATION_SQL,
    },
    Migration {
        name: "corrections: retired accounts and deleted rounds",
        sql: super::corrections::MIGRATION_SQL,
    },
    Migration {
        name: "kept sheet results: one row per sheet for reports, kept fresh by triggers",
        sql: super::kept::MIGRATION_SQL,
    },
    Migration {
        name: "expert panels: per-round settings (result method, quorum, veto rule), members, assignments",
        sql: super::panel_settings::MIGRATION_SQL,
    },
    Migration {
        name: "metric imports without duplicates: post keys, weekly columns, import history",
        sql: super::metric_import::MIGRATION_SQL,
    },
    Migration {
        name: "calibration rounds: a round marked for the panel to calibrate before live scoring",
        sql: super::calibration::MIGRATION_SQL,
    },
    Migration {
        name: "round picker progress: kept sheet results indexed by round, evaluator and completeness",
        sql: super::progress::MIGRATION_SQL,
    },
    Migration {
        name: "panel rules: combining method per category, index over the chair's consensus rows",
        sql: super::panel_rules::MIGRATION_SQL,
    },
    Migration {
        name: "operations: automatic rubric values placed, per-week post aggregates (backfilled)",
        sql: super::post_weeks::MIGRATION_SQL,
    },
    Migration {
        name: "operations index kept per account and week (gov-ops), marked stale by triggers",
        sql: super::ops_index::MIGRATION_SQL,
    },
    Migration {
        name: "signed panel exchange: evaluators' keys per round, the chair's key of a round package",
        sql: super::panel_keys::MIGRATION_SQL,
    },
    Migration {
        name: "ledger: chained records of rounds, panels, metrics, accounts and evaluators",
        sql: super::ledger::MIGRATION_SQL,
    },
    Migration {
        name: "round documents: issuing office, addressees, basis, number and 整改 deadline",
        sql: super::round_documents::MIGRATION_SQL,
    },
    Migration {
        name: "follow-up: rectifications and re-checks, appeals, the 整改 and appeal windows, the calendar",
        sql: super::follow::MIGRATION_SQL,
    },
    Migration {
        name: "content generation: a counter moved by every write a summary reads, and kept summary tops",
        sql: super::summary_tops::MIGRATION_SQL,
    },
];

/// The schema version this program writes: the number of migrations.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

const INITIAL: &str = r#"
CREATE TABLE accounts (
    id             INTEGER PRIMARY KEY,
    platform       TEXT NOT NULL,            -- Platform::code
    platform_label TEXT NOT NULL,            -- as the office wrote it
    name           TEXT NOT NULL,
    unit           TEXT NOT NULL DEFAULT '',
    level          TEXT NOT NULL,            -- Level::code
    region         TEXT NOT NULL DEFAULT '', -- 浙江省/丽水市/云和县
    domain         TEXT NOT NULL DEFAULT '',
    status         TEXT NOT NULL DEFAULT '',
    opened         TEXT,                     -- YYYY-MM-DD
    UNIQUE (platform, name)
);
CREATE INDEX accounts_name ON accounts (name);
CREATE INDEX accounts_region ON accounts (region);

CREATE TABLE rounds (
    id              INTEGER PRIMARY KEY,
    name            TEXT NOT NULL UNIQUE,
    rubric_id       TEXT NOT NULL,
    rubric_version  TEXT NOT NULL,
    rubric_text     TEXT NOT NULL,           -- the exact RON the round is pinned to
    rubric_hash     TEXT NOT NULL,           -- SHA-256 of rubric_text, lowercase hex
    monitoring_date TEXT NOT NULL,           -- YYYY-MM-DD
    scope           TEXT NOT NULL,           -- AccountFilter as JSON
    created_at      TEXT NOT NULL            -- RFC 3339 UTC
);

-- The accounts of a round, fixed when the round is created.
CREATE TABLE round_accounts (
    round_id   INTEGER NOT NULL REFERENCES rounds (id),
    account_id INTEGER NOT NULL REFERENCES accounts (id),
    PRIMARY KEY (round_id, account_id)
) WITHOUT ROWID;
CREATE INDEX round_accounts_account ON round_accounts (account_id);

CREATE TABLE evaluators (
    id   INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE
);

-- One evaluator's current input for one indicator of one account in one round.
-- The primary key (round, account, evaluator, indicator) serves every per-round scan.
CREATE TABLE entries (
    round_id     INTEGER NOT NULL,
    account_id   INTEGER NOT NULL,
    evaluator_id INTEGER NOT NULL REFERENCES evaluators (id),
    indicator    TEXT NOT NULL,
    value        REAL,
    count        INTEGER,
    veto         TEXT,                       -- chosen veto reason
    na           INTEGER NOT NULL DEFAULT 0,
    note         TEXT NOT NULL DEFAULT '',
    evidence     TEXT NOT NULL DEFAULT '[]', -- JSON array of links
    updated_at   TEXT NOT NULL,
    PRIMARY KEY (round_id, account_id, evaluator_id, indicator),
    FOREIGN KEY (round_id, account_id) REFERENCES round_accounts (round_id, account_id)
) WITHOUT ROWID;

-- Append-only record of every edit: entry JSON before (NULL when new) and after (NULL when cleared).
CREATE TABLE history (
    id           INTEGER PRIMARY KEY,
    round_id     INTEGER NOT NULL REFERENCES rounds (id),
    account_id   INTEGER NOT NULL REFERENCES accounts (id),
    evaluator_id INTEGER NOT NULL REFERENCES evaluators (id),
    indicator    TEXT NOT NULL,
    old          TEXT,
    new          TEXT,
    at           TEXT NOT NULL
);
CREATE INDEX history_round_account ON history (round_id, account_id, id);
CREATE TRIGGER history_no_update BEFORE UPDATE ON history
BEGIN SELECT RAISE(ABORT, 'history is append-only'); END;
CREATE TRIGGER history_no_delete BEFORE DELETE ON history
BEGIN SELECT RAISE(ABORT, 'history is append-only'); END;

CREATE TABLE submissions (
    round_id     INTEGER NOT NULL,
    account_id   INTEGER NOT NULL,
    evaluator_id INTEGER NOT NULL REFERENCES evaluators (id),
    state        TEXT NOT NULL CHECK (state IN ('draft', 'submitted')),
    at           TEXT NOT NULL,
    PRIMARY KEY (round_id, account_id, evaluator_id),
    FOREIGN KEY (round_id, account_id) REFERENCES round_accounts (round_id, account_id)
) WITHOUT ROWID;
"#;

/// The schema version stored in the database.
pub(super) fn user_version(conn: &Connection) -> rusqlite::Result<i64> {
    conn.pragma_query_value(None, "user_version", |r| r.get(0))
}

/// Applies every migration after the stored version, each in its own IMMEDIATE transaction
/// that re-reads the version under the write lock (two programs opening one new file do not
/// both run a step), and stamps our `application_id`. A database already at [`SCHEMA_VERSION`]
/// and stamped is not written.
pub(super) fn migrate(conn: &mut Connection) -> Result<(), StoreError> {
    if user_version(conn)? >= SCHEMA_VERSION && application_id(conn)? == APPLICATION_ID {
        return Ok(());
    }
    loop {
        let tx = super::tx::write_tx(conn)?;
        if application_id(&tx)? != APPLICATION_ID {
            tx.pragma_update(None, "application_id", APPLICATION_ID)?;
        }
        let i = user_version(&tx)?.max(0) as usize;
        let Some(m) = MIGRATIONS.get(i) else {
            tx.commit()?;
            return Ok(());
        };
        tx.execute_batch(m.sql).map_err(|e| {
            if super::error::is_busy(&e) {
                return StoreError::Sql(e);
            }
            StoreError::Invalid(format!(
                "migration {} ({}) failed: {e}; the database was left at schema {i}",
                i + 1,
                m.name
            ))
        })?;
        if m.sql == super::chain::MIGRATION_SQL {
            super::chain_backfill::backfill(&tx)?;
        }
        if m.sql == super::ledger::MIGRATION_SQL {
            for (_, sql) in super::ledger::GUARDS {
                tx.execute_batch(&format!("{sql};"))?;
            }
            super::ledger::backfill(&tx)?;
        }
        tx.pragma_update(None, "user_version", (i + 1) as i64)?;
        tx.commit()?;
    }
}

fn application_id(conn: &Connection) -> rusqlite::Result<i32> {
    conn.pragma_query_value(None, "application_id", |r| r.get(0))
}
