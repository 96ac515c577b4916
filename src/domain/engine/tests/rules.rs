//! Item rules, category scaling, bonus gates and caps, vetoes, grades and completeness, with
//! numbers computed by hand in the comments.

use super::{assert_close, count, parse, val, veto};
use crate::domain::engine::{ItemDetail, ItemState, Outcome, Status, Step, score};
use crate::domain::entry::Entry;
use crate::domain::platform::{Level, Platform};
use crate::domain::rubric::{NaPolicy, Rubric, VetoPolicy};

/// Category a: max 5 + 5 + 6 + 4 = 20, weight 40 (× 2). Category b: 30 + 10 (App only) + 20 =
/// 60 on apps, 50 elsewhere; weight 60.
pub(super) const RUBRIC: &str = r#"
Rubric(
    id: "t", name: "测试细则", version: "1", total: 100, pass_mark: 60,
    grades: [("优秀", 90), ("良好", 80), ("合格", 60), ("不合格", 0)],
    on_veto: FailKeepScore,
    categories: [
        Category(id: "a", name: "职能契合", weight: 40, indicators: [
            Range(id: "pos", name: "账号定位", max: 5, step: 0.5,
                  levels: [("优", 5), ("良", 4), ("中", 3), ("差", 1)]),
            Deduct(id: "off", name: "无关信息", per: 1, cap: 5),
            Check(id: "naming", name: "名称一致", points: 6),
            Deduct(id: "typo", name: "错别字", points: 4, per: 1, cap: 5),
        ]),
        Category(id: "b", name: "互动回应", weight: 60, indicators: [
            Range(id: "reply", name: "留言回复", max: 30),
            Check(id: "ipv6", name: "支持IPv6", points: 10, platforms: [App]),
            Deduct(id: "late", name: "超时回复", points: 20, per: 3, cap: 20),
        ]),
    ],
    bonus: [
        Bonus(id: "orig", name: "原创精品", per: 2, cap: 6, gate: 80),
        Bonus(id: "award", name: "获奖", per: 5, cap: 5),
    ],
    bonus_cap: 8,
    vetoes: [Veto(id: "stale", name: "内容不更新", reasons: ["两周无更新"])],
)"#;

pub(super) fn rubric() -> Rubric {
    parse(RUBRIC)
}

fn wechat(r: &Rubric, entries: &[Entry]) -> Outcome {
    score(r, Platform::WeChat, Level::County, entries)
}

fn item<'a>(o: &'a Outcome, id: &str) -> &'a crate::domain::engine::ItemResult {
    o.items
        .iter()
        .find(|i| i.id == id)
        .expect("item in outcome")
}

fn how<'a>(o: &'a Outcome, id: &str) -> &'a ItemDetail {
    o.steps
        .iter()
        .find_map(|s| match s {
            Step::Item { id: i, how, .. } if i == id => Some(how),
            _ => None,
        })
        .expect("item step")
}

/// Everything at maximum on WeChat (ipv6 does not apply): base 100.
pub(super) fn full_marks() -> Vec<Entry> {
    vec![
        val("pos", 5.0),
        count("off", 0),
        val("naming", 1.0),
        count("typo", 0),
        val("reply", 30.0),
        count("late", 0),
        val("stale", 0.0),
    ]
}

#[test]
fn range_takes_the_value_and_names_its_level() {
    let o = wechat(&rubric(), &[val("pos", 4.0)]);
    assert_close(item(&o, "pos").points, 4.0);
    assert!(
        matches!(how(&o, "pos"), ItemDetail::Range { level: Some(l), clamped: None, .. } if l == "良")
    );
    let o = wechat(&rubric(), &[val("pos", 4.5)]);
    assert!(matches!(
        how(&o, "pos"),
        ItemDetail::Range { level: None, .. }
    ));
}

#[test]
fn range_clamps_out_of_range_values_and_says_so() {
    let o = wechat(&rubric(), &[val("pos", 7.0), val("reply", -3.0)]);
    assert_close(item(&o, "pos").points, 5.0);
    assert_close(item(&o, "reply").points, 0.0);
    assert!(
        matches!(how(&o, "pos"), ItemDetail::Range { clamped: Some((_, m)), level: Some(_), .. } if *m == 5.0)
    );
    let detail = o.steps.iter().find_map(|s| match s {
        Step::Item { id, detail, .. } if id == "pos" => Some(detail.clone()),
        _ => None,
    });
    assert!(detail.is_some_and(|d| d.contains('7') && d.contains("[0, 5]")));
}

#[test]
fn deduction_counts_instances_caps_and_floors_at_zero() {
    // off: 3 × 1 = 3 → 5 − 3 = 2. late: 8 × 3 = 24, capped at 20 → 0.
    // typo: starts at 4, 5 × 1 = 5 ≤ cap 5 → 4 − 5 < 0 → 0 ("扣完为止").
    let o = wechat(
        &rubric(),
        &[count("off", 3), count("late", 8), count("typo", 5)],
    );
    assert_close(item(&o, "off").points, 2.0);
    assert_close(item(&o, "late").points, 0.0);
    assert_close(item(&o, "typo").points, 0.0);
    assert!(
        matches!(how(&o, "late"), ItemDetail::Deduct { raw, deducted, .. } if *raw == 24.0 && *deducted == 20.0)
    );
    assert!(
        matches!(how(&o, "typo"), ItemDetail::Deduct { start, deducted, .. } if *start == 4.0 && *deducted == 5.0)
    );
}

#[test]
fn missing_deduction_keeps_full_points_but_is_not_scored() {
    let o = wechat(&rubric(), &[val("pos", 5.0)]);
    let off = item(&o, "off");
    assert_close(off.points, 5.0);
    assert_eq!(off.state, ItemState::Missing);
    assert_eq!(o.scored, 1);
}

#[test]
fn check_is_yes_from_one_half() {
    let o = wechat(&rubric(), &[val("naming", 0.5)]);
    assert_close(item(&o, "naming").points, 6.0);
    let o = wechat(&rubric(), &[val("naming", 0.4)]);
    assert_close(item(&o, "naming").points, 0.0);
    let o = wechat(&rubric(), &[]);
    assert_eq!(item(&o, "naming").state, ItemState::Missing);
    assert_close(item(&o, "naming").points, 0.0);
}

/// a: 4 + 3 + 6 + 3 = 16 / 20 → 32. b (WeChat): 20 + 14 = 34 / 50 → 40.8. Base 72.8.
fn mid_entries() -> Vec<Entry> {
    vec![
        val("pos", 4.0),
        count("off", 2),
        val("naming", 1.0),
        count("typo", 1),
        val("reply", 20.0),
        count("late", 2),
    ]
}

#[test]
fn categories_scale_to_their_weight() {
    let o = wechat(&rubric(), &mid_entries());
    assert_close(o.categories[0].raw, 16.0);
    assert_close(o.categories[0].raw_max, 20.0);
    assert_close(o.categories[0].subtotal, 32.0);
    assert_close(o.categories[1].raw_max, 50.0);
    assert_close(o.categories[1].subtotal, 40.8);
    assert_close(o.base, 72.8);
    // On an app ipv6 applies: b = 20 + 10 + 14 = 44 / 60 → 44; base 76.
    let mut e = mid_entries();
    e.push(val("ipv6", 1.0));
    let o = score(&rubric(), Platform::App, Level::County, &e);
    assert_close(o.base, 76.0);
}

#[test]
fn gated_bonus_is_ignored_below_the_gate() {
    // Base 72.8: orig (gate 80) gives nothing, award (no gate) gives 5 → 77.8, 合格.
    let mut e = mid_entries();
    e.extend([count("orig", 2), count("award", 1), val("stale", 0.0)]);
    let o = wechat(&rubric(), &e);
    assert_close(item(&o, "orig").points, 0.0);
    assert_close(o.bonus, 5.0);
    assert_close(o.total.unwrap(), 77.8);
    assert!(o.steps.iter().any(|s| matches!(s, Step::BonusGate {
        base, gate, open: false, rule, ..
    } if *base == 72.8 && *gate == 80.0 && rule == "基础分高于80分计加分")));
    assert_eq!(o.grade.as_deref(), Some("合格"));
    assert!(o.passed);
}

#[test]
fn gate_needs_strictly_more_than_its_threshold() {
    // App: a 20/20 → 40; b: 20 + 0 + 20 = 40/60 → 40. Base exactly 80: the gate stays closed.
    let e = [
        val("pos", 5.0),
        count("off", 0),
        val("naming", 1.0),
        count("typo", 0),
        val("reply", 20.0),
        val("ipv6", 0.0),
        count("late", 0),
        count("orig", 3),
    ];
    let o = score(&rubric(), Platform::App, Level::County, &e);
    assert_close(o.base, 80.0);
    assert_close(o.bonus, 0.0);
}

#[test]
fn open_gate_counts_bonus_up_to_item_and_rubric_caps() {
    // Base 100: orig 5 × 2 = 10 → item cap 6; award 5; sum 11 → rubric cap 8. Total 108.
    let mut e = full_marks();
    e.extend([count("orig", 5), count("award", 1)]);
    let o = wechat(&rubric(), &e);
    assert_close(item(&o, "orig").points, 6.0);
    assert!(o.steps.contains(&Step::BonusCap {
        sum: 11.0,
        cap: 8.0
    }));
    assert_close(o.bonus, 8.0);
    assert_close(o.total.unwrap(), 108.0);
    assert_eq!(o.grade.as_deref(), Some("优秀"));
    assert_eq!(o.status, Status::Pass);
}

#[test]
fn veto_fails_and_keeps_the_score_by_default() {
    let mut e = full_marks();
    e.retain(|x| x.indicator != "stale");
    e.extend([
        veto("stale", "两周无更新"),
        count("orig", 0),
        count("award", 0),
    ]);
    let o = wechat(&rubric(), &e);
    assert_close(o.total.unwrap(), 100.0);
    assert!(!o.passed);
    assert_eq!(o.vetoes.len(), 1);
    assert_eq!(o.vetoes[0].reason, "两周无更新");
    assert_eq!(o.grade.as_deref(), Some("不合格"));
    assert_eq!(o.status, Status::Vetoed);
    assert!(!o.steps.iter().any(|s| matches!(s, Step::VetoEffect { .. })));
}

#[test]
fn veto_can_force_the_total() {
    let r = parse(&RUBRIC.replace("FailKeepScore", "FailWithScore(59)"));
    let mut e = full_marks();
    e.retain(|x| x.indicator != "stale");
    e.extend([
        veto("stale", "两周无更新"),
        count("orig", 0),
        count("award", 0),
    ]);
    let o = wechat(&r, &e);
    assert_close(o.total.unwrap(), 59.0);
    assert!(o.steps.contains(&Step::VetoEffect {
        policy: VetoPolicy::FailWithScore(59.0),
        computed: 100.0,
        total: Some(59.0),
        unscored: 0,
    }));
    assert!(!o.passed);
}

#[test]
fn a_veto_alone_settles_the_sheet() {
    // A dead account: one veto hit, nothing else scored. The sheet is complete (it may be
    // submitted), fails, and the policies that need the other items give no total.
    let alone = [veto("stale", "两周无更新")];
    for (policy, total) in [
        ("FailKeepScore", None),
        ("FailCapScore(40)", None),
        ("FailWithScore(59)", Some(59.0)),
        ("FailNoScore", None),
    ] {
        let r = parse(&RUBRIC.replace("FailKeepScore", policy));
        let o = wechat(&r, &alone);
        assert!(o.complete && !o.provisional(), "{policy}");
        assert!(o.left_by_veto(), "{policy}");
        assert!(o.scored < o.applicable, "{policy}");
        assert_eq!(o.total, total, "{policy}");
        assert!(!o.passed, "{policy}");
        assert_eq!(o.status, Status::Vetoed, "{policy}");
        assert_eq!(o.grade.as_deref(), Some("不合格"), "{policy}");
        assert!(o.item_left_by_veto("pos") && !o.item_left_by_veto("stale"));
        assert!(o.steps.iter().any(|s| matches!(s,
            Step::VetoEffect { unscored, .. } if *unscored == o.applicable - o.scored)));
    }
    // Without a hit an unscored item keeps the sheet open, as before.
    let o = wechat(&rubric(), &[val("stale", 0.0)]);
    assert!(!o.complete && !o.left_by_veto());
    // With every item scored nothing is left by the veto; the kept total stands.
    let mut e = full_marks();
    e.retain(|x| x.indicator != "stale");
    e.extend([
        veto("stale", "两周无更新"),
        count("orig", 0),
        count("award", 0),
    ]);
    let o = wechat(&rubric(), &e);
    assert!(o.complete && !o.left_by_veto());
    assert_eq!(o.total, Some(100.0));
}

#[test]
fn veto_checked_clean_or_missing_does_not_hit() {
    let o = wechat(&rubric(), &full_marks());
    assert!(o.vetoes.is_empty());
    assert_eq!(item(&o, "stale").state, ItemState::Scored);
    let mut e = full_marks();
    e.retain(|x| x.indicator != "stale");
    let o = wechat(&rubric(), &e);
    assert!(o.vetoes.is_empty());
    assert_eq!(item(&o, "stale").state, ItemState::Missing);
}

#[test]
fn grades_follow_the_bands_and_the_pass_mark() {
    // a: 5 + 5 + 6 + 4 = 20 → 40; b: reply r + 20 over 50 → (r + 20) × 6 / 5.
    for (reply, total, grade, passed) in [
        (30.0, 100.0, "优秀", true),
        (20.0, 88.0, "良好", true),
        (5.0, 70.0, "合格", true),
        (0.0, 64.0, "合格", true),
    ] {
        let mut e = full_marks();
        e[4] = val("reply", reply);
        e.extend([count("orig", 0), count("award", 0)]);
        let o = wechat(&rubric(), &e);
        assert_close(o.total.unwrap(), total);
        assert_eq!(o.grade.as_deref(), Some(grade));
        assert_eq!(o.passed, passed);
    }
    // 0 everywhere but late: 20/50 → 24, fails.
    let o = wechat(
        &rubric(),
        &[
            val("pos", 0.0),
            count("off", 5),
            val("naming", 0.0),
            count("typo", 4),
            val("reply", 0.0),
            count("late", 0),
            val("stale", 0.0),
            count("orig", 0),
            count("award", 0),
        ],
    );
    assert_close(o.total.unwrap(), 24.0);
    assert_eq!(
        (o.passed, o.status, o.grade.as_deref()),
        (false, Status::Fail, Some("不合格"))
    );
}

#[test]
fn completeness_counts_applicable_items_and_sets_the_status() {
    // WeChat: 4 + 2 indicators (ipv6 out of scope) + 2 bonus + 1 veto = 9; an app has 10.
    let o = wechat(&rubric(), &[]);
    assert_eq!(
        (o.scored, o.applicable, o.status),
        (0, 9, Status::NotStarted)
    );
    let o = score(&rubric(), Platform::App, Level::County, &[]);
    assert_eq!(o.applicable, 10);
    let o = wechat(&rubric(), &mid_entries());
    assert_eq!((o.scored, o.status), (6, Status::InProgress));
    let mut e = full_marks();
    e.extend([count("orig", 0), super::na("award")]);
    let o = wechat(&rubric(), &e);
    assert_eq!((o.scored, o.applicable, o.status), (9, 9, Status::Pass));
    assert_eq!(
        item(&o, "award").state,
        ItemState::NotApplicable(NaPolicy::Zero)
    );
}

#[test]
fn the_last_entry_for_an_indicator_wins() {
    let o = wechat(
        &rubric(),
        &[val("pos", 1.0), val("reply", 3.0), val("pos", 3.0)],
    );
    assert_close(item(&o, "pos").points, 3.0);
    assert_close(item(&o, "reply").points, 3.0);
}

#[test]
fn steps_come_in_derivation_order() {
    let mut e = full_marks();
    e.extend([count("orig", 1), veto("stale", "两周无更新")]);
    let o = wechat(&rubric(), &e);
    let pos = |f: fn(&Step) -> bool| o.steps.iter().position(f).expect("step present");
    let cat = pos(|s| matches!(s, Step::Category { .. }));
    let base = pos(|s| matches!(s, Step::Base { .. }));
    let gate = pos(|s| matches!(s, Step::BonusGate { .. }));
    let cap = pos(|s| matches!(s, Step::BonusCap { .. }));
    let hit = pos(|s| matches!(s, Step::Veto { .. }));
    let verdict = pos(|s| matches!(s, Step::Verdict { .. }));
    assert!(cat < base && base < gate && gate < cap && cap < hit && hit < verdict);
    assert_eq!(verdict, o.steps.len() - 1);
}
