//! Criterion benches for the hot paths: rubric parsing, the engine over one account, loading
//! the sample (CSV import of accounts, scores and metrics) and synthetic generation.

use assay::domain::engine::score;
use assay::domain::rubric::parse;
use assay::r#gen::{GenOptions, generate};
use assay::sample::{RUBRICS, load_demo};
use assay::storage::Store;
use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;

fn rubric_parsing(c: &mut Criterion) {
    for (file, text) in RUBRICS {
        c.bench_function(&format!("rubric_parse/{file}"), |b| {
            b.iter(|| parse(black_box(text), file))
        });
    }
}

fn engine_one_account(c: &mut Criterion) {
    let mut store = Store::open_in_memory().expect("store");
    let info = load_demo(&mut store).expect("demo");
    let round = store.round(&info.round_id.to_string()).expect("round");
    let rubric = parse(&round.rubric_text, "round").expect("rubric");
    let account = store.round_accounts(round.id).expect("accounts").remove(0);
    let entries: Vec<_> = store
        .entries(round.id, account.id, Some(&info.evaluator))
        .expect("entries")
        .into_iter()
        .map(|e| e.entry)
        .collect();
    c.bench_function("engine/one_account_national", |b| {
        b.iter(|| {
            score(
                black_box(&rubric),
                account.platform,
                account.level,
                black_box(&entries),
            )
        })
    });
}

fn import_sample(c: &mut Criterion) {
    let mut g = c.benchmark_group("import");
    g.sample_size(10);
    g.bench_function("load_demo_in_memory", |b| {
        b.iter(|| {
            let mut store = Store::open_in_memory().expect("store");
            load_demo(&mut store).expect("demo")
        })
    });
    g.finish();
}

fn generation(c: &mut Criterion) {
    let mut g = c.benchmark_group("gen");
    g.sample_size(10);
    let opts = GenOptions {
        accounts: 1_000,
        evaluators: 3,
        weeks: 8,
        seed: 1,
        rubric: None,
    };
    g.bench_function("1000x3x8_in_memory", |b| {
        b.iter(|| {
            let mut store = Store::open_in_memory().expect("store");
            generate(&mut store, &opts, &mut |_, _, _| {}).expect("gen")
        })
    });
    g.finish();
}

criterion_group!(
    benches,
    rubric_parsing,
    engine_one_account,
    import_sample,
    generation
);
criterion_main!(benches);
