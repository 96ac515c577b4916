//! Comparisons on hand-made rounds: changes, 新增/退出, new failures and recoveries, groups,
//! risers and fallers, and totals only across rubrics.

use super::*;
use crate::domain::rubric::VetoPolicy;
use crate::report::combine::tests::scheme;
use crate::report::compare_sides::of_report;
use crate::report::sheet::SheetStatus;
use crate::report::tests::{account, sheet};
use crate::report::{Options, build};

/// A round of accounts `(id, points)`, all in one group.
fn round(points: &[(i64, f64)]) -> Input {
    let sc = scheme(VetoPolicy::FailWithScore(59.0));
    let accounts: Vec<_> = points
        .iter()
        .map(|(i, _)| account(*i, &format!("账号{i}")))
        .collect();
    let sheets: Vec<_> = (points.iter())
        .map(|(i, p)| sheet(*i, "甲", SheetStatus::Complete, *p))
        .collect();
    let opts = Options {
        by: vec![crate::report::Dim::Level],
        ..Options::default()
    };
    of_report("轮次", &build(&sc, &accounts, &sheets, &opts))
}

fn f(x: f64) -> Option<Figure> {
    crate::report::tests::f(x)
}

#[test]
fn changes_new_and_gone_accounts_failures_and_recoveries() {
    // Before: 1 at 90, 2 at 55 (fails), 3 at 70, 4 at 80. After: 1 at 58 (fails), 2 at 75
    // (recovers), 3 at 70, 5 at 66 (new); 4 left.
    let before = round(&[(1, 90.0), (2, 55.0), (3, 70.0), (4, 80.0)]);
    let after = round(&[(1, 58.0), (2, 75.0), (3, 70.0), (5, 66.0)]);
    let c = compare(&before, &after, false, 10);
    let got: Vec<(i64, Presence, Option<Figure>)> = c
        .accounts
        .iter()
        .map(|a| (a.account_id, a.presence, a.change))
        .collect();
    assert_eq!(
        got,
        vec![
            (2, Presence::Both, f(20.0)),
            (3, Presence::Both, f(0.0)),
            (1, Presence::Both, f(-32.0)),
            (5, Presence::New, None),
            (4, Presence::Gone, None),
        ]
    );
    let one = &c.accounts[2];
    assert!(one.new_failure && !one.recovery);
    // Ranks: before 1 2 3 4 → 1, 4, 3, 2 (…55 last); after 2, 3, 5, 1: account 1 from 1 to 4.
    assert_eq!(one.moved, Some(-3));
    assert!(c.accounts[0].recovery);
    let o = &c.overall;
    assert_eq!(
        (o.new_failures, o.recoveries, o.added, o.left),
        (1, 1, 1, 1)
    );
    // Pass rate 3/4 → 3/4; mean (90 + 55 + 70 + 80) / 4 = 73.75 → (58 + 75 + 70 + 66) / 4 = 67.25.
    assert_eq!(o.pass_rate.change, Some(Figure::new(0, 3)));
    assert_eq!(
        (o.mean.before, o.mean.after, o.mean.change),
        (f(73.75), f(67.25), f(-6.5))
    );
    assert_eq!(c.groups.len(), 1);
    assert_eq!(c.groups[0].new_failures, 1);
    let risers: Vec<i64> = c.risers.iter().map(|a| a.account_id).collect();
    let fallers: Vec<i64> = c.fallers.iter().map(|a| a.account_id).collect();
    assert_eq!((risers, fallers), (vec![2], vec![1]));
}

#[test]
fn across_rubrics_only_totals_compare() {
    let before = round(&[(1, 90.0), (2, 55.0)]);
    let after = round(&[(1, 58.0), (2, 75.0)]);
    let c = compare(&before, &after, true, 10);
    assert!(c.totals_only);
    assert!(c.accounts.iter().all(|a| !a.new_failure && !a.recovery));
    assert_eq!(c.overall.pass_rate, Delta::default());
    assert_eq!(c.accounts[0].change, f(20.0));
}
