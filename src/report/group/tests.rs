//! Tests of grouping and of one group's statistics.

use super::*;
use crate::domain::platform::{Level, Platform};
use crate::domain::rubric::VetoPolicy;
use crate::report::combine::account_result;
use crate::report::combine::tests::scheme;
use crate::report::sheet::{SheetStatus, VetoReason};
use crate::report::tests::{account, f, sheet};
use std::collections::BTreeMap;

#[test]
fn units_of_one_name_in_two_counties_stay_apart() {
    let scheme = scheme(VetoPolicy::FailKeepScore);
    let mut a = account(1, "甲");
    let mut b = account(2, "乙");
    let mut c = account(3, "丙");
    (a.unit, b.unit, c.unit) = ("教育局".into(), "教育局".into(), "教育局".into());
    b.region = "浙江省/丽水市/云和县/云和镇".into();
    c.region = "浙江省/丽水市/云和县".into();
    let sheets = [
        sheet(1, "王", SheetStatus::Complete, 80.0),
        sheet(2, "王", SheetStatus::Complete, 90.0),
        sheet(3, "王", SheetStatus::Complete, 70.0),
    ];
    let rs: Vec<AccountResult> = [&a, &b, &c]
        .iter()
        .zip(&sheets)
        .map(|(a, s)| account_result(&scheme, a, &[s]))
        .collect();
    let groups = partition(&rs, &[Dim::Unit], Lang::Zh);
    let labels: Vec<(String, usize)> = groups
        .iter()
        .map(|(l, idx)| (l.join(""), idx.len()))
        .collect();
    assert_eq!(
        labels,
        vec![
            ("教育局（浙江省/丽水市/云和县）".to_string(), 2),
            ("教育局（浙江省/丽水市/莲都区）".to_string(), 1)
        ]
    );
}

#[test]
fn borrowed_region_prefixes_equal_the_joined_ones() {
    for r in [
        "浙江省/丽水市/云和县",
        "浙江省",
        "",
        "/浙江省//丽水市/",
        "a/b/",
        "a//b",
        "//",
    ] {
        for depth in [0, 1, 2, 3, 5, usize::MAX] {
            assert_eq!(
                region_prefix_cow(r, depth),
                region_prefix(r, depth),
                "{r:?} {depth}"
            );
        }
    }
}

#[test]
fn partition_equals_grouping_on_the_sort_keys() {
    let sc = scheme(VetoPolicy::FailWithScore(59.0));
    let regions = [
        "省/甲市/A县",
        "省/甲市/B县",
        "省//甲市",
        "省/乙市",
        "",
        "省/甲市",
    ];
    let rs: Vec<AccountResult> = (0..24)
        .map(|i| {
            let mut a = account(i, "");
            a.region = regions[i as usize % regions.len()].into();
            a.unit = format!("单位{}", i % 5);
            a.level = if i % 3 == 0 {
                Level::County
            } else {
                Level::City
            };
            if i % 2 == 1 {
                a.platform = Platform::Weibo;
            }
            account_result(&sc, &a, &[])
        })
        .collect();
    let dims = [
        Dim::Level,
        Dim::Region(2),
        Dim::Unit,
        Dim::Platform,
        Dim::Region(9),
    ];
    for n in 0..=dims.len() {
        let by = &dims[..n];
        // The reference: one ordered map on the owned sort keys.
        let mut m: BTreeMap<Vec<String>, (Vec<String>, Vec<usize>)> = BTreeMap::new();
        for (i, r) in rs.iter().enumerate() {
            let (sort, label): (Vec<String>, Vec<String>) =
                by.iter().map(|d| d.key(&r.account, Lang::Zh)).unzip();
            m.entry(sort)
                .or_insert_with(|| (label, Vec::new()))
                .1
                .push(i);
        }
        let want: Vec<_> = m.into_values().collect();
        assert_eq!(partition(&rs, by, Lang::Zh), want, "{by:?}");
    }
}

#[test]
fn dims_parse_with_region_depths() {
    assert_eq!(
        Dim::parse_list("level, platform,region:2").unwrap(),
        vec![Dim::Level, Dim::Platform, Dim::Region(2)]
    );
    assert_eq!(Dim::parse_list("level,colour"), Err("colour".to_string()));
    assert_eq!(Dim::parse("region:0"), None);
    assert_eq!(region_prefix("浙江省/丽水市/云和县", 2), "浙江省/丽水市");
    assert_eq!(region_prefix("浙江省", 3), "浙江省");
}

#[test]
fn group_statistics_by_hand() {
    let sc = scheme(VetoPolicy::FailWithScore(59.0));
    let mut veto = sheet(3, "甲", SheetStatus::Complete, 70.0);
    veto.vetoes = vec![VetoReason {
        id: "v".into(),
        name: "泄密".into(),
        reason: "涉密".into(),
    }];
    let mut sheets = vec![
        sheet(1, "甲", SheetStatus::Complete, 100.0),
        sheet(2, "甲", SheetStatus::Complete, 80.0),
        veto,
        sheet(4, "甲", SheetStatus::Complete, 50.0),
        sheet(5, "甲", SheetStatus::InProgress, 20.0),
    ];
    for s in &mut sheets {
        let p = s.points.to_f64();
        s.subtotals = vec![f(p * 0.6), f(p * 0.4)];
    }
    let rs: Vec<AccountResult> = (1..=6)
        .map(|id| {
            let mine: Vec<&_> = sheets.iter().filter(|s| s.account_id == id).collect();
            account_result(&sc, &account(id, "号"), &mine)
        })
        .collect();
    let g = GroupStats::of(&sc, vec![], &rs.iter().collect::<Vec<_>>(), Lang::Zh);
    assert_eq!(
        (
            g.accounts,
            g.with_result,
            g.unscored,
            g.in_progress,
            g.not_started
        ),
        (6, 4, 2, 1, 1)
    );
    assert!(!g.all_final());
    assert_eq!((g.passed, g.failed, g.vetoed, g.full_marks), (2, 2, 1, 1));
    assert_eq!(
        g.pass_rate.map(|r| r.percent().text()).as_deref(),
        Some("50.0")
    );
    // Totals 100, 80, 59 (vetoed: set after combining), 50. Mean 72.25; sorted
    // 50, 59, 80, 100: median 69.5, q1 (h = 0.75) = 50 + 0.75·9 = 56.75, q3 (h = 2.25) = 80 + 0.25·20 = 85.
    assert_eq!(g.spread.mean, f(72.25));
    assert_eq!(g.spread.median, f(69.5));
    assert_eq!(g.spread.q1, f(56.75));
    assert_eq!(g.spread.q3, f(85.0));
    assert_eq!((g.spread.min, g.spread.max), (f(50.0), f(100.0)));
    assert_eq!(g.vetoes_by_reason, vec![("泄密：涉密".to_string(), 1)]);
    assert_eq!(
        g.grades,
        vec![("优秀".into(), 1), ("合格".into(), 1), ("不合格".into(), 2)]
    );
    // Category 甲: subtotals 60, 48, 42 (the vetoed sheet's own), 30 → mean 45, share 0.75.
    assert_eq!(g.categories[0].mean, f(45.0));
    assert_eq!(
        g.categories[0].share.map(|s| s.text()).as_deref(),
        Some("0.750")
    );
}

#[test]
fn a_category_that_does_not_apply_is_left_out_of_means_and_shares() {
    // The issue: 基层 0.0% for provincial accounts. Account 1's second category does not
    // apply; account 2 scores it 30 of 40: mean 30, share 75%, never (0 + 30) / 2.
    let sc = scheme(VetoPolicy::FailKeepScore);
    let mut x = sheet(1, "甲", SheetStatus::Complete, 60.0);
    x.subtotals = vec![f(60.0), None];
    let mut y = sheet(2, "甲", SheetStatus::Complete, 90.0);
    y.subtotals = vec![f(60.0), f(30.0)];
    let rs = [
        account_result(&sc, &account(1, "省级号"), &[&x]),
        account_result(&sc, &account(2, "县级号"), &[&y]),
    ];
    let g = GroupStats::of(&sc, vec![], &rs.iter().collect::<Vec<_>>(), Lang::Zh);
    assert_eq!((g.categories[1].n, g.categories[1].mean), (1, f(30.0)));
    assert_eq!(
        g.categories[1].share.map(|s| s.percent().text()).as_deref(),
        Some("75.0")
    );
    let only = GroupStats::of(&sc, vec![], &[&rs[0]], Lang::Zh);
    assert_eq!((only.categories[1].n, only.categories[1].mean), (0, None));
}

#[test]
fn an_empty_group_has_no_statistics() {
    let sc = scheme(VetoPolicy::FailKeepScore);
    let rs = [account_result(&sc, &account(1, "空"), &[])];
    let g = GroupStats::of(
        &sc,
        vec!["x".into()],
        &rs.iter().collect::<Vec<_>>(),
        Lang::Zh,
    );
    assert_eq!(g.with_result, 0);
    assert_eq!(g.pass_rate, None);
    assert_eq!(g.spread.mean, None);
    assert_eq!(g.categories[1].share, None);
    let none = GroupStats::of(&sc, vec![], &[], Lang::Zh);
    assert_eq!(none.accounts, 0);
}

#[test]
fn partition_on_two_dimensions() {
    let sc = scheme(VetoPolicy::FailKeepScore);
    let mut a = account(1, "甲");
    a.region = "浙江省/丽水市/云和县".into();
    let mut b = account(2, "乙");
    b.region = "浙江省/丽水市/莲都区".into();
    let mut c = account(3, "丙");
    c.region = "浙江省/杭州市".into();
    let rs: Vec<AccountResult> = [a, b, c]
        .iter()
        .map(|a| account_result(&sc, a, &[]))
        .collect();
    let p = partition(&rs, &[Dim::Level, Dim::Region(2)], Lang::Zh);
    assert_eq!(p.len(), 2);
    assert_eq!(p[0].0, vec!["县级".to_string(), "浙江省/丽水市".into()]);
    assert_eq!(p[0].1, vec![0, 1]);
    assert_eq!(p[1].1, vec![2]);
}
