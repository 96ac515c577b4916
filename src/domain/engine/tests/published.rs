//! Veto policies, threshold sides, published precision, vetoes never N/A by hand and provisional
//! totals, on a rubric where the total is simply r + s (one category, weight 100 = max 100).

use super::{count, na, parse, val, veto};
use crate::domain::engine::{ItemState, Outcome, Status, Step, render_text, score};
use crate::domain::entry::Entry;
use crate::domain::platform::{Level, Platform};
use crate::domain::rubric::Rubric;
use crate::i18n::Lang;

const RUBRIC: &str = r#"
Rubric(
    id: "p", name: "精度", version: "1", total: 100, pass_mark: 60,
    grades: [("优秀", 90), ("良好", 80), ("合格", 60), ("不合格", 0)],
    on_veto: POLICY, SIDES
    categories: [Category(id: "c", name: "维度", weight: 100, indicators: [
        Range(id: "r", name: "甲", max: 90),
        Range(id: "s", name: "乙", max: 10),
    ])],
    bonus: [
        Bonus(id: "b1", name: "加一", per: 1, cap: 5, gate: 80),
        Bonus(id: "b2", name: "加二", per: 1, cap: 5, gate: 80),
    ],
    vetoes: [Veto(id: "v", name: "否决", reasons: ["严重问题"])],
)"#;

fn rubric(policy: &str, sides: &str) -> Rubric {
    parse(&RUBRIC.replace("POLICY", policy).replace("SIDES", sides))
}

/// A complete sheet: r + s points, `bonus` instances on b1, b2 0, the veto hit or clean.
fn sheet(r: f64, s: f64, bonus: u32, hit: bool) -> Vec<Entry> {
    vec![
        val("r", r),
        val("s", s),
        count("b1", bonus),
        count("b2", 0),
        if hit {
            veto("v", "严重问题")
        } else {
            val("v", 0.0)
        },
    ]
}

fn run(r: &Rubric, e: &[Entry]) -> Outcome {
    score(r, Platform::WeChat, Level::County, e)
}

#[test]
fn each_veto_policy_reads_as_named() {
    for (policy, low, high) in [
        ("FailKeepScore", Some(30.0), Some(88.5)),
        ("FailWithScore(59)", Some(59.0), Some(59.0)),
        ("FailCapScore(59)", Some(30.0), Some(59.0)),
        ("FailNoScore", None, None),
    ] {
        let r = rubric(policy, "");
        for (points, want) in [(30.0, low), (88.5, high)] {
            let o = run(&r, &sheet(points - 5.0, 5.0, 0, true));
            assert_eq!(o.total, want, "{policy} at {points}");
            assert_eq!(o.unrounded, points, "{policy}");
            assert!(!o.passed && o.complete, "{policy}");
            assert_eq!(
                (o.status, o.grade.as_deref()),
                (Status::Vetoed, Some("不合格"))
            );
            assert_eq!(o.total, r.on_veto.apply(points), "{policy}: one definition");
        }
    }
    // No total ranks below every total.
    let none = run(&rubric("FailNoScore", ""), &sheet(80.0, 5.0, 0, true));
    let low = run(&rubric("FailNoScore", ""), &sheet(0.0, 0.0, 0, false));
    assert!(none.rank_key() < low.rank_key());
}

#[test]
fn a_capped_veto_never_raises_the_total() {
    let r = rubric("FailCapScore(59)", "");
    let o = run(&r, &sheet(11.2, 0.0, 0, true));
    assert_eq!(o.total, Some(11.2));
    assert!(
        !o.steps
            .iter()
            .any(|s| matches!(s, Step::VetoEffect { total: Some(t), .. } if *t > 11.2))
    );
    let text = render_text(&o, &r, Lang::Zh);
    assert!(text.contains("总分最高计 59"), "{text}");
}

#[test]
fn no_score_prints_a_dash_and_null_in_json() {
    let r = rubric("FailNoScore", "");
    let o = run(&r, &sheet(70.0, 5.0, 0, true));
    let text = render_text(&o, &r, Lang::Zh);
    let line = text
        .lines()
        .find(|l| l.starts_with("总分"))
        .expect("total line");
    assert!(line.trim_end().ends_with("—（单项否决）"), "{text}");
    let json = serde_json::to_value(&o).expect("json");
    assert!(json["total"].is_null(), "{json}");
}

#[test]
fn published_precision_decides_the_verdict() {
    let r = rubric("FailKeepScore", "");
    for (points, total, passed, grade) in [
        (59.995, 60.0, true, "合格"),
        (59.996, 60.0, true, "合格"),
        (59.994, 59.99, false, "不合格"),
        (89.995, 90.0, true, "优秀"),
    ] {
        let o = run(&r, &sheet(points - 9.0, 9.0, 0, false));
        assert_eq!(o.total, Some(total), "{points}");
        assert_eq!(
            (o.passed, o.grade.as_deref()),
            (passed, Some(grade)),
            "{points}"
        );
    }
    let o = run(&r, &sheet(50.995, 9.0, 0, false));
    let text = render_text(&o, &r, Lang::Zh);
    assert!(text.contains("60（未修约 59.995）"), "{text}");
    assert!(text.contains("结论：合格（60分及以上合格）"), "{text}");
    let en = render_text(&o, &r, Lang::En);
    assert!(en.contains("60 (unrounded 59.995)"), "{en}");
}

#[test]
fn sums_carry_no_float_noise() {
    let r = rubric("FailKeepScore", "");
    let o = run(&r, &sheet(0.1, 0.2, 0, false));
    assert_eq!(o.total, Some(0.3));
    assert_eq!(o.base, 0.3);
    assert_eq!(o.unrounded, 0.3);
}

#[test]
fn the_gate_uses_the_published_base_on_the_rubric_side() {
    // 79.995 publishes as 80.00: not above 80, but at least 80.
    let above = run(&rubric("FailKeepScore", ""), &sheet(70.995, 9.0, 3, false));
    assert_eq!(
        (above.base, above.bonus, above.total),
        (80.0, 0.0, Some(80.0))
    );
    let r = rubric("FailKeepScore", "gate_side: AtLeast,");
    let at_least = run(&r, &sheet(70.995, 9.0, 3, false));
    assert_eq!((at_least.bonus, at_least.total), (3.0, Some(83.0)));
    let text = render_text(&at_least, &r, Lang::Zh);
    assert!(text.contains("基础分达到80分及以上计加分"), "{text}");
}

#[test]
fn the_gate_is_stated_once_for_several_bonus_items() {
    let r = rubric("FailKeepScore", "");
    let mut e = sheet(81.0, 9.0, 2, false);
    e[3] = count("b2", 1);
    let o = run(&r, &e);
    let gates = o
        .steps
        .iter()
        .filter(|s| matches!(s, Step::BonusGate { .. }));
    assert_eq!(gates.count(), 1);
    assert_eq!(o.bonus, 3.0);
    let text = render_text(&o, &r, Lang::Zh);
    assert_eq!(text.matches("基础分高于80分计加分").count(), 1, "{text}");
}

#[test]
fn pass_side_above_fails_the_mark_itself() {
    let r = rubric("FailKeepScore", "pass_side: Above,");
    let o = run(&r, &sheet(51.0, 9.0, 0, false));
    assert_eq!(o.total, Some(60.0));
    assert!(!o.passed);
    assert_eq!(
        (o.status, o.grade.as_deref()),
        (Status::Fail, Some("不合格"))
    );
    let text = render_text(&o, &r, Lang::Zh);
    assert!(text.contains("高于60分合格"), "{text}");
    let o = run(&r, &sheet(51.01, 9.0, 0, false));
    assert!(o.passed);
}

#[test]
fn a_stored_na_on_a_veto_leaves_it_unchecked() {
    let r = rubric("FailKeepScore", "");
    let mut e = sheet(80.0, 9.0, 0, false);
    e[4] = na("v");
    let o = run(&r, &e);
    let v = o.items.iter().find(|i| i.id == "v").expect("veto item");
    assert_eq!(v.state, ItemState::Missing);
    assert_eq!((o.scored, o.applicable, o.complete), (4, 5, false));
    assert_eq!(o.status, Status::InProgress);
}

#[test]
fn an_incomplete_sheet_is_provisional_with_no_verdict() {
    let r = rubric("FailKeepScore", "");
    let o = run(&r, &[val("r", 80.0), val("s", 9.0)]);
    assert_eq!(o.total, Some(89.0));
    assert!(!o.complete && o.provisional() && !o.passed);
    assert_eq!((o.status, o.grade.as_deref()), (Status::InProgress, None));
    let text = render_text(&o, &r, Lang::Zh);
    assert!(text.contains("暂计总分"), "{text}");
    assert!(text.contains("尚未评完，暂不下结论"), "{text}");
    assert!(!text.contains("结论：合格"), "{text}");
    let en = render_text(&o, &r, Lang::En);
    assert!(
        en.contains("Total (provisional)") && en.contains("no verdict"),
        "{en}"
    );
}

#[test]
fn the_shipped_four_dimensions_rubric_caps_a_vetoed_total() {
    let text = include_str!("../../../../rubrics/four-dimensions.ron");
    let r = crate::domain::rubric::parse(text, "four-dimensions.ron").expect("shipped rubric");
    assert_eq!(
        r.on_veto,
        crate::domain::rubric::VetoPolicy::FailCapScore(59.0)
    );
    // Every applicable item at rock bottom, the first veto hit, the others checked clean.
    let mut hit = false;
    let entries: Vec<Entry> = r
        .items()
        .iter()
        .filter(|i| crate::domain::entry::item_applies(**i, Platform::WeChat, Level::County))
        .map(|i| {
            let id = &i.common().id;
            match i {
                crate::domain::rubric::ItemRef::Indicator(_, ind) => match ind {
                    crate::domain::rubric::Indicator::Deduct(_) => count(id, 50),
                    _ => val(id, 0.0),
                },
                crate::domain::rubric::ItemRef::Bonus(_) => count(id, 0),
                crate::domain::rubric::ItemRef::Veto(v) if !hit => {
                    hit = true;
                    veto(id, &v.reasons[0])
                }
                crate::domain::rubric::ItemRef::Veto(_) => val(id, 0.0),
            }
        })
        .collect();
    let o = run(&r, &entries);
    assert!(o.complete, "{} / {}", o.scored, o.applicable);
    assert_eq!(o.status, Status::Vetoed);
    let total = o.total.expect("a capped total");
    assert!(
        total < 59.0 && total == r.publish(o.unrounded),
        "total {total}"
    );
}
