//! The real binary on issue 8's CLI side: submitting and the submit lock, the history, notes and
//! links in `explain`, evidence parsing, and messages in the interface's language.

mod common_cli;
use common_cli::{assay, english_run, ok};

use std::path::{Path, PathBuf};
use std::process::Output;

fn fixture(p: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(p)
        .display()
        .to_string()
}

/// Runs a command that must fail with `code`; returns its stderr.
fn fails(db: &Path, args: &[&str], code: i32) -> String {
    let out = assay(db, args);
    let err = String::from_utf8_lossy(&out.stderr).to_string();
    assert_eq!(out.status.code(), Some(code), "assay {args:?}: {err}");
    err
}

struct Setup {
    _dir: tempfile::TempDir,
    db: PathBuf,
}

fn setup() -> Setup {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("t.db");
    ok(&db, &["init"]);
    ok(&db, &["account", "import", &fixture("cli/accounts.csv")]);
    let rubric = fixture("cli/mini.ron");
    ok(
        &db,
        &[
            "round",
            "create",
            "Q1",
            "--rubric",
            &rubric,
            "--date",
            "2024-03-31",
        ],
    );
    Setup { _dir: dir, db }
}

fn set(db: &Path, indicator: &str, input: &[&str]) -> Output {
    let mut args = vec!["score", "set", "--round", "Q1", "--account", "测试发布"];
    args.extend(["--evaluator", "张三", "--indicator", indicator]);
    args.extend(input);
    assay(db, &args)
}

const SHEET: [&str; 6] = [
    "--round",
    "Q1",
    "--account",
    "测试发布",
    "--evaluator",
    "张三",
];

fn submit(db: &Path) -> Output {
    let mut args = vec!["score", "submit"];
    args.extend(SHEET);
    assay(db, &args)
}

/// A dead account takes one veto and a submit: the other items stay 「因单项否决未评」, the
/// account fails, and the score is 「—」 where the veto policy needs the missing items.
#[test]
fn a_veto_alone_settles_and_submits_the_sheet() {
    let s = setup();
    assert!(set(&s.db, "stale", &["--veto", "1"]).status.success());
    let out = submit(&s.db);
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        said.contains("已提交") && said.contains("因单项否决未评"),
        "{said}"
    );
    let mut args = vec!["explain"];
    args.extend(SHEET);
    let e = ok(&s.db, &args);
    assert!(e.contains("因单项否决未评"), "{e}");
    let json = ok(&s.db, &["report", "--round", "Q1", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let r = (v["results"].as_array().unwrap().iter())
        .find(|r| r["account"]["name"] == "测试发布")
        .expect("the vetoed account has a result");
    assert_eq!(r["verdict"], "failed", "{r}");
    // The panel result names no total of the sheet (it has none) and no platform code; the
    // report's categories are 「因单项否决未评」, never 不适用 (they apply).
    let p = ok(&s.db, &["panel", "result", "--round", "Q1"]);
    let line = p.lines().find(|l| l.contains("测试发布")).expect("a line");
    assert!(line.contains("张三 —（单项否决）"), "{p}");
    assert!(!line.contains("wechat") && !line.contains("100"), "{p}");
    let csv = ok(
        &s.db,
        &["report", "--round", "Q1", "--accounts", "--format", "csv"],
    );
    let row = csv.lines().find(|l| l.contains("测试发布")).expect("a row");
    assert!(
        row.contains("因单项否决未评") && !row.contains("不适用"),
        "{row}"
    );
}

#[test]
fn submit_refuses_an_incomplete_sheet_naming_what_is_missing_then_locks() {
    let s = setup();
    assert!(set(&s.db, "layout", &["--value", "4"]).status.success());
    let out = submit(&s.db);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("typos") && err.contains("stale") && !err.contains("layout"),
        "{err}"
    );
    for (ind, input) in [
        ("typos", ["--count", "0"]),
        ("reads", ["--value", "40"]),
        ("award", ["--count", "0"]),
        ("stale", ["--value", "0"]),
    ] {
        assert!(set(&s.db, ind, &input).status.success(), "{ind}");
    }
    let out = submit(&s.db);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("已提交"));
    // Locked: edits and clears are refused and change nothing.
    let out = set(&s.db, "layout", &["--value", "5"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("--reopen") && english_run(&err).is_none(),
        "{err}"
    );
    assert_eq!(set(&s.db, "layout", &["--clear"]).status.code(), Some(1));
    let json = ok(
        &s.db,
        &[
            "explain",
            "--round",
            "Q1",
            "--account",
            "测试发布",
            "--format",
            "json",
        ],
    );
    assert!(json.contains("\"status\": \"Pass\""), "{json}");
    // --reopen edits it, and the history says so in words.
    assert!(
        set(&s.db, "layout", &["--value", "5", "--reopen"])
            .status
            .success()
    );
    let h: serde_json::Value = serde_json::from_str(&ok(
        &s.db,
        &[
            "history",
            "--round",
            "Q1",
            "--account",
            "测试发布",
            "--format",
            "json",
        ],
    ))
    .unwrap();
    let rows = h.as_array().unwrap();
    let news: Vec<&str> = rows.iter().map(|r| r["new"].as_str().unwrap()).collect();
    assert_eq!(
        news[news.len() - 3..],
        ["已提交", "未提交（已重新打开）", "5 分"],
        "{h}"
    );
    assert_eq!(rows.last().unwrap()["old"], "4 分");
    // Once reopened the sheet is a draft again: a plain edit works.
    assert!(set(&s.db, "layout", &["--value", "3"]).status.success());
}

#[test]
fn history_filters_and_speaks_in_words() {
    let s = setup();
    assert!(set(&s.db, "typos", &["--count", "2"]).status.success());
    assert!(set(&s.db, "stale", &["--veto", "1"]).status.success());
    assert!(
        set(&s.db, "typos", &["--count", "1", "--note", "复核"])
            .status
            .success()
    );
    let t = ok(&s.db, &["history", "--round", "Q1"]);
    assert!(t.contains("2 次") && t.contains("1 次；备注：复核"), "{t}");
    assert!(t.contains("否决：监测时间点前2周内无更新"), "{t}");
    let en = ok(
        &s.db,
        &[
            "--lang", "en", "history", "--round", "Q1", "--format", "csv",
        ],
    );
    assert!(en.contains("2 instances") && en.contains("veto: "), "{en}");
    let none = ok(
        &s.db,
        &[
            "history",
            "--round",
            "Q1",
            "--evaluator",
            "李四",
            "--format",
            "json",
        ],
    );
    assert_eq!(none.trim(), "[]");
    let other = ok(
        &s.db,
        &[
            "history",
            "--round",
            "Q1",
            "--account",
            "测试APP",
            "--format",
            "json",
        ],
    );
    assert_eq!(other.trim(), "[]");
}

#[test]
fn explain_prints_notes_and_links_and_links_keep_their_spaces() {
    let s = setup();
    let out = set(
        &s.db,
        "layout",
        &[
            "--value",
            "4",
            "--note",
            "首页 排版清楚",
            "--evidence",
            "截图 1.png|https://example.org/a",
            "--evidence",
            "检查 记录.pdf\nD:\\证据\\二 号.jpg",
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_str(&ok(
        &s.db,
        &[
            "explain",
            "--round",
            "Q1",
            "--account",
            "测试发布",
            "--format",
            "json",
        ],
    ))
    .unwrap();
    let notes = &json[0]["notes"][0];
    assert_eq!(notes["indicator"], "layout");
    assert_eq!(notes["note"], "首页 排版清楚");
    assert_eq!(
        notes["evidence"],
        serde_json::json!([
            "截图 1.png",
            "https://example.org/a",
            "检查 记录.pdf",
            "D:\\证据\\二 号.jpg"
        ])
    );
    let text = ok(
        &s.db,
        &["explain", "--round", "Q1", "--account", "测试发布"],
    );
    assert!(
        text.contains("备注：首页 排版清楚") && text.contains("链接：截图 1.png"),
        "{text}"
    );
    let en = ok(
        &s.db,
        &[
            "--lang",
            "en",
            "explain",
            "--round",
            "Q1",
            "--account",
            "测试发布",
        ],
    );
    assert!(
        en.contains("(WeChat · City)") && en.contains("note: 首页"),
        "{en}"
    );
}

#[test]
fn counts_ranges_and_hints_read_as_people_write_them() {
    let s = setup();
    let err = String::from_utf8_lossy(&set(&s.db, "typos", &["--count", "-1"]).stderr).to_string();
    assert!(
        err.contains("次数") && err.contains("-1") && !err.contains("unexpected"),
        "{err}"
    );
    let err = String::from_utf8_lossy(&set(&s.db, "layout", &["--value", "25"]).stderr).to_string();
    assert!(err.contains("0–5") && !err.contains("..="), "{err}");
    let mut args = vec!["score", "set", "--round", "Q1", "--account", "没有这个号"];
    args.extend([
        "--evaluator",
        "张三",
        "--indicator",
        "layout",
        "--value",
        "1",
    ]);
    let err = fails(&s.db, &args, 1);
    assert!(err.contains("--search"), "{err}");
    // The hint names a flag that exists.
    ok(&s.db, &["account", "list", "--search", "测试"]);
    // init says what to do next (on stderr: stdout stays the path, for scripts).
    let fresh = s.db.parent().unwrap().join("fresh.db");
    let out = assay(&fresh, &["init"]);
    let (stdout, stderr) = (
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr),
    );
    assert_eq!(stdout.trim(), fresh.display().to_string());
    assert!(
        stderr.contains("下一步") && stderr.contains("assay account import"),
        "{stderr}"
    );
}

#[test]
fn with_the_language_unset_no_error_is_an_english_sentence() {
    assert_eq!(
        english_run("value is outside 0–5").as_deref(),
        Some("value is outside")
    );
    assert_eq!(
        english_run("用 `assay account list --search 文字` 查找"),
        None
    );
    let s = setup();
    let dir = s.db.parent().unwrap().to_path_buf();
    let bad_csv = dir.join("bad.csv");
    std::fs::write(&bad_csv, "甲,乙\n1,2\n").unwrap();
    let rows_csv = dir.join("rows.csv");
    std::fs::write(
        &rows_csv,
        "新媒体类型,新媒体名称,责任单位,行政层级\n火星号,甲,乙,市级\n",
    )
    .unwrap();
    let missing = dir.join("missing.csv");
    let sheet = [
        "--round",
        "Q1",
        "--account",
        "测试发布",
        "--evaluator",
        "张三",
    ];
    let mut cases: Vec<(Vec<&str>, i32)> = vec![
        (vec!["round", "create"], 2),
        (vec!["acount", "list"], 2),
        (vec!["account", "list", "--level", "galaxy"], 2),
        (vec!["account", "list", "--bogus"], 2),
        (
            vec![
                "round",
                "create",
                "X",
                "--rubric",
                "a.ron",
                "--date",
                "2024-13-01",
            ],
            2,
        ),
        (vec!["rubric", "check", "/nonexistent/x.ron"], 1),
        (vec!["rubric", "show", "/nonexistent/x.ron"], 1),
        (vec!["account", "import", missing.to_str().unwrap()], 1),
        (vec!["account", "import", bad_csv.to_str().unwrap()], 1),
        (vec!["explain", "--round", "Q9", "--account", "测试发布"], 1),
        (vec!["explain", "--round", "Q1", "--account", "无此号"], 1),
        (vec!["history", "--round", "Q9"], 1),
    ];
    let mut submit = vec!["score", "submit"];
    submit.extend(sheet);
    cases.push((submit, 1));
    for (ind, input, code) in [
        ("layout", vec!["--value", "7"], 1),
        ("layout", vec!["--value", "4.3"], 1),
        ("typos", vec!["--value", "1"], 1),
        ("typos", vec!["--count", "-1"], 2),
        ("typos", vec!["--count", "x"], 2),
        ("stale", vec!["--veto", "乱写"], 1),
        ("nope", vec!["--value", "1"], 1),
        ("layout", vec![], 2),
    ] {
        let mut args = vec!["score", "set"];
        args.extend(sheet);
        args.extend(["--indicator", ind]);
        args.extend(input);
        cases.push((args, code));
    }
    for (args, code) in &cases {
        let err = fails(&s.db, args, *code);
        assert!(!err.trim().is_empty(), "{args:?} printed no error");
        assert_eq!(
            english_run(&err),
            None,
            "English in the error of {args:?}: {err}"
        );
    }
    // The rows report of a refused import.
    let err = fails(&s.db, &["account", "import", rows_csv.to_str().unwrap()], 1);
    assert!(err.contains("第 2 行") && err.contains("未知平台"), "{err}");
    assert_eq!(english_run(&err), None, "{err}");
    // Round creation: a taken name and an empty scope.
    let rubric = fixture("cli/mini.ron");
    let err = fails(
        &s.db,
        &[
            "round",
            "create",
            "Q1",
            "--rubric",
            &rubric,
            "--date",
            "2024-03-31",
        ],
        1,
    );
    assert!(err.contains("已有名为“Q1”的轮次"), "{err}");
    let args = [
        "round",
        "create",
        "Q2",
        "--rubric",
        &rubric,
        "--date",
        "2024-03-31",
        "--level",
        "township",
    ];
    let err = fails(&s.db, &args, 1);
    assert!(err.contains("没有任何账号"), "{err}");
}

#[test]
fn registry_and_round_corrections_say_what_they_changed() {
    let s = setup();
    let dir = s.db.parent().unwrap().to_path_buf();
    let u = dir.join("u.csv");
    std::fs::write(
        &u,
        "新媒体类型,新媒体名称,责任单位,行政层级\n微信公众号,测试发布,测试市委宣传部,市级\n微信公众号,新号,乙单位,县级\n",
    )
    .unwrap();
    // Without --update an existing account is refused, naming it and the flag.
    let err = fails(&s.db, &["account", "import", u.to_str().unwrap()], 1);
    assert!(
        err.contains("测试发布") && err.contains("--update"),
        "{err}"
    );
    let out = ok(
        &s.db,
        &["account", "import", "--update", u.to_str().unwrap()],
    );
    assert!(out.contains("测试市政府办公室 → 测试市委宣传部"), "{out}");
    assert!(out.contains("新号") && out.contains("新增"), "{out}");
    ok(&s.db, &["account", "rename", "新号", "新号二"]);
    let err = fails(&s.db, &["account", "rename", "新号二", "测试发布"], 1);
    assert!(err.contains("已被使用"), "{err}");
    ok(&s.db, &["account", "retire", "新号二"]);
    let list = ok(&s.db, &["account", "list", "--format", "json"]);
    assert!(!list.contains("新号二"), "{list}");
    ok(&s.db, &["round", "rename", "Q1", "一季度"]);
    assert!(set_in(&s.db, "一季度").status.success());
    let err = fails(&s.db, &["round", "delete", "一季度"], 1);
    assert!(
        err.contains("--force") && english_run(&err).is_none(),
        "{err}"
    );
    ok(&s.db, &["round", "delete", "一季度", "--force"]);
    let rounds = ok(&s.db, &["round", "list", "--format", "json"]);
    assert_eq!(rounds.trim(), "[]");
}

fn set_in(db: &Path, round: &str) -> Output {
    let mut args = vec!["score", "set", "--round", round, "--account", "测试发布"];
    args.extend([
        "--evaluator",
        "张三",
        "--indicator",
        "layout",
        "--value",
        "3",
    ]);
    assay(db, &args)
}

#[test]
fn demo_keeps_the_evaluators_work_until_fresh() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    let first = assay(&db, &["demo", "--print"]);
    assert!(
        first.status.success(),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    assert!(String::from_utf8_lossy(&first.stderr).contains("已创建演示数据库"));
    // Score something of one's own, then run the demo again: the work is still there.
    let accounts: serde_json::Value = serde_json::from_str(&ok(
        &db,
        &[
            "account",
            "list",
            "--search",
            "云和木玩童话小镇",
            "--format",
            "json",
        ],
    ))
    .unwrap();
    let id = accounts[0]["id"].to_string();
    let round = "2024年第四季度全面检查";
    let note = ["--note", "我的备注", "--round", round, "--account", &id];
    let mut args = vec!["score", "set", "--evaluator", "新评估人", "--indicator"];
    let rubric_item = first_item(&db, round, &id);
    args.push(&rubric_item);
    args.extend(["--count", "0"]);
    args.extend(note);
    ok(&db, &args);
    let again = assay(&db, &["demo", "--print"]);
    assert!(again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("打开已有的演示数据库"));
    let h = ok(
        &db,
        &[
            "history",
            "--round",
            round,
            "--evaluator",
            "新评估人",
            "--format",
            "json",
        ],
    );
    assert!(h.contains("我的备注"), "{h}");
    // --fresh rebuilds it from the sample.
    let fresh = assay(&db, &["demo", "--print", "--fresh"]);
    assert!(String::from_utf8_lossy(&fresh.stderr).contains("重建"));
    let h = ok(
        &db,
        &[
            "history",
            "--round",
            round,
            "--evaluator",
            "新评估人",
            "--format",
            "json",
        ],
    );
    assert_eq!(h.trim(), "[]");
    // A database that is not a demo is never replaced, even with --fresh.
    let other = setup();
    let err = fails(&other.db, &["demo", "--print", "--fresh"], 1);
    assert_eq!(english_run(&err), None, "{err}");
    ok(
        &other.db,
        &["explain", "--round", "Q1", "--account", "测试发布"],
    );
}

/// The id of the first applicable deduction item of the round's rubric (from the account's
/// explain: items that do not apply are marked NotApplicable).
fn first_item(db: &Path, round: &str, account: &str) -> String {
    let v: serde_json::Value = serde_json::from_str(&ok(
        db,
        &[
            "explain",
            "--round",
            round,
            "--account",
            account,
            "--format",
            "json",
        ],
    ))
    .unwrap();
    v[0]["outcome"]["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["kind"] == "Deduct" && !i["state"].to_string().contains("NotApplicable"))
        .map(|i| i["id"].as_str().unwrap().to_string())
        .expect("an applicable deduction item")
}
