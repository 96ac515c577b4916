//! TUI benchmarks at 100,000 accounts: first frame (build the app from stored entries, draw),
//! and keypress-to-frame (apply one action, draw into a TestBackend) for the common keys.

use std::hint::black_box;

use assay::app::{Action, App, MemBackend, Session};
use assay::domain::account::Account;
use assay::domain::engine;
use assay::domain::entry::Entry;
use assay::domain::platform::{Level, Platform};
use assay::i18n::Lang;
use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

const N: i64 = 100_000;
const RUBRIC: &str = include_str!("../rubrics/four-dimensions.ron");

fn accounts() -> Vec<Account> {
    let towns = [
        "云和", "丽水", "景宁", "龙泉", "松阳", "遂昌", "缙云", "青田",
    ];
    let units = [
        "公安局",
        "教育局",
        "卫生健康局",
        "文化和旅游局",
        "融媒体中心",
    ];
    (1..=N)
        .map(|i| {
            let p = Platform::ALL[(i % 7) as usize];
            let t = towns[(i % 8) as usize];
            let u = units[(i % 5) as usize];
            Account {
                id: i,
                platform: p,
                platform_label: p.label_zh().into(),
                name: format!("{t}{u}{i}号"),
                unit: format!("{t}县{u}"),
                level: Level::ALL[(i % 4) as usize],
                region: format!("浙江省/丽水市/{t}县"),
                domain: u.into(),
                status: "正常".into(),
                opened: None,
            }
        })
        .collect()
}

/// A backend where every tenth account has a first indicator scored.
fn backend(rubric: &assay::domain::rubric::Rubric) -> MemBackend {
    let mut b = MemBackend::default();
    let first = rubric.items()[0].common().id.clone();
    for id in (1..=N).step_by(10) {
        let mut e = Entry::new(&first);
        e.value = Some(1.0);
        b.entries
            .entry((1, id, "bench".into()))
            .or_default()
            .insert(first.clone(), e);
    }
    b
}

/// The bench session: the shipped four-dimensions rubric, parsed as a round would be.
fn session() -> Session {
    let rubric = assay::domain::rubric::parse(RUBRIC, "four-dimensions.ron").expect("rubric");
    Session {
        round_id: 1,
        round_name: "bench".into(),
        rubric,
        evaluator: "bench".into(),
        db_label: "bench".into(),
    }
}

fn build(b: &MemBackend) -> App {
    App::new(Lang::Zh, session(), accounts(), b, engine::score_totals).expect("app")
}

fn draw(term: &mut Terminal<TestBackend>, app: &App) {
    term.draw(|f| assay::ui::render(f, app)).expect("draw");
}

fn benches(c: &mut Criterion) {
    let rubric = assay::domain::rubric::parse(RUBRIC, "r").expect("rubric");
    let mut b = backend(&rubric);
    let mut term = Terminal::new(TestBackend::new(120, 40)).expect("term");
    let mut g = c.benchmark_group("tui_100k");
    g.sample_size(10);
    g.bench_function("first_frame_load_and_draw", |x| {
        x.iter(|| {
            let app = build(&b);
            draw(&mut term, &app);
            black_box(app.rows.len())
        })
    });
    g.bench_function("first_frame_pending_draw", |x| {
        x.iter(|| {
            let app = App::pending(Lang::Zh, session(), accounts(), engine::score_totals);
            draw(&mut term, &app);
            black_box(app.rows.len())
        })
    });
    let mut app = build(&b);
    app.list.text_orders.wait();
    // Likewise the progress and total orders, sorted in the background once totals are in.
    app.list.score_orders.wait();
    app.apply(Action::Resize(120, 40), &mut b);
    // Each case starts from `before` (applied outside the timing), then times one key + draw.
    let mut case = |name: &str, before: &[Action], key: Action| {
        let mut start = app.clone();
        for a in before {
            start.apply(a.clone(), &mut b);
        }
        g.bench_function(name, |x| {
            x.iter_batched(
                || start.clone(),
                |mut a| {
                    a.apply(key.clone(), &mut b);
                    draw(&mut term, &a);
                    a
                },
                BatchSize::LargeInput,
            )
        });
    };
    case("key_down_list", &[], Action::Down);
    case("key_page_down_list", &[], Action::PageDown);
    case(
        "search_first_char_over_100k",
        &[Action::StartSearch],
        Action::Type('云'),
    );
    case(
        "search_second_char",
        &[Action::StartSearch, Action::Type('云')],
        Action::Type('和'),
    );
    case(
        "sort_first_time_by_name",
        &[Action::SortNext],
        Action::SortNext,
    );
    case("open_account", &[], Action::Enter);
    case(
        "score_item_typed_value",
        &[Action::Enter, Action::Type('3')],
        Action::Enter,
    );
    case(
        "count_plus_one",
        &[Action::Enter, Action::Down],
        Action::Plus,
    );
    g.finish();
}

/// CPU time of this thread (on Unix; wall time elsewhere): unlike wall time, it does not count
/// the moments another process held the core.
#[cfg(unix)]
fn cpu_now() -> std::time::Duration {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `ts` is a valid, writable timespec; the clock id is a constant.
    unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    std::time::Duration::new(ts.tv_sec as u64, ts.tv_nsec as u32)
}

#[cfg(not(unix))]
fn cpu_now() -> std::time::Duration {
    static START: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();
    START.get_or_init(std::time::Instant::now).elapsed()
}

/// Every key case of the p99 report: (name, actions applied before, the key timed).
fn key_cases() -> Vec<(&'static str, Vec<Action>, Action)> {
    use Action::*;
    let search = |q: &str| {
        let mut v = vec![StartSearch];
        v.extend(q.chars().map(Type));
        v
    };
    let mut cases = vec![
        ("down", vec![], Down),
        ("page_down", vec![], PageDown),
        ("bottom", vec![], Bottom),
        ("search_start", vec![], StartSearch),
        ("search_char_1", search(""), Type('云')),
        ("search_char_2", search("云"), Type('和')),
        ("search_char_3_ascii", search("云和"), Type('1')),
        ("search_no_match", search("云和"), Type('x')),
        ("search_backspace", search("云和1"), Backspace),
        ("search_backspace_to_empty", search("云"), Backspace),
        ("search_escape", search("云和"), Back),
        ("sort_reverse", vec![SortNext, SortNext], SortReverse),
        ("filter_level", vec![OpenFilter], FilterNext),
        ("filter_clear", vec![OpenFilter, FilterNext], ClearFilters),
        ("summary", vec![], ShowSummary),
        ("open_account", vec![], Enter),
        ("typed_value_enter", vec![Enter, Type('3')], Enter),
        ("count_plus_one", vec![Enter, Down], Plus),
        ("next_open_account", vec![Enter], NextOpenAccount),
        ("next_account", vec![Enter], NextAccount),
    ];
    // The first sort by every column, from unsorted and from the previous column.
    let cols = assay::app::Column::ALL.len();
    let names = [
        "sort_first_platform",
        "sort_first_name",
        "sort_first_unit",
        "sort_first_level",
        "sort_first_region",
        "sort_first_progress",
        "sort_first_total",
        "sort_first_status",
        "sort_first_sheet",
    ];
    for (i, name) in names.iter().enumerate().take(cols) {
        cases.push((name, vec![SortNext; i], SortNext));
    }
    cases
}

/// Times each key case on its own (a fresh clone of the prepared app per sample, outside the
/// timing; one `apply` + one full draw inside) and prints the median and the 99th percentile.
/// Criterion reports means and medians only; the §4 target is a p99.
fn p99(_: &mut Criterion) {
    const SAMPLES: usize = 100;
    let rubric = assay::domain::rubric::parse(RUBRIC, "r").expect("rubric");
    let mut b = backend(&rubric);
    let mut term = Terminal::new(TestBackend::new(120, 40)).expect("term");
    let mut app = build(&b);
    let t = std::time::Instant::now();
    let again = assay::app::text_orders::TextOrders::start(&app.rows);
    again.wait();
    println!(
        "background sort of name, unit and region (off the key path): {:.1} ms",
        t.elapsed().as_secs_f64() * 1e3
    );
    // Keys are timed once the background sort is in, as they are a moment after the first frame.
    app.list.text_orders.wait();
    // Likewise the progress and total orders, sorted in the background once totals are in.
    app.list.score_orders.wait();
    app.apply(Action::Resize(120, 40), &mut b);
    draw(&mut term, &app);
    // With a database file the TUI aggregates the summary on its worker (`summary_job`): the
    // key only asks for it, and the answer's arrival is a frame of its own (timed below).
    let (summary, summary_top) = summary_off_the_key_path(&mut app, &mut b);
    app.summary_job.background = true;
    println!("p99 of one key + draw, {SAMPLES} samples each, 100k accounts, 120x40:");
    let mut worst = std::time::Duration::ZERO;
    let mut cases = key_cases();
    cases.push((
        "summary_arrives",
        vec![Action::ShowSummary],
        summary.clone(),
    ));
    cases.push((
        "summary_drill",
        vec![Action::ShowSummary, summary.clone()],
        Action::Enter,
    ));
    // The summary a user waited for has its top step only: a level's step is made on the key
    // that first opens it.
    cases.push((
        "summary_drill_level_unmade",
        vec![Action::ShowSummary, summary_top],
        Action::Enter,
    ));
    // Into a region, then into its first unit: each step below a level is computed on the key
    // that first opens it, over that region's or unit's own accounts (the levels' steps come
    // computed from the worker; computing every region's too made opening the summary of a
    // 100,000-account round 2.8 s instead of 1.1 s, for 66,000 unit groups nobody had asked for).
    cases.push((
        "summary_drill_region",
        vec![Action::ShowSummary, summary.clone(), Action::Enter],
        Action::Enter,
    ));
    cases.push((
        "summary_drill_unit",
        vec![
            Action::ShowSummary,
            summary.clone(),
            Action::Enter,
            Action::Enter,
        ],
        Action::Enter,
    ));
    cases.push((
        "summary_down",
        vec![Action::ShowSummary, summary],
        Action::Down,
    ));
    for (name, before, key) in cases {
        let mut start = app.clone();
        for a in &before {
            start.apply(a.clone(), &mut b);
        }
        let (mut wall, mut cpu) = (Vec::with_capacity(SAMPLES), Vec::with_capacity(SAMPLES));
        for _ in 0..SAMPLES {
            let mut a = start.clone();
            let k = fresh(&key);
            let (t, c) = (std::time::Instant::now(), cpu_now());
            a.apply(k, &mut b);
            draw(&mut term, &a);
            cpu.push(cpu_now().saturating_sub(c));
            wall.push(t.elapsed());
            black_box(&a);
        }
        wall.sort();
        cpu.sort();
        let at = |v: &[std::time::Duration], q: usize| v[(SAMPLES * q / 100).min(SAMPLES - 1)];
        worst = worst.max(at(&cpu, 99));
        let ms = |d: std::time::Duration| d.as_secs_f64() * 1e3;
        println!(
            "  {name:<26} wall median {:>7.3} p99 {:>7.3} ms | cpu median {:>7.3} p99 {:>7.3} ms",
            ms(at(&wall, 50)),
            ms(at(&wall, 99)),
            ms(at(&cpu, 50)),
            ms(at(&cpu, 99)),
        );
    }
    println!("  worst cpu p99 {:.3} ms", worst.as_secs_f64() * 1e3);
}

/// The summary as the worker computes it (the one aggregation over MemBackend's sheets), timed
/// 11 times off the key path; returns its answer as the action the worker sends.
fn summary_off_the_key_path(app: &mut App, b: &mut MemBackend) -> (Action, Action) {
    use assay::app::summary_job::{SummaryLoad, SummaryRequest, compute};
    let req = || SummaryRequest {
        round: app.session.round_id,
        rubric: app.session.rubric.clone(),
        accounts: None,
        evaluator: app.session.evaluator.clone(),
        lang: app.lang,
        ahead: true,
        cancel: Default::default(),
    };
    let mut times = Vec::new();
    let mut last = None;
    for _ in 0..11 {
        let (r, listed) = (req(), app.rows.iter().map(|r| r.account.clone()).collect());
        let t = std::time::Instant::now();
        last = Some(compute(b, r, listed).expect("summary"));
        times.push(t.elapsed().as_secs_f64() * 1e3);
    }
    times.sort_by(f64::total_cmp);
    println!(
        "summary aggregated on the worker (off the key path), median of 11: {:.1} ms",
        times[5]
    );
    // As the worker answers a user who waits: the top step only, each level made when opened.
    let listed = app.rows.iter().map(|r| r.account.clone()).collect();
    let top = SummaryRequest {
        ahead: false,
        ..req()
    };
    let top = compute(b, top, listed).expect("summary");
    let load = |s| Action::SummaryLoaded(SummaryLoad(std::sync::Arc::new(Ok(s))));
    (load(last.expect("computed")), load(top))
}

/// The key to time, owned as the runtime hands it over: a worker's answer arrives as the only
/// handle on its result (so applying it moves the result, never copies it); copied here, outside
/// the timing.
fn fresh(key: &Action) -> Action {
    use assay::app::summary_job::SummaryLoad;
    match key {
        Action::SummaryLoaded(SummaryLoad(r)) => {
            Action::SummaryLoaded(SummaryLoad(std::sync::Arc::new((**r).clone())))
        }
        other => other.clone(),
    }
}

criterion_group!(tui, benches, p99);
criterion_main!(tui);
