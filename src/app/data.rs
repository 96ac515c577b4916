//! Data access for the TUI: the small trait the app reads and writes through and its
//! implementation on the real `Store` (the in-memory one for tests is in `mem_backend`).

use crate::domain::account::Account;
use crate::domain::entry::Entry;
use crate::domain::ops::report::OpsReport;
use crate::domain::panel::{Disagreement, QueueRule};
use crate::domain::rubric::Rubric;
use crate::report::SheetResult;
use crate::report::rectify_record::RecordError;
use crate::storage::{
    Consensus, ConsensusRow, Rectification, RoundProgress, Store, StoreError, Submission,
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
    /// Every round with its account count and `evaluator`'s progress (the round picker).
    fn round_progress(&self, evaluator: &str) -> Result<Vec<RoundProgress>, StoreError>;
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
    /// Whether the round's findings are published (a bulletin issued): only then are 整改说明
    /// and re-checks recorded. False for backends that keep no follow-up records.
    fn rectify_published(&self, _round: i64) -> Result<bool, StoreError> {
        Ok(false)
    }
    /// Records a unit's 整改说明 or a re-check of one finding through the checks and the one
    /// write of `assay rectify record|recheck`; returns the record's id.
    fn add_rectification(&mut self, _round: i64, _r: &Rectification) -> Result<i64, RecordError> {
        Err(RecordError::Store(StoreError::Invalid(
            "rectification records are kept in a database only; open one with --db".into(),
        )))
    }

    /// A stamp of the database's content (see [`crate::storage::DataStamp`]): a result computed
    /// under a stamp still holds while the stamp is unchanged. `None`: no way to tell, so
    /// nothing is kept on its strength.
    fn data_stamp(&self) -> Option<crate::storage::DataStamp> {
        None
    }
    /// The summary top step kept for the round, viewer and language under the content now
    /// (see `storage::summary_tops`); `None` when there is none (or no database).
    fn summary_top(&self, _round: i64, _viewer: &str, _lang: crate::i18n::Lang) -> Option<String> {
        None
    }
}

/// The rectification screen's rows and the round's 整改 deadline.
pub type Tracked = (
    Vec<crate::report::rectify::Tracked>,
    Option<chrono::NaiveDate>,
);

impl Backend for Store {
    fn data_stamp(&self) -> Option<crate::storage::DataStamp> {
        Store::data_stamp(self).ok()
    }

    fn summary_top(&self, round: i64, viewer: &str, lang: crate::i18n::Lang) -> Option<String> {
        let version = super::summary::top::version();
        let key = crate::storage::TopKey {
            round,
            viewer,
            lang: lang.code(),
            version: &version,
        };
        Store::summary_top(self, key)
            .inspect_err(|e| tracing::warn!("the kept summary top does not read: {e}"))
            .ok()
            .flatten()
    }

    fn rectify_published(&self, round: i64) -> Result<bool, StoreError> {
        crate::report::rectify_record::published(self, round)
    }

    fn add_rectification(&mut self, round: i64, r: &Rectification) -> Result<i64, RecordError> {
        let round = self.round(&round.to_string())?;
        crate::report::rectify_record::add(self, &round, r)
    }

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

    fn round_progress(&self, evaluator: &str) -> Result<Vec<RoundProgress>, StoreError> {
        Store::round_progress(self, evaluator)
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
        let mut sheets = self.kept_sheet_results(round)?;
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
