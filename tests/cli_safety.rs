//! Data safety through the real binary (issue 7): read commands on a missing file create
//! nothing, foreign files are refused unchanged, errors are printed once, concurrent `score set`
//! processes all succeed and wait for a lock, and `audit verify` passes on honest databases and
//! catches an entry changed behind the tool's back.

mod common_cli;
use common_cli::{assay, ok};

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

fn fixture(p: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(p)
}

fn fails(db: &Path, args: &[&str]) -> String {
    let out = assay(db, args);
    assert_eq!(out.status.code(), Some(1), "assay {args:?} should exit 1");
    String::from_utf8(out.stderr).expect("utf-8 stderr")
}

/// A database with the two test accounts and a round on the mini rubric.
fn setup(dir: &Path) -> PathBuf {
    let db = dir.join("t.db");
    ok(&db, &["init"]);
    ok(
        &db,
        &[
            "account",
            "import",
            fixture("cli/accounts.csv").to_str().unwrap(),
        ],
    );
    let rubric = fixture("cli/mini.ron");
    ok(
        &db,
        &[
            "round",
            "create",
            "Q1",
            "--rubric",
            rubric.to_str().unwrap(),
            "--date",
            "2024-03-31",
        ],
    );
    db
}

fn set_args<'a>(
    evaluator: &'a str,
    account: &'a str,
    indicator: &'a str,
    value: &'a str,
) -> Vec<&'a str> {
    vec![
        "score",
        "set",
        "--round",
        "Q1",
        "--account",
        account,
        "--evaluator",
        evaluator,
        "--indicator",
        indicator,
        "--value",
        value,
    ]
}

fn digest(path: &Path) -> Vec<u8> {
    use sha2::Digest;
    sha2::Sha256::digest(std::fs::read(path).unwrap()).to_vec()
}

#[test]
fn read_commands_on_a_missing_file_say_so_and_create_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("typo/assay.db");
    for args in [
        vec!["account", "list"],
        vec!["round", "list"],
        vec!["explain", "--round", "Q1", "--account", "1"],
        vec!["audit", "verify"],
        set_args("甲", "1", "layout", "3"),
    ] {
        let err = fails(&db, &args);
        assert!(
            err.contains("不存在") && err.contains("typo/assay.db"),
            "{args:?}: {err}"
        );
        assert!(
            !dir.path().join("typo").exists(),
            "{args:?} created the folder"
        );
    }
    let mut en = vec!["--lang", "en"];
    en.extend(["account", "list"]);
    let err = fails(&db, &en);
    assert!(
        err.contains("does not exist") && err.contains("assay init"),
        "{err}"
    );
    ok(&db, &["init"]);
    assert!(db.exists());
}

#[test]
fn a_foreign_sqlite_file_is_refused_unchanged_and_said_once() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("other.db");
    rusqlite::Connection::open(&db)
        .unwrap()
        .execute_batch("CREATE TABLE notes (x); INSERT INTO notes VALUES ('mine');")
        .unwrap();
    let before = digest(&db);
    for args in [
        vec!["account", "list"],
        vec!["init"],
        vec!["--lang", "en", "round", "list"],
    ] {
        let err = fails(&db, &args);
        assert!(err.contains("notes"), "{args:?}: {err}");
        assert_eq!(err.trim().lines().count(), 1, "{err}");
    }
    assert_eq!(digest(&db), before);
    assert!(!dir.path().join("other.db-wal").exists());
    // A directory given as the database: SQLite's reason, once.
    let err = fails(dir.path(), &["--lang", "en", "account", "list"]);
    assert_eq!(err.matches("unable to open").count(), 1, "{err}");
}

#[test]
fn four_writer_processes_at_once_all_succeed_with_history() {
    let dir = tempfile::tempdir().unwrap();
    let db = setup(dir.path());
    let writers: Vec<_> = (0..4)
        .map(|w| {
            let db = db.clone();
            std::thread::spawn(move || {
                let evaluator = format!("并发{w}");
                let mut failed = Vec::new();
                for i in 0..10 {
                    for (account, indicator) in [("测试发布", "layout"), ("测试APP", "reads")]
                    {
                        let v = (i % 5).to_string();
                        let out = assay(&db, &set_args(&evaluator, account, indicator, &v));
                        if !out.status.success() {
                            failed.push(String::from_utf8_lossy(&out.stderr).to_string());
                        }
                    }
                }
                failed
            })
        })
        .collect();
    let failed: Vec<String> = writers
        .into_iter()
        .flat_map(|t| t.join().unwrap())
        .collect();
    assert!(
        failed.is_empty(),
        "{} writes failed: {:?}",
        failed.len(),
        failed.first()
    );
    let c = rusqlite::Connection::open(&db).unwrap();
    let n = |sql: &str| -> i64 { c.query_row(sql, [], |r| r.get(0)).unwrap() };
    assert_eq!(n("SELECT count(*) FROM entries"), 8);
    // Values cycle 0..4 twice: the first write and every change leave a row (repeats do not).
    assert_eq!(n("SELECT count(*) FROM history"), 4 * 2 * 10);
    ok(&db, &["audit", "verify"]);
}

#[test]
fn score_set_waits_for_a_held_exclusive_lock_then_succeeds() {
    let dir = tempfile::tempdir().unwrap();
    let db = setup(dir.path());
    let holder = rusqlite::Connection::open(&db).unwrap();
    holder.execute_batch("BEGIN EXCLUSIVE;").unwrap();
    let started = Instant::now();
    let writer = {
        let db = db.clone();
        std::thread::spawn(move || assay(&db, &set_args("甲", "测试发布", "layout", "3")))
    };
    std::thread::sleep(Duration::from_millis(1500));
    holder.execute_batch("COMMIT;").unwrap();
    let out = writer.join().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        started.elapsed() >= Duration::from_millis(1400),
        "did not wait"
    );
    let n: i64 = holder
        .query_row("SELECT count(*) FROM history", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n, 1);
}

#[test]
fn audit_verify_passes_then_names_an_entry_changed_behind_the_tools_back() {
    let dir = tempfile::tempdir().unwrap();
    let db = setup(dir.path());
    ok(&db, &set_args("甲", "测试发布", "layout", "3"));
    ok(&db, &set_args("甲", "测试发布", "layout", "4"));
    ok(
        &db,
        &[
            "score",
            "set",
            "--round",
            "Q1",
            "--account",
            "测试发布",
            "--evaluator",
            "甲",
            "--indicator",
            "typos",
            "--count",
            "1",
            "--note",
            "第3段",
        ],
    );
    let out = ok(&db, &["--lang", "en", "audit", "verify"]);
    assert!(
        out.contains("audit ok") && out.contains("3 history rows"),
        "{out}"
    );
    rusqlite::Connection::open(&db)
        .unwrap()
        .execute(
            "UPDATE entries SET value = 5 WHERE indicator = 'layout'",
            [],
        )
        .unwrap();
    let err = fails(&db, &["--lang", "en", "audit", "verify"]);
    assert!(
        err.contains("indicator layout") && err.contains("history row 2"),
        "{err}"
    );
    let err = fails(&db, &["audit", "verify", "--round", "Q1"]);
    assert!(err.contains("第 2 行"), "{err}");
    let out = assay(&db, &["audit", "verify", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["ok"], false);
}

#[test]
fn score_set_keeps_the_stored_note_and_audit_passes_on_the_demo() {
    let dir = tempfile::tempdir().unwrap();
    let db = setup(dir.path());
    ok(
        &db,
        &[
            "score",
            "set",
            "--round",
            "Q1",
            "--account",
            "测试发布",
            "--evaluator",
            "甲",
            "--indicator",
            "typos",
            "--count",
            "1",
            "--note",
            "第3段",
        ],
    );
    ok(
        &db,
        &[
            "score",
            "set",
            "--round",
            "Q1",
            "--account",
            "测试发布",
            "--evaluator",
            "甲",
            "--indicator",
            "typos",
            "--count",
            "2",
        ],
    );
    let c = rusqlite::Connection::open(&db).unwrap();
    let note: String = c
        .query_row("SELECT note FROM entries", [], |r| r.get(0))
        .unwrap();
    assert_eq!(note, "第3段");
    let demo = dir.path().join("demo.db");
    ok(&demo, &["demo", "--print"]);
    ok(&demo, &["audit", "verify"]);
    // demo loads its scores in bulk: one chained row per batch, and a change is still seen.
    rusqlite::Connection::open(&demo)
        .unwrap()
        .execute(
            "UPDATE entries SET note = note || 'x' WHERE (round_id, account_id, evaluator_id, indicator) IN
             (SELECT round_id, account_id, evaluator_id, indicator FROM entries LIMIT 1)",
            [],
        )
        .unwrap();
    let err = fails(&demo, &["--lang", "en", "audit", "verify"]);
    assert!(err.contains("bulk"), "{err}");
}

#[test]
fn the_database_itself_is_refused_as_an_input_file() {
    let dir = tempfile::tempdir().unwrap();
    let db = setup(dir.path());
    let before = digest(&db);
    let path = db.to_str().unwrap();
    let err = fails(&db, &["--lang", "en", "account", "import", path]);
    assert!(err.contains("is the database itself"), "{err}");
    let err = fails(
        &db,
        &[
            "round",
            "create",
            "Q2",
            "--rubric",
            path,
            "--date",
            "2024-06-30",
        ],
    );
    assert!(err.contains("数据库文件本身"), "{err}");
    assert_eq!(digest(&db), before);
}
