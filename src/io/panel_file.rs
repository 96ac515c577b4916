//! The panel exchange file: one evaluator's entries, submission states and history for one
//! round, with the round's rubric hash, the evaluator's own sequence and the program's format
//! version, signed by the evaluator's machine key (`io::signed`): an edited, resealed or
//! unsigned file is refused before its content is read.

use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

use super::keys::Identity;
use super::signed::{self, Kind, Opened, SignedError};
use super::signed_words::{What, signed_words};
use crate::i18n::Lang;
use crate::i18n::errors::{Localized, io_reason};

/// The format this program writes and the newest it reads (1 was sealed by a plain checksum
/// and is refused as unsigned).
pub const FORMAT_VERSION: u32 = 2;
/// The `format` field of every exchange file.
pub const FORMAT: &str = "assay-panel-export";

/// An account as every database knows it: by platform code and name (never by local id).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct AccountKey {
    pub platform: String,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RoundRef {
    pub name: String,
    pub rubric_id: String,
    pub rubric_version: String,
    pub rubric_hash: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FileEntry {
    pub account: AccountKey,
    pub entry: crate::domain::entry::Entry,
    pub updated_at: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FileSubmission {
    pub account: AccountKey,
    pub state: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FileHistory {
    pub account: AccountKey,
    pub indicator: String,
    pub old: Option<String>,
    pub new: Option<String>,
    pub at: String,
}

/// Everything the signature covers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Content {
    pub format: String,
    pub format_version: u32,
    pub program: String,
    pub exported_at: String,
    pub round: RoundRef,
    pub evaluator: String,
    /// The evaluator's own order of exports: how many changes they had made in the round on
    /// their machine. The chair merges a file only when it is newer than the last merged one.
    pub sequence: u64,
    pub entries: Vec<FileEntry>,
    /// The state of every sheet that has one on the evaluator's machine (draft or submitted).
    pub submissions: Vec<FileSubmission>,
    pub history: Vec<FileHistory>,
}

#[derive(Debug, thiserror::Error)]
pub enum PanelFileError {
    #[error("cannot read {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(
        "{path} is not a panel export or is corrupted ({why}); ask the evaluator to export it again"
    )]
    Corrupt { path: PathBuf, why: String },
    #[error(
        "{path} was written by a newer assay (format {found}, this program reads up to {FORMAT_VERSION}); upgrade assay before merging it"
    )]
    Newer { path: PathBuf, found: u64 },
    /// Unsigned, edited after signing, or not a panel export.
    #[error("{source}")]
    Signed {
        /// The evaluator the file names (unverified: it says who it claims to be from).
        claimed: Option<String>,
        source: SignedError,
    },
    /// Larger than the panel file cap.
    #[error(transparent)]
    Input(crate::io::input::InputError),
}

/// The file's text: the content signed by this machine's key.
pub fn to_text(content: &Content, id: &Identity) -> Result<String, serde_json::Error> {
    let body = serde_json::to_string(content)?;
    signed::seal(Kind::PanelExport, &body, id)
}

/// Reads and verifies a file: within the cap, signed, not from a newer program, well-formed.
/// Returns the content and who signed it.
pub fn read(path: &Path) -> Result<(Content, Opened), PanelFileError> {
    use crate::io::input::{InputError, Kind as Input};
    let bytes = crate::io::input::read(path, Input::PanelFile).map_err(|e| match e {
        InputError::Io { path, source } => PanelFileError::Io { path, source },
        other => PanelFileError::Input(other),
    })?;
    parse(path, &bytes)
}

/// The evaluator a file says it is from, read without trusting it (for naming a refused file).
fn claimed(bytes: &[u8]) -> Option<String> {
    let v: serde_json::Value = serde_json::from_slice(bytes).ok()?;
    let from_body = v
        .get("body")
        .and_then(|b| b.as_str())
        .and_then(|b| serde_json::from_str::<serde_json::Value>(b).ok());
    let content = from_body.or_else(|| v.get("content").cloned())?;
    Some(content.get("evaluator")?.as_str()?.to_string())
}

/// Like [`read`] on bytes already loaded; `path` names the file in messages.
pub fn parse(path: &Path, bytes: &[u8]) -> Result<(Content, Opened), PanelFileError> {
    let opened =
        signed::open(path, bytes, Kind::PanelExport).map_err(|source| PanelFileError::Signed {
            claimed: claimed(bytes),
            source,
        })?;
    let content: Content =
        signed::content(&opened.body, FORMAT, FORMAT_VERSION).map_err(|e| match e {
            signed::BodyError::Corrupt(why) => PanelFileError::Corrupt {
                path: path.to_path_buf(),
                why,
            },
            signed::BodyError::Newer(found) => PanelFileError::Newer {
                path: path.to_path_buf(),
                found,
            },
        })?;
    Ok((content, opened))
}

/// Panel exchange files refused by `panel merge`.
impl Localized for PanelFileError {
    fn say(&self, lang: Lang) -> Option<String> {
        use PanelFileError as E;
        let e = self;
        if lang == Lang::En {
            return match e {
                E::Io { path, source } => Some(format!(
                    "cannot read {}: {}",
                    path.display(),
                    io_reason(source, lang)
                )),
                E::Input(i) => i.say(lang),
                E::Signed { claimed, source } => {
                    Some(signed_words(source, claimed.as_deref(), What::Export, lang))
                }
                _ => None,
            };
        }
        Some(match e {
            E::Io { path, source } => {
                format!("无法读取 {}：{}", path.display(), io_reason(source, lang))
            }
            E::Corrupt { path, why } => format!(
                "{} 不是评审组导出文件或已损坏（「{why}」）；请评估人重新导出",
                path.display()
            ),
            E::Newer { path, found } => format!(
                "{} 由更新版本的 assay 写出（格式版本 {found}，本程序最高读取 {FORMAT_VERSION}）；请先升级 assay 再合并",
                path.display()
            ),
            E::Signed { claimed, source } => {
                signed_words(source, claimed.as_deref(), What::Export, lang)
            }
            E::Input(i) => return i.say(lang),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Content {
        Content {
            format: FORMAT.into(),
            format_version: FORMAT_VERSION,
            program: "assay test".into(),
            exported_at: "2024-12-01T08:00:00Z".into(),
            round: RoundRef {
                name: "R".into(),
                rubric_id: "t".into(),
                rubric_version: "1".into(),
                rubric_hash: "ab".into(),
            },
            evaluator: "王敏".into(),
            sequence: 3,
            entries: vec![FileEntry {
                account: AccountKey {
                    platform: "wechat".into(),
                    name: "丽水发布".into(),
                },
                entry: crate::domain::entry::Entry {
                    value: Some(9.5),
                    ..crate::domain::entry::Entry::new("x")
                },
                updated_at: "2024-12-01T07:00:00Z".into(),
            }],
            submissions: vec![],
            history: vec![],
        }
    }

    #[test]
    fn round_trips_and_refuses_edited_newer_and_unsigned_files() {
        let dir = tempfile::tempdir().unwrap();
        let id = crate::io::keys::load_or_create_at(&dir.path().join("k"))
            .unwrap()
            .0;
        let p = Path::new("f.panel");
        let text = to_text(&sample(), &id).unwrap();
        let (content, opened) = parse(p, text.as_bytes()).unwrap();
        assert_eq!(content, sample());
        assert_eq!(opened.public, id.public());
        let edited = text.replace("9.5", "8.5");
        match parse(p, edited.as_bytes()) {
            Err(PanelFileError::Signed {
                claimed: Some(c),
                source: SignedError::BadSignature { .. },
            }) => assert_eq!(c, "王敏"),
            other => panic!("{other:?}"),
        }
        let mut newer = sample();
        newer.format_version = FORMAT_VERSION + 1;
        let newer = to_text(&newer, &id).unwrap();
        assert!(matches!(
            parse(p, newer.as_bytes()),
            Err(PanelFileError::Newer { .. })
        ));
        // A file of the first format (a plain checksum) is unsigned.
        let old = r#"{"checksum": "00", "content": {"evaluator": "王敏"}}"#;
        match parse(p, old.as_bytes()) {
            Err(PanelFileError::Signed {
                claimed: Some(c),
                source: SignedError::Unsigned { .. },
            }) => assert_eq!(c, "王敏"),
            other => panic!("{other:?}"),
        }
    }
}
