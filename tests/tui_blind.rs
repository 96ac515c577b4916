//! Blind scoring in the TUI summary: in a round with a declared panel, an evaluator sees only
//! their own sheets until they submit an account; the chair sees every sheet (the same figures
//! as `round summary`). Without a panel everyone sees everything (tui_summary_agrees.rs).

use assay::app::{Action, MemBackend, Screen};
use assay::i18n::Lang;
use assay::runtime::{TuiOptions, open};
use assay::storage::Member;
use assay::storage::{Store, Submission};

const ROUND: &str = "2024年莲都区政务新媒体四维评估";

/// (evaluators in the figures, accounts with a result) as the TUI summary shows them.
fn seen(store: &mut Store, round: i64, evaluator: &str) -> (Vec<String>, usize) {
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
    (s.evaluators.clone(), s.overall.with_result)
}

fn member(name: &str, role: &str) -> Member {
    Member {
        name: name.into(),
        role: role.into(),
        affiliation: String::new(),
    }
}

#[test]
fn an_evaluator_sees_only_their_own_sheets_until_submitting_the_chair_sees_all() {
    let mut store = Store::open_in_memory().expect("store");
    assay::sample::load_demo(&mut store).expect("demo");
    let round = store.round(ROUND).expect("round");
    let evs = store.round_evaluators(round.id).expect("evaluators");
    assert!(evs.len() >= 2, "the demo round has a panel of evaluators");
    let (everyone, with_result) = seen(&mut store, round.id, &evs[0]);
    assert_eq!(everyone.len(), evs.len(), "no panel declared: no blinding");
    store
        .set_member(round.id, &member("主审", "chair"))
        .expect("chair");
    for e in &evs {
        store
            .set_member(round.id, &member(e, "evaluator"))
            .expect("member");
    }
    assert!(
        store
            .submitted_accounts(round.id, &evs[0])
            .expect("submitted")
            .is_empty(),
        "the demo's evaluators have submitted nothing"
    );
    let (mine, mine_results) = seen(&mut store, round.id, &evs[0]);
    assert_eq!(
        mine,
        [evs[0].clone()],
        "only their own sheets before submitting"
    );
    // Submitting one account opens the others' sheets for that account only.
    let accounts = store.round_accounts(round.id).expect("accounts");
    store
        .set_submission(round.id, accounts[0].id, &evs[0], Submission::Submitted)
        .expect("submit");
    let (after, after_results) = seen(&mut store, round.id, &evs[0]);
    assert_eq!(after.len(), evs.len(), "{after:?}");
    assert_eq!(
        after_results, mine_results,
        "the same accounts have a result"
    );
    let (all, all_results) = seen(&mut store, round.id, "主审");
    assert_eq!(all, everyone, "the chair sees every sheet");
    assert_eq!(all_results, with_result);
}

#[test]
fn with_an_assignment_the_list_holds_only_the_evaluators_accounts() {
    let mut store = Store::open_in_memory().expect("store");
    assay::sample::load_demo(&mut store).expect("demo");
    let round = store.round(ROUND).expect("round");
    let evs = store.round_evaluators(round.id).expect("evaluators");
    let accounts = store.round_accounts(round.id).expect("accounts");
    let rows = |store: &mut Store, who: &str| -> Vec<i64> {
        let o = TuiOptions {
            lang: Lang::Zh,
            evaluator: Some(who.into()),
            round: Some(round.id),
            db_label: "test.db".into(),
        };
        let (app, _) = open(store, &o, None).expect("open");
        app.rows.iter().map(|r| r.account.id).collect()
    };
    assert_eq!(rows(&mut store, &evs[0]).len(), accounts.len());
    // evs[0] gets the first three accounts, evs[1] the rest.
    let pairs: Vec<(i64, String)> = accounts
        .iter()
        .enumerate()
        .map(|(i, a)| {
            (
                a.id,
                if i < 3 {
                    evs[0].clone()
                } else {
                    evs[1].clone()
                },
            )
        })
        .collect();
    store.replace_assignments(round.id, &pairs).expect("assign");
    let mine = rows(&mut store, &evs[0]);
    assert_eq!(mine, accounts[..3].iter().map(|a| a.id).collect::<Vec<_>>());
    assert_eq!(rows(&mut store, &evs[1]).len(), accounts.len() - 3);
    assert_eq!(
        rows(&mut store, "组长").len(),
        accounts.len(),
        "someone with no assignment (the chair) lists every account"
    );
}
