//! The part of the migration that adds the tamper-evident chain to a database that had a history
//! without it: hash the rows already there, set each round's head, and add one `@bulk` row per
//! round for the entries that no history row explains (replayed as `assay audit` replays them).

use rusqlite::{Connection, params};

use super::StoreError;
use super::chain::{BULK_INDICATOR, GUARDS, RowContent, StoredRow, append_history, row_hash};

/// Part of the migration that adds the chain: hashes the rows already there (oldest first, per
/// round), sets each round's head, and adds one `@bulk` row per round for the entries that no
/// history row explains (loaded by demo or gen before the chain existed).
pub(super) fn backfill(tx: &Connection) -> Result<(), StoreError> {
    tx.execute_batch("DROP TRIGGER IF EXISTS history_no_update;")?;
    hash_existing(tx)?;
    for (_, sql) in [GUARDS[0], GUARDS[2]] {
        tx.execute_batch(&format!("{sql};"))?;
    }
    let rounds: Vec<i64> = {
        let mut st = tx.prepare("SELECT id FROM rounds ORDER BY id")?;
        let r = st.query_map([], |r| r.get(0))?;
        r.collect::<rusqlite::Result<_>>()?
    };
    let at = super::now();
    for round_id in rounds {
        let replay = super::audit::replay(tx, round_id)?;
        if let Some((account, evaluator)) = replay.unexplained_first
            && replay.unexplained.rows > 0
        {
            let json = Some(replay.unexplained.to_json());
            append_history(
                tx,
                (round_id, account, evaluator),
                BULK_INDICATOR,
                None,
                json,
                &at,
            )?;
        }
    }
    Ok(())
}

/// Sets the chained hash of every existing history row and the heads of their rounds.
fn hash_existing(tx: &Connection) -> Result<(), StoreError> {
    let rows: Vec<StoredRow> = {
        let mut st = tx.prepare(
            "SELECT id, round_id, account_id, evaluator_id, indicator, old, new, at FROM history ORDER BY id",
        )?;
        let r = st.query_map([], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
                r.get(6)?,
                r.get(7)?,
            ))
        })?;
        r.collect::<rusqlite::Result<_>>()?
    };
    let mut heads: std::collections::BTreeMap<i64, (i64, i64, String)> = Default::default();
    for (id, round_id, account_id, evaluator_id, indicator, old, new, at) in &rows {
        let (prev, n) = heads
            .get(round_id)
            .map_or((String::new(), 0), |h| (h.2.clone(), h.1));
        let content = RowContent {
            id: *id,
            round_id: *round_id,
            account_id: *account_id,
            evaluator_id: *evaluator_id,
            indicator,
            old: old.as_deref(),
            new: new.as_deref(),
            at,
        };
        let hash = row_hash(&prev, &content);
        tx.execute(
            "UPDATE history SET hash = ?1 WHERE id = ?2",
            params![hash, id],
        )?;
        heads.insert(*round_id, (*id, n + 1, hash));
    }
    for (round_id, (last_id, n, hash)) in &heads {
        tx.execute(
            "INSERT INTO history_heads (round_id, last_id, rows, hash) VALUES (?1, ?2, ?3, ?4)",
            params![round_id, last_id, n, hash],
        )?;
    }
    Ok(())
}
