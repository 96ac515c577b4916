//! Database files: only ours are touched (application_id, adoption of older files, refusal of
//! foreign, damaged and missing ones, byte for byte), no second descriptor (an outside sqlite3
//! reader beside an open store), IMMEDIATE writers waiting for each other, guards restored.

use std::path::Path;
use std::process::Command;

use super::*;
use crate::storage::migrations::APPLICATION_ID;

fn sqlite3(path: &Path, sql: &str) -> String {
    let out = Command::new("sqlite3")
        .arg(path)
        .arg(sql)
        .output()
        .expect("the sqlite3 program is needed for this test: apt-get install sqlite3");
    assert!(
        out.status.success(),
        "sqlite3 {sql}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

fn app_id(path: &Path) -> i32 {
    let c = rusqlite::Connection::open(path).unwrap();
    c.pragma_query_value(None, "application_id", |r| r.get(0))
        .unwrap()
}

#[test]
fn a_new_file_is_stamped_with_our_application_id() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.db");
    drop(Store::create_or_open(&path).unwrap());
    assert_eq!(app_id(&path), APPLICATION_ID);
    // An empty file (touch) is initialised too.
    let empty = dir.path().join("empty.db");
    std::fs::write(&empty, b"").unwrap();
    drop(Store::open(&empty).unwrap());
    assert_eq!(app_id(&empty), APPLICATION_ID);
}

#[test]
fn a_missing_file_is_not_created_by_open() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("typo/assay.db");
    let err = Store::open(&path).err().expect("missing");
    assert!(matches!(err, StoreError::Missing { .. }), "{err}");
    assert!(err.to_string().contains("assay init"), "{err}");
    assert!(!dir.path().join("typo").exists());
    let flat = dir.path().join("nope.db");
    assert!(Store::open(&flat).is_err());
    assert!(!flat.exists());
}

#[test]
fn foreign_files_are_refused_byte_for_byte() {
    let dir = tempfile::tempdir().unwrap();
    let cases: [(&str, &str, &str); 4] = [
        (
            "notes.db",
            "CREATE TABLE notes (x); INSERT INTO notes VALUES ('mine');",
            "notes",
        ),
        (
            "clash.db",
            "CREATE TABLE accounts (x); CREATE TABLE history (y);",
            "accounts",
        ),
        (
            "other-id.db",
            "PRAGMA application_id = 1234; ",
            "0x000004d2",
        ),
        ("text.db", "", "not an SQLite database"),
    ];
    for (name, sql, says) in cases {
        let path = dir.path().join(name);
        if sql.is_empty() {
            std::fs::write(&path, "name,level\n一号,县级\n".repeat(20)).unwrap();
        } else {
            rusqlite::Connection::open(&path)
                .unwrap()
                .execute_batch(sql)
                .unwrap();
        }
        let before = std::fs::read(&path).unwrap();
        for open in [Store::open, Store::create_or_open] {
            let err = open(&path)
                .err()
                .unwrap_or_else(|| panic!("{name} was accepted"));
            assert!(matches!(err, StoreError::Foreign { .. }), "{name}: {err}");
            assert!(err.to_string().contains(says), "{name}: {err}");
        }
        assert!(
            std::fs::read(&path).unwrap() == before,
            "{name} was modified"
        );
        assert!(
            !dir.path().join(format!("{name}-wal")).exists(),
            "{name} was switched to WAL"
        );
    }
}

#[test]
fn a_wrong_version_on_our_file_says_damaged() {
    let dir = tempfile::tempdir().unwrap();
    for v in [1, -1, 0] {
        let path = dir.path().join(format!("v{v}.db"));
        drop(Store::create_or_open(&path).unwrap());
        {
            let c = rusqlite::Connection::open(&path).unwrap();
            c.pragma_update(None, "journal_mode", "DELETE").unwrap();
            c.pragma_update(None, "user_version", v).unwrap();
        }
        let before = std::fs::read(&path).unwrap();
        let err = Store::open(&path)
            .err()
            .unwrap_or_else(|| panic!("version {v} accepted"));
        assert!(matches!(err, StoreError::Damaged { .. }), "{v}: {err}");
        assert!(!err.to_string().contains("already exists\""), "{err}");
        assert!(
            std::fs::read(&path).unwrap() == before,
            "version {v}: file modified"
        );
    }
}

#[test]
fn an_older_file_of_ours_without_the_id_is_adopted_and_stamped() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.db");
    {
        let mut s = Store::create_or_open(&path).unwrap();
        s.insert_accounts(&sample()[..1]).unwrap();
        s.conn.pragma_update(None, "application_id", 0).unwrap();
    }
    assert_eq!(app_id(&path), 0);
    let s = Store::open(&path).unwrap();
    assert_eq!(s.list_accounts(&AccountFilter::default()).unwrap().len(), 1);
    drop(s);
    assert_eq!(app_id(&path), APPLICATION_ID);
}

#[test]
fn a_dropped_guard_trigger_is_recreated_on_open() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("g.db");
    drop(Store::create_or_open(&path).unwrap());
    sqlite3(
        &path,
        "DROP TRIGGER history_no_update; DROP TRIGGER history_append_only;",
    );
    drop(Store::open(&path).unwrap());
    let n = sqlite3(
        &path,
        "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'history_%';",
    );
    assert_eq!(n, "3");
}

/// The defect of issue 7 §1: a second descriptor of the database (the old header read) dropped
/// the store's POSIX locks, so an outside reader deleted the WAL under it and later edits were
/// lost. Now: a second store opens beside the first, an outside sqlite3 reads between edits,
/// every edit is visible outside, the WAL stays while the store is open, integrity holds.
#[test]
fn an_outside_sqlite3_reader_beside_an_open_store_loses_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("shared.db");
    let mut s = Store::create_or_open(&path).unwrap();
    s.insert_accounts(&sample()).unwrap();
    let r = s
        .create_round(&NewRound {
            name: "r".into(),
            rubric_id: "x".into(),
            rubric_version: "1".into(),
            rubric_text: "(id: \"x\")".into(),
            monitoring_date: NaiveDate::from_ymd_opt(2024, 12, 1).unwrap(),
            scope: AccountFilter::default(),
        })
        .unwrap();
    let a = s.round_accounts(r.id).unwrap()[0].id;
    let wal = dir.path().join("shared.db-wal");
    for i in 0..5 {
        // What the old code did per background job: open the same file again in this process.
        drop(Store::open(&path).unwrap());
        drop(Store::open_read_only(&path).unwrap());
        let note = format!("第{i}条");
        s.set_entry(
            r.id,
            a,
            "甲",
            &Entry {
                value: Some(1.0),
                note: note.clone(),
                ..Entry::new("i1")
            },
        )
        .unwrap();
        let seen = sqlite3(&path, "SELECT note FROM entries;");
        assert_eq!(seen, note, "edit {i} not visible to an outside reader");
        assert!(
            wal.exists(),
            "the outside reader deleted the WAL of an open store (edit {i})"
        );
        sqlite3(
            &path,
            &format!("INSERT INTO evaluators (name) VALUES ('outside{i}');"),
        );
    }
    assert_eq!(s.evaluator_id("outside4").unwrap(), 6);
    assert_eq!(s.integrity_check().unwrap(), "ok");
    assert_eq!(s.audit(None).unwrap().findings, vec![]);
    std::mem::forget(s); // like a kill: no clean close, no checkpoint
    assert_eq!(sqlite3(&path, "PRAGMA integrity_check;"), "ok");
    assert_eq!(sqlite3(&path, "SELECT count(*) FROM history;"), "5");
}

/// Four stores on one file writing at once: IMMEDIATE transactions wait for each other
/// (busy timeout) instead of failing on a read-to-write upgrade.
#[test]
fn four_concurrent_writers_all_succeed_with_their_history() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("w.db");
    let (round, account) = {
        let mut s = Store::create_or_open(&path).unwrap();
        s.insert_accounts(&sample()).unwrap();
        let r = s
            .create_round(&NewRound {
                name: "r".into(),
                rubric_id: "x".into(),
                rubric_version: "1".into(),
                rubric_text: "(id: \"x\")".into(),
                monitoring_date: NaiveDate::from_ymd_opt(2024, 12, 1).unwrap(),
                scope: AccountFilter::default(),
            })
            .unwrap();
        (r.id, s.round_accounts(r.id).unwrap()[0].id)
    };
    let writers: Vec<_> = (0..4)
        .map(|w| {
            let path = path.clone();
            std::thread::spawn(move || {
                let mut s = Store::open(&path).unwrap();
                let mut failed = 0;
                for i in 0..40 {
                    let e = Entry {
                        value: Some(f64::from(i)),
                        note: format!("w{w}"),
                        ..Entry::new(format!("i{i}"))
                    };
                    if s.set_entry(round, account, &format!("w{w}"), &e).is_err() {
                        failed += 1;
                    }
                }
                failed
            })
        })
        .collect();
    let failed: i32 = writers.into_iter().map(|t| t.join().unwrap()).sum();
    assert_eq!(failed, 0);
    let s = Store::open(&path).unwrap();
    assert_eq!(s.entries(round, account, None).unwrap().len(), 160);
    assert_eq!(s.history(round, None).unwrap().len(), 160);
    assert_eq!(s.audit(None).unwrap().findings, vec![]);
}

#[test]
fn a_read_only_store_reads_current_data_and_cannot_write() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ro.db");
    let mut s = Store::create_or_open(&path).unwrap();
    let reader = Store::open_read_only(&path).unwrap();
    s.insert_accounts(&sample()[..2]).unwrap();
    assert_eq!(
        reader
            .list_accounts(&AccountFilter::default())
            .unwrap()
            .len(),
        2
    );
    let mut reader = reader;
    assert!(reader.insert_accounts(&sample()[2..3]).is_err());
    assert!(matches!(
        Store::open_read_only(&dir.path().join("none.db")),
        Err(StoreError::Missing { .. })
    ));
}
