//! Automatic rubric values through the real binary: `assay ops auto` places the no-update veto
//! the metrics give in a sheet where it is missing, so it counts in the round's report; a re-run
//! after new metrics changes it and says so (a metrics import re-places them by itself); an
//! evaluator's override with a reason is kept.

mod common_cli;

use common_cli::ok;

fn failed(db: &std::path::Path) -> u64 {
    let v: serde_json::Value =
        serde_json::from_str(&ok(db, &["report", "--round", "2", "--format", "json"])).unwrap();
    v["failed"].as_u64().expect("failed")
}

fn auto_status(db: &std::path::Path) -> (String, serde_json::Value) {
    let out = ok(
        db,
        &[
            "explain",
            "--round",
            "2",
            "--account",
            "微信:东坑发布",
            "--format",
            "json",
        ],
    );
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let a = v[0]["automatic"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["indicator"] == "no_update")
        .cloned()
        .expect("no_update is automatic");
    (a["status"].as_str().unwrap().to_string(), a)
}

const SET: [&str; 10] = [
    "score",
    "set",
    "--round",
    "2",
    "--account",
    "微信:东坑发布",
    "--evaluator",
    "王敏",
    "--indicator",
    "no_update",
];

#[test]
fn automatic_values_count_in_totals_change_with_metrics_and_yield_to_overrides() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("d.db");
    ok(&db, &["demo", "--print"]);
    assert_eq!(failed(&db), 3);
    // The inspector's veto removed: the sheet no longer fails.
    ok(&db, &[&SET[..], &["--clear"]].concat());
    assert_eq!(failed(&db), 2);

    // The metrics give the veto back, through the one entry writer: the report counts it.
    let out = ok(&db, &["ops", "auto", "--round", "2"]);
    let line = out
        .lines()
        .find(|l| l.starts_with("东坑发布") && l.contains("no_update"))
        .unwrap_or_else(|| panic!("no line for 东坑发布 no_update in\n{out}"));
    assert!(line.contains("填入") && line.contains("否决"), "{line}");
    assert!(out.contains("填入 1，变化 0"), "{out}");
    assert_eq!(failed(&db), 3);
    let (status, auto) = auto_status(&db);
    assert_eq!(status, "automatic");
    assert_eq!(auto["evidence"]["last_post"], "2024-11-20");

    // Nothing new: a re-run changes nothing.
    let out = ok(&db, &["ops", "auto", "--round", "2"]);
    assert!(out.contains("填入 0，变化 0"), "{out}");

    // A post on 2024-12-10 arrives: the automatic veto goes, and the run says what changed.
    let posts = dir.path().join("late.csv");
    std::fs::write(
        &posts,
        "platform,account,published,headline,reads,likes,wow,shares,comments\n微信,东坑发布,2024-12-10 09:30,1,120,3,1,2,0\n",
    )
    .unwrap();
    // The import itself moves the automatic values of the rounds it falls in, and says so.
    let out = ok(&db, &["metrics", "import", posts.to_str().unwrap()]);
    let line = out
        .lines()
        .find(|l| l.contains("自动值"))
        .unwrap_or_else(|| panic!("no automatic-value line in\n{out}"));
    assert!(line.contains("变化 1"), "{line}");
    assert_eq!(failed(&db), 2);
    let (status, auto) = auto_status(&db);
    assert_eq!(status, "automatic");
    assert_eq!(auto["evidence"]["last_post"], "2024-12-10");
    let out = ok(&db, &["ops", "auto", "--round", "2", "--dry-run"]);
    assert!(out.contains("试运行") && out.contains("变化 0"), "{out}");
    // The same file again changes nothing: no automatic-value line.
    let out = ok(&db, &["metrics", "import", posts.to_str().unwrap()]);
    assert!(!out.contains("自动值"), "{out}");

    // The evaluator overrides with a reason: kept by every later run, shown with the reason.
    ok(
        &db,
        &[
            &SET[..],
            &["--veto", "1", "--note", "12-10推文为转载，非本单位原创更新"],
        ]
        .concat(),
    );
    let out = ok(&db, &["ops", "auto", "--round", "2"]);
    let line = out
        .lines()
        .find(|l| l.starts_with("东坑发布") && l.contains("no_update"))
        .unwrap_or_else(|| panic!("no override line in\n{out}"));
    assert!(line.contains("评估人已覆盖"), "{line}");
    assert_eq!(failed(&db), 3);
    let (status, auto) = auto_status(&db);
    assert_eq!(status, "overridden");
    assert_eq!(auto["reason"], "12-10推文为转载，非本单位原创更新");
}

#[test]
fn a_submitted_sheet_is_skipped_and_counted() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("d.db");
    ok(&db, &["demo", "--print"]);
    ok(&db, &[&SET[..], &["--clear"]].concat());
    ok(&db, &["ops", "auto", "--round", "2"]);
    ok(
        &db,
        &[
            "score",
            "submit",
            "--round",
            "2",
            "--account",
            "微信:东坑发布",
            "--evaluator",
            "王敏",
        ],
    );
    let posts = dir.path().join("late.csv");
    std::fs::write(
        &posts,
        "platform,account,published,headline,reads,likes,wow,shares,comments\n微信,东坑发布,2024-12-10 09:30,1,120,3,1,2,0\n",
    )
    .unwrap();
    ok(&db, &["metrics", "import", posts.to_str().unwrap()]);
    // The metrics now clear the veto, but the sheet is locked: left as submitted, and said so.
    let out = ok(&db, &["ops", "auto", "--round", "2"]);
    assert!(out.contains("已提交的评分表跳过 1"), "{out}");
    assert!(out.contains("变化 0"), "{out}");
    assert_eq!(failed(&db), 3);
}
