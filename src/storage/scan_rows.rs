//! A forward-only read of one query's rows through SQLite's own C interface, for the scan that
//! reads every entry of a round (12 million rows in a national round). rusqlite's checked row
//! access costs about 150 instructions per column (a column-count call, then a type call and a
//! value call that each look the column up): for 7 columns almost as much as SQLite's step.
//! This looks each column up once, with the same conversions and errors as `Row::get`.
//!
//! The unsafe code is confined here: the statement is prepared on a connection this value
//! borrows, finalized on drop, and column values are borrowed from `&self` while stepping takes
//! `&mut self`, so no value outlives the row it came from.

use std::ffi::c_int;
use std::marker::PhantomData;
use std::ptr::{self, NonNull};

use rusqlite::types::Type;
use rusqlite::{Connection, Error, ffi};

/// The rows of one statement, stepped one at a time.
pub(super) struct RawRows<'c> {
    stmt: NonNull<ffi::sqlite3_stmt>,
    db: *mut ffi::sqlite3,
    /// Column names, for error messages.
    names: &'static [&'static str],
    /// Stepping past the end would start the statement again.
    done: bool,
    _conn: PhantomData<&'c Connection>,
}

impl<'c> RawRows<'c> {
    /// Prepares `sql` on `conn` and binds `params` (integers, `?1`, `?2`, …). `names` are the
    /// result columns; the statement must return exactly as many.
    pub fn query(
        conn: &'c Connection,
        sql: &str,
        params: &[i64],
        names: &'static [&'static str],
    ) -> Result<RawRows<'c>, Error> {
        let len = c_int::try_from(sql.len()).map_err(|_| Error::InvalidQuery)?;
        let mut raw: *mut ffi::sqlite3_stmt = ptr::null_mut();
        // SAFETY: the handle is the live connection `conn` borrows for 'c; it is only used on
        // this thread (`RawRows` holds raw pointers, so it is neither Send nor Sync). `sql` is
        // valid for `len` bytes (no NUL terminator is needed when the length is given).
        let db = unsafe { conn.handle() };
        let rc = unsafe {
            ffi::sqlite3_prepare_v2(db, sql.as_ptr().cast(), len, &mut raw, ptr::null_mut())
        };
        if rc != ffi::SQLITE_OK {
            // SAFETY: `raw` is null or a statement prepare returned; finalize accepts both.
            unsafe { ffi::sqlite3_finalize(raw) };
            return Err(failure(db, rc));
        }
        let stmt = NonNull::new(raw).ok_or(Error::InvalidQuery)?;
        let rows = RawRows {
            stmt,
            db,
            names,
            done: false,
            _conn: PhantomData,
        };
        // SAFETY: `stmt` is a prepared statement of `db` (finalized by `Drop`).
        let columns = unsafe { ffi::sqlite3_column_count(rows.stmt.as_ptr()) };
        if usize::try_from(columns).ok() != Some(names.len()) {
            return Err(Error::InvalidColumnIndex(names.len()));
        }
        for (i, v) in params.iter().enumerate() {
            let at = c_int::try_from(i + 1).map_err(|_| Error::InvalidParameterCount(i, i))?;
            // SAFETY: as above; out-of-range indexes are reported by SQLite as SQLITE_RANGE.
            let rc = unsafe { ffi::sqlite3_bind_int64(rows.stmt.as_ptr(), at, *v) };
            if rc != ffi::SQLITE_OK {
                return Err(failure(db, rc));
            }
        }
        Ok(rows)
    }

    /// Steps to the next row: `true` when there is one (after the last, always `false`).
    pub fn step(&mut self) -> Result<bool, Error> {
        if self.done {
            return Ok(false);
        }
        // SAFETY: a prepared statement of the borrowed connection; values read from the previous
        // row are borrows of `&self`, which `&mut self` here rules out.
        match unsafe { ffi::sqlite3_step(self.stmt.as_ptr()) } {
            ffi::SQLITE_ROW => Ok(true),
            ffi::SQLITE_DONE => {
                self.done = true;
                Ok(false)
            }
            rc => {
                self.done = true;
                Err(failure(self.db, rc))
            }
        }
    }

    /// Column `col` of the current row and its storage type. One `sqlite3_column_value` call
    /// instead of a `sqlite3_column_type` and a `sqlite3_column_*` call, each of which looks the
    /// column up again: SQLite calls such a value "unprotected" and reading it "not threadsafe"
    /// only because no mutex is held, and this connection is used by one thread only (opened
    /// without mutexes; `RawRows` is neither Send nor Sync).
    #[inline]
    fn column(&self, col: usize) -> (c_int, Value) {
        debug_assert!(col < self.names.len());
        // SAFETY: the statement has a current row (callers read after `step` gave `true`) and
        // `col` is below its column count (checked against `names` when prepared). The value
        // belongs to the statement and is read before the next step.
        unsafe {
            let v = ffi::sqlite3_column_value(self.stmt.as_ptr(), col as c_int);
            (ffi::sqlite3_value_type(v), Value(v))
        }
    }

    fn invalid(&self, col: usize, kind: c_int) -> Error {
        let t = match kind {
            ffi::SQLITE_INTEGER => Type::Integer,
            ffi::SQLITE_FLOAT => Type::Real,
            ffi::SQLITE_TEXT => Type::Text,
            ffi::SQLITE_BLOB => Type::Blob,
            _ => Type::Null,
        };
        Error::InvalidColumnType(col, self.names[col].to_owned(), t)
    }

    /// An INTEGER column (`Row::get::<i64>`).
    #[inline]
    pub fn int(&self, col: usize) -> Result<i64, Error> {
        match self.column(col) {
            (ffi::SQLITE_INTEGER, v) => Ok(v.int()),
            (k, _) => Err(self.invalid(col, k)),
        }
    }

    /// A number or NULL (`Row::get::<Option<f64>>`: integers convert).
    #[inline]
    pub fn opt_real(&self, col: usize) -> Result<Option<f64>, Error> {
        match self.column(col) {
            (ffi::SQLITE_NULL, _) => Ok(None),
            (ffi::SQLITE_FLOAT, v) => Ok(Some(v.real())),
            (ffi::SQLITE_INTEGER, v) => Ok(Some(v.int() as f64)),
            (k, _) => Err(self.invalid(col, k)),
        }
    }

    /// A count or NULL (`Row::get::<Option<u32>>`: out-of-range integers are an error).
    #[inline]
    pub fn opt_u32(&self, col: usize) -> Result<Option<u32>, Error> {
        match self.column(col) {
            (ffi::SQLITE_NULL, _) => Ok(None),
            (ffi::SQLITE_INTEGER, v) => {
                let i = v.int();
                u32::try_from(i)
                    .map(Some)
                    .map_err(|_| Error::IntegralValueOutOfRange(col, i))
            }
            (k, _) => Err(self.invalid(col, k)),
        }
    }

    /// A flag (`Row::get::<bool>`: an integer, non-zero is true).
    #[inline]
    pub fn flag(&self, col: usize) -> Result<bool, Error> {
        self.int(col).map(|i| i != 0)
    }

    /// The bytes of a TEXT column, or `None` for NULL; valid until the next step.
    #[inline]
    pub fn opt_text(&self, col: usize) -> Result<Option<&[u8]>, Error> {
        match self.column(col) {
            (ffi::SQLITE_NULL, _) => Ok(None),
            // SAFETY: the value is TEXT; its bytes stay valid until the next step or finalize,
            // both of which need `&mut self` while this borrow of `&self` lives.
            (ffi::SQLITE_TEXT, v) => Ok(Some(unsafe { v.text() })),
            (k, _) => Err(self.invalid(col, k)),
        }
    }

    /// A TEXT column as a string (`Row::get::<String>`; NULL is an error).
    pub fn text(&self, col: usize) -> Result<&str, Error> {
        match self.opt_text(col)? {
            Some(b) => std::str::from_utf8(b).map_err(|e| Error::Utf8Error(col, e)),
            None => Err(self.invalid(col, ffi::SQLITE_NULL)),
        }
    }

    /// A TEXT column or NULL as an owned string (`Row::get::<Option<String>>`).
    pub fn opt_string(&self, col: usize) -> Result<Option<String>, Error> {
        match self.opt_text(col)? {
            Some(b) => std::str::from_utf8(b)
                .map(|s| Some(s.to_owned()))
                .map_err(|e| Error::Utf8Error(col, e)),
            None => Ok(None),
        }
    }
}

impl Drop for RawRows<'_> {
    fn drop(&mut self) {
        // SAFETY: the statement was prepared by `query` and is finalized exactly once.
        unsafe { ffi::sqlite3_finalize(self.stmt.as_ptr()) };
    }
}

/// A column value of the current row (see [`RawRows::column`]).
#[derive(Clone, Copy)]
struct Value(*mut ffi::sqlite3_value);

impl Value {
    #[inline]
    fn int(self) -> i64 {
        // SAFETY: a value of the current row, read before the next step.
        unsafe { ffi::sqlite3_value_int64(self.0) }
    }

    #[inline]
    fn real(self) -> f64 {
        // SAFETY: as in `int`.
        unsafe { ffi::sqlite3_value_double(self.0) }
    }

    /// The bytes of a TEXT value (text first, then its length: SQLite's documented order).
    ///
    /// # Safety
    /// The value must be TEXT, and the bytes must not be used after the next step.
    #[inline]
    unsafe fn text<'a>(self) -> &'a [u8] {
        unsafe {
            let text = ffi::sqlite3_value_text(self.0);
            let len = ffi::sqlite3_value_bytes(self.0);
            if text.is_null() || len <= 0 {
                return &[];
            }
            std::slice::from_raw_parts(text.cast(), len as usize)
        }
    }
}

/// The connection's error for `rc`, as rusqlite reports it.
fn failure(db: *mut ffi::sqlite3, rc: c_int) -> Error {
    // SAFETY: `db` is the live connection; the message is copied before any other call.
    let message = unsafe {
        let m = ffi::sqlite3_errmsg(db);
        (!m.is_null())
            .then(|| std::ffi::CStr::from_ptr(m).to_string_lossy().into_owned())
            .filter(|_| ffi::sqlite3_errcode(db) == rc || ffi::sqlite3_extended_errcode(db) == rc)
    };
    Error::SqliteFailure(ffi::Error::new(rc), message)
}

#[cfg(test)]
#[path = "tests/scan_rows.rs"]
mod tests;
