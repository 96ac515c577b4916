//! `assay report --compare` and `assay annual --compare` on the real binary: two rounds of one
//! rubric built here (an account that fails, one that recovers, one new, one gone), checked
//! against a hand computation; the demo's two rounds (different rubrics: totals only) against
//! their own reports; every format.

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

fn set(db: &Path, round: &str, account: &str, indicator: &str, input: &[&str]) {
    let mut args = vec!["score", "set", "--round", round, "--account", account];
    args.extend(["--evaluator", "张三", "--indicator", indicator]);
    args.extend(input);
    ok(db, &args);
}

/// One sheet of the mini rubric: layout, typos, ipv6 (apps only), reads; no award, no veto.
fn sheet(
    db: &Path,
    round: &str,
    account: &str,
    layout: &str,
    typos: &str,
    ipv6: Option<&str>,
    reads: &str,
) {
    set(db, round, account, "layout", &["--value", layout]);
    set(db, round, account, "typos", &["--count", typos]);
    if let Some(v) = ipv6 {
        set(db, round, account, "ipv6", &["--value", v]);
    }
    set(db, round, account, "reads", &["--value", reads]);
    set(db, round, account, "award", &["--count", "0"]);
    set(db, round, account, "stale", &["--value", "0"]);
}

/// Accounts A 测试发布 (WeChat, city), B 测试APP (app, city), C 第三发布 (WeChat, county),
/// D 测试微博 (Weibo, city). Q1 (2023-12-31, city accounts: A, B, D); Q2 (2024-06-30, WeChat
/// and apps: A, B, C). Mini rubric: quality (raw / raw max × 50) + reach (reads).
fn two_rounds() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("t.db");
    let csv = dir.path().join("accounts.csv");
    std::fs::write(
        &csv,
        "新媒体类型,新媒体名称,责任单位,行政层级,地区,业务领域\n\
         微信公众号,测试发布,测试市政府办公室,市级,测试省/测试市,综合\n\
         移动客户端,测试APP,测试市大数据局,市级,测试省/测试市,政务服务\n\
         微信公众号,第三发布,测试县政府办公室,县级,测试省/测试市/测试县,综合\n\
         微博,测试微博,测试市政府办公室,市级,测试省/测试市,综合\n",
    )
    .expect("write accounts");
    ok(&db, &["account", "import", csv.to_str().unwrap()]);
    let mini = fixture("cli/mini.ron");
    let rubric = mini.to_str().unwrap();
    let create = |name: &str, date: &str, scope: &[&str]| {
        let mut a = vec!["round", "create", name, "--rubric", rubric, "--date", date];
        a.extend(scope);
        ok(&db, &a);
    };
    create("Q1", "2023-12-31", &["--level", "city"]);
    create(
        "Q2",
        "2024-06-30",
        &["--platform", "wechat", "--platform", "app"],
    );
    // Q1: A (5 + 3) / 8 × 50 + 40 = 90.00; B (1 + 0 + 0) / 10 × 50 + 20 = 25.00 (fails);
    // D (4 + 2) / 8 × 50 + 25 = 62.50.
    sheet(&db, "Q1", "测试发布", "5", "0", None, "40");
    sheet(&db, "Q1", "测试APP", "1", "3", Some("0"), "20");
    sheet(&db, "Q1", "测试微博", "4", "1", None, "25");
    // Q2: A (3 + 1) / 8 × 50 + 10 = 35.00 (fails); B (5 + 3 + 2) / 10 × 50 + 50 = 100.00 (full
    // marks); C (4 + 3) / 8 × 50 + 30 = 73.75.
    sheet(&db, "Q2", "测试发布", "3", "2", None, "10");
    sheet(&db, "Q2", "测试APP", "5", "0", Some("1"), "50");
    sheet(&db, "Q2", "第三发布", "4", "0", None, "30");
    (dir, db)
}

fn f<T: Into<Value>>(x: T) -> Value {
    x.into()
}

fn account<'a>(c: &'a Value, name: &str) -> &'a Value {
    c["accounts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["name"] == name)
        .unwrap_or_else(|| panic!("{name} not in the comparison"))
}

/// The hand computation, on a round comparison or the annual one (one round a year, so the
/// annual scores are the round totals).
fn matches_the_hand_computation(c: &Value) {
    assert_eq!(c["totals_only"], Value::Bool(false));
    let a = account(c, "测试发布");
    assert_eq!(
        (a["presence"].clone(), a["change"].clone()),
        (f("both"), f(-55.0))
    );
    assert_eq!(
        (a["new_failure"].clone(), a["moved"].clone()),
        (Value::Bool(true), f(-2))
    );
    let b = account(c, "测试APP");
    assert_eq!(
        (b["change"].clone(), b["recovery"].clone()),
        (f(75.0), Value::Bool(true))
    );
    assert_eq!(b["moved"], f(2));
    let new = account(c, "第三发布");
    assert_eq!(
        (new["presence"].clone(), new["change"].clone()),
        (f("new"), Value::Null)
    );
    assert_eq!(new["after"]["total"], f(73.75));
    let gone = account(c, "测试微博");
    assert_eq!(
        (gone["presence"].clone(), gone["change"].clone()),
        (f("gone"), Value::Null)
    );
    let o = &c["overall"];
    // Means (90 + 25 + 62.5) / 3 = 59.17 → (35 + 100 + 73.75) / 3 = 69.58; pass rate 2/3 both.
    assert_eq!(
        (
            o["mean"]["before"].clone(),
            o["mean"]["after"].clone(),
            o["mean"]["change"].clone()
        ),
        (f(59.17), f(69.58), f(10.41))
    );
    assert_eq!(
        (
            o["pass_rate"]["after"].clone(),
            o["pass_rate"]["change"].clone()
        ),
        (f(0.667), f(0.0))
    );
    assert_eq!(
        (
            o["new_failures"].clone(),
            o["recoveries"].clone(),
            o["added"].clone(),
            o["left"].clone()
        ),
        (f(1), f(1), f(1), f(1))
    );
    assert_eq!(
        (
            o["before"]["full_marks"].clone(),
            o["after"]["full_marks"].clone()
        ),
        (f(0), f(1))
    );
    let risers: Vec<&Value> = c["risers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| &a["name"])
        .collect();
    let fallers: Vec<&Value> = c["fallers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| &a["name"])
        .collect();
    assert_eq!(
        (risers, fallers),
        (vec![&f("测试APP")], vec![&f("测试发布")])
    );
}

#[test]
fn two_rounds_of_one_rubric_match_the_hand_computation() {
    let (_dir, db) = two_rounds();
    let c = json(
        &db,
        &[
            "report",
            "--round",
            "Q2",
            "--compare",
            "Q1",
            "--by",
            "level",
            "--format",
            "json",
        ],
    );
    matches_the_hand_computation(&c);
    // By level: 市级 had A, B, D and has A, B; 县级 is new with C.
    let groups = c["groups"].as_array().unwrap();
    let keys: Vec<&Value> = groups.iter().map(|g| &g["key"][0]).collect();
    assert_eq!(keys, [&Value::from("县级"), &Value::from("市级")]);
    assert_eq!(
        (groups[0]["before"].clone(), groups[0]["added"].clone()),
        (Value::Null, Value::from(1))
    );
    assert_eq!(
        (groups[1]["left"].clone(), groups[1]["new_failures"].clone()),
        (Value::from(1), Value::from(1))
    );
    let table = ok(&db, &["report", "--round", "Q2", "--compare", "Q1"]);
    assert!(table.starts_with("对比：Q1 → Q2"), "{table}");
    assert!(
        table.contains("新增不合格") && table.contains("恢复合格") && table.contains("退出"),
        "{table}"
    );
}

#[test]
fn the_annual_compares_years() {
    let (dir, db) = two_rounds();
    let c = json(
        &db,
        &[
            "annual",
            "--year",
            "2024",
            "--compare",
            "2023",
            "--format",
            "json",
        ],
    );
    matches_the_hand_computation(&c);
    assert_eq!(c["before"], Value::from("2023 年"));
    let e = fails_with(&db, &["annual", "--year", "2024", "--compare", "2024"], 1);
    assert!(e.contains("--compare"), "{e}");
    let e = fails_with(&db, &["annual", "--year", "2024", "--format", "html"], 1);
    assert!(e.contains("--compare"), "{e}");
    let xlsx = dir.path().join("y.xlsx");
    let args = [
        "annual",
        "--year",
        "2024",
        "--compare",
        "2023",
        "--format",
        "xlsx",
        "--out",
    ];
    let mut args = args.to_vec();
    args.push(xlsx.to_str().unwrap());
    ok(&db, &args);
    let book: calamine::Xlsx<_> = calamine::open_workbook(&xlsx).expect("xlsx");
    let names = book.sheet_names();
    assert!(names.iter().any(|n| n.contains("分组对比")), "{names:?}");
}

#[test]
fn the_demo_rounds_compare_totals_only_as_their_reports_say() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("d.db");
    ok(&db, &["demo", "--print"]);
    let c = json(
        &db,
        &[
            "report",
            "--round",
            "2",
            "--compare",
            "1",
            "--format",
            "json",
        ],
    );
    assert_eq!(c["totals_only"], Value::Bool(true));
    assert!(
        c["accounts"]
            .as_array()
            .unwrap()
            .iter()
            .all(|a| a["new_failure"] == false && a["recovery"] == false)
    );
    assert_eq!(c["overall"]["pass_rate"]["change"], Value::Null);
    // By hand from the two reports: the accounts of each round, and each total.
    let totals = |round: &str| -> std::collections::BTreeMap<i64, Option<f64>> {
        let r = json(
            &db,
            &["report", "--round", round, "--accounts", "--format", "json"],
        );
        r["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| (a["account"]["id"].as_i64().unwrap(), a["total"].as_f64()))
            .collect()
    };
    let (one, two) = (totals("1"), totals("2"));
    let added = two.keys().filter(|k| !one.contains_key(k)).count();
    let left = one.keys().filter(|k| !two.contains_key(k)).count();
    assert_eq!(
        (
            c["overall"]["added"].as_u64(),
            c["overall"]["left"].as_u64()
        ),
        (Some(added as u64), Some(left as u64))
    );
    assert_eq!(added, 385);
    let mut checked = 0;
    for a in c["accounts"].as_array().unwrap() {
        let id = a["account_id"].as_i64().unwrap();
        if let (Some(Some(x)), Some(Some(y))) = (one.get(&id), two.get(&id)) {
            let change = a["change"].as_f64().unwrap();
            assert!(
                (change - (y - x)).abs() < 0.005,
                "{id}: {change} vs {y} − {x}"
            );
            checked += 1;
        }
    }
    assert!(checked >= 50, "{checked}");
    // 莲都发布: 90.10 in the four-dimension round, 100.00 in the Q4 check.
    let a = account(&c, "莲都发布");
    assert_eq!(a["change"], Value::from(9.9));
    let md = ok(
        &db,
        &["report", "--round", "2", "--compare", "1", "--format", "md"],
    );
    assert!(md.contains("只比较总分"), "{}", &md[..600]);
    let html = ok(
        &db,
        &[
            "--lang",
            "en",
            "report",
            "--round",
            "2",
            "--compare",
            "1",
            "--by",
            "level",
            "--format",
            "html",
        ],
    );
    assert!(
        html.contains("only totals") && html.matches("<svg").count() == 2,
        "{}",
        &html[..600]
    );
    let csv = ok(
        &db,
        &[
            "report",
            "--round",
            "2",
            "--compare",
            "1",
            "--format",
            "csv",
        ],
    );
    assert!(csv.lines().next().unwrap().contains("总分变化"));
}
