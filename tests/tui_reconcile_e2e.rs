//! End to end in tmux at 80×24: on the demo's four-dimension round, a member who is not the
//! chair is told why the queue stays closed; the chair opens it with `c`, reconciles the planted
//! split veto (莲都文旅 / security) and a points disagreement with typed values and rationales,
//! and `assay panel queue` afterwards lists neither, with both consensus rows in the history.
//! Skipped (with a notice) when tmux is absent.

use std::path::Path;

use assay::storage::{CONSENSUS_PREFIX, Store};

mod common_tmux;
mod panels_common;
use common_tmux::{Tmux, have_tmux};
use panels_common::ok;

const ROUND: &str = "2024年莲都区政务新媒体四维评估";

fn queue(db: &Path) -> serde_json::Value {
    let out = ok(
        db,
        &[
            "panel", "queue", "--round", ROUND, "--format", "json", "--as", "主任",
        ],
    );
    serde_json::from_str(&out).expect("queue json")
}

fn queued(q: &serde_json::Value, account: &str, indicator: &str) -> bool {
    q["items"]
        .as_array()
        .expect("items")
        .iter()
        .any(|i| i["account"] == account && i["indicator"] == indicator)
}

fn tui(dir: &Path, db: &Path, who: &str) -> Tmux {
    let args = format!(
        "--db '{}' tui --round '{ROUND}' --evaluator {who}",
        db.display()
    );
    let t = Tmux::start(dir, &args);
    t.wait("the account list", 20, |s| s.contains("莲都"));
    t
}

/// Moves down the queue until the detail pane shows `title`.
fn select(t: &Tmux, title: &str) {
    for _ in 0..80 {
        if t.screen().contains(title) {
            return;
        }
        t.keys(&["j"]);
    }
    panic!("{title} not found in the queue:\n{}", t.screen());
}

#[test]
fn the_chair_reconciles_the_demo_queue_in_the_tui() {
    if !have_tmux() {
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("demo.db");
    ok(&db, &["demo", "--print"]);
    ok(
        &db,
        &[
            "panel",
            "member",
            "--round",
            ROUND,
            "--evaluator",
            "主任",
            "--role",
            "chair",
        ],
    );
    let before = queue(&db);
    let open = before["open"].as_u64().expect("open");
    assert!(queued(&before, "wechat:莲都文旅", "security"));
    assert!(queued(&before, "wechat:莲都发布", "topic_planning"));

    // An evaluator who is not the chair gets the reason, not the queue.
    let t = tui(dir.path(), &db, "陈思远");
    t.keys(&["c"]);
    t.wait("the refusal", 5, |s| s.contains("组长"));
    t.keys(&["Enter", "q"]);
    t.wait("exit status 0", 5, |s| s.contains("EXITED:0"));
    drop(t);

    let t = tui(dir.path(), &db, "主任");
    t.keys(&["c"]);
    t.wait("the queue", 5, |s| {
        s.contains(&format!("待协调 {open} 项 · 已协调 0 项"))
    });
    // The split veto: every evaluator's decision and note side by side, then reason 1.
    select(&t, "莲都文旅（微信） · 安全、泄密事故等严重问题");
    t.wait("the votes", 5, |s| {
        s.contains("否决") && s.contains("不否决")
    });
    t.keys(&["Enter"]);
    t.wait("the value prompt", 5, |s| s.contains("协调后的分值"));
    t.keys(&["1", "Enter"]);
    t.wait("the rationale prompt", 5, |s| s.contains("协调理由"));
    t.literal("问题地图属实");
    t.keys(&["Enter"]);
    t.wait("one reconciled", 5, |s| s.contains("已协调 1 项"));
    // A points item: back to the top, 2 of 3.
    t.keys(&["g"]);
    t.wait("the first item", 5, |s| {
        s.contains("莲都发布（微信） · 主题策划")
    });
    t.keys(&["Enter", "2", "Enter"]);
    t.wait("the rationale prompt", 5, |s| s.contains("协调理由"));
    t.literal("两人给2分");
    t.keys(&["Enter"]);
    t.wait("two reconciled", 5, |s| {
        s.contains(&format!("待协调 {} 项 · 已协调 2 项", open - 2))
    });
    t.keys(&["Escape", "q"]);
    t.wait("exit status 0", 5, |s| s.contains("EXITED:0"));
    drop(t);

    let after = queue(&db);
    assert_eq!(after["open"].as_u64(), Some(open - 2));
    assert_eq!(after["reconciled"].as_u64(), Some(2));
    assert!(!queued(&after, "wechat:莲都文旅", "security"));
    assert!(!queued(&after, "wechat:莲都发布", "topic_planning"));
    let store = Store::open(&db).expect("db");
    let round = store.round(ROUND).expect("round").id;
    let rows = store.consensus_rows(round).expect("consensus");
    assert_eq!(rows.len(), 2, "{rows:?}");
    assert!(rows.iter().all(|r| r.chair == "主任"));
    let sec = rows
        .iter()
        .find(|r| r.indicator == "security")
        .expect("veto");
    assert_eq!(sec.consensus.veto.as_deref(), Some("严重表述错误"));
    assert_eq!(sec.consensus.rationale, "问题地图属实");
    let tp = rows
        .iter()
        .find(|r| r.indicator == "topic_planning")
        .expect("points");
    assert_eq!(tp.consensus.value, Some(2.0));
    let hist = store.history(round, None).expect("history");
    assert_eq!(
        hist.iter()
            .filter(|h| h.indicator.starts_with(CONSENSUS_PREFIX))
            .count(),
        2
    );
}
