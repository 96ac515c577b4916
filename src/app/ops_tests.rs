use chrono::{Duration, NaiveDate};

use super::*;
use crate::domain::account::Account;
use crate::domain::ops::PostFigures;
use crate::domain::ops::activity::ActivityRules;
use crate::domain::ops::formula::shipped;
use crate::domain::ops::report::{GroupBy, OpsBuilder};
use crate::domain::platform::{Level, Platform};
use crate::i18n::Lang;

fn acc(id: i64, name: &str) -> Account {
    Account {
        id,
        platform: Platform::WeChat,
        platform_label: "微信订阅号".into(),
        name: name.into(),
        unit: name.into(),
        level: Level::County,
        region: "浙江省/丽水市/云和县".into(),
        domain: String::new(),
        status: String::new(),
        opened: None,
    }
}

/// Three accounts over four weeks: 1 posts daily, 2 every third day, 3 never (its weekly figures
/// are imported: silent with data, not 无数据).
pub(super) fn report(series: bool) -> OpsReport {
    let accounts = vec![acc(1, "甲"), acc(2, "乙"), acc(3, "丙")];
    let gov: Vec<_> = shipped()
        .into_iter()
        .filter(|f| f.id == "gov-ops")
        .collect();
    let first = NaiveDate::from_ymd_opt(2024, 12, 2).unwrap();
    let to = first + Duration::days(27);
    let mut b = OpsBuilder::new(&accounts, &gov, GroupBy::All, first, to);
    if series {
        b = b.with_series();
    }
    for w in 0..4 {
        let week = first + Duration::days(7 * w);
        let mut buf = b.week_buffer();
        for day in 0..7 {
            let at = (week + Duration::days(day)).and_hms_opt(9, 0, 0).unwrap();
            for (id, every) in [(1, 1), (2, 3)] {
                if day % every == 0 {
                    let p = PostFigures {
                        account_id: id,
                        published: at,
                        headline: true,
                        counts: [800 / every as u64, 0, 8, 0, 0],
                    };
                    b.add_post(&mut buf, &p);
                }
            }
        }
        let row = crate::domain::ops::WeekFigures {
            account_id: 3,
            followers: 100,
            messages: 0,
            replies: 0,
            reply_hours: None,
            totals: [None; 4],
        };
        b.add_week_row(&mut buf, &row);
        b.close_week(week, &buf);
    }
    b.finish(first, to, &ActivityRules::default())
}

#[test]
fn the_series_pairs_each_week_index_with_the_group_mean() {
    let r = report(true);
    let silent = r.accounts.iter().find(|a| a.id == 3).unwrap();
    assert_eq!(silent.series.len(), 4);
    for p in &silent.series {
        assert!(p[0] < p[1], "below the group mean every week: {p:?}");
    }
    let daily = r.accounts.iter().find(|a| a.id == 1).unwrap();
    let mean = r.accounts.iter().map(|a| a.series[3][0]).sum::<f64>() / 3.0;
    assert!((daily.series[3][1] - mean).abs() < 1e-9);
    assert_eq!(daily.index, daily.series[3][0]);
    assert!(report(false).accounts.iter().all(|a| a.series.is_empty()));
}

#[test]
fn flagged_accounts_are_listed_unless_the_focus_is_not_flagged() {
    let v = OpsView::new(report(true), None);
    assert!(v.flagged_only);
    let ids: Vec<i64> = v.shown.iter().map(|&i| v.report.accounts[i].id).collect();
    assert!(ids.contains(&3), "the silent account is flagged: {ids:?}");
    assert!(!ids.contains(&1), "the daily account is not: {ids:?}");
    assert_eq!(v.current().map(|r| r.id), Some(ids[0]));

    let mut v = OpsView::new(report(true), Some(1));
    assert!(!v.flagged_only, "focus on an unflagged account lists all");
    assert_eq!(v.shown.len(), 3);
    assert_eq!(v.current().map(|r| r.id), Some(1));
    v.toggle_all();
    assert!(v.flagged_only);
    assert!(v.current().is_some_and(|r| !r.flags.is_empty()));
    v.move_by(100);
    assert_eq!(v.selected, v.shown.len() - 1);
    v.move_by(-100);
    assert_eq!(v.selected, 0);
}

#[test]
fn flag_words_in_both_languages() {
    for f in [
        "dormant",
        "zombie",
        "below_average",
        "under_floor",
        "no_interaction",
    ] {
        assert_ne!(flag_word(f, Lang::Zh), flag_word(f, Lang::En), "{f}");
        assert_ne!(flag_word(f, Lang::En), "other", "{f}");
    }
}
