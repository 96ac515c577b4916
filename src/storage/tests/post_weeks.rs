//! The per-week post aggregates kept by triggers agree with the posts themselves after the
//! sample import, an update (a maximum lowered) and a delete.

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
    crate::sample::load_demo(&mut s).unwrap();
    let want = from_posts(&s);
    assert!(want.len() > 10_000, "{}", want.len());
    assert_eq!(stored(&s), want);
    // The most-read post of the sample loses its reads; then another post is deleted.
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
