//! An evaluator's day in the TUI, driven by actions: auto-advance after each judgement, keys
//! that do what the status bar offers, submitting (refused while incomplete), the lock on a
//! submitted sheet, sheet states in the list and their filter, and moving between accounts.

mod common_tui;

use assay::app::keymap::{self, Ctx};
use assay::app::list::SheetState;
use assay::app::{Action, App, MemBackend, Popup};
use assay::i18n::Lang;
use common_tui::{app, run, typed};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn cursor(a: &App) -> usize {
    a.scoring.as_ref().expect("scoring").cursor
}

fn key(a: &App, code: KeyCode) -> Action {
    keymap::resolve(a.ctx(), KeyEvent::new(code, KeyModifiers::NONE)).expect("bound")
}

/// Scores account 1 (WeChat, county: ipv6 does not apply) start to finish with auto-advance.
fn score_all(a: &mut App, b: &mut MemBackend) {
    run(a, b, &[Action::Enter]);
    run(a, b, &typed("5"));
    run(a, b, &[Action::Enter]); // pos = 5 → off
    assert_eq!(cursor(a), 1);
    run(a, b, &[Action::No]); // off: no instances → read (ipv6 skipped: N/A)
    assert_eq!(cursor(a), 3);
    run(a, b, &typed("8"));
    run(a, b, &[Action::Enter]); // read = 8 → menu
    run(a, b, &typed("1")); // menu: 1 is yes → orig
    assert_eq!(cursor(a), 5);
    run(a, b, &[Action::No]); // orig: none → stale
    run(a, b, &typed("0")); // stale: 0 is clean → nothing left
}

#[test]
fn auto_advance_scores_a_sheet_and_keys_do_what_the_bar_says() {
    let mut b = MemBackend::default();
    let mut a = app(Lang::Zh, &b);
    score_all(&mut a, &mut b);
    let s = a.scoring.as_ref().expect("s");
    assert_eq!(
        s.entries["off"].count,
        Some(0),
        "n on a deduction is 0 instances"
    );
    assert_eq!(
        s.entries["menu"].value,
        Some(1.0),
        "1 on a yes/no item is yes"
    );
    assert_eq!(
        s.entries["stale"].value,
        Some(0.0),
        "0 on a veto is checked clean"
    );
    assert_eq!(s.entries["orig"].count, Some(0));
    assert_eq!(s.outcome.scored, s.outcome.applicable);
    assert!(a.unscored().is_empty());
    assert!(
        a.flash.as_deref().is_some_and(|f| f.contains("S 提交")),
        "{:?}",
        a.flash
    );
    assert_eq!(a.rows[0].sheet(), Some(SheetState::Complete));
}

#[test]
fn tab_and_enter_jump_to_the_next_unscored_item() {
    let mut b = MemBackend::default();
    let mut a = app(Lang::En, &b);
    run(&mut a, &mut b, &[Action::Enter, Action::Down, Action::Yes]);
    // 'y' on a deduction does not apply: nothing moves.
    assert_eq!(cursor(&a), 1);
    let tab = key(&a, KeyCode::Tab);
    assert_eq!(tab, Action::NextUnscored);
    run(&mut a, &mut b, &[tab]);
    assert_eq!(cursor(&a), 3, "skips the item that does not apply");
    let enter = key(&a, KeyCode::Enter);
    run(
        &mut a,
        &mut b,
        &[enter, Action::Bottom, Action::NextUnscored],
    );
    assert_eq!(cursor(&a), 0, "wraps round to the first unscored item");
}

#[test]
fn l_picks_a_level_and_says_when_a_range_has_none() {
    let mut b = MemBackend::default();
    let mut a = app(Lang::Zh, &b);
    run(&mut a, &mut b, &[Action::Enter, Action::NextLevel]);
    let Some(Popup::Pick { options, .. }) = &a.popup else {
        panic!("level picker expected, got {:?}", a.popup);
    };
    assert_eq!(options.len(), 4);
    assert!(options[1].starts_with("良"), "{options:?}");
    run(&mut a, &mut b, &[Action::Down, Action::Enter]);
    assert_eq!(
        a.scoring.as_ref().expect("s").entries["pos"].value,
        Some(4.0)
    );
    // 阅读量 is a range without levels.
    run(
        &mut a,
        &mut b,
        &[Action::Down, Action::Down, Action::NextLevel],
    );
    assert_eq!(cursor(&a), 3);
    let f = a.flash.clone().unwrap_or_default();
    assert!(f.contains("没有档次") && f.contains("0–10"), "{f}");
    assert!(a.popup.is_none());
    // A digit other than 1/0 on a yes/no item explains the keys instead of starting a value.
    run(&mut a, &mut b, &[Action::Down]);
    run(&mut a, &mut b, &typed("5"));
    assert!(a.flash.as_deref().is_some_and(|f| f.contains("1 或 y")));
    assert!(a.scoring.as_ref().expect("s").input.is_none());
}

#[test]
fn status_messages_clear_on_the_next_key() {
    let mut b = MemBackend::default();
    let mut a = app(Lang::Zh, &b);
    run(&mut a, &mut b, &[Action::Enter, Action::Plus]);
    assert!(a.flash.is_some(), "+ on a range does not apply");
    run(&mut a, &mut b, &[Action::Down]);
    assert_eq!(a.flash, None);
}

#[test]
fn submitting_an_incomplete_sheet_is_refused_naming_what_is_missing() {
    let mut b = MemBackend::default();
    let mut a = app(Lang::Zh, &b);
    run(&mut a, &mut b, &[Action::Enter]);
    run(&mut a, &mut b, &typed("5"));
    run(
        &mut a,
        &mut b,
        &[Action::Enter, Action::Bottom, Action::Submit],
    );
    let Some(Popup::Message { text, error: true }) = &a.popup else {
        panic!("error popup expected, got {:?}", a.popup);
    };
    assert!(text.contains("还有 5 项未评"), "{text}");
    assert!(
        text.contains("发布与本单位职能无关信息") && text.contains("内容不更新"),
        "{text}"
    );
    assert!(b.submitted.is_empty(), "nothing recorded");
    assert_eq!(cursor(&a), 1, "moved to the first missing item");
}

#[test]
fn a_submitted_sheet_is_locked_until_reopened() {
    let mut b = MemBackend::default();
    let mut a = app(Lang::Zh, &b);
    score_all(&mut a, &mut b);
    // S asks first; declining submits nothing, accepting submits.
    run(&mut a, &mut b, &[Action::Submit]);
    assert_eq!(a.ctx(), Ctx::Confirm, "S asks before submitting");
    run(&mut a, &mut b, &[Action::No]);
    let key3 = (1, 1, "张三".to_string());
    assert_eq!(b.submitted.get(&key3), None, "declined");
    run(&mut a, &mut b, &[Action::Submit, Action::Yes]);
    assert_eq!(b.submitted.get(&key3), Some(&true));
    assert_eq!(a.rows[0].sheet(), Some(SheetState::Submitted));
    let writes = b.log.len();
    // Every kind of edit asks first; declining changes nothing.
    for edit in [
        Action::Type('3'),
        Action::No,
        Action::ClearItem,
        Action::EditNote,
        Action::Undo,
    ] {
        run(&mut a, &mut b, &[Action::Top, edit.clone()]);
        assert_eq!(a.ctx(), Ctx::Confirm, "{edit:?} asks to reopen");
        run(&mut a, &mut b, &[Action::No]);
        assert_eq!(b.log.len(), writes, "{edit:?} wrote nothing");
    }
    assert_eq!(b.submitted.get(&key3), Some(&true));
    run(&mut a, &mut b, &[Action::Type('3'), Action::Yes]);
    assert_eq!(
        b.submitted.get(&key3),
        Some(&false),
        "reopened (a history row in storage)"
    );
    assert_eq!(a.rows[0].sheet(), Some(SheetState::Complete));
    run(&mut a, &mut b, &typed("3"));
    run(&mut a, &mut b, &[Action::Enter]);
    assert_eq!(
        a.scoring.as_ref().expect("s").entries["pos"].value,
        Some(3.0)
    );
}

#[test]
fn the_list_shows_sheet_states_and_filters_by_them() {
    let mut b = MemBackend::default();
    let mut a = app(Lang::Zh, &b);
    score_all(&mut a, &mut b);
    run(
        &mut a,
        &mut b,
        &[
            Action::Submit,
            Action::Yes,
            Action::NextAccount,
            Action::Top,
        ],
    );
    run(&mut a, &mut b, &typed("3"));
    run(&mut a, &mut b, &[Action::Enter, Action::Back]);
    let states: Vec<_> = a.rows.iter().map(|r| r.sheet()).collect();
    assert_eq!(states[0], Some(SheetState::Submitted));
    assert_eq!(states[1], Some(SheetState::InProgress));
    assert_eq!(states[2], Some(SheetState::NotStarted));
    // The filter's last line cycles the sheet states; Enter closes the form.
    run(&mut a, &mut b, &[Action::OpenFilter]);
    for _ in 0..5 {
        run(&mut a, &mut b, &[Action::Down]);
    }
    run(&mut a, &mut b, &[Action::FilterNext, Action::FilterNext]);
    assert_eq!(a.list.filters.sheet, Some(SheetState::InProgress));
    assert_eq!(a.list.view, vec![1]);
    run(&mut a, &mut b, &[Action::FilterNext, Action::FilterNext]);
    assert_eq!(a.list.filters.sheet, Some(SheetState::Submitted));
    assert_eq!(a.list.view, vec![0]);
    let enter = key(&a, KeyCode::Enter);
    assert_eq!(a.ctx(), Ctx::Filter);
    run(&mut a, &mut b, &[enter]);
    assert!(
        a.popup.is_none(),
        "Enter closes the filter form, as it says"
    );
    // A submitted sheet is known again when the round is loaded anew.
    let again = app(Lang::Zh, &b);
    assert_eq!(again.rows[0].sheet(), Some(SheetState::Submitted));
}

#[test]
fn moving_between_accounts_says_where_the_list_ends() {
    let mut b = MemBackend::default();
    let mut a = app(Lang::Zh, &b);
    score_all(&mut a, &mut b);
    run(
        &mut a,
        &mut b,
        &[Action::Submit, Action::Yes, Action::Back, Action::Top],
    );
    // } skips the submitted first account when starting above it: from the list, the next
    // account with work left after the selection.
    run(&mut a, &mut b, &[Action::NextOpenAccount]);
    assert_eq!(a.list.selected, 1);
    run(
        &mut a,
        &mut b,
        &[Action::Bottom, Action::Enter, Action::NextAccount],
    );
    assert!(
        a.flash
            .as_deref()
            .is_some_and(|f| f.contains("最后一个账号"))
    );
    assert_eq!(a.scoring.as_ref().expect("s").row, 7);
    run(&mut a, &mut b, &[Action::NextOpenAccount]);
    assert!(a.flash.as_deref().is_some_and(|f| f.contains("没有待评")));
    run(&mut a, &mut b, &[Action::Top]);
    let mut c = app(Lang::Zh, &b);
    run(&mut c, &mut b, &[Action::Enter, Action::PrevAccount]);
    assert!(c.flash.as_deref().is_some_and(|f| f.contains("第一个账号")));
}

#[test]
fn a_gated_bonus_says_why_it_counts_nothing_and_updates_when_the_base_crosses() {
    use assay::app::Session;
    let text = common_tui::RUBRIC.replace("cap: 3)],", "cap: 3, gate: Some(12))],");
    assert_ne!(text, common_tui::RUBRIC, "the fixture's bonus line changed");
    let session = Session {
        round_id: 1,
        round_name: "门槛".into(),
        rubric: assay::domain::rubric::parse(&text, "gate.ron").expect("rubric"),
        evaluator: "张三".into(),
        db_label: "test.db".into(),
    };
    let mut b = MemBackend::default();
    let mut a = App::new(
        Lang::Zh,
        session,
        common_tui::accounts(),
        &b,
        assay::domain::engine::score_totals,
    )
    .expect("app");
    a.color = false;
    run(&mut a, &mut b, &[Action::Enter]);
    run(&mut a, &mut b, &typed("5"));
    run(&mut a, &mut b, &[Action::Enter, Action::Bottom, Action::Up]);
    run(&mut a, &mut b, &[Action::Plus, Action::Plus]);
    let screen = common_tui::screen(&mut a, &mut b, 80, 24);
    assert!(screen.contains("基础分 10 未高于 12，暂不计"), "{screen}");
    insta::assert_snapshot!("scoring_bonus_gate_zh_80x24", screen);
    assert_eq!(a.scoring.as_ref().expect("s").outcome.bonus, 0.0);
    // 阅读量 10 lifts the base over the gate: the same line now says the bonus counts.
    run(
        &mut a,
        &mut b,
        &[Action::Top, Action::Down, Action::Down, Action::Down],
    );
    run(&mut a, &mut b, &typed("10"));
    run(&mut a, &mut b, &[Action::Enter, Action::Bottom, Action::Up]);
    let screen = common_tui::screen(&mut a, &mut b, 80, 24);
    assert!(screen.contains("高于 12，计入加分"), "{screen}");
    assert_eq!(a.scoring.as_ref().expect("s").outcome.bonus, 2.0);
}

#[test]
fn search_and_text_sorts_work_before_the_warm_up_and_after_it() {
    use assay::app::Column;
    let session = || assay::app::Session {
        round_id: 1,
        round_name: "r".into(),
        rubric: common_tui::rubric(),
        evaluator: "张三".into(),
        db_label: "test.db".into(),
    };
    let mut b = MemBackend::default();
    // As the runtime builds it for the first frame: nothing prepared yet.
    let mut cold = App::pending(
        Lang::Zh,
        session(),
        common_tui::accounts(),
        assay::domain::engine::score_totals,
    );
    let mut warm = cold.clone();
    warm.warm_up();
    warm.list.text_orders.wait();
    assert!(warm.list.text_orders.get(Column::Unit).is_some());
    assert!(
        warm.list.text_orders.index().is_some(),
        "search buffer built off the key path"
    );
    for a in [&mut cold, &mut warm] {
        run(a, &mut b, &[Action::StartSearch]);
        run(a, &mut b, &typed("云和"));
        assert_eq!(
            a.list.view,
            vec![0, 1, 5, 6, 7],
            "names and units with 云和"
        );
        run(
            a,
            &mut b,
            &[Action::Backspace, Action::Back, Action::SortNext],
        );
        run(a, &mut b, &[Action::SortNext, Action::SortNext]);
        assert_eq!(a.list.sort, Some(Column::Unit));
        let units: Vec<&str> = (a.list.view.iter())
            .map(|&i| a.rows[i as usize].account.unit.as_str())
            .collect();
        let mut sorted = units.clone();
        sorted.sort();
        assert_eq!(units, sorted);
    }
    assert_eq!(cold.list.view, warm.list.view);
}
