//! The sensitivity view on hand-made reports: counts of changed verdicts and grades, τ-b and
//! the movers' order.

use super::*;
use crate::domain::rubric::VetoPolicy;
use crate::report::combine::tests::scheme;
use crate::report::sheet::SheetStatus;
use crate::report::tests::{account, sheet};
use crate::report::{Options, build};

fn report(points: &[f64]) -> Report {
    let sc = scheme(VetoPolicy::FailWithScore(59.0));
    let accounts: Vec<_> = (1..=points.len() as i64)
        .map(|i| account(i, &format!("账号{i}")))
        .collect();
    let sheets: Vec<_> = points
        .iter()
        .enumerate()
        .map(|(i, p)| sheet(i as i64 + 1, "甲", SheetStatus::Complete, *p))
        .collect();
    build(&sc, &accounts, &sheets, &Options::default())
}

#[test]
fn the_same_report_changes_nothing() {
    let r = report(&[95.0, 80.0, 70.0, 55.0]);
    let s = sensitivity(&r, &r, Vec::new(), 10);
    assert_eq!(s.tau, Figure::measured(1.0, TAU_DECIMALS));
    assert_eq!(
        (s.ranked, s.verdict_changed, s.grade_changed, s.rank_changed),
        (4, 0, 0, 0)
    );
    assert!(s.movers.is_empty());
}

#[test]
fn verdicts_grades_and_ranks_that_move_are_counted() {
    // Official 95 80 70 55 (ranks 1 2 3 4); what-if 85 92 50 65 (ranks 2 1 4 3).
    let before = report(&[95.0, 80.0, 70.0, 55.0]);
    let after = report(&[85.0, 92.0, 50.0, 65.0]);
    let s = sensitivity(&before, &after, Vec::new(), 3);
    // Account 3 passes → fails, account 4 fails → passes.
    assert_eq!(
        (s.verdict_changed, s.newly_failed, s.newly_passed),
        (2, 1, 1)
    );
    // Grades: 优秀→合格 (1), 合格→优秀 (2), 合格→不合格 (3), 不合格→合格 (4).
    assert_eq!(s.grade_changed, 4);
    // Two swapped pairs of six: n_c = 4, n_d = 2, τ = 2 / 6.
    assert_eq!(s.tau, Figure::measured(2.0 / 6.0, TAU_DECIMALS));
    assert_eq!(s.tau.unwrap().text(), "0.3333");
    // Every account moved one place: the three kept are the lowest ids.
    let ids: Vec<i64> = s.movers.iter().map(|m| m.account_id).collect();
    assert_eq!(ids, [1, 2, 3]);
    assert_eq!(s.movers[0].moved(), Some(-1));
    // Every account is listed in the what-if order.
    let order: Vec<i64> = s.accounts.iter().map(|m| m.account_id).collect();
    assert_eq!(order, [2, 1, 4, 3]);
}
