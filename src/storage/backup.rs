//! `assay backup`: a copy of a live database through SQLite's online backup API, in one step
//! under one read snapshot (WAL readers never block the TUI's writes, and the copy is the
//! database as of one moment, never a mix), checked with `integrity_check` before it is kept.

use std::path::Path;

use rusqlite::Connection;

use super::{Store, StoreError};

impl Store {
    /// Copies this database into a new file at `dest` (which must not exist yet: the caller
    /// names a fresh temporary file and renames it) and checks the copy; returns the copy's
    /// `integrity_check` result ("ok" for a sound copy).
    pub fn backup_to(&self, dest: &Path) -> Result<String, StoreError> {
        let r = (|| {
            let mut dst = Connection::open(dest).map_err(|err| StoreError::Open {
                path: dest.to_path_buf(),
                err,
            })?;
            {
                use rusqlite::backup::StepResult;
                let b = rusqlite::backup::Backup::new(&self.conn, &mut dst)?;
                // All pages in one step (-1): one read snapshot, no restart when the TUI writes.
                // A lock held elsewhere (a checkpoint) is waited out.
                loop {
                    match b.step(-1)? {
                        StepResult::Done => break,
                        _ => std::thread::sleep(std::time::Duration::from_millis(50)),
                    }
                }
            }
            // The copy keeps WAL mode from the page header; fold any WAL it made into the file
            // so that the one file is the whole backup.
            dst.pragma_update(None, "journal_mode", "DELETE")?;
            let ok: Vec<String> = {
                let mut st = dst.prepare("PRAGMA integrity_check")?;
                let rows = st.query_map([], |r| r.get(0))?;
                rows.collect::<rusqlite::Result<_>>()?
            };
            dst.close().map_err(|(_, e)| StoreError::Sql(e))?;
            Ok(ok.join("\n"))
        })();
        r.map_err(|e| self.locked(e))
    }
}

#[cfg(test)]
#[path = "tests/backup.rs"]
mod tests;
