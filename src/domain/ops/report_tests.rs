use super::*;
use crate::domain::ops::compare::Streak;
use crate::domain::ops::formula::shipped;
use crate::domain::platform::{Level, Platform};
use chrono::Duration;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn acc(id: i64, name: &str, region: &str) -> Account {
    Account {
        id,
        platform: Platform::WeChat,
        platform_label: "微信订阅号".into(),
        name: name.into(),
        unit: name.into(),
        level: Level::County,
        region: region.into(),
        domain: String::new(),
        status: String::new(),
        opened: None,
    }
}

fn post(id: i64, day: NaiveDate, reads: u64) -> PostFigures {
    PostFigures {
        account_id: id,
        published: day.and_hms_opt(10, 0, 0).unwrap(),
        headline: true,
        counts: [reads, 0, reads / 100, 0, 0],
    }
}

#[test]
fn a_silent_account_is_below_every_week_and_comes_first() {
    let accounts = vec![
        acc(1, "甲", "浙江省/丽水市/云和县"),
        acc(2, "乙", "浙江省/丽水市/云和县"),
        acc(3, "丙", "浙江省/丽水市/云和县"),
        acc(4, "丁", "浙江省/丽水市/云和县"),
    ];
    let formulas = shipped();
    let gov: Vec<_> = formulas.into_iter().filter(|f| f.id == "gov-ops").collect();
    // Three weeks across the year end; account 3 has weekly figures but never posts: silence
    // with data. Account 4 has no figures at all: 无数据, judged by no rule.
    let first = d("2024-12-23");
    let mut b = OpsBuilder::new(&accounts, &gov, GroupBy::All, first, d("2025-01-12"));
    for w in 0..3 {
        let week = first + Duration::days(7 * w);
        let mut buf = b.week_buffer();
        for day in 0..7 {
            let at = week + Duration::days(day);
            b.add_post(&mut buf, &post(1, at, 900));
            if day % 3 == 0 {
                b.add_post(&mut buf, &post(2, at, 300));
            }
        }
        b.add_post(&mut buf, &post(99, week, 5)); // not in the report: ignored
        let row = WeekFigures {
            account_id: 3,
            followers: 500,
            messages: 0,
            replies: 0,
            reply_hours: None,
            totals: [None; 4],
        };
        b.add_week_row(&mut buf, &row);
        b.close_week(week, &buf);
    }
    let r = b.finish(first, d("2025-01-12"), &ActivityRules::default());
    assert_eq!(
        r.weeks,
        vec![d("2024-12-23"), d("2024-12-30"), d("2025-01-06")]
    );
    let silent = &r.accounts[0];
    assert_eq!(silent.id, 3);
    assert!(!silent.no_data && silent.data_weeks == 3);
    assert_eq!(
        silent.streak,
        Streak {
            current: 3,
            longest: 3
        }
    );
    assert_eq!(
        silent.flags,
        vec!["dormant", "zombie", "below_average", "under_floor"]
    );
    assert_eq!(silent.activity.last_post, None);
    let top = r.accounts.iter().find(|a| a.id == 1).unwrap();
    assert!(top.flags.is_empty(), "{:?}", top.flags);
    let st = top.standing.as_ref().unwrap();
    assert!(st.diff > 0.0 && st.percentile > 0.8);
    assert_eq!(top.group, "all");
    // No figures at all: 无数据, no flag, no index, counted apart; its empty weeks never lower
    // the group mean (the others' standing is against 甲, 乙 and 丙 only).
    let none = r.accounts.iter().find(|a| a.id == 4).unwrap();
    assert!(none.no_data && none.flags.is_empty(), "{:?}", none.flags);
    assert_eq!((none.data_weeks, none.no_data_weeks), (0, 3));
    assert!(none.index.is_nan() && none.standing.is_none());
    assert_eq!(r.no_data, 1);
    let json = serde_json::to_value(none).unwrap();
    assert!(json["index"].is_null(), "{json}");
}

#[test]
fn groups_by_region_segments() {
    let a = acc(1, "甲", "浙江省/丽水市/云和县/崇头镇");
    let key = |by: GroupBy, region: &str| {
        let mut out = String::new();
        by.write_key(a.platform, a.level, region, &mut out);
        out
    };
    assert_eq!(key(GroupBy::Province, &a.region), "浙江省");
    assert_eq!(key(GroupBy::City, &a.region), "浙江省/丽水市");
    assert_eq!(key(GroupBy::County, &a.region), "浙江省/丽水市/云和县");
    assert_eq!(key(GroupBy::County, "/浙江省//丽水市/"), "浙江省/丽水市");
    assert_eq!(key(GroupBy::Platform, ""), a.platform.code());
    assert_eq!(key(GroupBy::All, ""), "all");
    assert_eq!(GroupBy::parse("platform"), Some(GroupBy::Platform));
    assert!(unavailable("APP无法下载"));
    assert!(!unavailable("正常"));
}

#[test]
fn account_index_dense_and_sparse() {
    let dense = AccountIndex::new(&[3, 5]);
    assert!(matches!(dense, AccountIndex::Dense { .. }));
    assert_eq!(
        (
            dense.get(3),
            dense.get(5),
            dense.get(4),
            dense.get(-1),
            dense.get(i64::MAX)
        ),
        (Some(0), Some(1), None, None, None)
    );
    let sparse = AccountIndex::new(&[5, 10_000_000]);
    assert!(matches!(sparse, AccountIndex::Sparse(_)));
    assert_eq!((sparse.get(10_000_000), sparse.get(6)), (Some(1), None));
    assert_eq!(AccountIndex::new(&[]).get(1), None);
}

#[test]
fn post_days_keep_one_bit_a_day_inside_the_period_only() {
    let (from, to) = (d("2024-01-01"), d("2024-12-31"));
    let mut days = super::PostDays::new(3, from, to);
    assert_eq!(days.words, 6); // 366 days
    for s in [
        "2024-12-31",
        "2024-03-05",
        "2024-03-05",
        "2024-01-01",
        "2024-03-04",
    ] {
        days.mark(1, d(s));
    }
    days.mark(1, d("2023-12-31")); // before the period: not kept
    days.mark(1, d("2025-01-01")); // after it
    days.mark(2, d("2024-06-01"));
    let n = |s: &str| crate::domain::ops::activity::day_number(d(s));
    let want: Vec<_> = ["2024-01-01", "2024-03-04", "2024-03-05", "2024-12-31"]
        .into_iter()
        .map(n)
        .collect();
    assert_eq!(days.day_numbers(1), want);
    assert!(days.day_numbers(0).is_empty());
    assert_eq!(days.day_numbers(2), vec![n("2024-06-01")]);
    // A week's bits: Monday 2024-12-30 with posts on Monday, Tuesday (in the period) and
    // Wednesday 2025-01-01 (after it); Monday 2023-12-25's Sunday is before it.
    days.mark_week(0, d("2024-12-30"), 0b0000_0111);
    days.mark_week(0, d("2023-12-25"), 0b1000_0000 >> 1);
    assert_eq!(days.day_numbers(0), vec![n("2024-12-30"), n("2024-12-31")]);
    // A week's bits at every offset (across word boundaries, at the period's edges) mark the
    // days one at a time would.
    for base in -8..=370i64 {
        for bits in [0u8, 0b0111_1111, 0b0100_0001, 0b1000_0000, 0b0010_1010] {
            let mut fast = super::PostDays::new(2, from, to);
            fast.mark_bits(1, base, bits);
            let want: Vec<i64> = (0..8)
                .filter(|k| bits & (1 << k) != 0)
                .map(|k| base + k)
                .filter(|k| (0..366).contains(k))
                .map(|k| n("2024-01-01") + k)
                .collect();
            assert_eq!(fast.day_numbers(1), want, "base {base} bits {bits:#b}");
            assert!(fast.day_numbers(0).is_empty());
        }
    }
}

/// A report built in two parts joined at any week equals the report built in one go: streaks
/// running across the seam, weeks below, sums, post days, messages and series.
#[test]
fn parts_joined_at_any_week_equal_one_pass() {
    let accounts: Vec<Account> = (1..=6).map(|i| acc(i, &format!("号{i}"), "")).collect();
    let gov: Vec<_> = shipped()
        .into_iter()
        .filter(|f| f.id == "gov-ops")
        .collect();
    let first = d("2024-01-01");
    let weeks: Vec<NaiveDate> = (0..11).map(|w| first + Duration::days(7 * w)).collect();
    let to = weeks[10] + Duration::days(6);
    // Values in quarters (exact sums in any order); a pattern per account with runs below the
    // mean that start, stop and cross every possible seam; posts on a few days; messages.
    let value = |a: usize, w: usize| ((a * 7 + w * w * 3) % 11) as f64 * 0.25;
    let add_week = |b: &mut OpsBuilder<'_>, w: usize| {
        let mut values = Vec::new();
        b.reset_values(&mut values);
        for a in 0..accounts.len() {
            let k = KeptWeek {
                account_id: a as i64 + 1,
                week: weeks[w],
                value: value(a, w),
                days: ((a + w) % 128) as u8,
                messages: (a * w % 3) as u64,
                replies: (a % 2) as u64,
            };
            b.add_kept(&mut values, 0, &k);
        }
        b.close_values(weeks[w], &values);
    };
    let json = |r: &OpsReport| {
        let series: Vec<_> = r.accounts.iter().map(|a| a.series.clone()).collect();
        format!("{}{series:?}", serde_json::to_string(r).unwrap())
    };
    let rules = ActivityRules::default();
    let mut one = OpsBuilder::new(&accounts, &gov, GroupBy::All, first, to).with_series();
    (0..weeks.len()).for_each(|w| add_week(&mut one, w));
    let want = json(&one.finish(first, to, &rules));
    assert!(
        want.contains("below_average"),
        "the pattern has running streaks"
    );
    for seam in 0..=weeks.len() {
        let mut early = OpsBuilder::new(&accounts, &gov, GroupBy::All, first, to).with_series();
        let mut later = early.part();
        (0..seam).for_each(|w| add_week(&mut early, w));
        (seam..weeks.len()).for_each(|w| add_week(&mut later, w));
        let got = json(&early.merge(later).finish(first, to, &rules));
        assert_eq!(got, want, "joined after week {seam}");
    }
    // Three parts as well.
    let mut a = OpsBuilder::new(&accounts, &gov, GroupBy::All, first, to).with_series();
    let (mut b, mut c) = (a.part(), a.part());
    (0..3).for_each(|w| add_week(&mut a, w));
    (3..4).for_each(|w| add_week(&mut b, w));
    (4..weeks.len()).for_each(|w| add_week(&mut c, w));
    assert_eq!(json(&a.merge(b).merge(c).finish(first, to, &rules)), want);
}

/// The weekly sum is the same in one pass and split anywhere, where a plain sum is not.
#[test]
fn sums_do_not_depend_on_where_the_period_is_split() {
    use crate::domain::ops::tally::Sum;
    let xs: Vec<f64> = (0..52)
        .map(|k| 0.1 * k as f64 + 1e-3 / (k as f64 + 1.0) + if k == 7 { 1e15 } else { 0.0 })
        .collect();
    let mut one = Sum::default();
    xs.iter().for_each(|&x| one.add(x));
    let mut plain_differs = false;
    for cut in 0..=xs.len() {
        let (mut a, mut b) = (Sum::default(), Sum::default());
        xs[..cut].iter().for_each(|&x| a.add(x));
        xs[cut..].iter().for_each(|&x| b.add(x));
        a.merge(b);
        assert_eq!(a.total(), one.total(), "split at {cut}");
        let plain = xs[..cut].iter().sum::<f64>() + xs[cut..].iter().sum::<f64>();
        plain_differs |= plain != xs.iter().sum::<f64>();
    }
    assert!(
        plain_differs,
        "the values must be ones where plain summation order matters"
    );
    let mut inf = Sum::default();
    [1.0, f64::INFINITY, 2.0].iter().for_each(|&x| inf.add(x));
    assert_eq!(inf.total(), f64::INFINITY);
}

#[test]
fn days_silent_run_to_the_end_of_the_period_after_the_last_closed_week() {
    let accounts = vec![acc(1, "甲", "浙江省/丽水市/云和县")];
    let gov: Vec<_> = shipped()
        .into_iter()
        .filter(|f| f.id == "gov-ops")
        .collect();
    // Posts every day of one closed week; the period ends two days after it (no week closed
    // for those days yet): the account has been silent for two days, not zero.
    let first = d("2024-12-23");
    let mut b = OpsBuilder::new(&accounts, &gov, GroupBy::All, first, d("2024-12-31"));
    let mut buf = b.week_buffer();
    for day in 0..7 {
        b.add_post(&mut buf, &post(1, first + Duration::days(day), 900));
    }
    b.close_week(first, &buf);
    let r = b.finish(first, d("2024-12-31"), &ActivityRules::default());
    let a = &r.accounts[0];
    assert!(!a.no_data);
    assert_eq!(a.activity.silent_days, 2);
}
