//! Registry imports through the real binary: encodings, all-or-nothing under a kill, and a
//! newer database refused without a byte changed.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

mod common_cli;
use common_cli::Assay;

/// The command on `db` (private HOME), unchecked, for the tests that spawn and kill it.
fn cmd(db: &Path) -> Command {
    Assay::db(db).command()
}

fn run(db: &Path, args: &[&str]) -> Output {
    Assay::db(db).args(args).output()
}

fn count(db: &Path) -> usize {
    let out = run(db, &["account", "list", "--format", "json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    v.as_array().expect("array").len()
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/accounts")
        .join(name)
}

#[test]
fn seed_003_accounts_import_in_gbk_and_with_bom() {
    for f in ["yunhe-accounts.gbk.csv", "yunhe-accounts.utf8bom.csv"] {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("a.db");
        let path = fixture(f);
        let out = run(
            &db,
            &[
                "account",
                "import",
                path.to_str().unwrap(),
                "--level",
                "county",
                "--region",
                "浙江省/丽水市/云和县",
            ],
        );
        assert!(
            out.status.success(),
            "{f}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(count(&db), 20, "{f}");
        let list = run(
            &db,
            &[
                "account",
                "list",
                "--format",
                "json",
                "--region",
                "浙江省/丽水市",
            ],
        );
        assert!(
            String::from_utf8_lossy(&list.stdout).contains("云和木玩童话小镇"),
            "{f}"
        );
    }
}

#[test]
fn a_newer_database_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("n.db");
    assert!(run(&db, &["init"]).status.success());
    {
        let conn = rusqlite::Connection::open(&db).unwrap();
        conn.pragma_update(None, "journal_mode", "DELETE").unwrap();
        conn.pragma_update(None, "user_version", 9999).unwrap();
    }
    let before = std::fs::read(&db).unwrap();
    let out = run(&db, &["--lang", "en", "account", "list"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("newer") && err.contains("9999"), "{err}");
    let out = run(&db, &["account", "list"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("更新版本") && err.contains("9999"), "{err}");
    assert_eq!(
        std::fs::read(&db).unwrap(),
        before,
        "the newer database was modified"
    );
}

/// Kills an import of 200,000 rows while its transaction is being written: afterwards the
/// registry holds either nothing or everything, never part.
#[test]
fn a_kill_during_import_leaves_nothing_partial() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    let csv = dir.path().join("big.csv");
    let mut f = std::io::BufWriter::new(std::fs::File::create(&csv).unwrap());
    writeln!(f, "新媒体类型,新媒体名称,责任单位,行政层级,地区").unwrap();
    for i in 0..200_000 {
        writeln!(
            f,
            "微信公众号,测试账号{i},测试单位{i},县级,测试省/测试市/测试县"
        )
        .unwrap();
    }
    drop(f);
    assert!(run(&db, &["init"]).status.success());
    let wal = PathBuf::from(format!("{}-wal", db.display()));
    let mut child = cmd(&db)
        .args(["account", "import", csv.to_str().unwrap()])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Wait until the transaction is spilling pages into the WAL, then kill.
    let start = Instant::now();
    let mut exited_first = false;
    while start.elapsed() < Duration::from_secs(120) {
        if child.try_wait().unwrap().is_some() {
            exited_first = true;
            break;
        }
        if std::fs::metadata(&wal).is_ok_and(|m| m.len() > 256 * 1024) {
            break;
        }
        std::thread::sleep(Duration::from_millis(1));
    }
    child.kill().unwrap();
    let status = child.wait().unwrap();
    assert!(
        !exited_first && !status.success(),
        "the import ended before it could be killed"
    );
    let n = count(&db);
    assert!(
        n == 0 || n == 200_000,
        "a killed import left {n} of 200000 accounts"
    );
}
