//! Times the TUI on a real database as `assay tui` starts it: open the store, load the round's
//! accounts, start the background totals and draw the first frame 120×40 (what the user waits
//! for); then, while totals arrive, one ↓ keypress + draw every ~20 ms (what a key costs while
//! loading) and each applied batch, and once, half-way, a first sort by total over the known
//! results; finally the time until every total is known.
//! Used by scripts/bench-scale.sh: `tui_first_frame DB ROUND EVALUATOR`. The process runs until
//! every total is in; its last line gives the first frame and the time until all totals.
//! `tui_first_frame DB ROUND EVALUATOR --first` stops after the first frame (for medians of many
//! runs and for instruction counts under `valgrind --tool=callgrind`); `--summary` times the key
//! that opens the summary screen to its drawn frame, 5 times each way, and prints the medians:
//! - cold, nothing kept: nothing computed ahead and no top step kept in the database (a fresh
//!   app each time, the kept tops forgotten; the worker aggregates every evaluator's kept
//!   results while the user waits, as the runtime does);
//! - cold, top kept: a fresh app whose first `t` finds the top step an earlier summary kept
//!   under the same content: the frame with its figures, and the accounts' results (drill-down)
//!   arriving after;
//! - primed: a fresh app with nothing kept whose first idle moment came before `t` (the
//!   runtime's `Action::SummaryAhead` of a summary never opened: the worker keeps a top step);
//! - after a change: the same with a write between the first idle moment and the next (the
//!   calibration mark set and cleared: two counted rows, the content otherwise the same), the
//!   top step kept again at that next idle moment, then `t`;
//! - ahead: the summary opened before in the session, the runtime's idle moment came first
//!   (`Action::SummaryAhead`, its answer applied);
//! - again: the summary left and opened again, nothing written in between;
//!
//! and the key alone (what the UI thread itself spends on it).

use std::time::{Duration, Instant};

use assay::app::Action;
use assay::i18n::Lang;
use assay::runtime::{TuiOptions, load};
use assay::storage::Store;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn median(v: &mut [f64]) -> f64 {
    v.sort_by(f64::total_cmp);
    v.get(v.len() / 2).copied().unwrap_or(0.0)
}

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let (db, round, evaluator, mode) = match args.as_slice() {
        [_, db, round, evaluator] => (db, round, evaluator, ""),
        [_, db, round, evaluator, flag] if flag == "--first" || flag == "--summary" => {
            (db, round, evaluator, flag.as_str())
        }
        _ => anyhow::bail!("usage: tui_first_frame DB ROUND_ID EVALUATOR [--first | --summary]"),
    };
    let t0 = Instant::now();
    let mut store = Store::open(std::path::Path::new(db))?;
    let opts = TuiOptions {
        lang: Lang::Zh,
        evaluator: Some(evaluator.clone()),
        round: Some(round.parse()?),
        db_label: db.clone(),
    };
    let (mut app, mut feed) = load(&store, &opts, round.parse()?, evaluator)?;
    app.apply(Action::Resize(120, 40), &mut store);
    let mut term = Terminal::new(TestBackend::new(120, 40))?;
    term.draw(|f| assay::ui::render(f, &app))?;
    let first = t0.elapsed();
    if mode == "--summary" {
        return summary(&mut store, &opts, round.parse()?, evaluator, db);
    }
    if mode == "--first" {
        println!(
            "first frame: {:.3} s for {} accounts",
            first.as_secs_f64(),
            app.rows.len()
        );
        // The worker has not started (it starts at the first drain): nothing to wait for.
        std::process::exit(0);
    }
    // What the runtime does right after the first frame.
    let t = Instant::now();
    app.warm_up();
    let warm = ms(t.elapsed());
    let t = Instant::now();
    app.list.text_orders.wait();
    let sorted = ms(t.elapsed());
    let (mut keys, mut batches) = (Vec::new(), Vec::new());
    let mut sort_ms = None;
    while let Some(f) = feed.as_mut() {
        // Half-way: sort by total (the seventh column) over what is known, once.
        let half = app.loading.as_ref().is_some_and(|l| l.done * 2 >= l.total);
        if half && sort_ms.is_none() {
            for _ in 0..6 {
                app.apply(Action::SortNext, &mut store);
            }
            let t = Instant::now();
            app.apply(Action::SortNext, &mut store);
            term.draw(|f| assay::ui::render(f, &app))?;
            sort_ms = Some(ms(t.elapsed()));
        }
        let t = Instant::now();
        app.apply(Action::Down, &mut store);
        term.draw(|f| assay::ui::render(f, &app))?;
        keys.push(ms(t.elapsed()));
        let t = Instant::now();
        if f.drain(&mut app, &mut store) {
            term.draw(|f| assay::ui::render(f, &app))?;
            batches.push(ms(t.elapsed()));
        }
        if f.done() {
            feed = None;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let all = t0.elapsed();
    let known = app.rows.iter().filter(|r| !r.pending).count();
    let max = |v: &[f64]| v.iter().copied().fold(0.0, f64::max);
    println!(
        "while loading: ↓+draw median {:.2} ms, max {:.2} ms ({} keys); batch+draw median {:.2} ms, max {:.2} ms ({} batches)",
        median(&mut keys.clone()),
        max(&keys),
        keys.len(),
        median(&mut batches.clone()),
        max(&batches),
        batches.len()
    );
    if let Some(t) = sort_ms {
        println!("sort by total half-way through loading + draw: {t:.1} ms");
    }
    println!(
        "after the first frame: search buffer + sort thread started {warm:.1} ms; text sorts ready {sorted:.1} ms later"
    );
    // Last, so that scripts reading the final line get the headline figures.
    println!(
        "first frame: {:.3} s for {} accounts; all totals: {:.3} s ({known} known)",
        first.as_secs_f64(),
        app.rows.len(),
        all.as_secs_f64()
    );
    Ok(())
}

/// One `t` and what the runtime does until the summary is drawn whole: the key, a worker's
/// answer if it asked for one. Returns, in ms, the key to the first frame with figures (the
/// kept top step, or the whole summary), to the whole summary, and the key alone.
fn open_summary(
    app: &mut assay::app::App,
    store: &mut Store,
    term: &mut Terminal<TestBackend>,
    db: &str,
) -> anyhow::Result<(f64, f64, f64)> {
    let t = Instant::now();
    app.apply(Action::ShowSummary, store);
    term.draw(|f| assay::ui::render(f, app))?;
    let key = ms(t.elapsed());
    let first = app.summary.is_some().then_some(key);
    if let Some(req) = app.summary_job.request.take() {
        let rx = assay::app::worker::spawn_summary(std::path::PathBuf::from(db), req);
        app.apply(rx.recv()?, store);
        term.draw(|f| assay::ui::render(f, app))?;
    }
    anyhow::ensure!(
        app.summary.as_ref().is_some_and(|s| !s.partial),
        "no whole summary shown"
    );
    let whole = ms(t.elapsed());
    Ok((first.unwrap_or(whole), whole, key))
}

/// The runtime's idle moment (`Action::SummaryAhead`) and the worker's answer applied; its
/// time in ms.
fn idle_moment(app: &mut assay::app::App, store: &mut Store, db: &str) -> anyhow::Result<f64> {
    let t = Instant::now();
    app.apply(Action::SummaryAhead, store);
    let req = app.summary_job.request.take();
    let req = req.ok_or_else(|| anyhow::anyhow!("nothing asked of the worker when idle"))?;
    let rx = assay::app::worker::spawn_summary(std::path::PathBuf::from(db), req);
    app.apply(rx.recv()?, store);
    Ok(ms(t.elapsed()))
}

/// The `--summary` mode (see the module's text).
fn summary(
    store: &mut Store,
    opts: &TuiOptions,
    round: i64,
    evaluator: &str,
    db: &str,
) -> anyhow::Result<()> {
    let mut term = Terminal::new(TestBackend::new(120, 40))?;
    let (mut cold, mut ahead, mut again, mut keys) = (vec![], vec![], vec![], vec![]);
    let (mut making, mut level, mut kept, mut kept_whole) = (vec![], vec![], vec![], vec![]);
    let (mut primed, mut priming) = (vec![], vec![]);
    let (mut changed, mut repriming) = (vec![], vec![]);
    let mut accounts = 0;
    for _ in 0..5 {
        // A fresh session whose first `t` finds the top step the last run kept.
        let (mut app, _feed) = load(store, opts, round, evaluator)?;
        app.apply(Action::Resize(120, 40), store);
        std::thread::sleep(Duration::from_millis(1500));
        if store.summary_tops()? > 0 {
            let (t, whole, _) = open_summary(&mut app, store, &mut term, db)?;
            kept.push(t);
            kept_whole.push(whole);
        }
        drop(app);

        // Nothing kept; the session's first idle moment comes before `t`.
        store.forget_summary_tops()?;
        let (mut app, _feed) = load(store, opts, round, evaluator)?;
        app.apply(Action::Resize(120, 40), store);
        std::thread::sleep(Duration::from_millis(1500));
        priming.push(idle_moment(&mut app, store, db)?);
        anyhow::ensure!(app.summary.is_none(), "the prime holds no summary");
        primed.push(open_summary(&mut app, store, &mut term, db)?.0);
        drop(app);

        // Nothing kept, primed, then a change: the idle moment after it keeps a top again.
        store.forget_summary_tops()?;
        let (mut app, _feed) = load(store, opts, round, evaluator)?;
        app.apply(Action::Resize(120, 40), store);
        std::thread::sleep(Duration::from_millis(1500));
        idle_moment(&mut app, store, db)?;
        let before = store.data_stamp()?;
        let on = store.is_calibration(round)?;
        store.set_calibration(round, !on)?;
        store.set_calibration(round, on)?;
        anyhow::ensure!(
            store.data_stamp()? != before,
            "the change moved the generation"
        );
        repriming.push(idle_moment(&mut app, store, db)?);
        anyhow::ensure!(app.summary.is_none(), "the prime holds no summary");
        changed.push(open_summary(&mut app, store, &mut term, db)?.0);
        drop(app);

        store.forget_summary_tops()?;
        let (mut app, _feed) = load(store, opts, round, evaluator)?;
        app.apply(Action::Resize(120, 40), store);
        accounts = app.rows.len();
        // The previous run's summaries are freed on threads of their own: let them finish, as
        // a session's first `t` has nothing being freed beside it.
        std::thread::sleep(Duration::from_millis(1500));
        let (t, _, k) = open_summary(&mut app, store, &mut term, db)?;
        cold.push(t);
        keys.push(k);
        // Into the third level (县级, the largest in generated data), whose step the cold
        // summary did not make.
        let t = Instant::now();
        app.apply(Action::Down, store);
        app.apply(Action::Down, store);
        app.apply(Action::Enter, store);
        term.draw(|f| assay::ui::render(f, &app))?;
        level.push(ms(t.elapsed()));
        app.apply(Action::Back, store);
        app.apply(Action::ShowSummary, store);
        again.push(open_summary(&mut app, store, &mut term, db)?.0);
        anyhow::ensure!(
            store.summary_tops()? > 0,
            "the cold summary kept no top step"
        );

        let (mut app, _feed) = load(store, opts, round, evaluator)?;
        app.apply(Action::Resize(120, 40), store);
        // As after a first `t` in the session (only then is the summary computed ahead).
        app.summary_job.opened = true;
        making.push(idle_moment(&mut app, store, db)?);
        let (t, _, k) = open_summary(&mut app, store, &mut term, db)?;
        ahead.push(t);
        keys.push(k);
    }
    let runs = |v: &[f64]| {
        v.iter()
            .map(|t| format!("{t:.1}"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    println!(
        "summary: into the third level when cold (its step made on the key) median {:.0} ms",
        median(&mut level)
    );
    println!(
        "summary: first `t` of a session with the top step kept: its frame median {:.1} ms \
         (runs {} ms), the whole summary (drill-down) {:.0} ms",
        median(&mut kept.clone()),
        runs(&kept),
        median(&mut kept_whole)
    );
    println!(
        "summary: first `t` after the session's first idle moment, nothing kept before: its \
         frame median {:.1} ms (runs {} ms); the idle moment's worker took {:.0} ms",
        median(&mut primed.clone()),
        runs(&primed),
        median(&mut priming)
    );
    println!(
        "summary: first `t` after a change and the idle moment after it, never opened before: \
         its frame median {:.1} ms (runs {} ms); that idle moment's worker took {:.0} ms",
        median(&mut changed.clone()),
        runs(&changed),
        median(&mut repriming)
    );
    println!(
        "summary: key to drawn frame median cold with the top kept {:.1} ms, cold with nothing \
         kept {:.0} ms (runs {} ms), computed ahead {:.1} ms, opened again {:.1} ms, for {} \
         accounts; the key itself median {:.2} ms; computing it ahead (levels too) took {:.0} ms",
        median(&mut kept.clone()),
        median(&mut cold.clone()),
        runs(&cold),
        median(&mut ahead),
        median(&mut again),
        accounts,
        median(&mut keys),
        median(&mut making)
    );
    Ok(())
}
