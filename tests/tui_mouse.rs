//! Mouse events resolved to actions against the drawn layout: the wheel moves through the account
//! list, the rubric tree and the help; a click selects the row under the pointer, and a click on
//! the selected account opens it; a click in a picker chooses an option.

mod common_tui;

use assay::app::{Action, App, Ctx, MemBackend, Popup, Screen, mouse};
use assay::i18n::Lang;
use common_tui::{app, run, screen};
use crossterm::event::{KeyModifiers, MouseButton, MouseEvent, MouseEventKind};

fn ev(kind: MouseEventKind, column: u16, row: u16) -> MouseEvent {
    MouseEvent {
        kind,
        column,
        row,
        modifiers: KeyModifiers::NONE,
    }
}

fn click(x: u16, y: u16) -> MouseEvent {
    ev(MouseEventKind::Down(MouseButton::Left), x, y)
}

/// Resolves a mouse event and applies the action it asks for; returns that action.
fn mouse(a: &mut App, b: &mut MemBackend, e: MouseEvent) -> Option<Action> {
    let action = mouse::resolve(a, e);
    if let Some(act) = action.clone() {
        a.apply(act, b);
    }
    action
}

/// The screen row (y) on which `text` is drawn.
fn row_of(a: &mut App, b: &mut MemBackend, text: &str) -> u16 {
    let (w, h) = a.size;
    let s = screen(a, b, w, h);
    let y = s
        .lines()
        .position(|l| l.contains(text))
        .unwrap_or_else(|| panic!("«{text}» not on screen:\n{s}"));
    // The TestBackend's text has one (quoted) line per screen row.
    y as u16
}

fn selected_name(a: &App) -> String {
    let i = a.list.selected_row().expect("a selected row");
    a.rows[i].account.name.clone()
}

#[test]
fn click_selects_the_account_drawn_under_the_pointer_and_a_second_click_opens_it() {
    let mut b = MemBackend::default();
    let mut a = app(Lang::Zh, &b);
    a.apply(Action::Resize(80, 24), &mut b);
    let y = row_of(&mut a, &mut b, "丽水公安");
    assert_eq!(mouse(&mut a, &mut b, click(20, y)), Some(Action::Select(2)));
    assert_eq!(selected_name(&a), "丽水公安");
    assert_eq!(a.screen, Screen::Accounts, "one click only selects");
    assert_eq!(mouse(&mut a, &mut b, click(20, y)), Some(Action::Enter));
    assert_eq!(a.screen, Screen::Scoring);
    let s = a.scoring.as_ref().expect("scoring");
    assert_eq!(a.rows[s.row].account.name, "丽水公安");
}

#[test]
fn clicks_on_the_header_or_below_the_last_row_do_nothing() {
    let mut b = MemBackend::default();
    let mut a = app(Lang::Zh, &b);
    a.apply(Action::Resize(80, 24), &mut b);
    let header = row_of(&mut a, &mut b, "账号名称");
    assert_eq!(mouse::resolve(&a, click(20, header)), None);
    // Eight accounts: rows 3..=10 hold them; row 15 is empty.
    assert_eq!(mouse::resolve(&a, click(20, 15)), None);
    assert_eq!(mouse::resolve(&a, click(20, 23)), None, "status bar");
    assert_eq!(a.list.selected, 0);
}

#[test]
fn click_hits_the_right_row_after_the_list_scrolled() {
    let mut b = MemBackend::default();
    let mut a = app(Lang::Zh, &b);
    // 8 rows tall (the status bar takes two at 80 columns): 3 account rows fit, so the list
    // scrolls.
    a.apply(Action::Resize(80, 8), &mut b);
    run(&mut a, &mut b, &[Action::Bottom]);
    assert_eq!(selected_name(&a), "云和办事");
    let y = row_of(&mut a, &mut b, "云和教育");
    assert_eq!(mouse(&mut a, &mut b, click(10, y)), Some(Action::Select(5)));
    assert_eq!(selected_name(&a), "云和教育");
}

#[test]
fn wheel_moves_through_the_list_and_the_help_without_running_past_its_end() {
    let mut b = MemBackend::default();
    let mut a = app(Lang::Zh, &b);
    a.apply(Action::Resize(80, 24), &mut b);
    let down = ev(MouseEventKind::ScrollDown, 10, 10);
    let up = ev(MouseEventKind::ScrollUp, 10, 10);
    mouse(&mut a, &mut b, down);
    mouse(&mut a, &mut b, down);
    assert_eq!(a.list.selected, 2);
    mouse(&mut a, &mut b, up);
    assert_eq!(a.list.selected, 1);

    a.apply(Action::Help, &mut b);
    for _ in 0..500 {
        mouse(&mut a, &mut b, down);
    }
    let Some(Popup::Help { scroll }) = a.popup.clone() else {
        panic!("help is open");
    };
    assert!(
        scroll > 0 && scroll < 500,
        "scroll stops at the end: {scroll}"
    );
    mouse(&mut a, &mut b, down);
    assert_eq!(
        a.popup.clone(),
        Some(Popup::Help { scroll }),
        "one more turn of the wheel stays at the end"
    );
    let bottom = screen(&mut a, &mut b, 80, 24);
    mouse(&mut a, &mut b, up);
    let one_up = screen(&mut a, &mut b, 80, 24);
    assert_ne!(bottom, one_up, "one wheel step up moves the help at once");
}

#[test]
fn in_the_scoring_tree_a_click_selects_an_item_and_group_headers_are_inert() {
    let mut b = MemBackend::default();
    let mut a = app(Lang::En, &b);
    a.apply(Action::Resize(80, 24), &mut b);
    run(&mut a, &mut b, &[Action::Enter]);
    let y = row_of(&mut a, &mut b, "原创精品被上级转载");
    let at = mouse(&mut a, &mut b, click(5, y));
    let items = a.session.rubric.items();
    let s = a.scoring.as_ref().expect("scoring");
    assert_eq!(at, Some(Action::Select(s.cursor)));
    assert_eq!(items[s.cursor].common().id, "orig");
    let group = row_of(&mut a, &mut b, "职能契合");
    assert_eq!(mouse::resolve(&a, click(5, group)), None);
    // The wheel moves the cursor; a click in the detail pane does nothing.
    let before = a.scoring.as_ref().expect("scoring").cursor;
    mouse(&mut a, &mut b, ev(MouseEventKind::ScrollUp, 5, 10));
    assert_eq!(a.scoring.as_ref().expect("scoring").cursor, before - 1);
    assert_eq!(mouse::resolve(&a, click(70, 10)), None);
    assert_eq!(a.ctx(), Ctx::Scoring);
}

#[test]
fn a_click_in_the_veto_picker_chooses_a_reason() {
    let mut b = MemBackend::default();
    let mut a = app(Lang::Zh, &b);
    a.apply(Action::Resize(80, 24), &mut b);
    run(
        &mut a,
        &mut b,
        &[Action::Enter, Action::Bottom, Action::Veto],
    );
    assert_eq!(a.ctx(), Ctx::Picker);
    let y = row_of(&mut a, &mut b, "栏目长期空白");
    assert_eq!(mouse(&mut a, &mut b, click(30, y)), Some(Action::Select(1)));
    assert_eq!(mouse(&mut a, &mut b, click(30, y)), Some(Action::Enter));
    assert!(a.popup.is_none());
    let s = a.scoring.as_ref().expect("scoring");
    let e = s.entries.get("stale").expect("veto saved");
    assert_eq!(e.veto.as_deref(), Some("栏目长期空白"));
    let saved = b.log.iter().any(|(_, id, e)| {
        id == "stale" && e.as_ref().and_then(|e| e.veto.as_deref()) == Some("栏目长期空白")
    });
    assert!(saved, "the backend got the veto: {:?}", b.log);
}
