//! The tamper-evident history: every history row carries a SHA-256 chained to the previous row
//! of its round (over the row's whole content, the entry it produced included), and
//! `history_heads` keeps the last row, row count and hash of each round's chain so that a
//! truncated chain is seen. Bulk loads add one chained `@bulk` row per batch holding the row
//! count and an order-free digest of the entries loaded. Also: the triggers that keep the
//! history append-only, recreated on open when missing.

use rusqlite::{Connection, OptionalExtension, params};
use sha2::{Digest, Sha256};

use super::StoreError;
use crate::domain::entry::Entry;

/// The `indicator` of a history row recording one bulk load: `new` holds
/// `{"rows": N, "digest": "<hex>"}` (see [`BulkDigest`]); account and evaluator are those of the
/// batch's first entry.
pub const BULK_INDICATOR: &str = "@bulk";

pub(super) const MIGRATION_SQL: &str = r#"
ALTER TABLE history ADD COLUMN hash TEXT;   -- SHA-256 chained to the previous row of the round
CREATE TABLE history_heads (
    round_id INTEGER PRIMARY KEY REFERENCES rounds (id),
    last_id  INTEGER NOT NULL,              -- id of the round's last history row
    rows     INTEGER NOT NULL,              -- number of history rows of the round
    hash     TEXT NOT NULL                  -- hash of that last row
);
"#;

/// The guards of the append-only history: (name, SQL). Recreated on open when dropped.
pub(super) const GUARDS: &[(&str, &str)] = &[
    (
        "history_no_update",
        "CREATE TRIGGER history_no_update BEFORE UPDATE ON history
         BEGIN SELECT RAISE(ABORT, 'history is append-only'); END",
    ),
    (
        "history_no_delete",
        "CREATE TRIGGER history_no_delete BEFORE DELETE ON history
         BEGIN SELECT RAISE(ABORT, 'history is append-only'); END",
    ),
    // REPLACE deletes the old row without firing delete triggers: refuse any id that is not new.
    (
        "history_append_only",
        "CREATE TRIGGER history_append_only BEFORE INSERT ON history
         WHEN NEW.id IS NULL OR NEW.id <= (SELECT coalesce(max(id), 0) FROM history)
         BEGIN SELECT RAISE(ABORT, 'history is append-only: new rows get the next id'); END",
    ),
];

/// Recreates any guard trigger that is missing (someone dropped it), in one IMMEDIATE
/// transaction; writes nothing when all are there.
pub(super) fn restore_guards(conn: &mut Connection) -> Result<(), StoreError> {
    let missing = missing_guards(conn)?;
    if missing.is_empty() {
        return Ok(());
    }
    let tx = super::tx::write_tx(conn)?;
    for (name, sql) in GUARDS {
        if missing.contains(name) {
            tracing::warn!("the history guard trigger {name} was missing; recreated");
            tx.execute_batch(&format!("DROP TRIGGER IF EXISTS {name}; {sql};"))?;
        }
    }
    tx.commit()?;
    Ok(())
}

fn missing_guards(conn: &Connection) -> Result<Vec<&'static str>, StoreError> {
    let mut out = Vec::new();
    for (name, _) in GUARDS {
        let found: Option<i64> = conn
            .prepare_cached("SELECT 1 FROM sqlite_master WHERE type = 'trigger' AND name = ?1")?
            .query_row([name], |r| r.get(0))
            .optional()?;
        if found.is_none() {
            out.push(*name);
        }
    }
    Ok(out)
}

/// One history row as hashed.
pub(super) struct RowContent<'a> {
    pub id: i64,
    pub round_id: i64,
    pub account_id: i64,
    pub evaluator_id: i64,
    pub indicator: &'a str,
    pub old: Option<&'a str>,
    pub new: Option<&'a str>,
    pub at: &'a str,
}

fn put(h: &mut Sha256, bytes: Option<&[u8]>) {
    match bytes {
        None => h.update([0u8]),
        Some(b) => {
            h.update([1u8]);
            h.update((b.len() as u64).to_le_bytes());
            h.update(b);
        }
    }
}

fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    bytes.iter().fold(String::with_capacity(64), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}

/// SHA-256 (hex) of `prev` (the previous row's hash of the round, "" for the first) and the
/// row's content, every field length-prefixed.
pub(super) fn row_hash(prev: &str, row: &RowContent<'_>) -> String {
    let mut h = Sha256::new();
    put(&mut h, Some(b"assay-history-v1"));
    put(&mut h, Some(prev.as_bytes()));
    for n in [row.id, row.round_id, row.account_id, row.evaluator_id] {
        h.update(n.to_le_bytes());
    }
    put(&mut h, Some(row.indicator.as_bytes()));
    put(&mut h, row.old.map(str::as_bytes));
    put(&mut h, row.new.map(str::as_bytes));
    put(&mut h, Some(row.at.as_bytes()));
    hex(&h.finalize())
}

/// The head of a round's chain: (last row id, rows, hash); `None` before its first row.
pub(super) fn head(
    conn: &Connection,
    round_id: i64,
) -> Result<Option<(i64, i64, String)>, StoreError> {
    Ok(conn
        .prepare_cached("SELECT last_id, rows, hash FROM history_heads WHERE round_id = ?1")?
        .query_row([round_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()?)
}

/// Appends one chained history row and moves the round's head, inside the caller's write
/// transaction (start it with `write_tx`: IMMEDIATE). Every write path that changes entries or
/// submissions calls this; returns the new row's id.
pub(crate) fn append_history(
    conn: &Connection,
    key: (i64, i64, i64),
    indicator: &str,
    old: Option<String>,
    new: Option<String>,
    at: &str,
) -> Result<i64, StoreError> {
    let (prev, rows) = match head(conn, key.0)? {
        Some((_, rows, hash)) => (hash, rows),
        None => (String::new(), 0),
    };
    let id: i64 = conn
        .prepare_cached("SELECT coalesce(max(id), 0) + 1 FROM history")?
        .query_row([], |r| r.get(0))?;
    let content = RowContent {
        id,
        round_id: key.0,
        account_id: key.1,
        evaluator_id: key.2,
        indicator,
        old: old.as_deref(),
        new: new.as_deref(),
        at,
    };
    let hash = row_hash(&prev, &content);
    conn.prepare_cached(
        "INSERT INTO history (id, round_id, account_id, evaluator_id, indicator, old, new, at, hash)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?
    .execute(params![id, key.0, key.1, key.2, indicator, old, new, at, hash])?;
    conn.prepare_cached(
        "INSERT INTO history_heads (round_id, last_id, rows, hash) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (round_id) DO UPDATE SET last_id = excluded.last_id, rows = excluded.rows, hash = excluded.hash",
    )?
    .execute(params![key.0, id, rows + 1, hash])?;
    Ok(id)
}

/// An order-free digest of a set of entries: the count and the XOR of each entry's SHA-256
/// over (account, evaluator id, entry). Keys are unique within a round, so XOR is enough to
/// tell whether the set loaded is the set present.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct BulkDigest {
    pub rows: u64,
    pub xor: [u8; 32],
}

impl BulkDigest {
    pub fn add(&mut self, account_id: i64, evaluator_id: i64, e: &Entry) {
        let mut h = Sha256::new();
        h.update(account_id.to_le_bytes());
        h.update(evaluator_id.to_le_bytes());
        put(&mut h, Some(e.indicator.as_bytes()));
        put(
            &mut h,
            e.value
                .map(|v| v.to_bits().to_le_bytes())
                .as_ref()
                .map(|b| &b[..]),
        );
        put(
            &mut h,
            e.count.map(|c| c.to_le_bytes()).as_ref().map(|b| &b[..]),
        );
        put(&mut h, e.veto.as_deref().map(str::as_bytes));
        h.update([u8::from(e.na)]);
        put(&mut h, Some(e.note.as_bytes()));
        h.update((e.evidence.len() as u64).to_le_bytes());
        for link in &e.evidence {
            put(&mut h, Some(link.as_bytes()));
        }
        for (x, b) in self.xor.iter_mut().zip(h.finalize()) {
            *x ^= b;
        }
        self.rows += 1;
    }

    pub fn merge(&mut self, other: &BulkDigest) {
        for (x, b) in self.xor.iter_mut().zip(other.xor) {
            *x ^= b;
        }
        self.rows += other.rows;
    }

    /// The JSON kept in the `new` column of a `@bulk` row.
    pub fn to_json(self) -> String {
        format!(
            "{{\"rows\":{},\"digest\":\"{}\"}}",
            self.rows,
            hex(&self.xor)
        )
    }

    /// Parses [`BulkDigest::to_json`]; `None` when malformed.
    pub fn from_json(s: &str) -> Option<BulkDigest> {
        let v: serde_json::Value = serde_json::from_str(s).ok()?;
        let rows = v.get("rows")?.as_u64()?;
        let d = v.get("digest")?.as_str()?;
        if d.len() != 64 {
            return None;
        }
        let mut xor = [0u8; 32];
        for (i, x) in xor.iter_mut().enumerate() {
            *x = u8::from_str_radix(d.get(2 * i..2 * i + 2)?, 16).ok()?;
        }
        Some(BulkDigest { rows, xor })
    }
}

/// A stored history row: id, round, account, evaluator, indicator, old, new, at.
pub(super) type StoredRow = (
    i64,
    i64,
    i64,
    i64,
    String,
    Option<String>,
    Option<String>,
    String,
);
