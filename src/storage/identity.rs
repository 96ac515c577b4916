//! Recognising a database file through SQLite before anything is written: ours (by
//! `application_id`), an older file of ours from before the id (by its tables and version), an
//! empty file, or something else — foreign, damaged or newer — which is refused.

use std::path::Path;

use rusqlite::Connection;

use super::StoreError;
use super::error::Why;
use super::migrations::{APPLICATION_ID, SCHEMA_VERSION, user_version};

/// The tables every assay database has had since the first schema.
const CORE_TABLES: &[&str] = &[
    "accounts",
    "entries",
    "evaluators",
    "history",
    "round_accounts",
    "rounds",
    "submissions",
];

/// What a file is, once it may be used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Identity {
    /// No tables yet: initialise it.
    Fresh,
    /// Ours (stamped, or recognised by its tables), `pending` migrations behind.
    Ours { pending: i64 },
}

/// Reads `application_id`, `user_version` and the table names, and decides.
pub(super) fn identify(conn: &Connection, path: &Path) -> Result<Identity, StoreError> {
    let app: i32 = conn.pragma_query_value(None, "application_id", |r| r.get(0))?;
    let version = user_version(conn)?;
    let tables: Vec<String> = {
        let mut st = conn.prepare(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
        )?;
        let rows = st.query_map([], |r| r.get(0))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    classify(app, version, &tables).map_err(|e| e.at(path, version))
}

/// Why a file is refused, before the path is attached.
#[derive(Debug)]
pub(super) enum Refusal {
    Foreign(Why),
    Damaged(Why),
    TooNew,
}

impl Refusal {
    fn at(self, path: &Path, found: i64) -> StoreError {
        let path = path.to_path_buf();
        match self {
            Refusal::Foreign(what) => StoreError::Foreign { path, what },
            Refusal::Damaged(what) => StoreError::Damaged { path, what },
            Refusal::TooNew => StoreError::TooNew {
                path,
                found,
                supported: SCHEMA_VERSION,
            },
        }
    }
}

pub(super) fn classify(app: i32, version: i64, tables: &[String]) -> Result<Identity, Refusal> {
    let has_core = CORE_TABLES.iter().all(|t| tables.iter().any(|n| n == t));
    if app != APPLICATION_ID && app != 0 {
        return Err(Refusal::Foreign(Why::OtherId(app)));
    }
    if version > SCHEMA_VERSION && (app == APPLICATION_ID || has_core) {
        return Err(Refusal::TooNew);
    }
    if tables.is_empty() && version == 0 {
        return Ok(Identity::Fresh);
    }
    if app == 0 && !has_core {
        return Err(Refusal::Foreign(Why::OtherTables(tables.join(", "))));
    }
    if version <= 0 || version > SCHEMA_VERSION {
        return Err(Refusal::Damaged(Why::Version(version)));
    }
    if !has_core {
        let missing: Vec<&str> = CORE_TABLES
            .iter()
            .copied()
            .filter(|t| !tables.iter().any(|n| n == t))
            .collect();
        return Err(Refusal::Damaged(Why::MissingTables(missing.join(", "))));
    }
    Ok(Identity::Ours {
        pending: SCHEMA_VERSION - version,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(names: &[&str]) -> Vec<String> {
        names.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn files_are_told_apart_by_id_version_and_tables() {
        let ours = t(CORE_TABLES);
        assert_eq!(classify(0, 0, &[]).unwrap(), Identity::Fresh);
        assert_eq!(classify(APPLICATION_ID, 0, &[]).unwrap(), Identity::Fresh);
        assert_eq!(
            classify(0, 1, &ours).unwrap(),
            Identity::Ours {
                pending: SCHEMA_VERSION - 1
            }
        );
        assert_eq!(
            classify(APPLICATION_ID, SCHEMA_VERSION, &ours).unwrap(),
            Identity::Ours { pending: 0 }
        );
        assert!(
            matches!(classify(0, 0, &t(&["notes"])), Err(Refusal::Foreign(m)) if m.to_string().contains("notes"))
        );
        assert!(matches!(
            classify(0, 1, &t(&["accounts", "notes"])),
            Err(Refusal::Foreign(_))
        ));
        assert!(
            matches!(classify(0x1234, 0, &[]), Err(Refusal::Foreign(m)) if m.to_string().contains("0x00001234"))
        );
        assert!(
            matches!(classify(0, -1, &ours), Err(Refusal::Damaged(m)) if m.to_string().contains("-1"))
        );
        assert!(matches!(
            classify(APPLICATION_ID, 0, &ours),
            Err(Refusal::Damaged(_))
        ));
        assert!(
            matches!(classify(APPLICATION_ID, 1, &t(&["accounts"])), Err(Refusal::Damaged(m)) if m.to_string().contains("history"))
        );
        assert!(matches!(
            classify(0, SCHEMA_VERSION + 1, &ours),
            Err(Refusal::TooNew)
        ));
        assert!(matches!(
            classify(APPLICATION_ID, 99, &[]),
            Err(Refusal::TooNew)
        ));
    }
}
