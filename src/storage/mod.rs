//! The only module that speaks SQLite: opening (WAL, foreign keys, refusal of newer databases),
//! append-only migrations, and typed queries for accounts, rounds, evaluators, scores and history.

mod error;
pub mod metrics;

pub use error::StoreError;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::domain::account::Account;
use crate::domain::entry::Entry;
use crate::domain::platform::{Level, Platform};

/// An open database.
pub struct Store {
    conn: rusqlite::Connection,
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

// The contract other modules build on. Bodies are filled in by the storage work.
impl Store {
    /// Opens (creating if missing) a database file: refuses one written by a newer program
    /// without modifying it, then enables WAL and foreign keys and applies pending migrations.
    pub fn open(path: &std::path::Path) -> Result<Store, StoreError> {
        todo!("{path:?}")
    }

    /// A fresh in-memory database with the full schema (tests).
    pub fn open_in_memory() -> Result<Store, StoreError> {
        todo!()
    }

    /// Inserts accounts in one transaction: all or nothing. A duplicate (platform, name), in the
    /// batch or already stored, fails the whole batch with a message naming it.
    pub fn insert_accounts(&mut self, accounts: &[Account]) -> Result<Vec<i64>, StoreError> {
        todo!("{}", accounts.len())
    }

    pub fn list_accounts(&self, filter: &AccountFilter) -> Result<Vec<Account>, StoreError> {
        todo!("{filter:?}")
    }

    pub fn account(&self, id: i64) -> Result<Account, StoreError> {
        todo!("{id}")
    }

    /// Finds an account by id, by exact name when unique, or by `platform:name`.
    pub fn find_account(&self, key: &str) -> Result<Account, StoreError> {
        todo!("{key}")
    }

    /// Creates a round, pins the rubric text and its SHA-256, and fixes its accounts from the scope.
    pub fn create_round(&mut self, new: &NewRound) -> Result<Round, StoreError> {
        todo!("{}", new.name)
    }

    pub fn rounds(&self) -> Result<Vec<Round>, StoreError> {
        todo!()
    }

    /// A round by id or by name.
    pub fn round(&self, key: &str) -> Result<Round, StoreError> {
        todo!("{key}")
    }

    /// The accounts in a round's scope, in id order.
    pub fn round_accounts(&self, round_id: i64) -> Result<Vec<Account>, StoreError> {
        todo!("{round_id}")
    }

    /// The id of an evaluator, created on first use.
    pub fn evaluator_id(&mut self, name: &str) -> Result<i64, StoreError> {
        todo!("{name}")
    }

    /// Evaluators with at least one entry in the round.
    pub fn round_evaluators(&self, round_id: i64) -> Result<Vec<String>, StoreError> {
        todo!("{round_id}")
    }

    /// Saves one entry (insert or replace) and its history row in one transaction.
    pub fn set_entry(
        &mut self,
        round_id: i64,
        account_id: i64,
        evaluator: &str,
        entry: &Entry,
    ) -> Result<(), StoreError> {
        todo!("{round_id}{account_id}{evaluator}{entry:?}")
    }

    /// Removes one entry, recording the removal in the history, in one transaction.
    pub fn clear_entry(
        &mut self,
        round_id: i64,
        account_id: i64,
        evaluator: &str,
        indicator: &str,
    ) -> Result<(), StoreError> {
        todo!("{round_id}{account_id}{evaluator}{indicator}")
    }

    /// Entries for one account in a round, of one evaluator or of all.
    pub fn entries(
        &self,
        round_id: i64,
        account_id: i64,
        evaluator: Option<&str>,
    ) -> Result<Vec<StoredEntry>, StoreError> {
        todo!("{round_id}{account_id}{evaluator:?}")
    }

    /// Streams every entry of a round ordered by account, evaluator, indicator.
    pub fn for_each_entry(
        &self,
        round_id: i64,
        f: &mut dyn FnMut(StoredEntry),
    ) -> Result<(), StoreError> {
        let _ = f;
        todo!("{round_id}")
    }

    /// Bulk insert for generators and sample loading: one transaction, prepared statements, no
    /// history rows (the data is not anyone's edit).
    pub fn bulk_entries(
        &mut self,
        round_id: i64,
        rows: &mut dyn Iterator<Item = (i64, i64, Entry)>,
    ) -> Result<u64, StoreError> {
        let _ = rows;
        todo!("{round_id}")
    }

    pub fn history(
        &self,
        round_id: i64,
        account_id: Option<i64>,
    ) -> Result<Vec<HistoryRow>, StoreError> {
        todo!("{round_id}{account_id:?}")
    }

    pub fn set_submission(
        &mut self,
        round_id: i64,
        account_id: i64,
        evaluator: &str,
        state: Submission,
    ) -> Result<(), StoreError> {
        todo!("{round_id}{account_id}{evaluator}{state:?}")
    }

    pub fn submission(
        &self,
        round_id: i64,
        account_id: i64,
        evaluator: &str,
    ) -> Result<Submission, StoreError> {
        todo!("{round_id}{account_id}{evaluator}")
    }
}
