//! Storage tests on in-memory databases (temporary files for open, refusal and locking):
//! shared fixtures and the tests of opening and migrations.

mod accounts;
mod city;
mod consensus;
mod corrections;
mod files;
mod kept;
mod lock;
mod ops_index;
mod panel;
mod post_weeks;
mod scores;
mod tamper;

use super::*;
use crate::domain::account::Account;

pub(super) fn acc(
    platform: Platform,
    label: &str,
    name: &str,
    level: Level,
    region: &str,
    domain: &str,
) -> Account {
    Account {
        id: 0,
        platform,
        platform_label: label.into(),
        name: name.into(),
        unit: format!("{name}单位"),
        level,
        region: region.into(),
        domain: domain.into(),
        status: "正常".into(),
        opened: NaiveDate::from_ymd_opt(2021, 3, 5),
    }
}

pub(super) fn sample() -> Vec<Account> {
    vec![
        acc(
            Platform::WeChat,
            "微信服务号",
            "云和交警",
            Level::County,
            "浙江省/丽水市/云和县",
            "公安",
        ),
        acc(
            Platform::Douyin,
            "抖音",
            "云和交警",
            Level::County,
            "浙江省/丽水市/云和县",
            "公安",
        ),
        acc(
            Platform::Weibo,
            "微博",
            "丽水发布",
            Level::City,
            "浙江省/丽水市",
            "宣传",
        ),
        acc(
            Platform::WeChat,
            "微信订阅号",
            "丽水市教育",
            Level::City,
            "浙江省/丽水",
            "教育",
        ),
        acc(
            Platform::App,
            "APP",
            "浙里办",
            Level::Province,
            "浙江省",
            "政务服务",
        ),
        acc(
            Platform::WeChat,
            "微信订阅号",
            "崇头镇",
            Level::Township,
            "浙江省/丽水市/云和县/崇头镇",
            "",
        ),
    ]
}

pub(super) fn store_with_round() -> (Store, Round) {
    let mut s = Store::open_in_memory().unwrap();
    s.insert_accounts(&sample()).unwrap();
    let round = s
        .create_round(&NewRound {
            name: "2024Q4".into(),
            rubric_id: "four".into(),
            rubric_version: "1".into(),
            rubric_text: "(id: \"four\")".into(),
            monitoring_date: NaiveDate::from_ymd_opt(2024, 12, 1).unwrap(),
            scope: AccountFilter::default(),
        })
        .unwrap();
    (s, round)
}

pub(super) fn names(v: &[Account]) -> Vec<String> {
    v.iter()
        .map(|a| format!("{}:{}", a.platform.code(), a.name))
        .collect()
}

#[test]
fn migrations_are_idempotent() {
    let schema = |s: &Store| -> Vec<String> {
        let mut stmt = s
            .conn
            .prepare("SELECT type || ' ' || name FROM sqlite_schema ORDER BY 1")
            .unwrap();
        stmt.query_map([], |r| r.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap()
    };
    let mut s = Store::open_in_memory().unwrap();
    assert_eq!(migrations::user_version(&s.conn).unwrap(), SCHEMA_VERSION);
    let before = schema(&s);
    for table in [
        "accounts",
        "rounds",
        "round_accounts",
        "evaluators",
        "entries",
        "history",
        "submissions",
    ] {
        assert!(
            before.contains(&format!("table {table}")),
            "{table} missing: {before:?}"
        );
    }
    migrations::migrate(&mut s.conn).unwrap();
    migrations::migrate(&mut s.conn).unwrap();
    assert_eq!(migrations::user_version(&s.conn).unwrap(), SCHEMA_VERSION);
    assert_eq!(schema(&s), before);
}

#[test]
fn an_older_database_is_migrated_step_by_step() {
    let mut conn = rusqlite::Connection::open_in_memory().unwrap();
    conn.execute_batch(MIGRATIONS[0].sql).unwrap();
    conn.pragma_update(None, "user_version", 1).unwrap();
    conn.execute("INSERT INTO evaluators (name) VALUES ('kept')", [])
        .unwrap();
    migrations::migrate(&mut conn).unwrap();
    assert_eq!(migrations::user_version(&conn).unwrap(), SCHEMA_VERSION);
    let kept: String = conn
        .query_row("SELECT name FROM evaluators", [], |r| r.get(0))
        .unwrap();
    assert_eq!(kept, "kept");
}

#[test]
fn reopening_a_file_keeps_data_and_version() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nested/deeper/a.db");
    {
        let mut s = Store::create_or_open(&path).unwrap();
        s.insert_accounts(&sample()[..1]).unwrap();
        let mode: String = s
            .conn
            .query_row("PRAGMA journal_mode", [], |r| r.get(0))
            .unwrap();
        assert_eq!(mode, "wal");
        let fk: i64 = s
            .conn
            .query_row("PRAGMA foreign_keys", [], |r| r.get(0))
            .unwrap();
        assert_eq!(fk, 1);
    }
    let s = Store::open(&path).unwrap();
    assert_eq!(s.list_accounts(&AccountFilter::default()).unwrap().len(), 1);
}

#[test]
fn a_newer_database_is_refused_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("new.db");
    drop(Store::create_or_open(&path).unwrap());
    {
        let c = rusqlite::Connection::open(&path).unwrap();
        c.pragma_update(None, "journal_mode", "DELETE").unwrap();
        c.pragma_update(None, "user_version", 9999).unwrap();
    }
    let before = std::fs::read(&path).unwrap();
    let err = Store::open(&path)
        .err()
        .expect("a newer database must be refused");
    assert!(
        matches!(err, StoreError::TooNew { found: 9999, .. }),
        "{err}"
    );
    assert!(err.to_string().contains("upgrade assay"), "{err}");
    assert_eq!(std::fs::read(&path).unwrap(), before);
    assert!(!path.with_extension("db-wal").exists());
}

#[test]
fn a_locked_database_names_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("locked.db");
    let holder = rusqlite::Connection::open(&path).unwrap();
    holder
        .execute_batch("CREATE TABLE t (x); BEGIN EXCLUSIVE; INSERT INTO t VALUES (1);")
        .unwrap();
    let err = Store::open_with_timeout(&path, std::time::Duration::from_millis(50))
        .err()
        .unwrap();
    assert!(matches!(err, StoreError::Locked { .. }), "{err}");
    assert!(err.to_string().contains("locked.db"), "{err}");
}
