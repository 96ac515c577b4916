//! Blind scoring on the command line and the chair-only reconcile: in a round with a declared
//! panel, `explain` and `history` refuse another evaluator's sheet until the viewer (`--as`)
//! has submitted that account, the chair sees everything; a round without a panel is not blind.
//! `panel reconcile` is refused to anyone but the chair, naming the chair and how to set one.

use std::path::Path;

mod panels_common;
use panels_common::{RUBRIC, assay, fails, ok, scores_csv, setup};

/// Two evaluators scored 对象1 and 对象2; with `panel`, a chair 组长 and J1, J2 as members.
fn round(dir: &Path, panel: bool) -> std::path::PathBuf {
    let db = setup(dir, if panel { "p" } else { "np" }, RUBRIC);
    let rows = [(1, "J1", 7), (1, "J2", 3), (2, "J1", 8), (2, "J2", 4)];
    let csv = scores_csv(dir, &rows);
    ok(
        &db,
        &[
            "score",
            "import",
            csv.to_str().unwrap(),
            "--round",
            "一致性",
        ],
    );
    if panel {
        for (e, role) in [("组长", "chair"), ("J1", "evaluator"), ("J2", "evaluator")] {
            ok(
                &db,
                &[
                    "panel",
                    "member",
                    "--round",
                    "一致性",
                    "--evaluator",
                    e,
                    "--role",
                    role,
                ],
            );
        }
    }
    db
}

fn explain(db: &Path, account: &str, extra: &[&str]) -> std::process::Output {
    let mut a = vec![
        "explain",
        "--round",
        "一致性",
        "--account",
        account,
        "--format",
        "json",
    ];
    a.extend_from_slice(extra);
    assay(db, &a)
}

fn evaluators(out: &std::process::Output) -> Vec<String> {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    v.as_array()
        .unwrap()
        .iter()
        .map(|x| x["evaluator"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn explain_is_blind_until_the_viewer_submits_the_chair_sees_all() {
    let dir = tempfile::tempdir().unwrap();
    let db = round(dir.path(), true);
    let out = explain(&db, "微信:对象1", &["--evaluator", "J2", "--as", "J1"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("盲评") && err.contains("J2") && err.contains("提交"),
        "{err}"
    );
    let mine = explain(&db, "微信:对象1", &["--as", "J1"]);
    assert_eq!(evaluators(&mine), ["J1"]);
    assert!(String::from_utf8_lossy(&mine.stderr).contains("1 条他人的评分未显示"));
    // Nobody named: in a panel round nothing of anyone is shown, and the refusal says --as.
    let anon = explain(&db, "微信:对象1", &["--evaluator", "J2", "--lang", "en"]);
    assert!(String::from_utf8_lossy(&anon.stderr).contains("--as NAME"));
    let chair = explain(&db, "微信:对象1", &["--as", "组长"]);
    assert_eq!(evaluators(&chair), ["J1", "J2"]);
    ok(
        &db,
        &[
            "score",
            "submit",
            "--round",
            "一致性",
            "--account",
            "微信:对象1",
            "--evaluator",
            "J1",
        ],
    );
    let after = explain(&db, "微信:对象1", &["--evaluator", "J2", "--as", "J1"]);
    assert_eq!(evaluators(&after), ["J2"], "submitted: others open up");
    let other = explain(&db, "微信:对象2", &["--evaluator", "J2", "--as", "J1"]);
    assert_eq!(
        other.status.code(),
        Some(1),
        "only for the submitted account"
    );
}

#[test]
fn history_is_blind_the_same_way() {
    let dir = tempfile::tempdir().unwrap();
    let db = round(dir.path(), true);
    let hist = |extra: &[&str]| -> std::process::Output {
        let mut a = vec!["history", "--round", "一致性", "--format", "json"];
        a.extend_from_slice(extra);
        assay(&db, &a)
    };
    let who = |out: &std::process::Output| -> Vec<(String, String)> {
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        v.as_array()
            .unwrap()
            .iter()
            .map(|c| {
                let a = c["account"].as_str().unwrap().to_string();
                (c["evaluator"].as_str().unwrap().to_string(), a)
            })
            .collect()
    };
    let err = fails(
        &db,
        &[
            "history",
            "--round",
            "一致性",
            "--account",
            "微信:对象2",
            "--evaluator",
            "J2",
            "--as",
            "J1",
        ],
    );
    assert!(err.contains("盲评") && err.contains("J2"), "{err}");
    let all = who(&hist(&["--as", "组长"]));
    assert_eq!(all.iter().filter(|(e, _)| e == "J2").count(), 2, "{all:?}");
    let j1 = hist(&["--as", "J1"]);
    assert!(who(&j1).iter().all(|(e, _)| e == "J1"), "{:?}", who(&j1));
    assert!(String::from_utf8_lossy(&j1.stderr).contains("盲评：2 条"));
    ok(
        &db,
        &[
            "score",
            "submit",
            "--round",
            "一致性",
            "--account",
            "微信:对象2",
            "--evaluator",
            "J1",
        ],
    );
    let seen = who(&hist(&["--as", "J1", "--evaluator", "J2"]));
    assert_eq!(seen, [("J2".to_string(), "对象2".to_string())]);
}

#[test]
fn a_round_without_a_panel_is_not_blind() {
    let dir = tempfile::tempdir().unwrap();
    let db = round(dir.path(), false);
    let out = explain(&db, "微信:对象1", &["--evaluator", "J2", "--as", "J1"]);
    assert_eq!(evaluators(&out), ["J2"]);
    assert_eq!(evaluators(&explain(&db, "微信:对象1", &[])), ["J1", "J2"]);
}

#[test]
fn only_the_chair_reconciles_and_the_refusal_says_how_to_name_one() {
    let dir = tempfile::tempdir().unwrap();
    let reconcile = |db: &Path, chair: &str| {
        fails(
            db,
            &[
                "panel",
                "reconcile",
                "--round",
                "一致性",
                "--account",
                "微信:对象1",
                "--indicator",
                "x",
                "--value",
                "5",
                "--rationale",
                "取中",
                "--chair",
                chair,
            ],
        )
    };
    let np = round(dir.path(), false);
    let err = reconcile(&np, "J1");
    assert!(
        err.contains("还没有组长") && err.contains("--role chair"),
        "{err}"
    );
    let db = round(dir.path(), true);
    let err = reconcile(&db, "J1");
    assert!(
        err.contains("「J1」不是组长")
            && err.contains("组长：组长")
            && err.contains("--role chair"),
        "{err}"
    );
    let q = |db: &Path| {
        ok(
            db,
            &["panel", "queue", "--round", "一致性", "--format", "json"],
        )
    };
    assert!(q(&db).contains("\"reconciled\": 0"), "nothing recorded");
}

#[test]
fn without_as_the_viewer_is_the_configured_evaluator() {
    let dir = tempfile::tempdir().unwrap();
    let db = round(dir.path(), true);
    let home = dir.path().join("home");
    std::fs::create_dir_all(&home).unwrap();
    std::fs::write(home.join("config.ron"), "(evaluator: Some(\"J1\"))").unwrap();
    let out = explain(&db, "微信:对象1", &["--evaluator", "J2"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("评估人「J1」尚未提交"), "{err}");
    assert_eq!(evaluators(&explain(&db, "微信:对象1", &[])), ["J1"]);
    let chair = explain(&db, "微信:对象1", &["--as", "组长"]);
    assert_eq!(
        evaluators(&chair),
        ["J1", "J2"],
        "--as wins over the config"
    );
}

#[test]
fn the_queue_is_blind_the_same_way() {
    let dir = tempfile::tempdir().unwrap();
    let db = round(dir.path(), true);
    let queue = |db: &Path, who: &[&str]| -> (usize, usize) {
        let mut a = vec!["panel", "queue", "--round", "一致性", "--format", "json"];
        a.extend_from_slice(who);
        let v: serde_json::Value = serde_json::from_str(&ok(db, &a)).unwrap();
        (
            v["items"].as_array().unwrap().len(),
            v["hidden"].as_u64().unwrap() as usize,
        )
    };
    assert_eq!(queue(&db, &["--as", "组长"]), (2, 0), "the chair sees both");
    assert_eq!(queue(&db, &["--as", "J1"]), (0, 2));
    assert_eq!(queue(&db, &[]), (0, 2), "nobody named sees nothing");
    ok(
        &db,
        &[
            "score",
            "submit",
            "--round",
            "一致性",
            "--account",
            "微信:对象1",
            "--evaluator",
            "J1",
        ],
    );
    assert_eq!(queue(&db, &["--as", "J1"]), (1, 1));
    let open = round(dir.path(), false);
    assert_eq!(queue(&open, &[]), (2, 0), "no panel: not blind");
}
