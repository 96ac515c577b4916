//! Metric imports without duplicates: each post has a key (the file's post id, or its time and
//! position among the account's posts at that minute), each week is (account, week); an identical
//! row is left alone, a different value is a conflict applied only on request, and every import
//! that changed something is kept in `metric_imports` (file, SHA-256, when, rows).

use rusqlite::{OptionalExtension, Transaction, params};
use serde::Serialize;

use super::metrics::{TIME_FMT, int};
use super::{Store, StoreError};
use crate::domain::ops::metrics::{KeyedPost, Post, WeekMetric};

/// The migration: post keys (existing rows keyed by time and id order), the weekly columns of the
/// weekly import format, time indexes for the ops report, and the import history.
pub const MIGRATION_SQL: &str = r#"
ALTER TABLE metric_posts ADD COLUMN post_key TEXT;
UPDATE metric_posts SET post_key = published_at || '#' || (
    SELECT count(*) FROM metric_posts p
    WHERE p.account_id = metric_posts.account_id AND p.published_at = metric_posts.published_at
      AND p.id < metric_posts.id);
CREATE UNIQUE INDEX metric_posts_key ON metric_posts (account_id, post_key);
-- Covering indexes: the ops report reads a week of posts and of weekly rows from these alone.
CREATE INDEX metric_posts_time ON metric_posts
    (published_at, account_id, headline, reads, wow, likes, shares, comments);
ALTER TABLE metric_weeks ADD COLUMN posts INTEGER;
ALTER TABLE metric_weeks ADD COLUMN reads INTEGER;
ALTER TABLE metric_weeks ADD COLUMN likes INTEGER;
ALTER TABLE metric_weeks ADD COLUMN comments INTEGER;
ALTER TABLE metric_weeks ADD COLUMN reply_hours REAL;
CREATE INDEX metric_weeks_week ON metric_weeks
    (week, account_id, followers, messages, replies, posts, reads, likes, comments, reply_hours);
CREATE TABLE metric_imports (
    id          INTEGER PRIMARY KEY,
    file        TEXT NOT NULL,
    sha256      TEXT NOT NULL,
    kind        TEXT NOT NULL,               -- posts | weeks
    imported_at TEXT NOT NULL,               -- RFC 3339 UTC
    rows        INTEGER NOT NULL,
    inserted    INTEGER NOT NULL,
    replaced    INTEGER NOT NULL
);
"#;

/// The file an import came from.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ImportSource {
    pub file: String,
    pub sha256: String,
}

/// A stored value that the file contradicts.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Conflict {
    pub account_id: i64,
    /// The post key or the week.
    pub key: String,
    /// `field: stored → file` for each differing field.
    pub changes: Vec<String>,
}

/// What an import did (or, with conflicts and no replace, would have done: nothing is written).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ImportOutcome {
    pub rows: u64,
    pub inserted: u64,
    pub unchanged: u64,
    pub replaced: u64,
    pub conflicts: Vec<Conflict>,
    /// False when conflicts stopped the import (nothing written).
    pub applied: bool,
}

/// One row of the import history.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ImportRecord {
    pub id: i64,
    pub file: String,
    pub sha256: String,
    pub kind: String,
    pub imported_at: String,
    pub rows: u64,
    pub inserted: u64,
    pub replaced: u64,
}

fn diff<T: PartialEq + std::fmt::Debug>(out: &mut Vec<String>, name: &str, old: T, new: T) {
    if old != new {
        out.push(format!("{name}: {old:?} → {new:?}"));
    }
}

type PostFields = (bool, i64, bool, i64, Option<i64>, i64, i64);

fn post_fields(p: &Post) -> PostFields {
    (
        p.headline,
        int(p.reads),
        p.reads_capped,
        int(p.likes),
        p.wow.map(int),
        int(p.shares),
        int(p.comments),
    )
}

fn post_changes(old: PostFields, new: PostFields) -> Vec<String> {
    let mut c = Vec::new();
    diff(&mut c, "headline", old.0, new.0);
    diff(&mut c, "reads", old.1, new.1);
    diff(&mut c, "reads_capped", old.2, new.2);
    diff(&mut c, "likes", old.3, new.3);
    diff(&mut c, "wow", old.4, new.4);
    diff(&mut c, "shares", old.5, new.5);
    diff(&mut c, "comments", old.6, new.6);
    c
}

type WeekFields = (
    i64,
    i64,
    i64,
    Option<i64>,
    Option<i64>,
    Option<i64>,
    Option<i64>,
    Option<f64>,
);

fn week_fields(w: &WeekMetric) -> WeekFields {
    (
        int(w.followers),
        int(w.messages),
        int(w.replies),
        w.posts.map(int),
        w.reads.map(int),
        w.likes.map(int),
        w.comments.map(int),
        w.reply_hours,
    )
}

fn week_changes(old: WeekFields, new: WeekFields) -> Vec<String> {
    let mut c = Vec::new();
    diff(&mut c, "followers", old.0, new.0);
    diff(&mut c, "messages", old.1, new.1);
    diff(&mut c, "replies", old.2, new.2);
    diff(&mut c, "posts", old.3, new.3);
    diff(&mut c, "reads", old.4, new.4);
    diff(&mut c, "likes", old.5, new.5);
    diff(&mut c, "comments", old.6, new.6);
    diff(&mut c, "reply_hours", old.7, new.7);
    c
}

/// What to do with one row: insert it, leave it, or replace the stored one.
enum Plan {
    Insert,
    Same,
    Replace(Vec<String>),
}

fn plan_post(tx: &Transaction<'_>, p: &KeyedPost) -> Result<Plan, StoreError> {
    let old: Option<PostFields> = tx
        .prepare_cached(
            "SELECT headline, reads, reads_capped, likes, wow, shares, comments
             FROM metric_posts WHERE account_id = ?1 AND post_key = ?2",
        )?
        .query_row(params![p.post.account_id, p.key], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
                r.get(6)?,
            ))
        })
        .optional()?;
    Ok(match old {
        None => Plan::Insert,
        Some(old) => {
            let c = post_changes(old, post_fields(&p.post));
            if c.is_empty() {
                Plan::Same
            } else {
                Plan::Replace(c)
            }
        }
    })
}

fn plan_week(tx: &Transaction<'_>, w: &WeekMetric) -> Result<Plan, StoreError> {
    let old: Option<WeekFields> = tx
        .prepare_cached(
            "SELECT followers, messages, replies, posts, reads, likes, comments, reply_hours
             FROM metric_weeks WHERE account_id = ?1 AND week = ?2",
        )?
        .query_row(params![w.account_id, w.week.to_string()], |r| {
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
        })
        .optional()?;
    Ok(match old {
        None => Plan::Insert,
        Some(old) => {
            let c = week_changes(old, week_fields(w));
            if c.is_empty() {
                Plan::Same
            } else {
                Plan::Replace(c)
            }
        }
    })
}

pub(super) fn write_post(tx: &Transaction<'_>, p: &KeyedPost) -> Result<(), StoreError> {
    let f = post_fields(&p.post);
    tx.prepare_cached(
        "INSERT INTO metric_posts (account_id, post_key, published_at, headline, reads,
         reads_capped, likes, wow, shares, comments)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
         ON CONFLICT (account_id, post_key) DO UPDATE SET published_at = excluded.published_at,
         headline = excluded.headline, reads = excluded.reads, reads_capped = excluded.reads_capped,
         likes = excluded.likes, wow = excluded.wow, shares = excluded.shares,
         comments = excluded.comments",
    )?
    .execute(params![
        p.post.account_id,
        p.key,
        p.post.published.format(TIME_FMT).to_string(),
        f.0,
        f.1,
        f.2,
        f.3,
        f.4,
        f.5,
        f.6
    ])?;
    Ok(())
}

pub(super) fn write_week(tx: &Transaction<'_>, w: &WeekMetric) -> Result<(), StoreError> {
    let f = week_fields(w);
    tx.prepare_cached(
        "INSERT INTO metric_weeks (account_id, week, followers, messages, replies, posts, reads,
         likes, comments, reply_hours) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
         ON CONFLICT (account_id, week) DO UPDATE SET followers = excluded.followers,
         messages = excluded.messages, replies = excluded.replies, posts = excluded.posts,
         reads = excluded.reads, likes = excluded.likes, comments = excluded.comments,
         reply_hours = excluded.reply_hours",
    )?
    .execute(params![
        w.account_id,
        w.week.to_string(),
        f.0,
        f.1,
        f.2,
        f.3,
        f.4,
        f.5,
        f.6,
        f.7
    ])?;
    Ok(())
}

impl Store {
    /// Imports posts and weekly rows in one transaction. Identical rows are left alone; rows that
    /// differ from the stored ones are conflicts: with `replace` they overwrite, without it
    /// nothing at all is written and the outcome lists them (`applied` false). An import that
    /// changed something is recorded in the history.
    pub fn import_metrics(
        &mut self,
        source: &ImportSource,
        posts: &[KeyedPost],
        weeks: &[WeekMetric],
        replace: bool,
    ) -> Result<ImportOutcome, StoreError> {
        let tx = super::tx::write_tx(&mut self.conn)?;
        let mut out = ImportOutcome {
            rows: (posts.len() + weeks.len()) as u64,
            ..ImportOutcome::default()
        };
        let mut todo_posts = Vec::new();
        for p in posts {
            match plan_post(&tx, p)? {
                Plan::Insert => todo_posts.push(p),
                Plan::Same => out.unchanged += 1,
                Plan::Replace(changes) => {
                    out.conflicts.push(Conflict {
                        account_id: p.post.account_id,
                        key: p.key.clone(),
                        changes,
                    });
                    todo_posts.push(p);
                }
            }
        }
        let mut todo_weeks = Vec::new();
        for w in weeks {
            match plan_week(&tx, w)? {
                Plan::Insert => todo_weeks.push(w),
                Plan::Same => out.unchanged += 1,
                Plan::Replace(changes) => {
                    out.conflicts.push(Conflict {
                        account_id: w.account_id,
                        key: w.week.to_string(),
                        changes,
                    });
                    todo_weeks.push(w);
                }
            }
        }
        if !out.conflicts.is_empty() && !replace {
            return Ok(out); // the transaction rolls back on drop: nothing written
        }
        out.replaced = out.conflicts.len() as u64;
        out.inserted = (todo_posts.len() + todo_weeks.len()) as u64 - out.replaced;
        for p in todo_posts {
            write_post(&tx, p)?;
        }
        for w in todo_weeks {
            write_week(&tx, w)?;
        }
        if out.inserted + out.replaced > 0 {
            let kind = if weeks.is_empty() { "posts" } else { "weeks" };
            tx.execute(
                "INSERT INTO metric_imports (file, sha256, kind, imported_at, rows, inserted, replaced)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![
                    source.file,
                    source.sha256,
                    kind,
                    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
                    int(out.rows),
                    int(out.inserted),
                    int(out.replaced)
                ],
            )?;
        }
        super::ops_index::refresh(&tx)?;
        tx.commit()?;
        out.applied = true;
        Ok(out)
    }

    /// The history of metric imports, oldest first.
    pub fn metric_imports(&self) -> Result<Vec<ImportRecord>, StoreError> {
        let mut st = self.conn.prepare(
            "SELECT id, file, sha256, kind, imported_at, rows, inserted, replaced
             FROM metric_imports ORDER BY id",
        )?;
        let rows = st.query_map([], |r| {
            Ok(ImportRecord {
                id: r.get(0)?,
                file: r.get(1)?,
                sha256: r.get(2)?,
                kind: r.get(3)?,
                imported_at: r.get(4)?,
                rows: r.get::<_, i64>(5)?.max(0) as u64,
                inserted: r.get::<_, i64>(6)?.max(0) as u64,
                replaced: r.get::<_, i64>(7)?.max(0) as u64,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

#[cfg(test)]
#[path = "tests/metric_import.rs"]
mod tests;
