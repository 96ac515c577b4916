//! App-state tests driven by actions: search, filter, sort, scoring every item kind, input
//! refusal, undo/redo, submit, account stepping; every edit reaches the backend at once.

mod common_tui;

use assay::app::{Action, Backend, Column, Ctx, MemBackend, Popup, Screen};
use assay::domain::engine::Status;
use assay::domain::figure::Figure;
use assay::domain::platform::Level;
use assay::i18n::Lang;
use common_tui::{app, run, typed};

fn names(a: &assay::app::App) -> Vec<String> {
    a.list
        .view
        .iter()
        .map(|&i| a.rows[i as usize].account.name.clone())
        .collect()
}

#[test]
fn search_finds_part_of_a_chinese_name_and_escape_clears_it() {
    let mut b = MemBackend::default();
    let mut a = app(Lang::Zh, &b);
    run(&mut a, &mut b, &[Action::StartSearch]);
    assert_eq!(a.ctx(), Ctx::Search);
    run(&mut a, &mut b, &typed("童话小镇"));
    assert_eq!(names(&a), vec!["云和木玩童话小镇"]);
    run(
        &mut a,
        &mut b,
        &[
            Action::Backspace,
            Action::Backspace,
            Action::Backspace,
            Action::Backspace,
        ],
    );
    run(&mut a, &mut b, &typed("公安局"));
    assert_eq!(names(&a), vec!["丽水公安"], "matches host units too");
    run(&mut a, &mut b, &[Action::Back]);
    assert_eq!(a.list.view.len(), 8);
    assert_eq!(a.ctx(), Ctx::Accounts);
}

#[test]
fn filters_cycle_and_combine() {
    let mut b = MemBackend::default();
    let mut a = app(Lang::Zh, &b);
    run(
        &mut a,
        &mut b,
        &[
            Action::OpenFilter,
            Action::FilterNext,
            Action::FilterNext,
            Action::FilterNext,
        ],
    );
    assert_eq!(a.list.filters.level, Some(Level::County));
    assert_eq!(a.list.view.len(), 4);
    run(
        &mut a,
        &mut b,
        &[Action::Down, Action::Down, Action::FilterNext],
    );
    let domain = a.list.filters.domain.clone();
    assert!(domain.is_some());
    assert!(
        a.list
            .view
            .iter()
            .all(|&i| Some(&a.rows[i as usize].account.domain) == domain.as_ref())
    );
    run(&mut a, &mut b, &[Action::ClearFilters, Action::Back]);
    assert_eq!(a.list.view.len(), 8);
    assert!(a.popup.is_none());
}

#[test]
fn sort_by_name_then_reverse() {
    let mut b = MemBackend::default();
    let mut a = app(Lang::Zh, &b);
    run(&mut a, &mut b, &[Action::SortNext, Action::SortNext]);
    assert_eq!(a.list.sort, Some(Column::Name));
    let mut sorted = names(&a);
    sorted.sort();
    assert_eq!(names(&a), sorted);
    run(&mut a, &mut b, &[Action::SortReverse]);
    sorted.reverse();
    assert_eq!(names(&a), sorted);
}

#[test]
fn scoring_every_kind_updates_totals_and_saves_each_edit() {
    let mut b = MemBackend::default();
    let mut a = app(Lang::Zh, &b);
    run(&mut a, &mut b, &[Action::Enter]);
    assert_eq!(a.screen, Screen::Scoring);
    // Range by typing: 9 is refused as it is typed (max 5), 4.5 is accepted.
    run(&mut a, &mut b, &typed("9"));
    assert_eq!(
        a.scoring
            .as_ref()
            .and_then(|s| s.input.as_ref().map(|f| f.text().to_string())),
        Some(String::new())
    );
    run(&mut a, &mut b, &typed("4.5"));
    run(&mut a, &mut b, &[Action::Enter]);
    let s = a.scoring.as_ref().expect("scoring");
    assert_eq!(s.entries["pos"].value, Some(4.5));
    assert_eq!(b.log.len(), 1, "saved at once");
    assert_eq!(s.cursor, 1, "a saved value moves to the next unscored item");
    // Level pick (a picker of the levels), deduction count, N/A check on WeChat, check, bonus,
    // veto.
    run(&mut a, &mut b, &[Action::Up, Action::NextLevel]);
    assert!(matches!(a.popup, Some(Popup::Pick { .. })));
    run(&mut a, &mut b, &[Action::Enter]);
    let s = a.scoring.as_ref().expect("s");
    assert_eq!(s.entries["pos"].value, Some(5.0));
    assert_eq!(s.cursor, 1, "a level pick moves on too");
    run(&mut a, &mut b, &[Action::Plus, Action::Plus, Action::Minus]);
    assert_eq!(a.scoring.as_ref().expect("s").entries["off"].count, Some(1));
    run(&mut a, &mut b, &[Action::Down, Action::Down]);
    run(&mut a, &mut b, &typed("8"));
    run(&mut a, &mut b, &[Action::Enter]);
    assert_eq!(a.scoring.as_ref().expect("s").cursor, 4, "on to 菜单可用");
    run(&mut a, &mut b, &[Action::Yes]);
    assert_eq!(a.scoring.as_ref().expect("s").cursor, 5, "on to the bonus");
    run(&mut a, &mut b, &[Action::Plus]);
    let o = &a.scoring.as_ref().expect("s").outcome;
    assert!(
        o.total
            .is_some_and(|t| t > assay::domain::figure::dec(15.0)),
        "live total {:?}",
        o.total
    );
    assert_eq!(a.rows[0].total, o.total, "the list's cached total follows");
    run(&mut a, &mut b, &[Action::Down, Action::Veto]);
    assert!(matches!(a.popup, Some(Popup::Pick { .. })));
    run(&mut a, &mut b, &[Action::Down, Action::Enter]);
    let s = a.scoring.as_ref().expect("s");
    assert_eq!(s.entries["stale"].veto.as_deref(), Some("栏目长期空白"));
    assert_eq!(s.outcome.status, Status::Vetoed);
    assert_eq!(a.rows[0].status, Status::Vetoed);
    let stored = &b.entries[&(1, 1, "张三".to_string())];
    assert_eq!(
        stored.len(),
        6,
        "every judged item stored: {:?}",
        stored.keys()
    );
}

#[test]
fn undo_and_redo_write_through_and_restore_totals() {
    let mut b = MemBackend::default();
    let mut a = app(Lang::Zh, &b);
    run(&mut a, &mut b, &[Action::Enter]);
    run(&mut a, &mut b, &typed("3"));
    run(&mut a, &mut b, &[Action::Enter, Action::Up]);
    run(&mut a, &mut b, &typed("4"));
    run(&mut a, &mut b, &[Action::Enter]);
    let total4 = a.rows[0].total;
    run(&mut a, &mut b, &[Action::Undo]);
    assert_eq!(
        a.scoring.as_ref().expect("s").entries["pos"].value,
        Some(3.0)
    );
    run(&mut a, &mut b, &[Action::Undo]);
    assert!(!a.scoring.as_ref().expect("s").entries.contains_key("pos"));
    assert!(
        b.entries[&(1, 1, "张三".to_string())].is_empty(),
        "undo cleared the store"
    );
    run(
        &mut a,
        &mut b,
        &[Action::Down, Action::Down, Action::Redo, Action::Redo],
    );
    assert_eq!(
        a.scoring.as_ref().expect("s").cursor,
        0,
        "redo shows the item it changed"
    );
    assert_eq!(a.rows[0].total, total4);
    assert_eq!(
        b.entries[&(1, 1, "张三".to_string())]["pos"].value,
        Some(4.0)
    );
}

#[test]
fn notes_evidence_na_clear_submit_and_next_account() {
    let mut b = MemBackend::default();
    let mut a = app(Lang::En, &b);
    run(&mut a, &mut b, &[Action::Enter, Action::EditNote]);
    assert_eq!(a.ctx(), Ctx::Input);
    run(&mut a, &mut b, &typed("推文主题与职能一致"));
    run(&mut a, &mut b, &[Action::Enter, Action::EditEvidence]);
    run(
        &mut a,
        &mut b,
        // Links are separated by `|` (or line breaks), never by spaces: a file name keeps its space.
        &typed("https://a.example/1 | 截图 2.png"),
    );
    run(&mut a, &mut b, &[Action::Enter, Action::ToggleNa]);
    let e = &a.scoring.as_ref().expect("s").entries["pos"];
    assert_eq!(e.note, "推文主题与职能一致");
    assert_eq!(e.evidence, ["https://a.example/1", "截图 2.png"]);
    assert!(e.na);
    run(&mut a, &mut b, &[Action::Submit]);
    assert_eq!(
        b.submitted.get(&(1, 1, "张三".to_string())),
        None,
        "incomplete"
    );
    assert!(matches!(a.popup, Some(Popup::Message { error: true, .. })));
    run(&mut a, &mut b, &[Action::Back, Action::ClearAccount]);
    assert_eq!(a.ctx(), Ctx::Confirm);
    run(&mut a, &mut b, &[Action::No]);
    assert!(
        !a.scoring.as_ref().expect("s").entries.is_empty(),
        "declined"
    );
    run(&mut a, &mut b, &[Action::ClearAccount, Action::Yes]);
    assert!(a.scoring.as_ref().expect("s").entries.is_empty());
    run(&mut a, &mut b, &[Action::NextAccount]);
    assert_eq!(a.scoring.as_ref().expect("s").row, 1);
    run(&mut a, &mut b, &[Action::PrevAccount, Action::Undo]);
    assert!(
        a.scoring.as_ref().expect("s").entries.contains_key("pos"),
        "undo per account"
    );
}

#[test]
fn keys_that_do_not_apply_are_refused_without_writes() {
    let mut b = MemBackend::default();
    let mut a = app(Lang::Zh, &b);
    run(
        &mut a,
        &mut b,
        &[Action::Enter, Action::Plus, Action::Yes, Action::Veto],
    );
    assert!(b.log.is_empty());
    assert!(a.flash.is_some());
    run(&mut a, &mut b, &[Action::Down, Action::Down]);
    // ipv6 is App-only: the WeChat account shows it as not applicable.
    let o = &a.scoring.as_ref().expect("s").outcome;
    let ipv6 = o.items.iter().find(|i| i.id == "ipv6").expect("ipv6");
    assert!(matches!(
        ipv6.state,
        assay::domain::engine::ItemState::NotApplicable(_)
    ));
}

#[test]
fn summary_counts_and_quit() {
    let mut b = MemBackend::default();
    let mut a = app(Lang::Zh, &b);
    run(&mut a, &mut b, &[Action::Enter]);
    run(
        &mut a,
        &mut b,
        &[
            Action::Bottom,
            Action::Veto,
            Action::Enter,
            Action::Back,
            Action::ShowSummary,
        ],
    );
    // A veto alone settles the sheet (「因单项否决未评」 for the rest): it counts, and fails.
    let s = a.summary.as_ref().expect("summary");
    assert_eq!(s.overall.accounts, 8);
    assert_eq!((s.overall.with_result, s.overall.in_progress), (1, 0));
    assert_eq!(s.overall.pass_rate, Figure::rate(0, 1));
    assert_eq!(
        s.overall.vetoes_by_reason,
        vec![("内容不更新：监测时间点前2周内无更新".to_string(), 1)]
    );
    // Submitted (here, or merged, or by script) it counts the same way: any evaluator's veto
    // fails the account.
    let vetoed = a
        .rows
        .iter()
        .find(|r| r.scored > 0)
        .map(|r| r.account.id)
        .expect("the vetoed row");
    b.set_submitted(1, vetoed, "张三", true).expect("submit");
    run(&mut a, &mut b, &[Action::ShowSummary, Action::ShowSummary]);
    let s = a.summary.as_ref().expect("summary");
    assert_eq!(
        s.overall.vetoes_by_reason,
        vec![("内容不更新：监测时间点前2周内无更新".to_string(), 1)]
    );
    assert_eq!(
        s.overall.pass_rate,
        assay::domain::figure::Figure::rate(0, 1)
    );
    run(&mut a, &mut b, &[Action::Quit]);
    assert!(!a.running);
}

#[test]
fn ctrl_c_quits_even_while_typing_a_note() {
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let mut b = MemBackend::default();
    let mut a = app(Lang::Zh, &b);
    run(&mut a, &mut b, &[Action::Enter, Action::EditNote]);
    run(&mut a, &mut b, &typed("q"));
    assert_eq!(a.ctx(), Ctx::Input);
    assert!(a.running, "a typed q is text, not quit");
    let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
    let quit = assay::app::keymap::resolve(a.ctx(), ctrl_c).expect("bound");
    run(&mut a, &mut b, &[quit]);
    assert!(!a.running, "Ctrl-c quits everywhere, as the help says");
}

/// Once every total is known the progress and total orders are sorted in the background; a
/// sort by total then shows exactly the order computed on the key, and an edit drops them.
#[test]
fn score_orders_come_from_the_background_until_an_edit() {
    let mut b = MemBackend::default();
    let mut a = app(Lang::Zh, &b);
    a.list.score_orders.wait();
    assert!(
        a.list.score_orders.get(Column::Total).is_some(),
        "sorted once totals are in"
    );
    let total_at = Column::ALL
        .iter()
        .position(|c| *c == Column::Total)
        .unwrap();
    let mut in_place = a.clone();
    in_place.list.scores_changed(); // no background order: computed on the key
    assert!(in_place.list.score_orders.get(Column::Total).is_none());
    for x in [&mut a, &mut in_place] {
        run(x, &mut b, &vec![Action::SortNext; total_at + 1]);
        assert_eq!(x.list.sort, Some(Column::Total));
    }
    assert_eq!(a.list.view, in_place.list.view);
    // An edit changes a total: the background orders are dropped.
    run(
        &mut a,
        &mut b,
        &[Action::Enter, Action::Type('1'), Action::Enter],
    );
    assert!(a.list.score_orders.get(Column::Total).is_none());
}
