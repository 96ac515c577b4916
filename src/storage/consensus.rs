//! The chair's consensus as stored: one history row `@consensus:INDICATOR` per reconciled item
//! (value, count or veto reason, rationale, chair), written by `assay panel reconcile` and the TUI's
//! reconciliation screen alike; and the round's sheets and open disagreement queue read back.

use std::collections::{HashMap, HashSet};

use super::{MergeWrite, Store, StoreError};
use crate::domain::agreement::Sheet;
use crate::domain::panel::{self, Disagreement, QueueRule};
use crate::domain::rubric::Rubric;

/// The history `indicator` of a consensus: `@consensus:INDICATOR`.
pub const CONSENSUS_PREFIX: &str = "@consensus:";

/// A consensus recorded by the chair for one item of one account.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Consensus {
    pub value: Option<f64>,
    /// The agreed number of instances of a deduction or bonus item (absent in older rows).
    #[serde(default)]
    pub count: Option<u32>,
    pub veto: Option<String>,
    pub rationale: String,
}

/// A stored consensus with where it belongs and who recorded it.
#[derive(Debug, Clone, PartialEq)]
pub struct ConsensusRow {
    pub account_id: i64,
    pub indicator: String,
    pub chair: String,
    pub at: String,
    pub consensus: Consensus,
}

/// The label items are named by in the queue: `PLATFORM:NAME`.
pub fn account_label(a: &crate::domain::account::Account) -> String {
    format!("{}:{}", a.platform.code(), a.name)
}

/// A consensus as its history row's `new` says it (JSON).
pub(super) fn consensus_json(c: &Consensus) -> String {
    serde_json::json!({
        "value": c.value, "count": c.count, "veto": c.veto, "rationale": c.rationale.trim(),
    })
    .to_string()
}

impl Store {
    /// Records the chair's consensus for one item (a history row; the chain keeps it).
    pub fn record_consensus(
        &mut self,
        round_id: i64,
        account_id: i64,
        chair: &str,
        indicator: &str,
        c: &Consensus,
    ) -> Result<(), StoreError> {
        let step = MergeWrite::Record {
            round_id,
            account_id,
            evaluator: chair.to_string(),
            indicator: format!("{CONSENSUS_PREFIX}{indicator}"),
            old: None,
            new: Some(consensus_json(c)),
        };
        self.apply_merge(&[step])?;
        Ok(())
    }

    /// Every consensus of the round, the latest per (account, indicator) last. Reads only the
    /// consensus rows (partial index `history_consensus`), never the round's whole history.
    pub fn consensus_rows(&self, round_id: i64) -> Result<Vec<ConsensusRow>, StoreError> {
        let r = (|| {
            let mut s = self.conn.prepare_cached(
                "SELECT h.account_id, h.indicator, ev.name, h.at, h.new
                 FROM history h JOIN evaluators ev ON ev.id = h.evaluator_id
                 WHERE h.round_id = ?1 AND substr(h.indicator, 1, 11) = '@consensus:'
                 ORDER BY h.id",
            )?;
            let rows = s.query_map([round_id], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, Option<String>>(4)?,
                ))
            })?;
            let mut out = Vec::new();
            for row in rows {
                let (account_id, indicator, chair, at, new) = row?;
                let Some(ind) = indicator.strip_prefix(CONSENSUS_PREFIX) else {
                    continue;
                };
                let Some(consensus) = new.and_then(|n| serde_json::from_str(&n).ok()) else {
                    continue;
                };
                out.push(ConsensusRow {
                    account_id,
                    indicator: ind.to_string(),
                    chair,
                    at,
                    consensus,
                });
            }
            Ok(out)
        })();
        r.map_err(|e| self.locked(e))
    }

    /// Every evaluator's sheet of the round, with the account's platform and level.
    pub fn panel_sheets(&self, round_id: i64) -> Result<Vec<Sheet>, StoreError> {
        let accounts: HashMap<i64, _> = self
            .round_accounts(round_id)?
            .into_iter()
            .map(|a| (a.id, a))
            .collect();
        let mut out: Vec<Sheet> = Vec::new();
        let mut key = (0, String::new());
        self.for_each_entry(round_id, &mut |e| {
            let Some(a) = accounts.get(&e.account_id) else {
                return;
            };
            if key != (e.account_id, e.evaluator.clone()) || out.is_empty() {
                key = (e.account_id, e.evaluator.clone());
                out.push(Sheet {
                    account: account_label(a),
                    platform: a.platform,
                    level: a.level,
                    evaluator: e.evaluator.clone(),
                    entries: Vec::new(),
                });
            }
            if let Some(s) = out.last_mut() {
                s.entries.push(e.entry);
            }
        })?;
        Ok(out)
    }

    /// The open disagreement queue (items without a consensus) and the reconciled count.
    pub fn open_queue(
        &self,
        round_id: i64,
        rubric: &Rubric,
        rule: &QueueRule,
    ) -> Result<(Vec<Disagreement>, usize), StoreError> {
        let sheets = self.panel_sheets(round_id)?;
        let labels: HashMap<i64, String> = self
            .round_accounts(round_id)?
            .iter()
            .map(|a| (a.id, account_label(a)))
            .collect();
        let done: HashSet<(String, String)> = self
            .consensus_rows(round_id)?
            .into_iter()
            .filter_map(|c| Some((labels.get(&c.account_id)?.clone(), c.indicator)))
            .collect();
        Ok(split_done(
            panel::queue(rule, panel::round_items(rubric, &sheets)),
            &done,
        ))
    }

    /// True when `name` is a chair of the round's panel.
    pub fn is_chair(&self, round_id: i64, name: &str) -> Result<bool, StoreError> {
        Ok(self
            .members(round_id)?
            .iter()
            .any(|m| m.role == "chair" && m.name == name))
    }
}

/// Drops the items already reconciled; returns the rest and how many were dropped.
pub fn split_done(
    all: Vec<Disagreement>,
    done: &HashSet<(String, String)>,
) -> (Vec<Disagreement>, usize) {
    let (closed, open): (Vec<_>, Vec<_>) = all
        .into_iter()
        .partition(|d| done.contains(&(d.item.account.clone(), d.item.indicator.clone())));
    (open, closed.len())
}
