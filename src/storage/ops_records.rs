//! The kept operations index's blob format: one 33-byte little-endian record per account with
//! figures in a Monday week (account id i64, index f64, post days u8, messages received u64,
//! answered u64), in account order; read and written one (formula, week) row at a time.

use chrono::NaiveDate;
use rusqlite::{Connection, params};

use super::StoreError;
use crate::domain::ops::KeptWeek;

/// Bytes of one kept record.
pub(super) const RECORD: usize = 33;

pub(super) fn encode(records: &[KeptWeek]) -> Vec<u8> {
    let mut out = Vec::with_capacity(records.len() * RECORD);
    for k in records {
        out.extend_from_slice(&k.account_id.to_le_bytes());
        out.extend_from_slice(&k.value.to_le_bytes());
        out.push(k.days);
        out.extend_from_slice(&k.messages.to_le_bytes());
        out.extend_from_slice(&k.replies.to_le_bytes());
    }
    out
}

/// Calls `f` with each record of a kept blob; false when the blob is not whole records.
fn decode(data: &[u8], week: NaiveDate, f: &mut dyn FnMut(KeptWeek)) -> bool {
    if !data.len().is_multiple_of(RECORD) {
        return false;
    }
    let word = |b: &[u8], at: usize| {
        let mut w = [0u8; 8];
        w.copy_from_slice(&b[at..at + 8]);
        w
    };
    for r in data.chunks_exact(RECORD) {
        f(KeptWeek {
            account_id: i64::from_le_bytes(word(r, 0)),
            week,
            value: f64::from_le_bytes(word(r, 8)),
            days: r[16] & 0x7f,
            messages: u64::from_le_bytes(word(r, 17)),
            replies: u64::from_le_bytes(word(r, 25)),
        });
    }
    true
}

/// Calls `f` with each record kept for one formula and week (`monday`, as `week` text); `None`
/// without a row, `Some(false)` for a row that is not whole records (then `f` is not called).
pub(super) fn read_records(
    conn: &Connection,
    formula: i64,
    week: &str,
    monday: NaiveDate,
    f: &mut dyn FnMut(KeptWeek),
) -> Result<Option<bool>, StoreError> {
    let mut st =
        conn.prepare_cached("SELECT data FROM ops_week_index WHERE formula = ?1 AND week = ?2")?;
    let mut rows = st.query(params![formula, week])?;
    let Some(r) = rows.next()? else {
        return Ok(None);
    };
    Ok(Some(match r.get_ref(0)?.as_blob() {
        Ok(data) => decode(data, monday, f),
        Err(_) => false,
    }))
}

/// The records kept for one formula and week, none when there is no whole row.
pub(super) fn kept_records(
    conn: &Connection,
    formula: i64,
    week: &str,
    monday: NaiveDate,
) -> Result<Vec<KeptWeek>, StoreError> {
    let mut out = Vec::new();
    let whole = read_records(conn, formula, week, monday, &mut |k| out.push(k))?;
    Ok(if whole == Some(true) { out } else { Vec::new() })
}

pub(super) fn put_records(
    conn: &Connection,
    formula: i64,
    week: &str,
    records: &[KeptWeek],
) -> Result<(), StoreError> {
    if records.is_empty() {
        conn.prepare_cached("DELETE FROM ops_week_index WHERE formula = ?1 AND week = ?2")?
            .execute(params![formula, week])?;
    } else {
        conn.prepare_cached(
            "INSERT INTO ops_week_index (formula, week, accounts, data) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (formula, week) DO UPDATE SET accounts = excluded.accounts,
                 data = excluded.data",
        )?
        .execute(params![
            formula,
            week,
            records.len() as i64,
            encode(records)
        ])?;
    }
    Ok(())
}
