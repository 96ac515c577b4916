//! Times the TUI on a real database as `assay tui` starts it: open the store, load the round's
//! accounts, start the background totals and draw the first frame 120×40 (what the user waits
//! for); then, while totals arrive, one ↓ keypress + draw every ~20 ms (what a key costs while
//! loading) and each applied batch, and once, half-way, a first sort by total over the known
//! results; finally the time until every total is known.
//! Used by scripts/bench-scale.sh: `tui_first_frame DB ROUND EVALUATOR`. The process runs until
//! every total is in; its last line gives the first frame and the time until all totals.
//! `tui_first_frame DB ROUND EVALUATOR --first` stops after the first frame (for medians of many
//! runs and for instruction counts under `valgrind --tool=callgrind`); `--summary` then opens the
//! summary screen (every evaluator's kept results aggregated on the worker, as the runtime does,
//! then drawn) 5 times and prints the median time from the key to the drawn summary, and of the
//! key alone.

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
        let (mut open, mut keys) = (Vec::new(), Vec::new());
        for _ in 0..5 {
            let t = Instant::now();
            app.apply(Action::ShowSummary, &mut store);
            term.draw(|f| assay::ui::render(f, &app))?;
            let key = ms(t.elapsed());
            // As the runtime does: the worker aggregates, its answer is applied and drawn.
            if let Some(req) = app.summary_job.request.take() {
                let rx = assay::app::worker::spawn_summary(std::path::PathBuf::from(db), req);
                let answer = rx.recv()?;
                app.apply(answer, &mut store);
                term.draw(|f| assay::ui::render(f, &app))?;
            }
            keys.push(key);
            open.push(ms(t.elapsed()));
            // Back to the list (the same key toggles).
            app.apply(Action::ShowSummary, &mut store);
        }
        let runs = open.iter().map(|t| format!("{t:.0}")).collect::<Vec<_>>();
        println!(
            "summary: key to drawn frame median {:.0} ms (runs {} ms) for {} accounts; \
             the key itself (the worker computes the rest) median {:.2} ms",
            median(&mut open),
            runs.join(", "),
            app.rows.len(),
            median(&mut keys)
        );
        std::process::exit(0);
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
