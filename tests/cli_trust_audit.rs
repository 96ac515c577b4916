//! The audit and the backup on the real binary (issue 19 §2, §3): kept per-sheet results and a
//! pinned rubric rewritten with its hash recomputed are named by `audit verify`; a chain head
//! pinned from the bulletin is found while the chains stand and missed once they are rewritten;
//! `backup` copies a live database that audits clean; refused commands write nothing; a summary
//! top the TUI keeps, edited by hand, is named too.

mod common_cli;
mod common_trust;

use std::path::{Path, PathBuf};

use common_cli::{assay, ok};
use common_trust::dump;

fn demo(dir: &Path) -> PathBuf {
    let db = dir.join("demo.db");
    ok(&db, &["demo", "--print"]);
    db
}

fn sql(db: &Path, statement: &str) {
    let c = rusqlite::Connection::open(db).expect("opens");
    c.execute_batch(statement).expect("hand edit");
}

fn fails(db: &Path, args: &[&str], code: i32) -> String {
    let out = assay(db, args);
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(code), "assay {args:?}: {err}");
    err
}

#[test]
fn kept_results_and_a_rewritten_pinned_rubric_are_named() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    ok(&db, &["audit", "verify"]);
    let copy = dir.path().join("kept.db");
    std::fs::copy(&db, &copy).unwrap();
    sql(
        &copy,
        "UPDATE sheet_results SET points = points + 10 WHERE round_id = 2 AND account_id = (SELECT min(account_id) FROM sheet_results WHERE round_id = 2);",
    );
    let err = fails(&copy, &["audit", "verify"], 1);
    assert!(err.contains("保存的评分结果"), "{err}");
    // The pass mark raised from 60 to 80 in the pinned text, and the hash recomputed.
    let c = rusqlite::Connection::open(&db).unwrap();
    let text: String = c
        .query_row("SELECT rubric_text FROM rounds WHERE id = 2", [], |r| {
            r.get(0)
        })
        .unwrap();
    drop(c);
    assert!(text.contains("pass_mark: 60"));
    let new = text.replace("pass_mark: 60", "pass_mark: 80");
    let hash: String = {
        use sha2::Digest;
        sha2::Sha256::digest(new.as_bytes())
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect()
    };
    let c = rusqlite::Connection::open(&db).unwrap();
    c.execute(
        "UPDATE rounds SET rubric_text = ?1, rubric_hash = ?2 WHERE id = 2",
        [&new, &hash],
    )
    .unwrap();
    drop(c);
    let err = fails(&db, &["audit", "verify"], 1);
    assert!(err.contains("固定的评分表已被改写"), "{err}");
}

#[test]
fn a_head_pinned_from_the_bulletin_is_found_until_the_chains_are_rewritten() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let md = ok(&db, &["bulletin", "--round", "2", "--format", "md"]);
    let footer = md
        .lines()
        .find(|l| l.contains("审计链尾"))
        .unwrap_or_else(|| panic!("no chain heads in the footer:\n{md}"));
    let heads: Vec<String> = footer
        .split(|c: char| !c.is_ascii_hexdigit())
        .filter(|w| w.len() == 64)
        .map(String::from)
        .collect();
    assert_eq!(heads.len(), 2, "{footer}");
    let mut args = vec!["audit", "verify"];
    for h in &heads {
        args.extend(["--pin", h.as_str()]);
    }
    ok(&db, &args);
    // A head the chains never had (what a rewrite of every chain leaves): named.
    let forged = "0".repeat(64);
    let err = fails(&db, &["audit", "verify", "--pin", &forged], 1);
    assert!(err.contains("不在评分历史或登记链中"), "{err}");
}

#[test]
fn backup_copies_a_live_database_that_audits_clean_and_refuses_itself() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let copy = dir.path().join("备份.db");
    ok(&db, &["backup", "--out", copy.to_str().unwrap()]);
    ok(&copy, &["audit", "verify"]);
    assert_eq!(dump(&db), dump(&copy));
    let err = fails(&db, &["backup", "--out", db.to_str().unwrap()], 1);
    assert!(err.contains("数据库本身"), "{err}");
    let err = fails(&db, &["backup", "--out", dir.path().to_str().unwrap()], 1);
    assert!(err.contains("文件夹"), "{err}");
}

#[test]
fn refused_commands_write_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let before = dump(&db);
    let rubric = Path::new(env!("CARGO_MANIFEST_DIR")).join("rubrics/national-inspection.ron");
    let rubric = rubric.to_str().unwrap();
    let err = fails(
        &db,
        &[
            "round",
            "create",
            "两位年份",
            "--rubric",
            rubric,
            "--date",
            "24-01-01",
        ],
        2,
    );
    assert!(err.contains("四位"), "{err}");
    let err = fails(
        &db,
        &[
            "panel",
            "config",
            "--round",
            "2",
            "--category",
            "没有这个类别",
            "--method",
            "median",
        ],
        1,
    );
    assert!(err.contains("没有这个类别"), "{err}");
    // A rubric whose maximum is above 10^6: refused with its line, nothing written.
    let huge = dir.path().join("huge.ron");
    std::fs::write(
        &huge,
        "Rubric(id: \"h\", name: \"大\", version: \"1\", total: 10, pass_mark: 6,\n    grades: [(\"合格\", 6), (\"不合格\", 0)],\n    categories: [Category(id: \"c\", name: \"c\", weight: 10, indicators: [\n        Range(id: \"x\", name: \"x\", max: 1e300, step: 1)])])\n",
    )
    .unwrap();
    let err = fails(
        &db,
        &[
            "round",
            "create",
            "太大",
            "--rubric",
            huge.to_str().unwrap(),
            "--date",
            "2024-12-01",
        ],
        1,
    );
    assert!(err.contains(":4:") && err.contains("1000000"), "{err}");
    assert_eq!(before, dump(&db), "a refused command wrote to the database");
}

/// A summary top kept as the TUI keeps it passes the audit; the same top with one figure
/// changed by hand (what a TUI would show at once on `t`) is named, with its round and viewer
/// (the demo's round has no panel: every evaluator's summary is the same, kept once).
#[test]
fn a_summary_top_edited_by_hand_is_named() {
    use assay::app::summary_job::{SummaryRequest, compute, keep_top};
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let mut store = assay::storage::Store::open(&db).expect("opens");
    let round = store.round("2").expect("round 2");
    let viewer = "王敏";
    let req = SummaryRequest {
        round: round.id,
        rubric: assay::runtime::parse_rubric(&round).expect("rubric"),
        accounts: None,
        evaluator: viewer.into(),
        lang: assay::i18n::Lang::Zh,
        ahead: false,
        cancel: Default::default(),
    };
    let stamp = store.data_stamp().expect("stamp");
    let accounts = store
        .listed_accounts(round.id, viewer, 1)
        .expect("accounts");
    let summary = compute(&mut store, req.clone(), accounts).expect("summary");
    keep_top(&db, &req, stamp, &summary);
    drop(store);
    let c = rusqlite::Connection::open(&db).unwrap();
    let body: String = c
        .query_row("SELECT body FROM summary_tops", [], |r| r.get(0))
        .expect("a top kept");
    drop(c);
    ok(&db, &["audit", "verify"]);

    let mut top: serde_json::Value = serde_json::from_str(&body).unwrap();
    let n = top["overall"]["accounts"].as_u64().expect("accounts");
    top["overall"]["accounts"] = (n + 1).into();
    let c = rusqlite::Connection::open(&db).unwrap();
    c.execute("UPDATE summary_tops SET body = ?1", [top.to_string()])
        .unwrap();
    drop(c);
    let err = fails(&db, &["audit", "verify"], 1);
    assert!(
        err.contains("轮次 2：为全体评估人（zh）保存的汇总首屏与重新计算的结果不符"),
        "{err}"
    );
    let out = assay(
        &db,
        &["--lang", "en", "audit", "verify", "--format", "json"],
    );
    let json = String::from_utf8_lossy(&out.stdout);
    assert!(
        json.contains("SummaryTop")
            && json.contains("the summary top kept for every evaluator (zh)"),
        "{json}"
    );
}
