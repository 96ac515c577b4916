//! The round package: what the chair sends one evaluator to start scoring — the round with its
//! pinned rubric text, the accounts assigned to that evaluator, and the round's panel settings —
//! signed by the chair's machine key (`io::signed`), so an evaluator can tell a package from
//! their chair from anything else and a later package for the same round from another source.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::keys::Identity;
use super::signed::{self, Kind, Opened, SignedError};
use crate::domain::account::Account;

/// The `format` of every package.
pub const FORMAT: &str = "assay-round-package";
/// The format this program writes and the newest it reads.
pub const FORMAT_VERSION: u32 = 1;

/// The round as the chair pinned it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PackageRound {
    pub name: String,
    pub rubric_id: String,
    pub rubric_version: String,
    /// The exact rubric text the round is pinned to.
    pub rubric_text: String,
    /// SHA-256 of `rubric_text`, lowercase hex.
    pub rubric_hash: String,
    /// YYYY-MM-DD.
    pub monitoring_date: String,
}

/// The round's panel rules.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PackageSettings {
    /// mean, median or trimmed.
    pub method: String,
    pub quorum: usize,
    /// any, majority or all.
    pub veto: String,
    /// Categories combined by their own method: (category id, method).
    pub categories: Vec<(String, String)>,
    pub calibration: bool,
}

/// Everything the signature covers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Package {
    pub format: String,
    pub format_version: u32,
    pub program: String,
    pub made_at: String,
    pub round: PackageRound,
    /// Whom the package is for.
    pub evaluator: String,
    /// The accounts assigned to that evaluator (ids are the chair's and are not used).
    pub accounts: Vec<Account>,
    pub settings: PackageSettings,
}

#[derive(Debug, thiserror::Error)]
pub enum PackageError {
    #[error("cannot read {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path} is not a round package or is damaged ({why}); ask the chair to send it again")]
    Corrupt { path: PathBuf, why: String },
    #[error(
        "{path} was written by a newer assay (package format {found}, this program reads up to {FORMAT_VERSION}); upgrade assay"
    )]
    Newer { path: PathBuf, found: u64 },
    #[error(
        "{path}: the rubric text is not the one its hash names; ask the chair for a new package"
    )]
    RubricHash { path: PathBuf },
    #[error("{0}")]
    Signed(SignedError),
    #[error(transparent)]
    Input(crate::io::input::InputError),
}

/// The package's text, signed by this machine's key (the chair's).
pub fn to_text(p: &Package, id: &Identity) -> Result<String, serde_json::Error> {
    signed::seal(Kind::RoundPackage, &serde_json::to_string(p)?, id)
}

/// Reads and verifies a package: within the cap, signed, not newer, well-formed, and its
/// rubric text is the one its hash names.
pub fn read(path: &Path) -> Result<(Package, Opened), PackageError> {
    use crate::io::input::{InputError, Kind as Input};
    let bytes = crate::io::input::read(path, Input::Package).map_err(|e| match e {
        InputError::Io { path, source } => PackageError::Io { path, source },
        other => PackageError::Input(other),
    })?;
    parse(path, &bytes)
}

/// Like [`read`] on bytes already loaded; `path` names the file in messages.
pub fn parse(path: &Path, bytes: &[u8]) -> Result<(Package, Opened), PackageError> {
    let opened = signed::open(path, bytes, Kind::RoundPackage).map_err(PackageError::Signed)?;
    let p: Package =
        signed::content(&opened.body, FORMAT, FORMAT_VERSION).map_err(|e| match e {
            signed::BodyError::Corrupt(why) => PackageError::Corrupt {
                path: path.to_path_buf(),
                why,
            },
            signed::BodyError::Newer(found) => PackageError::Newer {
                path: path.to_path_buf(),
                found,
            },
        })?;
    if crate::domain::rubric::rubric_hash(&p.round.rubric_text) != p.round.rubric_hash {
        return Err(PackageError::RubricHash {
            path: path.to_path_buf(),
        });
    }
    Ok((p, opened))
}

#[cfg(test)]
#[path = "package_tests.rs"]
mod tests;
