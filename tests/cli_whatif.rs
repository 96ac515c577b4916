//! `assay report --weights` (what-if weights) on the real binary: a swap of the weights of a
//! two-account round moves a hand-checked pair; the demo's rubric weights change nothing (τ = 1)
//! and the official side equals the report; nothing is ever written (every byte of the database
//! files is the same); bad weights exit 1 naming the value and the fix; every output says 模拟.

use std::path::{Path, PathBuf};

use calamine::Reader;
use serde_json::Value;

mod common_cli;
use common_cli::{fails_with, ok};

fn fixture(p: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(p)
}

fn json(db: &Path, args: &[&str]) -> Value {
    serde_json::from_str(&ok(db, args)).expect("JSON")
}

fn set(db: &Path, account: &str, indicator: &str, input: &[&str]) {
    let mut args = vec!["score", "set", "--round", "Q1", "--account", account];
    args.extend(["--evaluator", "张三", "--indicator", indicator]);
    args.extend(input);
    ok(db, &args);
}

/// The mini rubric weighted 制作水准 70, 传播效果 30; 测试发布 strong on the first, 测试APP on
/// the second.
fn two_accounts() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("t.db");
    let accounts = fixture("cli/accounts.csv");
    ok(&db, &["account", "import", accounts.to_str().unwrap()]);
    let mini = std::fs::read_to_string(fixture("cli/mini.ron")).expect("mini");
    let text = mini
        .replace(
            r#"name: "制作水准", weight: 50"#,
            r#"name: "制作水准", weight: 70"#,
        )
        .replace(
            r#"name: "传播效果", weight: 50"#,
            r#"name: "传播效果", weight: 30"#,
        );
    assert_ne!(text, mini, "the fixture's weights moved: update this test");
    let rubric = dir.path().join("mini70.ron");
    std::fs::write(&rubric, text).expect("write rubric");
    let r = rubric.to_str().unwrap();
    ok(
        &db,
        &[
            "round",
            "create",
            "Q1",
            "--rubric",
            r,
            "--date",
            "2024-03-31",
        ],
    );
    // 测试发布 (WeChat; ipv6 is for apps): quality (5 + 3) / 8 × 70 = 70, reach 10 / 50 × 30 = 6
    // → 76.00. Under 30/70: 30 + 14 = 44.00.
    set(&db, "测试发布", "layout", &["--value", "5"]);
    set(&db, "测试发布", "typos", &["--count", "0"]);
    set(&db, "测试发布", "reads", &["--value", "10"]);
    // 测试APP: quality (1 + 0 + 0) / 10 × 70 = 7, reach 50 / 50 × 30 = 30 → 37.00.
    // Under 30/70: 3 + 70 = 73.00.
    set(&db, "测试APP", "layout", &["--value", "1"]);
    set(&db, "测试APP", "typos", &["--count", "3"]);
    set(&db, "测试APP", "ipv6", &["--value", "0"]);
    set(&db, "测试APP", "reads", &["--value", "50"]);
    for a in ["测试发布", "测试APP"] {
        set(&db, a, "award", &["--count", "0"]);
        set(&db, a, "stale", &["--value", "0"]);
    }
    (dir, db)
}

/// The database's content: every byte of the file and of its write-ahead log (a missing log
/// reads as an empty one). The shared-memory index (-shm) is left out: every reader, even a
/// read-only one, writes its read marks there.
fn files(db: &Path) -> Vec<(String, String)> {
    use sha2::Digest;
    ["", "-wal"]
        .iter()
        .map(|ext| {
            let p = PathBuf::from(format!("{}{ext}", db.display()));
            let bytes = std::fs::read(&p).unwrap_or_default();
            let hex: String = sha2::Sha256::digest(&bytes)
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect();
            (ext.to_string(), hex)
        })
        .collect()
}

fn by_id(v: &Value, key: &str) -> Vec<(i64, Value, Value, Value, Value)> {
    let mut rows: Vec<_> = v[key]
        .as_array()
        .expect(key)
        .iter()
        .map(|a| {
            (
                a["account_id"].as_i64().unwrap(),
                a["total_before"].clone(),
                a["total_after"].clone(),
                a["rank_before"].clone(),
                a["rank_after"].clone(),
            )
        })
        .collect();
    rows.sort_by_key(|r| r.0);
    rows
}

#[test]
fn a_swap_of_the_weights_swaps_a_known_pair() {
    let (_dir, db) = two_accounts();
    let before = files(&db);
    let args = [
        "report",
        "--round",
        "Q1",
        "--weights",
        "quality=30,reach=70",
        "--format",
        "json",
    ];
    let v = json(&db, &args);
    assert_eq!(v["simulated"], Value::Bool(true));
    let rows = by_id(&v, "accounts");
    let f = |x: f64| Value::from(x);
    let n = |x: i64| Value::from(x);
    // Account 1 is 测试发布, account 2 测试APP (import order).
    assert_eq!(
        rows,
        vec![
            (1, f(76.0), f(44.0), n(1), n(2)),
            (2, f(37.0), f(73.0), n(2), n(1)),
        ]
    );
    assert_eq!(v["verdict_changed"], n(2));
    assert_eq!(
        (v["newly_failed"].clone(), v["newly_passed"].clone()),
        (n(1), n(1))
    );
    assert_eq!(v["grade_changed"], n(2));
    assert_eq!(v["rank_changed"], n(2));
    // Two accounts in reverse order: τ-b = −1.
    assert_eq!(v["tau"], f(-1.0));
    let movers: Vec<i64> = v["movers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["account_id"].as_i64().unwrap())
        .collect();
    assert_eq!(movers, [1, 2]);
    let table = ok(&db, &args[..5]);
    assert!(table.starts_with("【模拟】Q1"), "{table}");
    assert_eq!(files(&db), before, "a what-if run wrote to the database");
    // The round itself is as it was: the report still says 76 and 37.
    let r = json(
        &db,
        &["report", "--round", "Q1", "--accounts", "--format", "json"],
    );
    let totals: Vec<Value> = r["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["total"].clone())
        .collect();
    assert_eq!(totals, [f(76.0), f(37.0)]);
}

#[test]
fn bad_weights_exit_1_naming_the_value_and_the_fix() {
    let (_dir, db) = two_accounts();
    let run = |w: &str, lang: &str| {
        fails_with(
            &db,
            &["--lang", lang, "report", "--round", "Q1", "--weights", w],
            1,
        )
    };
    let e = run("quality=30,speed=70", "zh");
    assert!(
        e.contains("「speed」") && e.contains("quality,reach"),
        "{e}"
    );
    let e = run("quality=30", "en");
    assert!(
        e.contains("\"reach\"") && e.contains("--weights quality=70,reach=30"),
        "{e}"
    );
    let e = run("quality=40,reach=70", "zh");
    assert!(e.contains("110") && e.contains("100"), "{e}");
    let e = run("quality=-30,reach=130", "en");
    assert!(e.contains("\"-30\"") && e.contains("0 or more"), "{e}");
    let variant = fixture("cli/mini.ron");
    let e = fails_with(
        &db,
        &[
            "report",
            "--round",
            "Q1",
            "--weights-from",
            variant.to_str().unwrap(),
            "--verify",
        ],
        1,
    );
    assert!(e.contains("--verify"), "{e}");
}

#[test]
fn a_rubric_variant_gives_its_weights() {
    let (_dir, db) = two_accounts();
    // The plain mini rubric is the 50/50 variant: 测试发布 50 + 10 = 60, 测试APP 5 + 50 = 55.
    let variant = fixture("cli/mini.ron");
    let args = [
        "report",
        "--round",
        "Q1",
        "--weights-from",
        variant.to_str().unwrap(),
    ];
    let mut args = args.to_vec();
    args.extend(["--format", "json"]);
    let v = json(&db, &args);
    let rows = by_id(&v, "accounts");
    assert_eq!(
        (rows[0].2.clone(), rows[1].2.clone()),
        (Value::from(60.0), Value::from(55.0))
    );
    assert_eq!(v["weights"][0]["whatif"], Value::from(50));
}

#[test]
fn the_demo_under_its_own_weights_changes_nothing_and_every_output_says_simulated() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("d.db");
    ok(&db, &["demo", "--print"]);
    let round = "2024年莲都区政务新媒体四维评估";
    let before = files(&db);
    let own = "fit=25,craft=30,reach=20,interact=25";
    let v = json(
        &db,
        &[
            "report",
            "--round",
            round,
            "--weights",
            own,
            "--format",
            "json",
        ],
    );
    assert_eq!(v["tau"], Value::from(1.0));
    for k in ["verdict_changed", "grade_changed", "rank_changed"] {
        assert_eq!(v[k], Value::from(0), "{k}");
    }
    assert_eq!(v["movers"], Value::Array(vec![]));
    let rows = by_id(&v, "accounts");
    assert!(rows.len() >= 50 && rows.iter().all(|r| r.1 == r.2 && r.3 == r.4));
    // The official side is the report's own result for every account.
    let r = json(
        &db,
        &["report", "--round", round, "--accounts", "--format", "json"],
    );
    let mut official: Vec<(i64, Value, Value)> = r["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            (
                a["account"]["id"].as_i64().unwrap(),
                a["total"].clone(),
                a["rank"].clone(),
            )
        })
        .collect();
    official.sort_by_key(|o| o.0);
    let ours: Vec<(i64, Value, Value)> = rows
        .iter()
        .map(|r| (r.0, r.1.clone(), r.3.clone()))
        .collect();
    assert_eq!(ours, official);
    // Other weights: something moves, τ below 1, and still nothing is written.
    let other = "fit=30,craft=25,reach=25,interact=20";
    let v = json(
        &db,
        &[
            "report",
            "--round",
            round,
            "--weights",
            other,
            "--format",
            "json",
        ],
    );
    let tau = v["tau"].as_f64().unwrap();
    assert!(tau < 1.0 && tau > 0.5, "{tau}");
    assert!(v["rank_changed"].as_u64().unwrap() > 0);
    let base = ["report", "--round", round, "--weights", other, "--format"];
    let out = |fmt: &str, lang: &str| {
        let mut a = vec!["--lang", lang];
        a.extend(base);
        a.push(fmt);
        ok(&db, &a)
    };
    assert!(out("md", "zh").starts_with("# 【模拟】"));
    assert!(out("md", "en").starts_with("# SIMULATED"));
    let html = out("html", "zh");
    assert!(
        html.contains("<title>【模拟】") && html.contains("<svg"),
        "{}",
        &html[..400]
    );
    assert!(
        out("csv", "zh")
            .lines()
            .next()
            .unwrap()
            .contains("模拟排名")
    );
    assert!(
        out("csv", "en")
            .lines()
            .next()
            .unwrap()
            .contains("SIMULATED rank")
    );
    assert!(out("table", "en").starts_with("SIMULATED"));
    let xlsx = dir.path().join("w.xlsx");
    let mut a = base.to_vec();
    a.extend(["xlsx", "--out", xlsx.to_str().unwrap()]);
    ok(&db, &a);
    let book: calamine::Xlsx<_> = calamine::open_workbook(&xlsx).expect("xlsx");
    let names = book.sheet_names();
    assert!(
        names.len() >= 5 && names.iter().all(|n| n.contains("模拟")),
        "{names:?}"
    );
    assert_eq!(files(&db), before, "a what-if run wrote to the database");
    // HTML is a what-if (and comparison) format; a plain report says what to use.
    let e = fails_with(&db, &["report", "--round", round, "--format", "html"], 1);
    assert!(e.contains("--format md") && e.contains("--weights"), "{e}");
}
