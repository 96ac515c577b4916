//! The real binary, driven as a script or an office would: exit codes, messages, round trips.

mod common_cli;
use common_cli::{assay, ok};

use std::path::{Path, PathBuf};

fn fixture(p: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(p)
}

fn json(db: &Path, args: &[&str]) -> serde_json::Value {
    serde_json::from_str(&ok(db, args)).expect("valid JSON")
}

struct Setup {
    _dir: tempfile::TempDir,
    db: PathBuf,
}

/// A database with the two test accounts and a round on the mini rubric.
fn setup() -> Setup {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("t.db");
    ok(&db, &["init"]);
    ok(
        &db,
        &[
            "account",
            "import",
            fixture("cli/accounts.csv").to_str().unwrap(),
        ],
    );
    let rubric = fixture("cli/mini.ron");
    ok(
        &db,
        &[
            "round",
            "create",
            "Q1",
            "--rubric",
            rubric.to_str().unwrap(),
            "--date",
            "2024-03-31",
        ],
    );
    Setup { _dir: dir, db }
}

fn set(db: &Path, account: &str, indicator: &str, input: &[&str]) {
    let mut args = vec!["score", "set", "--round", "Q1", "--account", account];
    args.extend(["--evaluator", "张三", "--indicator", indicator]);
    args.extend(input);
    ok(db, &args);
}

fn outcome(db: &Path, account: &str) -> serde_json::Value {
    let v = json(
        db,
        &[
            "explain",
            "--round",
            "Q1",
            "--account",
            account,
            "--format",
            "json",
        ],
    );
    v[0]["outcome"].clone()
}

#[test]
fn usage_errors_exit_2_and_user_errors_exit_1() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("u.db");
    assert_eq!(assay(&db, &["round", "create"]).status.code(), Some(2));
    let out = assay(&db, &["rubric", "check", "/nonexistent/x.ron"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("x.ron"));
}

#[test]
fn explain_derives_range_levels_deduction_cap_na_bonus_gate_and_veto() {
    let s = setup();
    // The veto checked clean: every applicable item is scored, so the verdict is final.
    set(&s.db, "测试发布", "stale", &["--value", "0"]);
    set(&s.db, "测试发布", "layout", &["--value", "4"]);
    set(&s.db, "测试发布", "typos", &["--count", "5"]);
    set(&s.db, "测试发布", "reads", &["--value", "45"]);
    set(&s.db, "测试发布", "award", &["--count", "3"]);
    // ipv6 is for apps only: dropped, so 制作水准 is 4/8 × 50 = 25; base 70 is below the gate.
    let o = outcome(&s.db, "测试发布");
    assert!((o["base"].as_f64().unwrap() - 70.0).abs() < 1e-9, "{o}");
    assert_eq!(o["bonus"].as_f64(), Some(0.0));
    assert_eq!(o["passed"], true);
    assert_eq!(o["grade"], "合格");
    // The deduction is capped at 3 and never goes below 0.
    let typos = o["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == "typos")
        .unwrap()
        .clone();
    assert_eq!(typos["points"].as_f64(), Some(0.0));
    // One typo: 6/8 × 50 = 37.5, base 82.5 opens the gate; 3 awards × 2 capped at 4.
    set(&s.db, "测试发布", "typos", &["--count", "1"]);
    let o = outcome(&s.db, "测试发布");
    assert!((o["total"].as_f64().unwrap() - 86.5).abs() < 1e-9, "{o}");
    assert_eq!(o["grade"], "良好");
    // A veto fails the account and forces the score to 0 (FailWithScore(0)).
    set(&s.db, "测试发布", "stale", &["--veto", "1"]);
    let o = outcome(&s.db, "测试发布");
    assert_eq!(o["passed"], false);
    assert_eq!(o["total"].as_f64(), Some(0.0));
    assert_eq!(o["vetoes"][0]["reason"], "监测时间点前2周内无更新");
    let text = ok(
        &s.db,
        &["explain", "--round", "Q1", "--account", "测试发布"],
    );
    assert!(text.contains("监测时间点前2周内无更新"), "{text}");
}

#[test]
fn na_rescaling_keeps_the_scale() {
    let s = setup();
    set(&s.db, "测试APP", "layout", &["--value", "4"]);
    set(&s.db, "测试APP", "typos", &["--count", "1"]);
    set(&s.db, "测试APP", "ipv6", &["--value", "1"]);
    set(&s.db, "测试APP", "reads", &["--value", "45"]);
    // (4 + 2 + 2)/10 × 50 = 40, + 45 = 85.
    assert!((outcome(&s.db, "测试APP")["base"].as_f64().unwrap() - 85.0).abs() < 1e-9);
    // Layout N/A: (2 + 2)/5 × 50 = 40 again — same scale.
    set(&s.db, "测试APP", "layout", &["--na"]);
    assert!((outcome(&s.db, "测试APP")["base"].as_f64().unwrap() - 85.0).abs() < 1e-9);
}

#[test]
fn bad_scores_are_refused_with_the_reason() {
    let s = setup();
    for (ind, input, needle) in [
        ("layout", vec!["--value", "7"], "7"),
        ("layout", vec!["--value", "4.3"], "4.3"),
        ("typos", vec!["--value", "1"], "count"),
        ("stale", vec!["--veto", "乱写"], "乱写"),
        ("nope", vec!["--value", "1"], "nope"),
    ] {
        let mut args = vec!["score", "set", "--round", "Q1", "--account", "测试发布"];
        args.extend(["--evaluator", "张三", "--indicator", ind]);
        args.extend(&input);
        let out = assay(&s.db, &args);
        assert_eq!(out.status.code(), Some(1), "{ind} {input:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(needle), "{ind}: {err}");
    }
}

#[test]
fn lists_filter_and_print_json_and_csv() {
    let s = setup();
    let all = json(&s.db, &["account", "list", "--format", "json"]);
    assert_eq!(all.as_array().unwrap().len(), 2);
    let apps = json(
        &s.db,
        &["account", "list", "--platform", "app", "--format", "json"],
    );
    assert_eq!(apps[0]["name"], "测试APP");
    let csv = ok(&s.db, &["account", "list", "--format", "csv"]);
    assert!(csv.starts_with('\u{feff}') && csv.contains("测试发布"));
    let rounds = json(&s.db, &["round", "list", "--format", "json"]);
    assert_eq!(rounds[0]["name"], "Q1");
    assert_eq!(rounds[0]["accounts"], 2);
}

#[test]
fn completions_for_every_shell() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("c.db");
    for shell in ["bash", "zsh", "fish", "powershell"] {
        assert!(
            ok(&db, &["completions", shell]).contains("assay"),
            "{shell}"
        );
    }
}
