//! Totals computed after the first frame: placeholders until a batch arrives, progress in the
//! title, batches never overwrite an account edited meanwhile, score sorts and status filters
//! while loading, and the real worker on a database file agreeing with the synchronous path.

mod common_tui;

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use assay::app::{Action, App, Backend, Column, MemBackend, Session, SheetScorer, Totals};
use assay::domain::engine::{self, Status};
use assay::domain::entry::Entry;
use assay::i18n::Lang;
use assay::runtime::{TuiOptions, load};
use assay::storage::{NewRound, Store};
use common_tui::{RUBRIC, accounts, rubric, run, screen, typed};

fn session() -> Session {
    Session {
        round_id: 1,
        round_name: "2024年第四季度检查".into(),
        rubric: rubric(),
        evaluator: "张三".into(),
        db_label: "test.db".into(),
    }
}

fn pending_app() -> App {
    let mut a = App::pending(Lang::Zh, session(), accounts(), engine::score);
    a.color = false;
    a
}

/// A backend where the first three accounts have judgements of different weight.
fn backend() -> MemBackend {
    let mut b = MemBackend::default();
    let judged = [
        (1, vec![("pos", 5.0), ("read", 9.0), ("menu", 1.0)]),
        (2, vec![("pos", 1.0)]),
        (3, vec![("pos", 3.0), ("read", 2.0), ("menu", 0.0)]),
    ];
    for (id, vals) in judged {
        for (ind, v) in vals {
            let e = Entry {
                value: Some(v),
                ..Entry::new(ind)
            };
            b.set_entry(1, id, "张三", &e).expect("mem");
        }
    }
    b.log.clear();
    b
}

/// Every account's result as the background worker would send it, in account order.
fn batch(app: &App, b: &MemBackend) -> Vec<Totals> {
    let mut grouped: BTreeMap<i64, Vec<Entry>> = BTreeMap::new();
    b.each_entry(1, "张三", &mut |id, e| {
        grouped.entry(id).or_default().push(e)
    })
    .expect("mem");
    let rubric = rubric();
    let mut s = SheetScorer::new(&rubric, engine::score, app.kinds());
    for (id, es) in &grouped {
        s.sheet(*id, es);
    }
    s.finish();
    s.take()
}

#[test]
fn placeholders_until_the_batches_arrive_then_the_same_totals_as_scoring_up_front() {
    let mut b = backend();
    let mut a = pending_app();
    assert!(a.rows.iter().all(|r| r.pending));
    let before = screen(&mut a, &mut b, 100, 14);
    assert!(before.contains("计算中 0/8"), "{before}");
    // Progress, total and status of all eight rows are placeholders.
    assert!(before.matches('…').count() >= 24, "{before}");
    assert!(!before.contains("0/6"), "{before}");
    assert!(
        !before.contains("未开始"),
        "no status before it is known:\n{before}"
    );
    let mut all = batch(&a, &b);
    assert_eq!(all.len(), 8, "one result per account, blanks included");
    let rest = all.split_off(5);
    run(&mut a, &mut b, &[Action::TotalsLoaded(all)]);
    assert_eq!(a.rows.iter().filter(|r| r.pending).count(), 3);
    assert!(screen(&mut a, &mut b, 100, 14).contains("计算中 5/8"));
    run(&mut a, &mut b, &[Action::TotalsLoaded(rest)]);
    assert!(a.loading.is_none());
    let after = screen(&mut a, &mut b, 100, 14);
    assert!(!after.contains("计算中"), "{after}");
    assert!(
        after.matches('…').count() < 8,
        "only truncated names are left:\n{after}"
    );
    assert!(after.contains("3/6") && after.contains("未开始"), "{after}");
    let sync = App::new(Lang::Zh, session(), accounts(), &b, engine::score).expect("app");
    assert!(sync.loading.is_none());
    for (x, y) in a.rows.iter().zip(&sync.rows) {
        assert_eq!(
            (x.scored, x.applicable, x.total, x.status, &x.vetoes),
            (y.scored, y.applicable, y.total, y.status, &y.vetoes),
            "{}",
            x.account.name
        );
    }
    assert!(a.rows.iter().any(|r| r.status != Status::NotStarted));
}

#[test]
fn an_edit_while_loading_is_not_overwritten_by_a_stale_batch() {
    let mut b = backend();
    let mut a = pending_app();
    // The worker read the database before the edit.
    let stale = batch(&a, &b);
    let stale_total = stale[0].total;
    run(&mut a, &mut b, &[Action::Enter]);
    assert!(!a.rows[0].pending, "opening an account scores it");
    assert_eq!(a.loading.as_ref().map(|l| l.done), Some(1));
    run(&mut a, &mut b, &typed("2"));
    run(&mut a, &mut b, &[Action::Enter, Action::Back]);
    let edited = a.rows[0].total;
    assert_ne!(edited, stale_total, "the edit changed the total");
    run(&mut a, &mut b, &[Action::TotalsLoaded(stale)]);
    assert_eq!(a.rows[0].total, edited, "kept the newer local result");
    assert!(
        a.loading.is_none(),
        "every row known: 1 locally, 7 from the batch"
    );
    let fresh = App::new(Lang::Zh, session(), accounts(), &b, engine::score).expect("app");
    assert_eq!(a.rows[0].total, fresh.rows[0].total);
}

#[test]
fn sorting_and_filtering_by_score_while_loading_use_what_is_known_then_update() {
    let mut b = backend();
    let mut a = pending_app();
    let mut all = batch(&a, &b);
    let rest = all.split_off(2);
    run(&mut a, &mut b, &[Action::TotalsLoaded(all)]);
    // Sort by total (the seventh column), descending.
    let sorts = vec![Action::SortNext; 7];
    run(&mut a, &mut b, &sorts);
    assert_eq!(a.list.sort, Some(Column::Total));
    assert!(a.flash.as_deref().is_some_and(|f| f.contains("计算中")));
    run(&mut a, &mut b, &[Action::SortReverse]);
    let pending: Vec<bool> = a
        .list
        .view
        .iter()
        .map(|&i| a.rows[i as usize].pending)
        .collect();
    assert_eq!(pending, [false, false, true, true, true, true, true, true]);
    run(&mut a, &mut b, &[Action::TotalsLoaded(rest)]);
    assert!(a.loading.is_none());
    let totals: Vec<f64> = a
        .list
        .view
        .iter()
        .map(|&i| {
            a.rows[i as usize]
                .total
                .map_or(f64::NEG_INFINITY, |t| t.to_f64())
        })
        .collect();
    let mut want = totals.clone();
    want.sort_by(|x, y| y.total_cmp(x));
    assert_eq!(totals, want, "re-sorted once every total is known");
    assert!(a.flash.as_deref().is_some_and(|f| f.contains("总分已算完")));
}

#[test]
fn a_status_filter_while_loading_shows_only_known_rows() {
    let mut b = backend();
    let mut a = pending_app();
    // Status is the fifth filter line; its first value is 未开始.
    let keys = [
        Action::OpenFilter,
        Action::Down,
        Action::Down,
        Action::Down,
        Action::Down,
        Action::FilterNext,
    ];
    run(&mut a, &mut b, &keys);
    assert_eq!(a.list.filters.status, Some(Status::NotStarted));
    assert!(a.list.view.is_empty(), "nothing is known yet");
    let all = batch(&a, &b);
    run(&mut a, &mut b, &[Action::TotalsLoaded(all)]);
    assert_eq!(a.list.view.len(), 5, "the five accounts without judgements");
}

#[test]
fn a_failed_computation_says_so_and_keeps_placeholders() {
    let mut b = backend();
    let mut a = pending_app();
    run(
        &mut a,
        &mut b,
        &[Action::TotalsFailed("disk I/O error".into())],
    );
    assert!(a.popup.is_some());
    let s = screen(&mut a, &mut b, 100, 14);
    assert!(
        s.contains("总分计算失败") && s.contains("disk I/O error"),
        "{s}"
    );
    assert!(a.rows.iter().all(|r| r.pending));
}

#[test]
fn the_worker_on_a_database_file_matches_scoring_up_front() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("t.db");
    let mut store = Store::create_or_open(&path).expect("store");
    let ids = store.insert_accounts(&accounts()).expect("accounts");
    let round = store
        .create_round(&NewRound {
            name: "R".into(),
            rubric_id: "t".into(),
            rubric_version: "1".into(),
            rubric_text: RUBRIC.into(),
            monitoring_date: chrono::NaiveDate::from_ymd_opt(2024, 12, 1).expect("date"),
            scope: Default::default(),
        })
        .expect("round");
    for (k, id) in ids.iter().enumerate().take(3) {
        let e = Entry {
            value: Some(k as f64 + 1.0),
            ..Entry::new("pos")
        };
        store.set_entry(round.id, *id, "张三", &e).expect("entry");
    }
    let opts = TuiOptions {
        lang: Lang::Zh,
        evaluator: Some("张三".into()),
        round: Some(round.id),
        db_label: "t.db".into(),
    };
    let (mut a, feed) = load(&store, &opts, round.id, "张三").expect("load");
    let mut feed = feed.expect("a file database computes in the background");
    let deadline = Instant::now() + Duration::from_secs(20);
    while !feed.done() && Instant::now() < deadline {
        feed.drain(&mut a, &mut store);
        std::thread::sleep(Duration::from_millis(5));
    }
    assert!(feed.done() && a.loading.is_none(), "{:?}", a.loading);
    let mut sync_session = a.session.clone();
    sync_session.db_label = "t.db".into();
    let accs = store.round_accounts(round.id).expect("accounts");
    let sync = App::new(Lang::Zh, sync_session, accs, &store, engine::score_totals).expect("app");
    let key = |r: &assay::app::Row| (r.account.id, r.scored, r.total, r.status);
    let got: Vec<_> = a.rows.iter().map(key).collect();
    let want: Vec<_> = sync.rows.iter().map(key).collect();
    assert_eq!(got, want);
    assert_eq!(
        a.rows
            .iter()
            .filter(|r| r.status != Status::NotStarted)
            .count(),
        3
    );
}

#[test]
fn first_frame_while_loading_snapshots() {
    for (lang, code) in [(Lang::Zh, "zh"), (Lang::En, "en")] {
        let mut b = backend();
        let mut a = App::pending(lang, session(), accounts(), engine::score);
        a.color = false;
        let part: Vec<Totals> = batch(&a, &b).into_iter().take(3).collect();
        run(&mut a, &mut b, &[Action::TotalsLoaded(part), Action::Down]);
        let text = screen(&mut a, &mut b, 80, 24);
        insta::assert_snapshot!(format!("loading_{code}_80x24"), text);
    }
}
