//! The TUI's background totals read each sheet's kept figures instead of scoring its entries:
//! on the demo (vetoes, two rubrics, three evaluators), after edits that leave sheets in
//! progress or empty, the kept path gives every account the result scoring its entries gives;
//! a sheet left stale by an outside write, or a row of another engine version, makes the kept
//! path step aside (and the worker still agrees with scoring up front).

use std::collections::BTreeMap;

use assay::app::{SheetScorer, Totals};
use assay::domain::engine::{self, Status};
use assay::domain::entry::Entry;
use assay::domain::platform::{Level, Platform};
use assay::domain::rubric::Rubric;
use assay::storage::{Round, Store};

fn demo(path: &std::path::Path) -> Store {
    let mut store = Store::create_or_open(path).expect("store");
    assay::sample::load_demo(&mut store).expect("demo");
    store
}

fn kinds(store: &Store, round: i64) -> Vec<(i64, Platform, Level)> {
    (store.round_accounts(round).expect("accounts").iter())
        .map(|a| (a.id, a.platform, a.level))
        .collect()
}

/// Every account's totals from the evaluator's entries, scored.
fn scored(store: &Store, rubric: &Rubric, round: i64, who: &str) -> Vec<Totals> {
    let mut s = SheetScorer::new(rubric, engine::score_totals, kinds(store, round));
    let mut sheets: BTreeMap<i64, Vec<Entry>> = BTreeMap::new();
    store
        .try_for_each_sheet_of(round, who, &mut |a, es| {
            sheets.insert(a, es.to_vec());
            true
        })
        .expect("scan");
    for (a, es) in &sheets {
        s.sheet(*a, es);
    }
    s.finish();
    s.take()
}

/// The same from the kept figures; `None` when the kept path steps aside.
fn kept(store: &Store, rubric: &Rubric, round: i64, who: &str) -> Option<Vec<Totals>> {
    let mut s = SheetScorer::new(rubric, engine::score_totals, kinds(store, round));
    let ok = store
        .evaluator_kept(round, who, &mut |a, f| {
            s.kept(a, &f);
            true
        })
        .expect("kept");
    ok.then(|| {
        s.finish();
        s.take()
    })
}

fn rounds(store: &Store) -> Vec<(Round, Rubric)> {
    (store.rounds().expect("rounds").into_iter())
        .map(|r| {
            let rubric = assay::report::source::round_rubric(&r).expect("rubric");
            (r, rubric)
        })
        .collect()
}

fn assert_all_agree(store: &Store) -> usize {
    let mut vetoed = 0;
    for (round, rubric) in rounds(store) {
        for who in store.round_evaluators(round.id).expect("evaluators") {
            let want = scored(store, &rubric, round.id, &who);
            let got = kept(store, &rubric, round.id, &who).expect("kept rows are current");
            assert_eq!(got, want, "round {} evaluator {who}", round.name);
            vetoed += want.iter().filter(|t| t.status == Status::Vetoed).count();
        }
    }
    vetoed
}

#[test]
fn kept_figures_give_every_account_what_its_entries_give() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = demo(&dir.path().join("d.db"));
    assert!(assert_all_agree(&store) > 0, "the demo has vetoed sheets");

    // Sheets left in progress, emptied and re-scored through the store's edit paths.
    let (round, _) = rounds(&store).pop().expect("a round");
    let who = store.round_evaluators(round.id).expect("evaluators")[0].clone();
    let accounts = store.round_accounts(round.id).expect("accounts");
    for (k, a) in accounts.iter().take(6).enumerate() {
        let entries = store.entries(round.id, a.id, Some(&who)).expect("entries");
        let drop = if k % 2 == 0 { 2 } else { entries.len() };
        for e in entries.iter().take(drop) {
            store
                .clear_entry(round.id, a.id, &who, &e.entry.indicator)
                .expect("clear");
        }
    }
    let after = scored(&store, &rounds(&store).pop().unwrap().1, round.id, &who);
    assert!(
        after.iter().any(|t| t.status == Status::InProgress),
        "some sheet is now in progress"
    );
    assert!(after.iter().any(|t| t.status == Status::NotStarted));
    assert_all_agree(&store);
}

#[test]
fn a_stale_sheet_or_another_engines_row_makes_the_kept_path_step_aside() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("d.db");
    let store = demo(&path);
    let round = store.round("2024年第四季度全面检查").expect("round");
    let rubric = assay::report::source::round_rubric(&round).expect("rubric");
    drop(store);

    // An outside program changes an entry: its sheet is marked stale by the trigger and no
    // store function recomputes it.
    let conn = rusqlite::Connection::open(&path).expect("sqlite");
    let who: String = conn
        .query_row(
            "SELECT v.name FROM entries e JOIN evaluators v ON v.id = e.evaluator_id
              WHERE e.round_id = ?1 AND e.count > 0 LIMIT 1",
            [round.id],
            |r| r.get(0),
        )
        .expect("an evaluator with entries");
    let store = Store::open_read_only(&path).expect("reader");
    assert!(kept(&store, &rubric, round.id, &who).is_some());
    drop(store);
    let changed = conn
        .execute(
            "UPDATE entries SET count = count + 1
              WHERE (round_id, account_id, evaluator_id, indicator) = (
                    SELECT e.round_id, e.account_id, e.evaluator_id, e.indicator FROM entries e
                      JOIN evaluators v ON v.id = e.evaluator_id
                     WHERE e.round_id = ?1 AND v.name = ?2 AND e.count > 0 LIMIT 1)",
            rusqlite::params![round.id, who],
        )
        .expect("outside write");
    assert_eq!(changed, 1);
    drop(conn);
    let store = Store::open_read_only(&path).expect("reader");
    assert_eq!(store.stale_sheets(round.id).expect("stale"), 1);
    assert_eq!(
        kept(&store, &rubric, round.id, &who),
        None,
        "stale: steps aside"
    );
    drop(store);
    worker_agrees(&path, round.id, &who);

    let mut store = Store::create_or_open(&path).expect("store");
    store.refresh_kept(round.id).expect("refresh");
    assert_eq!(
        kept(&store, &rubric, round.id, &who),
        Some(scored(&store, &rubric, round.id, &who)),
        "recomputed: current again"
    );
    drop(store);

    let conn = rusqlite::Connection::open(&path).expect("sqlite");
    conn.execute(
        "UPDATE sheet_results SET engine = 'assay 0.0/engine-0' WHERE round_id = ?1
          AND account_id = (SELECT max(account_id) FROM sheet_results WHERE round_id = ?1)",
        [round.id],
    )
    .expect("outside write");
    drop(conn);
    let store = Store::open_read_only(&path).expect("reader");
    let others = store.round_evaluators(round.id).expect("evaluators");
    let aside: Vec<&String> = (others.iter())
        .filter(|w| kept(&store, &rubric, round.id, w).is_none())
        .collect();
    assert!(
        !aside.is_empty(),
        "a row of another engine version: steps aside"
    );
    drop(store);
    for w in aside {
        worker_agrees(&path, round.id, w);
    }
}

/// The TUI's background worker on the file gives the rows scoring up front gives.
fn worker_agrees(path: &std::path::Path, round: i64, who: &str) {
    use assay::app::App;
    use assay::i18n::Lang;
    use assay::runtime::{TuiOptions, load};
    use std::time::{Duration, Instant};
    let mut store = Store::create_or_open(path).expect("store");
    let opts = TuiOptions {
        lang: Lang::Zh,
        evaluator: Some(who.into()),
        round: Some(round),
        db_label: "d.db".into(),
    };
    let (mut a, feed) = load(&store, &opts, round, who).expect("load");
    let mut feed = feed.expect("a file database computes in the background");
    let deadline = Instant::now() + Duration::from_secs(30);
    while !feed.done() && Instant::now() < deadline {
        feed.drain(&mut a, &mut store);
        std::thread::sleep(Duration::from_millis(5));
    }
    assert!(feed.done() && a.loading.is_none(), "{:?}", a.loading);
    let accs = store.round_accounts(round).expect("accounts");
    let sync = App::new(
        Lang::Zh,
        a.session.clone(),
        accs,
        &store,
        engine::score_totals,
    )
    .expect("app");
    let key = |r: &assay::app::Row| (r.account.id, r.scored, r.applicable, r.total, r.status);
    let got: Vec<_> = a.rows.iter().map(key).collect();
    let want: Vec<_> = sync.rows.iter().map(key).collect();
    assert_eq!(got, want, "evaluator {who}");
}
