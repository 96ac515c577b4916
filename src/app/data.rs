//! Data access for the TUI: the small trait the app reads and writes through, its implementation
//! on the real `Store`, and an in-memory implementation for tests and benchmarks.

use std::collections::{BTreeMap, HashMap};

use crate::domain::account::Account;
use crate::domain::agreement::Sheet;
use crate::domain::entry::Entry;
use crate::domain::ops::report::OpsReport;
use crate::domain::panel::{self, Disagreement, QueueRule};
use crate::domain::rubric::Rubric;
use crate::report::{SheetFigures, SheetResult};
use crate::storage::{
    Consensus, ConsensusRow, Store, StoreError, Submission, account_label, split_done,
};

/// What the TUI needs from storage. Every write is its own transaction with history.
pub trait Backend {
    /// Calls `f(account_id, entry)` for every entry of `evaluator` in the round.
    fn each_entry(
        &self,
        round: i64,
        evaluator: &str,
        f: &mut dyn FnMut(i64, Entry),
    ) -> Result<(), StoreError>;
    fn entries(&self, round: i64, account: i64, evaluator: &str) -> Result<Vec<Entry>, StoreError>;
    fn set_entry(
        &mut self,
        round: i64,
        account: i64,
        evaluator: &str,
        entry: &Entry,
    ) -> Result<(), StoreError>;
    fn clear_entry(
        &mut self,
        round: i64,
        account: i64,
        evaluator: &str,
        indicator: &str,
    ) -> Result<(), StoreError>;
    fn submitted(&self, round: i64, account: i64, evaluator: &str) -> Result<bool, StoreError>;
    /// The automatic entries `assay ops auto` placed in this sheet (none by default).
    fn auto_placed(
        &self,
        _round: i64,
        _account: i64,
        _evaluator: &str,
    ) -> Result<Vec<Entry>, StoreError> {
        Ok(Vec::new())
    }
    /// Every account whose sheet `evaluator` has submitted in the round.
    fn submitted_accounts(&self, round: i64, evaluator: &str) -> Result<Vec<i64>, StoreError>;
    fn set_submitted(
        &mut self,
        round: i64,
        account: i64,
        evaluator: &str,
        on: bool,
    ) -> Result<(), StoreError>;
    /// Every evaluator's sheet results in the round (what the summary aggregates). The store
    /// reads its kept results; `rubric` and `accounts` serve backends that score on the fly.
    fn round_sheets(
        &mut self,
        round: i64,
        rubric: &Rubric,
        accounts: &[Account],
    ) -> Result<Vec<SheetResult>, StoreError>;
    /// The round's open disagreement queue (the one `assay panel queue` shows) and how many
    /// items are reconciled already.
    fn open_queue(
        &self,
        round: i64,
        rubric: &Rubric,
        accounts: &[Account],
        rule: &QueueRule,
    ) -> Result<(Vec<Disagreement>, usize), StoreError>;
    /// True when `name` chairs the round's panel.
    fn is_chair(&self, round: i64, name: &str) -> Result<bool, StoreError>;
    /// Every consensus the chair recorded in the round, oldest first (the latest per item
    /// counts).
    fn consensus_rows(&self, round: i64) -> Result<Vec<ConsensusRow>, StoreError>;
    /// Records the chair's consensus for one item (kept in the history).
    fn record_consensus(
        &mut self,
        round: i64,
        account: i64,
        chair: &str,
        indicator: &str,
        consensus: &Consensus,
    ) -> Result<(), StoreError>;
    /// The round's panel settings (method, quorum, veto across the panel); backends without
    /// stored settings use the default (mean, quorum 1, any veto).
    fn panel_policy(&self, _round: i64) -> Result<crate::domain::panel::PanelPolicy, StoreError> {
        Ok(crate::domain::panel::PanelPolicy::default())
    }
    /// True when the round is a calibration round; never by default.
    fn is_calibration(&self, _round: i64) -> Result<bool, StoreError> {
        Ok(false)
    }
    /// The round's per-category methods `(category id, method)`; none by default.
    fn category_methods(
        &self,
        _round: i64,
    ) -> Result<Vec<(String, crate::domain::panel::Method)>, StoreError> {
        Ok(Vec::new())
    }
    /// How `evaluator` views the round under blind scoring: `None` when the round declares no
    /// panel (everyone sees every sheet, as before panels), else chair or evaluator.
    fn viewer(
        &self,
        _round: i64,
        _evaluator: &str,
    ) -> Result<Option<crate::domain::panel::Viewer>, StoreError> {
        Ok(None)
    }
    /// The round's operations report with weekly series, `None` without metrics (the default:
    /// backends that hold no metrics).
    fn round_ops(
        &mut self,
        _round: i64,
        _accounts: &[Account],
    ) -> Result<Option<OpsReport>, StoreError> {
        Ok(None)
    }
    /// The round's findings with their 整改 status on `on`, and the round's deadline; `None`
    /// for backends that keep no follow-up records (the default).
    fn rectify_rows(
        &mut self,
        _round: i64,
        _on: chrono::NaiveDate,
    ) -> Result<Option<Tracked>, StoreError> {
        Ok(None)
    }
}

/// The rectification screen's rows and the round's 整改 deadline.
pub type Tracked = (
    Vec<crate::report::rectify::Tracked>,
    Option<chrono::NaiveDate>,
);

impl Backend for Store {
    fn rectify_rows(
        &mut self,
        round: i64,
        on: chrono::NaiveDate,
    ) -> Result<Option<Tracked>, StoreError> {
        let round = self.round(&round.to_string())?;
        match crate::report::rectify::round_tracked(self, &round, on) {
            Ok(t) => Ok(Some(t)),
            Err(crate::report::source::SourceError::Store(e)) => Err(e),
            Err(e) => Err(StoreError::Invalid(e.to_string())),
        }
    }

    fn viewer(
        &self,
        round: i64,
        evaluator: &str,
    ) -> Result<Option<crate::domain::panel::Viewer>, StoreError> {
        self.blind_viewer(round, Some(evaluator))
    }

    fn category_methods(
        &self,
        round: i64,
    ) -> Result<Vec<(String, crate::domain::panel::Method)>, StoreError> {
        Store::category_methods(self, round)
    }

    fn is_calibration(&self, round: i64) -> Result<bool, StoreError> {
        Store::is_calibration(self, round)
    }

    fn panel_policy(&self, round: i64) -> Result<crate::domain::panel::PanelPolicy, StoreError> {
        let p = Store::panel_policy(self, round)?;
        p.check().map_err(|e| StoreError::Invalid(e.to_string()))?;
        Ok(p)
    }

    fn round_ops(
        &mut self,
        round: i64,
        accounts: &[Account],
    ) -> Result<Option<OpsReport>, StoreError> {
        Store::round_ops(self, round, accounts)
    }

    fn each_entry(
        &self,
        round: i64,
        evaluator: &str,
        f: &mut dyn FnMut(i64, Entry),
    ) -> Result<(), StoreError> {
        // Lean scan of this evaluator's judgements: notes and links load with the account.
        self.for_each_sheet_of(round, evaluator, &mut |account, sheet| {
            for e in sheet {
                f(account, e.clone());
            }
        })
    }

    fn entries(&self, round: i64, account: i64, evaluator: &str) -> Result<Vec<Entry>, StoreError> {
        let rows = Store::entries(self, round, account, Some(evaluator))?;
        Ok(rows.into_iter().map(|s| s.entry).collect())
    }

    fn auto_placed(
        &self,
        round: i64,
        account: i64,
        evaluator: &str,
    ) -> Result<Vec<Entry>, StoreError> {
        Store::auto_placed(self, round, account, evaluator)
    }

    fn set_entry(
        &mut self,
        round: i64,
        account: i64,
        evaluator: &str,
        entry: &Entry,
    ) -> Result<(), StoreError> {
        Store::set_entry(self, round, account, evaluator, entry)
    }

    fn clear_entry(
        &mut self,
        round: i64,
        account: i64,
        evaluator: &str,
        indicator: &str,
    ) -> Result<(), StoreError> {
        Store::clear_entry(self, round, account, evaluator, indicator)
    }

    fn submitted(&self, round: i64, account: i64, evaluator: &str) -> Result<bool, StoreError> {
        Ok(self.submission(round, account, evaluator)? == Submission::Submitted)
    }

    fn submitted_accounts(&self, round: i64, evaluator: &str) -> Result<Vec<i64>, StoreError> {
        Store::submitted_accounts(self, round, evaluator)
    }

    fn set_submitted(
        &mut self,
        round: i64,
        account: i64,
        evaluator: &str,
        on: bool,
    ) -> Result<(), StoreError> {
        let state = if on {
            Submission::Submitted
        } else {
            Submission::Draft
        };
        self.set_submission(round, account, evaluator, state)
    }

    fn round_sheets(
        &mut self,
        round: i64,
        rubric: &Rubric,
        accounts: &[Account],
    ) -> Result<Vec<SheetResult>, StoreError> {
        let mut sheets: Vec<SheetResult> = self
            .kept_sheets(round)?
            .into_iter()
            .filter_map(|(a, ev, submitted, f)| f.into_sheet(a, ev, submitted))
            .collect();
        // The consensus counts here as in every report; own points are shown by the CLI only.
        crate::report::agreed::apply_stored(self, round, rubric, accounts, &mut sheets)?;
        Ok(sheets)
    }

    fn open_queue(
        &self,
        round: i64,
        rubric: &Rubric,
        _accounts: &[Account],
        rule: &QueueRule,
    ) -> Result<(Vec<Disagreement>, usize), StoreError> {
        Store::open_queue(self, round, rubric, rule)
    }

    fn is_chair(&self, round: i64, name: &str) -> Result<bool, StoreError> {
        Store::is_chair(self, round, name)
    }

    fn consensus_rows(&self, round: i64) -> Result<Vec<ConsensusRow>, StoreError> {
        Store::consensus_rows(self, round)
    }

    fn record_consensus(
        &mut self,
        round: i64,
        account: i64,
        chair: &str,
        indicator: &str,
        consensus: &Consensus,
    ) -> Result<(), StoreError> {
        Store::record_consensus(self, round, account, chair, indicator, consensus)
    }
}

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
