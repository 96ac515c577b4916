//! Panel rules against research/statistics.md §1 (Shrout & Fleiss matrix, per target).

use super::*;
use crate::domain::agreement::Matrix;

const SF: [[f64; 4]; 6] = [
    [9.0, 2.0, 5.0, 8.0],
    [6.0, 1.0, 3.0, 2.0],
    [8.0, 4.0, 6.0, 8.0],
    [7.0, 1.0, 2.0, 6.0],
    [10.0, 5.0, 6.0, 9.0],
    [6.0, 2.0, 4.0, 7.0],
];

fn sheets(row: &[f64]) -> Vec<SheetScore> {
    row.iter()
        .enumerate()
        .map(|(j, &t)| SheetScore {
            evaluator: format!("J{}", j + 1),
            total: t,
            complete: true,
            vetoed: false,
            whole: true,
        })
        .collect()
}

fn policy(method: Method) -> PanelPolicy {
    PanelPolicy {
        method,
        ..PanelPolicy::default()
    }
}

#[test]
fn mean_median_and_trimmed_mean_per_target() {
    let means = [6.0, 3.0, 6.5, 4.0, 7.5, 4.75];
    let medians = [6.5, 2.5, 7.0, 4.0, 7.5, 5.0];
    for (i, row) in SF.iter().enumerate() {
        let s = sheets(row);
        assert_eq!(
            panel_result(&policy(Method::Mean), &s).unwrap().total,
            Some(means[i])
        );
        assert_eq!(
            panel_result(&policy(Method::Median), &s).unwrap().total,
            Some(medians[i])
        );
        // with k = 4 the trimmed mean equals the median
        assert_eq!(
            panel_result(&policy(Method::Trimmed), &s).unwrap().total,
            Some(medians[i])
        );
    }
}

#[test]
fn trimmed_mean_drops_one_copy_of_tied_extremes_and_needs_three() {
    let r = panel_result(&policy(Method::Trimmed), &sheets(&[5.0, 5.0, 5.0, 9.0])).unwrap();
    assert_eq!(r.total, Some(5.0));
    assert_eq!(
        panel_result(&policy(Method::Trimmed), &sheets(&[5.0, 9.0])),
        Err(PanelError::TooFewForTrim { found: 2 })
    );
}

#[test]
fn quorum_counts_complete_sheets_only() {
    let mut s = sheets(&[8.0, 6.0, 7.0]);
    s[2].complete = false;
    let p = PanelPolicy {
        quorum: 3,
        ..PanelPolicy::default()
    };
    let r = panel_result(&p, &s).unwrap();
    assert!(r.unfinished && r.total.is_none());
    assert_eq!((r.sheets, r.complete), (3, 2));
    let p = PanelPolicy {
        quorum: 2,
        ..PanelPolicy::default()
    };
    assert_eq!(panel_result(&p, &s).unwrap().total, Some(7.0));
}

#[test]
fn veto_policies_across_the_panel_show_the_split() {
    let mut s = sheets(&[8.0, 6.0, 7.0]);
    s[0].vetoed = true;
    let with = |veto| {
        panel_result(
            &PanelPolicy {
                veto,
                ..PanelPolicy::default()
            },
            &s,
        )
        .unwrap()
    };
    assert!(with(VetoRule::Any).vetoed);
    assert!(!with(VetoRule::Majority).vetoed);
    assert_eq!(
        (
            with(VetoRule::Majority).veto_votes,
            with(VetoRule::Majority).complete
        ),
        (1, 3)
    );
    s[1].vetoed = true;
    let with = |veto| {
        panel_result(
            &PanelPolicy {
                veto,
                ..PanelPolicy::default()
            },
            &s,
        )
        .unwrap()
    };
    assert!(with(VetoRule::Majority).vetoed);
    assert!(!with(VetoRule::All).vetoed);
}

#[test]
fn z_scores_match_the_computed_values() {
    let m = Matrix::from_rows(
        SF.iter()
            .map(|r| r.iter().map(|&v| Some(v)).collect())
            .collect(),
    );
    let z = z_scores(&m);
    let want = [0.3633, -1.1535, 0.6676, -0.7541, 1.2258, -0.3490];
    for (got, want) in z.per_target.iter().zip(want) {
        assert!((got.unwrap() - want).abs() < 1e-4, "{got:?} vs {want}");
    }
    assert!(z.flat_raters.is_empty());
    let flat = Matrix::from_rows(vec![vec![Some(3.0), Some(1.0)], vec![Some(3.0), Some(2.0)]]);
    let z = z_scores(&flat);
    assert_eq!(z.flat_raters, vec!["1".to_string()]);
}

fn vote(ev: &str, points: Option<f64>, veto: Option<bool>) -> Vote {
    Vote {
        evaluator: ev.into(),
        points,
        veto,
        note: String::new(),
        evidence: vec![],
    }
}

#[test]
fn queue_takes_wide_spreads_and_split_vetoes_only() {
    let item = |ind: &str, votes| Item {
        account: "甲".into(),
        indicator: ind.into(),
        max: 10.0,
        votes,
    };
    let items = vec![
        item(
            "close",
            vec![vote("a", Some(8.0), None), vote("b", Some(6.0), None)],
        ),
        item(
            "wide",
            vec![vote("a", Some(9.0), None), vote("b", Some(5.0), None)],
        ),
        item(
            "veto",
            vec![vote("a", None, Some(true)), vote("b", None, Some(false))],
        ),
        item(
            "agreed_veto",
            vec![vote("a", None, Some(true)), vote("b", None, Some(true))],
        ),
    ];
    let q = queue(&QueueRule::default(), items.clone());
    let ids: Vec<&str> = q.iter().map(|d| d.item.indicator.as_str()).collect();
    assert_eq!(ids, ["wide", "veto"]);
    assert_eq!(q[1].why, vec![Why::SplitVeto { hits: 1, of: 2 }]);
    let by_sd = queue(
        &QueueRule {
            share_of_max: None,
            sd: Some(1.0),
        },
        items,
    );
    let ids: Vec<&str> = by_sd.iter().map(|d| d.item.indicator.as_str()).collect();
    assert_eq!(ids, ["close", "wide", "veto"]);
}

#[test]
fn a_sheet_settled_by_its_veto_votes_but_gives_no_points() {
    let mut s = sheets(&[80.0, 90.0, 12.0]);
    s[2].vetoed = true;
    s[2].whole = false;
    let any = panel_result(&policy(Method::Mean), &s).expect("mean");
    assert!(any.vetoed && !any.unfinished);
    assert_eq!((any.complete, any.veto_votes), (3, 1));
    assert_eq!(any.values, [80.0, 90.0]);
    assert_eq!(any.total, Some(85.0));
    // Overruled by the majority: the two whole sheets give the result.
    let majority = PanelPolicy {
        veto: VetoRule::Majority,
        ..policy(Method::Mean)
    };
    let m = panel_result(&majority, &s).expect("majority");
    assert!(!m.vetoed && m.total == Some(85.0));
    // Trimmed with a third sheet settled by its veto: vetoed, no total, not unfinished.
    let trimmed = PanelPolicy {
        quorum: 3,
        ..policy(Method::Trimmed)
    };
    let t = panel_result(&trimmed, &s).expect("a vetoed account needs no trimmed total");
    assert!(t.vetoed && !t.unfinished && t.total.is_none());
    // One evaluator's veto alone: vetoed, no total to combine.
    let alone = panel_result(&policy(Method::Mean), &s[2..]).expect("alone");
    assert!(alone.vetoed && !alone.unfinished && alone.total.is_none());
}
