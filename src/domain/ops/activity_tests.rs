use super::*;
use crate::domain::platform::{Level, Platform};

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

#[test]
fn silence_after_the_last_post_makes_an_account_dormant_at_the_end() {
    // 东坑发布: last post 2024-11-20, monitoring date 2024-12-16 → 26 silent days.
    let r = ActivityRules::default();
    let a = evaluate(
        &r,
        &[d("2024-11-01"), d("2024-11-20")],
        d("2024-11-01"),
        d("2024-12-16"),
        (0, 0),
        false,
    );
    assert_eq!(a.last_post, Some(d("2024-11-20")));
    assert_eq!(a.silent_days, 26);
    assert!(a.dormant_now);
    assert_eq!(a.longest_gap, 26);
    assert!(
        a.zombie && a.zombie_because == vec!["reports", "gap"],
        "{a:?}"
    );
    // 13 days of silence is not dormant; 14 is.
    let b = evaluate(
        &r,
        &[d("2024-12-03")],
        d("2024-12-01"),
        d("2024-12-16"),
        (0, 0),
        false,
    );
    assert_eq!((b.silent_days, b.dormant_now), (13, false));
    let c = evaluate(
        &r,
        &[d("2024-12-02")],
        d("2024-12-01"),
        d("2024-12-16"),
        (0, 0),
        false,
    );
    assert_eq!((c.silent_days, c.dormant_now), (14, true));
}

#[test]
fn an_account_with_no_posts_is_silent_for_the_whole_period() {
    let r = ActivityRules::default();
    let a = evaluate(&r, &[], d("2024-12-01"), d("2024-12-28"), (3, 0), false);
    assert_eq!(a.last_post, None);
    assert_eq!((a.silent_days, a.longest_gap), (28, 28));
    assert!(a.dormant_now && a.zombie && a.no_interaction);
    assert_eq!(a.under_floor, vec![d("2024-12-01"), d("2024-12-15")]);
}

#[test]
fn zombie_rules_each_trigger_alone() {
    let r = ActivityRules::default();
    let (from, to) = (d("2024-10-01"), d("2024-10-31"));
    // A 21-day gap, never dormant at two consecutive weekly checks.
    let gap = evaluate(
        &r,
        &[d("2024-10-01"), d("2024-10-23"), d("2024-10-30")],
        from,
        to,
        (0, 0),
        false,
    );
    assert_eq!(gap.longest_gap, 21);
    assert_eq!(gap.zombie_because, vec!["gap"]);
    // A 20-day gap is allowed.
    let ok = evaluate(
        &r,
        &[d("2024-10-01"), d("2024-10-22"), d("2024-10-30")],
        from,
        to,
        (0, 0),
        false,
    );
    assert!(!ok.zombie, "{ok:?}");
    let app = evaluate(
        &r,
        &[d("2024-10-01"), d("2024-10-15"), d("2024-10-29")],
        from,
        to,
        (0, 0),
        true,
    );
    assert_eq!(app.zombie_because, vec!["unavailable"]);
}

#[test]
fn update_floor_presets() {
    let posts = [d("2024-12-02"), d("2024-12-09"), d("2024-12-10")];
    let (from, to) = (d("2024-12-02"), d("2024-12-15"));
    let sichuan = ActivityRules::preset("sichuan").unwrap();
    assert!(
        evaluate(&sichuan, &posts, from, to, (0, 0), false)
            .under_floor
            .is_empty()
    );
    let shenmu = ActivityRules::preset("神木").unwrap();
    let a = evaluate(&shenmu, &posts, from, to, (0, 0), false);
    assert_eq!(a.under_floor, vec![d("2024-12-02")]);
    assert!(ActivityRules::preset("atlantis").is_none());
}

#[test]
fn answered_messages_are_interaction() {
    let r = ActivityRules::default();
    let a = evaluate(&r, &[], d("2024-12-01"), d("2024-12-07"), (5, 1), false);
    assert!(!a.no_interaction);
    let b = evaluate(&r, &[], d("2024-12-01"), d("2024-12-07"), (0, 0), false);
    assert!(!b.no_interaction, "no messages is not a failure to answer");
}

fn acc(name: &str, unit: &str, p: Platform, region: &str) -> Account {
    Account {
        id: 0,
        platform: p,
        platform_label: String::new(),
        name: name.into(),
        unit: unit.into(),
        level: Level::County,
        region: region.into(),
        domain: String::new(),
        status: String::new(),
        opened: None,
    }
}

#[test]
fn consolidation_findings() {
    let r = ActivityRules::default();
    let mut list: Vec<Account> = (0..11)
        .map(|i| {
            acc(
                &format!("a{i}"),
                &format!("u{i}"),
                Platform::Douyin,
                "浙江省/丽水市/云和县/崇头镇",
            )
        })
        .collect();
    list.push(acc("b1", "u0", Platform::WeChat, "浙江省/丽水市/莲都区"));
    list.push(acc("b2", "u1", Platform::Douyin, "浙江省/丽水市/莲都区"));
    let refs: Vec<&Account> = list.iter().collect();
    let f = consolidation(&r, &refs);
    assert_eq!(
        f,
        vec![
            Finding::CountyOverLimit {
                county: "浙江省/丽水市/云和县".into(),
                accounts: 11,
                limit: 10
            },
            Finding::DuplicateUnit {
                unit: "u1".into(),
                platform: "douyin".into(),
                accounts: vec!["a1".into(), "b2".into()]
            },
        ]
    );
}

#[test]
fn a_roster_keeps_names_regions_groups_and_the_same_findings() {
    use crate::domain::ops::report::GroupBy;
    use crate::domain::ops::roster::Roster;
    let r = ActivityRules {
        county_max: 1,
        ..ActivityRules::default()
    };
    let mut list = vec![
        acc(
            "甲",
            " 单位 ",
            Platform::WeChat,
            "浙江省/丽水市/云和县/崇头镇",
        ),
        acc("乙", "单位", Platform::WeChat, "浙江省/丽水市/云和县"),
        acc("丙", "单位", Platform::Douyin, "浙江省//丽水市/莲都区"),
        acc("丁", "", Platform::Douyin, "浙江省/丽水市/莲都区"),
        acc("戊", "单位", Platform::WeChat, ""),
    ];
    list[3].status = "APP无法下载".into();
    let roster = Roster::of(&list, GroupBy::County);
    assert_eq!(roster.len(), 5);
    let names: Vec<&str> = (0..5).map(|i| roster.name(i)).collect();
    assert_eq!(names, ["甲", "乙", "丙", "丁", "戊"]);
    assert_eq!(roster.region(2), "浙江省//丽水市/莲都区");
    assert_eq!(roster.region(4), "");
    assert_eq!(
        roster.group_names(),
        ["浙江省/丽水市/云和县", "浙江省/丽水市/莲都区", ""]
    );
    assert_eq!(roster.groups_of(), [0, 0, 1, 1, 2]);
    let refs: Vec<&Account> = list.iter().collect();
    let want = consolidation(&r, &refs);
    assert_eq!(roster.findings(&r), want);
    assert!(
        want.contains(&Finding::DuplicateUnit {
            unit: "单位".into(),
            platform: "wechat".into(),
            accounts: vec!["甲".into(), "乙".into(), "戊".into()],
        }),
        "{want:?}"
    );
}
