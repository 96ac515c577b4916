//! Issue 7 §1 end to end: the TUI writes notes while an outside `sqlite3` process reads and
//! writes the same database between the edits (as an office checking counts does); every edit
//! is visible to the outside reader at once, all are kept after `kill -9`, the file passes
//! `integrity_check` and `audit`. Skipped (with a notice) when tmux or sqlite3 is absent.

use std::path::Path;
use std::process::Command;
use std::thread::sleep;
use std::time::{Duration, Instant};

use assay::storage::Store;

mod common_cli;

const BIN: &str = env!("CARGO_BIN_EXE_assay");

fn have(program: &str, version_flag: &str) -> bool {
    let ok = Command::new(program)
        .arg(version_flag)
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        eprintln!("NOTICE: {program} is not installed; skipping the outside-reader TUI test");
    }
    ok
}

fn sqlite3(db: &Path, sql: &str) -> String {
    let out = Command::new("sqlite3")
        .arg(db)
        .arg(sql)
        .output()
        .expect("sqlite3 runs");
    assert!(
        out.status.success(),
        "sqlite3 {sql}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

struct Session(String);

impl Session {
    fn tmux(&self, args: &[&str]) -> String {
        // Its own tmux server, so that another test binary's server shutting down cannot fail it.
        let out = Command::new("tmux")
            .args(["-L", &self.0])
            .args(args)
            .output()
            .expect("tmux runs");
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    fn screen(&self) -> String {
        self.tmux(&["capture-pane", "-p", "-t", &self.0])
    }

    fn keys(&self, keys: &[&str]) {
        for k in keys {
            self.tmux(&["send-keys", "-t", &self.0, k]);
            sleep(Duration::from_millis(150));
        }
    }

    fn literal(&self, text: &str) {
        self.tmux(&["send-keys", "-l", "-t", &self.0, text]);
        sleep(Duration::from_millis(200));
    }

    fn wait(&self, what: &str, secs: u64, ok: impl Fn(&str) -> bool) {
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(secs) {
            if ok(&self.screen()) {
                return;
            }
            sleep(Duration::from_millis(150));
        }
        panic!("timed out waiting for {what}; screen:\n{}", self.screen());
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        self.tmux(&["kill-server"]);
    }
}

#[test]
fn tui_edits_beside_an_outside_sqlite3_survive_kill_9() {
    if !have("tmux", "-V") || !have("sqlite3", "-version") {
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("demo.db");
    let home = dir.path().join("home");
    common_cli::ok(&db, &["demo", "--print"]);
    let round = sqlite3(&db, "SELECT max(id) FROM rounds;");
    let session = Session(format!("assay-reader-{}", std::process::id()));
    let cmd = format!(
        "HOME='{h}' XDG_CONFIG_HOME='{h}/.config' XDG_DATA_HOME='{h}/.local/share' ASSAY_CONFIG='{h}/config.ron' '{BIN}' --db '{db}' tui --round {round} --evaluator 检查员; echo EXITED:$?; sleep 30",
        h = home.display(),
        db = db.display()
    );
    session.tmux(&[
        "new-session",
        "-d",
        "-s",
        &session.0,
        "-x",
        "100",
        "-y",
        "30",
        &cmd,
    ]);
    session.wait("the account list", 15, |s| s.contains("检查员"));
    session.keys(&["Enter"]);
    sleep(Duration::from_millis(500));
    let n = 4;
    for i in 1..=n {
        let note = format!("旁读{i}");
        session.keys(&["m"]);
        session.literal(&note);
        session.keys(&["Enter"]);
        session.wait("the note on screen", 5, |s| s.contains(&note));
        // The outside program reads (and writes) between the TUI's edits.
        // (The typed text is on screen before Enter is handled: poll the reader briefly.)
        let start = Instant::now();
        let mut seen = String::new();
        while start.elapsed() < Duration::from_secs(5) {
            seen = sqlite3(
                &db,
                "SELECT count(*) FROM entries WHERE note LIKE '%旁读%';",
            );
            if seen == i.to_string() {
                break;
            }
            sleep(Duration::from_millis(100));
        }
        assert_eq!(
            seen,
            i.to_string(),
            "edit {i} not visible to an outside reader"
        );
        sqlite3(
            &db,
            &format!("INSERT INTO evaluators (name) VALUES ('外部{i}');"),
        );
        session.keys(&["Down"]);
    }
    let pane_pid = session.tmux(&["display", "-p", "-t", &session.0, "#{pane_pid}"]);
    let pid = Command::new("pgrep")
        .args(["-P", pane_pid.trim(), "assay"])
        .output()
        .expect("pgrep");
    let pid = String::from_utf8_lossy(&pid.stdout).trim().to_string();
    assert!(!pid.is_empty(), "found the assay process");
    assert!(
        Command::new("kill")
            .args(["-9", &pid])
            .status()
            .expect("kill")
            .success()
    );
    session.wait("the process to die", 5, |s| s.contains("EXITED:137"));
    drop(session);
    assert_eq!(
        sqlite3(
            &db,
            "SELECT count(*) FROM entries WHERE note LIKE '%旁读%';"
        ),
        n.to_string(),
        "edits lost after kill -9"
    );
    assert_eq!(sqlite3(&db, "PRAGMA integrity_check;"), "ok");
    let store = Store::open(&db).expect("reopen");
    let audit = store.audit(None).expect("audit");
    // The outside program's evaluators are a hand edit of the registry: the ledger names exactly
    // that, and nothing of the TUI's edits is found.
    let found = format!("{:?}", audit.findings);
    assert_eq!(audit.findings.len(), 1, "{found}");
    assert!(
        found.starts_with("[Ledger { subject: \"evaluators\""),
        "{found}"
    );
}
