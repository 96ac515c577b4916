//! Opening a database: refusal of newer schemas without writing, connection settings, migrations.

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags};

use super::migrations::{SCHEMA_VERSION, migrate, user_version};
use super::{Store, StoreError};

/// How long a statement waits for another program's lock before giving up.
pub(super) const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

impl Store {
    /// Opens (creating if missing) a database file: refuses one written by a newer program
    /// without modifying it, then enables WAL and foreign keys and applies pending migrations.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        Store::open_with_timeout(path, BUSY_TIMEOUT)
    }

    /// A fresh in-memory database with the full schema (tests).
    pub fn open_in_memory() -> Result<Store, StoreError> {
        let path = PathBuf::from(":memory:");
        let mut conn = Connection::open_in_memory().map_err(|source| StoreError::Open {
            path: path.clone(),
            source,
        })?;
        configure(&conn, false)?;
        migrate(&mut conn)?;
        Ok(Store { conn, path })
    }

    /// [`Store::open`] with a chosen busy timeout (tests use a short one).
    pub(super) fn open_with_timeout(path: &Path, busy: Duration) -> Result<Store, StoreError> {
        // Refuse a newer database before SQLite touches the file at all.
        if let Some(found) = header_user_version(path)
            && found > SCHEMA_VERSION
        {
            return Err(too_new(path, found));
        }
        if let Some(parent) = path.parent()
            && !parent.as_os_str().is_empty()
            && !parent.exists()
        {
            std::fs::create_dir_all(parent).map_err(|source| StoreError::CreateDir {
                path: parent.to_path_buf(),
                source,
            })?;
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let open_err = |source| StoreError::Open {
            path: path.to_path_buf(),
            source,
        };
        let mut conn = Connection::open_with_flags(path, flags).map_err(open_err)?;
        conn.busy_timeout(busy).map_err(open_err)?;
        let locked = |e: StoreError| super::error::map_locked(e, path);
        // The header may be stale while a WAL file holds newer pages: ask SQLite too (a read).
        let found = user_version(&conn).map_err(open_err).map_err(locked)?;
        if found > SCHEMA_VERSION {
            return Err(too_new(path, found));
        }
        configure(&conn, true).map_err(locked)?;
        migrate(&mut conn).map_err(locked)?;
        Ok(Store {
            conn,
            path: path.to_path_buf(),
        })
    }
}

fn too_new(path: &Path, found: i64) -> StoreError {
    StoreError::TooNew {
        path: path.to_path_buf(),
        found,
        supported: SCHEMA_VERSION,
    }
}

/// `user_version` read from the 100-byte SQLite header (big-endian at offset 60), or `None`
/// when the file is missing, short or not SQLite. Reading the bytes cannot modify the file.
fn header_user_version(path: &Path) -> Option<i64> {
    use std::io::Read;
    let mut header = [0u8; 100];
    let mut file = std::fs::File::open(path).ok()?;
    file.read_exact(&mut header).ok()?;
    if &header[..16] != b"SQLite format 3\0" {
        return None;
    }
    let v = i32::from_be_bytes([header[60], header[61], header[62], header[63]]);
    Some(i64::from(v))
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
