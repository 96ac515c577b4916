//! `assay offenders` on the real binary: three rounds of the mini rubric in 2024 where 测试发布
//! loses points on 错别字 twice and 测试APP is vetoed (内容不更新) in the first two rounds; the
//! default rule flags both with their history, seed 003's (two rounds in a row) flags only the
//! account that failed twice in the year, and a window that cannot be met exits 1.

use std::path::{Path, PathBuf};

use serde_json::Value;

mod common_cli;
use common_cli::{fails_with, ok};

fn fixture(p: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(p)
}

fn set(db: &Path, round: &str, account: &str, indicator: &str, input: &[&str]) {
    let mut args = vec!["score", "set", "--round", round, "--account", account];
    args.extend(["--evaluator", "张三", "--indicator", indicator]);
    args.extend(input);
    ok(db, &args);
}

/// A sheet at full marks but `typos` typos and, when `stale`, the 内容不更新 veto.
fn sheet(db: &Path, round: &str, account: &str, typos: &str, stale: bool) {
    set(db, round, account, "layout", &["--value", "5"]);
    set(db, round, account, "typos", &["--count", typos]);
    if account == "测试APP" {
        set(db, round, account, "ipv6", &["--value", "1"]);
    }
    set(db, round, account, "reads", &["--value", "50"]);
    set(db, round, account, "award", &["--count", "0"]);
    let veto: &[&str] = if stale {
        &["--veto", "1"]
    } else {
        &["--value", "0"]
    };
    set(db, round, account, "stale", veto);
}

fn three_rounds() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("t.db");
    let accounts = fixture("cli/accounts.csv");
    ok(&db, &["account", "import", accounts.to_str().unwrap()]);
    let mini = fixture("cli/mini.ron");
    for (name, date) in [
        ("一季度", "2024-03-31"),
        ("二季度", "2024-06-30"),
        ("三季度", "2024-09-30"),
    ] {
        ok(
            &db,
            &[
                "round",
                "create",
                name,
                "--rubric",
                mini.to_str().unwrap(),
                "--date",
                date,
            ],
        );
    }
    sheet(&db, "一季度", "测试发布", "2", false);
    sheet(&db, "一季度", "测试APP", "0", true);
    sheet(&db, "二季度", "测试发布", "1", false);
    sheet(&db, "二季度", "测试APP", "0", true);
    sheet(&db, "三季度", "测试发布", "0", false);
    sheet(&db, "三季度", "测试APP", "0", false);
    (dir, db)
}

fn flagged(v: &Value) -> Vec<(String, Vec<String>)> {
    v["offenders"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| {
            let reasons = o["reasons"]
                .as_array()
                .unwrap()
                .iter()
                .map(|r| match r["criterion"].as_str().unwrap() {
                    "same_finding" => format!("{}×{}", r["item"].as_str().unwrap(), r["times"]),
                    c => format!("{c}×{}", r["times"]),
                })
                .collect();
            (o["account"]["name"].as_str().unwrap().to_owned(), reasons)
        })
        .collect()
}

#[test]
fn the_same_finding_twice_or_two_failures_in_a_year_are_flagged_with_their_history() {
    let (_dir, db) = three_rounds();
    let v: Value = serde_json::from_str(&ok(&db, &["offenders", "--format", "json"])).unwrap();
    let got = flagged(&v);
    let names: Vec<&str> = got.iter().map(|g| g.0.as_str()).collect();
    assert_eq!(names, ["测试发布", "测试APP"], "{got:?}");
    assert!(got[0].1.contains(&"typos×2".to_owned()), "{got:?}");
    assert!(got[1].1.contains(&"stale×2".to_owned()), "{got:?}");
    assert!(got[1].1.contains(&"failed_in_year×2".to_owned()), "{got:?}");
    // The history: every round read, with its verdict and findings.
    let h = &v["offenders"][1]["history"];
    let rows: Vec<(&str, &str)> = h
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["round"].as_str().unwrap(), r["verdict"].as_str().unwrap()))
        .collect();
    assert_eq!(
        rows,
        [
            ("一季度", "failed"),
            ("二季度", "failed"),
            ("三季度", "passed")
        ]
    );
    assert_eq!(v["offenders"][0]["advice"], "close_or_merge");
    let table = ok(&db, &["offenders"]);
    assert!(
        table.contains("建议关停或整合")
            && table.contains("「错别字」在最近 3 个轮次中 2 次被扣分"),
        "{table}"
    );
    assert!(
        table.contains("2024 年内 2 次不合格") && table.contains("内容不更新（否决）"),
        "{table}"
    );
}

#[test]
fn seed_003_reads_the_last_two_rounds_and_advises_merging() {
    let (_dir, db) = three_rounds();
    let v: Value = serde_json::from_str(&ok(
        &db,
        &["offenders", "--preset", "seed003", "--format", "json"],
    ))
    .unwrap();
    // 二季度 and 三季度 share no finding; 测试APP still failed twice in 2024.
    let got = flagged(&v);
    assert_eq!(
        got,
        [("测试APP".to_owned(), vec!["failed_in_year×2".to_owned()])]
    );
    assert_eq!(v["offenders"][0]["advice"], "merge");
    assert_eq!(v["rule"]["rounds"], 2);
    // --times 3 of 3: nobody has a finding three times; the failures still count.
    let v: Value = serde_json::from_str(&ok(
        &db,
        &[
            "offenders",
            "--rounds",
            "3",
            "--times",
            "3",
            "--format",
            "json",
        ],
    ))
    .unwrap();
    assert_eq!(flagged(&v).len(), 1);
    let e = fails_with(&db, &["offenders", "--rounds", "4", "--times", "5"], 1);
    assert!(e.contains("--times 5") && e.contains("--rounds 4"), "{e}");
    let e = fails_with(&db, &["offenders", "--year", "2023"], 1);
    assert!(e.contains("2023"), "{e}");
}
