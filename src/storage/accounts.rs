//! Account queries: bulk insert (all or nothing), filtered listing, lookup by id, name or
//! `platform:name`.

use rusqlite::types::Value;
use rusqlite::{Row, params};

use super::{AccountFilter, Store, StoreError};
use crate::domain::account::Account;
use crate::domain::platform::{Level, Platform};

pub(super) const ACCOUNT_COLUMNS: &str = "a.id, a.platform, a.platform_label, a.name, a.unit, a.level, a.region, a.domain, a.status, a.opened";

/// Maps a row selected with [`ACCOUNT_COLUMNS`].
pub(super) fn account_from_row(row: &Row<'_>) -> rusqlite::Result<Account> {
    let bad = |i: usize, what: &str, v: &str| {
        rusqlite::Error::FromSqlConversionFailure(
            i,
            rusqlite::types::Type::Text,
            format!("unknown {what} code {v:?} in accounts").into(),
        )
    };
    // Borrowed, not copied: this runs once per account when the TUI starts (100k rows).
    let platform = row.get_ref(1)?.as_str()?;
    let level = row.get_ref(5)?.as_str()?;
    let opened = row.get_ref(9)?.as_str_or_null()?.and_then(parse_date);
    Ok(Account {
        id: row.get(0)?,
        platform: Platform::parse(platform).ok_or_else(|| bad(1, "platform", platform))?,
        platform_label: row.get(2)?,
        name: row.get(3)?,
        unit: row.get(4)?,
        level: Level::parse(level).ok_or_else(|| bad(5, "level", level))?,
        region: row.get(6)?,
        domain: row.get(7)?,
        status: row.get(8)?,
        opened,
    })
}

/// A stored `opened` date: the `YYYY-MM-DD` form the store writes is read digit by digit
/// (chrono's format parser cost ~10% of the TUI's start on 100k accounts); anything else
/// goes through chrono as before, and an unreadable date reads as unknown.
fn parse_date(s: &str) -> Option<chrono::NaiveDate> {
    let b = s.as_bytes();
    let digits = |r: std::ops::Range<usize>| {
        b[r].iter().try_fold(0u32, |n, &c| {
            c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
        })
    };
    if b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && let (Some(y), Some(m), Some(d)) = (digits(0..4), digits(5..7), digits(8..10))
    {
        return chrono::NaiveDate::from_ymd_opt(y as i32, m, d);
    }
    chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
}

/// SQL condition and parameters for a filter over the accounts table aliased `a`.
pub(super) fn filter_sql(filter: &AccountFilter) -> (String, Vec<Value>) {
    let mut conds: Vec<String> = vec!["1".into()];
    let mut params: Vec<Value> = Vec::new();
    let list = |column: &str, codes: Vec<&str>, params: &mut Vec<Value>| {
        let marks = vec!["?"; codes.len()].join(", ");
        params.extend(codes.into_iter().map(|c| Value::Text(c.to_string())));
        format!("a.{column} IN ({marks})")
    };
    if !filter.levels.is_empty() {
        let codes = filter.levels.iter().map(|l| l.code()).collect();
        conds.push(list("level", codes, &mut params));
    }
    if !filter.platforms.is_empty() {
        let codes = filter.platforms.iter().map(|p| p.code()).collect();
        conds.push(list("platform", codes, &mut params));
    }
    if let Some(region) = filter
        .region
        .as_deref()
        .map(|r| r.trim().trim_end_matches('/'))
        && !region.is_empty()
    {
        // Whole-segment prefix: the region itself or anything below it.
        conds.push("(a.region = ? OR substr(a.region, 1, length(?) + 1) = ? || '/')".into());
        for _ in 0..3 {
            params.push(Value::Text(region.to_string()));
        }
    }
    if let Some(domain) = filter.domain.as_deref().map(str::trim)
        && !domain.is_empty()
    {
        conds.push("a.domain = ?".into());
        params.push(Value::Text(domain.to_string()));
    }
    if let Some(text) = filter.text.as_deref().map(str::trim)
        && !text.is_empty()
    {
        conds.push(
            "(instr(lower(a.name), lower(?)) > 0 OR instr(lower(a.unit), lower(?)) > 0)".into(),
        );
        params.push(Value::Text(text.to_string()));
        params.push(Value::Text(text.to_string()));
    }
    (conds.join(" AND "), params)
}

impl Store {
    /// Inserts accounts in one transaction: all or nothing. A duplicate (platform, name), in the
    /// batch or already stored, fails the whole batch with a message naming it.
    pub fn insert_accounts(&mut self, accounts: &[Account]) -> Result<Vec<i64>, StoreError> {
        let r = self.insert_accounts_tx(accounts);
        r.map_err(|e| self.locked(e))
    }

    fn insert_accounts_tx(&mut self, accounts: &[Account]) -> Result<Vec<i64>, StoreError> {
        let tx = super::tx::write_tx(&mut self.conn)?;
        let mut ids = Vec::with_capacity(accounts.len());
        {
            let mut insert = tx.prepare_cached(
                "INSERT INTO accounts (platform, platform_label, name, unit, level, region, domain, status, opened)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            )?;
            for (i, a) in accounts.iter().enumerate() {
                let opened = a.opened.map(|d| d.format("%Y-%m-%d").to_string());
                let r = insert.execute(params![
                    a.platform.code(),
                    a.platform_label,
                    a.name,
                    a.unit,
                    a.level.code(),
                    a.region,
                    a.domain,
                    a.status,
                    opened
                ]);
                match r {
                    Ok(_) => ids.push(tx.last_insert_rowid()),
                    Err(e) if is_unique_violation(&e) => {
                        return Err(StoreError::Invalid(format!(
                            "account {}:{} (item {} of {}) already exists with that platform and name; nothing was imported — remove or rename the duplicate",
                            a.platform_label,
                            a.name,
                            i + 1,
                            accounts.len()
                        )));
                    }
                    Err(e) => return Err(e.into()),
                }
            }
        }
        tx.commit()?;
        Ok(ids)
    }

    pub fn list_accounts(&self, filter: &AccountFilter) -> Result<Vec<Account>, StoreError> {
        let (cond, params) = filter_sql(filter);
        // Retired accounts leave listings and new rounds (past rounds keep them).
        let sql = format!(
            "SELECT {ACCOUNT_COLUMNS} FROM accounts a WHERE {cond}
             AND a.id NOT IN (SELECT account_id FROM account_retirements) ORDER BY a.id"
        );
        let r = (|| {
            let mut stmt = self.conn.prepare_cached(&sql)?;
            let rows = stmt.query_map(rusqlite::params_from_iter(params), account_from_row)?;
            Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
        })();
        r.map_err(|e| self.locked(e))
    }

    pub fn account(&self, id: i64) -> Result<Account, StoreError> {
        self.try_account(id)?.ok_or_else(|| {
            StoreError::NotFound(format!("no account with id {id}; see `assay account list`"))
        })
    }

    fn try_account(&self, id: i64) -> Result<Option<Account>, StoreError> {
        let sql = format!("SELECT {ACCOUNT_COLUMNS} FROM accounts a WHERE a.id = ?1");
        let mut stmt = self
            .conn
            .prepare_cached(&sql)
            .map_err(|e| self.locked(e.into()))?;
        let mut rows = stmt.query_map([id], account_from_row)?;
        Ok(rows.next().transpose()?)
    }

    fn accounts_named(&self, name: &str) -> Result<Vec<Account>, StoreError> {
        let sql =
            format!("SELECT {ACCOUNT_COLUMNS} FROM accounts a WHERE a.name = ?1 ORDER BY a.id");
        let mut stmt = self
            .conn
            .prepare_cached(&sql)
            .map_err(|e| self.locked(e.into()))?;
        let rows = stmt.query_map([name], account_from_row)?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// Finds an account by id, by exact name when unique, or by `platform:name` (platform as a
    /// code such as `wechat`, a label such as 微信 or the label as filed such as 微信服务号).
    pub fn find_account(&self, key: &str) -> Result<Account, StoreError> {
        let key = key.trim();
        if let Ok(id) = key.parse::<i64>()
            && let Some(a) = self.try_account(id)?
        {
            return Ok(a);
        }
        let named = self.accounts_named(key)?;
        if let Some(found) = one_of(key, named)? {
            return Ok(found);
        }
        if let Some((platform, name)) = key.split_once([':', '：']) {
            let (platform, name) = (platform.trim(), name.trim());
            let named = self.accounts_named(name)?;
            // The label as filed (微信服务号) is the most precise; then the platform it parses to.
            let by_label: Vec<Account> = named
                .iter()
                .filter(|a| a.platform_label == platform)
                .cloned()
                .collect();
            let candidates = if by_label.is_empty() {
                let p = Platform::parse(platform);
                named
                    .into_iter()
                    .filter(|a| Some(a.platform) == p)
                    .collect()
            } else {
                by_label
            };
            if let Some(found) = one_of(key, candidates)? {
                return Ok(found);
            }
        }
        Err(StoreError::NotFound(format!(
            "no account matches \"{key}\"; give its id, its exact name or platform:name (see `assay account list --search TEXT`)"
        )))
    }
}

/// The single account of `found`, `None` when empty, an ambiguity error when several.
fn one_of(key: &str, mut found: Vec<Account>) -> Result<Option<Account>, StoreError> {
    match found.len() {
        0 => Ok(None),
        1 => Ok(found.pop()),
        _ => Err(StoreError::Ambiguous {
            key: key.to_string(),
            candidates: found
                .iter()
                .map(|a| format!("{}:{}", a.platform_label, a.name))
                .collect(),
        }),
    }
}

pub(super) fn is_unique_violation(e: &rusqlite::Error) -> bool {
    matches!(
        e,
        rusqlite::Error::SqliteFailure(f, _)
            if f.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_UNIQUE
                || f.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_PRIMARYKEY
    )
}

#[cfg(test)]
mod date_tests {
    use super::parse_date;
    use chrono::NaiveDate;

    #[test]
    fn the_fast_date_path_agrees_with_chrono() {
        for s in [
            "2020-01-05",
            "1999-12-31",
            "2024-02-29",
            "2023-02-29",
            "2020-13-01",
            "2020-00-10",
            "2020-1-5",
            "20x0-01-05",
            "",
            "2020-01-05 ",
            "０２０-01-05",
            "2020/01/05",
        ] {
            let chrono = NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
            assert_eq!(parse_date(s), chrono, "{s:?}");
        }
        assert_eq!(
            parse_date("2020-01-05"),
            NaiveDate::from_ymd_opt(2020, 1, 5)
        );
    }
}
