//! Kept sheet results: each sheet's completeness, points before the veto policy, category
//! subtotals and veto hits, so reports read one row per sheet instead of every entry.
//!
//! Triggers on `entries` (and on account level/platform and round rubric changes) mark a sheet
//! stale in `sheet_results_stale`, whatever code wrote it; every edit and bulk load recomputes
//! its stale sheets in the same transaction, and readers recompute whatever is still stale (for
//! instance after this migration, or rows written by a program that bypassed these functions)
//! before reading. Rows carry the engine version; rows of another version are recomputed.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use rusqlite::{Connection, OptionalExtension, params};

use super::StoreError;
use crate::domain::engine::Scorer;
use crate::domain::entry::Entry;
use crate::domain::platform::{Level, Platform};
use crate::domain::rubric::Rubric;
use crate::domain::sheet_result::{ENGINE_VERSION, SheetFigures, VetoReason};

pub const MIGRATION_SQL: &str = r#"
CREATE TABLE sheet_results (
    round_id     INTEGER NOT NULL,
    account_id   INTEGER NOT NULL,
    evaluator_id INTEGER NOT NULL REFERENCES evaluators (id),
    scored       INTEGER NOT NULL,
    applicable   INTEGER NOT NULL,
    points       REAL NOT NULL,   -- base + bonus, before the rubric's veto policy
    subtotals    BLOB NOT NULL,   -- category subtotals, little-endian f64 in rubric order
    vetoes       TEXT,            -- JSON [[id, name, reason], …]; NULL when none
    engine       TEXT NOT NULL,   -- engine version that computed the row
    PRIMARY KEY (round_id, account_id, evaluator_id),
    FOREIGN KEY (round_id, account_id) REFERENCES round_accounts (round_id, account_id)
) WITHOUT ROWID;
CREATE TABLE sheet_results_stale (
    round_id     INTEGER NOT NULL,
    account_id   INTEGER NOT NULL,
    evaluator_id INTEGER NOT NULL,
    PRIMARY KEY (round_id, account_id, evaluator_id)
) WITHOUT ROWID;
-- Triggers use NOT EXISTS, not INSERT OR IGNORE: an outer statement's conflict policy (an upsert
-- on entries) would override the trigger's.
-- A bulk load flags its round here and recomputes the whole round at its end instead.
CREATE TABLE sheet_results_bulk (round_id INTEGER PRIMARY KEY);
CREATE TRIGGER entries_stale_insert AFTER INSERT ON entries
WHEN NOT EXISTS (SELECT 1 FROM sheet_results_bulk WHERE round_id = NEW.round_id) BEGIN
    INSERT INTO sheet_results_stale SELECT NEW.round_id, NEW.account_id, NEW.evaluator_id
    WHERE NOT EXISTS (SELECT 1 FROM sheet_results_stale WHERE round_id = NEW.round_id
        AND account_id = NEW.account_id AND evaluator_id = NEW.evaluator_id);
END;
CREATE TRIGGER entries_stale_update AFTER UPDATE ON entries BEGIN
    INSERT INTO sheet_results_stale SELECT OLD.round_id, OLD.account_id, OLD.evaluator_id
    WHERE NOT EXISTS (SELECT 1 FROM sheet_results_stale WHERE round_id = OLD.round_id
        AND account_id = OLD.account_id AND evaluator_id = OLD.evaluator_id);
    INSERT INTO sheet_results_stale SELECT NEW.round_id, NEW.account_id, NEW.evaluator_id
    WHERE NOT EXISTS (SELECT 1 FROM sheet_results_stale WHERE round_id = NEW.round_id
        AND account_id = NEW.account_id AND evaluator_id = NEW.evaluator_id);
END;
CREATE TRIGGER entries_stale_delete AFTER DELETE ON entries BEGIN
    INSERT INTO sheet_results_stale SELECT OLD.round_id, OLD.account_id, OLD.evaluator_id
    WHERE NOT EXISTS (SELECT 1 FROM sheet_results_stale WHERE round_id = OLD.round_id
        AND account_id = OLD.account_id AND evaluator_id = OLD.evaluator_id);
END;
CREATE TRIGGER accounts_stale AFTER UPDATE OF platform, level ON accounts BEGIN
    INSERT INTO sheet_results_stale
        SELECT r.round_id, r.account_id, r.evaluator_id FROM sheet_results r
        WHERE r.account_id = NEW.id AND NOT EXISTS (SELECT 1 FROM sheet_results_stale s
            WHERE s.round_id = r.round_id AND s.account_id = r.account_id AND s.evaluator_id = r.evaluator_id);
END;
CREATE TRIGGER rounds_stale AFTER UPDATE OF rubric_text ON rounds BEGIN
    INSERT INTO sheet_results_stale
        SELECT DISTINCT e.round_id, e.account_id, e.evaluator_id FROM entries e
        WHERE e.round_id = NEW.id AND NOT EXISTS (SELECT 1 FROM sheet_results_stale s
            WHERE s.round_id = e.round_id AND s.account_id = e.account_id AND s.evaluator_id = e.evaluator_id);
END;
INSERT OR IGNORE INTO sheet_results_stale
    SELECT DISTINCT round_id, account_id, evaluator_id FROM entries;
"#;

/// Stale sheets above this count are recomputed by one scan of the round, not sheet by sheet.
const SCAN_ABOVE: usize = 2000;

/// Parsed rubrics by text hash: edits recompute a sheet without re-parsing the round's rubric.
fn rubric_cache() -> &'static Mutex<HashMap<String, Arc<Rubric>>> {
    static CACHE: OnceLock<Mutex<HashMap<String, Arc<Rubric>>>> = OnceLock::new();
    CACHE.get_or_init(Default::default)
}

/// The round's rubric, or `None` when its pinned text does not parse (nothing can be kept then).
pub(super) fn round_rubric(
    conn: &Connection,
    round_id: i64,
) -> Result<Option<Arc<Rubric>>, StoreError> {
    let hash: Option<String> = conn
        .prepare_cached("SELECT rubric_hash FROM rounds WHERE id = ?1")?
        .query_row([round_id], |r| r.get(0))
        .optional()?;
    let Some(hash) = hash else { return Ok(None) };
    if let Some(r) = rubric_cache()
        .lock()
        .ok()
        .and_then(|c| c.get(&hash).cloned())
    {
        return Ok(Some(r));
    }
    let text: String = conn
        .prepare_cached("SELECT rubric_text FROM rounds WHERE id = ?1")?
        .query_row([round_id], |r| r.get(0))?;
    let Ok(rubric) = crate::domain::rubric::parse(&text, "rubric") else {
        return Ok(None);
    };
    let rubric = Arc::new(rubric);
    if let Ok(mut c) = rubric_cache().lock() {
        c.insert(hash, rubric.clone());
    }
    Ok(Some(rubric))
}

fn account_kind(
    conn: &Connection,
    account_id: i64,
) -> Result<Option<(Platform, Level)>, StoreError> {
    let row: Option<(String, String)> = conn
        .prepare_cached("SELECT platform, level FROM accounts WHERE id = ?1")?
        .query_row([account_id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    Ok(row.and_then(|(p, l)| Some((Platform::parse(&p)?, Level::parse(&l)?))))
}

fn read_entries(conn: &Connection, key: (i64, i64, i64)) -> Result<Vec<Entry>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT indicator, value, count, veto, na FROM entries
         WHERE round_id = ?1 AND account_id = ?2 AND evaluator_id = ?3",
    )?;
    let rows = stmt.query_map(params![key.0, key.1, key.2], |r| {
        Ok(Entry {
            indicator: r.get(0)?,
            value: r.get(1)?,
            count: r.get(2)?,
            veto: r.get(3)?,
            na: r.get(4)?,
            ..Entry::default()
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

pub(super) fn encode_subtotals(xs: &[f64]) -> Vec<u8> {
    xs.iter().flat_map(|x| x.to_le_bytes()).collect()
}

pub(super) fn decode_subtotals(b: &[u8]) -> Vec<f64> {
    b.chunks_exact(8)
        .map(|c| f64::from_le_bytes(c.try_into().unwrap_or([0; 8])))
        .collect()
}

pub(super) fn encode_vetoes(v: &[VetoReason]) -> Option<String> {
    (!v.is_empty()).then(|| {
        let rows: Vec<[&str; 3]> = v.iter().map(|v| [&*v.id, &*v.name, &*v.reason]).collect();
        serde_json::to_string(&rows).unwrap_or_default()
    })
}

pub(super) fn decode_vetoes(s: Option<&str>) -> Vec<VetoReason> {
    let rows: Vec<[String; 3]> = s
        .and_then(|s| serde_json::from_str(s).ok())
        .unwrap_or_default();
    rows.into_iter()
        .map(|[id, name, reason]| VetoReason { id, name, reason })
        .collect()
}

/// Writes (or, for a sheet with no entries left, removes) one kept row.
fn store_row(
    conn: &Connection,
    key: (i64, i64, i64),
    f: Option<&SheetFigures>,
) -> Result<(), StoreError> {
    match f {
        None => {
            conn.prepare_cached(
                "DELETE FROM sheet_results WHERE round_id = ?1 AND account_id = ?2 AND evaluator_id = ?3",
            )?
            .execute(params![key.0, key.1, key.2])?;
        }
        Some(f) => {
            conn.prepare_cached(
                "INSERT OR REPLACE INTO sheet_results
                 (round_id, account_id, evaluator_id, scored, applicable, points, subtotals, vetoes, engine)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            )?
            .execute(params![
                key.0,
                key.1,
                key.2,
                f.scored as i64,
                f.applicable as i64,
                f.points,
                encode_subtotals(&f.subtotals),
                encode_vetoes(&f.vetoes),
                ENGINE_VERSION
            ])?;
        }
    }
    Ok(())
}

/// The figures of one sheet from its entries (`None` when it has none).
fn figures(scorer: &Scorer, kind: (Platform, Level), entries: &[Entry]) -> Option<SheetFigures> {
    (!entries.is_empty()).then(|| SheetFigures::of(&scorer.lean(kind.0, kind.1, entries)))
}

/// Recomputes one sheet's kept row if it is marked stale (the edit path: one sheet).
pub(super) fn flush_sheet(conn: &Connection, key: (i64, i64, i64)) -> Result<(), StoreError> {
    let Some(rubric) = round_rubric(conn, key.0)? else {
        return Ok(());
    };
    let Some(kind) = account_kind(conn, key.1)? else {
        return Ok(());
    };
    let entries = read_entries(conn, key)?;
    store_row(
        conn,
        key,
        figures(&Scorer::new(&rubric), kind, &entries).as_ref(),
    )?;
    conn.prepare_cached(
        "DELETE FROM sheet_results_stale WHERE round_id = ?1 AND account_id = ?2 AND evaluator_id = ?3",
    )?
    .execute(params![key.0, key.1, key.2])?;
    Ok(())
}

/// Recomputes every stale sheet of a round (bulk loads and readers). Leaves them stale when the
/// round's rubric does not parse.
pub(super) fn flush_round(conn: &Connection, round_id: i64) -> Result<usize, StoreError> {
    let stale: Vec<(i64, i64)> = {
        let mut stmt = conn.prepare_cached(
            "SELECT account_id, evaluator_id FROM sheet_results_stale WHERE round_id = ?1",
        )?;
        let rows = stmt.query_map([round_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
        rows.collect::<rusqlite::Result<Vec<_>>>()?
    };
    if stale.is_empty() {
        return Ok(0);
    }
    let Some(rubric) = round_rubric(conn, round_id)? else {
        return Ok(0);
    };
    if stale.len() <= SCAN_ABOVE {
        for &(a, e) in &stale {
            flush_sheet(conn, (round_id, a, e))?;
        }
        return Ok(stale.len());
    }
    scan_flush(conn, round_id, &rubric, &stale)?;
    conn.prepare_cached("DELETE FROM sheet_results_stale WHERE round_id = ?1")?
        .execute([round_id])?;
    Ok(stale.len())
}

/// One scan of the round's entries recomputing the stale sheets among them; stale sheets with no
/// entries left lose their row.
fn scan_flush(
    conn: &Connection,
    round_id: i64,
    rubric: &Rubric,
    stale: &[(i64, i64)],
) -> Result<(), StoreError> {
    let mut pending: std::collections::HashSet<(i64, i64)> = stale.iter().copied().collect();
    let kinds = round_kinds(conn, round_id)?;
    let scorer = Scorer::new(rubric);
    let mut computed: Vec<((i64, i64), SheetFigures)> = Vec::with_capacity(stale.len());
    super::scan::scan_conn(conn, round_id, None, &mut |a, e, sheet| {
        if pending.remove(&(a, e))
            && let Some(kind) = kinds.get(&a)
            && let Some(f) = figures(&scorer, *kind, sheet)
        {
            computed.push(((a, e), f));
        }
        true
    })?;
    for ((a, e), f) in &computed {
        store_row(conn, (round_id, *a, *e), Some(f))?;
    }
    for (a, e) in pending {
        store_row(conn, (round_id, a, e), None)?;
    }
    Ok(())
}

/// Starts a bulk load into a round: its inserts mark no sheet stale one by one.
pub(super) fn begin_bulk(conn: &Connection, round_id: i64) -> Result<(), StoreError> {
    conn.prepare_cached("INSERT OR IGNORE INTO sheet_results_bulk (round_id) VALUES (?1)")?
        .execute([round_id])?;
    Ok(())
}

/// Ends a bulk load (same transaction): recomputes every sheet of the round in one scan and
/// drops kept rows of sheets that have no entries. When the rubric does not parse, every sheet
/// of the round is marked stale instead.
pub(super) fn end_bulk(conn: &Connection, round_id: i64) -> Result<(), StoreError> {
    conn.prepare_cached("DELETE FROM sheet_results_bulk WHERE round_id = ?1")?
        .execute([round_id])?;
    let Some(rubric) = round_rubric(conn, round_id)? else {
        conn.prepare_cached(
            "INSERT OR IGNORE INTO sheet_results_stale
             SELECT DISTINCT round_id, account_id, evaluator_id FROM entries WHERE round_id = ?1",
        )?
        .execute([round_id])?;
        return Ok(());
    };
    let kinds = round_kinds(conn, round_id)?;
    let scorer = Scorer::new(&rubric);
    let mut computed: Vec<((i64, i64), SheetFigures)> = Vec::new();
    super::scan::scan_conn(conn, round_id, None, &mut |a, e, sheet| {
        if let Some(kind) = kinds.get(&a)
            && let Some(f) = figures(&scorer, *kind, sheet)
        {
            computed.push(((a, e), f));
        }
        true
    })?;
    conn.prepare_cached("DELETE FROM sheet_results WHERE round_id = ?1")?
        .execute([round_id])?;
    for ((a, e), f) in &computed {
        store_row(conn, (round_id, *a, *e), Some(f))?;
    }
    conn.prepare_cached("DELETE FROM sheet_results_stale WHERE round_id = ?1")?
        .execute([round_id])?;
    Ok(())
}

fn round_kinds(
    conn: &Connection,
    round_id: i64,
) -> Result<HashMap<i64, (Platform, Level)>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT a.id, a.platform, a.level FROM round_accounts ra JOIN accounts a ON a.id = ra.account_id
         WHERE ra.round_id = ?1",
    )?;
    let rows = stmt.query_map([round_id], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
        ))
    })?;
    let mut m = HashMap::new();
    for row in rows {
        let (id, p, l) = row?;
        if let (Some(p), Some(l)) = (Platform::parse(&p), Level::parse(&l)) {
            m.insert(id, (p, l));
        }
    }
    Ok(m)
}
