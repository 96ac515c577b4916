//! The ledger: an append-only, hash-chained record of every input of a published figure that is
//! not an entry edit (those are the history's). Each record states the SHA-256 of one subject's
//! rows as the program left them: a round (name, pinned rubric hash, monitoring date, accounts),
//! its panel (rules, category methods, members, assignments, calibration mark, keys), its
//! automatic entries, one week of metrics, the account registry, the evaluators. Every writer of
//! those tables restates its subject inside its own transaction; `audit verify` recomputes every
//! subject and compares it with its last record, so a hand edit of any of them is named.

use rusqlite::{Connection, OptionalExtension, params, types::ValueRef};
use sha2::{Digest, Sha256};

use super::StoreError;

pub(super) const MIGRATION_SQL: &str = r#"
CREATE TABLE ledger (
    id      INTEGER PRIMARY KEY,
    subject TEXT NOT NULL,      -- round:ID, panel:ID, auto:ID, metrics:MONDAY, accounts, evaluators
    digest  TEXT NOT NULL,      -- SHA-256 of the subject's rows, hex
    body    TEXT NOT NULL,      -- JSON for people: what the record says in words (e.g. the rubric hash)
    at      TEXT NOT NULL,      -- RFC 3339 UTC
    hash    TEXT NOT NULL       -- SHA-256 chained to the previous record
);
CREATE INDEX ledger_subject ON ledger (subject, id);
CREATE TABLE ledger_head (
    one     INTEGER PRIMARY KEY CHECK (one = 1),
    last_id INTEGER NOT NULL,
    rows    INTEGER NOT NULL,
    hash    TEXT NOT NULL
);
"#;

/// The guards of the append-only ledger: (name, SQL). Recreated on open when dropped.
pub(super) const GUARDS: &[(&str, &str)] = &[
    (
        "ledger_no_update",
        "CREATE TRIGGER ledger_no_update BEFORE UPDATE ON ledger
         BEGIN SELECT RAISE(ABORT, 'the ledger is append-only'); END",
    ),
    (
        "ledger_no_delete",
        "CREATE TRIGGER ledger_no_delete BEFORE DELETE ON ledger
         BEGIN SELECT RAISE(ABORT, 'the ledger is append-only'); END",
    ),
    (
        "ledger_append_only",
        "CREATE TRIGGER ledger_append_only BEFORE INSERT ON ledger
         WHEN NEW.id IS NULL OR NEW.id <= (SELECT coalesce(max(id), 0) FROM ledger)
         BEGIN SELECT RAISE(ABORT, 'the ledger is append-only: new rows get the next id'); END",
    ),
];

/// What a record speaks of.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
pub enum Subject {
    /// A round: its row (name, rubric id, version and hash, monitoring date, scope, creation),
    /// its accounts and its deletion mark.
    Round(i64),
    /// A round's panel: rules, category methods, members, assignments, calibration mark, the
    /// evaluators' keys and the chair's key of a joined package.
    Panel(i64),
    /// A round's automatic entries and the evidence they rest on.
    Auto(i64),
    /// The metrics of the week starting this Monday (posts, weekly rows, post aggregates).
    Metrics(String),
    /// The account registry and its retirements.
    Accounts,
    /// The evaluators' names.
    Evaluators,
    /// A round's follow-up: its settings and draft snapshot, rectifications and re-checks,
    /// appeals and decisions.
    Follow(i64),
    /// The calendar of holidays and make-up working days.
    Calendar,
}

impl Subject {
    pub fn code(&self) -> String {
        match self {
            Subject::Round(id) => format!("round:{id}"),
            Subject::Panel(id) => format!("panel:{id}"),
            Subject::Auto(id) => format!("auto:{id}"),
            Subject::Metrics(week) => format!("metrics:{week}"),
            Subject::Accounts => "accounts".into(),
            Subject::Evaluators => "evaluators".into(),
            Subject::Follow(id) => format!("follow:{id}"),
            Subject::Calendar => "calendar".into(),
        }
    }

    pub fn parse(code: &str) -> Option<Subject> {
        let id = |s: &str| s.parse::<i64>().ok();
        match code.split_once(':') {
            Some(("round", r)) => id(r).map(Subject::Round),
            Some(("panel", r)) => id(r).map(Subject::Panel),
            Some(("auto", r)) => id(r).map(Subject::Auto),
            Some(("metrics", w)) => Some(Subject::Metrics(w.to_string())),
            Some(("follow", r)) => id(r).map(Subject::Follow),
            None if code == "calendar" => Some(Subject::Calendar),
            None if code == "accounts" => Some(Subject::Accounts),
            None if code == "evaluators" => Some(Subject::Evaluators),
            _ => None,
        }
    }

    /// The queries whose rows make the subject, in a fixed order, with their parameter.
    fn queries(&self) -> (Vec<&'static str>, rusqlite::types::Value) {
        use rusqlite::types::Value;
        match self {
            Subject::Round(id) => (
                vec![
                    "SELECT name, rubric_id, rubric_version, rubric_hash, monitoring_date, scope, created_at FROM rounds WHERE id = ?1",
                    "SELECT account_id FROM round_accounts WHERE round_id = ?1 ORDER BY account_id",
                    "SELECT name, at FROM round_deletions WHERE round_id = ?1",
                ],
                Value::Integer(*id),
            ),
            Subject::Panel(id) => (
                vec![
                    "SELECT method, quorum, veto FROM panel_settings WHERE round_id = ?1",
                    "SELECT category, method FROM panel_category_methods WHERE round_id = ?1 ORDER BY category",
                    "SELECT evaluator_id, role, affiliation FROM panel_members WHERE round_id = ?1 ORDER BY evaluator_id",
                    "SELECT account_id, evaluator_id FROM assignments WHERE round_id = ?1 ORDER BY account_id, evaluator_id",
                    "SELECT marked FROM calibration_rounds WHERE round_id = ?1",
                    "SELECT evaluator_id, public_key, fingerprint, source, sequence FROM panel_keys WHERE round_id = ?1 ORDER BY evaluator_id",
                    "SELECT public_key, fingerprint, evaluator FROM round_sources WHERE round_id = ?1",
                ],
                Value::Integer(*id),
            ),
            Subject::Auto(id) => (
                vec![
                    "SELECT account_id, evaluator_id, indicator, rule, entry, evidence, placed_at FROM auto_entries WHERE round_id = ?1 ORDER BY account_id, evaluator_id, indicator",
                ],
                Value::Integer(*id),
            ),
            Subject::Metrics(week) => (
                vec![
                    "SELECT account_id, post_key, published_at, headline, reads, reads_capped, likes, wow, shares, comments FROM metric_posts
                     WHERE published_at >= ?1 AND published_at < date(?1, '+7 days') ORDER BY account_id, post_key, published_at, id",
                    "SELECT account_id, week, followers, messages, replies, posts, reads, likes, comments, reply_hours FROM metric_weeks INDEXED BY metric_weeks_week
                     WHERE week >= ?1 AND week <= date(?1, '+6 days') ORDER BY account_id, week",
                    "SELECT * FROM metric_post_weeks WHERE week = ?1 ORDER BY account_id",
                ],
                Value::Text(week.clone()),
            ),
            Subject::Accounts => (
                vec![
                    "SELECT id, platform, platform_label, name, unit, level, region, domain, status, opened FROM accounts ORDER BY id",
                    "SELECT account_id, at FROM account_retirements ORDER BY account_id",
                ],
                Value::Null,
            ),
            Subject::Evaluators => (
                vec!["SELECT id, name FROM evaluators ORDER BY id"],
                Value::Null,
            ),
            Subject::Follow(id) => (
                vec![
                    "SELECT issued, rectify_days, appeal_days, draft, final, snapshot FROM round_follow WHERE round_id = ?1",
                    "SELECT id, account_id, item, result, note, evidence, by_name, day, at FROM rectifications WHERE round_id = ?1 ORDER BY id",
                    "SELECT id, account_id, item, reason, evidence, filed, at, decision, value, rationale, chair, decided, outcome FROM appeals WHERE round_id = ?1 ORDER BY id",
                ],
                Value::Integer(*id),
            ),
            Subject::Calendar => (
                vec!["SELECT day, workday, note FROM calendar_days ORDER BY day"],
                Value::Null,
            ),
        }
    }
}

fn put(h: &mut Sha256, v: ValueRef<'_>) {
    match v {
        ValueRef::Null => h.update([0u8]),
        ValueRef::Integer(i) => {
            h.update([1u8]);
            h.update(i.to_le_bytes());
        }
        ValueRef::Real(f) => {
            h.update([2u8]);
            h.update(f.to_bits().to_le_bytes());
        }
        ValueRef::Text(t) | ValueRef::Blob(t) => {
            h.update([3u8]);
            h.update((t.len() as u64).to_le_bytes());
            h.update(t);
        }
    }
}

fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    bytes.iter().fold(String::with_capacity(64), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}

/// The SHA-256 of the subject's rows as they are now, and whether it has any row.
pub(super) fn digest(conn: &Connection, s: &Subject) -> Result<(String, bool), StoreError> {
    let mut h = Sha256::new();
    h.update(b"assay-ledger-v1\0");
    h.update(s.code().as_bytes());
    let (queries, param) = s.queries();
    let mut any = false;
    for (i, sql) in queries.iter().enumerate() {
        h.update([0xff, i as u8]);
        let mut st = conn.prepare_cached(sql)?;
        let n = st.column_count();
        let mut rows = if sql.contains("?1") {
            st.query([&param])?
        } else {
            st.query([])?
        };
        while let Some(r) = rows.next()? {
            any = true;
            h.update([0xfe]);
            for c in 0..n {
                put(&mut h, r.get_ref(c)?);
            }
        }
    }
    Ok((hex(&h.finalize()), any))
}

/// The last record of a subject: (id, digest).
pub(super) fn last(conn: &Connection, s: &Subject) -> Result<Option<(i64, String)>, StoreError> {
    Ok(conn
        .prepare_cached(
            "SELECT id, digest FROM ledger WHERE subject = ?1 ORDER BY id DESC LIMIT 1",
        )?
        .query_row([s.code()], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?)
}

/// SHA-256 (hex) of the previous record's hash and this record, every field length-prefixed.
pub(super) fn row_hash(
    prev: &str,
    id: i64,
    subject: &str,
    digest: &str,
    body: &str,
    at: &str,
) -> String {
    let mut h = Sha256::new();
    h.update(b"assay-ledger-row-v1\0");
    for part in [prev, subject, digest, body, at] {
        h.update((part.len() as u64).to_le_bytes());
        h.update(part.as_bytes());
    }
    h.update(id.to_le_bytes());
    hex(&h.finalize())
}

/// Records the subject's current state when it differs from its last record (or it has none
/// and has rows), inside the caller's write transaction. `body` says what the record means.
pub(super) fn restate_with(
    conn: &Connection,
    s: &Subject,
    body: &serde_json::Value,
) -> Result<(), StoreError> {
    let (digest, any) = digest(conn, s)?;
    match last(conn, s)? {
        Some((_, d)) if d == digest => return Ok(()),
        None if !any => return Ok(()),
        _ => {}
    }
    let head: Option<(i64, String)> = conn
        .prepare_cached("SELECT rows, hash FROM ledger_head WHERE one = 1")?
        .query_row([], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    let (rows, prev) = head.unwrap_or((0, String::new()));
    let id: i64 = conn
        .prepare_cached("SELECT coalesce(max(id), 0) + 1 FROM ledger")?
        .query_row([], |r| r.get(0))?;
    let (code, body, at) = (s.code(), body.to_string(), super::now());
    let hash = row_hash(&prev, id, &code, &digest, &body, &at);
    conn.prepare_cached(
        "INSERT INTO ledger (id, subject, digest, body, at, hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![id, code, digest, body, at, hash])?;
    conn.prepare_cached(
        "INSERT INTO ledger_head (one, last_id, rows, hash) VALUES (1, ?1, ?2, ?3)
         ON CONFLICT (one) DO UPDATE SET last_id = excluded.last_id, rows = excluded.rows, hash = excluded.hash",
    )?
    .execute(params![id, rows + 1, hash])?;
    Ok(())
}

/// [`restate_with`] with the body each subject carries: a round's pinned rubric hash and
/// monitoring date (what `audit verify` names when they change), else nothing.
pub(super) fn restate(conn: &Connection, s: &Subject) -> Result<(), StoreError> {
    let body = match s {
        Subject::Round(id) => conn
            .prepare_cached("SELECT name, rubric_hash, monitoring_date FROM rounds WHERE id = ?1")?
            .query_row([id], |r| {
                Ok(serde_json::json!({
                    "name": r.get::<_, String>(0)?,
                    "rubric_hash": r.get::<_, String>(1)?,
                    "monitoring_date": r.get::<_, String>(2)?,
                }))
            })
            .optional()?
            .unwrap_or(serde_json::Value::Null),
        _ => serde_json::json!({}),
    };
    restate_with(conn, s, &body)
}

/// Restates the metrics of the Monday week of every date given (each week once), inside the
/// caller's write transaction.
pub(super) fn restate_dates(
    conn: &Connection,
    dates: impl IntoIterator<Item = chrono::NaiveDate>,
) -> Result<(), StoreError> {
    use chrono::Datelike;
    let weeks: std::collections::BTreeSet<chrono::NaiveDate> = dates
        .into_iter()
        .map(|d| d - chrono::Duration::days(i64::from(d.weekday().num_days_from_monday())))
        .collect();
    for w in weeks {
        restate(conn, &Subject::Metrics(w.format("%Y-%m-%d").to_string()))?;
    }
    Ok(())
}

/// Every subject that has rows now or a record: what `audit verify` checks.
pub(super) fn subjects(conn: &Connection) -> Result<Vec<Subject>, StoreError> {
    let mut out = std::collections::BTreeSet::new();
    out.insert(Subject::Accounts);
    out.insert(Subject::Evaluators);
    // The follow-up tables come with a later migration than the ledger's own backfill.
    let follow: bool = conn.query_row(
        "SELECT count(*) > 0 FROM sqlite_master WHERE type = 'table' AND name = 'round_follow'",
        [],
        |r| r.get(0),
    )?;
    if follow {
        out.insert(Subject::Calendar);
    }
    let collect = |sql: &str,
                   out: &mut std::collections::BTreeSet<Subject>,
                   f: &dyn Fn(String) -> Option<Subject>|
     -> Result<(), StoreError> {
        let mut st = conn.prepare(sql)?;
        let rows = st.query_map([], |r| r.get::<_, String>(0))?;
        for r in rows {
            if let Some(s) = f(r?) {
                out.insert(s);
            }
        }
        Ok(())
    };
    collect("SELECT DISTINCT subject FROM ledger", &mut out, &|c| {
        Subject::parse(&c)
    })?;
    let kinds: &[&str] = if follow {
        &["round", "panel", "auto", "follow"]
    } else {
        &["round", "panel", "auto"]
    };
    for kind in kinds {
        collect("SELECT CAST(id AS TEXT) FROM rounds", &mut out, &|id| {
            Subject::parse(&format!("{kind}:{id}"))
        })?;
    }
    collect(
        "SELECT DISTINCT date(published_at, 'weekday 0', '-6 days') FROM metric_posts
         UNION SELECT DISTINCT date(week, 'weekday 0', '-6 days') FROM metric_weeks
         UNION SELECT DISTINCT week FROM metric_post_weeks",
        &mut out,
        &|w| Some(Subject::Metrics(w)),
    )?;
    Ok(out.into_iter().collect())
}

/// Records every subject as it stands (a database from before the ledger: trusted as found at
/// the upgrade, like the history's chain).
pub(super) fn backfill(conn: &Connection) -> Result<(), StoreError> {
    for s in subjects(conn)? {
        restate(conn, &s)?;
    }
    Ok(())
}
