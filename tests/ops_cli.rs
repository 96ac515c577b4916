//! Metrics import and the operations report through the real binary: re-imports change nothing,
//! conflicts need --replace and are kept in the history, bad formula files name their position,
//! and on the demo `ops --format json` names the planted dormant and zombie accounts and
//! below-average streaks.

use std::path::Path;
use std::process::Output;

mod common_cli;

fn run(db: &Path, args: &[&str]) -> Output {
    common_cli::assay(db, args)
}

fn ok(out: &Output) -> String {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn demo(dir: &Path) -> std::path::PathBuf {
    let db = dir.join("d.db");
    ok(&run(&db, &["demo", "--print"]));
    db
}

#[test]
fn reimport_is_a_no_op_and_conflicts_need_replace() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let posts = dir.path().join("posts.csv");
    std::fs::write(
        &posts,
        "平台,账号,发布时间,是否头条,阅读数,点赞数\n微信,云和发布,2025-01-02 10:00,是,10万+,7\n微信,云和发布,2025-01-02 10:00,否,120,1\n",
    )
    .unwrap();
    let p = posts.to_str().unwrap();
    let first = ok(&run(&db, &["--lang", "en", "metrics", "import", p]));
    assert!(first.contains("2 new, 0 unchanged"), "{first}");
    let again = ok(&run(&db, &["--lang", "en", "metrics", "import", p]));
    assert!(again.contains("0 new, 2 unchanged, 0 replaced"), "{again}");
    std::fs::write(
        &posts,
        "平台,账号,发布时间,是否头条,阅读数,点赞数\n微信,云和发布,2025-01-02 10:00,是,10万+,9\n",
    )
    .unwrap();
    let clash = run(&db, &["--lang", "en", "metrics", "import", p]);
    assert_eq!(clash.status.code(), Some(1));
    let err = String::from_utf8_lossy(&clash.stderr);
    assert!(
        err.contains("wechat:云和发布 2025-01-02 10:00#0: likes: 7 → 9"),
        "{err}"
    );
    let replaced = ok(&run(
        &db,
        &["--lang", "en", "metrics", "import", p, "--replace"],
    ));
    assert!(replaced.contains("1 replaced"), "{replaced}");
    let history = ok(&run(&db, &["--lang", "en", "metrics", "history"]));
    assert_eq!(history.matches("  posts.csv").count(), 2, "{history}");
    assert!(history.contains("sample-data/weekly.csv"), "{history}");
    // An unknown account is named and nothing is imported.
    std::fs::write(
        &posts,
        "account,published,reads\n不存在的号,2025-01-02 10:00,1\n",
    )
    .unwrap();
    let unknown = run(&db, &["metrics", "import", p]);
    assert_eq!(unknown.status.code(), Some(1));
    let err = String::from_utf8_lossy(&unknown.stderr);
    assert!(
        err.contains("第 2 行：数据库中没有账号“不存在的号”"),
        "{err}"
    );
    let unknown = run(&db, &["--lang", "en", "metrics", "import", p]);
    let err = String::from_utf8_lossy(&unknown.stderr);
    assert!(err.contains("row 2: no account 不存在的号"), "{err}");
}

#[test]
fn a_bad_formula_file_names_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let f = dir.path().join("mine.ron");
    std::fs::write(
        &f,
        "Formula(id: \"m\", version: \"1\", name: \"m\",\n  blocks: [Block(name: \"a\", weight: 1.0, terms: [Term(weight: 1.0, of: Followers, per: Total)])],\n  scale: Plain(1.0))\n",
    )
    .unwrap();
    let out = run(
        &db,
        &["ops", "--round", "2", "--formula", f.to_str().unwrap()],
    );
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("mine.ron:2:"), "{err}");
    assert!(err.contains("不能按 Total 取值"), "{err}");
    // A syntax error (a missing comma) keeps its position, in Chinese and on request in English.
    let typo = dir.path().join("typo.ron");
    std::fs::write(
        &typo,
        "Formula(id: \"m\" version: \"1\", name: \"m\", blocks: [], scale: Plain(1.0))\n",
    )
    .unwrap();
    let typo = typo.to_str().unwrap();
    let out = run(&db, &["ops", "--round", "2", "--formula", typo]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("typo.ron:1:") && err.contains("缺少逗号"),
        "{err}"
    );
    let out = run(
        &db,
        &["--lang", "en", "ops", "--round", "2", "--formula", typo],
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("typo.ron:1:") && err.contains("expected a comma"),
        "{err}"
    );
}

#[test]
fn the_demo_report_names_the_planted_accounts() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let out = ok(&run(&db, &["ops", "--round", "2", "--format", "json"]));
    let v: serde_json::Value = serde_json::from_str(&out).expect("json");
    let rows = v["accounts"].as_array().expect("accounts");
    assert_eq!(rows.len(), 445);
    let flagged = |flag: &str| -> Vec<String> {
        rows.iter()
            .filter(|r| r["flags"].as_array().unwrap().iter().any(|f| f == flag))
            .map(|r| {
                format!(
                    "{}:{}",
                    r["platform"].as_str().unwrap(),
                    r["name"].as_str().unwrap()
                )
            })
            .collect()
    };
    let dormant = flagged("dormant");
    assert!(
        dormant.contains(&"wechat:东坑发布".to_string()),
        "{dormant:?}"
    );
    let dk = rows
        .iter()
        .find(|r| r["name"] == "东坑发布" && r["platform"] == "wechat")
        .unwrap();
    assert_eq!(dk["activity"]["last_post"], "2024-11-20");
    assert!(dk["activity"]["dormant_now"].as_bool().unwrap());
    let below = flagged("below_average");
    assert!(!below.is_empty());
    let first = &rows[0];
    assert!(
        !first["flags"].as_array().unwrap().is_empty(),
        "flagged accounts come first"
    );
    assert!(first["streak"]["current"].as_u64().unwrap() >= 2);
    // --week: the report at one week, with the weeks up to it; 东坑发布 is dormant by then.
    let week = ok(&run(
        &db,
        &[
            "ops",
            "--week",
            "2024-12-11",
            "--weeks",
            "4",
            "--format",
            "json",
        ],
    ));
    let w: serde_json::Value = serde_json::from_str(&week).expect("json");
    let weeks: Vec<&str> = w["weeks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_str().unwrap())
        .collect();
    assert_eq!(
        weeks,
        ["2024-11-18", "2024-11-25", "2024-12-02", "2024-12-09"]
    );
    let dk = w["accounts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["name"] == "东坑发布" && r["platform"] == "wechat")
        .unwrap();
    assert!(
        dk["flags"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f == "dormant"),
        "{dk}"
    );
}

/// The planted accounts per flag kind, as sample-data/README lists them: `- `kind`: 微信:名称, …`.
fn planted() -> Vec<(String, Vec<String>)> {
    let readme = include_str!("../sample-data/README.md");
    let section = readme
        .split("### Planted accounts")
        .nth(1)
        .expect("sample-data/README has a planted-accounts section");
    section
        .lines()
        .filter_map(|l| l.strip_prefix("- `"))
        .map(|l| {
            let (kind, list) = l.split_once("`:").expect("- `kind`: accounts");
            let mut names: Vec<String> = list
                .split(',')
                .map(|a| {
                    let (p, n) = a.trim().split_once(':').expect("platform:name");
                    let p = assay::domain::platform::Platform::parse(p).expect("a platform");
                    format!("{}:{n}", p.code())
                })
                .collect();
            names.sort();
            (kind.to_string(), names)
        })
        .collect()
}

#[test]
fn the_demo_flags_exactly_the_planted_accounts_per_kind() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let out = ok(&run(&db, &["ops", "--round", "2", "--format", "json"]));
    let v: serde_json::Value = serde_json::from_str(&out).expect("json");
    let rows = v["accounts"].as_array().expect("accounts");
    let kinds = planted();
    let names: Vec<&str> = kinds.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(
        names,
        [
            "dormant",
            "dormant_now",
            "zombie",
            "under_floor",
            "no_interaction"
        ]
    );
    for (kind, want) in kinds {
        let mut got: Vec<String> = rows
            .iter()
            .filter(|r| {
                if kind == "dormant_now" {
                    r["activity"]["dormant_now"] == true
                } else {
                    r["flags"].as_array().unwrap().iter().any(|f| *f == *kind)
                }
            })
            .map(|r| {
                format!(
                    "{}:{}",
                    r["platform"].as_str().unwrap(),
                    r["name"].as_str().unwrap()
                )
            })
            .collect();
        got.sort();
        assert_eq!(
            got, want,
            "flag {kind}: the ops report against sample-data/README"
        );
    }
    // Round 1 (莲都, 26 weeks before 2024-11-29): the five dormant accounts, no zombie.
    let out = ok(&run(&db, &["ops", "--round", "1", "--format", "json"]));
    let v: serde_json::Value = serde_json::from_str(&out).expect("json");
    let with = |flag: &str| -> Vec<String> {
        let mut names: Vec<String> = v["accounts"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|r| r["flags"].as_array().unwrap().iter().any(|f| f == flag))
            .map(|r| {
                format!(
                    "{}:{}",
                    r["platform"].as_str().unwrap(),
                    r["name"].as_str().unwrap()
                )
            })
            .collect();
        names.sort();
        names
    };
    let mut five: Vec<String> = planted()[0].1.clone();
    five.retain(|a| {
        ![
            "缙云发布",
            "新碧发布",
            "遂昌农业农村",
            "遂昌民政",
            "东坑发布",
        ]
        .iter()
        .any(|z| a.ends_with(z))
    });
    assert_eq!(with("dormant"), five);
    assert!(with("zombie").is_empty(), "{:?}", with("zombie"));
}

#[test]
fn explain_shows_automatic_items_and_the_evaluators_override_with_its_reason() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let out = ok(&run(
        &db,
        &[
            "explain",
            "--round",
            "2",
            "--account",
            "微信:东坑发布",
            "--format",
            "json",
        ],
    ));
    let v: serde_json::Value = serde_json::from_str(&out).expect("json");
    let auto = v[0]["automatic"].as_array().expect("automatic");
    let veto = auto
        .iter()
        .find(|a| a["indicator"] == "no_update")
        .expect("no_update");
    assert_eq!(veto["violated"], true);
    assert_eq!(veto["entry"]["veto"], "监测时间点前2周内无更新");
    assert_eq!(veto["evidence"]["silent_days"], 26);
    assert_eq!(veto["status"], "agrees");
    // 缙云发布 answers nobody: the automatic veto is overridden by the evaluator with a reason.
    ok(&run(
        &db,
        &[
            "score",
            "set",
            "--round",
            "2",
            "--account",
            "微信:缙云发布",
            "--evaluator",
            "王敏",
            "--indicator",
            "no_interaction",
            "--value",
            "0",
            "--note",
            "留言功能已开启，系统统计有误",
        ],
    ));
    let text = ok(&run(
        &db,
        &[
            "--lang",
            "en",
            "explain",
            "--round",
            "2",
            "--account",
            "微信:缙云发布",
        ],
    ));
    assert!(
        text.contains("[no interaction] 互动回应差 · veto 未提供有效互动功能"),
        "{text}"
    );
    assert!(
        text.contains("overridden by the evaluator, reason: 留言功能已开启，系统统计有误"),
        "{text}"
    );
}

#[test]
fn weekly_figures_import_from_xlsx_with_excel_dates() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let path = dir.path().join("weekly.xlsx");
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (c, h) in [
        "平台",
        "账号",
        "周",
        "粉丝数",
        "收到留言",
        "回复数",
        "回复时长中位数",
    ]
    .iter()
    .enumerate()
    {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    sheet.write_string(1, 0, "微信").unwrap();
    sheet.write_string(1, 1, "云和发布").unwrap();
    sheet.write_number(1, 2, 45657.0).unwrap(); // 2024-12-31, a Tuesday: the week of 2024-12-30
    sheet.write_number(1, 3, 12345.0).unwrap();
    sheet.write_number(1, 4, 6.0).unwrap();
    sheet.write_number(1, 5, 5.0).unwrap();
    sheet.write_number(1, 6, 3.5).unwrap();
    book.save(&path).unwrap();
    let p = path.to_str().unwrap();
    let out = ok(&run(&db, &["--lang", "en", "metrics", "import", p]));
    assert!(out.contains("1 rows; 1 new"), "{out}");
    let again = ok(&run(&db, &["--lang", "en", "metrics", "import", p]));
    assert!(again.contains("0 new, 1 unchanged"), "{again}");
    let history = ok(&run(&db, &["--lang", "en", "metrics", "history"]));
    assert!(history.contains("weekly.xlsx"), "{history}");
    // The same week written as its Monday in a CSV is the same row: nothing changes.
    let csv = dir.path().join("weekly.csv");
    std::fs::write(
        &csv,
        "platform,account,week,followers,messages,replies,reply_hours\n微信,云和发布,2024-12-30,12345,6,5,3.5\n",
    )
    .unwrap();
    let same = ok(&run(
        &db,
        &["--lang", "en", "metrics", "import", csv.to_str().unwrap()],
    ));
    assert!(same.contains("0 new, 1 unchanged"), "{same}");
}
