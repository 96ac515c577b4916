//! The TUI summary and `round summary` are one aggregation: on every demo round, and on a round
//! left partly scored (an incomplete sheet, a one-entry draft by a new evaluator, a submitted
//! incomplete sheet), the TUI's headline equals the CLI's, whoever the TUI's evaluator is.

use assay::app::{Action, MemBackend, Screen};
use assay::domain::entry::Entry;
use assay::i18n::Lang;
use assay::report::summary::round_summary;
use assay::runtime::{TuiOptions, open};
use assay::storage::{Store, Submission};

fn tui_headline(store: &mut Store, round: i64, evaluator: &str) -> Vec<String> {
    let o = TuiOptions {
        lang: Lang::Zh,
        evaluator: Some(evaluator.into()),
        round: Some(round),
        db_label: "test.db".into(),
    };
    let (mut app, _) = open(store, &o, None).expect("open");
    app.apply(Action::Resize(80, 24), &mut MemBackend::default());
    app.apply(Action::ShowSummary, store);
    assert_eq!(app.screen, Screen::Summary);
    let s = app.summary.as_ref().expect("summary");
    let g = &s.overall;
    vec![
        format!(
            "{} {} {} {}",
            g.accounts, g.with_result, g.in_progress, g.not_started
        ),
        format!("{} {} {} {}", g.passed, g.failed, g.vetoed, g.full_marks),
        format!("{:?} {:?}", g.pass_rate, g.spread.mean),
        format!("{:?} {:?}", s.evaluators, s.evaluators_in_progress),
    ]
}

fn cli_headline(store: &mut Store, round: i64) -> Vec<String> {
    let r = store.round(&round.to_string()).expect("round");
    let s = round_summary(store, &r).expect("summary");
    vec![
        format!(
            "{} {} {} {}",
            s.accounts, s.with_result, s.in_progress, s.not_started
        ),
        format!("{} {} {} {}", s.passed, s.failed, s.vetoed, s.full_marks),
        format!("{:?} {:?}", s.pass_rate, s.mean_total),
        format!("{:?} {:?}", s.evaluators, s.evaluators_in_progress),
    ]
}

#[test]
fn tui_and_cli_summaries_agree_on_every_round() {
    let mut store = Store::open_in_memory().expect("store");
    let info = assay::sample::load_demo(&mut store).expect("demo");
    let rounds: Vec<i64> = store
        .rounds()
        .expect("rounds")
        .iter()
        .map(|r| r.id)
        .collect();
    for &r in &rounds {
        assert_eq!(
            tui_headline(&mut store, r, &info.evaluator),
            cli_headline(&mut store, r)
        );
        assert_eq!(
            tui_headline(&mut store, r, "新来的"),
            cli_headline(&mut store, r)
        );
    }
    // Leave the four-dimension round partly scored.
    let lidu = store
        .round("2024年莲都区政务新媒体四维评估")
        .expect("round");
    let accounts = store.round_accounts(lidu.id).expect("accounts");
    let evs = store.round_evaluators(lidu.id).expect("evaluators");
    let first = store
        .entries(lidu.id, accounts[0].id, Some(&evs[0]))
        .expect("entries");
    store
        .clear_entry(lidu.id, accounts[0].id, &evs[0], &first[0].entry.indicator)
        .expect("clear");
    let draft = Entry {
        value: Some(0.0),
        ..Entry::new(first[1].entry.indicator.clone())
    };
    store
        .set_entry(lidu.id, accounts[1].id, "新评估人", &draft)
        .expect("draft");
    let second = store
        .entries(lidu.id, accounts[2].id, Some(&evs[1]))
        .expect("entries");
    store
        .clear_entry(lidu.id, accounts[2].id, &evs[1], &second[0].entry.indicator)
        .expect("clear");
    store
        .set_submission(lidu.id, accounts[2].id, &evs[1], Submission::Submitted)
        .expect("submit");
    let cli = cli_headline(&mut store, lidu.id);
    assert!(
        cli[3].contains("新评估人"),
        "the draft's evaluator is named as in progress: {cli:?}"
    );
    assert_eq!(tui_headline(&mut store, lidu.id, &evs[0]), cli);
    assert_eq!(tui_headline(&mut store, lidu.id, "新评估人"), cli);
}
