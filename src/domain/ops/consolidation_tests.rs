use super::*;
use crate::domain::platform::{Level, Platform};

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

#[test]
fn repeated_units_are_those_a_plain_map_finds_in_the_same_order() {
    use std::collections::BTreeMap;
    let r = ActivityRules::default();
    let platforms = [Platform::WeChat, Platform::Douyin, Platform::Weibo];
    let list: Vec<Account> = (0..2000u64)
        .map(|i| {
            let x = i.wrapping_mul(2654435761) % 997;
            let unit = match x % 7 {
                0 => String::new(),
                1 => format!(" 单位{} ", x % 300),
                _ => format!("单位{}", x % 300),
            };
            acc(&format!("号{i}"), &unit, platforms[(x % 3) as usize], "")
        })
        .collect();
    let refs: Vec<&Account> = list.iter().collect();
    let mut plain: BTreeMap<(String, &str), Vec<String>> = BTreeMap::new();
    for a in &list {
        let unit = a.unit.trim();
        if !unit.is_empty() {
            plain
                .entry((unit.to_string(), a.platform.code()))
                .or_default()
                .push(a.name.clone());
        }
    }
    let want: Vec<Finding> = plain
        .into_iter()
        .filter(|(_, names)| names.len() > 1)
        .map(|((unit, platform), accounts)| Finding::DuplicateUnit {
            unit,
            platform: platform.to_string(),
            accounts,
        })
        .collect();
    assert!(want.len() > 100, "{}", want.len());
    assert_eq!(consolidation(&r, &refs), want);
    // Settled first (as a roster does), the same findings.
    let mut c = Consolidation::default();
    for (i, a) in list.iter().enumerate() {
        c.add(i as u32, &a.region, &a.unit, a.platform.code());
    }
    c.settle();
    assert_eq!(c.findings(&r, |i| &list[i as usize].name), want);
}

/// A roster read in consecutive parts and joined is the roster read in one: the same names,
/// regions, groups (in first-seen order), unavailable marks and findings, for every split.
#[test]
fn a_roster_joined_from_parts_is_the_roster_built_in_one() {
    use crate::domain::ops::report::GroupBy;
    use crate::domain::ops::roster::{AccountRef, Roster, RosterBuilder};
    let r = ActivityRules {
        county_max: 3,
        ..ActivityRules::default()
    };
    let platforms = [Platform::WeChat, Platform::Douyin, Platform::Weibo];
    let regions = [
        "浙江省/丽水市/云和县",
        "浙江省/丽水市/莲都区/岩泉街道",
        "四川省/成都市/锦江区",
        "",
        "浙江省//丽水市/缙云县",
    ];
    let list: Vec<Account> = (0..300u64)
        .map(|i| {
            let x = i.wrapping_mul(2654435761) % 997;
            let unit = match x % 5 {
                0 => String::new(),
                _ => format!("单位{}", x % 40),
            };
            let mut a = acc(
                &format!("号{i}"),
                &unit,
                platforms[(x % 3) as usize],
                regions[(x % 5) as usize],
            );
            if x % 11 == 0 {
                a.status = "无法访问".into();
            }
            a
        })
        .collect();
    for by in [
        GroupBy::All,
        GroupBy::Platform,
        GroupBy::City,
        GroupBy::County,
    ] {
        let whole = Roster::of(&list, by);
        for cuts in [vec![1], vec![150], vec![7, 8, 200], vec![0, 299]] {
            let mut bounds = vec![0];
            bounds.extend(&cuts);
            bounds.push(list.len());
            let mut parts = bounds.windows(2).map(|w| {
                let mut b = RosterBuilder::new(by);
                for a in &list[w[0]..w[1]] {
                    b.push(&AccountRef::from(a));
                }
                b
            });
            let mut joined = parts.next().expect("a part");
            parts.for_each(|p| joined.append(p));
            assert_eq!(joined.len(), list.len());
            let joined = joined.finish();
            let names = |x: &Roster| {
                (0..x.len())
                    .map(|i| x.name(i).to_string())
                    .collect::<Vec<_>>()
            };
            let regions = |x: &Roster| {
                (0..x.len())
                    .map(|i| x.region(i).to_string())
                    .collect::<Vec<_>>()
            };
            assert_eq!(names(&joined), names(&whole), "{by:?} {cuts:?}");
            assert_eq!(regions(&joined), regions(&whole), "{by:?} {cuts:?}");
            assert_eq!(joined.group_names(), whole.group_names(), "{by:?} {cuts:?}");
            assert_eq!(joined.groups_of(), whole.groups_of(), "{by:?} {cuts:?}");
            assert_eq!(joined.ids, whole.ids);
            assert_eq!(joined.platforms, whole.platforms);
            assert_eq!(joined.unavailable, whole.unavailable, "{by:?} {cuts:?}");
            let findings = joined.findings(&r);
            assert_eq!(findings, whole.findings(&r), "{by:?} {cuts:?}");
            assert!(findings.len() > 10, "{findings:?}");
        }
    }
}
