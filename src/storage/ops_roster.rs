//! The accounts of an operations report read straight into its roster: one prepared statement
//! in id order, each row's text borrowed from SQLite and copied only into the roster's shared
//! texts (no `Account` and no string per account).

use rusqlite::{Row, params_from_iter};

use super::accounts::filter_sql;
use super::{AccountFilter, Store, StoreError};
use crate::domain::ops::report::GroupBy;
use crate::domain::ops::roster::{AccountRef, Roster, RosterBuilder};
use crate::domain::platform::{Level, Platform};

/// The page cache of the accounts scan, in SQLite's negative-KiB form (1 MiB).
const SCAN_CACHE_KB: i64 = -1024;

/// The columns [`push_row`] reads.
const COLUMNS: &str = "a.id, a.platform, a.level, a.name, a.unit, a.region, a.status";

/// Adds one row selected with [`COLUMNS`] (unknown codes refused as [`Store::round_accounts`]
/// refuses them).
fn push_row(b: &mut RosterBuilder, row: &Row<'_>) -> rusqlite::Result<()> {
    let bad = |i: usize, what: &str, v: &str| {
        rusqlite::Error::FromSqlConversionFailure(
            i,
            rusqlite::types::Type::Text,
            format!("unknown {what} code {v:?} in accounts").into(),
        )
    };
    let platform = row.get_ref(1)?.as_str()?;
    let level = row.get_ref(2)?.as_str()?;
    b.push(&AccountRef {
        id: row.get(0)?,
        platform: Platform::parse(platform).ok_or_else(|| bad(1, "platform", platform))?,
        level: Level::parse(level).ok_or_else(|| bad(2, "level", level))?,
        name: row.get_ref(3)?.as_str()?,
        unit: row.get_ref(4)?.as_str()?,
        region: row.get_ref(5)?.as_str()?,
        status: row.get_ref(6)?.as_str()?,
    });
    Ok(())
}

impl Store {
    /// The roster of a round's accounts ([`Store::round_accounts`]), grouped `by`: a national
    /// round's read in id ranges on as many connections ([`super::read_parts`]) and
    /// joined in order (the same roster as one read).
    pub fn round_roster(&self, round_id: i64, by: GroupBy) -> Result<Roster, StoreError> {
        self.round_roster_in(round_id, by, super::read_parts())
    }

    /// [`Store::round_roster`] read in up to `parts` id ranges.
    pub(super) fn round_roster_in(
        &self,
        round_id: i64,
        by: GroupBy,
        parts: usize,
    ) -> Result<Roster, StoreError> {
        let sql = format!(
            "SELECT {COLUMNS} FROM round_accounts ra JOIN accounts a ON a.id = ra.account_id
             WHERE ra.round_id = ?1 AND ra.account_id BETWEEN ?2 AND ?3 ORDER BY ra.account_id"
        );
        let parts = self.in_id_ranges(round_id, parts, |store, ids| {
            let params = [round_id, *ids.start(), *ids.end()].map(rusqlite::types::Value::Integer);
            store.roster_part(&sql, &params, by)
        })?;
        let mut parts = parts.into_iter();
        let Some(mut all) = parts.next() else {
            return Ok(RosterBuilder::new(by).finish());
        };
        parts.for_each(|p| all.append(p));
        Ok(all.finish())
    }

    /// The roster of the accounts [`Store::list_accounts`] lists under `filter`, grouped `by`.
    pub fn listed_roster(&self, filter: &AccountFilter, by: GroupBy) -> Result<Roster, StoreError> {
        let (cond, params) = filter_sql(filter);
        let sql = format!(
            "SELECT {COLUMNS} FROM accounts a WHERE {cond}
             AND a.id NOT IN (SELECT account_id FROM account_retirements) ORDER BY a.id"
        );
        Ok(self.roster_part(&sql, &params, by)?.finish())
    }

    /// The accounts `sql` selects (with [`COLUMNS`]), added to a fresh builder.
    fn roster_part(
        &self,
        sql: &str,
        params: &[rusqlite::types::Value],
        by: GroupBy,
    ) -> Result<RosterBuilder, StoreError> {
        // The pages of the scan are read once: a small page cache for it, not the connection's
        // 32 MB (which a national round's accounts would fill, 16 MB at 100,000).
        let cache: i64 = self.conn.query_row("PRAGMA cache_size", [], |r| r.get(0))?;
        self.conn.pragma_update(None, "cache_size", SCAN_CACHE_KB)?;
        let r = (|| {
            let mut b = RosterBuilder::new(by);
            let mut stmt = self.conn.prepare_cached(sql)?;
            let mut rows = stmt.query(params_from_iter(params))?;
            while let Some(row) = rows.next()? {
                push_row(&mut b, row)?;
            }
            Ok(b)
        })();
        self.conn.pragma_update(None, "cache_size", cache)?;
        r.map_err(|e: StoreError| self.locked(e))
    }
}
