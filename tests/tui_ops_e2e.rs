//! End to end in tmux at 80×24: on the demo's Q4 round, `o` opens the operations screen, whose
//! report is computed off the UI thread (a loading line first, keys live), and shows a planted
//! zombie or dormant account (flagged list, `a`) with its flags and the chart of its weekly
//! index against the group mean; `Esc` goes back to the list. Skipped (with a notice) when tmux is absent.

mod common_cli;
mod common_tmux;
use common_tmux::{Tmux, have_tmux};

const PLANTED: [&str; 5] = [
    "缙云发布",
    "新碧发布",
    "遂昌农业农村",
    "遂昌民政",
    "东坑发布",
];

#[test]
fn o_opens_the_operations_screen_with_a_planted_account_and_its_chart() {
    if !have_tmux() {
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("d.db");
    common_cli::ok(&db, &["demo", "--print"]);
    let args = format!(
        "--db '{}' tui --round 2024年第四季度全面检查 --evaluator 王敏",
        db.display()
    );
    let t = Tmux::start(dir.path(), &args);
    t.wait("the account list", 20, |s| s.contains("丽水"));
    t.keys(&["o"]);
    t.wait("the operations screen with its chart", 30, |s| {
        s.contains("每周指数与组均值")
    });
    // The account selected in the list (丽水发布) is not flagged: every account is listed
    // around it; `a` lists the flagged ones, the most flagged (planted) first.
    t.keys(&["a"]);
    t.wait("a planted account in the flagged list", 10, |s| {
        s.contains("预警账号") && PLANTED.iter().any(|p| s.contains(p))
    });
    let s = t.screen();
    assert!(s.contains("僵尸") || s.contains("休眠"), "{s}");
    assert!(!s.contains("计算中…"), "the loading line is gone: {s}");
    t.keys(&["Escape"]);
    t.wait("the list again", 10, |s| !s.contains("每周指数与组均值"));
}
