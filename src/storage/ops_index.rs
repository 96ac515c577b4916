//! The operations index kept per Monday week: for each registered formula, one row a week whose
//! blob holds every account's index value with its post days and messages (fixed records in
//! account order), so that a year's report reads 52 rows instead of the millions of metrics
//! rows behind them, with one week in memory at a time.
//!
//! Triggers on `metric_weeks` and `metric_post_weeks` mark an (account, week) stale whatever
//! code wrote it; the metrics import refreshes stale weeks in its own transaction, `gen` and
//! `assay ops` refresh before reading, and a reader that still finds a week stale (a read-only
//! connection, a write that bypassed these functions) reads that week from the metrics
//! themselves. The shipped `gov-ops` formula is registered by hash: when its definition changes,
//! the kept values are recomputed.

use std::collections::HashMap;

use chrono::{Duration, NaiveDate};
use rusqlite::{Connection, OptionalExtension, params};
use sha2::{Digest, Sha256};

use super::ops_records::{RECORD, kept_records, put_records, read_records};
use super::ops_scan::week_metric_row;
use super::post_weeks::post_week_row;
use super::{Store, StoreError};
use crate::domain::ops::formula::{self, Formula};
use crate::domain::ops::{KeptWeek, PeriodMetrics, WeekFigures};

/// Marks the (Monday week, account) of a metrics row stale; `$r` is NEW or OLD. (Not `INSERT OR
/// IGNORE`: an outer statement's conflict clause, the post aggregates' upsert, would override it.)
macro_rules! mark {
    ($r:literal) => {
        concat!(
            "INSERT INTO ops_index_stale SELECT date(",
            $r,
            ".week, 'weekday 0', '-6 days'), ",
            $r,
            ".account_id WHERE NOT EXISTS (SELECT 1 FROM ops_index_stale WHERE week = date(",
            $r,
            ".week, 'weekday 0', '-6 days') AND account_id = ",
            $r,
            ".account_id);"
        )
    };
}

/// Marks every (Monday week, account) with figures stale.
macro_rules! all_stale {
    () => {
        "INSERT OR IGNORE INTO ops_index_stale
    SELECT date(week, 'weekday 0', '-6 days'), account_id FROM metric_weeks
    UNION SELECT week, account_id FROM metric_post_weeks;"
    };
}

macro_rules! triggers {
    ($t:literal) => {
        concat!(
            "CREATE TRIGGER ops_index_stale_",
            $t,
            "_insert AFTER INSERT ON ",
            $t,
            " BEGIN ",
            mark!("NEW"),
            " END;\nCREATE TRIGGER ops_index_stale_",
            $t,
            "_update AFTER UPDATE ON ",
            $t,
            " BEGIN ",
            mark!("OLD"),
            " ",
            mark!("NEW"),
            " END;\nCREATE TRIGGER ops_index_stale_",
            $t,
            "_delete AFTER DELETE ON ",
            $t,
            " BEGIN ",
            mark!("OLD"),
            " END;\n"
        )
    };
}

pub const MIGRATION_SQL: &str = concat!(
    r#"
CREATE TABLE ops_index_formulas (
    id         INTEGER PRIMARY KEY,
    formula    TEXT NOT NULL,         -- the formula's id (gov-ops, …), for people reading the table
    hash       TEXT NOT NULL UNIQUE,  -- sha256 of its definition (JSON)
    definition TEXT NOT NULL          -- the definition (JSON) the kept values were computed with
);
CREATE TABLE ops_week_index (
    id         INTEGER PRIMARY KEY,
    formula    INTEGER NOT NULL REFERENCES ops_index_formulas (id) ON DELETE CASCADE,
    week       TEXT NOT NULL,         -- the Monday, YYYY-MM-DD
    accounts   INTEGER NOT NULL,      -- records in `data`
    -- One 33-byte record per account with figures that week, by account id, little-endian:
    -- account id (i64), the formula's index (f64), post days (u8, bit d = Monday + d),
    -- messages received (u64), messages answered (u64).
    data       BLOB NOT NULL,
    UNIQUE (formula, week)
);
CREATE TABLE ops_index_stale (
    week       TEXT NOT NULL,         -- the Monday
    account_id INTEGER NOT NULL,
    PRIMARY KEY (week, account_id)
) WITHOUT ROWID;
"#,
    triggers!("metric_weeks"),
    triggers!("metric_post_weeks"),
    r#"
-- A kept row gone (deleted by hand, or with its formula) leaves its week to be read from the
-- metrics and recomputed for every account with figures that week.
CREATE TRIGGER ops_week_index_delete AFTER DELETE ON ops_week_index BEGIN
    INSERT OR IGNORE INTO ops_index_stale
        SELECT OLD.week, account_id FROM metric_post_weeks WHERE week = OLD.week
        UNION SELECT OLD.week, account_id FROM metric_weeks INDEXED BY metric_weeks_week
            WHERE week >= OLD.week AND week <= date(OLD.week, '+6 days');
END;
"#,
    all_stale!()
);

/// The formula whose weekly values are kept: the default of `assay ops` and of the TUI.
pub const KEPT_FORMULA: &str = "gov-ops";

fn formula_hash(f: &Formula) -> (String, String) {
    let json = serde_json::to_string(f).unwrap_or_default();
    let hash = Sha256::digest(json.as_bytes());
    (hash.iter().map(|b| format!("{b:02x}")).collect(), json)
}

/// Registers the shipped [`KEPT_FORMULA`] (marking every week stale when its definition is new)
/// and forgets any other definition.
fn ensure_registered(conn: &Connection) -> Result<(), StoreError> {
    let Some(f) = formula::shipped()
        .into_iter()
        .find(|f| f.id == KEPT_FORMULA)
    else {
        return Ok(());
    };
    let (hash, json) = formula_hash(&f);
    let known: Option<i64> = conn
        .prepare_cached("SELECT id FROM ops_index_formulas WHERE hash = ?1")?
        .query_row([&hash], |r| r.get(0))
        .optional()?;
    if known.is_some() {
        return Ok(());
    }
    conn.execute_batch(concat!(
        "DELETE FROM ops_week_index; DELETE FROM ops_index_formulas;",
        all_stale!()
    ))?;
    conn.execute(
        "INSERT INTO ops_index_formulas (formula, hash, definition) VALUES (?1, ?2, ?3)",
        params![f.id, hash, json],
    )?;
    Ok(())
}

/// The registered formulas: row id and definition.
fn registered(conn: &Connection) -> Result<Vec<(i64, Formula)>, StoreError> {
    let mut st = conn.prepare_cached("SELECT id, definition FROM ops_index_formulas")?;
    let rows = st.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))?;
    let mut out = Vec::new();
    for row in rows {
        let (id, json) = row?;
        if let Ok(f) = serde_json::from_str::<Formula>(&json) {
            out.push((id, f));
        }
    }
    Ok(out)
}

/// Recomputes every stale (account, week) inside the caller's transaction. Returns how many.
pub(super) fn refresh(conn: &Connection) -> Result<usize, StoreError> {
    ensure_registered(conn)?;
    // A kept row that is not whole records (damaged by hand) is deleted: the delete trigger
    // marks its week stale for every account with figures, so it is rebuilt whole below.
    let damaged: Vec<String> = conn
        .prepare_cached(
            "SELECT DISTINCT week FROM ops_week_index
             WHERE typeof(data) != 'blob' OR length(data) % ?1 != 0",
        )?
        .query_map([RECORD as i64], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for week in damaged {
        conn.prepare_cached("DELETE FROM ops_week_index WHERE week = ?1")?
            .execute([&week])?;
    }
    let formulas = registered(conn)?;
    let weeks: Vec<String> = conn
        .prepare_cached("SELECT DISTINCT week FROM ops_index_stale ORDER BY week")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut n = 0;
    for week in weeks {
        n += refresh_week(conn, &week, &formulas)?;
    }
    Ok(n)
}

/// What one stale account's week holds: its figures, post days, messages; whether any row.
#[derive(Default)]
struct Pending {
    metrics: Option<PeriodMetrics>,
    days: u8,
    messages: (u64, u64),
}

impl Pending {
    fn metrics(&mut self) -> &mut PeriodMetrics {
        self.metrics.get_or_insert_with(|| PeriodMetrics::new(7.0))
    }
}

fn refresh_week(
    conn: &Connection,
    week: &str,
    formulas: &[(i64, Formula)],
) -> Result<usize, StoreError> {
    let mut pending: HashMap<i64, Pending> = conn
        .prepare_cached("SELECT account_id FROM ops_index_stale WHERE week = ?1")?
        .query_map([week], |r| r.get(0))?
        .map(|id| id.map(|id| (id, Pending::default())))
        .collect::<rusqlite::Result<_>>()?;
    let monday = NaiveDate::parse_from_str(week, "%Y-%m-%d").ok();
    if let Some(monday) = monday {
        read_week(conn, week, monday, &mut pending)?;
    }
    let monday = monday.unwrap_or_default();
    for (id, f) in formulas {
        let mut records = kept_records(conn, *id, week, monday)?;
        records.retain(|k| !pending.contains_key(&k.account_id));
        records.extend(pending.iter().filter_map(|(&account_id, p)| {
            p.metrics.as_ref().map(|m| KeptWeek {
                account_id,
                week: monday,
                value: f.inner(m),
                days: p.days,
                messages: p.messages.0,
                replies: p.messages.1,
            })
        }));
        records.sort_unstable_by_key(|k| k.account_id);
        put_records(conn, *id, week, &records)?;
    }
    conn.prepare_cached("DELETE FROM ops_index_stale WHERE week = ?1")?
        .execute([week])?;
    Ok(pending.len())
}

/// Adds the stale accounts' post aggregates and weekly rows of the week starting `monday`, in
/// the order the week-by-week report adds them (posts first, then weekly rows by date).
fn read_week(
    conn: &Connection,
    week: &str,
    monday: NaiveDate,
    pending: &mut HashMap<i64, Pending>,
) -> Result<(), StoreError> {
    let mut st = conn.prepare_cached(
        "SELECT p.account_id, p.posts, p.days, p.reads, p.wow, p.likes, p.shares, p.comments,
                p.h_reads, p.h_wow, p.h_likes, p.h_shares, p.h_comments,
                p.m_reads, p.m_wow, p.m_likes, p.m_shares, p.m_comments
         FROM ops_index_stale s
         JOIN metric_post_weeks p ON p.week = s.week AND p.account_id = s.account_id
         WHERE s.week = ?1",
    )?;
    let mut rows = st.query([week])?;
    while let Some(r) = rows.next()? {
        let w = post_week_row(r, 0, monday)?;
        if let Some(p) = pending.get_mut(&w.account_id) {
            p.metrics().add_post_week(&w);
            p.days |= w.days;
        }
    }
    let sunday = (monday + Duration::days(6)).to_string();
    let mut st = conn.prepare_cached(
        "SELECT w.account_id, w.week, w.followers, w.messages, w.replies, w.posts, w.reads,
                w.likes, w.comments, w.reply_hours
         FROM ops_index_stale s
         JOIN metric_weeks w ON w.account_id = s.account_id AND w.week >= s.week AND w.week <= ?2
         WHERE s.week = ?1 ORDER BY w.account_id, w.week",
    )?;
    let mut rows = st.query(params![week, sunday])?;
    while let Some(r) = rows.next()? {
        let w = week_metric_row(r)?;
        if let Some(p) = pending.get_mut(&w.account_id) {
            p.metrics().add_week(&WeekFigures::from(&w));
            p.messages.0 += w.messages;
            p.messages.1 += w.replies;
        }
    }
    Ok(())
}

impl Store {
    /// Recomputes the stale kept weekly values in one write transaction (after a write that
    /// bypassed the metric writers, after an upgrade). Returns how many (account, week) pairs.
    pub fn refresh_ops_index(&mut self) -> Result<usize, StoreError> {
        let r = (|| {
            let tx = super::tx::write_tx(&mut self.conn)?;
            let n = refresh(&tx)?;
            tx.commit()?;
            Ok(n)
        })();
        r.map_err(|e| self.locked(e))
    }

    /// How many (account, week) pairs wait for [`Store::refresh_ops_index`].
    pub fn ops_index_stale(&self) -> Result<u64, StoreError> {
        let n: i64 = self
            .conn
            .query_row("SELECT count(*) FROM ops_index_stale", [], |r| r.get(0))?;
        Ok(n as u64)
    }

    /// The row id under which `f`'s weekly values are kept, if they are (same definition).
    pub(super) fn kept_formula_id(&self, f: &Formula) -> Result<Option<i64>, StoreError> {
        let (hash, _) = formula_hash(f);
        Ok(self
            .conn
            .prepare_cached("SELECT id FROM ops_index_formulas WHERE hash = ?1")?
            .query_row([hash], |r| r.get(0))
            .optional()?)
    }

    /// Whether any account's kept values of the week starting `monday` wait for a refresh.
    pub(super) fn ops_week_stale(&self, monday: NaiveDate) -> Result<bool, StoreError> {
        Ok(self
            .conn
            .prepare_cached("SELECT EXISTS (SELECT 1 FROM ops_index_stale WHERE week = ?1)")?
            .query_row([monday.to_string()], |r| r.get(0))?)
    }

    /// Whether the kept rows of the week starting `monday` are whole records for every formula
    /// in `kept` (a row damaged by hand is read from the metrics instead).
    pub(super) fn kept_whole(
        &self,
        kept: &[(usize, i64)],
        monday: NaiveDate,
    ) -> Result<bool, StoreError> {
        let mut st = self.conn.prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM ops_week_index WHERE formula = ?1 AND week = ?2
                 AND (typeof(data) != 'blob' OR length(data) % ?3 != 0))",
        )?;
        for &(_, id) in kept {
            let damaged: bool =
                st.query_row(params![id, monday.to_string(), RECORD as i64], |r| r.get(0))?;
            if damaged {
                return Ok(false);
            }
        }
        Ok(true)
    }

    /// Calls `f` with every account's kept values of the week starting `monday` under the
    /// formula kept as `formula_id` (see [`Store::kept_whole`]).
    pub(super) fn for_each_kept_week(
        &self,
        formula_id: i64,
        monday: NaiveDate,
        f: &mut dyn FnMut(KeptWeek),
    ) -> Result<(), StoreError> {
        read_records(&self.conn, formula_id, &monday.to_string(), monday, f)?;
        Ok(())
    }
}
