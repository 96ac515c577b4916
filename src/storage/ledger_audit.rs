//! `audit verify` beyond the score history: the ledger's chain and head, every subject against
//! its last record (a round's pinned rubric hash named on its own), every trigger by its full
//! SQL against the schema this program makes, and the kept operations index against a
//! recomputation from the metrics with the shipped formula.

use std::collections::BTreeMap;

use rusqlite::{Connection, OptionalExtension};

use super::audit::Finding;
use super::ledger::{Subject, digest, last, row_hash, subjects};
use super::{Store, StoreError};

/// Recomputes the ledger's chain; pushes the first row that does not match and a moved head.
fn check_chain(conn: &Connection, findings: &mut Vec<Finding>) -> Result<(), StoreError> {
    let mut st =
        conn.prepare("SELECT id, subject, digest, body, at, hash FROM ledger ORDER BY id")?;
    let mut rows = st.query([])?;
    let (mut n, mut last_id, mut prev) = (0i64, 0i64, String::new());
    let mut broken = false;
    while let Some(r) = rows.next()? {
        let id: i64 = r.get(0)?;
        let (subject, dg, body, at, stored): (String, String, String, String, String) =
            (r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?);
        let want = row_hash(&prev, id, &subject, &dg, &body, &at);
        if !broken && stored != want {
            findings.push(Finding::LedgerRow { id });
            broken = true;
        }
        prev = stored;
        n += 1;
        last_id = id;
    }
    let head: Option<(i64, i64, String)> = conn
        .query_row(
            "SELECT last_id, rows, hash FROM ledger_head WHERE one = 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    let found = (n > 0).then_some((last_id, n));
    let recorded = head.as_ref().map(|h| (h.0, h.1));
    if recorded != found || head.as_ref().is_some_and(|h| h.2 != prev) {
        findings.push(Finding::LedgerHead { recorded, found });
    }
    Ok(())
}

/// The rubric hash a round's record states (what it was pinned to at creation).
fn recorded_rubric(conn: &Connection, record: i64) -> Result<Option<String>, StoreError> {
    let body: String = conn.query_row("SELECT body FROM ledger WHERE id = ?1", [record], |r| {
        r.get(0)
    })?;
    Ok(serde_json::from_str::<serde_json::Value>(&body)
        .ok()
        .and_then(|v| v.get("rubric_hash")?.as_str().map(String::from)))
}

/// Every subject against its last record.
fn check_subjects(
    conn: &Connection,
    only: Option<i64>,
    findings: &mut Vec<Finding>,
) -> Result<(), StoreError> {
    for s in subjects(conn)? {
        let round = match &s {
            Subject::Round(r) | Subject::Panel(r) | Subject::Auto(r) | Subject::Follow(r) => {
                Some(*r)
            }
            _ => None,
        };
        if only.is_some() && round.is_some() && round != only {
            continue;
        }
        let (now, any) = digest(conn, &s)?;
        match last(conn, &s)? {
            None if any => findings.push(Finding::Unrecorded { subject: s.code() }),
            None => {}
            Some((_, d)) if d == now => {}
            Some((id, _)) => {
                if let Subject::Round(r) = s {
                    let found: Option<String> = conn
                        .query_row("SELECT rubric_hash FROM rounds WHERE id = ?1", [r], |x| {
                            x.get(0)
                        })
                        .optional()?;
                    let recorded = recorded_rubric(conn, id)?;
                    if recorded.is_some() && found.is_some() && recorded != found {
                        findings.push(Finding::RubricPinned {
                            round: r,
                            recorded: recorded.unwrap_or_default(),
                            found: found.unwrap_or_default(),
                        });
                        continue;
                    }
                }
                findings.push(Finding::Ledger {
                    subject: s.code(),
                    record: id,
                });
            }
        }
    }
    Ok(())
}

/// Whitespace collapsed, so that a trigger recreated from the same text with other line breaks
/// reads the same.
fn squash(sql: &str) -> String {
    sql.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The triggers of a database as (name → SQL collapsed).
fn triggers(conn: &Connection) -> Result<BTreeMap<String, String>, StoreError> {
    let mut st =
        conn.prepare("SELECT name, coalesce(sql, '') FROM sqlite_master WHERE type = 'trigger'")?;
    let rows = st.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
    let mut out = BTreeMap::new();
    for r in rows {
        let (name, sql) = r?;
        out.insert(name, squash(&sql));
    }
    Ok(out)
}

/// Every trigger against the ones this program's schema makes (built fresh in memory): a
/// missing, changed or unknown trigger is named.
fn check_triggers(conn: &Connection, findings: &mut Vec<Finding>) -> Result<(), StoreError> {
    let fresh = Store::open_in_memory()?;
    let want = triggers(&fresh.conn)?;
    let mut have = triggers(conn)?;
    // The guards are recreated from their own text when dropped: either text is the schema's.
    let guards: BTreeMap<&str, String> = super::chain::guard_sql()
        .chain(super::ledger::GUARDS.iter().copied())
        .map(|(n, s)| (n, squash(s)))
        .collect();
    for (name, sql) in &want {
        match have.remove(name) {
            None => findings.push(Finding::Trigger {
                name: name.clone(),
                change: "missing",
            }),
            Some(h) if h == *sql || guards.get(name.as_str()) == Some(&h) => {}
            Some(_) => findings.push(Finding::Trigger {
                name: name.clone(),
                change: "changed",
            }),
        }
    }
    for name in have.into_keys() {
        findings.push(Finding::Trigger {
            name,
            change: "unknown",
        });
    }
    Ok(())
}

impl Store {
    /// The ledger's part of `audit verify` (all rounds, or one): chain and head, subjects,
    /// triggers, the kept operations index.
    pub(super) fn audit_ledger(
        &self,
        only: Option<i64>,
        findings: &mut Vec<Finding>,
    ) -> Result<(), StoreError> {
        check_chain(&self.conn, findings)?;
        check_subjects(&self.conn, only, findings)?;
        check_triggers(&self.conn, findings)?;
        super::ops_verify::check(&self.conn, findings)?;
        Ok(())
    }

    /// The head of a round's score history: (rows, hash of its last row).
    pub fn history_head(&self, round_id: i64) -> Result<Option<(i64, String)>, StoreError> {
        let h = super::chain::head(&self.conn, round_id).map_err(|e| self.locked(e))?;
        Ok(h.map(|(_, rows, hash)| (rows, hash)))
    }

    /// Where a pinned head (a hash written down earlier, e.g. from a bulletin) is in the chains
    /// now: ("history" or "ledger", row id), `None` when neither chain holds it (rewritten).
    pub fn find_pinned(&self, hash: &str) -> Result<Option<(&'static str, i64)>, StoreError> {
        let h = hash.trim().to_ascii_lowercase();
        let r = (|| {
            for (chain, sql) in [
                ("history", "SELECT id FROM history WHERE hash = ?1"),
                ("ledger", "SELECT id FROM ledger WHERE hash = ?1"),
            ] {
                let id: Option<i64> = self.conn.query_row(sql, [&h], |r| r.get(0)).optional()?;
                if let Some(id) = id {
                    return Ok(Some((chain, id)));
                }
            }
            Ok(None)
        })();
        r.map_err(|e| self.locked(e))
    }

    /// The head of the ledger: (last record id, hash), `None` before the first record. With a
    /// round's history head it is what a chair prints in a bulletin to pin the chain.
    pub fn ledger_head(&self) -> Result<Option<(i64, String)>, StoreError> {
        let r = self
            .conn
            .query_row(
                "SELECT last_id, hash FROM ledger_head WHERE one = 1",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional();
        r.map_err(|e| self.locked(e.into()))
    }
}
