//! `assay rectify record|recheck` go through the same checks as the TUI's findings screen: on a
//! round whose bulletin has not been issued nothing is recorded (exit 1, naming the command that
//! issues it); once its date is recorded, the record is kept.

mod common_cli;
use common_cli::{fails_with, ok};

const Q4: &str = "2024年第四季度全面检查";

#[test]
fn nothing_is_rectified_before_the_bulletin() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    ok(&db, &["demo", "--print"]);
    let record = [
        "rectify",
        "record",
        "--round",
        Q4,
        "--account",
        "东坑发布",
        "--item",
        "no_update",
        "--note",
        "已恢复更新",
    ];
    let err = fails_with(&db, &record, 1);
    assert!(
        err.contains("尚未印发通报") && err.contains("assay bulletin --round"),
        "{err}"
    );
    let recheck = [
        "rectify",
        "recheck",
        "--round",
        Q4,
        "--account",
        "东坑发布",
        "--item",
        "no_update",
        "--result",
        "已整改",
        "--evidence",
        "截图.png",
        "--by",
        "王敏",
    ];
    assert!(fails_with(&db, &recheck, 1).contains("尚未印发通报"));
    let list = ok(&db, &["rectify", "list", "--round", Q4, "--format", "json"]);
    assert!(!list.contains("已恢复更新"), "nothing was recorded");

    ok(
        &db,
        &["round", "document", "--round", Q4, "--date", "2025-01-10"],
    );
    assert!(ok(&db, &record).contains("已记录"));
    // A re-check still names its evaluator of the database and its evidence.
    let mut stranger = recheck;
    stranger[13] = "路人甲";
    let err = fails_with(&db, &stranger, 1);
    assert!(err.contains("路人甲") && err.contains("王敏"), "{err}");
    assert!(ok(&db, &recheck).contains("已整改"));
}
