//! A stamp of the database's content as one connection sees it: two equal stamps mean nothing
//! was committed between them, by this connection or any other, so whatever was computed from
//! the database under the first still holds under the second (the TUI keeps its summary by it).

use super::{Store, StoreError};

/// `PRAGMA data_version` (moves when another connection commits) and the connection's own
/// `total_changes` (moves with each row it writes, triggers included).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DataStamp {
    others: i64,
    own: u64,
}

impl Store {
    /// The database's content stamp now (see [`DataStamp`]).
    pub fn data_stamp(&self) -> Result<DataStamp, StoreError> {
        let others = self
            .conn
            .query_row("PRAGMA data_version", [], |r| r.get(0))?;
        Ok(DataStamp {
            others,
            own: self.conn.total_changes(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The stamp holds while nothing is written and moves with a write of this connection or
    /// of another one on the same file.
    #[test]
    fn the_stamp_moves_with_every_commit_from_either_side() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("s.db");
        let mut a = Store::create_or_open(&path).expect("open");
        let s0 = a.data_stamp().expect("stamp");
        assert_eq!(a.data_stamp().expect("stamp"), s0, "no write, same stamp");
        a.evaluator_id("张三").expect("write");
        let s1 = a.data_stamp().expect("stamp");
        assert_ne!(s1, s0, "own write");
        let mut b = Store::create_or_open(&path).expect("second connection");
        b.evaluator_id("李四").expect("write");
        assert_ne!(
            a.data_stamp().expect("stamp"),
            s1,
            "another connection's write"
        );
    }
}
