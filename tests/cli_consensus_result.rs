//! The chair's consensus replaces the combined value of the item it reconciles: the report's
//! total for the account equals the one every evaluator would get had they all scored the
//! agreed value, a consensus veto is upheld under any panel veto rule, the kept results and a
//! full recompute agree, and the evaluators' own entries are untouched.

use std::path::Path;

mod panels_common;
use panels_common::ok;

const ROUND: &str = "2024年莲都区政务新媒体四维评估";
const ACCOUNT: &str = "微信:莲都文旅";

fn demo(dir: &Path, name: &str) -> std::path::PathBuf {
    let db = dir.join(format!("{name}.db"));
    ok(&db, &["demo", "--print"]);
    db
}

/// (total, vetoes) of 莲都文旅 in `report --format json`, kept or recomputed.
fn result(db: &Path, recompute: bool) -> (Option<f64>, usize) {
    let mut args = vec!["report", "--round", ROUND, "--format", "json"];
    if recompute {
        args.push("--recompute");
    }
    let v: serde_json::Value = serde_json::from_str(&ok(db, &args)).unwrap();
    let r = v["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["account"]["name"] == "莲都文旅")
        .expect("莲都文旅 in the report")
        .clone();
    (r["total"].as_f64(), r["vetoes"].as_array().unwrap().len())
}

/// The 综合 (combined) total on 莲都文旅's score sheet.
fn sheet_total(db: &Path) -> String {
    let out = db.with_extension("csv");
    ok(
        db,
        &[
            "sheet",
            "--round",
            ROUND,
            "--account",
            ACCOUNT,
            "--format",
            "csv",
            "--out",
            out.to_str().unwrap(),
        ],
    );
    let text = std::fs::read_to_string(&out).unwrap();
    let rows: Vec<Vec<&str>> = text.lines().map(|l| l.split(',').collect()).collect();
    let head = rows
        .iter()
        .find(|r| r[0].ends_with("指标"))
        .expect("header");
    let col = head.iter().position(|c| *c == "综合").expect("综合");
    let total = rows
        .iter()
        .find(|r| r.first() == Some(&"总分"))
        .expect("总分");
    total[col].to_string()
}

fn reconcile(db: &Path, indicator: &str, how: &str, what: &str) {
    ok(
        db,
        &[
            "panel",
            "reconcile",
            "--round",
            ROUND,
            "--account",
            ACCOUNT,
            "--indicator",
            indicator,
            how,
            what,
            "--rationale",
            "评估组议定",
            "--chair",
            "主任",
        ],
    );
}

fn panel(db: &Path) {
    for args in [
        &["panel", "config", "--round", ROUND, "--veto", "all"][..],
        &[
            "panel",
            "member",
            "--round",
            ROUND,
            "--evaluator",
            "主任",
            "--role",
            "chair",
        ],
    ] {
        ok(db, args);
    }
}

#[test]
fn the_consensus_value_is_the_panel_value_of_its_item() {
    let dir = tempfile::tempdir().unwrap();
    let (db, twin) = (demo(dir.path(), "chair"), demo(dir.path(), "twin"));
    panel(&db);
    panel(&twin);
    let (before, _) = result(&db, false);
    // The twin: every evaluator scores the agreed value themselves.
    let evs = ["刘晓雯", "赵立新", "陈思远"];
    for ev in evs {
        ok(
            &twin,
            &[
                "score",
                "set",
                "--round",
                ROUND,
                "--account",
                ACCOUNT,
                "--evaluator",
                ev,
                "--indicator",
                "topic_planning",
                "--value",
                "2",
            ],
        );
    }
    let sheet_before = sheet_total(&db);
    reconcile(&db, "topic_planning", "--value", "2");
    let (after, _) = result(&db, false);
    assert_ne!(sheet_total(&db), sheet_before, "the score sheet follows");
    assert_eq!(sheet_total(&db), sheet_total(&twin), "as the twin's sheet");
    assert_ne!(after, before, "the consensus changes the result");
    assert_eq!(after, result(&twin, false).0, "as if all had scored it");
    assert_eq!(result(&db, true), result(&db, false), "kept = recompute");
    ok(&db, &["report", "--round", ROUND, "--verify"]);
    ok(&db, &["audit", "verify"]);
    // `panel result` shows each evaluator's own total beside the one counting the consensus.
    let res: serde_json::Value = serde_json::from_str(&ok(
        &db,
        &["panel", "result", "--round", ROUND, "--format", "json"],
    ))
    .unwrap();
    let row = res["accounts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["account"] == "wechat:莲都文旅")
        .expect("莲都文旅")
        .clone();
    let own = row["own_totals"].as_object().expect("own totals beside");
    assert!(
        own.iter().any(|(e, t)| row["totals"][e] != *t),
        "some evaluator's own total differs: {row}"
    );
    // The evaluators' own values are untouched: explain still shows each one's entry.
    let own = ok(
        &db,
        &[
            "explain",
            "--round",
            ROUND,
            "--account",
            ACCOUNT,
            "--as",
            "主任",
            "--format",
            "json",
        ],
    );
    let own: serde_json::Value = serde_json::from_str(&own).unwrap();
    let twin_own: serde_json::Value = serde_json::from_str(&ok(
        &twin,
        &[
            "explain",
            "--round",
            ROUND,
            "--account",
            ACCOUNT,
            "--as",
            "主任",
            "--format",
            "json",
        ],
    ))
    .unwrap();
    assert_ne!(
        own[0]["outcome"], twin_own[0]["outcome"],
        "the chair's database keeps the evaluators' own values"
    );
}

#[test]
fn a_consensus_veto_is_upheld_and_a_clean_one_lifts_it() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path(), "veto");
    let (_, any) = result(&db, false);
    assert_eq!(any, 1, "the planted split veto, under the default any rule");
    panel(&db);
    let (_, all) = result(&db, false);
    assert_eq!(all, 0, "one of three is not all");
    reconcile(&db, "security", "--veto", "严重表述错误");
    assert_eq!(result(&db, false).1, 1, "the consensus veto is the panel's");
    assert_eq!(result(&db, true), result(&db, false));
    ok(&db, &["panel", "config", "--round", ROUND, "--veto", "any"]);
    reconcile(&db, "security", "--value", "0");
    assert_eq!(
        result(&db, false).1,
        0,
        "the later consensus, clean, lifts it"
    );
}

/// A deduction is agreed as a number of instances (`--count`), like its entries: the result is
/// the one every evaluator would get had they all counted that many, kept = recompute.
#[test]
fn a_deduction_is_agreed_as_a_count() {
    let dir = tempfile::tempdir().unwrap();
    let (db, twin) = (demo(dir.path(), "chair"), demo(dir.path(), "twin"));
    panel(&db);
    panel(&twin);
    let (before, _) = result(&db, false);
    for ev in ["刘晓雯", "赵立新", "陈思远"] {
        ok(
            &twin,
            &[
                "score",
                "set",
                "--round",
                ROUND,
                "--account",
                ACCOUNT,
                "--evaluator",
                ev,
                "--indicator",
                "expression_errors",
                "--count",
                "3",
            ],
        );
    }
    reconcile(&db, "expression_errors", "--count", "3");
    let (after, _) = result(&db, false);
    assert_ne!(after, before, "the agreed count changes the result");
    assert_eq!(after, result(&twin, false).0, "as if all had counted 3");
    assert_eq!(result(&db, true), result(&db, false), "kept = recompute");
    assert_eq!(sheet_total(&db), sheet_total(&twin), "as the twin's sheet");
    ok(&db, &["report", "--round", ROUND, "--verify"]);
    ok(&db, &["audit", "verify"]);
    // A value is not a count: the deduction refuses it, naming what it takes.
    let out = panels_common::assay(
        &db,
        &[
            "panel",
            "reconcile",
            "--round",
            ROUND,
            "--account",
            ACCOUNT,
            "--indicator",
            "expression_errors",
            "--value",
            "3",
            "--rationale",
            "议定",
            "--chair",
            "主任",
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("次数"),
        "{out:?}"
    );
}
