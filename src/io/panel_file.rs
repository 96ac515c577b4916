//! The panel exchange file: one evaluator's entries, submission states and history for one
//! round, with the round's rubric hash and the program's format version, sealed by a SHA-256
//! checksum over the content so a corrupted or altered file is refused.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

use crate::i18n::Lang;
use crate::i18n::errors::{Localized, io_reason};

/// The format this program writes and the newest it reads.
pub const FORMAT_VERSION: u32 = 1;
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

/// Everything the checksum covers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Content {
    pub format: String,
    pub format_version: u32,
    pub program: String,
    pub exported_at: String,
    pub round: RoundRef,
    pub evaluator: String,
    pub entries: Vec<FileEntry>,
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
    #[error(
        "{path} was altered after export: its checksum does not match its content; nothing was merged. Ask the evaluator to export it again"
    )]
    Altered { path: PathBuf },
}

/// SHA-256 (hex) of the canonical JSON of a value (object keys sorted).
fn checksum(content: &serde_json::Value) -> String {
    let text = serde_json::to_string(content).unwrap_or_default();
    Sha256::digest(text.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The file's text: pretty JSON `{ "checksum": …, "content": … }`.
pub fn to_text(content: &Content) -> Result<String, serde_json::Error> {
    let value = serde_json::to_value(content)?;
    let sum = checksum(&value);
    let mut file = serde_json::Map::new();
    file.insert("checksum".into(), serde_json::Value::String(sum));
    file.insert("content".into(), value);
    serde_json::to_string_pretty(&serde_json::Value::Object(file))
}

/// Reads and verifies a file: well-formed, not from a newer program, checksum intact.
pub fn read(path: &Path) -> Result<Content, PanelFileError> {
    let bytes = std::fs::read(path).map_err(|source| PanelFileError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    parse(path, &bytes)
}

/// Like [`read`] on bytes already loaded; `path` names the file in messages.
pub fn parse(path: &Path, bytes: &[u8]) -> Result<Content, PanelFileError> {
    let corrupt = |why: String| PanelFileError::Corrupt {
        path: path.to_path_buf(),
        why,
    };
    let mut value: serde_json::Value =
        serde_json::from_slice(bytes).map_err(|e| corrupt(format!("not JSON: {e}")))?;
    let content = value
        .get("content")
        .ok_or_else(|| corrupt("no content".into()))?;
    if content.get("format").and_then(|f| f.as_str()) != Some(FORMAT) {
        return Err(corrupt(format!("format is not \"{FORMAT}\"")));
    }
    let version = content
        .get("format_version")
        .and_then(|v| v.as_u64())
        .ok_or_else(|| corrupt("no format_version".into()))?;
    if version > u64::from(FORMAT_VERSION) {
        return Err(PanelFileError::Newer {
            path: path.to_path_buf(),
            found: version,
        });
    }
    let sum = value.get("checksum").and_then(|c| c.as_str()).unwrap_or("");
    if sum != checksum(content) {
        return Err(PanelFileError::Altered {
            path: path.to_path_buf(),
        });
    }
    let content = value.get_mut("content").map(serde_json::Value::take);
    serde_json::from_value(content.unwrap_or_default()).map_err(|e| corrupt(e.to_string()))
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
            E::Altered { path } => format!(
                "{} 导出后被改动过：校验和与内容不符；未合并任何内容。请评估人重新导出",
                path.display()
            ),
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
    fn round_trips_and_refuses_altered_newer_and_corrupt_files() {
        let p = Path::new("f.panel");
        let text = to_text(&sample()).unwrap();
        assert_eq!(parse(p, text.as_bytes()).unwrap(), sample());
        let altered = text.replace("9.5", "8.5");
        assert!(matches!(
            parse(p, altered.as_bytes()),
            Err(PanelFileError::Altered { .. })
        ));
        let newer = text.replace("\"format_version\": 1", "\"format_version\": 2");
        assert!(matches!(
            parse(p, newer.as_bytes()),
            Err(PanelFileError::Newer { found: 2, .. })
        ));
        assert!(matches!(
            parse(p, &text.as_bytes()[..40]),
            Err(PanelFileError::Corrupt { .. })
        ));
    }
}
