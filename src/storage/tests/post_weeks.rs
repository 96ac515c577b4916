//! The per-week post aggregates kept by triggers agree with the posts themselves after the
//! import of storage's own small city (tests/city.rs), an update (a maximum lowered) and a delete.

use std::collections::BTreeMap;

use chrono::{Datelike, Duration, NaiveDate};

use crate::domain::ops::{PostFigures, PostWeek};
use crate::storage::Store;

type Agg = BTreeMap<(NaiveDate, i64), PostWeek>;

/// The aggregates computed here from every post.
fn from_posts(s: &Store) -> Agg {
    let mut out: Agg = BTreeMap::new();
    let (from, to) = (
        NaiveDate::from_ymd_opt(2000, 1, 3).unwrap(),
        NaiveDate::from_ymd_opt(2100, 1, 1).unwrap(),
    );
    s.for_each_post_between(from, to, &mut |p: PostFigures| {
        let day = p.published.date();
        let d = day.weekday().num_days_from_monday();
        let week = day - Duration::days(i64::from(d));
        let w = out.entry((week, p.account_id)).or_insert(PostWeek {
            account_id: p.account_id,
            week,
            posts: 0,
            days: 0,
            total: [0; 5],
            headline: [0; 5],
            max: [0; 5],
        });
        w.posts += 1;
        w.days |= 1 << d;
        for k in 0..5 {
            w.total[k] += p.counts[k];
            if p.headline {
                w.headline[k] += p.counts[k];
            }
            w.max[k] = w.max[k].max(p.counts[k]);
        }
    })
    .unwrap();
    out
}

/// The aggregates as stored.
fn stored(s: &Store) -> Agg {
    let weeks: Vec<String> = s
        .conn
        .prepare("SELECT DISTINCT week FROM metric_post_weeks ORDER BY week")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let mut out = Agg::new();
    for w in weeks {
        let week = NaiveDate::parse_from_str(&w, "%Y-%m-%d").unwrap();
        s.for_each_post_week(week, &mut |p| {
            out.insert((week, p.account_id), p);
        })
        .unwrap();
    }
    out
}

#[test]
fn triggers_keep_the_week_aggregates_equal_to_the_posts() {
    let mut s = Store::open_in_memory().unwrap();
    super::city::load(&mut s);
    let want = from_posts(&s);
    assert!(want.len() > 2_000, "{}", want.len());
    assert_eq!(stored(&s), want);
    // The most-read post of the city loses its reads; then another post is deleted.
    s.conn
        .execute_batch(
            "UPDATE metric_posts SET reads = 1 WHERE id = (SELECT id FROM metric_posts ORDER BY reads DESC LIMIT 1);
             DELETE FROM metric_posts WHERE id = (SELECT min(id) FROM metric_posts);",
        )
        .unwrap();
    let after = from_posts(&s);
    assert_ne!(after, want);
    assert_eq!(stored(&s), after);
}

#[test]
fn the_report_from_aggregates_equals_the_report_from_every_post() {
    use crate::domain::ops::WeekFigures;
    use crate::domain::ops::activity::ActivityRules;
    use crate::domain::ops::report::{GroupBy, OpsBuilder};
    use crate::domain::ops::week::weeks_between;
    use crate::storage::ops_scan::OpsQuery;
    use chrono::Weekday;

    let mut s = Store::open_in_memory().unwrap();
    super::city::load(&mut s);
    let round = s.round("2").unwrap();
    let accounts = s.round_accounts(round.id).unwrap();
    let formulas = crate::domain::ops::formula::shipped();
    let rules = ActivityRules::default();
    // 26 whole Monday weeks and the monitoring day (a cut-short week, read from the posts).
    let to = round.monitoring_date;
    let from = to - Duration::weeks(26);
    let q = OpsQuery {
        roster: std::sync::Arc::new(crate::domain::ops::roster::Roster::of(
            &accounts,
            GroupBy::Platform,
        )),
        formulas: &formulas,
        rules: &rules,
        from,
        to,
        first: Weekday::Mon,
        series: true,
    };
    let fast = s.ops_report(&q).unwrap();
    // The same report fed post by post.
    let mut b = OpsBuilder::new(&accounts, &formulas, GroupBy::Platform, from, to).with_series();
    for week in weeks_between(from, to, Weekday::Mon) {
        let last = week + Duration::days(6);
        let mut buf = b.week_buffer();
        s.for_each_post_between(week.max(from), last.min(to), &mut |p| {
            b.add_post(&mut buf, &p)
        })
        .unwrap();
        if last <= to {
            s.for_each_week_between(week, last, &mut |w| {
                b.add_week_row(&mut buf, &WeekFigures::from(&w))
            })
            .unwrap();
            b.close_week(week, &buf);
        }
    }
    let slow = b.finish(from, to, &rules);
    assert_eq!(
        serde_json::to_string(&fast).unwrap(),
        serde_json::to_string(&slow).unwrap()
    );
    let series = |r: &crate::domain::ops::report::OpsReport| -> Vec<Vec<[f64; 2]>> {
        r.accounts.iter().map(|a| a.series.clone()).collect()
    };
    assert_eq!(series(&fast), series(&slow));
    assert!(fast.accounts.iter().any(|a| a.flags.contains(&"zombie")));
}
