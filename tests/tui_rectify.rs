//! The rectification screen: `z` from the account list opens the round's findings with their
//! status (here after a unit's report and a re-check recorded on the store), `f` steps through
//! the status filters, `z` or Esc goes back; drawn at 80×24 from `&App` only.

use assay::app::{Action, Ctx, Screen};
use assay::domain::rectify::Recheck;
use assay::i18n::Lang;
use assay::runtime::{TuiOptions, open};
use assay::storage::{Rectification, Store};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

const Q4: &str = "2024年第四季度全面检查";

fn screen(app: &assay::app::App) -> String {
    let mut term = Terminal::new(TestBackend::new(80, 24)).expect("terminal");
    term.draw(|f| assay::ui::render(f, app)).expect("draw");
    format!("{}", term.backend())
}

#[test]
fn z_lists_the_findings_with_their_status_and_f_filters_them() {
    let mut store = Store::open_in_memory().expect("store");
    assay::sample::load_demo(&mut store).expect("demo");
    let round = store.round(Q4).expect("round");
    let account = store
        .round_accounts(round.id)
        .expect("accounts")
        .into_iter()
        .find(|a| a.name == "东坑发布")
        .expect("东坑发布");
    let day = chrono::NaiveDate::from_ymd_opt(2025, 1, 20).unwrap();
    let record = |result: Option<Recheck>| Rectification {
        id: 0,
        account_id: account.id,
        item: "no_update".into(),
        result,
        note: "已恢复更新".into(),
        evidence: vec!["复查截图.png".into()],
        by: "王敏".into(),
        day,
        at: String::new(),
    };
    store
        .add_rectification(round.id, &record(None))
        .expect("report");
    store
        .add_rectification(round.id, &record(Some(Recheck::Partial)))
        .expect("re-check");

    let o = TuiOptions {
        lang: Lang::Zh,
        evaluator: Some("王敏".into()),
        round: Some(round.id),
        db_label: "test.db".into(),
    };
    let (mut app, _) = open(&store, &o, None).expect("open");
    app.apply(Action::Resize(80, 24), &mut store);
    app.apply(Action::ShowRectify, &mut store);
    assert_eq!(app.screen, Screen::Rectify);
    assert_eq!(app.ctx(), Ctx::Rectify);
    let v = app.rectify.as_ref().expect("the screen's rows");
    let all = v.rows.len();
    assert!(all > 3, "every veto and deduction of the demo: {all}");
    let text = screen(&app);
    assert!(
        text.contains("问题整改") || text.contains("问题 "),
        "{text}"
    );
    assert!(text.contains(&format!("{all}/{all}")), "{text}");

    // f: 未销号 (every finding but none closed), then 逾期, 待整改, 已报送, 部分整改.
    for _ in 0..5 {
        app.apply(Action::RectifyFilter, &mut store);
    }
    let v = app.rectify.as_ref().unwrap();
    assert_eq!(v.shown.len(), 1, "one finding partly rectified");
    let text = screen(&app);
    assert!(text.contains("筛选：部分整改"), "{text}");
    assert!(
        text.contains("东坑发布") && text.contains("内容不更新"),
        "{text}"
    );
    assert!(text.contains("复查：部分整改（王敏）"), "{text}");
    assert!(text.contains("复查截图.png"), "{text}");

    app.apply(Action::ShowRectify, &mut store);
    assert_eq!(app.screen, Screen::Accounts);
    app.apply(Action::ShowRectify, &mut store);
    app.apply(Action::Back, &mut store);
    assert_eq!(app.screen, Screen::Accounts);
}
