//! Operations metrics: per-post figures (reads with the "10万+" cap, likes, 在看, shares,
//! comments) and weekly follower and message counts per account, with bulk inserts for loaders
//! and generators.

use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::params;

use super::{Store, StoreError};
use crate::domain::ops::metrics::{Post, WeekMetric};

/// The migration that creates the metrics tables (appended to the storage migration list).
pub const MIGRATION_SQL: &str = r#"
CREATE TABLE metric_posts (
    id           INTEGER PRIMARY KEY,
    account_id   INTEGER NOT NULL REFERENCES accounts (id),
    published_at TEXT NOT NULL,              -- YYYY-MM-DD HH:MM
    headline     INTEGER NOT NULL DEFAULT 0, -- 1 for a WeChat push's first article (头条)
    reads        INTEGER NOT NULL,           -- 100000 when shown as 10万+
    reads_capped INTEGER NOT NULL DEFAULT 0, -- 1 when the platform showed 10万+
    likes        INTEGER NOT NULL DEFAULT 0,
    wow          INTEGER,                    -- 在看 (WeChat only)
    shares       INTEGER NOT NULL DEFAULT 0,
    comments     INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX metric_posts_account ON metric_posts (account_id, published_at);

CREATE TABLE metric_weeks (
    account_id INTEGER NOT NULL REFERENCES accounts (id),
    week       TEXT NOT NULL,                -- the Monday, YYYY-MM-DD
    followers  INTEGER NOT NULL,
    messages   INTEGER NOT NULL DEFAULT 0,   -- messages and comments received
    replies    INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (account_id, week)
) WITHOUT ROWID;
"#;

pub(super) const TIME_FMT: &str = "%Y-%m-%d %H:%M";

pub(super) fn int(v: u64) -> i64 {
    i64::try_from(v).unwrap_or(i64::MAX)
}

impl Store {
    /// Inserts new posts for a fresh database (generators) in one transaction: each post is keyed
    /// by its time and its position among the account's posts at that minute, so a post that is
    /// already stored is an error (a unique-key violation), never a duplicate. Imports from files
    /// go through [`Store::import_metrics`]. Returns the row count.
    pub fn bulk_posts(&mut self, rows: &mut dyn Iterator<Item = Post>) -> Result<u64, StoreError> {
        let tx = super::tx::write_tx(&mut self.conn)?;
        let mut n = 0;
        let mut last: Option<(i64, NaiveDateTime, u32)> = None;
        {
            let mut st = tx.prepare(
                "INSERT INTO metric_posts (account_id, post_key, published_at, headline, reads,
                 reads_capped, likes, wow, shares, comments)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            )?;
            for p in rows {
                let seq = match last {
                    Some((a, t, s)) if a == p.account_id && t == p.published => s + 1,
                    _ => 0,
                };
                last = Some((p.account_id, p.published, seq));
                let at = p.published.format(TIME_FMT).to_string();
                st.execute(params![
                    p.account_id,
                    format!("{at}#{seq}"),
                    at,
                    p.headline,
                    int(p.reads),
                    p.reads_capped,
                    int(p.likes),
                    p.wow.map(int),
                    int(p.shares),
                    int(p.comments)
                ])?;
                n += 1;
            }
        }
        tx.commit()?;
        Ok(n)
    }

    /// Inserts new weekly figures for a fresh database (generators) in one transaction; a week
    /// already stored is an error, never silently replaced. Returns the row count.
    pub fn bulk_weeks(
        &mut self,
        rows: &mut dyn Iterator<Item = WeekMetric>,
    ) -> Result<u64, StoreError> {
        let tx = super::tx::write_tx(&mut self.conn)?;
        let mut n = 0;
        {
            let mut st = tx.prepare(
                "INSERT INTO metric_weeks (account_id, week, followers, messages, replies, posts,
                 reads, likes, comments, reply_hours)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            )?;
            for w in rows {
                st.execute(params![
                    w.account_id,
                    w.week.to_string(),
                    int(w.followers),
                    int(w.messages),
                    int(w.replies),
                    w.posts.map(int),
                    w.reads.map(int),
                    w.likes.map(int),
                    w.comments.map(int),
                    w.reply_hours
                ])?;
                n += 1;
            }
        }
        tx.commit()?;
        Ok(n)
    }

    /// An account's posts published on `from..=to` (dates inclusive), oldest first.
    pub fn posts(
        &self,
        account_id: i64,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Vec<Post>, StoreError> {
        let mut st = self.conn.prepare_cached(
            "SELECT published_at, headline, reads, reads_capped, likes, wow, shares, comments
             FROM metric_posts WHERE account_id = ?1 AND published_at >= ?2 AND published_at < ?3
             ORDER BY published_at, id",
        )?;
        let end = to.succ_opt().unwrap_or(to).to_string();
        let rows = st.query_map(params![account_id, from.to_string(), end], |r| {
            let at: String = r.get(0)?;
            let published = NaiveDateTime::parse_from_str(&at, TIME_FMT).map_err(|e| {
                rusqlite::Error::FromSqlConversionFailure(
                    0,
                    rusqlite::types::Type::Text,
                    Box::new(e),
                )
            })?;
            Ok(Post {
                account_id,
                published,
                headline: r.get(1)?,
                reads: r.get::<_, i64>(2)?.max(0) as u64,
                reads_capped: r.get(3)?,
                likes: r.get::<_, i64>(4)?.max(0) as u64,
                wow: r.get::<_, Option<i64>>(5)?.map(|v| v.max(0) as u64),
                shares: r.get::<_, i64>(6)?.max(0) as u64,
                comments: r.get::<_, i64>(7)?.max(0) as u64,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// An account's weekly figures, oldest week first.
    pub fn weeks(&self, account_id: i64) -> Result<Vec<WeekMetric>, StoreError> {
        let mut st = self.conn.prepare_cached(
            "SELECT week, followers, messages, replies, posts, reads, likes, comments, reply_hours
             FROM metric_weeks WHERE account_id = ?1 ORDER BY week",
        )?;
        let rows = st.query_map(params![account_id], |r| {
            let week: String = r.get(0)?;
            let week = NaiveDate::parse_from_str(&week, "%Y-%m-%d").map_err(|e| {
                rusqlite::Error::FromSqlConversionFailure(
                    0,
                    rusqlite::types::Type::Text,
                    Box::new(e),
                )
            })?;
            Ok(WeekMetric {
                account_id,
                week,
                followers: r.get::<_, i64>(1)?.max(0) as u64,
                messages: r.get::<_, i64>(2)?.max(0) as u64,
                replies: r.get::<_, i64>(3)?.max(0) as u64,
                posts: r.get::<_, Option<i64>>(4)?.map(|v| v.max(0) as u64),
                reads: r.get::<_, Option<i64>>(5)?.map(|v| v.max(0) as u64),
                likes: r.get::<_, Option<i64>>(6)?.map(|v| v.max(0) as u64),
                comments: r.get::<_, Option<i64>>(7)?.map(|v| v.max(0) as u64),
                reply_hours: r.get(8)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Numbers of stored posts and weekly rows.
    pub fn metric_counts(&self) -> Result<(u64, u64), StoreError> {
        let posts: i64 = self
            .conn
            .query_row("SELECT count(*) FROM metric_posts", [], |r| r.get(0))?;
        let weeks: i64 = self
            .conn
            .query_row("SELECT count(*) FROM metric_weeks", [], |r| r.get(0))?;
        Ok((posts.max(0) as u64, weeks.max(0) as u64))
    }

    /// `PRAGMA integrity_check`: "ok" for a sound database, else SQLite's list of problems.
    pub fn integrity_check(&self) -> Result<String, StoreError> {
        let mut st = self.conn.prepare("PRAGMA integrity_check")?;
        let lines = st.query_map([], |r| r.get::<_, String>(0))?;
        Ok(lines.collect::<Result<Vec<_>, _>>()?.join("\n"))
    }

    /// Fast-load mode for generating a fresh, disposable database: no journal and no fsync
    /// while `on` (a crash in this mode can leave the file unusable — generate again), then back
    /// to WAL with normal syncing. Refused inside a transaction by SQLite itself.
    pub fn set_bulk_load(&mut self, on: bool) -> Result<(), StoreError> {
        if on {
            self.conn.execute_batch(
                "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA cache_size = -65536;",
            )?;
        } else {
            self.conn.execute_batch("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA cache_size = -2000;")?;
        }
        Ok(())
    }
}
