//! What happens to a round's findings after its bulletin, as stored: the round's follow-up
//! settings (the bulletin's date, the 整改 and appeal windows in working days, the draft and its
//! snapshot), the units' 整改说明 and the evaluators' re-checks (复查), appeals (申诉) and the
//! chair's decisions, and the calendar of holidays and make-up working days. Every writer
//! restates the round's `follow` subject (or the `calendar`) in the ledger inside its own
//! transaction, so `audit verify` names a hand edit of any of these tables.

use chrono::NaiveDate;
use rusqlite::{OptionalExtension, params};

use super::ledger::{Subject, restate};
use super::{Store, StoreError};
use crate::domain::rectify::{Calendar, Recheck};

pub const MIGRATION_SQL: &str = r#"
CREATE TABLE round_follow (
    round_id     INTEGER PRIMARY KEY REFERENCES rounds (id),
    issued       TEXT,      -- the bulletin's date (成文日期), YYYY-MM-DD
    rectify_days INTEGER,   -- 整改 window: working days after `issued`
    appeal_days  INTEGER,   -- appeal window: working days after `draft`
    draft        TEXT,      -- the draft's (征求意见稿) date; NULL: no draft
    final        TEXT,      -- when the round was made final after its draft
    snapshot     TEXT       -- JSON: the results of the first bulletin issued (what later ones diff)
);
CREATE TABLE rectifications (
    id         INTEGER PRIMARY KEY,
    round_id   INTEGER NOT NULL REFERENCES rounds (id),
    account_id INTEGER NOT NULL REFERENCES accounts (id),
    item       TEXT NOT NULL,
    result     TEXT CHECK (result IN ('rectified', 'partial', 'not_rectified')), -- NULL: 整改说明
    note       TEXT NOT NULL,
    evidence   TEXT NOT NULL,       -- JSON array of strings
    by_name    TEXT NOT NULL,       -- the unit's contact, or the evaluator who re-checked
    day        TEXT NOT NULL,       -- the date stated, YYYY-MM-DD
    at         TEXT NOT NULL        -- when recorded, RFC 3339 UTC
);
CREATE INDEX rectifications_round ON rectifications (round_id, account_id, item, id);
CREATE TABLE appeals (
    id         INTEGER PRIMARY KEY,
    round_id   INTEGER NOT NULL REFERENCES rounds (id),
    account_id INTEGER NOT NULL REFERENCES accounts (id),
    item       TEXT NOT NULL,
    reason     TEXT NOT NULL,
    evidence   TEXT NOT NULL,       -- JSON array of strings
    filed      TEXT NOT NULL,       -- YYYY-MM-DD
    at         TEXT NOT NULL,
    decision   TEXT CHECK (decision IN ('upheld', 'changed')),
    value      TEXT,                -- the changed value as the chair gave it
    rationale  TEXT,
    chair      TEXT,
    decided    TEXT,                -- YYYY-MM-DD
    outcome    TEXT                 -- JSON: the finding and total before and after
);
CREATE INDEX appeals_round ON appeals (round_id, id);
CREATE TABLE calendar_days (
    day     TEXT PRIMARY KEY,                        -- YYYY-MM-DD
    workday INTEGER NOT NULL CHECK (workday IN (0, 1)), -- 0: holiday; 1: make-up working day
    note    TEXT NOT NULL DEFAULT ''
);
"#;

/// A round's follow-up settings; `None` where the office has not said.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Follow {
    pub issued: Option<NaiveDate>,
    pub rectify_days: Option<u32>,
    pub appeal_days: Option<u32>,
    pub draft: Option<NaiveDate>,
    pub final_on: Option<NaiveDate>,
    pub snapshot: Option<String>,
}

/// One stored follow-up record of a finding.
#[derive(Debug, Clone, PartialEq)]
pub struct Rectification {
    pub id: i64,
    pub account_id: i64,
    pub item: String,
    /// `None`: the unit's 整改说明; `Some`: a re-check.
    pub result: Option<Recheck>,
    pub note: String,
    pub evidence: Vec<String>,
    pub by: String,
    pub day: NaiveDate,
    pub at: String,
}

/// One stored appeal.
#[derive(Debug, Clone, PartialEq)]
pub struct Appeal {
    pub id: i64,
    pub round_id: i64,
    pub account_id: i64,
    pub item: String,
    pub reason: String,
    pub evidence: Vec<String>,
    pub filed: NaiveDate,
    pub at: String,
    pub decision: Option<Decision>,
}

/// The chair's decision on an appeal.
#[derive(Debug, Clone, PartialEq)]
pub struct Decision {
    /// `None`: upheld (the finding stands); `Some`: changed to this value.
    pub changed: Option<String>,
    pub rationale: String,
    pub chair: String,
    pub day: NaiveDate,
    /// JSON: the finding and the account's total before and after.
    pub outcome: String,
}

fn date(s: Option<String>) -> Option<NaiveDate> {
    s.and_then(|d| NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok())
}

fn list(s: &str) -> Vec<String> {
    serde_json::from_str(s).unwrap_or_default()
}

fn json(xs: &[String]) -> String {
    serde_json::to_string(xs).unwrap_or_else(|_| "[]".into())
}

impl Store {
    /// The round's follow-up settings (all `None` when none were set).
    pub fn follow(&self, round_id: i64) -> Result<Follow, StoreError> {
        let row = self
            .conn
            .query_row(
                "SELECT issued, rectify_days, appeal_days, draft, final, snapshot
                 FROM round_follow WHERE round_id = ?1",
                [round_id],
                |r| {
                    Ok(Follow {
                        issued: date(r.get(0)?),
                        rectify_days: r.get::<_, Option<i64>>(1)?.map(|n| n as u32),
                        appeal_days: r.get::<_, Option<i64>>(2)?.map(|n| n as u32),
                        draft: date(r.get(3)?),
                        final_on: date(r.get(4)?),
                        snapshot: r.get(5)?,
                    })
                },
            )
            .optional()?;
        Ok(row.unwrap_or_default())
    }

    /// Stores the round's follow-up settings (replacing the previous ones), in the ledger.
    pub fn set_follow(&mut self, round_id: i64, f: &Follow) -> Result<(), StoreError> {
        let tx = super::tx::write_tx(&mut self.conn)?;
        tx.execute(
            "INSERT INTO round_follow (round_id, issued, rectify_days, appeal_days, draft, final, snapshot)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
             ON CONFLICT (round_id) DO UPDATE SET issued = ?2, rectify_days = ?3,
                 appeal_days = ?4, draft = ?5, final = ?6, snapshot = ?7",
            params![
                round_id,
                f.issued.map(|d| d.to_string()),
                f.rectify_days.map(i64::from),
                f.appeal_days.map(i64::from),
                f.draft.map(|d| d.to_string()),
                f.final_on.map(|d| d.to_string()),
                f.snapshot,
            ],
        )?;
        restate(&tx, &Subject::Follow(round_id))?;
        tx.commit()?;
        Ok(())
    }

    /// Appends a unit's 整改说明 (`result` `None`) or a re-check; returns its id.
    pub fn add_rectification(
        &mut self,
        round_id: i64,
        r: &Rectification,
    ) -> Result<i64, StoreError> {
        let tx = super::tx::write_tx(&mut self.conn)?;
        tx.execute(
            "INSERT INTO rectifications (round_id, account_id, item, result, note, evidence, by_name, day, at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            params![
                round_id,
                r.account_id,
                r.item,
                r.result.map(Recheck::code),
                r.note,
                json(&r.evidence),
                r.by,
                r.day.to_string(),
                super::now(),
            ],
        )?;
        let id = tx.last_insert_rowid();
        restate(&tx, &Subject::Follow(round_id))?;
        tx.commit()?;
        Ok(id)
    }

    /// Every follow-up record of the round, in the order recorded.
    pub fn rectifications(&self, round_id: i64) -> Result<Vec<Rectification>, StoreError> {
        let mut st = self.conn.prepare_cached(
            "SELECT id, account_id, item, result, note, evidence, by_name, day, at
             FROM rectifications WHERE round_id = ?1 ORDER BY id",
        )?;
        let rows = st.query_map([round_id], |r| {
            Ok(Rectification {
                id: r.get(0)?,
                account_id: r.get(1)?,
                item: r.get(2)?,
                result: r
                    .get::<_, Option<String>>(3)?
                    .and_then(|s| Recheck::parse(&s)),
                note: r.get(4)?,
                evidence: list(&r.get::<_, String>(5)?),
                by: r.get(6)?,
                day: date(r.get(7)?).unwrap_or_default(),
                at: r.get(8)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Files an appeal; returns its id.
    pub fn file_appeal(&mut self, a: &Appeal) -> Result<i64, StoreError> {
        let tx = super::tx::write_tx(&mut self.conn)?;
        tx.execute(
            "INSERT INTO appeals (round_id, account_id, item, reason, evidence, filed, at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                a.round_id,
                a.account_id,
                a.item,
                a.reason,
                json(&a.evidence),
                a.filed.to_string(),
                super::now(),
            ],
        )?;
        let id = tx.last_insert_rowid();
        restate(&tx, &Subject::Follow(a.round_id))?;
        tx.commit()?;
        Ok(id)
    }

    /// Records the chair's decision on appeal `id` (once: a decided appeal is refused) and, for
    /// a changed finding, the chair's consensus on the appealed item (a history row, as
    /// [`Store::record_consensus`] writes it) — both in one transaction: if either write fails,
    /// neither is kept.
    pub fn decide_appeal(
        &mut self,
        id: i64,
        d: &Decision,
        consensus: Option<&super::Consensus>,
    ) -> Result<(), StoreError> {
        let tx = super::tx::write_tx(&mut self.conn)?;
        let (round_id, account_id, item): (i64, i64, String) = tx
            .query_row(
                "SELECT round_id, account_id, item FROM appeals WHERE id = ?1 AND decision IS NULL",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?
            .ok_or_else(|| StoreError::Invalid(format!("appeal {id} is decided or unknown")))?;
        if let Some(c) = consensus {
            let chair = super::scores::ensure_evaluator(&tx, &d.chair)?;
            super::chain::append_history(
                &tx,
                (round_id, account_id, chair),
                &format!("{}{item}", super::consensus::CONSENSUS_PREFIX),
                None,
                Some(super::consensus::consensus_json(c)),
                &super::now(),
            )?;
        }
        tx.execute(
            "UPDATE appeals SET decision = ?2, value = ?3, rationale = ?4, chair = ?5,
                 decided = ?6, outcome = ?7 WHERE id = ?1",
            params![
                id,
                if d.changed.is_some() {
                    "changed"
                } else {
                    "upheld"
                },
                d.changed,
                d.rationale,
                d.chair,
                d.day.to_string(),
                d.outcome,
            ],
        )?;
        restate(&tx, &Subject::Follow(round_id))?;
        tx.commit()?;
        Ok(())
    }

    /// Appeals of the round (every round: `None`), in the order filed.
    pub fn appeals(&self, round_id: Option<i64>) -> Result<Vec<Appeal>, StoreError> {
        let mut st = self.conn.prepare_cached(
            "SELECT id, round_id, account_id, item, reason, evidence, filed, at, decision, value,
                    rationale, chair, decided, outcome
             FROM appeals WHERE ?1 IS NULL OR round_id = ?1 ORDER BY id",
        )?;
        let rows = st.query_map([round_id], |r| {
            let decided: Option<String> = r.get(8)?;
            Ok(Appeal {
                id: r.get(0)?,
                round_id: r.get(1)?,
                account_id: r.get(2)?,
                item: r.get(3)?,
                reason: r.get(4)?,
                evidence: list(&r.get::<_, String>(5)?),
                filed: date(r.get(6)?).unwrap_or_default(),
                at: r.get(7)?,
                decision: match decided {
                    None => None,
                    Some(kind) => Some(Decision {
                        changed: (kind == "changed")
                            .then(|| r.get::<_, Option<String>>(9))
                            .transpose()?
                            .flatten(),
                        rationale: r.get::<_, Option<String>>(10)?.unwrap_or_default(),
                        chair: r.get::<_, Option<String>>(11)?.unwrap_or_default(),
                        day: date(r.get(12)?).unwrap_or_default(),
                        outcome: r.get::<_, Option<String>>(13)?.unwrap_or_default(),
                    }),
                },
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The calendar of holidays and make-up working days.
    pub fn calendar(&self) -> Result<Calendar, StoreError> {
        let mut st = self
            .conn
            .prepare_cached("SELECT day, workday FROM calendar_days ORDER BY day")?;
        let rows = st.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))?;
        let mut cal = Calendar::default();
        for row in rows {
            let (day, workday) = row?;
            if let Some(d) = date(Some(day)) {
                cal.days.insert(d, workday == 1);
            }
        }
        Ok(cal)
    }

    /// Sets days of the calendar (`true`: a make-up working day; `false`: a holiday), in the
    /// ledger; all or none.
    pub fn set_calendar(&mut self, days: &[(NaiveDate, bool, String)]) -> Result<(), StoreError> {
        let tx = super::tx::write_tx(&mut self.conn)?;
        for (day, workday, note) in days {
            tx.execute(
                "INSERT INTO calendar_days (day, workday, note) VALUES (?1, ?2, ?3)
                 ON CONFLICT (day) DO UPDATE SET workday = ?2, note = ?3",
                params![day.to_string(), i64::from(*workday), note],
            )?;
        }
        restate(&tx, &Subject::Calendar)?;
        tx.commit()?;
        Ok(())
    }
}
