//! The TUI summary rests on the same panel result as `round summary` once the chair has
//! recorded a consensus and a category has its own method: the consensus veto (upheld under the
//! `all` rule) and the category's median move both alike.

use assay::app::{Action, MemBackend, Screen};
use assay::domain::panel::{Method, VetoRule};
use assay::i18n::Lang;
use assay::report::summary::round_summary;
use assay::runtime::{TuiOptions, open};
use assay::storage::{Consensus, Member, Store};

const ROUND: &str = "2024年莲都区政务新媒体四维评估";

fn tui(store: &mut Store, round: i64) -> (usize, Option<assay::domain::figure::Figure>) {
    let o = TuiOptions {
        lang: Lang::Zh,
        evaluator: Some("主任".into()),
        round: Some(round),
        db_label: "test.db".into(),
    };
    let (mut app, _) = open(store, &o, None).expect("open");
    app.apply(Action::Resize(80, 24), &mut MemBackend::default());
    app.apply(Action::ShowSummary, store);
    assert_eq!(app.screen, Screen::Summary);
    let g = &app.summary.as_ref().expect("summary").overall;
    (g.vetoed, g.spread.mean)
}

fn cli(store: &mut Store, round: i64) -> (usize, Option<assay::domain::figure::Figure>) {
    let r = store.round(&round.to_string()).expect("round");
    let s = round_summary(store, &r).expect("summary");
    (s.vetoed, s.mean_total)
}

#[test]
fn tui_and_cli_agree_with_a_consensus_and_a_category_method() {
    let mut store = Store::open_in_memory().expect("store");
    assay::sample::load_demo(&mut store).expect("demo");
    let round = store.round(ROUND).expect("round").id;
    let mut p = store.panel_policy(round).expect("policy");
    p.veto = VetoRule::All;
    store.set_panel_policy(round, &p).expect("set");
    let chair = Member {
        name: "主任".into(),
        role: "chair".into(),
        affiliation: String::new(),
    };
    store.set_member(round, &chair).expect("chair");
    let before = cli(&mut store, round);
    assert_eq!(before.0, 0, "the split veto is not all");
    assert_eq!(tui(&mut store, round), before);
    let account = store
        .round_accounts(round)
        .expect("accounts")
        .into_iter()
        .find(|a| a.name == "莲都文旅")
        .expect("莲都文旅");
    let veto = Consensus {
        value: None,
        count: None,
        veto: Some("严重表述错误".into()),
        rationale: "问题地图属实".into(),
    };
    store
        .record_consensus(round, account.id, "主任", "security", &veto)
        .expect("consensus");
    store
        .set_category_method(round, "fit", Some(Method::Median))
        .expect("category");
    let after = cli(&mut store, round);
    assert_eq!(after.0, 1, "the consensus veto holds");
    assert_ne!(after.1, before.1, "the median of 职能契合 moves the mean");
    assert_eq!(tui(&mut store, round), after);
}

#[test]
fn the_tui_summary_of_a_calibration_round_says_so() {
    use ratatui::{Terminal, backend::TestBackend};
    let mut store = Store::open_in_memory().expect("store");
    assay::sample::load_demo(&mut store).expect("demo");
    let round = store.round(ROUND).expect("round").id;
    let drawn = |store: &mut Store| -> String {
        let o = TuiOptions {
            lang: Lang::Zh,
            evaluator: Some("主任".into()),
            round: Some(round),
            db_label: "test.db".into(),
        };
        let (mut app, _) = open(store, &o, None).expect("open");
        app.apply(Action::Resize(100, 24), &mut MemBackend::default());
        app.apply(Action::ShowSummary, store);
        let mut term = Terminal::new(TestBackend::new(100, 24)).expect("terminal");
        term.draw(|f| assay::ui::render(f, &app)).expect("draw");
        format!("{}", term.backend())
    };
    assert!(!drawn(&mut store).contains("校准轮次"));
    store.set_calibration(round, true).expect("mark");
    assert!(drawn(&mut store).contains("〔校准轮次，不计入正式结果〕"));
}
