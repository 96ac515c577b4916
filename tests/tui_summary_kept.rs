//! The summary's top step kept in the database (storage::summary_tops): a later session's first
//! `t`, with nothing written since, shows the round's and each level's figures at once, marked
//! partial (Enter waits), and the worker's whole summary replaces it with the same figures; a
//! write to what the summary reads, another viewer or another language finds nothing kept; a
//! top edited by hand is shown only until the whole summary replaces it, with a word saying so;
//! without a panel or assignments every evaluator shares one top, a panel's members do not.

mod common_tui;

use assay::app::{Action, App, Screen};
use assay::i18n::Lang;
use assay::runtime::{TuiOptions, load};
use assay::storage::{AccountFilter, NewRound, Store};
use common_tui::{RUBRIC, accounts, complete_sheet};

/// A database file with the fixture accounts, one round and two complete sheets of 张三.
fn database(path: &std::path::Path) -> (Store, i64) {
    let mut store = Store::create_or_open(path).expect("store");
    store.insert_accounts(&accounts()).expect("accounts");
    let round = store
        .create_round(&NewRound {
            name: "2024年第四季度".into(),
            rubric_id: "t".into(),
            rubric_version: "1".into(),
            rubric_text: RUBRIC.into(),
            monitoring_date: chrono::NaiveDate::from_ymd_opt(2024, 12, 1).expect("date"),
            scope: AccountFilter::default(),
        })
        .expect("round")
        .id;
    let ids: Vec<i64> = store
        .round_accounts(round)
        .expect("accounts")
        .iter()
        .map(|a| a.id)
        .collect();
    for (i, &id) in ids.iter().take(2).enumerate() {
        complete_sheet(&mut store, round, id, "张三", 3.0 + i as f64);
    }
    (store, round)
}

/// A session as `assay tui` starts it on the file, its summary computed by the worker.
fn session(store: &Store, round: i64, who: &str, lang: Lang) -> App {
    let opts = TuiOptions {
        lang,
        evaluator: Some(who.into()),
        round: Some(round),
        db_label: "test.db".into(),
    };
    let (mut app, _feed) = load(store, &opts, round, who).expect("load");
    app.summary_job.background = true;
    app
}

/// `t`, then the worker's answer applied; returns what the key alone showed.
fn open(app: &mut App, store: &mut Store) -> Option<assay::app::Summary> {
    app.apply(Action::ShowSummary, store);
    assert_eq!(app.screen, Screen::Summary);
    let shown = app.summary.clone();
    let req = app.summary_job.request.take().expect("the worker is asked");
    let rx = assay::app::worker::spawn_summary(store.path().to_path_buf(), req);
    app.apply(rx.recv().expect("answer"), store);
    let whole = app.summary.as_ref().expect("the whole summary");
    assert!(!whole.partial);
    shown
}

#[test]
fn a_later_session_shows_the_kept_top_until_the_whole_summary_arrives() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut store, round) = database(&dir.path().join("k.db"));

    let mut first = session(&store, round, "张三", Lang::Zh);
    assert!(open(&mut first, &mut store).is_none(), "nothing kept yet");
    let whole = first.summary.clone().expect("summary");
    assert_eq!(
        store.summary_tops().expect("count"),
        1,
        "the worker kept its top"
    );

    let mut later = session(&store, round, "张三", Lang::Zh);
    later.apply(Action::ShowSummary, &mut store);
    let top = later.summary.clone().expect("the kept top, at once");
    assert!(top.partial);
    assert_eq!(top.overall, whole.overall);
    assert_eq!(top.lines, whole.lines);
    assert_eq!(top.evaluators, vec!["张三"]);
    later.apply(Action::Down, &mut store);
    later.apply(Action::Enter, &mut store);
    assert!(later.summary.as_ref().is_some_and(|s| s.path.is_empty()));
    assert!(
        later
            .flash
            .as_deref()
            .is_some_and(|f| f.contains("明细仍在计算")),
        "{:?}",
        later.flash
    );
    let selected = later.summary.as_ref().expect("shown").selected;
    assert_eq!(
        selected,
        1.min(top.lines.len() - 1),
        "moved on the kept top"
    );
    let req = later
        .summary_job
        .request
        .take()
        .expect("the worker is asked");
    let rx = assay::app::worker::spawn_summary(store.path().to_path_buf(), req);
    later.apply(rx.recv().expect("answer"), &mut store);
    let replaced = later.summary.as_ref().expect("whole");
    assert!(!replaced.partial);
    assert_eq!(replaced.overall, whole.overall);
    assert_eq!(replaced.selected, selected, "the same line stays selected");

    // No panel and no assignments: another evaluator sees the same summary, kept once for
    // every evaluator. Another language: nothing kept for it, until its own is.
    let theirs = open(&mut session(&store, round, "李四", Lang::Zh), &mut store);
    assert_eq!(
        theirs.map(|t| t.overall.clone()),
        Some(whole.overall.clone()),
        "the shared top"
    );
    assert!(open(&mut session(&store, round, "张三", Lang::En), &mut store).is_none());
    assert!(open(&mut session(&store, round, "张三", Lang::En), &mut store).is_some());
    assert_eq!(store.summary_tops().expect("count"), 2, "one per language");

    // A sheet written (by any connection) retires every kept top.
    let mut other = Store::open(store.path()).expect("second connection");
    let third = store.round_accounts(round).expect("accounts")[2].id;
    complete_sheet(&mut other, round, third, "李四", 2.0);
    let mut after = session(&store, round, "张三", Lang::Zh);
    assert!(
        open(&mut after, &mut store).is_none(),
        "retired by the write"
    );
    let now = after.summary.as_ref().expect("summary");
    assert_ne!(now.overall, whole.overall, "the new sheet counts");
    assert!(open(&mut session(&store, round, "张三", Lang::Zh), &mut store).is_some());
}

#[test]
fn a_top_edited_by_hand_is_replaced_and_the_user_told() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("k.db");
    let (mut store, round) = database(&path);
    let mut first = session(&store, round, "张三", Lang::Zh);
    open(&mut first, &mut store);
    let whole = first.summary.clone().expect("summary");
    assert!(first.flash.is_none());

    let c = rusqlite::Connection::open(&path).expect("sqlite");
    let body: String = c
        .query_row("SELECT body FROM summary_tops", [], |r| r.get(0))
        .expect("kept");
    let mut top: serde_json::Value = serde_json::from_str(&body).expect("json");
    top["overall"]["accounts"] = 9999.into();
    c.execute("UPDATE summary_tops SET body = ?1", [top.to_string()])
        .expect("hand edit");
    drop(c);

    let mut later = session(&store, round, "张三", Lang::Zh);
    let shown = open(&mut later, &mut store).expect("the edited top, at once");
    assert_eq!(shown.overall.accounts, 9999, "what the edit put there");
    let replaced = later.summary.as_ref().expect("whole");
    assert_eq!(replaced.overall, whole.overall, "the recomputed figures");
    assert!(
        later
            .flash
            .as_deref()
            .is_some_and(|f| f.contains("保存的汇总首屏与重新计算的不符，已改正")),
        "{:?}",
        later.flash
    );
}

/// Once the round has a panel, each member's view is their own (blind scoring): the shared top
/// no longer holds (the panel moved the content generation) and each keeps one of their own.
#[test]
fn a_panels_members_each_keep_their_own_top() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("k.db");
    let (mut store, round) = database(&path);
    open(&mut session(&store, round, "张三", Lang::Zh), &mut store);
    assert!(open(&mut session(&store, round, "李四", Lang::Zh), &mut store).is_some());
    for (name, role) in [("张三", "evaluator"), ("李四", "evaluator")] {
        let m = assay::storage::Member {
            name: name.into(),
            role: role.into(),
            affiliation: String::new(),
        };
        store.set_member(round, &m).expect("member");
    }
    assert!(open(&mut session(&store, round, "张三", Lang::Zh), &mut store).is_none());
    assert!(open(&mut session(&store, round, "李四", Lang::Zh), &mut store).is_none());
    assert!(open(&mut session(&store, round, "李四", Lang::Zh), &mut store).is_some());
    let c = rusqlite::Connection::open(&path).expect("sqlite");
    let mut q = c
        .prepare("SELECT viewer FROM summary_tops WHERE generation = (SELECT n FROM content_generation) ORDER BY viewer")
        .expect("prepare");
    let viewers: Vec<String> = q
        .query_map([], |r| r.get(0))
        .expect("query")
        .map(|r| r.expect("row"))
        .collect();
    assert_eq!(viewers, ["张三", "李四"]);
}

/// Accounts assigned to an evaluator make their view their own (they list only those); an
/// evaluator without assignments in the same round still sees every evaluator's summary.
#[test]
fn an_assigned_evaluator_keeps_their_own_top() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut store, round) = database(&dir.path().join("k.db"));
    let shared = assay::storage::SHARED_VIEW;
    assert_eq!(store.top_viewer(round, "张三").expect("viewer"), shared);
    let first = store.round_accounts(round).expect("accounts")[0].id;
    store
        .replace_assignments(round, &[(first, "张三".into())])
        .expect("assign");
    assert_eq!(store.top_viewer(round, "张三").expect("viewer"), "张三");
    assert_eq!(store.top_viewer(round, "王五").expect("viewer"), shared);
    let mut mine = session(&store, round, "张三", Lang::Zh);
    assert_eq!(mine.rows.len(), 1, "only the assigned account");
    open(&mut mine, &mut store);
    let all = open(&mut session(&store, round, "王五", Lang::Zh), &mut store);
    assert!(all.is_none(), "王五 sees every account: not 张三's top");
}
