//! The summary computed off the UI thread: with a database file `t` only asks the worker for
//! the one aggregation; the screen says so meanwhile, keys stay live, the answer is the same
//! summary the UI thread would have computed, a late answer is not forced on the user and a
//! failed one is a popup.

mod common_tui;

use std::sync::Arc;

use assay::app::summary_job::{SummaryLoad, compute};
use assay::app::{Action, Backend, MemBackend, Popup, Screen};
use assay::i18n::Lang;
use common_tui::{accounts, app, run, screen};

/// A backend with one vetoed sheet submitted, so the summary has a failure to show.
fn scored() -> (assay::app::App, MemBackend) {
    let mut b = MemBackend::default();
    let mut a = app(Lang::Zh, &b);
    run(
        &mut a,
        &mut b,
        &[
            Action::Enter,
            Action::Bottom,
            Action::Veto,
            Action::Enter,
            Action::Back,
        ],
    );
    let vetoed = a
        .rows
        .iter()
        .find(|r| r.scored > 0)
        .map(|r| r.account.id)
        .expect("the vetoed row");
    b.set_submitted(1, vetoed, "张三", true).expect("submit");
    (a, b)
}

#[test]
fn in_the_background_the_summary_waits_for_the_worker_with_keys_live() {
    let (mut a, mut b) = scored();
    // What the UI thread computes at once, without a database file.
    let mut at_once = a.clone();
    run(&mut at_once, &mut b, &[Action::ShowSummary]);
    let expected = at_once.summary.clone().expect("computed at once");
    assert_eq!(
        expected.overall.pass_rate,
        assay::domain::figure::Figure::rate(0, 1)
    );

    a.summary_job.background = true;
    run(&mut a, &mut b, &[Action::ShowSummary]);
    assert_eq!(a.screen, Screen::Summary);
    assert!(a.summary.is_none() && a.popup.is_none());
    let req = a
        .summary_job
        .request
        .take()
        .expect("a request for the worker");
    assert!(
        req.accounts.is_none(),
        "the key copies no accounts: the worker reads them"
    );
    let text = screen(&mut a, &mut b, 80, 24);
    assert!(text.contains("汇总计算中"), "{text}");
    // Movement waits for the answer; `t` goes back to the list and in again, no second request.
    run(&mut a, &mut b, &[Action::Down, Action::Enter]);
    assert_eq!(a.screen, Screen::Summary);
    run(&mut a, &mut b, &[Action::ShowSummary]);
    assert_eq!(a.screen, Screen::Accounts);
    run(&mut a, &mut b, &[Action::ShowSummary]);
    assert_eq!(a.screen, Screen::Summary);
    assert!(a.summary_job.request.is_none());
    // The worker's answer is the same function's: the same summary as at once.
    let got = compute(&mut b, req, accounts()).expect("computed");
    run(
        &mut a,
        &mut b,
        &[Action::SummaryLoaded(SummaryLoad(Arc::new(Ok(got))))],
    );
    assert_eq!(a.summary.as_ref(), Some(&expected));
    assert!(!a.summary_job.loading);
    let text = screen(&mut a, &mut b, 80, 24);
    assert!(!text.contains("汇总计算中"), "{text}");
}

#[test]
fn a_late_summary_is_not_forced_on_the_user_and_a_failed_one_is_a_popup() {
    let (mut a, mut b) = scored();
    a.summary_job.background = true;
    run(&mut a, &mut b, &[Action::ShowSummary]);
    let req = a.summary_job.request.take().expect("request");
    run(&mut a, &mut b, &[Action::Back]);
    assert_eq!(a.screen, Screen::Accounts);
    let late = compute(&mut b, req, accounts()).expect("computed");
    run(
        &mut a,
        &mut b,
        &[Action::SummaryLoaded(SummaryLoad(Arc::new(Ok(late))))],
    );
    assert_eq!(a.screen, Screen::Accounts);
    assert!(a.summary.is_none());
    run(&mut a, &mut b, &[Action::ShowSummary]);
    assert!(a.summary_job.request.take().is_some(), "asked afresh");
    let failed = SummaryLoad(Arc::new(Err("磁盘读取失败".into())));
    run(&mut a, &mut b, &[Action::SummaryLoaded(failed)]);
    assert_eq!(a.screen, Screen::Accounts);
    assert!(
        matches!(&a.popup, Some(Popup::Message { text, error: true }) if text.contains("磁盘读取失败")),
        "{:?}",
        a.popup
    );
}

/// On a database file the runtime's worker answers over its own read-only connection with the
/// summary the UI thread would compute: the demo's Q4 round, 445 accounts, as `round summary`.
#[test]
fn the_worker_answers_on_a_database_file_as_the_ui_thread_would() {
    use assay::runtime::{TuiOptions, open};
    use assay::storage::Store;
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("demo.db");
    let mut store = Store::create_or_open(&path).expect("store");
    assay::sample::load_demo(&mut store).expect("demo");
    let q4 = store
        .rounds()
        .expect("rounds")
        .into_iter()
        .find(|r| r.name.contains("第四季度"))
        .expect("Q4");
    let o = TuiOptions {
        lang: Lang::Zh,
        evaluator: Some("王敏".into()),
        round: Some(q4.id),
        db_label: "demo.db".into(),
    };
    let (mut app, _feed) = open(&store, &o, None).expect("open");
    assert!(
        app.summary_job.background,
        "a file database aggregates off the UI thread"
    );
    app.apply(Action::ShowSummary, &mut store);
    let req = app.summary_job.request.take().expect("request");
    let listed = app.rows.iter().map(|r| r.account.clone()).collect();
    let expected = compute(&mut store, req.clone(), listed).expect("at once");
    let rx = assay::app::worker::spawn_summary(path.clone(), req);
    let answer = rx
        .recv_timeout(std::time::Duration::from_secs(60))
        .expect("the worker answers");
    app.apply(answer, &mut store);
    let s = app.summary.as_ref().expect("shown");
    assert_eq!(s, &expected);
    assert_eq!(s.overall.accounts, 445);
    let cli = assay::report::summary::round_summary(&mut store, &q4).expect("cli");
    assert_eq!(
        (s.overall.passed, s.overall.failed),
        (cli.passed, cli.failed)
    );
    assay::app::worker::close();
}

/// On a database file, once the summary has been opened, it is computed ahead in an idle moment
/// and `t` shows it without asking the worker; it is shown again after leaving it while nothing
/// is written, and any commit (this TUI's or another connection's) makes the next `t` compute
/// afresh. Never opened, it is never computed ahead: the idle moment after each change (and the
/// session's first) only has the worker keep a top step, holding nothing.
#[test]
fn a_summary_computed_ahead_is_shown_at_once_until_something_is_written() {
    use assay::storage::Store;
    let (_dir, path, mut store, mut app) = demo_on_file();
    let answer = |app: &mut assay::app::App, store: &mut Store| {
        let req = app.summary_job.request.take().expect("a request");
        let rx = assay::app::worker::spawn_summary(path.clone(), req);
        let a = rx
            .recv_timeout(std::time::Duration::from_secs(60))
            .expect("the worker answers");
        app.apply(a, store);
    };
    // Never opened: the first idle moment has the worker keep a top step, and nothing is held
    // in memory for a user who does not look.
    assert_eq!(store.summary_tops().expect("tops"), 0);
    assert!(
        app.summary_job.wants_ahead(),
        "the session's first idle moment"
    );
    app.apply(Action::SummaryAhead, &mut store);
    assert!(app.summary_job.request.as_ref().is_some_and(|r| !r.ahead));
    answer(&mut app, &mut store);
    assert_eq!(store.summary_tops().expect("tops"), 1, "a top step kept");
    assert!(app.summary.is_none(), "nothing held");
    app.apply(Action::SummaryAhead, &mut store);
    assert!(
        app.summary_job.request.is_none(),
        "the same content: not asked again"
    );
    // A change (here another connection's write) retires the kept top; the next idle moment
    // has the worker keep one for the content now, still holding nothing.
    Store::open(&path)
        .expect("another connection")
        .evaluator_id("先来一笔")
        .expect("a write");
    app.apply(Action::SummaryAhead, &mut store);
    assert!(
        app.summary_job.request.as_ref().is_some_and(|r| !r.ahead),
        "asked again after a change"
    );
    answer(&mut app, &mut store);
    assert!(app.summary.is_none(), "still nothing held");
    app.apply(Action::SummaryAhead, &mut store);
    assert!(app.summary_job.request.is_none(), "kept for this content");
    // Opened once: the kept top at once, the whole summary from the worker (the user waits:
    // the top step only), then left.
    app.apply(Action::ShowSummary, &mut store);
    assert!(
        app.summary.as_ref().is_some_and(|s| s.partial),
        "the kept top"
    );
    assert!(app.summary_job.request.as_ref().is_some_and(|r| !r.ahead));
    answer(&mut app, &mut store);
    assert!(
        app.summary.as_ref().is_some_and(|s| !s.partial),
        "the whole summary"
    );
    assert!(app.summary.is_some() && app.summary_job.wants_ahead());
    keys(&mut app, &mut store, &[Action::ShowSummary]);
    app.apply(Action::SummaryAhead, &mut store);
    assert!(app.summary_job.request.is_none(), "the one left holds");
    // A write: from now on it is computed ahead.
    store.evaluator_id("先写一笔").expect("a write");
    app.apply(Action::SummaryAhead, &mut store);
    assert!(
        app.summary_job
            .request
            .as_ref()
            .is_some_and(|r| r.ahead && r.accounts.is_none()),
        "asked ahead, each level's step with it"
    );
    assert!(!app.summary_job.wants_ahead(), "one at a time");
    answer(&mut app, &mut store);
    assert_eq!(app.screen, Screen::Accounts, "nothing forced on the user");
    app.apply(Action::SummaryAhead, &mut store);
    assert!(
        app.summary_job.request.is_none(),
        "what is ready still holds"
    );

    app.apply(Action::ShowSummary, &mut store);
    assert_eq!(app.screen, Screen::Summary);
    assert!(
        app.summary_job.request.is_none(),
        "no worker: shown at once"
    );
    assert!(!app.summary_job.loading);
    let shown = app.summary.clone().expect("shown");
    let listed = app.rows.iter().map(|r| r.account.clone()).collect();
    let req = assay::app::summary_job::SummaryRequest {
        round: app.session.round_id,
        rubric: app.session.rubric.clone(),
        accounts: None,
        evaluator: app.session.evaluator.clone(),
        lang: Lang::Zh,
        ahead: true,
        cancel: Default::default(),
    };
    let fresh = compute(&mut store, req, listed).expect("fresh");
    assert_eq!(shown, fresh, "the summary ahead is the one computed now");

    // Left and opened again with nothing written: the same summary, where it was left.
    keys(&mut app, &mut store, &[Action::Enter]);
    let path_left = app.summary.as_ref().expect("shown").path.clone();
    assert_eq!(path_left.len(), 1, "into a level");
    keys(
        &mut app,
        &mut store,
        &[Action::ShowSummary, Action::ShowSummary],
    );
    assert!(app.summary_job.request.is_none());
    assert_eq!(app.summary.as_ref().expect("shown").path, path_left);

    // This TUI's own write: computed afresh.
    keys(&mut app, &mut store, &[Action::ShowSummary]);
    store.evaluator_id("新来的评估人").expect("a write");
    app.apply(Action::ShowSummary, &mut store);
    assert!(app.summary_job.request.is_some(), "stale after a write");
    assert!(app.summary.is_none() && app.summary_job.loading);
    answer(&mut app, &mut store);
    assert!(app.summary.is_some());

    // Another connection's commit: computed afresh too, and ahead in the next idle moment.
    keys(&mut app, &mut store, &[Action::ShowSummary]);
    let mut other = Store::open(&path).expect("another connection");
    other.evaluator_id("另一位评估人").expect("a write");
    app.apply(Action::SummaryAhead, &mut store);
    assert!(
        app.summary_job.request.is_some(),
        "stale: computed ahead again"
    );
    answer(&mut app, &mut store);
    app.apply(Action::ShowSummary, &mut store);
    assert!(app.summary_job.request.is_none() && app.summary.is_some());
    assay::app::worker::close();
}

fn keys(app: &mut assay::app::App, store: &mut assay::storage::Store, actions: &[Action]) {
    for a in actions {
        app.apply(a.clone(), store);
    }
}

/// A request computed ahead and overtaken by a write and a `t` is cancelled: the worker stops
/// on it without an answer to show, and the user's request is the one answered.
#[test]
fn a_request_overtaken_by_the_users_key_is_cancelled() {
    use assay::app::summary_job::SummaryLoad;
    let (_dir, path, mut store, mut app) = demo_on_file();
    // As after a first `t` in the session.
    app.summary_job.opened = true;
    app.apply(Action::SummaryAhead, &mut store);
    let ahead = app.summary_job.request.take().expect("asked ahead");
    store.evaluator_id("新来的评估人").expect("a write");
    app.apply(Action::ShowSummary, &mut store);
    let asked = app.summary_job.request.take().expect("asked by the key");
    assert!(ahead.cancel.is_set(), "the request ahead is cancelled");
    assert!(!asked.cancel.is_set() && !asked.ahead);
    let wait = std::time::Duration::from_secs(60);
    let stopped = assay::app::worker::spawn_summary(path.clone(), ahead);
    match stopped.recv_timeout(wait).expect("the worker ends") {
        Action::SummaryLoaded(SummaryLoad(r)) => assert!(r.is_err(), "no summary made"),
        other => panic!("{other:?}"),
    }
    let rx = assay::app::worker::spawn_summary(path.clone(), asked);
    app.apply(rx.recv_timeout(wait).expect("answer"), &mut store);
    assert_eq!(app.screen, Screen::Summary);
    assert!(app.summary.is_some() && app.popup.is_none());
    assay::app::worker::close();
}

/// The demo in a database file and the TUI opened on its last round as 王敏, as `assay tui`
/// opens it (the summary computed on the worker).
fn demo_on_file() -> (
    tempfile::TempDir,
    std::path::PathBuf,
    assay::storage::Store,
    assay::app::App,
) {
    use assay::runtime::{TuiOptions, open};
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("demo.db");
    let mut store = assay::storage::Store::create_or_open(&path).expect("store");
    assay::sample::load_demo(&mut store).expect("demo");
    let round = store.rounds().expect("rounds").last().map(|r| r.id);
    let o = TuiOptions {
        lang: Lang::Zh,
        evaluator: Some("王敏".into()),
        round,
        db_label: "demo.db".into(),
    };
    let (app, _feed) = open(&store, &o, None).expect("open");
    (dir, path, store, app)
}
