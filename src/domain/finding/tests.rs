//! Findings by hand: which vetoes and deductions an account's counted sheets give, the points
//! lost combined by the category's method, and the evidence of the evaluators who recorded them.

use super::*;
use crate::domain::figure::dec;

const RUBRIC: &str = r#"
Rubric(
    id: "t", name: "测试细则", version: "1", total: 100, pass_mark: 60,
    on_veto: FailKeepScore,
    categories: [
        Category(id: "a", name: "信息发布", weight: 40, indicators: [
            Range(id: "pos", name: "账号定位", max: 5, guide: "定位清晰得5分"),
            Deduct(id: "typo", name: "错别字", points: 4, per: 1, cap: 4, guide: "每处扣1分"),
            Check(id: "naming", name: "名称一致", points: 6),
        ]),
        Category(id: "b", name: "互动回应", weight: 60, indicators: [
            Range(id: "reply", name: "留言回复", max: 30),
            Check(id: "ipv6", name: "支持IPv6", points: 10, platforms: [App]),
        ]),
    ],
    bonus: [Bonus(id: "orig", name: "原创精品", per: 2, cap: 6)],
    vetoes: [
        Veto(id: "stale", name: "内容不更新", reasons: ["两周无更新", "一月无更新"]),
        Veto(id: "leak", name: "泄密", reasons: ["泄露"]),
    ],
)"#;

fn rubric() -> Rubric {
    crate::domain::rubric::parse(RUBRIC, "t").expect("test rubric parses")
}

fn e(id: &str, value: Option<f64>, count: Option<u32>) -> Entry {
    Entry {
        value,
        count,
        ..Entry::new(id)
    }
}

/// Full marks on WeChat (ipv6 does not apply), no bonus, vetoes checked clean.
fn full() -> Vec<Entry> {
    vec![
        e("pos", Some(5.0), None),
        e("typo", None, Some(0)),
        e("naming", Some(1.0), None),
        e("reply", Some(30.0), None),
        e("orig", None, Some(0)),
        e("stale", Some(0.0), None),
        e("leak", Some(0.0), None),
    ]
}

fn set(entries: &mut [Entry], id: &str, f: impl FnOnce(&mut Entry)) {
    f(entries
        .iter_mut()
        .find(|e| e.indicator == id)
        .expect("entry"));
}

fn findings(
    method: Method,
    own: &[Option<Method>],
    vetoes: &[VetoReason],
    sheets: &[(&str, &[Entry])],
) -> Vec<Finding> {
    let account = FinalAccount {
        account_id: 7,
        platform: Platform::WeChat,
        level: Level::County,
        vetoes,
        sheets: sheets
            .iter()
            .map(|(evaluator, entries)| CountedSheet { evaluator, entries })
            .collect(),
    };
    let how = Combining {
        method,
        categories: own,
    };
    account_findings(&rubric(), how, &account).expect("combines")
}

#[test]
fn full_marks_give_no_finding_and_a_bonus_is_never_one() {
    let mut s = full();
    set(&mut s, "orig", |e| e.count = Some(2));
    assert!(findings(Method::Mean, &[], &[], &[("王敏", &s)]).is_empty());
}

#[test]
fn each_lost_point_is_a_deduction_with_its_rule_evidence_and_note() {
    // typo: 2 × 1 off 4 → 2 lost; pos 3 of 5 → 2 lost; naming "no" → 6 lost.
    let mut s = full();
    set(&mut s, "typo", |e| {
        e.count = Some(2);
        e.evidence = vec!["shot1.png".into(), "shot1.png".into()];
        e.note = "两处错别字".into();
    });
    set(&mut s, "pos", |e| e.value = Some(3.0));
    set(&mut s, "naming", |e| e.value = Some(0.0));
    let f = findings(Method::Mean, &[], &[], &[("王敏", &s)]);
    let got: Vec<(&str, Option<Figure>, &str)> = f
        .iter()
        .map(|f| (f.item.as_str(), f.lost, f.category.as_str()))
        .collect();
    assert_eq!(
        got,
        vec![
            ("pos", Some(dec(2.0).at(2)), "信息发布"),
            ("typo", Some(dec(2.0).at(2)), "信息发布"),
            ("naming", Some(dec(6.0).at(2)), "信息发布"),
        ]
    );
    let typo = &f[1];
    assert_eq!(
        (typo.name.as_str(), typo.rule.as_str()),
        ("错别字", "每处扣1分")
    );
    assert_eq!(typo.kind, Kind::Deduction);
    assert_eq!(typo.max, dec(4.0));
    assert_eq!(
        typo.evidence,
        vec!["shot1.png".to_string()],
        "distinct evidence"
    );
    assert_eq!(typo.notes, vec!["两处错别字".to_string()]);
    assert_eq!(typo.evaluators, vec!["王敏".to_string()]);
    assert_eq!(typo.key(), (7, "typo"));
    assert!(typo.is_item("错别字") && typo.is_item("typo") && !typo.is_item("错"));
}

#[test]
fn losses_combine_by_the_categorys_method_and_only_losers_give_evidence() {
    // reply: 30, 24, 21 → losses 0, 6, 9: mean 5, median 6.
    let a = full();
    let mut b = full();
    set(&mut b, "reply", |e| {
        e.value = Some(24.0);
        e.evidence = vec!["b.png".into()];
    });
    let mut c = full();
    set(&mut c, "reply", |e| {
        e.value = Some(21.0);
        e.evidence = vec!["c.png".into()];
    });
    let sheets: [(&str, &[Entry]); 3] = [("甲", &a), ("乙", &b), ("丙", &c)];
    let mean = findings(Method::Mean, &[], &[], &sheets);
    assert_eq!(mean.len(), 1);
    assert_eq!(mean[0].lost, Some(dec(5.0).at(2)));
    assert_eq!(mean[0].evaluators, vec!["乙".to_string(), "丙".to_string()]);
    assert_eq!(
        mean[0].evidence,
        vec!["b.png".to_string(), "c.png".to_string()]
    );
    // Category b on its own method (median); the round's stays the mean.
    let own = findings(Method::Mean, &[None, Some(Method::Median)], &[], &sheets);
    assert_eq!(own[0].lost, Some(dec(6.0).at(2)));
}

#[test]
fn a_loss_that_publishes_as_zero_is_no_finding() {
    // reply 29.999 on one sheet of two: mean loss 0.0005 → 0.00 at two decimals.
    let a = full();
    let mut b = full();
    set(&mut b, "reply", |e| e.value = Some(29.999));
    assert!(findings(Method::Mean, &[], &[], &[("甲", &a), ("乙", &b)]).is_empty());
    // The same loss on one sheet publishes as 0.00 too (0.001 → 0.00).
    assert!(findings(Method::Mean, &[], &[], &[("乙", &b)]).is_empty());
}

#[test]
fn an_upheld_veto_is_a_finding_first_and_an_overruled_one_is_none() {
    let mut a = full();
    set(&mut a, "stale", |e| {
        e.value = None;
        e.veto = Some("两周无更新".into());
        e.evidence = vec!["feed.png".into()];
    });
    set(&mut a, "typo", |e| e.count = Some(1));
    let mut b = full();
    set(&mut b, "stale", |e| {
        e.value = None;
        e.veto = Some("一月无更新".into());
    });
    let upheld = [
        VetoReason {
            id: "stale".into(),
            name: "内容不更新".into(),
            reason: "两周无更新".into(),
        },
        VetoReason {
            id: "stale".into(),
            name: "内容不更新".into(),
            reason: "一月无更新".into(),
        },
    ];
    let sheets: [(&str, &[Entry]); 2] = [("甲", &a), ("乙", &b)];
    let f = findings(Method::Mean, &[], &upheld, &sheets);
    assert_eq!(f[0].kind, Kind::Veto);
    assert_eq!(f[0].key(), (7, "stale"));
    assert_eq!(f[0].rule, "两周无更新；一月无更新");
    assert_eq!(f[0].lost, None);
    assert_eq!(f[0].evaluators, vec!["甲".to_string(), "乙".to_string()]);
    assert_eq!(f[0].evidence, vec!["feed.png".to_string()]);
    // typo: losses 1 and 0 → mean 0.5.
    assert_eq!(f[1].item, "typo");
    assert_eq!(f[1].lost, Some(dec(0.5).at(2)));
    // The panel did not uphold it (majority, all): the hits give no finding.
    let f = findings(Method::Mean, &[], &[], &sheets);
    assert!(f.iter().all(|f| f.kind == Kind::Deduction), "{f:?}");
}

#[test]
fn items_a_veto_left_unscored_or_not_applicable_are_no_deduction() {
    // A sheet settled by a veto with nothing else scored; ipv6 does not apply on WeChat.
    let s = vec![Entry {
        veto: Some("泄露".into()),
        ..Entry::new("leak")
    }];
    let upheld = [VetoReason {
        id: "leak".into(),
        name: "泄密".into(),
        reason: "泄露".into(),
    }];
    let f = findings(Method::Mean, &[], &upheld, &[("甲", &s)]);
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!((f[0].item.as_str(), f[0].kind), ("leak", Kind::Veto));
}
