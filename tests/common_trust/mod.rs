//! Helpers of the trust tests: a whole database as text (schema and every row of every table,
//! in key order), to show that a refused command wrote nothing.
#![allow(dead_code)]

use std::path::Path;

/// The schema and every row of every table, read through SQLite (read-only).
pub fn dump(db: &Path) -> String {
    use rusqlite::{Connection, OpenFlags, types::ValueRef};
    let c = Connection::open_with_flags(db, OpenFlags::SQLITE_OPEN_READ_ONLY).expect("opens");
    let mut out = String::new();
    let tables: Vec<(String, String)> = {
        let mut st = c
            .prepare("SELECT name, coalesce(sql, '') FROM sqlite_master ORDER BY type, name")
            .unwrap();
        let rows = st.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).unwrap();
        rows.map(Result::unwrap).collect()
    };
    for (name, sql) in &tables {
        out += &format!("{sql};\n");
        if !sql.starts_with("CREATE TABLE") {
            continue;
        }
        let mut st = c.prepare(&format!("SELECT * FROM \"{name}\"")).unwrap();
        let n = st.column_count();
        let mut rows: Vec<String> = Vec::new();
        let mut q = st.query([]).unwrap();
        while let Some(r) = q.next().unwrap() {
            let cells: Vec<String> = (0..n)
                .map(|i| match r.get_ref(i).unwrap() {
                    ValueRef::Null => "NULL".into(),
                    ValueRef::Integer(v) => v.to_string(),
                    ValueRef::Real(v) => format!("{v:?}"),
                    ValueRef::Text(t) => format!("{:?}", String::from_utf8_lossy(t)),
                    ValueRef::Blob(b) => {
                        use sha2::Digest;
                        let d = sha2::Sha256::digest(b);
                        format!(
                            "x{}",
                            d.iter().map(|b| format!("{b:02x}")).collect::<String>()
                        )
                    }
                })
                .collect();
            rows.push(cells.join("|"));
        }
        rows.sort();
        out += &format!("{name}: {}\n", rows.join("\n"));
    }
    out
}
