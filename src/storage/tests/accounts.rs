//! Tests of accounts (insert, filters, lookup) and rounds.

use super::*;
use crate::storage::*;
use chrono::NaiveDate;

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
