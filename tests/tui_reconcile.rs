//! The chair's reconciliation screen on an in-memory backend: only the chair opens it, each
//! queue item shows every evaluator's vote, the consensus is checked like any entry and needs a
//! rationale, it is recorded once, and the queue shrinks; snapshots at 80×24 in zh and en.

use assay::app::{Action, InputKind, MemBackend, Popup, Screen};
use assay::domain::entry::Entry;
use assay::i18n::Lang;

mod common_tui;
use common_tui::{app, run, screen, typed};

fn entry(id: &str, value: Option<f64>, veto: Option<&str>, note: &str) -> Entry {
    Entry {
        value,
        veto: veto.map(str::to_string),
        note: note.into(),
        ..Entry::new(id)
    }
}

/// 张三 and 李四 score 云和发布 (account 1) apart on 定位 (5 vs 2, max 5) and split on the veto.
fn backend(chair: bool) -> MemBackend {
    let mut b = MemBackend::default();
    let put = |b: &mut MemBackend, who: &str, es: Vec<Entry>| {
        let m = b.entries.entry((1, 1, who.to_string())).or_default();
        for e in es {
            m.insert(e.indicator.clone(), e);
        }
    };
    put(
        &mut b,
        "张三",
        vec![
            entry("pos", Some(5.0), None, "定位清楚"),
            entry("read", Some(6.0), None, ""),
            entry("stale", None, Some("监测时间点前2周内无更新"), "12月无更新"),
        ],
    );
    put(
        &mut b,
        "李四",
        vec![
            entry("pos", Some(2.0), None, "转发为主"),
            entry("read", Some(6.5), None, ""),
            entry("stale", Some(0.0), None, ""),
        ],
    );
    if chair {
        b.chairs.push((1, "张三".into()));
    }
    b
}

#[test]
fn only_the_chair_opens_the_queue_and_is_told_why_not() {
    let mut b = backend(false);
    let mut a = app(Lang::Zh, &b);
    run(&mut a, &mut b, &[Action::Reconcile]);
    assert_eq!(a.screen, Screen::Accounts);
    let Some(Popup::Message { text, error: true }) = &a.popup else {
        panic!("an error popup, got {:?}", a.popup);
    };
    assert!(text.contains("组长") && text.contains("张三"), "{text}");
    let mut b = backend(false);
    let mut a = app(Lang::En, &b);
    run(&mut a, &mut b, &[Action::Reconcile]);
    let Some(Popup::Message { text, .. }) = &a.popup else {
        panic!("an error popup");
    };
    assert!(text.contains("only the chair"), "{text}");
}

#[test]
fn the_chair_reconciles_and_the_queue_shrinks() {
    let mut b = backend(true);
    let mut a = app(Lang::Zh, &b);
    run(&mut a, &mut b, &[Action::Reconcile]);
    assert_eq!(a.screen, Screen::Reconcile);
    let r = a.reconcile.as_ref().expect("queue loaded");
    let ids: Vec<&str> = r.items.iter().map(|d| d.item.indicator.as_str()).collect();
    assert_eq!(ids, ["pos", "stale"], "read (6 vs 6.5) is within 30% of 10");
    assert_eq!(r.items[0].item.votes.len(), 2);
    assert_eq!(r.items[0].item.votes[1].note, "转发为主");
    // A value the item cannot take is refused like any entry, and nothing is written.
    run(
        &mut a,
        &mut b,
        &[Action::Enter, Action::Type('9'), Action::Enter],
    );
    assert!(matches!(a.popup, Some(Popup::Message { error: true, .. })));
    run(&mut a, &mut b, &[Action::Back]);
    run(&mut a, &mut b, &[Action::Enter]);
    run(&mut a, &mut b, &typed("abc"));
    run(&mut a, &mut b, &[Action::Enter]);
    assert!(matches!(a.popup, Some(Popup::Message { error: true, .. })));
    run(&mut a, &mut b, &[Action::Back]);
    assert!(b.consensus.is_empty());
    // 4 points, then the rationale (an empty one is asked again).
    run(
        &mut a,
        &mut b,
        &[Action::Enter, Action::Type('4'), Action::Enter],
    );
    assert!(matches!(
        a.popup,
        Some(Popup::Input {
            kind: InputKind::Rationale,
            ..
        })
    ));
    run(&mut a, &mut b, &[Action::Enter]);
    assert!(b.consensus.is_empty(), "no consensus without a rationale");
    run(&mut a, &mut b, &typed("复核截图后取中"));
    run(&mut a, &mut b, &[Action::Enter]);
    assert_eq!(b.consensus.len(), 1);
    let (round, account, chair, ind, c) = &b.consensus[0];
    assert_eq!((*round, *account, chair.as_str()), (1, 1, "张三"));
    assert_eq!((ind.as_str(), c.value), ("pos", Some(4.0)));
    assert_eq!(c.rationale, "复核截图后取中");
    let r = a.reconcile.as_ref().expect("still on the queue");
    assert_eq!((r.items.len(), r.reconciled), (1, 1));
    // The split veto: the reason by its number, normalised to its text.
    run(
        &mut a,
        &mut b,
        &[Action::Enter, Action::Type('1'), Action::Enter],
    );
    run(&mut a, &mut b, &typed("确认两周未更新"));
    run(&mut a, &mut b, &[Action::Enter]);
    let c = &b.consensus[1].4;
    assert_eq!(c.veto.as_deref(), Some("监测时间点前2周内无更新"));
    assert_eq!(c.value, None);
    let r = a.reconcile.as_ref().expect("queue");
    assert_eq!((r.items.len(), r.reconciled), (0, 2));
    // Enter on an empty queue does nothing; Esc goes back to the list.
    run(&mut a, &mut b, &[Action::Enter]);
    assert!(a.popup.is_none());
    run(&mut a, &mut b, &[Action::Back]);
    assert_eq!(a.screen, Screen::Accounts);
}

#[test]
fn a_clean_veto_consensus_is_value_zero() {
    let mut b = backend(true);
    let mut a = app(Lang::En, &b);
    run(
        &mut a,
        &mut b,
        &[Action::Reconcile, Action::Down, Action::Enter],
    );
    run(&mut a, &mut b, &[Action::Type('0'), Action::Enter]);
    run(&mut a, &mut b, &typed("updated on Dec 3"));
    run(&mut a, &mut b, &[Action::Enter]);
    let (_, _, _, ind, c) = &b.consensus[0];
    assert_eq!(
        (ind.as_str(), c.value, c.veto.as_deref()),
        ("stale", Some(0.0), None)
    );
}

#[test]
fn snapshots_of_the_queue() {
    for lang in [Lang::Zh, Lang::En] {
        let mut b = backend(true);
        let mut a = app(lang, &b);
        run(&mut a, &mut b, &[Action::Reconcile]);
        let code = if lang == Lang::Zh { "zh" } else { "en" };
        let text = screen(&mut a, &mut b, 80, 24);
        assert!(
            text.contains("定位清楚") && text.contains("转发为主"),
            "{text}"
        );
        insta::assert_snapshot!(format!("reconcile_{code}_80x24"), text);
        run(&mut a, &mut b, &[Action::Down]);
        let text = screen(&mut a, &mut b, 80, 24);
        insta::assert_snapshot!(format!("reconcile_veto_{code}_80x24"), text);
        run(
            &mut a,
            &mut b,
            &[Action::Enter, Action::Type('1'), Action::Enter],
        );
        let text = screen(&mut a, &mut b, 80, 24);
        assert!(text.contains("内容不更新 → "), "{text}");
        insta::assert_snapshot!(format!("reconcile_rationale_{code}_80x24"), text);
    }
}

/// The chair reads the queue by names (「云和发布（微信）」, the item's name), and after
/// reconciling sees the agreed values: who agreed what, when in local time with its offset, why.
#[test]
fn the_chair_sees_names_and_the_agreed_values() {
    let mut b = backend(true);
    let mut a = app(Lang::Zh, &b);
    run(&mut a, &mut b, &[Action::Reconcile]);
    let text = screen(&mut a, &mut b, 80, 24);
    assert!(text.contains("云和发布（微信）"), "{text}");
    assert!(text.contains("账号定位与主办单位职能一致"), "{text}");
    assert!(
        !text.contains("wechat:") && !text.contains(" pos "),
        "{text}"
    );
    run(&mut a, &mut b, &[Action::ShowAgreed]);
    let text = screen(&mut a, &mut b, 80, 24);
    assert!(text.contains("还没有协调结果"), "{text}");
    run(
        &mut a,
        &mut b,
        &[Action::ShowAgreed, Action::Enter, Action::Type('4')],
    );
    run(&mut a, &mut b, &[Action::Enter]);
    run(&mut a, &mut b, &typed("复核截图后取中"));
    run(&mut a, &mut b, &[Action::Enter, Action::ShowAgreed]);
    let r = a.reconcile.as_ref().expect("reconcile");
    assert_eq!(r.agreed.len(), 1);
    let text = screen(&mut a, &mut b, 80, 24);
    for want in ["已协调的结果 · 1 项", "→ 4", "张三", "复核截图后取中"] {
        assert!(text.contains(want), "{want}:\n{text}");
    }
    // The time is the reader's local time with its offset, never the stored UTC `Z`.
    let when = assay::domain::when::local("2024-12-16T02:00:00Z");
    assert!(text.contains(&when), "{when}:\n{text}");
    assert!(!text.contains("T02:00:00Z"), "{text}");
}

#[test]
fn the_queue_opens_from_the_summary_too() {
    let mut b = backend(true);
    let mut a = app(Lang::Zh, &b);
    run(&mut a, &mut b, &[Action::ShowSummary, Action::Reconcile]);
    assert_eq!(a.screen, Screen::Reconcile);
    assert_eq!(a.reconcile.as_ref().map(|r| r.items.len()), Some(2));
    run(&mut a, &mut b, &[Action::Back]);
    assert_eq!(a.screen, Screen::Accounts);
    assert!(a.reconcile.is_none());
}
