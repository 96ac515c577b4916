//! The keys of a signed panel exchange. On the chair's side: each evaluator's public key per
//! round (recorded on the first merge, or given beforehand with `panel member --key`, possibly
//! as a fingerprint only) and the evaluator's sequence of the last file merged. On the
//! evaluator's side: the chair's key that signed the round package.

use rusqlite::{Connection, OptionalExtension, params};

use super::scores::ensure_evaluator;
use super::{Store, StoreError};

pub(super) const MIGRATION_SQL: &str = r#"
CREATE TABLE panel_keys (
    round_id     INTEGER NOT NULL REFERENCES rounds (id),
    evaluator_id INTEGER NOT NULL REFERENCES evaluators (id),
    public_key   TEXT,                   -- ed25519 public key, hex; NULL while only a fingerprint is known
    fingerprint  TEXT NOT NULL,          -- as people compare it by phone
    source       TEXT NOT NULL CHECK (source IN ('merge', 'given')),
    sequence     INTEGER NOT NULL DEFAULT 0, -- the evaluator's sequence of the last file merged
    at           TEXT NOT NULL,
    PRIMARY KEY (round_id, evaluator_id)
) WITHOUT ROWID;
CREATE TABLE round_sources (
    round_id    INTEGER PRIMARY KEY REFERENCES rounds (id),
    public_key  TEXT NOT NULL,           -- the chair's key that signed the round package, hex
    fingerprint TEXT NOT NULL,
    evaluator   TEXT NOT NULL,           -- whom the package was for
    joined_at   TEXT NOT NULL
);
"#;

/// An evaluator's key as the chair recorded it for a round.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PanelKey {
    /// The whole public key (hex), once a file signed by it was merged or it was given.
    pub public: Option<String>,
    pub fingerprint: String,
    /// "merge" (first merged file) or "given" (`panel member --key`).
    pub source: String,
    /// The evaluator's sequence of the last file merged (0: none yet).
    pub sequence: u64,
}

/// The chair's key a round package came from, on the evaluator's side.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoundSource {
    pub public: String,
    pub fingerprint: String,
    pub evaluator: String,
}

pub(super) fn read_key(
    conn: &Connection,
    round_id: i64,
    evaluator: &str,
) -> Result<Option<PanelKey>, StoreError> {
    Ok(conn
        .prepare_cached(
            "SELECT k.public_key, k.fingerprint, k.source, k.sequence FROM panel_keys k
             JOIN evaluators ev ON ev.id = k.evaluator_id WHERE k.round_id = ?1 AND ev.name = ?2",
        )?
        .query_row(params![round_id, evaluator.trim()], |r| {
            Ok(PanelKey {
                public: r.get(0)?,
                fingerprint: r.get(1)?,
                source: r.get(2)?,
                sequence: r.get::<_, i64>(3)?.max(0) as u64,
            })
        })
        .optional()?)
}

/// Records (or replaces) an evaluator's key for a round, inside the caller's transaction.
pub(super) fn write_key(
    conn: &Connection,
    round_id: i64,
    evaluator: &str,
    key: &PanelKey,
) -> Result<(), StoreError> {
    let id = ensure_evaluator(conn, evaluator)?;
    conn.prepare_cached(
        "INSERT INTO panel_keys (round_id, evaluator_id, public_key, fingerprint, source, sequence, at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
         ON CONFLICT (round_id, evaluator_id) DO UPDATE SET public_key = excluded.public_key,
         fingerprint = excluded.fingerprint, source = excluded.source, sequence = excluded.sequence,
         at = excluded.at",
    )?
    .execute(params![
        round_id,
        id,
        key.public,
        key.fingerprint,
        key.source,
        key.sequence as i64,
        super::now()
    ])?;
    super::ledger::restate(conn, &super::ledger::Subject::Panel(round_id))
}

impl Store {
    /// The key recorded for an evaluator in a round, if any.
    pub fn panel_key(
        &self,
        round_id: i64,
        evaluator: &str,
    ) -> Result<Option<PanelKey>, StoreError> {
        read_key(&self.conn, round_id, evaluator).map_err(|e| self.locked(e))
    }

    /// Records the key the chair was given for an evaluator (`panel member --key`), replacing
    /// any recorded before, in one transaction.
    pub fn give_panel_key(
        &mut self,
        round_id: i64,
        evaluator: &str,
        key: &PanelKey,
    ) -> Result<(), StoreError> {
        let r = (|| {
            let tx = super::tx::write_tx(&mut self.conn)?;
            write_key(&tx, round_id, evaluator, key)?;
            tx.commit()?;
            Ok(())
        })();
        r.map_err(|e| self.locked(e))
    }

    /// The chair's key recorded when the round came in a package, if it did.
    pub fn round_source(&self, round_id: i64) -> Result<Option<RoundSource>, StoreError> {
        let r = self
            .conn
            .prepare_cached(
                "SELECT public_key, fingerprint, evaluator FROM round_sources WHERE round_id = ?1",
            )
            .and_then(|mut s| {
                s.query_row([round_id], |r| {
                    Ok(RoundSource {
                        public: r.get(0)?,
                        fingerprint: r.get(1)?,
                        evaluator: r.get(2)?,
                    })
                })
                .optional()
            });
        r.map_err(|e| self.locked(e.into()))
    }
}

/// Records the chair's key a round package came from, inside the caller's transaction.
pub(super) fn write_source(
    conn: &Connection,
    round_id: i64,
    source: &RoundSource,
) -> Result<(), StoreError> {
    conn.prepare_cached(
        "INSERT INTO round_sources (round_id, public_key, fingerprint, evaluator, joined_at)
         VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (round_id) DO UPDATE SET public_key = excluded.public_key,
         fingerprint = excluded.fingerprint, evaluator = excluded.evaluator, joined_at = excluded.joined_at",
    )?
    .execute(params![
        round_id,
        source.public,
        source.fingerprint,
        source.evaluator,
        super::now()
    ])?;
    super::ledger::restate(conn, &super::ledger::Subject::Panel(round_id))
}
