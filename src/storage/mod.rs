//! The only module that speaks SQLite: opening (WAL, foreign keys, refusal of foreign, damaged
//! and newer files), append-only migrations, IMMEDIATE write transactions, the hash-chained
//! history and its audit, and typed queries for accounts, rounds, evaluators, scores and history.

mod accounts;
mod audit;
mod auto_entries;
mod backup;
mod calibration;
mod chain;
mod chain_backfill;
mod consensus;
mod corrections;
mod error;
mod error_zh;
mod findings;
mod follow;
mod history;
mod identity;
mod join;
mod kept;
mod kept_read;
mod ledger;
mod ledger_audit;
mod lock;
pub mod metric_import;
pub mod metrics;
mod migrations;
mod open;
mod ops_index;
mod ops_records;
mod ops_roster;
pub mod ops_scan;
mod ops_verify;
mod panel;
mod panel_keys;
mod panel_rules;
mod panel_settings;
mod post_weeks;
mod progress;
mod round_documents;
mod rounds;
mod scan;
mod scores;
mod split;
mod stamp;
mod summary_tops;
mod tx;
pub use split::read_parts;
pub use stamp::DataStamp;
pub use summary_tops::{COUNTED, KeptTop, NOT_COUNTED, SHARED_VIEW, TopKey};

pub use audit::{Audit, Finding, RoundAudit};
pub use auto_entries::AutoRecord;
pub use chain::BULK_INDICATOR;
pub use consensus::{CONSENSUS_PREFIX, Consensus, ConsensusRow, account_label, split_done};
pub use corrections::{AccountUpdate, FieldChange, RoundDeletion};
pub use error::{StoreError, Why};
pub use follow::{Appeal, Decision, Follow, Rectification};
pub use join::{Join, Joined, joined_scope};
pub use kept_read::{KeptRow, SheetContext};
pub use lock::Reopen;
pub use migrations::APPLICATION_ID;
pub use migrations::{MIGRATIONS, Migration, SCHEMA_VERSION};
pub use open::TUI_BUSY_TIMEOUT;
pub use panel::{CARRIED_PREFIX, EntryWrite, MergeWrite};
pub use panel_keys::{PanelKey, RoundSource};
pub use panel_rules::ConsensusMap;
pub use panel_settings::{Member, PanelConfig};
pub use progress::RoundProgress;
pub use round_documents::RoundDocument;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::path::Path;

use crate::domain::entry::Entry;
use crate::domain::platform::{Level, Platform};

/// An open database.
pub struct Store {
    conn: rusqlite::Connection,
    /// The file path (`:memory:` for in-memory databases), for messages such as "locked".
    path: std::path::PathBuf,
}

/// Filters for account listings and round scopes. Empty vectors / `None` mean "any".
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AccountFilter {
    pub levels: Vec<Level>,
    pub platforms: Vec<Platform>,
    /// Whole-segment region prefix, e.g. 浙江省/丽水市.
    pub region: Option<String>,
    pub domain: Option<String>,
    /// Substring of the name or host unit.
    pub text: Option<String>,
}

/// A round as stored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Round {
    pub id: i64,
    pub name: String,
    pub rubric_id: String,
    pub rubric_version: String,
    /// The exact RON text the round is pinned to.
    #[serde(skip_serializing)]
    pub rubric_text: String,
    /// SHA-256 of `rubric_text`, hex.
    pub rubric_hash: String,
    pub monitoring_date: NaiveDate,
    pub scope: AccountFilter,
    pub created_at: String,
}

/// What `create_round` needs.
#[derive(Debug, Clone)]
pub struct NewRound {
    pub name: String,
    pub rubric_id: String,
    pub rubric_version: String,
    pub rubric_text: String,
    pub monitoring_date: NaiveDate,
    pub scope: AccountFilter,
}

/// One stored entry with who made it and when.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoredEntry {
    pub account_id: i64,
    pub evaluator: String,
    pub entry: Entry,
    pub updated_at: String,
}

/// One row of the append-only change history.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HistoryRow {
    pub id: i64,
    pub round_id: i64,
    pub account_id: i64,
    pub evaluator: String,
    pub indicator: String,
    /// JSON of the entry before (null when new) and after (null when cleared).
    pub old: Option<String>,
    pub new: Option<String>,
    pub at: String,
}

/// Progress of one evaluator on one account.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Submission {
    Draft,
    Submitted,
}

impl Submission {
    /// Stable code stored in the database and shown in JSON.
    pub fn code(self) -> &'static str {
        match self {
            Submission::Draft => "draft",
            Submission::Submitted => "submitted",
        }
    }

    pub fn parse(s: &str) -> Option<Submission> {
        match s.trim() {
            "draft" => Some(Submission::Draft),
            "submitted" => Some(Submission::Submitted),
            _ => None,
        }
    }
}

/// The `indicator` written in history rows that record a change of submission state
/// (old/new hold the JSON string of [`Submission::code`]). Rubric ids never start with `@`.
pub const SUBMISSION_INDICATOR: &str = "@submission";

impl Store {
    /// The database file (`:memory:` for an in-memory database).
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Turns SQLITE_BUSY / SQLITE_LOCKED into [`StoreError::Locked`] naming this database.
    fn locked(&self, e: StoreError) -> StoreError {
        error::map_locked(e, &self.path)
    }
}

/// Now, as RFC 3339 UTC with second precision (2024-05-01T08:30:00Z).
fn now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

#[cfg(test)]
mod tests;
