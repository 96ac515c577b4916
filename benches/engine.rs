//! Scoring speed: one account of a 40-indicator rubric (4 categories × 10 indicators of every
//! kind, a gated bonus table and two vetoes), as a round of 100,000 accounts × 3 evaluators does.

use std::hint::black_box;

use assay::domain::engine::{score, score_totals};
use assay::domain::entry::Entry;
use assay::domain::platform::{Level, Platform};
use assay::domain::rubric::{Indicator, ItemRef, Rubric};
use criterion::{Criterion, criterion_group, criterion_main};

fn rubric() -> Rubric {
    let mut src = String::from(
        r#"Rubric(id: "bench", name: "基准", version: "1", total: 100, pass_mark: 60,
        grades: [("优秀", 90), ("良好", 80), ("合格", 60), ("不合格", 0)], categories: ["#,
    );
    for c in 0..4 {
        src += &format!(r#"Category(id: "c{c}", name: "维度{c}", weight: 25, indicators: ["#);
        for i in 0..10 {
            let common = format!(r#"id: "c{c}i{i}", name: "指标{c}-{i}""#);
            src += &match i % 4 {
                0 => format!(r#"Range({common}, max: 5, levels: [("优", 5), ("良", 4)]),"#),
                1 => format!("Deduct({common}, per: 1, cap: 4),"),
                2 => format!("Check({common}, points: 3, platforms: [App]),"),
                _ => format!("Range({common}, max: 10),"),
            };
        }
        src += "]),";
    }
    src += r#"], bonus: [Bonus(id: "b0", name: "原创", per: 1, cap: 5, gate: 80),
        Bonus(id: "b1", name: "获奖", per: 2, cap: 4)], bonus_cap: 6,
        vetoes: [Veto(id: "v0", name: "内容不更新", reasons: ["两周无更新"]),
                 Veto(id: "v1", name: "泄密", reasons: ["泄露敏感信息"])])"#;
    let opts = assay::domain::rubric::ron_options();
    match opts.from_str(&src) {
        Ok(r) => r,
        Err(e) => panic!("bench rubric: {e}"),
    }
}

/// A plausible evaluator's entries for every item, in a shuffled-looking order.
fn entries(r: &Rubric) -> Vec<Entry> {
    let mut out: Vec<Entry> = r
        .items()
        .iter()
        .enumerate()
        .map(|(n, item)| {
            let mut e = Entry::new(item.common().id.clone());
            match item {
                ItemRef::Indicator(_, Indicator::Deduct(_)) => e.count = Some((n % 3) as u32),
                ItemRef::Indicator(_, Indicator::Range(s)) => {
                    e.value = Some(s.max - (n % 2) as f64)
                }
                ItemRef::Indicator(_, Indicator::Check(_)) => e.value = Some(1.0),
                ItemRef::Bonus(_) => e.count = Some(2),
                ItemRef::Veto(_) => e.value = Some(0.0),
            }
            e
        })
        .collect();
    out.reverse();
    out
}

fn bench(c: &mut Criterion) {
    let r = rubric();
    let e = entries(&r);
    c.bench_function("score one account (40 indicators)", |b| {
        b.iter(|| {
            score(
                black_box(&r),
                Platform::WeChat,
                Level::County,
                black_box(&e),
            )
        })
    });
    c.bench_function("score_totals one account (40 indicators)", |b| {
        b.iter(|| {
            score_totals(
                black_box(&r),
                Platform::WeChat,
                Level::County,
                black_box(&e),
            )
        })
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
