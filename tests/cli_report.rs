//! `assay report` and `assay round summary` on the real binary: a partly scored round, a draft
//! that changes nothing, a veto applied after combining, every output format, --recompute and
//! --verify, and the demo's Q4 round (445 accounts, 3 failed, 99.3%).

use std::path::{Path, PathBuf};

use calamine::{Data, Reader, Xlsx};
use serde_json::Value;

mod common_cli;
use common_cli::{assay, ok};

fn fixture(p: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(p)
}

fn json(db: &Path, args: &[&str]) -> Value {
    serde_json::from_str(&ok(db, args)).expect("JSON")
}

fn set(db: &Path, who: &str, account: &str, indicator: &str, input: &[&str]) {
    let mut args = vec!["score", "set", "--round", "Q1", "--account", account];
    args.extend(["--evaluator", who, "--indicator", indicator]);
    args.extend(input);
    ok(db, &args);
}

/// Two accounts on the mini rubric: 测试发布 complete by 张三 (77.5) and 李四 (100); 测试APP
/// only started by 张三.
fn partly_scored() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("t.db");
    let accounts = fixture("cli/accounts.csv");
    ok(&db, &["account", "import", accounts.to_str().unwrap()]);
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
    // 张三: quality (4 + 3 − 1) / 8 × 50 = 37.5, reach 40 / 50 × 50 = 40 → 77.5.
    set(&db, "张三", "测试发布", "layout", &["--value", "4"]);
    set(&db, "张三", "测试发布", "typos", &["--count", "1"]);
    set(&db, "张三", "测试发布", "reads", &["--value", "40"]);
    set(&db, "张三", "测试发布", "award", &["--count", "0"]);
    set(&db, "张三", "测试发布", "stale", &["--value", "0"]);
    // 李四: full marks 100.
    set(&db, "李四", "测试发布", "layout", &["--value", "5"]);
    set(&db, "李四", "测试发布", "typos", &["--count", "0"]);
    set(&db, "李四", "测试发布", "reads", &["--value", "50"]);
    set(&db, "李四", "测试发布", "award", &["--count", "0"]);
    set(&db, "李四", "测试发布", "stale", &["--value", "0"]);
    // 测试APP: one entry, in progress.
    set(&db, "张三", "测试APP", "layout", &["--value", "1"]);
    (dir, db)
}

const HEADLINE: [&str; 7] = [
    "accounts",
    "with_result",
    "in_progress",
    "passed",
    "failed",
    "pass_rate",
    "mean_total",
];

fn headline(v: &Value) -> Vec<Value> {
    HEADLINE.iter().map(|k| v[k].clone()).collect()
}

#[test]
fn a_partly_scored_round_counts_only_finished_sheets() {
    let (_dir, db) = partly_scored();
    let s = json(&db, &["round", "summary", "Q1", "--format", "json"]);
    assert_eq!(
        headline(&s),
        vec![
            Value::from(2),
            Value::from(1),
            Value::from(1),
            Value::from(1),
            Value::from(0),
            Value::from(1.0),
            Value::from(88.75)
        ]
    );
    assert_eq!(s["failures"], Value::Array(vec![]));
    let r = json(
        &db,
        &[
            "report", "--round", "Q1", "--by", "platform", "--format", "json",
        ],
    );
    assert_eq!(
        headline(&r),
        headline(&s),
        "report and round summary share one headline"
    );
    let app = r["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["account"]["name"] == "测试APP")
        .expect("app line");
    assert_eq!(app["verdict"], "unscored");
    assert_eq!(app["in_progress"], 1);
    assert!(app["total"].is_null());
    let text = ok(&db, &["round", "summary", "Q1"]);
    assert!(text.contains("100.0% (1/1)"), "{text}");
    assert!(text.contains("进行中 1"), "{text}");
    // A one-entry draft by a new evaluator changes nothing.
    set(&db, "王五", "测试发布", "layout", &["--value", "0"]);
    let again = json(&db, &["round", "summary", "Q1", "--format", "json"]);
    assert_eq!(headline(&again), headline(&s));
    assert_eq!(
        again["evaluators_in_progress"],
        serde_json::json!(["张三", "王五"])
    );
}

#[test]
fn a_veto_is_applied_after_combining() {
    let (_dir, db) = partly_scored();
    let veto = ["--veto", "监测时间点前2周内无更新"];
    set(&db, "李四", "测试发布", "stale", &veto);
    // One of two evaluators: a split the chair must reconcile (待复核), not a failure.
    let split = json(&db, &["report", "--round", "Q1", "--format", "json"]);
    assert_eq!(
        (split["failed"].clone(), split["pending_review"].clone()),
        (Value::from(0), Value::from(1))
    );
    assert!(split["results"][0]["total"].is_null(), "{split}");
    set(&db, "张三", "测试发布", "stale", &veto);
    let r = json(
        &db,
        &[
            "report", "--round", "Q1", "--format", "json", "--lang", "en",
        ],
    );
    assert_eq!(
        (r["passed"].clone(), r["failed"].clone()),
        (Value::from(0), Value::from(1))
    );
    assert_eq!(r["pass_rate"], Value::from(0.0));
    let line = &r["results"][0];
    // FailWithScore(0) sets the combined total once; the points before it stay mean(77.5, 100).
    assert_eq!(line["total"], Value::from(0.0));
    assert_eq!(line["points"], Value::from(88.75));
    assert_eq!(
        r["vetoes_by_reason"][0][0],
        "内容不更新: 监测时间点前2周内无更新"
    );
}

#[test]
fn every_format_and_the_kept_results_check() {
    let (dir, db) = partly_scored();
    let csv = assay(
        &db,
        &[
            "report",
            "--round",
            "Q1",
            "--by",
            "level,platform",
            "--format",
            "csv",
        ],
    )
    .stdout;
    assert_eq!(&csv[..3], b"\xEF\xBB\xBF");
    let text = String::from_utf8(csv[3..].to_vec()).unwrap();
    assert!(text.starts_with("层级,平台,账号,有结果"), "{text}");
    assert!(
        text.contains("市级,微信,1,1,0,0,0,1,0,100.0,88.75"),
        "{text}"
    );
    let md = ok(
        &db,
        &[
            "report",
            "--round",
            "Q1",
            "--format",
            "md",
            "--accounts",
            "--lang",
            "en",
        ],
    );
    assert!(md.contains("| id | account |"), "{md}");
    let out = dir.path().join("r.xlsx");
    ok(
        &db,
        &[
            "report",
            "--round",
            "Q1",
            "--by",
            "level",
            "--format",
            "xlsx",
            "--out",
            out.to_str().unwrap(),
        ],
    );
    let mut wb: Xlsx<_> = calamine::open_workbook(&out).expect("workbook opens");
    let names = wb.sheet_names();
    assert_eq!(names, vec!["汇总", "分组", "账号"]);
    let groups = wb.worksheet_range("分组").expect("groups sheet");
    assert_eq!(groups.get_value((1, 0)), Some(&Data::String("市级".into())));
    assert_eq!(groups.get_value((1, 9)), Some(&Data::Float(88.75)));
    let kept = ok(
        &db,
        &[
            "report", "--round", "Q1", "--format", "json", "--by", "unit",
        ],
    );
    let fresh = ok(
        &db,
        &[
            "report",
            "--round",
            "Q1",
            "--format",
            "json",
            "--by",
            "unit",
            "--recompute",
        ],
    );
    assert_eq!(kept, fresh);
    let v = ok(
        &db,
        &["report", "--round", "Q1", "--verify", "--lang", "en"],
    );
    assert!(
        v.contains("3 kept sheet results equal a full recompute"),
        "{v}"
    );
    let bad = assay(&db, &["report", "--round", "Q1", "--by", "colour"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("colour"));
}

#[test]
fn demo_q4_is_the_bulletin() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("d.db");
    ok(&db, &["demo", "--print"]);
    let r = json(
        &db,
        &[
            "report",
            "--round",
            "2024年第四季度全面检查",
            "--by",
            "level",
            "--format",
            "json",
        ],
    );
    assert_eq!(
        (r["accounts"].clone(), r["failed"].clone()),
        (Value::from(445), Value::from(3))
    );
    assert_eq!(
        format!("{:.1}", r["pass_rate"].as_f64().unwrap() * 100.0),
        "99.3"
    );
    let levels: Vec<u64> = r["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["accounts"].as_u64().unwrap())
        .collect();
    assert_eq!(levels.iter().sum::<u64>(), 445);
    let roll = json(
        &db,
        &[
            "report",
            "--round",
            "2024年第四季度全面检查",
            "--format",
            "json",
            "--rollup",
            "3,2",
            "--rollup-rule",
            "veto:59",
        ],
    );
    let cities = &roll["rollups"][1]["nodes"];
    assert!(
        cities
            .as_array()
            .unwrap()
            .iter()
            .any(|n| n["value"] == 59.0 && n["vetoed"] == true)
    );
}

/// The demo's Q4 report (groups, every account, standings) from the kept results and from a
/// full recompute, read on one connection and on several (`ASSAY_READ_THREADS`: accounts beside
/// the kept rows, the recompute's scan split by account id): the same JSON every time.
#[test]
fn demo_reports_agree_on_one_or_several_connections() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("d.db");
    ok(&db, &["demo", "--print"]);
    let report = |threads: &str, recompute: bool| {
        let mut args = vec![
            "report",
            "--round",
            "2024年第四季度全面检查",
            "--by",
            "level,platform,region:2",
            "--format",
            "json",
        ];
        if recompute {
            args.push("--recompute");
        }
        let out = common_cli::Assay::db(&db)
            .args(&args)
            .env("ASSAY_READ_THREADS", threads)
            .output();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).expect("utf-8")
    };
    let one = report("1", false);
    let v: Value = serde_json::from_str(&one).expect("JSON");
    assert_eq!(v["results"].as_array().map(Vec::len), Some(445));
    for (threads, recompute) in [("1", true), ("3", false), ("3", true), ("4", true)] {
        assert!(
            report(threads, recompute) == one,
            "{threads} connections, recompute {recompute}: the report differs"
        );
    }
}
