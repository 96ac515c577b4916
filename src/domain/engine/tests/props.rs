//! Property tests over generated rubrics and entries: totals stay in range, indicators stay
//! within [0, max], and N/A rescaling keeps a perfect account at the rubric total.

use proptest::prelude::*;

use super::parse;
use crate::domain::engine::{Outcome, score, score_lean, score_totals};
use crate::domain::entry::Entry;
use crate::domain::platform::{Level, Platform};
use crate::domain::rubric::{Indicator, Rubric, VetoPolicy};

#[derive(Debug, Clone)]
struct Ind {
    kind: u8,
    max: u32,
    per: u32,
    app_only: bool,
    policy: Option<u8>,
}

const POLICIES: [&str; 3] = ["Rescale", "FullMarks", "Zero"];

fn ind(policies: u8) -> impl Strategy<Value = Ind> {
    (
        0u8..3,
        1u32..40,
        1u32..8,
        any::<bool>(),
        proptest::option::of(0..policies),
    )
        .prop_map(|(kind, max, per, app_only, policy)| Ind {
            kind,
            max,
            per,
            app_only,
            policy,
        })
}

type Cat = (u32, bool, Option<u8>, Vec<Ind>);

fn cat(policies: u8) -> impl Strategy<Value = Cat> {
    (
        1u32..50,
        any::<bool>(),
        proptest::option::of(0..policies),
        prop::collection::vec(ind(policies), 1..6),
    )
}

/// A RON rubric from generated parts; max and per are in halves to exercise fractions.
fn ron(
    cats: &[Cat],
    bonus: &[(u32, u32, Option<u32>)],
    bonus_cap: Option<u32>,
    veto: &str,
) -> String {
    let total: u32 = cats.iter().map(|c| c.0).sum();
    let policy = |p: &Option<u8>| {
        p.map_or(String::new(), |p| {
            format!(", when_not_applicable: {}", POLICIES[p as usize])
        })
    };
    let mut s = format!(
        "Rubric(id: \"p\", name: \"P\", version: \"1\", total: {total}, pass_mark: {}, \
         grades: [(\"A\", {}), (\"F\", 0)], on_veto: {veto}, categories: [",
        total as f64 * 0.6,
        total as f64 * 0.9
    );
    for (ci, (weight, app_only, cp, inds)) in cats.iter().enumerate() {
        let plat = if *app_only { ", platforms: [App]" } else { "" };
        s += &format!(
            "Category(id: \"c{ci}\", name: \"C\", weight: {weight}{plat}{}, indicators: [",
            policy(cp)
        );
        for (ii, i) in inds.iter().enumerate() {
            let (max, per) = (i.max as f64 / 2.0, i.per as f64 / 2.0);
            let common = format!(
                "id: \"i{ci}_{ii}\", name: \"I\"{}{}",
                if i.app_only { ", platforms: [App]" } else { "" },
                policy(&i.policy)
            );
            s += &match i.kind {
                0 => format!("Range({common}, max: {max}),"),
                1 => format!("Deduct({common}, per: {per}, cap: {max}),"),
                _ => format!("Check({common}, points: {max}),"),
            };
        }
        s += "]),";
    }
    s += "], bonus: [";
    for (bi, (per, cap, gate)) in bonus.iter().enumerate() {
        let gate = gate.map_or(String::new(), |g| format!(", gate: {}", g % (total + 1)));
        s += &format!("Bonus(id: \"b{bi}\", name: \"B\", per: {per}, cap: {cap}{gate}),");
    }
    if let Some(c) = bonus_cap {
        s += &format!("], bonus_cap: {c}");
    } else {
        s += "]";
    }
    s + ", vetoes: [Veto(id: \"v\", name: \"V\", reasons: [\"r\"])])"
}

/// Random entries for every item id: values around the range, counts, N/A and gaps.
fn entries(r: &Rubric, seeds: &[(u8, f64, u32)]) -> Vec<Entry> {
    let mut out = Vec::new();
    for (n, item) in r.items().iter().enumerate() {
        let (mode, v, c) = seeds[n % seeds.len()];
        let mut e = Entry::new(item.common().id.clone());
        match mode % 4 {
            0 => {}
            1 => e.na = true,
            _ => {
                e.value = Some(v);
                e.count = Some(c);
            }
        }
        out.push(e);
    }
    out
}

fn platform(app: bool) -> Platform {
    if app { Platform::App } else { Platform::WeChat }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn totals_and_items_stay_in_range(
        cats in prop::collection::vec(cat(3), 1..5),
        bonus in prop::collection::vec((1u32..5, 1u32..10, proptest::option::of(0u32..200)), 0..3),
        bonus_cap in proptest::option::of(0u32..15),
        forced in proptest::option::of(0u32..100),
        seeds in prop::collection::vec((0u8..4, -10.0f64..30.0, 0u32..30), 1..12),
        hit in any::<bool>(),
        app in any::<bool>(),
        policy in 0u8..4,
    ) {
        let veto = match (forced, policy) {
            (None, 0 | 1) => "FailKeepScore".to_owned(),
            (None, _) => "FailNoScore".to_owned(),
            (Some(f), 0 | 1) => format!("FailWithScore({f})"),
            (Some(f), _) => format!("FailCapScore({f})"),
        };
        let r = parse(&ron(&cats, &bonus, bonus_cap, &veto));
        let mut e = entries(&r, &seeds);
        if hit {
            e.push(Entry { veto: Some("r".into()), ..Entry::new("v") });
        }
        let o = score(&r, platform(app), Level::County, &e);
        for c in &r.categories {
            for i in &c.indicators {
                let res = o.items.iter().find(|x| x.id == i.common().id).expect("item");
                prop_assert!(res.points >= 0.0 && res.points <= i.max_points() + 1e-9, "{res:?}");
            }
        }
        prop_assert!(o.base >= 0.0 && o.base <= r.total + 1e-9, "base {}", o.base);
        let computed = r.publish(o.unrounded);
        prop_assert!(computed >= 0.0 && computed <= r.total + r.max_bonus() + 1e-9);
        let all = o.scored == o.applicable;
        match (hit, r.on_veto) {
            (false, _) => prop_assert_eq!(o.total, Some(computed)),
            (true, VetoPolicy::FailKeepScore) if all => prop_assert_eq!(o.total, Some(computed)),
            (true, VetoPolicy::FailWithScore(x)) => prop_assert_eq!(o.total, Some(x)),
            (true, VetoPolicy::FailCapScore(x)) if all => {
                prop_assert_eq!(o.total, Some(computed.min(x)))
            }
            // A veto with items unscored: no total where the policy needs them.
            (true, VetoPolicy::FailKeepScore | VetoPolicy::FailCapScore(_)) => {
                prop_assert_eq!(o.total, None)
            }
            (true, VetoPolicy::FailNoScore) => prop_assert_eq!(o.total, None),
        }
        prop_assert_eq!(o.total, if hit { r.on_veto.settle(computed, all) } else { Some(computed) });
        prop_assert!(o.scored <= o.applicable);
        prop_assert_eq!(o.complete, all || hit);
        prop_assert_eq!(
            o.passed,
            !hit && o.complete && o.total.is_some_and(|t| t + 1e-9 >= r.pass_mark)
        );
        // The totals-only pass agrees with the explained one in everything but the steps.
        let quiet = score_totals(&r, platform(app), Level::County, &e);
        prop_assert!(quiet.steps.is_empty());
        // The sums-only pass agrees with it in everything but the item results.
        let lean = score_lean(&r, platform(app), Level::County, &e);
        prop_assert!(lean.items.is_empty());
        prop_assert_eq!(Outcome { items: Vec::new(), ..quiet.clone() }, lean);
        prop_assert_eq!(Outcome { steps: Vec::new(), ..o }, quiet);
    }

    #[test]
    fn na_rescaling_keeps_a_perfect_account_at_the_total(
        cats in prop::collection::vec(cat(2), 1..5),
        na_mask in prop::collection::vec(any::<bool>(), 1..20),
        app in any::<bool>(),
    ) {
        // Policies Rescale and FullMarks only: Zero is meant to cost points.
        let r = parse(&ron(&cats, &[], None, "FailKeepScore"));
        let mut e = Vec::new();
        for (n, c) in r.categories.iter().flat_map(|c| &c.indicators).enumerate() {
            let mut x = Entry::new(c.common().id.clone());
            match c {
                _ if na_mask[n % na_mask.len()] => x.na = true,
                Indicator::Range(s) => x.value = Some(s.max),
                Indicator::Deduct(_) => x.count = Some(0),
                Indicator::Check(_) => x.value = Some(1.0),
            }
            e.push(x);
        }
        let o = score(&r, platform(app), Level::County, &e);
        if o.categories.iter().any(|c| c.applicable) || o.categories.iter().any(|c| c.subtotal > 0.0) {
            let t = o.total.unwrap_or(f64::NAN);
            prop_assert!((t - r.total).abs() < 1e-6, "total {} of {}", t, r.total);
        } else {
            prop_assert_eq!(o.total, Some(0.0));
        }
    }
}
