//! Storage errors, with messages that say what is wrong and what to do.
//!
//! SQLite's own error is kept inside the variant and written into the message once; no variant
//! exposes it as a `source`, so `{:#}` chains (anyhow) do not repeat it.

use std::path::{Path, PathBuf};

use crate::i18n::errors::Localized;
use crate::i18n::{Lang, msg};

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
    #[error(
        "database {path} does not exist; check the path (--db or ASSAY_DB), or create it with `assay init`"
    )]
    Missing { path: PathBuf },
    #[error(
        "{path} is not an assay database: {what}; assay left it unchanged — give another --db path"
    )]
    Foreign { path: PathBuf, what: Why },
    #[error(
        "database {path} is damaged or was changed by another program: {what}; it was not modified — restore it from a backup"
    )]
    Damaged { path: PathBuf, what: Why },
    #[error(
        "cannot write database {path}: the file or its folder is read-only; make them writable or copy the database into a folder you may write to, then pass it with --db"
    )]
    ReadOnly { path: PathBuf },
    #[error(
        "cannot write database {path}: the disk is full or failing ({err}); free some space and try again — the last completed edit is kept"
    )]
    Disk { path: PathBuf, err: String },
    #[error("cannot open database {path}: {}; check the path and its permissions", sql_text(.err))]
    Open { path: PathBuf, err: rusqlite::Error },
    #[error(
        "cannot create the folder {path} for the database: {err}; check the path and its permissions"
    )]
    CreateDir { path: PathBuf, err: std::io::Error },
    #[error(
        "the rubric pinned to round \"{name}\" (id {id}) no longer matches its recorded SHA-256: it was changed outside assay; restore the database from a backup (assay audit verify lists what else differs)"
    )]
    RubricChanged { id: i64, name: String },
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
    #[error("database error: {}", sql_text(.0))]
    Sql(rusqlite::Error),
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        StoreError::Sql(e)
    }
}

impl StoreError {
    /// The message in the interface language. The errors about the database file itself (the
    /// ones `Store::open` returns) have a Chinese text; the rest keep their English message.
    pub fn message(&self, lang: Lang) -> String {
        if lang == Lang::En {
            return self.to_string();
        }
        let p = |p: &Path| p.display().to_string();
        match self {
            StoreError::TooNew {
                path,
                found,
                supported,
            } => format!(
                "数据库 {} 由更新版本的 assay 写入（结构版本 {found}，本程序最高支持 {supported}）；请升级 assay——文件未被改动",
                p(path)
            ),
            StoreError::Locked { path } => {
                format!("数据库 {} 正被其他程序锁定；请关闭该程序后重试", p(path))
            }
            StoreError::Missing { path } => format!(
                "数据库 {} 不存在；请检查路径（--db 或 ASSAY_DB），或用 `assay init` 创建",
                p(path)
            ),
            StoreError::Foreign { path, what } => format!(
                "{} 不是 assay 的数据库：{}；assay 未改动它——请换一个 --db 路径",
                p(path),
                what.zh()
            ),
            StoreError::Damaged { path, what } => format!(
                "数据库 {} 已损坏或被其他程序改动：{}；文件未被修改——请从备份恢复",
                p(path),
                what.zh()
            ),
            StoreError::RubricChanged { id, name } => format!(
                "轮次“{name}”（id {id}）固定的评分细则与记录的 SHA-256 不符：它在 assay 之外被改动；请从备份恢复数据库（assay audit verify 会列出其他不符之处）"
            ),
            StoreError::ReadOnly { path } => format!(
                "无法写入数据库 {}：文件或所在文件夹是只读的；请改为可写，或把数据库复制到可写的文件夹后用 --db 指定",
                p(path)
            ),
            StoreError::Disk { path, err } => format!(
                "无法写入数据库 {}：磁盘已满或出错（「{err}」）；请腾出空间后重试——最后一次完成的修改已保存",
                p(path)
            ),
            StoreError::Open { path, err } => format!(
                "无法打开数据库 {}：{}；请检查路径和权限",
                p(path),
                super::error_zh::sql_zh(err, &sql_text(err))
            ),
            StoreError::CreateDir { path, err } => format!(
                "无法为数据库创建文件夹 {}（「{err}」）；请检查路径和权限",
                p(path)
            ),
            StoreError::Sql(err) => format!(
                "数据库出错：{}",
                super::error_zh::sql_zh(err, &sql_text(err))
            ),
            StoreError::NotFound(m) | StoreError::Invalid(m) => {
                super::error_zh::text_zh(m).unwrap_or_else(|| m.clone())
            }
            StoreError::Ambiguous { key, candidates } => format!(
                "“{key}”与多个账号相符：{}；请写成 平台:名称（如 {}）或用其 id",
                candidates.join("、"),
                candidates
                    .first()
                    .map(String::as_str)
                    .unwrap_or("微信:名称")
            ),
            StoreError::Submitted {
                round_id,
                account_id,
                evaluator,
            } => format!(
                "轮次 {round_id} 中账号 {account_id} 的评分表已由 {evaluator} 提交；请先重新打开（assay score set --reopen）"
            ),
            // Variants added later keep their English until they are worded here.
            #[allow(unreachable_patterns)]
            other => other.to_string(),
        }
    }
}

/// Storage's errors in words: an ambiguous account and a submitted sheet in either language;
/// the rest in Chinese through [`StoreError::message`] (English keeps the error's own text).
impl Localized for StoreError {
    fn say(&self, lang: Lang) -> Option<String> {
        Some(match self {
            StoreError::Ambiguous { key, candidates } => {
                msg::account_ambiguous(lang, key, candidates)
            }
            StoreError::Submitted {
                evaluator,
                account_id,
                ..
            } => msg::sheet_submitted(lang, &account_id.to_string(), evaluator),
            other if lang == Lang::Zh => other.message(lang),
            _ => return None,
        })
    }
}

/// Why a file is refused as foreign or damaged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Why {
    /// Another program's SQLite database: its tables.
    OtherTables(String),
    /// A non-zero `application_id` that is not ours.
    OtherId(i32),
    NotSqlite,
    /// Our tables with an impossible schema version.
    Version(i64),
    /// Our file lacking some of our tables.
    MissingTables(String),
    /// A migration found its tables already there: SQLite's message.
    Clash(String),
}

impl std::fmt::Display for Why {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Why::OtherTables(t) => {
                write!(f, "it is another program's SQLite database (tables: {t})")
            }
            Why::OtherId(id) => write!(
                f,
                "its application_id 0x{id:08x} marks it as another program's file"
            ),
            Why::NotSqlite => write!(f, "it is not an SQLite database (or it is encrypted)"),
            Why::Version(v) => write!(f, "its schema version is {v} while it holds assay's tables"),
            Why::MissingTables(t) => write!(f, "tables missing: {t}"),
            Why::Clash(m) => write!(f, "its schema version does not match its tables ({m})"),
        }
    }
}

impl Why {
    fn zh(&self) -> String {
        match self {
            Why::OtherTables(t) => format!("它是其他程序的 SQLite 数据库（表：{t}）"),
            Why::OtherId(id) => format!("它的应用标识（0x{id:08x}）表明属于其他程序"),
            Why::NotSqlite => "它不是 SQLite 数据库（或已加密）".to_string(),
            Why::Version(v) => format!("它含有 assay 的表，但结构版本是 {v}"),
            Why::MissingTables(t) => format!("缺少 assay 的数据表「{t}」"),
            Why::Clash(m) => format!("结构版本与其中的表不符（{m}）"),
        }
    }
}

/// SQLite's message for an error, once (rusqlite's own text without its nested source).
fn sql_text(e: &rusqlite::Error) -> String {
    match e {
        rusqlite::Error::SqliteFailure(f, Some(msg)) if !msg.is_empty() => msg.clone(),
        rusqlite::Error::SqliteFailure(f, _) => f.to_string(),
        other => other.to_string(),
    }
}

/// True for SQLITE_BUSY and SQLITE_LOCKED.
pub(super) fn is_busy(e: &rusqlite::Error) -> bool {
    matches!(
        e.sqlite_error_code(),
        Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked)
    )
}

/// Turns SQLite's busy, read-only, full-disk, I/O and not-a-database errors into the variants
/// that name `path` and say what to do; other errors pass through.
pub(super) fn map_locked(e: StoreError, path: &Path) -> StoreError {
    use rusqlite::ErrorCode as C;
    let s = match &e {
        StoreError::Sql(s) | StoreError::Open { err: s, .. } => s,
        _ => return e,
    };
    let path = path.to_path_buf();
    match s.sqlite_error_code() {
        Some(C::DatabaseBusy | C::DatabaseLocked) => StoreError::Locked { path },
        Some(C::ReadOnly) => StoreError::ReadOnly { path },
        // An existing file SQLite cannot open: its folder refuses the -wal/-shm files beside it.
        Some(C::CannotOpen) if path.is_file() => StoreError::ReadOnly { path },
        Some(C::DiskFull | C::SystemIoFailure) => StoreError::Disk {
            path,
            err: sql_text(s),
        },
        Some(C::NotADatabase) => StoreError::Foreign {
            path,
            what: Why::NotSqlite,
        },
        _ => e,
    }
}
