//! Per-(account, Monday week) post aggregates for the operations report: count, day bitmask,
//! totals, headline totals and per-metric maxima, kept by triggers on `metric_posts` in the
//! writer's own transaction (metrics import, `--replace`, gen, the sample loader), so that a
//! year's report reads one row per account and week instead of every post.

use chrono::NaiveDate;
use rusqlite::params;

use super::{Store, StoreError};
use crate::domain::ops::PostWeek;

/// A post's metric, never negative, NULL as 0 (as the post scan reads it).
macro_rules! m {
    ($c:literal) => {
        concat!("max(coalesce(", $c, ", 0), 0)")
    };
}

/// Monday of the post's week, and its day bit (Monday = bit 0).
macro_rules! week_of {
    ($p:literal) => {
        concat!("date(", $p, ".published_at, 'weekday 0', '-6 days')")
    };
}

/// Recomputes the aggregate row of the week holding `$p`'s post (after a delete or update).
macro_rules! recompute {
    ($p:literal) => {
        concat!(
            "DELETE FROM metric_post_weeks WHERE account_id = ",
            $p,
            ".account_id AND week = ",
            week_of!($p),
            ";
    INSERT INTO metric_post_weeks
    SELECT account_id, ",
            week_of!($p),
            ", count(*),
           sum(DISTINCT 1 << ((CAST(strftime('%w', published_at) AS INTEGER) + 6) % 7)),
           sum(",
            m!("reads"),
            "), sum(",
            m!("wow"),
            "), sum(",
            m!("likes"),
            "), sum(",
            m!("shares"),
            "), sum(",
            m!("comments"),
            "),
           sum((headline != 0) * ",
            m!("reads"),
            "), sum((headline != 0) * ",
            m!("wow"),
            "), sum((headline != 0) * ",
            m!("likes"),
            "),
           sum((headline != 0) * ",
            m!("shares"),
            "), sum((headline != 0) * ",
            m!("comments"),
            "),
           max(",
            m!("reads"),
            "), max(",
            m!("wow"),
            "), max(",
            m!("likes"),
            "), max(",
            m!("shares"),
            "), max(",
            m!("comments"),
            ")
    FROM metric_posts
    WHERE account_id = ",
            $p,
            ".account_id AND published_at >= ",
            week_of!($p),
            "
      AND published_at < date(",
            $p,
            ".published_at, 'weekday 0', '+1 day')
    GROUP BY account_id;"
        )
    };
}

/// The migration (appended once, with the automatic-values table of `auto_entries`): the
/// aggregate table, its triggers, and the backfill of the posts already stored.
pub const MIGRATION_SQL: &str = concat!(
    r#"
CREATE TABLE auto_entries (
    round_id     INTEGER NOT NULL REFERENCES rounds (id) ON DELETE CASCADE,
    account_id   INTEGER NOT NULL REFERENCES accounts (id),
    evaluator_id INTEGER NOT NULL REFERENCES evaluators (id),
    indicator    TEXT NOT NULL,
    rule         TEXT NOT NULL,
    entry        TEXT NOT NULL,    -- JSON of the entry as placed
    evidence     TEXT NOT NULL,    -- JSON of the facts it rests on
    placed_at    TEXT NOT NULL,    -- RFC 3339
    PRIMARY KEY (round_id, account_id, evaluator_id, indicator)
);

CREATE TABLE metric_post_weeks (
    account_id INTEGER NOT NULL REFERENCES accounts (id),
    week       TEXT NOT NULL,      -- the Monday, YYYY-MM-DD
    posts      INTEGER NOT NULL,
    days       INTEGER NOT NULL,   -- bit d set: a post on Monday + d days
    reads INTEGER NOT NULL, wow INTEGER NOT NULL, likes INTEGER NOT NULL,
    shares INTEGER NOT NULL, comments INTEGER NOT NULL,
    h_reads INTEGER NOT NULL, h_wow INTEGER NOT NULL, h_likes INTEGER NOT NULL,
    h_shares INTEGER NOT NULL, h_comments INTEGER NOT NULL,
    m_reads INTEGER NOT NULL, m_wow INTEGER NOT NULL, m_likes INTEGER NOT NULL,
    m_shares INTEGER NOT NULL, m_comments INTEGER NOT NULL,
    PRIMARY KEY (week, account_id)
) WITHOUT ROWID;

INSERT INTO metric_post_weeks
SELECT account_id, date(published_at, 'weekday 0', '-6 days') AS wk, count(*),
       sum(DISTINCT 1 << ((CAST(strftime('%w', published_at) AS INTEGER) + 6) % 7)),
       sum("#,
    m!("reads"),
    "), sum(",
    m!("wow"),
    "), sum(",
    m!("likes"),
    "), sum(",
    m!("shares"),
    "), sum(",
    m!("comments"),
    "),
       sum((headline != 0) * ",
    m!("reads"),
    "), sum((headline != 0) * ",
    m!("wow"),
    "), sum((headline != 0) * ",
    m!("likes"),
    "),
       sum((headline != 0) * ",
    m!("shares"),
    "), sum((headline != 0) * ",
    m!("comments"),
    "),
       max(",
    m!("reads"),
    "), max(",
    m!("wow"),
    "), max(",
    m!("likes"),
    "), max(",
    m!("shares"),
    "), max(",
    m!("comments"),
    ")
FROM metric_posts GROUP BY account_id, wk;

CREATE TRIGGER metric_post_weeks_insert AFTER INSERT ON metric_posts BEGIN
    INSERT INTO metric_post_weeks VALUES (
        NEW.account_id, ",
    week_of!("NEW"),
    ", 1,
        1 << ((CAST(strftime('%w', NEW.published_at) AS INTEGER) + 6) % 7),
        ",
    m!("NEW.reads"),
    ", ",
    m!("NEW.wow"),
    ", ",
    m!("NEW.likes"),
    ", ",
    m!("NEW.shares"),
    ", ",
    m!("NEW.comments"),
    ",
        (NEW.headline != 0) * ",
    m!("NEW.reads"),
    ", (NEW.headline != 0) * ",
    m!("NEW.wow"),
    ", (NEW.headline != 0) * ",
    m!("NEW.likes"),
    ",
        (NEW.headline != 0) * ",
    m!("NEW.shares"),
    ", (NEW.headline != 0) * ",
    m!("NEW.comments"),
    ",
        ",
    m!("NEW.reads"),
    ", ",
    m!("NEW.wow"),
    ", ",
    m!("NEW.likes"),
    ", ",
    m!("NEW.shares"),
    ", ",
    m!("NEW.comments"),
    ")
    ON CONFLICT (week, account_id) DO UPDATE SET
        posts = posts + 1, days = days | excluded.days,
        reads = reads + excluded.reads, wow = wow + excluded.wow, likes = likes + excluded.likes,
        shares = shares + excluded.shares, comments = comments + excluded.comments,
        h_reads = h_reads + excluded.h_reads, h_wow = h_wow + excluded.h_wow,
        h_likes = h_likes + excluded.h_likes, h_shares = h_shares + excluded.h_shares,
        h_comments = h_comments + excluded.h_comments,
        m_reads = max(m_reads, excluded.m_reads), m_wow = max(m_wow, excluded.m_wow),
        m_likes = max(m_likes, excluded.m_likes), m_shares = max(m_shares, excluded.m_shares),
        m_comments = max(m_comments, excluded.m_comments);
END;

CREATE TRIGGER metric_post_weeks_delete AFTER DELETE ON metric_posts BEGIN
    ",
    recompute!("OLD"),
    "
END;

CREATE TRIGGER metric_post_weeks_update AFTER UPDATE ON metric_posts BEGIN
    ",
    recompute!("OLD"),
    "
    ",
    recompute!("NEW"),
    "
END;
"
);

fn nonneg(v: i64) -> u64 {
    v.max(0) as u64
}

impl Store {
    /// Calls `f` for every account's post aggregate of the Monday week starting `week`.
    pub fn for_each_post_week(
        &self,
        week: NaiveDate,
        f: &mut dyn FnMut(PostWeek),
    ) -> Result<(), StoreError> {
        let mut st = self.conn.prepare_cached(
            "SELECT account_id, posts, days, reads, wow, likes, shares, comments,
                    h_reads, h_wow, h_likes, h_shares, h_comments,
                    m_reads, m_wow, m_likes, m_shares, m_comments
             FROM metric_post_weeks WHERE week = ?1",
        )?;
        let mut rows = st.query(params![week.to_string()])?;
        while let Some(r) = rows.next()? {
            f(post_week_row(r, 0, week)?);
        }
        Ok(())
    }
}

/// A `metric_post_weeks` row read from column `at` on: account_id, posts, days, the five totals,
/// the five headline totals, the five maxima.
pub(super) fn post_week_row(
    r: &rusqlite::Row<'_>,
    at: usize,
    week: NaiveDate,
) -> rusqlite::Result<PostWeek> {
    let five = |at: usize| -> rusqlite::Result<[u64; 5]> {
        Ok([
            nonneg(r.get(at)?),
            nonneg(r.get(at + 1)?),
            nonneg(r.get(at + 2)?),
            nonneg(r.get(at + 3)?),
            nonneg(r.get(at + 4)?),
        ])
    };
    Ok(PostWeek {
        account_id: r.get(at)?,
        week,
        posts: nonneg(r.get(at + 1)?),
        days: (r.get::<_, i64>(at + 2)? & 0x7f) as u8,
        total: five(at + 3)?,
        headline: five(at + 8)?,
        max: five(at + 13)?,
    })
}
