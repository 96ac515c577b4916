//! The write transaction every write goes through: `BEGIN IMMEDIATE`, so that a busy database
//! is waited for (busy timeout) instead of failing on a read-to-write upgrade.

use rusqlite::Connection;

/// Starts a write transaction that takes the write lock at once (`BEGIN IMMEDIATE`), so a busy
/// database is waited for (busy timeout) instead of failing on a read-to-write upgrade.
pub(super) fn write_tx(conn: &mut Connection) -> rusqlite::Result<rusqlite::Transaction<'_>> {
    conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
}
