//! Automatic values in the TUI: an item `assay ops auto` placed shows the `A` marker and a line
//! saying so; `O` takes it over with a reason in the note (kept in the history), after which it
//! is the evaluator's entry; on an item that is not automatic `O` says so.

use assay::app::{Action, Popup};
use assay::domain::entry::Entry;
use assay::i18n::Lang;
use assay::runtime::{TuiOptions, open};
use assay::storage::{AutoRecord, Reopen, Store};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

const Q4: &str = "2024年第四季度全面检查";

fn screen(app: &assay::app::App) -> String {
    let mut term = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
    term.draw(|f| assay::ui::render(f, app)).expect("draw");
    format!("{}", term.backend())
}

#[test]
fn an_automatic_value_is_marked_and_o_overrides_it_with_a_reason() {
    let mut store = Store::open_in_memory().expect("store");
    assay::sample::load_demo(&mut store).expect("demo");
    let round = store.round(Q4).expect("round");
    let account = store
        .round_accounts(round.id)
        .expect("accounts")
        .into_iter()
        .find(|a| a.name == "东坑发布")
        .expect("东坑发布");
    let veto = Entry {
        veto: Some("监测时间点前2周内无更新".into()),
        note: "自动（运营数据）".into(),
        ..Entry::new("no_update")
    };
    store
        .clear_entry(round.id, account.id, "王敏", "no_update")
        .expect("clear");
    let placed = AutoRecord {
        account_id: account.id,
        evaluator: "王敏".into(),
        indicator: "no_update".into(),
        rule: "no_update".into(),
        entry: veto.clone(),
        evidence: "{}".into(),
    };
    store
        .place_auto(round.id, &[placed], Reopen::No)
        .expect("place");

    let o = TuiOptions {
        lang: Lang::Zh,
        evaluator: Some("王敏".into()),
        round: Some(round.id),
        db_label: "test.db".into(),
    };
    let (mut app, _) = open(&store, &o, None).expect("open");
    app.apply(Action::Resize(120, 40), &mut store);
    let row = app
        .rows
        .iter()
        .position(|r| r.account.id == account.id)
        .expect("row");
    app.open_account(row, &store).expect("open account");
    let items = app.session.rubric.items();
    let at = |id: &str| {
        items
            .iter()
            .position(|i| i.common().id == id)
            .expect("item")
    };
    let (veto_at, other_at) = (at("no_update"), at("security"));
    drop(items);

    // Not automatic: O says so and changes nothing.
    app.scoring.as_mut().unwrap().cursor = other_at;
    app.apply(Action::OverrideAuto, &mut store);
    assert!(app.popup.is_none());
    assert!(
        app.flash.as_deref().unwrap_or("").contains("不是自动值"),
        "{:?}",
        app.flash
    );

    app.scoring.as_mut().unwrap().cursor = veto_at;
    let text = screen(&app);
    assert!(text.contains("A 自动值"), "{text}");
    assert!(app.scoring.as_ref().unwrap().is_auto("no_update"));

    // O: the reason prompt; the note typed is saved, the item becomes the evaluator's.
    app.apply(Action::OverrideAuto, &mut store);
    assert!(
        matches!(&app.popup, Some(Popup::Input { buf, .. }) if buf.starts_with("覆盖自动值")),
        "{:?}",
        app.popup
    );
    for c in "已人工核实".chars() {
        app.apply(Action::Type(c), &mut store);
    }
    app.apply(Action::Enter, &mut store);
    assert!(!app.scoring.as_ref().unwrap().is_auto("no_update"));
    let text = screen(&app);
    assert!(!text.contains("A 自动值"), "{text}");
    let stored = store
        .entries(round.id, account.id, Some("王敏"))
        .expect("entries")
        .into_iter()
        .find(|e| e.entry.indicator == "no_update")
        .expect("kept");
    assert_eq!(stored.entry.veto, veto.veto);
    assert_eq!(stored.entry.note, "覆盖自动值，理由：已人工核实");
}
