use super::*;
use crate::report::VetoReason;
use crate::report::tests::account;

fn f(x: f64) -> Figure {
    dec(x).at(2)
}

fn result(
    id: i64,
    unit: &str,
    total: Option<f64>,
    verdict: Verdict,
    full: bool,
    veto: bool,
) -> AccountResult {
    let mut a = account(id, &format!("号{id}"));
    a.unit = unit.into();
    AccountResult {
        account: a,
        verdict,
        total: total.map(f),
        points: total.map(f),
        subtotals: Vec::new(),
        vetoes: if veto {
            vec![VetoReason {
                id: "stale".into(),
                name: "内容不更新".into(),
                reason: "两周未更新".into(),
            }]
        } else {
            Vec::new()
        },
        overruled: Vec::new(),
        panel: Default::default(),
        grade: None,
        evaluators: vec!["甲".into()],
        in_progress: 0,
        provisional: None,
        full_marks: full,
    }
}

fn round(id: i64, w: f64) -> YearRound {
    YearRound {
        id,
        name: format!("R{id}"),
        monitoring_date: "2024-03-31".into(),
        weight: w,
        rubric: "r".into(),
        pass_mark: 60.0,
        pass_side: Side::AtLeast,
    }
}

fn by_id(y: &Annual, id: i64) -> &YearAccount {
    y.accounts.iter().find(|a| a.account.id == id).unwrap()
}

#[test]
fn weighted_mean_renormalises_over_rounds_with_a_total() {
    use Verdict::*;
    let r1 = vec![
        result(1, "甲单位", Some(80.0), Passed, false, false),
        result(2, "甲单位", Some(100.0), Passed, true, false),
        result(3, "乙单位", Some(40.0), Failed, false, true),
    ];
    let r2 = vec![
        result(1, "甲单位", Some(90.0), Passed, false, false),
        result(2, "甲单位", Some(100.0), Passed, true, false),
        result(3, "乙单位", None, Unscored, false, false),
    ];
    let y = annual(
        2024,
        vec![round(1, 1.0), round(2, 3.0)],
        &[r1, r2],
        2,
        VetoYear::Fail,
        Lang::Zh,
    );
    let a1 = by_id(&y, 1);
    // (80×1 + 90×3) / 4 = 87.5
    assert_eq!(a1.annual.map(Figure::text).as_deref(), Some("87.50"));
    assert_eq!(a1.totals, vec![Some(f(80.0)), Some(f(90.0))]);
    // Account 3 has a total only in round 1: its weight alone counts.
    assert_eq!(by_id(&y, 3).annual, Some(f(40.0)));
    assert_eq!(by_id(&y, 3).rounds_with_result, 1);
    assert_eq!(by_id(&y, 3).rounds_failed, 1);
    // Full marks in every check: only account 2.
    assert_eq!(y.full_every_check, 1);
    assert!(by_id(&y, 2).full_every_check);
    // The veto of the year is listed with its round.
    assert_eq!(y.vetoes.len(), 1);
    assert_eq!(y.vetoes[0].round, "R1");
    assert_eq!(
        y.vetoes[0].reasons,
        vec!["内容不更新：两周未更新".to_string()]
    );
    // Units: 甲单位 = mean(87.5, 100) = 93.75; 乙单位 = 40 with one veto.
    let u: Vec<(&str, Option<Figure>, usize)> = y
        .units
        .iter()
        .map(|u| (u.unit.as_str(), u.annual, u.vetoes))
        .collect();
    assert_eq!(
        u,
        vec![("乙单位", Some(f(40.0)), 1), ("甲单位", Some(f(93.75)), 0)]
    );
}

#[test]
fn a_veto_in_any_round_fails_the_year_and_ranks_last() {
    use Verdict::*;
    // The issue's 缙云农业农村: 100 in the round it was vetoed in (the policy keeps the score),
    // annual score 100 — never ranked above an account that was not vetoed.
    let r1 = vec![
        result(1, "甲", Some(100.0), Failed, false, true),
        result(2, "乙", Some(70.0), Passed, false, false),
        result(3, "丙", Some(50.0), Failed, false, false),
    ];
    let y = annual(
        2024,
        vec![round(1, 1.0)],
        std::slice::from_ref(&r1),
        2,
        VetoYear::Fail,
        Lang::Zh,
    );
    assert_eq!(by_id(&y, 1).result, Failed);
    assert_eq!(by_id(&y, 1).rank, Some(3));
    assert_eq!(by_id(&y, 2).rank, Some(1));
    assert_eq!(by_id(&y, 3).rank, Some(2));
    assert_eq!(y.accounts[2].account.id, 1, "rows in rank order");
    assert_eq!((y.passed, y.failed, y.unscored), (1, 2, 0));
    assert_eq!(
        by_id(&y, 1).vetoes,
        vec!["R1：内容不更新：两周未更新".to_string()]
    );
    // The documented option judges the year on the score alone; the veto still ranks last.
    let y = annual(
        2024,
        vec![round(1, 1.0)],
        &[r1],
        2,
        VetoYear::Score,
        Lang::Zh,
    );
    assert_eq!(by_id(&y, 1).result, Passed);
    assert_eq!(by_id(&y, 1).rank, Some(3));
}

#[test]
fn an_account_without_any_result_has_no_annual_score_and_is_not_full() {
    let r = vec![result(1, "甲", None, Verdict::Unscored, false, false)];
    let y = annual(2024, vec![round(1, 1.0)], &[r], 2, VetoYear::Fail, Lang::Zh);
    assert_eq!(y.accounts[0].annual, None);
    assert_eq!(y.accounts[0].result, Verdict::Unscored);
    assert_eq!(y.accounts[0].rank, None);
    assert!(!y.accounts[0].full_every_check);
    assert_eq!(y.full_every_check, 0);
    assert_eq!(y.unscored, 1);
}

#[test]
fn weights_parse_and_refuse_bad_values() {
    assert_eq!(
        parse_weights("Q1=1,第四季度=2.5", Lang::Zh).unwrap(),
        vec![("Q1".into(), 1.0), ("第四季度".into(), 2.5)]
    );
    assert!(parse_weights("Q1", Lang::En).is_err());
    assert!(parse_weights("Q1=x", Lang::En).is_err());
    assert!(parse_weights("Q1=-1", Lang::En).is_err());
    assert!(parse_weights("Q1=0", Lang::En).is_err());
}
