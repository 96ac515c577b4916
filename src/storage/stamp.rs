//! A stamp of the database's content as far as summaries read it: two equal stamps mean no row
//! of a table a summary reads was written between them, by this connection or any other, so
//! whatever was computed from the database under the first still holds under the second (the
//! TUI keeps its summary by it, and the kept summary tops by its generation).

use super::{Store, StoreError};

/// The content generation (see [`Store::generation`]): persistent, so a stamp taken by one
/// process is compared with one taken by the next.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DataStamp {
    generation: i64,
}

impl DataStamp {
    /// The generation the stamp was taken at.
    pub fn generation(self) -> i64 {
        self.generation
    }
}

impl Store {
    /// The database's content stamp now (see [`DataStamp`]).
    pub fn data_stamp(&self) -> Result<DataStamp, StoreError> {
        Ok(DataStamp {
            generation: self.generation()?,
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
