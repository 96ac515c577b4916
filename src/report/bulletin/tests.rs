//! Bulletin tests on a hand-built round: every figure traced to the sheets it comes from.

use super::*;
use crate::report::sheet::{CategoryInfo, SheetStatus, VetoReason};
use crate::report::tests::{account, sheet};
use chrono::NaiveDate;

fn scheme() -> Scheme {
    Scheme {
        pass_mark: 60.0,
        full: 100.0,
        categories: vec![
            CategoryInfo {
                id: "a".into(),
                name: "信息发布".into(),
                weight: 60.0,
            },
            CategoryInfo {
                id: "b".into(),
                name: "互动回应".into(),
                weight: 40.0,
            },
        ],
        grades: vec![("合格".into(), 60.0), ("不合格".into(), 0.0)],
        on_veto: crate::domain::rubric::VetoPolicy::FailKeepScore,
        panel: crate::domain::panel::PanelPolicy::default(),
        category_methods: Vec::new(),
        pass_side: crate::domain::rubric::Side::AtLeast,
        decimals: 2,
    }
}

fn round() -> (Vec<Account>, Vec<SheetResult>) {
    let mut accounts = vec![
        account(1, "甲号"),
        account(2, "乙号"),
        account(3, "<丙号>"),
        account(4, "丁号"),
    ];
    accounts[0].unit = "甲局".into();
    accounts[1].unit = "甲局".into();
    accounts[2].unit = "乙局".into();
    accounts[3].unit = "丙局".into();
    accounts[1].level = crate::domain::platform::Level::City;
    let mut vetoed = sheet(3, "王", SheetStatus::Complete, 90.0);
    vetoed.vetoes = vec![VetoReason {
        id: "stale".into(),
        name: "内容不更新".into(),
        reason: "两周无更新".into(),
    }];
    let sheets = vec![
        sheet(1, "王", SheetStatus::Complete, 100.0),
        sheet(2, "王", SheetStatus::Complete, 50.0),
        vetoed,
        // In progress: reported apart, never in the pass rate.
        sheet(4, "王", SheetStatus::InProgress, 10.0),
    ];
    (accounts, sheets)
}

fn bulletin() -> Bulletin {
    let (accounts, sheets) = round();
    let heading = Heading {
        round: "Q4".into(),
        rubric: "测试".into(),
        monitoring_date: "2024-12-16".into(),
    };
    Bulletin::new(heading, &scheme(), &accounts, &sheets, Lang::Zh)
}

#[test]
fn figures_come_from_the_counted_sheets() {
    let b = bulletin();
    assert_eq!((b.overall.accounts, b.overall.with_result), (4, 3));
    assert_eq!(
        (b.overall.passed, b.overall.failed, b.overall.in_progress),
        (1, 2, 1)
    );
    assert_eq!(percent(b.overall.pass_rate), "33.3%");
    // Failures: 乙号 on points, <丙号> by the veto.
    let names: Vec<&str> = b.failures.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(names.len(), 2);
    assert!(names.contains(&"乙号") && names.contains(&"<丙号>"));
    assert_eq!(b.full_marks.len(), 1);
    assert_eq!(b.full_marks[0].name, "甲号");
    // Units by mean: 乙局 90 (kept score), 甲局 75, 丙局 has no result and is not ranked.
    // (Each unit carries its county: units of one name in two counties are two units.)
    let strongest: Vec<String> = b.strongest_units.iter().map(key).collect();
    let at = |u: &str| format!("{u}（浙江省/丽水市/莲都区）");
    assert_eq!(strongest, vec![at("乙局"), at("甲局")]);
    let weakest: Vec<String> = b.weakest_units.iter().map(key).collect();
    assert_eq!(weakest, vec![at("甲局"), at("乙局")]);
    assert_eq!(b.by_level.len(), 2);
    assert_eq!(b.totals.len(), 3);
}

#[test]
fn words_state_the_counts_and_the_rate() {
    let b = bulletin();
    let s = Words { lang: Lang::Zh }.overview(&b);
    assert!(
        s.contains("共4个") && s.contains("合格1个") && s.contains("不合格2个"),
        "{s}"
    );
    assert!(s.contains("33.3%（1/3）"), "{s}");
    assert!(s.contains("进行中1个"), "{s}");
}

#[test]
fn html_is_self_contained_escaped_and_charted() {
    let b = bulletin();
    let h = render_html(&b, &Issue::default(), Lang::Zh);
    assert!(h.starts_with("<!DOCTYPE html>"));
    assert_eq!(
        h.matches("<svg").count(),
        4,
        "level, platform, categories, distribution"
    );
    assert!(h.contains("&lt;丙号&gt;") && !h.contains("<丙号>"));
    assert!(
        !h.contains("<link") && !h.contains("<script") && !h.contains("src="),
        "nothing external"
    );
    assert!(h.contains("单项否决：内容不更新：两周无更新"));
    assert!(h.contains("得分低于60分"));
    assert!(h.contains("@page { size: A4 portrait"));
}

#[test]
fn markdown_follows_the_bulletin_of_seed_004_and_english_works() {
    let b = bulletin();
    let issue = Issue {
        issuer: Some("某市人民政府办公室".into()),
        to: Some("各县（市、区）人民政府".into()),
        date: NaiveDate::from_ymd_opt(2025, 1, 9),
        ..Issue::default()
    };
    let m = render_md(&b, &issue, Lang::Zh);
    let parts = [
        "# 某市人民政府办公室关于Q4检查情况的通报",
        "各县（市、区）人民政府：",
        "根据【依据文件】要求，某市人民政府办公室组织开展了Q4",
        "## 一、总体情况",
        "截至2024年12月16日",
        "总体合格率为33.3%",
        "## 二、主要做法和成效",
        "## 三、下一步工作要求",
        "于【整改期限】前",
        "附件：1. 不合格政务新媒体名单",
        "某市人民政府办公室  \n2025年1月9日",
        "**附件1**",
        "**附件2**",
    ];
    let mut at = 0;
    for p in parts {
        let i = m[at..]
            .find(p)
            .unwrap_or_else(|| panic!("{p} missing after {at}:\n{m}"));
        at += i + p.len();
    }
    assert!(m.contains("\\<丙号\\>") && !m.contains("<丙号>"), "{m}");
    // The full-mark accounts are counted in the body and listed in the annex only.
    let annex = m.find("**附件1**").unwrap();
    assert!(
        m[..annex].contains("有1个政务新媒体本次检查得分为满分（100分）"),
        "{m}"
    );
    assert!(
        !m[..annex].contains("甲号") && m[annex..].contains("甲号"),
        "{m}"
    );
    let en = render_md(&b, &Issue::default(), Lang::En);
    assert!(
        en.contains("## 1\\. Overview") && en.contains("a pass rate of 33.3%"),
        "{en}"
    );
}

#[test]
fn what_is_not_given_is_a_listed_placeholder() {
    let b = bulletin();
    let doc = document(&b, &Issue::default(), Lang::Zh);
    assert_eq!(
        doc.placeholders(),
        vec![
            "发文机关",
            "主送机关",
            "依据文件",
            "此处填写各地各部门的主要做法和成效",
            "整改期限",
            "成文日期"
        ]
    );
    let given = Issue {
        issuer: Some("办公室".into()),
        to: Some("各单位".into()),
        basis: Some("《规定》".into()),
        date: NaiveDate::from_ymd_opt(2025, 1, 9),
        deadline: NaiveDate::from_ymd_opt(2025, 2, 28),
        number: Some("某政办〔2025〕1号".into()),
    };
    let doc = document(&b, &given, Lang::Zh);
    assert_eq!(
        doc.placeholders(),
        vec!["此处填写各地各部门的主要做法和成效"]
    );
    assert!(doc.masthead.is_some());
}

#[test]
fn percent_and_number_formatting() {
    use crate::domain::figure::{Exact, Figure};
    assert_eq!(percent(Figure::rate(442, 445)), "99.3%");
    assert_eq!(percent(None), "—");
    // Published figures print every decimal they were published at, half-up.
    assert_eq!(num(Some(Figure::new(8450, 2))), "84.50");
    assert_eq!(num(Some(Exact::ratio(59985, 1000).publish(2))), "59.99");
    assert_eq!(num(Some(Exact::ratio(-1, 10000).publish(2))), "0.00");
    assert_eq!(param(100.0), "100");
}

#[test]
fn no_failure_yet_is_never_no_failure_while_an_account_is_unscored() {
    let (accounts, sheets) = round();
    // Only the passing account and the one in progress: no failure among the results so far.
    let sheets: Vec<SheetResult> = sheets
        .into_iter()
        .filter(|s| s.account_id == 1 || s.account_id == 4)
        .collect();
    let heading = Heading {
        round: "Q4".into(),
        rubric: "测试".into(),
        monitoring_date: "2024-12-16".into(),
    };
    let b = Bulletin::new(heading, &scheme(), &accounts, &sheets, Lang::Zh);
    for text in [
        render_md(&b, &Issue::default(), Lang::Zh),
        render_html(&b, &Issue::default(), Lang::Zh),
    ] {
        assert!(!text.contains("无不合格"), "{text}");
        assert!(text.contains("暂未发现不合格"), "{text}");
    }
}
