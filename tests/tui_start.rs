//! How the TUI starts, through the same `runtime::open`/`reload` the event loop uses, on an
//! in-memory store: several rounds bring up the round picker and the list follows the choice;
//! no evaluator brings up the name prompt, an empty name is refused, and a typed name is saved
//! to the config file given as a path. Snapshots of both popups at 80×24 in Chinese.

mod common_tui;

use assay::app::{Action, App, Ctx, MemBackend, PickKind, Popup};
use assay::config::Config;
use assay::domain::platform::Level;
use assay::i18n::Lang;
use assay::runtime::{TuiOptions, open, reload};
use assay::storage::{AccountFilter, NewRound, Store};
use common_tui::{RUBRIC, accounts, complete_sheet, screen, typed};

/// A store with the fixture accounts and two rounds: every account in 2024年第三季度, only the
/// county accounts in 2024年第四季度 (the newer one).
fn store() -> (Store, i64, i64) {
    let mut store = Store::open_in_memory().expect("store");
    store.insert_accounts(&accounts()).expect("accounts");
    let mut round = |name: &str, levels: Vec<Level>| {
        store
            .create_round(&NewRound {
                name: name.into(),
                rubric_id: "t".into(),
                rubric_version: "1".into(),
                rubric_text: RUBRIC.into(),
                monitoring_date: chrono::NaiveDate::from_ymd_opt(2024, 12, 1).expect("date"),
                scope: AccountFilter {
                    levels,
                    ..Default::default()
                },
            })
            .expect("round")
            .id
    };
    let q3 = round("2024年第三季度", vec![]);
    let q4 = round("2024年第四季度", vec![Level::County]);
    (store, q3, q4)
}

fn opts(evaluator: Option<&str>, round: Option<i64>) -> TuiOptions {
    TuiOptions {
        lang: Lang::Zh,
        evaluator: evaluator.map(str::to_string),
        round,
        db_label: "test.db".into(),
    }
}

/// Applies actions to an app over the store; `App::apply` takes the store as its backend.
fn drive(app: &mut App, store: &mut Store, actions: &[Action]) {
    for a in actions {
        app.apply(a.clone(), store);
    }
}

fn first(store: &Store, o: &TuiOptions, from_config: Option<&str>) -> App {
    let (mut app, feed) = open(store, o, from_config.map(str::to_string)).expect("open");
    assert!(feed.is_none(), "an in-memory store is scored up front");
    app.color = false;
    app.apply(Action::Resize(80, 24), &mut MemBackend::default());
    app
}

fn render(app: &mut App) -> String {
    screen(app, &mut MemBackend::default(), 80, 24)
}

#[test]
fn several_rounds_open_the_picker_and_the_list_follows_the_choice() {
    let (mut store, q3, q4) = store();
    let o = opts(Some("张三"), None);
    let mut app = first(&store, &o, None);
    assert_eq!(app.session.round_id, q4, "the newest round first");
    assert_eq!(app.rows.len(), 4, "county accounts only");
    assert_eq!(app.ctx(), Ctx::Picker);
    let Some(Popup::Pick { kind, options, .. }) = &app.popup else {
        panic!("the round picker");
    };
    assert_eq!(kind, &PickKind::Round(vec![q3, q4]));
    // Each round with its date, rubric, account count and this evaluator's progress.
    assert_eq!(
        options,
        &[
            "2024年第三季度 · 2024-12-01 · 已完成 0/8（已提交 0）· 细则 t v1",
            "2024年第四季度 · 2024-12-01 · 已完成 0/4（已提交 0）· 细则 t v1",
        ]
    );
    insta::assert_snapshot!("start_round_picker_zh_80x24", render(&mut app));

    drive(&mut app, &mut store, &[Action::Up, Action::Enter]);
    assert_eq!(app.reload, Some(q3));
    let mut config = Config::default();
    let (mut next, _) = reload(&store, &o, &mut config, None, app, q3).expect("reload");
    next.color = false;
    assert_eq!(next.session.round_id, q3);
    assert_eq!(next.rows.len(), 8, "every account in the older round");
    assert!(next.popup.is_none(), "the picker is not offered twice");
    assert_eq!(next.size, (80, 24), "the size carries over");
    assert!(render(&mut next).contains("2024年第三季度"));
    // Switching back from inside: R opens the picker on the current round.
    drive(&mut next, &mut store, &[Action::PickRound]);
    let Some(Popup::Pick { selected, .. }) = next.popup else {
        panic!("R opens the picker");
    };
    assert_eq!(selected, 0);
}

#[test]
fn a_round_given_on_the_command_line_or_a_single_round_skips_the_picker() {
    let (store, q3, _) = store();
    let app = first(&store, &opts(Some("张三"), Some(q3)), None);
    assert!(app.popup.is_none());
    assert_eq!(app.session.round_id, q3);
}

#[test]
fn without_an_evaluator_the_name_is_asked_an_empty_one_refused_and_a_typed_one_saved() {
    let (mut store, _, q4) = store();
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("conf/config.ron");
    let o = opts(None, None);
    // A blank name in the config counts as none.
    let mut app = first(&store, &o, Some("  "));
    assert_eq!(app.ctx(), Ctx::Input);
    assert!(matches!(app.popup, Some(Popup::Input { .. })));
    insta::assert_snapshot!("start_evaluator_zh_80x24", render(&mut app));

    drive(&mut app, &mut store, &typed("  "));
    drive(&mut app, &mut store, &[Action::Enter]);
    assert_eq!(app.ctx(), Ctx::Input, "an empty name is refused");
    assert_eq!(app.reload, None);
    assert!(render(&mut app).contains("姓名不能为空"));

    drive(&mut app, &mut store, &typed("李四"));
    drive(&mut app, &mut store, &[Action::Enter]);
    assert_eq!(app.reload, Some(q4));
    let mut config = Config::default();
    let (mut next, _) = reload(&store, &o, &mut config, Some(&path), app, q4).expect("reload");
    assert_eq!(next.session.evaluator, "李四");
    assert_eq!(
        Config::load_from(&path)
            .expect("saved")
            .evaluator
            .as_deref(),
        Some("李四")
    );
    // With the name known, the round picker that was due comes next.
    assert_eq!(next.ctx(), Ctx::Picker);
    next.color = false;
    assert!(render(&mut next).contains("评估人: 李四"));
}

#[test]
fn escape_on_the_name_prompt_leaves_rather_than_scoring_without_a_name() {
    let (mut store, q3, _) = store();
    let mut app = first(&store, &opts(None, Some(q3)), None);
    drive(&mut app, &mut store, &[Action::Back]);
    assert!(!app.running);
}

#[test]
fn a_config_that_cannot_be_written_is_reported_not_fatal() {
    let (mut store, q3, _) = store();
    let dir = tempfile::tempdir().expect("tempdir");
    // A directory where the file should be: writing fails.
    let path = dir.path().to_path_buf();
    let o = opts(None, Some(q3));
    let mut app = first(&store, &o, None);
    drive(&mut app, &mut store, &typed("王五"));
    drive(&mut app, &mut store, &[Action::Enter]);
    let mut config = Config::default();
    let (next, _) = reload(&store, &o, &mut config, Some(&path), app, q3).expect("reload");
    assert_eq!(next.session.evaluator, "王五", "scoring goes on");
    assert!(
        matches!(&next.popup, Some(Popup::Message { error: true, text }) if text.contains("config")),
        "{:?}",
        next.popup
    );
}

#[test]
fn a_database_with_evaluators_offers_their_names_instead_of_reusing_another_name() {
    use assay::config::Config;
    use assay::domain::entry::Entry;
    let (mut store, q3, _) = store();
    let mut e = Entry::new("pos");
    e.value = Some(4.0);
    store.set_entry(q3, 1, "赵六", &e).expect("entry");
    store.set_entry(q3, 2, "钱七", &e).expect("entry");
    store
        .set_submission(q3, 2, "钱七", assay::storage::Submission::Submitted)
        .expect("submit");
    complete_sheet(&mut store, q3, 1, "钱七", 4.0);
    // The config remembers 王敏 from the demo database: not a name this database knows.
    let mut config = Config::default();
    config.remember(Some("/elsewhere/demo.db"), "王敏");
    let known = store.evaluator_names().expect("names");
    let named = config.evaluator_for(assay::runtime::db_key(&store).as_deref(), &known);
    assert_eq!(named, None, "the demo's name is not carried over");
    let o = opts(None, Some(q3));
    let mut app = first(&store, &o, named.as_deref());
    let Some(Popup::Pick { kind, options, .. }) = &app.popup else {
        panic!("the names of this database are offered: {:?}", app.popup);
    };
    assert_eq!(kind, &PickKind::Evaluator);
    assert_eq!(options[..2], ["赵六".to_string(), "钱七".to_string()]);
    assert!(options[2].contains("新的姓名"));
    insta::assert_snapshot!("start_evaluator_names_zh_80x24", render(&mut app));
    drive(&mut app, &mut store, &[Action::Down, Action::Enter]);
    assert_eq!(app.reload, Some(q3));
    let (mut next, _) = reload(&store, &o, &mut config, None, app, q3).expect("reload");
    assert_eq!(next.session.evaluator, "钱七");
    assert_eq!(
        next.rows[1].sheet(),
        Some(assay::app::list::SheetState::Submitted)
    );
    // Progress counts completed sheets with the submitted ones (钱七: one submitted, one
    // complete), and the partly scored sheet of 赵六 not at all.
    next.open_round_picker(&store).expect("progress");
    let Some(Popup::Pick { options, .. }) = &next.popup else {
        panic!("the round picker");
    };
    assert!(options[0].contains("已完成 2/8（已提交 1）"), "{options:?}");
    next.popup = None;
    // The last choice offers a new name; Esc on the list leaves, like Esc on the prompt.
    let mut app = first(&store, &o, None);
    drive(
        &mut app,
        &mut store,
        &[Action::Down, Action::Down, Action::Enter],
    );
    assert_eq!(app.ctx(), Ctx::Input);
    let mut app = first(&store, &o, None);
    drive(&mut app, &mut store, &[Action::Back]);
    assert!(!app.running);
}

#[test]
fn the_english_round_picker_reads_progress_in_english() {
    let (mut store, q3, _) = store();
    complete_sheet(&mut store, q3, 1, "张三", 4.0);
    let mut o = opts(Some("张三"), None);
    o.lang = Lang::En;
    let app = first(&store, &o, None);
    let Some(Popup::Pick { options, .. }) = &app.popup else {
        panic!("the round picker");
    };
    assert_eq!(
        options[0],
        "2024年第三季度 · 2024-12-01 · 1/8 done (0 submitted) · rubric t v1"
    );
}
