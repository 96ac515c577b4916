//! An appeal decided as changed writes the chair's consensus (the score history) and the
//! decision (the ledger) in one transaction, through the real binary on the demo: when the
//! ledger refuses the decision's record, no consensus is left behind and no result moves; once
//! the ledger takes it, both are kept and `audit verify` is clean.

mod common_cli;
use common_cli::{assay, ok};

use std::path::Path;

const Q4: &str = "2024年第四季度全面检查";

fn consensus_rows(db: &Path) -> i64 {
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.query_row(
        "SELECT count(*) FROM history WHERE indicator LIKE '@consensus:%'",
        [],
        |r| r.get(0),
    )
    .unwrap()
}

fn decide(db: &Path) -> std::process::Output {
    let args = [
        "appeal",
        "decide",
        "--id",
        "1",
        "--changed",
        "无",
        "--rationale",
        "核实监测时间点前2周内有更新",
        "--chair",
        "王敏",
    ];
    assay(db, &args)
}

#[test]
fn a_changed_decision_the_ledger_refuses_leaves_no_consensus_behind() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    ok(&db, &["demo", "--print"]);
    ok(
        &db,
        &["round", "document", "--round", Q4, "--appeal-days", "5"],
    );
    let chair = ["--round", Q4, "--evaluator", "王敏", "--role", "chair"];
    ok(&db, &[&["panel", "member"][..], &chair].concat());
    let draft = [
        "--round",
        Q4,
        "--format",
        "md",
        "--draft",
        "--date",
        "2025-01-06",
    ];
    ok(&db, &[&["bulletin"][..], &draft].concat());
    let file = [
        "--round",
        Q4,
        "--account",
        "东坑发布",
        "--item",
        "no_update",
        "--reason",
        "监测时间点前一周有更新",
        "--date",
        "2025-01-08",
    ];
    ok(&db, &[&["appeal", "file"][..], &file].concat());
    let results = || ok(&db, &["report", "--round", Q4, "--format", "json"]);
    let before = results();
    let consensus_before = consensus_rows(&db);

    {
        let conn = rusqlite::Connection::open(&db).unwrap();
        conn.execute_batch(
            "CREATE TRIGGER refuse_follow BEFORE INSERT ON ledger
             WHEN NEW.subject LIKE 'follow:%'
             BEGIN SELECT RAISE(ABORT, '测试拒绝写入'); END",
        )
        .unwrap();
    }
    let out = decide(&db);
    assert!(!out.status.success(), "the refused decision fails");
    assert_eq!(
        consensus_rows(&db),
        consensus_before,
        "no consensus without its decision"
    );
    assert_eq!(results(), before, "no result moved");
    let list = ok(&db, &["appeal", "list", "--round", Q4]);
    assert!(
        list.contains("待裁定"),
        "the appeal is still waiting: {list}"
    );

    {
        let conn = rusqlite::Connection::open(&db).unwrap();
        conn.execute_batch("DROP TRIGGER refuse_follow").unwrap();
    }
    let out = decide(&db);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(consensus_rows(&db), consensus_before + 1);
    assert_ne!(results(), before, "the changed appeal moved a result");
    ok(&db, &["audit", "verify"]);
}
