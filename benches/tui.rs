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

criterion_group!(tui, benches);
criterion_main!(tui);
