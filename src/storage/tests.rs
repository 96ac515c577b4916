//! Storage tests on in-memory databases (temporary files for open, refusal and locking).

use super::*;
use crate::domain::account::Account;

fn acc(
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

fn sample() -> Vec<Account> {
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

fn store_with_round() -> (Store, Round) {
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

fn names(v: &[Account]) -> Vec<String> {
    v.iter()
        .map(|a| format!("{}:{}", a.platform.code(), a.name))
        .collect()
}

#[test]
fn migrations_are_idempotent() {
    let mut s = Store::open_in_memory().unwrap();
    assert_eq!(migrations::user_version(&s.conn).unwrap(), SCHEMA_VERSION);
    migrations::migrate(&mut s.conn).unwrap();
    migrations::migrate(&mut s.conn).unwrap();
    assert_eq!(migrations::user_version(&s.conn).unwrap(), SCHEMA_VERSION);
    let tables: i64 = s
        .conn
        .query_row(
            "SELECT count(*) FROM sqlite_schema WHERE type = 'table'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(tables, 7);
}

#[test]
fn reopening_a_file_keeps_data_and_version() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nested/deeper/a.db");
    {
        let mut s = Store::open(&path).unwrap();
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
    drop(Store::open(&path).unwrap());
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

#[test]
fn insert_is_all_or_nothing_on_a_duplicate() {
    let mut s = Store::open_in_memory().unwrap();
    s.insert_accounts(&sample()[..2]).unwrap();
    let mut batch = sample()[2..].to_vec();
    batch.push(sample()[0].clone());
    let err = s.insert_accounts(&batch).unwrap_err().to_string();
    assert!(
        err.contains("微信服务号:云和交警") && err.contains("nothing was imported"),
        "{err}"
    );
    assert_eq!(s.list_accounts(&AccountFilter::default()).unwrap().len(), 2);
    // A duplicate inside one batch fails it too.
    let twice = vec![sample()[2].clone(), sample()[2].clone()];
    assert!(s.insert_accounts(&twice).is_err());
    assert_eq!(s.list_accounts(&AccountFilter::default()).unwrap().len(), 2);
}

#[test]
fn accounts_round_trip() {
    let mut s = Store::open_in_memory().unwrap();
    let ids = s.insert_accounts(&sample()).unwrap();
    let got = s.account(ids[0]).unwrap();
    let mut want = sample()[0].clone();
    want.id = ids[0];
    assert_eq!(got, want);
    assert!(matches!(s.account(999), Err(StoreError::NotFound(_))));
}

#[test]
fn filters() {
    let mut s = Store::open_in_memory().unwrap();
    s.insert_accounts(&sample()).unwrap();
    let list = |f: AccountFilter| names(&s.list_accounts(&f).unwrap());
    let f = AccountFilter {
        levels: vec![Level::City, Level::Province],
        ..Default::default()
    };
    assert_eq!(
        list(f),
        ["weibo:丽水发布", "wechat:丽水市教育", "app:浙里办"]
    );
    let f = AccountFilter {
        platforms: vec![Platform::Douyin],
        ..Default::default()
    };
    assert_eq!(list(f), ["douyin:云和交警"]);
    // Whole segments only: 浙江省/丽水 must not match 浙江省/丽水市/….
    let f = AccountFilter {
        region: Some("浙江省/丽水".into()),
        ..Default::default()
    };
    assert_eq!(list(f), ["wechat:丽水市教育"]);
    let f = AccountFilter {
        region: Some("浙江省/丽水市/".into()),
        ..Default::default()
    };
    assert_eq!(
        list(f),
        [
            "wechat:云和交警",
            "douyin:云和交警",
            "weibo:丽水发布",
            "wechat:崇头镇"
        ]
    );
    let f = AccountFilter {
        domain: Some("公安".into()),
        ..Default::default()
    };
    assert_eq!(list(f).len(), 2);
    let f = AccountFilter {
        text: Some("教育单位".into()),
        ..Default::default()
    };
    assert_eq!(list(f), ["wechat:丽水市教育"]);
    let f = AccountFilter {
        levels: vec![Level::County],
        platforms: vec![Platform::WeChat],
        region: Some("浙江省".into()),
        ..Default::default()
    };
    assert_eq!(list(f), ["wechat:云和交警"]);
}

#[test]
fn find_account_cases() {
    let mut s = Store::open_in_memory().unwrap();
    let ids = s.insert_accounts(&sample()).unwrap();
    assert_eq!(
        s.find_account(&ids[2].to_string()).unwrap().name,
        "丽水发布"
    );
    assert_eq!(s.find_account("丽水发布").unwrap().id, ids[2]);
    let err = s.find_account("云和交警").unwrap_err();
    let msg = err.to_string();
    assert!(matches!(err, StoreError::Ambiguous { .. }), "{msg}");
    assert!(
        msg.contains("微信服务号:云和交警") && msg.contains("抖音:云和交警"),
        "{msg}"
    );
    assert_eq!(s.find_account("抖音:云和交警").unwrap().id, ids[1]);
    assert_eq!(s.find_account("douyin:云和交警").unwrap().id, ids[1]);
    assert_eq!(s.find_account("微信服务号:云和交警").unwrap().id, ids[0]);
    assert_eq!(s.find_account("微信：云和交警").unwrap().id, ids[0]);
    assert!(matches!(
        s.find_account("微博:云和交警"),
        Err(StoreError::NotFound(_))
    ));
    assert!(matches!(
        s.find_account("不存在"),
        Err(StoreError::NotFound(_))
    ));
}

#[test]
fn rounds_pin_rubric_and_fix_scope() {
    let mut s = Store::open_in_memory().unwrap();
    s.insert_accounts(&sample()).unwrap();
    let text = "(id: \"four\", version: \"1\")";
    let new = NewRound {
        name: "县级".into(),
        rubric_id: "four".into(),
        rubric_version: "1".into(),
        rubric_text: text.into(),
        monitoring_date: NaiveDate::from_ymd_opt(2024, 12, 1).unwrap(),
        scope: AccountFilter {
            levels: vec![Level::County],
            ..Default::default()
        },
    };
    let r = s.create_round(&new).unwrap();
    assert_eq!(r.rubric_hash.len(), 64);
    assert_eq!(r.rubric_hash, rounds::sha256_hex(text));
    assert_eq!(
        rounds::sha256_hex("abc"),
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    );
    // Accounts imported later do not join the round.
    s.insert_accounts(&[acc(
        Platform::Weibo,
        "微博",
        "新账号",
        Level::County,
        "浙江省",
        "",
    )])
    .unwrap();
    assert_eq!(s.round_accounts(r.id).unwrap().len(), 2);
    assert_eq!(s.round(&r.id.to_string()).unwrap(), r);
    assert_eq!(s.round("县级").unwrap().scope, new.scope);
    assert_eq!(s.rounds().unwrap().len(), 1);
    assert!(
        s.create_round(&new)
            .unwrap_err()
            .to_string()
            .contains("already exists")
    );
    assert!(matches!(s.round("nope"), Err(StoreError::NotFound(_))));
}

#[test]
fn every_edit_writes_history() {
    let (mut s, r) = store_with_round();
    let a = s.find_account("丽水发布").unwrap().id;
    let mut e = Entry::new("update");
    e.value = Some(8.0);
    s.set_entry(r.id, a, "张三", &e).unwrap();
    e.value = Some(9.0);
    e.evidence = vec!["https://example.org/1".into()];
    s.set_entry(r.id, a, "张三", &e).unwrap();
    s.set_entry(r.id, a, "张三", &e).unwrap(); // unchanged: no new row
    s.clear_entry(r.id, a, "张三", "update").unwrap();
    s.set_submission(r.id, a, "张三", Submission::Submitted)
        .unwrap();
    let h = s.history(r.id, Some(a)).unwrap();
    assert_eq!(h.len(), 4);
    assert!(h[0].old.is_none() && h[0].new.as_deref().unwrap().contains("8.0"));
    assert!(
        h[1].old.as_deref().unwrap().contains("8.0")
            && h[1].new.as_deref().unwrap().contains("example.org")
    );
    assert!(h[2].old.is_some() && h[2].new.is_none());
    assert_eq!(h[3].indicator, SUBMISSION_INDICATOR);
    assert!(
        h.iter()
            .all(|x| x.evaluator == "张三" && x.at.ends_with('Z'))
    );
    assert!(s.entries(r.id, a, None).unwrap().is_empty());
    assert_eq!(
        s.submission(r.id, a, "张三").unwrap(),
        Submission::Submitted
    );
    assert_eq!(s.submission(r.id, a, "李四").unwrap(), Submission::Draft);
    // The history cannot be rewritten.
    assert!(s.conn.execute("DELETE FROM history", []).is_err());
}

#[test]
fn entries_round_trip_and_stream() {
    let (mut s, r) = store_with_round();
    let accounts = s.round_accounts(r.id).unwrap();
    let mut e = Entry::new("veto.silent");
    e.veto = Some("内容不更新".into());
    e.note = "两周未更新".into();
    s.set_entry(r.id, accounts[1].id, "李四", &e).unwrap();
    let mut c = Entry::new("ded.typo");
    c.count = Some(3);
    s.set_entry(r.id, accounts[0].id, "张三", &c).unwrap();
    s.set_entry(
        r.id,
        accounts[0].id,
        "李四",
        &Entry {
            na: true,
            ..Entry::new("ipv6")
        },
    )
    .unwrap();
    let got = s.entries(r.id, accounts[1].id, Some("李四")).unwrap();
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].entry, e);
    assert!(
        s.entries(r.id, accounts[1].id, Some("张三"))
            .unwrap()
            .is_empty()
    );
    let mut seen = Vec::new();
    s.for_each_entry(r.id, &mut |x| {
        seen.push((x.account_id, x.evaluator, x.entry.indicator))
    })
    .unwrap();
    let a0 = accounts[0].id;
    // Evaluators come in id order: 李四 was created first.
    assert_eq!(
        seen,
        [
            (a0, "李四".into(), "ipv6".into()),
            (a0, "张三".into(), "ded.typo".into()),
            (accounts[1].id, "李四".into(), "veto.silent".into()),
        ]
    );
    assert_eq!(s.round_evaluators(r.id).unwrap(), ["张三", "李四"]);
}

#[test]
fn edits_outside_the_round_are_refused() {
    let (mut s, r) = store_with_round();
    let err = s
        .set_entry(r.id, 999, "张三", &Entry::new("x"))
        .unwrap_err();
    assert!(err.to_string().contains("not in the scope"), "{err}");
    assert!(s.set_entry(r.id, 1, " ", &Entry::new("x")).is_err());
    assert!(s.history(r.id, None).unwrap().is_empty());
}

#[test]
fn bulk_entries_all_or_nothing() {
    let (mut s, r) = store_with_round();
    let ev = s.evaluator_id("gen").unwrap();
    let accounts: Vec<i64> = s
        .round_accounts(r.id)
        .unwrap()
        .iter()
        .map(|a| a.id)
        .collect();
    let mut rows = accounts.iter().flat_map(|&a| {
        (0..10).map(move |i| {
            (
                a,
                ev,
                Entry {
                    value: Some(f64::from(i)),
                    ..Entry::new(format!("i{i:02}"))
                },
            )
        })
    });
    assert_eq!(s.bulk_entries(r.id, &mut rows).unwrap(), 60);
    let mut n = 0;
    s.for_each_entry(r.id, &mut |_| n += 1).unwrap();
    assert_eq!(n, 60);
    assert!(s.history(r.id, None).unwrap().is_empty());
    let mut again = vec![
        (accounts[0], ev, Entry::new("new")),
        (accounts[0], ev, Entry::new("i00")),
    ]
    .into_iter();
    let err = s.bulk_entries(r.id, &mut again).unwrap_err().to_string();
    assert!(err.contains("row 2") && err.contains("duplicates"), "{err}");
    let mut outside = vec![(999, ev, Entry::new("z"))].into_iter();
    assert!(
        s.bulk_entries(r.id, &mut outside)
            .unwrap_err()
            .to_string()
            .contains("not in the round")
    );
    n = 0;
    s.for_each_entry(r.id, &mut |_| n += 1).unwrap();
    assert_eq!(n, 60);
}
