//! End-to-end tests of the real binary in tmux at 80×24: the demo opens on Chinese names, search
//! finds an account, notes typed by keystrokes are saved at once, survive a restart, and survive
//! a `kill -9` in the middle of scoring; an account is scored start to finish with auto-advance,
//! submitted with S, and then cannot be edited without reopening. Skipped (with a notice) when
//! tmux is absent.

use std::path::Path;
use std::process::Command;

use assay::storage::Store;

mod common_tmux;
mod common_tui;

use common_tmux::{Tmux, have_tmux};

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
    t.wait("the account list", 60, |s| cjk_rows(s) >= 5);
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
    t.wait("the account list", 60, |s| cjk_rows(s) >= 5);
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
    t.wait("the panic exit", 60, |s| s.contains("EXITED:101"));
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
    t.wait("the account list", 60, |s| s.contains("云和发布"));
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
    t.wait("the submit question", 5, |s| {
        s.contains("提交后要修改须先重新打开")
    });
    t.keys(&["y"]);
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
