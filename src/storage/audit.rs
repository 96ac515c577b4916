//! `audit verify`: recomputes each round's history chain, compares it with the recorded head,
//! replays the history against the current entries and submissions, and checks each round's
//! pinned rubric against its hash. Findings name the first history row or entry that differs.

use std::collections::HashMap;

use rusqlite::{Connection, params};

use super::chain::{BULK_INDICATOR, BulkDigest, RowContent, head, row_hash};
use super::scores::{ENTRY_COLUMNS, entry_from_row};
use super::{SUBMISSION_INDICATOR, Store, StoreError};
use crate::domain::entry::Entry;

pub use super::findings::Finding;

/// What `audit` checked, per round.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct RoundAudit {
    pub id: i64,
    pub name: String,
    pub history_rows: i64,
    pub entries: u64,
    /// The hash of the round's last history row ("" when none): write it down elsewhere to be
    /// able to prove later that nothing was rewritten.
    pub head: String,
}

#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct Audit {
    pub rounds: Vec<RoundAudit>,
    pub findings: Vec<Finding>,
    /// The hash of the ledger's last record ("" when none): with a round's history head, what a
    /// chair writes down (the bulletin prints both) to prove later that nothing was rewritten.
    pub ledger_head: String,
}

/// The replay of one round's history against its current entries.
pub(super) struct Replay {
    pub findings: Vec<Finding>,
    /// Entries (and values overwritten by an edit) that no edit produced: loaded in bulk.
    pub unexplained: BulkDigest,
    /// (account, evaluator id) of one such entry, for naming a baseline batch.
    pub unexplained_first: Option<(i64, i64)>,
    pub batches: BulkDigest,
    pub batch_rows: Vec<i64>,
    pub entries: u64,
}

#[derive(Default)]
struct KeyState {
    state: Option<Entry>,
    last_id: i64,
    seen: bool,
}

type HistRow = (i64, i64, i64, String, Option<String>, Option<String>);

fn parse(s: &Option<String>) -> Result<Option<Entry>, ()> {
    match s {
        None => Ok(None),
        Some(j) => serde_json::from_str(j).map(Some).map_err(|_| ()),
    }
}

type Keys = HashMap<(i64, i64, String), KeyState>;
type Subs = HashMap<(i64, i64), (Option<String>, i64)>;

/// Replays a round's history (entries and submissions) against the current rows.
pub(super) fn replay(conn: &Connection, round: i64) -> Result<Replay, StoreError> {
    let mut out = Replay {
        findings: Vec::new(),
        unexplained: BulkDigest::default(),
        unexplained_first: None,
        batches: BulkDigest::default(),
        batch_rows: Vec::new(),
        entries: 0,
    };
    let (keys, subs) = replay_history(conn, round, &mut out)?;
    let names = evaluator_names(conn)?;
    let name = |id: i64| names.get(&id).cloned().unwrap_or_else(|| format!("#{id}"));
    compare_entries(conn, round, keys, &name, &mut out)?;
    if out.unexplained != out.batches {
        out.findings.push(Finding::Bulk {
            round,
            batch_rows: out.batch_rows.clone(),
            loaded: out.batches.rows,
            found: out.unexplained.rows,
        });
    }
    check_submissions(conn, round, subs, &name, &mut out.findings)?;
    Ok(out)
}

/// Walks a round's history in order: the state each edit left per entry, the bulk batches,
/// the last submission state per (account, evaluator).
fn replay_history(
    conn: &Connection,
    round: i64,
    out: &mut Replay,
) -> Result<(Keys, Subs), StoreError> {
    let mut keys = Keys::new();
    let mut subs = Subs::new();
    let mut st = conn.prepare(
        "SELECT id, account_id, evaluator_id, indicator, old, new FROM history WHERE round_id = ?1 ORDER BY id",
    )?;
    let rows = st.query_map([round], |r| {
        Ok((
            r.get(0)?,
            r.get(1)?,
            r.get(2)?,
            r.get(3)?,
            r.get(4)?,
            r.get(5)?,
        ))
    })?;
    for row in rows {
        let (id, account, evaluator, indicator, old, new): HistRow = row?;
        if indicator == BULK_INDICATOR {
            match new.as_deref().and_then(BulkDigest::from_json) {
                Some(d) => out.batches.merge(&d),
                None => out.findings.push(Finding::BadRow { round, id }),
            }
            out.batch_rows.push(id);
            continue;
        }
        if indicator.starts_with('@') && indicator != SUBMISSION_INDICATOR {
            // A record beside the entries, never an entry edit here (the chair's consensus, a
            // merge decision, a row carried from an evaluator's own database); the chain still
            // covers the row.
            continue;
        }
        if indicator == SUBMISSION_INDICATOR {
            let state = new.map(|s| s.trim_matches('"').to_string());
            subs.insert((account, evaluator), (state, id));
            continue;
        }
        let (Ok(old), Ok(new)) = (parse(&old), parse(&new)) else {
            out.findings.push(Finding::BadRow { round, id });
            continue;
        };
        let k = keys.entry((account, evaluator, indicator)).or_default();
        if old != k.state {
            match (&k.state, old) {
                // The value a bulk load put there, overwritten by this edit.
                (None, Some(loaded)) => {
                    out.unexplained.add(account, evaluator, &loaded);
                    out.unexplained_first.get_or_insert((account, evaluator));
                }
                _ => out.findings.push(Finding::Sequence { round, id }),
            }
        }
        k.state = new;
        k.last_id = id;
    }
    Ok((keys, subs))
}

/// Streams the round's entries: each must equal the state its last edit left; entries no edit
/// explains go into the bulk digest; entries an edit left but that are gone are named.
fn compare_entries(
    conn: &Connection,
    round: i64,
    mut keys: Keys,
    name: &dyn Fn(i64) -> String,
    out: &mut Replay,
) -> Result<(), StoreError> {
    let sql = format!(
        "SELECT {ENTRY_COLUMNS}, e.evaluator_id FROM entries e JOIN evaluators ev ON ev.id = e.evaluator_id
         WHERE e.round_id = ?1 ORDER BY e.account_id, e.evaluator_id, e.indicator"
    );
    let mut st = conn.prepare(&sql)?;
    let mut rows = st.query([round])?;
    while let Some(row) = rows.next()? {
        let stored = entry_from_row(row)?;
        let evaluator: i64 = row.get(10)?;
        out.entries += 1;
        let key = (stored.account_id, evaluator, stored.entry.indicator.clone());
        match keys.get_mut(&key) {
            Some(k) if k.state.is_some() => {
                k.seen = true;
                if k.state.as_ref() != Some(&stored.entry) {
                    out.findings.push(Finding::Entry {
                        round,
                        account: key.0,
                        evaluator: name(evaluator),
                        indicator: key.2,
                        last_row: k.last_id,
                        missing: false,
                    });
                }
            }
            _ => {
                out.unexplained.add(key.0, evaluator, &stored.entry);
                out.unexplained_first.get_or_insert((key.0, evaluator));
            }
        }
    }
    let mut gone: Vec<_> = keys
        .into_iter()
        .filter(|(_, k)| k.state.is_some() && !k.seen)
        .collect();
    gone.sort_by_key(|(_, k)| k.last_id);
    for ((account, evaluator, indicator), k) in gone {
        out.findings.push(Finding::Entry {
            round,
            account,
            evaluator: name(evaluator),
            indicator,
            last_row: k.last_id,
            missing: true,
        });
    }
    Ok(())
}

fn check_submissions(
    conn: &Connection,
    round: i64,
    mut subs: Subs,
    name: &dyn Fn(i64) -> String,
    findings: &mut Vec<Finding>,
) -> Result<(), StoreError> {
    let mut st = conn.prepare(
        "SELECT account_id, evaluator_id, state FROM submissions WHERE round_id = ?1 ORDER BY account_id, evaluator_id",
    )?;
    let rows = st.query_map([round], |r| {
        Ok((r.get(0)?, r.get(1)?, r.get::<_, String>(2)?))
    })?;
    for row in rows {
        let (account, evaluator, state): (i64, i64, String) = row?;
        let recorded = subs.remove(&(account, evaluator));
        if recorded.as_ref().and_then(|r| r.0.as_deref()) != Some(state.as_str()) {
            findings.push(Finding::Submission {
                round,
                account,
                evaluator: name(evaluator),
                last_row: recorded.map(|r| r.1),
            });
        }
    }
    for ((account, evaluator), (state, id)) in subs {
        if state.is_some() {
            findings.push(Finding::Submission {
                round,
                account,
                evaluator: name(evaluator),
                last_row: Some(id),
            });
        }
    }
    Ok(())
}

fn evaluator_names(conn: &Connection) -> Result<HashMap<i64, String>, StoreError> {
    let mut st = conn.prepare("SELECT id, name FROM evaluators")?;
    let rows = st.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Recomputes a round's chain; returns (rows, last id, last hash) and pushes mismatches.
fn check_chain(
    conn: &Connection,
    round: i64,
    findings: &mut Vec<Finding>,
) -> Result<(i64, i64, String), StoreError> {
    let mut st = conn.prepare(
        "SELECT id, account_id, evaluator_id, indicator, old, new, at, hash FROM history WHERE round_id = ?1 ORDER BY id",
    )?;
    let mut rows = st.query([round])?;
    let (mut n, mut last, mut prev) = (0i64, 0i64, String::new());
    let mut broken = false;
    while let Some(r) = rows.next()? {
        let id: i64 = r.get(0)?;
        let (indicator, old, new, at): (String, Option<String>, Option<String>, String) =
            (r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?);
        let stored: Option<String> = r.get(7)?;
        let content = RowContent {
            id,
            round_id: round,
            account_id: r.get(1)?,
            evaluator_id: r.get(2)?,
            indicator: &indicator,
            old: old.as_deref(),
            new: new.as_deref(),
            at: &at,
        };
        let want = row_hash(&prev, &content);
        if !broken && stored.as_deref() != Some(want.as_str()) {
            findings.push(Finding::RowHash { round, id });
            broken = true;
        }
        // Continue from the stored hash so one bad row is reported once, not all after it.
        prev = stored.unwrap_or(want);
        n += 1;
        last = id;
    }
    Ok((n, last, prev))
}

impl Store {
    /// Verifies every round (or one): chain, head, entries, submissions, rubric hash.
    pub fn audit(&self, round: Option<i64>) -> Result<Audit, StoreError> {
        let r = self.audit_inner(round);
        r.map_err(|e| self.locked(e))
    }

    fn audit_inner(&self, only: Option<i64>) -> Result<Audit, StoreError> {
        let conn = &self.conn;
        let mut audit = Audit::default();
        let rounds: Vec<(i64, String, String, String)> = {
            let mut st = conn.prepare(
                "SELECT id, name, rubric_text, rubric_hash FROM rounds WHERE ?1 IS NULL OR id = ?1 ORDER BY id",
            )?;
            let r = st.query_map(params![only], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
            })?;
            r.collect::<rusqlite::Result<_>>()?
        };
        if only.is_none() {
            let mut st = conn.prepare(
                "SELECT round_id, min(id) FROM history WHERE round_id NOT IN (SELECT id FROM rounds) GROUP BY round_id",
            )?;
            let r = st.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
            for row in r {
                let (round, first_id) = row?;
                audit.findings.push(Finding::Orphan { round, first_id });
            }
        }
        for (id, name, text, hash) in rounds {
            if super::rounds::sha256_hex(&text) != hash {
                audit.findings.push(Finding::RubricHash { round: id });
            }
            let (rows, last, end) = check_chain(conn, id, &mut audit.findings)?;
            let recorded = head(conn, id)?;
            let found = (rows > 0).then_some((last, rows));
            let rec = recorded.as_ref().map(|h| (h.0, h.1));
            if rec != found || recorded.as_ref().is_some_and(|h| h.2 != end) {
                audit.findings.push(Finding::Head {
                    round: id,
                    recorded: rec,
                    found,
                });
            }
            let replay = replay(conn, id)?;
            audit.findings.extend(replay.findings);
            audit.rounds.push(RoundAudit {
                id,
                name,
                history_rows: rows,
                entries: replay.entries,
                head: end,
            });
        }
        self.audit_ledger(only, &mut audit.findings)?;
        audit.ledger_head = self.ledger_head()?.map(|(_, h)| h).unwrap_or_default();
        Ok(audit)
    }
}
