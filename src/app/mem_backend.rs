//! The in-memory [`Backend`] for tests and benchmarks: entries, submissions, chairs and
//! consensus kept in maps, a write log, and a count of writes refused as if the database were
//! locked.

use std::collections::{BTreeMap, HashMap};

use super::data::Backend;
use crate::domain::account::Account;
use crate::domain::agreement::Sheet;
use crate::domain::entry::Entry;
use crate::domain::ops::report::OpsReport;
use crate::domain::panel::{self, Disagreement, QueueRule};
use crate::domain::rubric::Rubric;
use crate::report::{SheetFigures, SheetResult};
use crate::storage::{
    Consensus, ConsensusRow, RoundProgress, StoreError, account_label, split_done,
};

/// Entries kept in memory, keyed by (round, account, evaluator) then indicator.
#[derive(Debug, Default, Clone)]
pub struct MemBackend {
    pub entries: HashMap<(i64, i64, String), BTreeMap<String, Entry>>,
    pub submitted: HashMap<(i64, i64, String), bool>,
    /// Every write, in order, as (account, indicator, Some(entry) or None for a clear).
    pub log: Vec<(i64, String, Option<Entry>)>,
    /// (round, name) of each panel chair.
    pub chairs: Vec<(i64, String)>,
    /// Recorded consensus: (round, account, chair, indicator, consensus).
    pub consensus: Vec<(i64, i64, String, String, Consensus)>,
    /// The operations report `round_ops` answers with (`None`: no metrics).
    pub ops: Option<OpsReport>,
    /// The next this many writes are refused as if another program held the lock.
    pub locked: u32,
    /// The rounds and progress the round picker lists.
    pub rounds: Vec<RoundProgress>,
}

impl MemBackend {
    /// A write refused while [`MemBackend::locked`] counts down.
    fn lock_out(&mut self) -> Result<(), StoreError> {
        if self.locked > 0 {
            self.locked -= 1;
            return Err(StoreError::Locked {
                path: "test.db".into(),
            });
        }
        Ok(())
    }
}

impl Backend for MemBackend {
    fn round_ops(
        &mut self,
        _round: i64,
        _accounts: &[Account],
    ) -> Result<Option<OpsReport>, StoreError> {
        Ok(self.ops.clone())
    }

    fn each_entry(
        &self,
        round: i64,
        evaluator: &str,
        f: &mut dyn FnMut(i64, Entry),
    ) -> Result<(), StoreError> {
        let mut keys: Vec<_> = self
            .entries
            .keys()
            .filter(|k| k.0 == round && k.2 == evaluator)
            .collect();
        keys.sort();
        for k in keys {
            for e in self.entries[k].values() {
                f(k.1, e.clone());
            }
        }
        Ok(())
    }

    fn entries(&self, round: i64, account: i64, evaluator: &str) -> Result<Vec<Entry>, StoreError> {
        let key = (round, account, evaluator.to_string());
        Ok(self
            .entries
            .get(&key)
            .map(|m| m.values().cloned().collect())
            .unwrap_or_default())
    }

    fn set_entry(
        &mut self,
        round: i64,
        account: i64,
        evaluator: &str,
        entry: &Entry,
    ) -> Result<(), StoreError> {
        self.lock_out()?;
        let key = (round, account, evaluator.to_string());
        let map = self.entries.entry(key).or_default();
        map.insert(entry.indicator.clone(), entry.clone());
        self.log
            .push((account, entry.indicator.clone(), Some(entry.clone())));
        Ok(())
    }

    fn clear_entry(
        &mut self,
        round: i64,
        account: i64,
        evaluator: &str,
        indicator: &str,
    ) -> Result<(), StoreError> {
        self.lock_out()?;
        let key = (round, account, evaluator.to_string());
        if let Some(m) = self.entries.get_mut(&key) {
            m.remove(indicator);
        }
        self.log.push((account, indicator.to_string(), None));
        Ok(())
    }

    fn submitted(&self, round: i64, account: i64, evaluator: &str) -> Result<bool, StoreError> {
        let key = (round, account, evaluator.to_string());
        Ok(self.submitted.get(&key).copied().unwrap_or(false))
    }

    fn round_progress(&self, _evaluator: &str) -> Result<Vec<RoundProgress>, StoreError> {
        Ok(self.rounds.clone())
    }

    fn submitted_accounts(&self, round: i64, evaluator: &str) -> Result<Vec<i64>, StoreError> {
        let mut ids: Vec<i64> = (self.submitted.iter())
            .filter(|(k, on)| **on && k.0 == round && k.2 == evaluator)
            .map(|(k, _)| k.1)
            .collect();
        ids.sort_unstable();
        Ok(ids)
    }

    fn set_submitted(
        &mut self,
        round: i64,
        account: i64,
        evaluator: &str,
        on: bool,
    ) -> Result<(), StoreError> {
        self.submitted
            .insert((round, account, evaluator.to_string()), on);
        Ok(())
    }

    fn round_sheets(
        &mut self,
        round: i64,
        rubric: &Rubric,
        accounts: &[Account],
    ) -> Result<Vec<SheetResult>, StoreError> {
        let kinds: HashMap<i64, &Account> = accounts.iter().map(|a| (a.id, a)).collect();
        let mut keys: Vec<_> = self.entries.keys().filter(|k| k.0 == round).collect();
        keys.sort();
        Ok(keys
            .into_iter()
            .filter_map(|k| {
                let a = kinds.get(&k.1)?;
                let es: Vec<Entry> = self.entries[k].values().cloned().collect();
                let o = crate::domain::engine::score_totals(rubric, a.platform, a.level, &es);
                let submitted = self.submitted.get(k).copied().unwrap_or(false);
                SheetFigures::of(&o).into_sheet(k.1, k.2.clone(), submitted)
            })
            .collect())
    }

    fn open_queue(
        &self,
        round: i64,
        rubric: &Rubric,
        accounts: &[Account],
        rule: &QueueRule,
    ) -> Result<(Vec<Disagreement>, usize), StoreError> {
        let mut keys: Vec<_> = self.entries.keys().filter(|k| k.0 == round).collect();
        keys.sort();
        let sheets: Vec<Sheet> = keys
            .into_iter()
            .filter_map(|k| {
                let a = accounts.iter().find(|a| a.id == k.1)?;
                Some(Sheet {
                    account: account_label(a),
                    platform: a.platform,
                    level: a.level,
                    evaluator: k.2.clone(),
                    entries: self.entries[k].values().cloned().collect(),
                })
            })
            .collect();
        let done = (self.consensus.iter())
            .filter(|c| c.0 == round)
            .filter_map(|c| {
                let a = accounts.iter().find(|a| a.id == c.1)?;
                Some((account_label(a), c.3.clone()))
            })
            .collect();
        let all = panel::queue(rule, panel::round_items(rubric, &sheets));
        Ok(split_done(all, &done))
    }

    fn is_chair(&self, round: i64, name: &str) -> Result<bool, StoreError> {
        Ok(self.chairs.iter().any(|c| c.0 == round && c.1 == name))
    }

    fn consensus_rows(&self, round: i64) -> Result<Vec<ConsensusRow>, StoreError> {
        Ok((self.consensus.iter())
            .filter(|c| c.0 == round)
            .enumerate()
            .map(|(i, c)| ConsensusRow {
                account_id: c.1,
                indicator: c.3.clone(),
                chair: c.2.clone(),
                // One minute apart from a fixed morning, in UTC as the store keeps it.
                at: format!("2024-12-16T02:{:02}:00Z", i % 60),
                consensus: c.4.clone(),
            })
            .collect())
    }

    fn record_consensus(
        &mut self,
        round: i64,
        account: i64,
        chair: &str,
        indicator: &str,
        consensus: &Consensus,
    ) -> Result<(), StoreError> {
        self.consensus.push((
            round,
            account,
            chair.to_string(),
            indicator.to_string(),
            consensus.clone(),
        ));
        Ok(())
    }
}
