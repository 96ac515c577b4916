//! Storage errors, with messages that say what to do.

use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error(
        "database {path} was written by a newer assay (schema {found}, this program knows up to {supported}); upgrade assay — the file was left untouched"
    )]
    TooNew {
        path: PathBuf,
        found: i64,
        supported: i64,
    },
    #[error("database {path} is locked by another program; close it and try again")]
    Locked { path: PathBuf },
    #[error("cannot open database {path}: {source}")]
    Open {
        path: PathBuf,
        source: rusqlite::Error,
    },
    #[error(
        "cannot create the folder {path} for the database: {source}; check the path and its permissions"
    )]
    CreateDir {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{0}")]
    NotFound(String),
    #[error("{0}")]
    Invalid(String),
    #[error(
        "\"{key}\" matches several accounts: {}; name one as platform:name (e.g. {}) or by its id",
        candidates.join(", "),
        candidates.first().map(String::as_str).unwrap_or("微信:name")
    )]
    Ambiguous {
        key: String,
        candidates: Vec<String>,
    },
    #[error(
        "the sheet of account {account_id} in round {round_id} is submitted by {evaluator}; reopen it first (assay score set --reopen)"
    )]
    Submitted {
        round_id: i64,
        account_id: i64,
        evaluator: String,
    },
    #[error("database error: {0}")]
    Sql(#[from] rusqlite::Error),
}

/// True for SQLITE_BUSY and SQLITE_LOCKED.
pub(super) fn is_busy(e: &rusqlite::Error) -> bool {
    matches!(
        e.sqlite_error_code(),
        Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked)
    )
}

/// Replaces a busy/locked SQLite error by [`StoreError::Locked`] naming `path`.
pub(super) fn map_locked(e: StoreError, path: &Path) -> StoreError {
    match e {
        StoreError::Sql(ref s) | StoreError::Open { source: ref s, .. } if is_busy(s) => {
            StoreError::Locked {
                path: path.to_path_buf(),
            }
        }
        other => other,
    }
}
