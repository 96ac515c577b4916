//! End-to-end tests of the real binary in tmux at 80×24: the demo opens on Chinese names, search
//! finds an account, notes typed by keystrokes are saved at once, survive a restart, and survive
//! a `kill -9` in the middle of scoring; an account is scored start to finish with auto-advance,
//! submitted with S, and then cannot be edited without reopening. Skipped (with a notice) when
//! tmux is absent.

use std::path::Path;
use std::process::Command;
use std::thread::sleep;
use std::time::{Duration, Instant};

use assay::storage::Store;

mod common_tui;

struct Tmux {
    session: String,
}

impl Tmux {
    fn start(dir: &Path, args: &str) -> Tmux {
        Tmux::start_env(dir, "", args)
    }

    /// Starts the binary with extra `NAME=value` assignments before it. After it exits, the pane
    /// shows its exit status and whether the tty is back in canonical (cooked) mode.
    fn start_env(dir: &Path, env: &str, args: &str) -> Tmux {
        static N: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let n = N.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        let session = format!("assay-e2e-{}-{n}", std::process::id());
        let home = dir.join("home");
        std::fs::create_dir_all(&home).expect("home");
        let bin = env!("CARGO_BIN_EXE_assay");
        let cmd = format!(
            "cd '{d}' && HOME='{h}' XDG_CONFIG_HOME='{h}/.config' XDG_DATA_HOME='{h}/.local/share' ASSAY_CONFIG='{h}/config.ron' {env} '{bin}' {args}; echo EXITED:$?; stty -a | tr ' ;' '\\n\\n' | grep -x -- '-*icanon' | sed 's/^/TTY:/'; sleep 30",
            d = dir.display(),
            h = home.display()
        );
        let ok = Command::new("tmux")
            .args([
                "new-session",
                "-d",
                "-s",
                &session,
                "-x",
                "80",
                "-y",
                "24",
                &cmd,
            ])
            .status()
            .expect("tmux runs");
        assert!(ok.success(), "tmux new-session failed");
        Tmux { session }
    }

    fn screen(&self) -> String {
        let out = Command::new("tmux")
            .args(["capture-pane", "-p", "-t", &self.session])
            .output()
            .expect("capture");
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    fn keys(&self, keys: &[&str]) {
        for k in keys {
            Command::new("tmux")
                .args(["send-keys", "-t", &self.session, k])
                .status()
                .expect("send-keys");
            sleep(Duration::from_millis(150));
        }
    }

    fn literal(&self, text: &str) {
        Command::new("tmux")
            .args(["send-keys", "-l", "-t", &self.session, text])
            .status()
            .expect("send-keys");
        sleep(Duration::from_millis(300));
    }

    /// Waits until the screen satisfies `ok`, or fails with the screen.
    fn wait(&self, what: &str, secs: u64, ok: impl Fn(&str) -> bool) {
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(secs) {
            if ok(&self.screen()) {
                return;
            }
            sleep(Duration::from_millis(200));
        }
        panic!("timed out waiting for {what}; screen:\n{}", self.screen());
    }

    /// A tmux format variable of the pane, e.g. `alternate_on`.
    fn pane(&self, var: &str) -> String {
        let out = Command::new("tmux")
            .args(["display", "-p", "-t", &self.session, &format!("#{{{var}}}")])
            .output()
            .expect("tmux display");
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    }

    fn pid(&self) -> String {
        let out = Command::new("sh")
            .args([
                "-c",
                &format!(
                    "pgrep -P $(tmux display -p -t {} '#{{pane_pid}}') assay",
                    self.session
                ),
            ])
            .output()
            .expect("pgrep");
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = Command::new("tmux")
            .args(["kill-session", "-t", &self.session])
            .status();
    }
}

fn have_tmux() -> bool {
    let ok = Command::new("tmux")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        eprintln!("NOTICE: tmux is not installed; skipping the end-to-end TUI test");
    }
    ok
}

fn cjk_rows(s: &str) -> usize {
    s.lines()
        .filter(|l| {
            l.chars()
                .filter(|c| ('\u{4e00}'..='\u{9fff}').contains(c))
                .count()
                >= 2
        })
        .count()
}

/// Opens the demo's 云和木玩童话小镇 and writes a note on each of the first `n` items.
fn open_and_note(t: &Tmux, tag: &str, n: usize) {
    t.wait("the account list", 15, |s| cjk_rows(s) >= 5);
    t.keys(&["/"]);
    t.literal("童话小镇");
    t.wait("the search result", 5, |s| s.contains("云和木玩童话小镇"));
    t.keys(&["Enter", "Enter"]);
    t.wait("the scoring screen", 5, |s| {
        s.contains("云和木玩童话小镇 ·")
    });
    for i in 1..=n {
        t.keys(&["m"]);
        t.literal(&format!("{tag}{i}"));
        t.keys(&["Enter"]);
        let want = format!("{tag}{i}");
        t.wait("the note on screen", 5, |s| s.contains(&want));
        t.keys(&["j"]);
    }
}

/// Notes stored for the account, any evaluator, in the newest round.
fn stored_notes(db: &Path) -> Vec<String> {
    let store = Store::open(db).expect("reopen db");
    let round = store
        .rounds()
        .expect("rounds")
        .into_iter()
        .max_by_key(|r| r.id)
        .expect("a round");
    let acc = store.find_account("云和木玩童话小镇").expect("account");
    let entries = store.entries(round.id, acc.id, None).expect("entries");
    entries.into_iter().map(|e| e.entry.note).collect()
}

#[test]
fn demo_search_score_quit_and_come_back() {
    if !have_tmux() {
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("demo.db");
    let t = Tmux::start(dir.path(), &format!("demo --db '{}'", db.display()));
    open_and_note(&t, "端到端", 2);
    t.keys(&["?"]);
    t.wait("help", 5, |s| s.contains("帮助"));
    t.keys(&["Escape", "q", "q"]);
    t.wait("exit status 0", 5, |s| s.contains("EXITED:0"));
    drop(t);
    let notes = stored_notes(&db);
    for i in 1..=2 {
        assert!(
            notes.iter().any(|n| n.ends_with(&format!("端到端{i}"))),
            "{notes:?}"
        );
    }
    // Start again on the same database (not a fresh demo) and find the notes.
    let store = Store::open(&db).expect("db");
    let round = store
        .rounds()
        .expect("rounds")
        .into_iter()
        .max_by_key(|r| r.id)
        .expect("round");
    let hist = store.history(round.id, None).expect("history");
    let evaluator = hist.last().expect("history rows").evaluator.clone();
    drop(store);
    let args = format!(
        "--db '{}' tui --round {} --evaluator '{evaluator}'",
        db.display(),
        round.id
    );
    let t = Tmux::start(dir.path(), &args);
    t.wait("the account list", 15, |s| cjk_rows(s) >= 5);
    t.keys(&["/"]);
    t.literal("童话小镇");
    t.keys(&["Enter", "Enter"]);
    t.wait("the first note again", 5, |s| s.contains("端到端1"));
    t.keys(&["q", "q"]);
    t.wait("exit status 0", 5, |s| s.contains("EXITED:0"));
}

#[test]
fn killed_mid_scoring_keeps_every_completed_edit() {
    if !have_tmux() {
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("demo.db");
    let t = Tmux::start(dir.path(), &format!("demo --db '{}'", db.display()));
    open_and_note(&t, "崩溃前", 3);
    let pid = t.pid();
    assert!(!pid.is_empty(), "found the assay process");
    let killed = Command::new("kill")
        .args(["-9", &pid])
        .status()
        .expect("kill");
    assert!(killed.success());
    t.wait("the process to die", 5, |s| s.contains("EXITED:137"));
    drop(t);
    let notes = stored_notes(&db);
    for i in 1..=3 {
        assert!(
            notes.iter().any(|n| n.ends_with(&format!("崩溃前{i}"))),
            "edit {i} lost: {notes:?}"
        );
    }
}

#[test]
fn a_panic_in_the_event_loop_restores_the_terminal_before_the_message() {
    if !have_tmux() {
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("demo.db");
    let args = format!("demo --db '{}'", db.display());
    let t = Tmux::start_env(dir.path(), "RUST_BACKTRACE=0 ASSAY_TEST_PANIC=1", &args);
    t.wait("the panic exit", 20, |s| s.contains("EXITED:101"));
    let s = t.screen();
    assert!(
        s.contains("ASSAY_TEST_PANIC"),
        "the message is on the normal screen:\n{s}"
    );
    assert!(s.contains("TTY:icanon"), "raw mode is off:\n{s}");
    assert_eq!(t.pane("alternate_on"), "0", "alternate screen left");
    assert_eq!(t.pane("mouse_any_flag"), "0", "mouse capture off");
    assert_eq!(t.pane("mouse_button_flag"), "0", "mouse capture off");
    assert_eq!(t.pane("mouse_standard_flag"), "0", "mouse capture off");
}

/// A database file with the small fixture rubric (every item kind) and its eight accounts in
/// one round; returns the round id.
fn fixture_db(db: &Path) -> i64 {
    use assay::storage::{AccountFilter, NewRound};
    let mut store = Store::create_or_open(db).expect("create db");
    store
        .insert_accounts(&common_tui::accounts())
        .expect("accounts");
    store
        .create_round(&NewRound {
            name: "端到端轮次".into(),
            rubric_id: "t".into(),
            rubric_version: "1".into(),
            rubric_text: common_tui::RUBRIC.into(),
            monitoring_date: chrono::NaiveDate::from_ymd_opt(2024, 12, 1).expect("date"),
            scope: AccountFilter::default(),
        })
        .expect("round")
        .id
}

#[test]
fn score_an_account_with_auto_advance_submit_it_and_find_it_locked() {
    use assay::storage::Submission;
    if !have_tmux() {
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("day.db");
    let round = fixture_db(&db);
    let args = format!(
        "--db '{}' tui --round {round} --evaluator 张三",
        db.display()
    );
    let t = Tmux::start(dir.path(), &args);
    t.wait("the account list", 15, |s| s.contains("云和发布"));
    t.keys(&["Enter"]);
    t.wait("the scoring screen", 5, |s| s.contains("云和发布 ·"));
    // No cursor movement at all: each judgement moves on to the next unscored item (the
    // App-only IPv6 check does not apply to this WeChat account and is skipped).
    t.keys(&["5", "Enter"]); // 账号定位 5 → 发布无关信息
    t.keys(&["n"]); // no instances → 阅读量
    t.keys(&["8", "Enter"]); // → 菜单可用
    t.keys(&["1"]); // yes → 原创精品
    t.keys(&["n"]); // none → 内容不更新
    t.keys(&["0"]); // checked clean → nothing left
    t.wait("the sheet complete", 5, |s| s.contains("已评 6/6"));
    t.keys(&["S"]);
    t.wait("the submitted mark", 5, |s| s.contains("[已提交]"));
    // An edit on the submitted sheet asks to reopen; declining keeps it locked.
    t.keys(&["g", "3"]);
    t.wait("the reopen question", 5, |s| s.contains("重新打开以修改"));
    t.keys(&["n"]);
    t.wait("the question gone", 5, |s| !s.contains("重新打开以修改"));
    t.keys(&["Escape"]);
    t.wait("the list with the sheet state", 5, |s| s.contains("已提交"));
    let submitted = {
        let store = Store::open(&db).expect("reopen db");
        let acc = store.find_account("云和发布").expect("account").id;
        store.submission(round, acc, "张三").expect("state")
    };
    assert_eq!(submitted, Submission::Submitted);
    // Reopening is a choice, and it is recorded.
    t.keys(&["Enter", "3"]);
    t.wait("the reopen question", 5, |s| s.contains("重新打开以修改"));
    t.keys(&["y"]);
    t.wait("reopened", 5, |s| s.contains("已重新打开"));
    t.keys(&["Escape", "q"]);
    t.wait("exit status 0", 5, |s| s.contains("EXITED:0"));
    drop(t);
    let store = Store::open(&db).expect("reopen db");
    let acc = store.find_account("云和发布").expect("account").id;
    assert_eq!(
        store.submission(round, acc, "张三").expect("state"),
        Submission::Draft
    );
    let hist = store.history(round, Some(acc)).expect("history");
    let states: Vec<_> = (hist.iter())
        .filter(|h| h.indicator == assay::storage::SUBMISSION_INDICATOR)
        .map(|h| h.new.clone().unwrap_or_default())
        .collect();
    assert_eq!(states, ["\"submitted\"", "\"draft\""], "{hist:?}");
    let entries = store.entries(round, acc, Some("张三")).expect("entries");
    let value = |id: &str| {
        let e = &entries
            .iter()
            .find(|e| e.entry.indicator == id)
            .expect(id)
            .entry;
        (e.value, e.count)
    };
    assert_eq!(
        value("pos"),
        (Some(5.0), None),
        "the declined edit wrote nothing"
    );
    assert_eq!(value("off"), (None, Some(0)));
    assert_eq!(value("read"), (Some(8.0), None));
    assert_eq!(value("menu"), (Some(1.0), None));
    assert_eq!(value("orig"), (None, Some(0)));
    assert_eq!(value("stale"), (Some(0.0), None));
    assert_eq!(entries.len(), 6);
}
