//! Calibration rounds as stored: a round marked for calibration (the panel scores it to agree
//! on how to read the rubric before live scoring) has a row here.

use rusqlite::params;

use super::{Store, StoreError};

/// The schema step of the reconcile-tui lane: rounds marked as calibration rounds.
pub const MIGRATION_SQL: &str = r#"
CREATE TABLE calibration_rounds (
    round_id INTEGER PRIMARY KEY REFERENCES rounds (id),
    marked   TEXT NOT NULL             -- when it was marked (RFC 3339)
);
"#;

impl Store {
    /// Marks (or unmarks) a round as a calibration round.
    pub fn set_calibration(&mut self, round_id: i64, on: bool) -> Result<(), StoreError> {
        let tx = super::tx::write_tx(&mut self.conn)?;
        if on {
            tx.execute(
                "INSERT INTO calibration_rounds (round_id, marked) VALUES (?1, ?2)
                 ON CONFLICT (round_id) DO NOTHING",
                params![round_id, super::now()],
            )?;
        } else {
            tx.execute(
                "DELETE FROM calibration_rounds WHERE round_id = ?1",
                params![round_id],
            )?;
        }
        tx.commit()?;
        Ok(())
    }

    /// True when the round is marked as a calibration round.
    pub fn is_calibration(&self, round_id: i64) -> Result<bool, StoreError> {
        let n: i64 = self.conn.query_row(
            "SELECT COUNT(*) FROM calibration_rounds WHERE round_id = ?1",
            params![round_id],
            |r| r.get(0),
        )?;
        Ok(n > 0)
    }
}
