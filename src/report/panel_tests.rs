//! The round's panel settings through the one aggregation ([`crate::report::build`]): each
//! method, the quorum and each veto rule, hand-computed.

use crate::domain::panel::{Method, PanelPolicy, VetoRule};
use crate::domain::rubric::VetoPolicy;
use crate::report::combine::tests::scheme;
use crate::report::sheet::{SheetResult, SheetStatus, VetoReason};
use crate::report::tests::{account, sheet};
use crate::report::{Options, Report, Verdict, build};

fn veto(mut s: SheetResult) -> SheetResult {
    s.vetoes = vec![VetoReason {
        id: "v1".into(),
        name: "泄密".into(),
        reason: "发布涉密信息".into(),
    }];
    s
}

/// Account 1: 70, 80, 95 and 50 complete, a draft of 10; account 2: 88 alone.
fn sheets() -> Vec<SheetResult> {
    vec![
        sheet(1, "甲", SheetStatus::Complete, 70.0),
        sheet(1, "乙", SheetStatus::Submitted, 80.0),
        sheet(1, "丙", SheetStatus::Complete, 95.0),
        sheet(1, "丁", SheetStatus::Complete, 50.0),
        sheet(1, "戊", SheetStatus::InProgress, 10.0),
        sheet(2, "甲", SheetStatus::Complete, 88.0),
    ]
}

fn run(policy: PanelPolicy, sheets: &[SheetResult]) -> Report {
    let mut sc = scheme(VetoPolicy::FailWithScore(59.0));
    sc.panel = policy;
    build(
        &sc,
        &[account(1, "四份"), account(2, "一份")],
        sheets,
        &Options::default(),
    )
}

fn policy(method: Method, quorum: usize, veto: VetoRule) -> PanelPolicy {
    PanelPolicy {
        method,
        quorum,
        veto,
    }
}

#[test]
fn each_method_combines_the_counted_sheets() {
    let s = sheets();
    // mean(50, 70, 80, 95) = 73.75; median = (70 + 80) / 2 = 75; trimmed = mean(70, 80) = 75
    // but with subtotals trimmed per category; the draft never counts.
    let mean = run(PanelPolicy::default(), &s);
    assert_eq!(mean.accounts[0].result.points, Some(73.75));
    assert_eq!(mean.accounts[0].result.total, Some(73.75));
    assert_eq!(
        mean.accounts[0].result.panel.values,
        [50.0, 70.0, 80.0, 95.0]
    );
    assert_eq!(mean.accounts[1].result.total, Some(88.0));
    let median = run(policy(Method::Median, 1, VetoRule::Any), &s);
    assert_eq!(median.accounts[0].result.points, Some(75.0));
    assert_eq!(median.accounts[0].result.subtotals, [45.0, 30.0]);
    let trimmed = run(policy(Method::Trimmed, 3, VetoRule::Any), &s);
    assert_eq!(trimmed.accounts[0].result.points, Some(75.0));
    // Account 2 has one sheet: below the trimmed mean's quorum of 3, 「未完成」, not 88.
    assert_eq!(trimmed.accounts[1].result.verdict, Verdict::Unfinished);
    assert_eq!(trimmed.accounts[1].result.total, None);
    assert_eq!(trimmed.overall.with_result, 1);
}

#[test]
fn below_the_quorum_an_account_is_unfinished() {
    let s = sheets();
    let r = run(policy(Method::Mean, 4, VetoRule::Any), &s);
    assert_eq!(r.accounts[0].result.verdict, Verdict::Passed);
    assert_eq!(r.accounts[0].result.panel.complete, 4);
    assert_eq!(r.accounts[1].result.verdict, Verdict::Unfinished);
    assert!(r.accounts[1].result.panel.unfinished);
    let r = run(policy(Method::Mean, 5, VetoRule::Any), &s);
    assert!(r.accounts.iter().all(|a| !a.result.has_result()));
    assert!(r.failures.is_empty());
}

#[test]
fn the_veto_rule_decides_across_the_panel_and_keeps_the_split() {
    let mut s = sheets();
    s[0] = veto(s[0].clone());
    s[2] = veto(s[2].clone());
    // Two of four counted sheets vote a veto.
    let any = run(policy(Method::Mean, 1, VetoRule::Any), &s);
    let a = &any.accounts[0].result;
    assert_eq!(a.verdict, Verdict::Failed);
    assert_eq!(a.total, Some(59.0));
    assert_eq!(a.points, Some(73.75));
    assert_eq!((a.panel.veto_votes, a.panel.complete), (2, 4));
    assert_eq!(any.failures.len(), 1);
    let majority = run(policy(Method::Mean, 1, VetoRule::Majority), &s);
    let m = &majority.accounts[0].result;
    assert_eq!(m.verdict, Verdict::Passed, "2 of 4 is no majority");
    assert_eq!(m.total, Some(73.75));
    assert!(m.vetoes.is_empty());
    assert_eq!(m.overruled.len(), 1);
    assert_eq!((m.panel.veto_votes, m.panel.complete), (2, 4));
    assert!(majority.failures.is_empty());
    s[1] = veto(s[1].clone());
    let majority = run(policy(Method::Mean, 1, VetoRule::Majority), &s);
    assert_eq!(majority.accounts[0].result.verdict, Verdict::Failed);
    let all = run(policy(Method::Mean, 1, VetoRule::All), &s);
    assert_eq!(all.accounts[0].result.verdict, Verdict::Passed, "3 of 4");
    s[3] = veto(s[3].clone());
    let all = run(policy(Method::Mean, 1, VetoRule::All), &s);
    assert_eq!(all.accounts[0].result.verdict, Verdict::Failed);
    assert_eq!(all.accounts[0].result.vetoes.len(), 1);
}

#[test]
fn an_unchecked_trim_below_three_sheets_gives_no_result_never_another_method() {
    // `source::load` refuses such a policy (PanelPolicy::check); the aggregation itself still
    // never falls back to the mean.
    let r = run(policy(Method::Trimmed, 1, VetoRule::Any), &sheets());
    assert_eq!(r.accounts[0].result.points, Some(75.0));
    assert_eq!(r.accounts[1].result.verdict, Verdict::Unfinished);
    assert!(policy(Method::Trimmed, 2, VetoRule::Any).check().is_err());
    assert!(policy(Method::Mean, 0, VetoRule::Any).check().is_err());
    assert!(policy(Method::Trimmed, 3, VetoRule::All).check().is_ok());
}

#[test]
fn a_category_with_its_own_method_is_combined_by_it() {
    let mut sc = scheme(VetoPolicy::FailWithScore(59.0));
    sc.category_methods = vec![Some(Method::Median), None];
    let accounts = [account(1, "四份"), account(2, "一份")];
    let r = build(&sc, &accounts, &sheets(), &Options::default());
    // 甲: subtotals 42, 48, 57, 30 → median 45; 乙: 28, 32, 38, 20 → mean 29.5.
    let a = &r.accounts[0].result;
    assert_eq!(a.subtotals, vec![45.0, 29.5]);
    assert_eq!(a.points, Some(74.5));
    assert_eq!(
        a.panel.total,
        Some(74.5),
        "the panel result is the combined one"
    );
    assert_eq!(r.accounts[1].result.points, Some(88.0));
    sc.category_methods = vec![None, Some(Method::Trimmed)];
    let r = build(&sc, &accounts, &sheets(), &Options::default());
    assert_eq!(
        r.accounts[0].result.subtotals[1], 30.0,
        "trimmed of 20, 28, 32, 38"
    );
    let lone = &r.accounts[1].result;
    assert_eq!(
        lone.verdict,
        Verdict::Unfinished,
        "one sheet cannot be trimmed"
    );
    assert!(lone.panel.unfinished && lone.points.is_none());
}

/// A veto alone settles a sheet: the account fails, and its score is the one the veto policy
/// names without the missing items, else none (「—（单项否决）」); a whole sheet beside it
/// gives the points where the policy keeps or caps them.
#[test]
fn a_sheet_settled_by_its_veto_fails_the_account_without_a_score_it_cannot_have() {
    let alone = |points| SheetResult {
        left_by_veto: true,
        ..veto(sheet(1, "甲", SheetStatus::Submitted, points))
    };
    for (policy, want) in [
        (VetoPolicy::FailKeepScore, None),
        (VetoPolicy::FailCapScore(40.0), None),
        (VetoPolicy::FailNoScore, None),
        (VetoPolicy::FailWithScore(59.0), Some(59.0)),
    ] {
        let sc = scheme(policy);
        let r = build(
            &sc,
            &[account(1, "停更")],
            &[alone(3.0)],
            &Options::default(),
        );
        let a = &r.accounts[0].result;
        assert_eq!(a.verdict, Verdict::Failed, "{policy:?}");
        assert_eq!(a.total, want, "{policy:?}");
        assert!(a.vetoed(), "{policy:?}");
        // Beside a whole sheet of another evaluator the policy still needs the missing items.
        let two = [alone(3.0), sheet(1, "乙", SheetStatus::Complete, 80.0)];
        let r = build(&sc, &[account(1, "停更")], &two, &Options::default());
        let a = &r.accounts[0].result;
        assert_eq!((a.verdict, a.total), (Verdict::Failed, want), "{policy:?}");
        assert_eq!(a.panel.values, [80.0], "{policy:?}");
    }
}
