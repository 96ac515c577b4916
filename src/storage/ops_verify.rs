//! The kept operations index checked against the metrics (`audit verify`): the registered
//! formula is the shipped one, unchanged; every kept week equals a recomputation from the
//! metrics with that formula (through the refresh's own accumulation); and no week with figures
//! has lost its kept row unnoticed. An (account, week) still marked stale is read from the
//! metrics by every report, so it is not compared.

use std::collections::{HashMap, HashSet};

use chrono::{Duration, NaiveDate};
use rusqlite::{Connection, params};

use super::StoreError;
use super::audit::Finding;
use super::ops_index::{KEPT_FORMULA, Pending, formula_hash};
use super::ops_records::{RECORD, kept_records};
use super::ops_scan::week_metric_row;
use super::post_weeks::post_week_row;
use crate::domain::ops::KeptWeek;
use crate::domain::ops::formula::{self, Formula};

/// Every account's record of the week starting `monday`, recomputed from the metrics.
fn recompute(
    conn: &Connection,
    week: &str,
    monday: NaiveDate,
    f: &Formula,
) -> Result<HashMap<i64, KeptWeek>, StoreError> {
    let mut pending: HashMap<i64, Pending> = HashMap::new();
    let mut st = conn.prepare_cached(
        "SELECT account_id, posts, days, reads, wow, likes, shares, comments,
                h_reads, h_wow, h_likes, h_shares, h_comments,
                m_reads, m_wow, m_likes, m_shares, m_comments
         FROM metric_post_weeks WHERE week = ?1",
    )?;
    let mut rows = st.query([week])?;
    while let Some(r) = rows.next()? {
        let w = post_week_row(r, 0, monday)?;
        pending.entry(w.account_id).or_default().add_post_week(&w);
    }
    let sunday = (monday + Duration::days(6)).to_string();
    let mut st = conn.prepare_cached(
        "SELECT account_id, week, followers, messages, replies, posts, reads, likes, comments, reply_hours
         FROM metric_weeks INDEXED BY metric_weeks_week WHERE week >= ?1 AND week <= ?2
         ORDER BY account_id, week",
    )?;
    let mut rows = st.query(params![week, sunday])?;
    while let Some(r) = rows.next()? {
        let w = week_metric_row(r)?;
        pending.entry(w.account_id).or_default().add_week(&w);
    }
    Ok(pending
        .iter()
        .filter_map(|(&id, p)| p.kept(f, id, monday).map(|k| (id, k)))
        .collect())
}

/// The formula rows: each hash is its definition's, and the kept formula is the shipped one.
/// Returns the id of the kept formula's row, if it is sound.
fn check_formulas(
    conn: &Connection,
    shipped: &Formula,
    findings: &mut Vec<Finding>,
) -> Result<Option<i64>, StoreError> {
    let (want, _) = formula_hash(shipped);
    let mut st =
        conn.prepare("SELECT id, formula, hash, definition FROM ops_index_formulas ORDER BY id")?;
    let rows = st.query_map([], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, String>(3)?,
        ))
    })?;
    let mut kept = None;
    for r in rows {
        let (id, name, hash, definition) = r?;
        let own = super::rounds::sha256_hex(&definition);
        if own != hash || (name == KEPT_FORMULA && hash != want) {
            findings.push(Finding::OpsFormula { id, formula: name });
        } else if hash == want {
            kept = Some(id);
        }
    }
    Ok(kept)
}

/// The kept index against the metrics, week by week.
pub(super) fn check(conn: &Connection, findings: &mut Vec<Finding>) -> Result<(), StoreError> {
    let Some(shipped) = formula::shipped()
        .into_iter()
        .find(|f| f.id == KEPT_FORMULA)
    else {
        return Ok(());
    };
    let Some(fid) = check_formulas(conn, &shipped, findings)? else {
        return Ok(());
    };
    let weeks: Vec<String> = conn
        .prepare(
            "SELECT week FROM ops_week_index WHERE formula = ?1
             UNION SELECT week FROM metric_post_weeks
             UNION SELECT date(week, 'weekday 0', '-6 days') FROM metric_weeks ORDER BY 1",
        )?
        .query_map([fid], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for week in weeks {
        let Ok(monday) = NaiveDate::parse_from_str(&week, "%Y-%m-%d") else {
            findings.push(Finding::OpsIndex { week, accounts: 0 });
            continue;
        };
        let stale: HashSet<i64> = conn
            .prepare_cached("SELECT account_id FROM ops_index_stale WHERE week = ?1")?
            .query_map([&week], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let kept: HashMap<i64, KeptWeek> = kept_records(conn, fid, &week, monday)?
            .into_iter()
            .map(|k| (k.account_id, k))
            .collect();
        let fresh = recompute(conn, &week, monday, &shipped)?;
        let ids: HashSet<i64> = kept.keys().chain(fresh.keys()).copied().collect();
        let differ = ids
            .into_iter()
            .filter(|id| !stale.contains(id))
            .filter(|id| !same(kept.get(id), fresh.get(id)))
            .count();
        if differ > 0 {
            findings.push(Finding::OpsIndex {
                week,
                accounts: differ,
            });
        }
    }
    Ok(())
}

/// Two records agree: the same figures, and the index to the last bit (both come from the same
/// accumulation) or both not a number.
fn same(a: Option<&KeptWeek>, b: Option<&KeptWeek>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => {
            (a.value.to_bits() == b.value.to_bits() || (a.value.is_nan() && b.value.is_nan()))
                && a.days == b.days
                && a.messages == b.messages
                && a.replies == b.replies
        }
        (None, None) => true,
        _ => false,
    }
}

impl super::Store {
    /// Whether the kept operations index needs no refresh: nothing stale, the shipped formula
    /// registered as it is defined now, no damaged kept row. A report then reads it without
    /// taking the write lock (a read-only command on a file another program writes).
    pub fn ops_index_fresh(&self) -> Result<bool, StoreError> {
        if self.ops_index_stale()? > 0 {
            return Ok(false);
        }
        let kept = formula::shipped()
            .into_iter()
            .find(|f| f.id == KEPT_FORMULA);
        match kept {
            Some(f) if self.kept_formula_id(&f)?.is_some() => {}
            _ => return Ok(false),
        }
        let damaged: bool = self.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM ops_week_index
                 WHERE typeof(data) != 'blob' OR length(data) % ?1 != 0)",
            [RECORD as i64],
            |r| r.get(0),
        )?;
        Ok(!damaged)
    }
}
