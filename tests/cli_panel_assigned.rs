//! Scoring outside the round's assignment: `score set` and `score import` write the entry and
//! warn on stderr, naming the account and the evaluator; without an assignment, no warning.

mod panels_common;

use std::path::Path;

use panels_common::*;

fn stderr_of(db: &Path, args: &[&str]) -> String {
    let out = assay(db, args);
    assert!(out.status.success(), "{args:?}: {out:?}");
    String::from_utf8(out.stderr).unwrap()
}

fn set(db: &Path, account: &str, evaluator: &str) -> String {
    stderr_of(
        db,
        &[
            "--lang",
            "en",
            "score",
            "set",
            "--round",
            "一致性",
            "--account",
            account,
            "--evaluator",
            evaluator,
            "--indicator",
            "x",
            "--value",
            "5",
        ],
    )
}

#[test]
fn scoring_an_unassigned_account_is_recorded_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let db = setup(dir.path(), "asg", RUBRIC);
    assert_eq!(set(&db, "对象1", "J1"), "", "no assignment: no warning");
    ok(
        &db,
        &[
            "panel",
            "member",
            "--round",
            "一致性",
            "--evaluator",
            "J1",
            "--affiliation",
            "单位1",
        ],
    );
    ok(
        &db,
        &["panel", "member", "--round", "一致性", "--evaluator", "J2"],
    );
    // Everyone scores everything, except J1 their own host unit's 对象1.
    ok(&db, &["panel", "assign", "--round", "一致性"]);
    let warned = set(&db, "对象1", "J1");
    assert!(
        warned.contains("not assigned") && warned.contains("对象1") && warned.contains("J1"),
        "{warned}"
    );
    assert_eq!(set(&db, "对象1", "J2"), "");
    assert_eq!(set(&db, "对象2", "J1"), "");
    let file = scores_csv(dir.path(), &[(1, "J1", 6), (2, "J1", 6)]);
    let imported = stderr_of(
        &db,
        &[
            "score",
            "import",
            file.to_str().unwrap(),
            "--round",
            "一致性",
        ],
    );
    assert!(
        imported.contains("未分配") && imported.contains("对象1"),
        "{imported}"
    );
    assert!(!imported.contains("对象2"), "{imported}");
}
