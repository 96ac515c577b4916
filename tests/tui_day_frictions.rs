//! The frictions of an evaluator's day, each driven by actions and seen at 80x24: a dead account
//! completed with its veto alone, a veto never overwritten by one key, `S` asking first, undo
//! item by item beside one "clear the account", text fields with a cursor, the level picker's
//! End/G, and a status bar that holds every key of the screen.

mod common_tui;

use assay::app::keymap::{self, Ctx};
use assay::app::{Action, App, MemBackend, Popup};
use assay::i18n::Lang;
use common_tui::{app, run, screen, typed};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn key(a: &App, code: KeyCode) -> Action {
    keymap::resolve(a.ctx(), KeyEvent::new(code, KeyModifiers::NONE)).expect("bound")
}

fn entries(a: &App) -> usize {
    a.scoring.as_ref().expect("scoring").entries.len()
}

/// Opens account 1 and records the veto 内容不更新 with its first reason.
fn veto_alone(a: &mut App, b: &mut MemBackend) {
    run(
        a,
        b,
        &[Action::Enter, Action::Bottom, Action::Veto, Action::Enter],
    );
}

#[test]
fn a_dead_account_takes_one_veto_and_a_confirmed_submit() {
    let mut b = MemBackend::default();
    let mut a = app(Lang::Zh, &b);
    a.apply(Action::Resize(80, 24), &mut b);
    veto_alone(&mut a, &mut b);
    let flash = a.flash.clone().unwrap_or_default();
    assert!(flash.contains("按 S 提交"), "{flash}");
    let o = &a.scoring.as_ref().expect("s").outcome;
    assert!(o.complete && o.left_by_veto() && o.total.is_none());
    let shown = screen(&mut a, &mut b, 80, 24);
    assert!(shown.contains("—（单项否决）"), "{shown}");
    assert!(shown.contains("因单项否决未评"), "{shown}");
    insta::assert_snapshot!("veto_alone_zh_80x24", shown);
    run(&mut a, &mut b, &[Action::Submit]);
    let Some(Popup::Confirm { text, .. }) = &a.popup else {
        panic!("S asks first, got {:?}", a.popup);
    };
    assert!(text.contains("其余 5 项因单项否决未评"), "{text}");
    insta::assert_snapshot!("veto_alone_submit_zh_80x24", screen(&mut a, &mut b, 80, 24));
    run(&mut a, &mut b, &[Action::Yes]);
    assert_eq!(b.submitted.get(&(1, 1, "张三".to_string())), Some(&true));
    run(&mut a, &mut b, &[Action::Back]);
    let row = &a.rows[0];
    assert!(row.complete && row.total.is_none());
}

#[test]
fn a_veto_is_never_overwritten_by_one_key() {
    let mut b = MemBackend::default();
    let mut a = app(Lang::Zh, &b);
    veto_alone(&mut a, &mut b);
    let writes = b.log.len();
    for k in [Action::No, Action::ClearItem, Action::Type('0')] {
        run(&mut a, &mut b, std::slice::from_ref(&k));
        let Some(Popup::Confirm { text, .. }) = &a.popup else {
            panic!("{k:?} over a veto asks first, got {:?}", a.popup);
        };
        assert!(text.contains("监测时间点前2周内无更新"), "{text}");
        run(&mut a, &mut b, &[Action::No]);
        assert_eq!(b.log.len(), writes, "{k:?} declined wrote nothing");
        let e = &a.scoring.as_ref().expect("s").entries["stale"];
        assert!(e.veto.is_some(), "{k:?} declined keeps the veto");
    }
    // Another reason is an overwrite too; accepted, it replaces the veto.
    run(&mut a, &mut b, &[Action::Veto, Action::Down, Action::Enter]);
    assert_eq!(a.ctx(), Ctx::Confirm);
    run(&mut a, &mut b, &[Action::Yes]);
    let e = &a.scoring.as_ref().expect("s").entries["stale"];
    assert_eq!(e.veto.as_deref(), Some("栏目长期空白"));
    // A checked-clean veto item changes without a question.
    run(&mut a, &mut b, &[Action::No, Action::Yes, Action::No]);
    assert!(a.popup.is_none(), "{:?}", a.popup);
}

#[test]
fn undo_goes_item_by_item_and_one_undo_restores_a_cleared_account() {
    let mut b = MemBackend::default();
    let mut a = app(Lang::Zh, &b);
    run(&mut a, &mut b, &[Action::Enter]);
    run(&mut a, &mut b, &typed("5"));
    run(&mut a, &mut b, &[Action::Enter, Action::No]);
    run(&mut a, &mut b, &typed("8"));
    run(&mut a, &mut b, &[Action::Enter]);
    assert_eq!(entries(&a), 3);
    // u takes back the last item only.
    run(&mut a, &mut b, &[Action::Undo]);
    assert_eq!(entries(&a), 2);
    assert!(!a.scoring.as_ref().expect("s").entries.contains_key("read"));
    // C asks, naming the account and how much goes; one u brings every item back.
    run(&mut a, &mut b, &[Action::ClearAccount]);
    let Some(Popup::Confirm { text, .. }) = &a.popup else {
        panic!("C asks first");
    };
    assert!(text.contains("云和发布") && text.contains("2 项"), "{text}");
    run(&mut a, &mut b, &[Action::Yes]);
    assert_eq!(entries(&a), 0);
    run(&mut a, &mut b, &[Action::Undo]);
    assert_eq!(entries(&a), 2, "one undo restores the cleared account");
    run(&mut a, &mut b, &[Action::Redo]);
    assert_eq!(entries(&a), 0, "and one redo clears it again");
}

#[test]
fn text_fields_edit_at_the_cursor() {
    let mut b = MemBackend::default();
    let mut a = app(Lang::Zh, &b);
    run(&mut a, &mut b, &[Action::Enter, Action::EditNote]);
    run(&mut a, &mut b, &typed("推文一致"));
    for code in [KeyCode::Left, KeyCode::Left] {
        let k = key(&a, code);
        run(&mut a, &mut b, &[k]);
    }
    run(&mut a, &mut b, &typed("主题"));
    let home = key(&a, KeyCode::Home);
    let del = key(&a, KeyCode::Delete);
    run(&mut a, &mut b, &[home, del]);
    run(&mut a, &mut b, &typed("全部"));
    let end = key(&a, KeyCode::End);
    run(&mut a, &mut b, &[end]);
    run(&mut a, &mut b, &typed("。"));
    let Some(Popup::Input { buf, .. }) = &a.popup else {
        panic!("the note is open");
    };
    assert_eq!(buf.text(), "全部文主题一致。");
    run(&mut a, &mut b, &[Action::Enter]);
    let e = &a.scoring.as_ref().expect("s").entries["pos"];
    assert_eq!(e.note, "全部文主题一致。");
    // The search line edits the same way.
    run(&mut a, &mut b, &[Action::Back, Action::StartSearch]);
    run(&mut a, &mut b, &typed("云和小镇"));
    let left = key(&a, KeyCode::Left);
    run(&mut a, &mut b, &[left.clone(), left]);
    run(&mut a, &mut b, &typed("童话"));
    assert_eq!(a.list.query.text(), "云和童话小镇");
    let names: Vec<&str> = (a.list.view.iter())
        .map(|&i| a.rows[i as usize].account.name.as_str())
        .collect();
    assert!(names.is_empty(), "no name holds 云和童话小镇: {names:?}");
    let home = key(&a, KeyCode::Home);
    let del = key(&a, KeyCode::Delete);
    run(&mut a, &mut b, &[home, del.clone(), del]);
    assert_eq!(a.list.query.text(), "童话小镇");
    let names: Vec<&str> = (a.list.view.iter())
        .map(|&i| a.rows[i as usize].account.name.as_str())
        .collect();
    assert_eq!(names, ["云和木玩童话小镇"]);
}

#[test]
fn the_level_picker_honours_end_and_g() {
    let mut b = MemBackend::default();
    let mut a = app(Lang::Zh, &b);
    run(&mut a, &mut b, &[Action::Enter, Action::NextLevel]);
    assert_eq!(a.ctx(), Ctx::Picker);
    let end = key(&a, KeyCode::End);
    run(&mut a, &mut b, &[end]);
    let Some(Popup::Pick { selected, .. }) = &a.popup else {
        panic!("picker open");
    };
    assert_eq!(*selected, 3, "End selects the last level (差)");
    let g = key(&a, KeyCode::Char('g'));
    run(&mut a, &mut b, &[g]);
    let big_g = key(&a, KeyCode::Char('G'));
    run(&mut a, &mut b, &[big_g, Action::Enter]);
    let e = &a.scoring.as_ref().expect("s").entries["pos"];
    assert_eq!(e.value, Some(1.0), "G then Enter takes 差 1");
}

#[test]
fn the_status_bar_shows_every_key_of_the_scoring_screen_at_80_columns() {
    let mut b = MemBackend::default();
    let mut a = app(Lang::Zh, &b);
    a.apply(Action::Resize(80, 24), &mut b);
    run(&mut a, &mut b, &[Action::Enter]);
    let shown = screen(&mut a, &mut b, 80, 24);
    let bar: Vec<&str> = shown.lines().rev().take(2).collect();
    let bar = bar.join("\n");
    for k in [
        "m备注",
        "e证据",
        "x不适用",
        "S提交",
        "C清空",
        "u撤销",
        "v否决",
        "?帮助",
    ] {
        assert!(bar.contains(k), "{k} missing from the status bar:\n{bar}");
    }
    insta::assert_snapshot!("scoring_bar_zh_80x24", shown);
    let mut en = app(Lang::En, &b);
    en.apply(Action::Resize(80, 24), &mut b);
    run(&mut en, &mut b, &[Action::Enter]);
    insta::assert_snapshot!("scoring_bar_en_80x24", screen(&mut en, &mut b, 80, 24));
}
