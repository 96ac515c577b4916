//! Opening a database, through SQLite only (the process never opens a database file itself, so
//! no second descriptor can drop SQLite's POSIX locks): existing-only versus create, recognising
//! our files by `application_id`, refusing foreign, damaged and newer files before any write,
//! connection settings and migrations.

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags};

use super::identity::{Identity, identify};
use super::migrations::migrate;
use super::{Store, StoreError};

/// How long a statement waits for another program's lock before giving up.
pub(super) const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

impl Store {
    /// Opens an existing assay database: never creates a file or a folder (a missing file is
    /// [`StoreError::Missing`]). Refuses, unchanged, a file that is not ours, is damaged or was
    /// written by a newer program; then enables WAL and foreign keys and applies migrations.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        Store::open_with_timeout(path, BUSY_TIMEOUT)
    }

    /// [`Store::open`], creating the file (and its folder) when missing: for `init` and the
    /// commands that create data.
    pub fn create_or_open(path: &Path) -> Result<Store, StoreError> {
        open_file(path, BUSY_TIMEOUT, true)
    }

    /// A read-only connection to an existing database of ours at the current schema (background
    /// readers). Writes through it fail.
    pub fn open_read_only(path: &Path) -> Result<Store, StoreError> {
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = connect(path, flags, BUSY_TIMEOUT)?;
        let locked = |e: StoreError| super::error::map_locked(e, path);
        match identify(&conn, path).map_err(locked)? {
            Identity::Ours { pending: 0 } => {}
            _ => {
                return Err(StoreError::Invalid(format!(
                    "database {} is not ready for reading; open it once with assay first",
                    path.display()
                )));
            }
        }
        conn.pragma_update(None, "foreign_keys", "ON")?;
        Ok(Store {
            conn,
            path: path.to_path_buf(),
        })
    }

    /// A fresh in-memory database with the full schema (tests).
    pub fn open_in_memory() -> Result<Store, StoreError> {
        let path = PathBuf::from(":memory:");
        let mut conn = Connection::open_in_memory().map_err(|err| StoreError::Open {
            path: path.clone(),
            err,
        })?;
        configure(&conn, false)?;
        migrate(&mut conn)?;
        Ok(Store { conn, path })
    }

    /// [`Store::open`] with a chosen busy timeout (tests use a short one).
    pub(super) fn open_with_timeout(path: &Path, busy: Duration) -> Result<Store, StoreError> {
        open_file(path, busy, false)
    }
}

fn connect(path: &Path, flags: OpenFlags, busy: Duration) -> Result<Connection, StoreError> {
    let open_err = |err| {
        super::error::map_locked(
            StoreError::Open {
                path: path.to_path_buf(),
                err,
            },
            path,
        )
    };
    // `try_exists` asks the file system (stat); it opens nothing.
    if !flags.contains(OpenFlags::SQLITE_OPEN_CREATE) && !path.try_exists().unwrap_or(true) {
        return Err(StoreError::Missing {
            path: path.to_path_buf(),
        });
    }
    let conn = Connection::open_with_flags(path, flags).map_err(open_err)?;
    conn.busy_timeout(busy).map_err(open_err)?;
    Ok(conn)
}

fn open_file(path: &Path, busy: Duration, create: bool) -> Result<Store, StoreError> {
    if create
        && let Some(parent) = path.parent()
        && !parent.as_os_str().is_empty()
        && !parent.exists()
    {
        std::fs::create_dir_all(parent).map_err(|err| StoreError::CreateDir {
            path: parent.to_path_buf(),
            err,
        })?;
    }
    let mut flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    if create {
        flags |= OpenFlags::SQLITE_OPEN_CREATE;
    }
    let mut conn = connect(path, flags, busy)?;
    let locked = |e: StoreError| super::error::map_locked(e, path);
    // Every check reads through SQLite before anything is written; migrations run before the
    // switch to WAL, so one that finds the file inconsistent rolls back to the same bytes.
    identify(&conn, path).map_err(locked)?;
    migrate(&mut conn)
        .map_err(|e| damaged_if_clash(e, path))
        .map_err(locked)?;
    configure(&conn, true).map_err(locked)?;
    super::chain::restore_guards(&mut conn).map_err(locked)?;
    Ok(Store {
        conn,
        path: path.to_path_buf(),
    })
}

/// A migration that finds its tables already there means the stored version lies.
fn damaged_if_clash(e: StoreError, path: &Path) -> StoreError {
    match e {
        StoreError::Invalid(m) if m.contains("already exists") => StoreError::Damaged {
            path: path.to_path_buf(),
            what: super::error::Why::Clash(m),
        },
        other => other,
    }
}

/// Connection settings: WAL and synchronous=NORMAL for files, foreign keys always, a larger
/// page cache for bulk work.
fn configure(conn: &Connection, file: bool) -> Result<(), StoreError> {
    if file {
        let mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
        if !mode.eq_ignore_ascii_case("wal") {
            tracing::warn!("journal mode stayed {mode}; WAL unavailable on this file system");
        }
        conn.pragma_update(None, "synchronous", "NORMAL")?;
    }
    conn.pragma_update(None, "foreign_keys", "ON")?;
    conn.pragma_update(None, "cache_size", -32768)?;
    Ok(())
}
