//! `panel merge` carries the evaluator's own history: each change they made on their laptop
//! (value edits, submission), with their own time, becomes a row of the chair's chained history,
//! shown by `assay history` as theirs; a second merge carries nothing again, and the chair's
//! `audit verify` stays green.

use std::path::Path;
use std::process::Command;

mod panels_common;
use panels_common::{RUBRIC, assay, ok, setup};

fn history(db: &Path) -> Vec<serde_json::Value> {
    let out = ok(db, &["history", "--round", "一致性", "--format", "json"]);
    serde_json::from_str::<serde_json::Value>(&out)
        .unwrap()
        .as_array()
        .unwrap()
        .clone()
}

fn set(db: &Path, value: &str) {
    ok(
        db,
        &[
            "score",
            "set",
            "--round",
            "一致性",
            "--account",
            "微信:对象1",
            "--evaluator",
            "J1",
            "--indicator",
            "x",
            "--value",
            value,
        ],
    );
}

/// A laptop database where J1 scored 对象1 twice and submitted it, exported to `j1.panel`,
/// and a chair database; returns (laptop, chair, file).
fn laptop_and_chair(d: &Path) -> (std::path::PathBuf, std::path::PathBuf, std::path::PathBuf) {
    let (laptop, chair) = (setup(d, "laptop", RUBRIC), setup(d, "chair", RUBRIC));
    set(&laptop, "5");
    set(&laptop, "7");
    ok(
        &laptop,
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
    let file = d.join("j1.panel");
    ok(
        &laptop,
        &[
            "panel",
            "export",
            "--round",
            "一致性",
            "--evaluator",
            "J1",
            "--out",
            file.to_str().unwrap(),
        ],
    );
    (laptop, chair, file)
}

#[test]
fn merge_carries_the_laptop_history_once() {
    let dir = tempfile::tempdir().unwrap();
    let (laptop, chair, file) = laptop_and_chair(dir.path());
    let merge = || ok(&chair, &["panel", "merge", file.to_str().unwrap()]);
    let first = merge();
    assert!(first.contains("带入评估人本机历史 3 条"), "{first}");
    let own = history(&laptop);
    let here = history(&chair);
    let carried: Vec<&serde_json::Value> = here.iter().filter(|h| h["carried"] == true).collect();
    assert_eq!(carried.len(), 3, "{here:#?}");
    for (c, o) in carried.iter().zip(&own) {
        for field in ["at", "evaluator", "indicator", "old", "new", "account"] {
            assert_eq!(c[field], o[field], "{field}: the laptop's own change");
        }
    }
    assert!(
        carried[0]["indicator_name"]
            .as_str()
            .unwrap()
            .contains("评估人本机记录")
    );
    // The same file again is not newer than the one merged: already merged, nothing written.
    let again = merge();
    assert!(again.contains("已合并过"), "{again}");
    assert_eq!(history(&chair).len(), here.len(), "nothing carried twice");
    ok(&chair, &["audit", "verify"]);
    // The laptop merging its own export back carries nothing: those rows are its own.
    let back = ok(&laptop, &["panel", "merge", file.to_str().unwrap()]);
    assert!(back.contains("无变化"), "{back}");
    assert_eq!(history(&laptop).len(), own.len());
}

#[test]
fn an_altered_carried_row_breaks_the_chain() {
    if Command::new("sqlite3").arg("-version").output().is_err() {
        eprintln!("sqlite3 is not installed: skipped (CI installs it)");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let (_, chair, file) = laptop_and_chair(dir.path());
    ok(&chair, &["panel", "merge", file.to_str().unwrap()]);
    ok(&chair, &["audit", "verify"]);
    let out = Command::new("sqlite3")
        .arg(&chair)
        .arg(
            "DROP TRIGGER history_no_update; UPDATE history SET at = '2000-01-01T00:00:00Z' \
             WHERE indicator LIKE '@carried:%';",
        )
        .output()
        .expect("sqlite3 runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let audit = assay(&chair, &["audit", "verify"]);
    assert_eq!(
        audit.status.code(),
        Some(1),
        "the chain covers carried rows"
    );
}
