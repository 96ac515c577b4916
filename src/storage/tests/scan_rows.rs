//! The raw row reader gives what rusqlite's `Row::get` gives, values and errors alike, for every
//! storage type in every column kind the scan reads.

use rusqlite::Connection;

use super::RawRows;

const NAMES: &[&str] = &["v"];

/// Each value in a one-column query, read both ways.
fn both<T: PartialEq + std::fmt::Debug>(
    raw: impl Fn(&RawRows<'_>) -> Result<T, rusqlite::Error>,
    get: impl Fn(&rusqlite::Row<'_>) -> rusqlite::Result<T>,
) {
    let conn = Connection::open_in_memory().unwrap();
    let values = [
        "NULL",
        "0",
        "1",
        "-1",
        "7",
        "4294967295",
        "4294967296",
        "9223372036854775807",
        "2.5",
        "-0.0",
        "'text'",
        "''",
        "'评估'",
        "x'ff'",
        "x''",
        "CAST(x'ff' AS TEXT)",
    ];
    for v in values {
        let sql = format!("SELECT {v} AS v");
        let mut rows = RawRows::query(&conn, &sql, &[], NAMES).unwrap();
        assert!(rows.step().unwrap(), "{v}");
        let ours = raw(&rows);
        let theirs = conn.query_row(&sql, [], |r| Ok(get(r))).unwrap();
        match (&ours, &theirs) {
            (Ok(a), Ok(b)) => assert_eq!(a, b, "{v}"),
            (Err(a), Err(b)) => assert_eq!(format!("{a:?}"), format!("{b:?}"), "{v}"),
            _ => panic!("{v}: raw {ours:?}, rusqlite {theirs:?}"),
        }
        assert!(!rows.step().unwrap(), "{v}: one row");
    }
}

#[test]
fn integers_read_as_rusqlite_reads_them() {
    both(|r| r.int(0), |r| r.get::<_, i64>(0));
    both(|r| r.flag(0), |r| r.get::<_, bool>(0));
    both(|r| r.opt_u32(0), |r| r.get::<_, Option<u32>>(0));
}

#[test]
fn reals_and_text_read_as_rusqlite_reads_them() {
    both(|r| r.opt_real(0), |r| r.get::<_, Option<f64>>(0));
    both(|r| r.opt_string(0), |r| r.get::<_, Option<String>>(0));
    both(|r| r.text(0).map(str::to_owned), |r| r.get::<_, String>(0));
}

#[test]
fn parameters_bind_in_order_and_rows_come_in_order() {
    let conn = Connection::open_in_memory().unwrap();
    conn.execute_batch(
        "CREATE TABLE t (a INTEGER, b TEXT);
         INSERT INTO t VALUES (1, 'x'), (2, 'y'), (3, 'z'), (4, NULL);",
    )
    .unwrap();
    let mut rows = RawRows::query(
        &conn,
        "SELECT a, b FROM t WHERE a >= ?1 AND a <= ?2 ORDER BY a",
        &[2, 4],
        &["a", "b"],
    )
    .unwrap();
    let mut got = Vec::new();
    while rows.step().unwrap() {
        got.push((rows.int(0).unwrap(), rows.opt_string(1).unwrap()));
    }
    assert_eq!(
        got,
        vec![(2, Some("y".into())), (3, Some("z".into())), (4, None)]
    );
    assert!(!rows.step().unwrap(), "done stays done");
}

#[test]
fn bad_queries_are_errors_not_crashes() {
    let conn = Connection::open_in_memory().unwrap();
    let err = RawRows::query(&conn, "SELEC 1", &[], NAMES)
        .err()
        .expect("syntax error");
    assert!(format!("{err}").contains("syntax error"), "{err}");
    assert!(RawRows::query(&conn, "SELECT * FROM nowhere", &[], NAMES).is_err());
    assert!(
        RawRows::query(&conn, "", &[], NAMES).is_err(),
        "no statement"
    );
    assert!(
        RawRows::query(&conn, "SELECT 1, 2", &[], NAMES).is_err(),
        "column count differs from the names"
    );
    assert!(
        RawRows::query(&conn, "SELECT ?1", &[1, 2], NAMES).is_err(),
        "too many parameters"
    );
    // A runtime error surfaces from step.
    let mut rows = RawRows::query(&conn, "SELECT abs(?1)", &[i64::MIN], NAMES).unwrap();
    let err = rows.step().expect_err("integer overflow");
    assert!(format!("{err}").contains("overflow"), "{err}");
}
