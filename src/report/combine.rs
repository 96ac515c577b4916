//! One account's result from its sheets: which sheets count, combining several evaluators by the
//! round's panel settings (the one panel result, [`panel_result`]: method, quorum, veto across
//! the panel), and the veto policy applied after combining (never averaged in).

use serde::{Deserialize, Serialize};

use super::sheet::{Scheme, SheetResult, VetoReason, tidy};
use crate::domain::account::Account;
use crate::domain::panel::{
    PanelResult, Parts, SheetScore, combine_by_category, combine_values, panel_result,
};
use crate::domain::rubric::VetoPolicy;

/// The verdict on an account.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    Passed,
    Failed,
    /// No counted sheet (「未完成」): neither passed nor failed, outside the pass rate.
    Unfinished,
}

/// An account's combined result.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AccountResult {
    pub account: Account,
    pub verdict: Verdict,
    /// The total after the veto policy; `None` when unfinished or when the policy leaves no score.
    pub total: Option<f64>,
    /// Combined points before the veto policy; `None` when unfinished.
    pub points: Option<f64>,
    /// Combined category subtotals (rubric order); empty when unfinished.
    pub subtotals: Vec<f64>,
    /// Distinct veto hits over the counted sheets when the panel's veto rule upholds them (any
    /// evaluator by default); empty otherwise.
    pub vetoes: Vec<VetoReason>,
    /// Veto hits recorded by some evaluators that the panel's veto rule (majority, all) did not
    /// uphold: shown, never applied.
    #[serde(default)]
    pub overruled: Vec<VetoReason>,
    /// The panel result the figures rest on: counted sheets, the individual totals, the veto
    /// split (`veto_votes` of `complete`), below quorum or not.
    #[serde(default)]
    pub panel: PanelResult,
    pub grade: Option<String>,
    /// Counted sheets and their evaluators.
    pub evaluators: Vec<String>,
    /// Sheets still in progress (not counted).
    pub in_progress: usize,
    /// Mean points of the in-progress sheets, shown as provisional; never counted.
    pub provisional: Option<f64>,
    /// Passed at or above the rubric's full points.
    pub full_marks: bool,
}

impl AccountResult {
    pub fn has_result(&self) -> bool {
        self.verdict != Verdict::Unfinished
    }

    pub fn vetoed(&self) -> bool {
        !self.vetoes.is_empty()
    }
}

/// The effect of a veto on the combined points, by the rubric's one definition
/// ([`VetoPolicy::apply`]: kept, set, capped, or no score = `None`). Applied once, after
/// combining, never averaged in.
pub fn apply_veto(policy: VetoPolicy, combined: f64) -> Option<f64> {
    policy.apply(combined)
}

/// Combines an account's sheets (any order; sheets of other accounts must not be passed).
/// Counted sheets (complete or submitted) are the panel's complete sheets; below the quorum the
/// account is 「未完成」. The scheme's panel policy must have passed [`PanelPolicy::check`]
/// (`source::load` does it): with it the trimmed mean always has 3 sheets.
///
/// [`PanelPolicy::check`]: crate::domain::panel::PanelPolicy::check
pub fn account_result(
    scheme: &Scheme,
    account: &Account,
    sheets: &[&SheetResult],
) -> AccountResult {
    account_result_of(scheme, account.clone(), sheets)
}

/// [`account_result`] taking the account over.
pub fn account_result_of(
    scheme: &Scheme,
    account: Account,
    sheets: &[&SheetResult],
) -> AccountResult {
    let counted: Vec<&SheetResult> = sheets
        .iter()
        .copied()
        .filter(|s| s.status.counts())
        .collect();
    let open: Vec<f64> = sheets
        .iter()
        .filter(|s| !s.status.counts())
        .map(|s| s.points)
        .collect();
    let scores: Vec<SheetScore> = sheets
        .iter()
        .map(|s| SheetScore {
            evaluator: s.evaluator.clone(),
            total: s.points,
            complete: s.status.counts(),
            vetoed: !s.vetoes.is_empty(),
            whole: !s.left_by_veto,
        })
        .collect();
    // An unchecked policy (trimmed below a quorum of 3) leaves the account without a result
    // rather than falling back to another method.
    let panel = panel_result(&scheme.panel, &scores).unwrap_or_else(|_| PanelResult {
        sheets: scores.len(),
        complete: counted.len(),
        unfinished: true,
        ..PanelResult::default()
    });
    let panel_total = panel.total;
    let upheld = panel.vetoed;
    let mut r = AccountResult {
        account,
        verdict: Verdict::Unfinished,
        total: None,
        points: None,
        subtotals: Vec::new(),
        vetoes: Vec::new(),
        overruled: Vec::new(),
        panel,
        grade: None,
        evaluators: counted.iter().map(|s| s.evaluator.clone()).collect(),
        in_progress: open.len(),
        provisional: super::stats::mean(&open).map(tidy),
        full_marks: false,
    };
    // Sheets a veto settled with items unscored vote on the veto but give no points.
    let whole: Vec<&SheetResult> = counted
        .iter()
        .copied()
        .filter(|s| !s.left_by_veto)
        .collect();
    let all_scored = whole.len() == counted.len();
    let Some(combined) = panel_total.map(tidy) else {
        if upheld {
            // Every counted sheet was settled by its veto: failed, and a score only where the
            // veto policy names one without the missing items.
            r.vetoes = distinct_vetoes(&counted);
            r.verdict = Verdict::Failed;
            r.total = scheme.on_veto.settle(0.0, false).map(|t| scheme.publish(t));
            r.grade = scheme.lowest_grade().map(str::to_owned);
        }
        return r;
    };
    let Some((combined, subtotals)) = combined_parts(scheme, &whole, combined) else {
        // A category's own method cannot combine these sheets (trimmed below 3): no result
        // rather than another method.
        r.panel.total = None;
        r.panel.unfinished = true;
        return r;
    };
    if scheme.category_methods.iter().any(Option::is_some) {
        r.panel.total = Some(combined);
    }
    r.points = Some(combined);
    r.subtotals = subtotals;
    let vetoes = distinct_vetoes(&counted);
    if r.panel.vetoed {
        r.vetoes = vetoes;
    } else {
        r.overruled = vetoes;
    }
    if r.vetoed() {
        r.verdict = Verdict::Failed;
        r.total = (scheme.on_veto)
            .settle(combined, all_scored)
            .map(|t| scheme.publish(t));
        r.grade = scheme.lowest_grade().map(str::to_owned);
    } else {
        // Verdict, grade and full marks are judged on the published total.
        let total = scheme.publish(combined);
        let passed = scheme.passes(total);
        r.verdict = if passed {
            Verdict::Passed
        } else {
            Verdict::Failed
        };
        r.total = Some(total);
        r.grade = scheme.grade_for(total).map(str::to_owned);
        r.full_marks = passed && total + 1e-9 >= scheme.full;
    }
    r
}

/// The distinct veto hits of the counted sheets, sorted.
fn distinct_vetoes(counted: &[&SheetResult]) -> Vec<VetoReason> {
    let mut vetoes: Vec<VetoReason> = counted.iter().flat_map(|s| s.vetoes.clone()).collect();
    vetoes.sort();
    vetoes.dedup();
    vetoes
}

/// The combined points and category subtotals of the counted sheets: each category by its
/// method (its own where the round sets one, else the round's); with no category of its own
/// the points stay the panel's combined total. `None` when a category's method cannot combine.
fn combined_parts(
    scheme: &Scheme,
    counted: &[&SheetResult],
    combined: f64,
) -> Option<(f64, Vec<f64>)> {
    let own = &scheme.category_methods;
    let n = scheme.categories.len();
    if own.iter().all(Option::is_none) {
        let subtotals = (0..n)
            .map(|i| {
                let xs: Vec<f64> = counted
                    .iter()
                    .map(|s| s.subtotals.get(i).copied().unwrap_or(0.0))
                    .collect();
                combine_values(scheme.panel.method, &xs)
                    .ok()
                    .flatten()
                    .map_or(0.0, tidy)
            })
            .collect();
        return Some((combined, subtotals));
    }
    let parts: Vec<Parts<'_>> = counted
        .iter()
        .map(|s| Parts {
            points: s.points,
            subtotals: &s.subtotals,
        })
        .collect();
    let (points, subtotals) = combine_by_category(scheme.panel.method, own, n, &parts).ok()??;
    Some((tidy(points), subtotals.into_iter().map(tidy).collect()))
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::report::sheet::{CategoryInfo, SheetStatus};
    use crate::report::tests::{account, sheet};

    pub(crate) fn scheme(on_veto: VetoPolicy) -> Scheme {
        Scheme {
            pass_mark: 60.0,
            full: 100.0,
            categories: vec![
                CategoryInfo {
                    id: "a".into(),
                    name: "甲".into(),
                    weight: 60.0,
                },
                CategoryInfo {
                    id: "b".into(),
                    name: "乙".into(),
                    weight: 40.0,
                },
            ],
            grades: vec![
                ("优秀".into(), 90.0),
                ("合格".into(), 60.0),
                ("不合格".into(), 0.0),
            ],
            on_veto,
            panel: crate::domain::panel::PanelPolicy::default(),
            category_methods: Vec::new(),
            pass_side: crate::domain::rubric::Side::AtLeast,
            decimals: 2,
        }
    }

    #[test]
    fn a_one_entry_draft_changes_nothing() {
        // The 莲都教育: 84.54, 81.16, 83.83 complete, and a draft counted as 18.46.
        let a = account(1, "莲都教育");
        let s = [
            sheet(1, "甲", SheetStatus::Complete, 84.54),
            sheet(1, "乙", SheetStatus::Submitted, 81.16),
            sheet(1, "丙", SheetStatus::Complete, 83.83),
            sheet(1, "丁", SheetStatus::InProgress, 18.46),
        ];
        let r = account_result(
            &scheme(VetoPolicy::FailKeepScore),
            &a,
            &s.iter().collect::<Vec<_>>(),
        );
        assert_eq!(r.verdict, Verdict::Passed);
        // Published at the rubric's two decimals (83.1766… → 83.18).
        assert_eq!(r.total, Some(83.18));
        assert_eq!(r.in_progress, 1);
        assert_eq!(r.provisional, Some(18.46));
        assert_eq!(r.evaluators, vec!["甲", "乙", "丙"]);
        assert_eq!(r.grade.as_deref(), Some("合格"));
    }

    #[test]
    fn the_veto_applies_after_combining_never_averaged_in() {
        // The 莲都文旅: 88.15, 87.15 and a vetoed 88.6 whose sheet the engine forced to
        // 59. Combined points = mean(88.15, 87.15, 88.6) = 87.966…; the veto sets 59 once.
        let a = account(2, "莲都文旅");
        let mut hit = sheet(2, "丙", SheetStatus::Complete, 88.6);
        hit.vetoes = vec![VetoReason {
            id: "v1".into(),
            name: "泄密".into(),
            reason: "发布涉密信息".into(),
        }];
        let s = [
            sheet(2, "甲", SheetStatus::Complete, 88.15),
            sheet(2, "乙", SheetStatus::Complete, 87.15),
            hit,
        ];
        let refs: Vec<&SheetResult> = s.iter().collect();
        let r = account_result(&scheme(VetoPolicy::FailWithScore(59.0)), &a, &refs);
        assert_eq!(r.verdict, Verdict::Failed);
        assert_eq!(r.total, Some(59.0));
        assert_eq!(r.points, Some(87.966666667));
        assert_eq!(r.grade.as_deref(), Some("不合格"));
        assert_eq!(r.vetoes.len(), 1);
        let kept = account_result(&scheme(VetoPolicy::FailKeepScore), &a, &refs);
        assert_eq!(kept.total, Some(87.97));
        assert_eq!(kept.verdict, Verdict::Failed);
        assert!(!kept.full_marks);
    }

    #[test]
    fn no_counted_sheet_is_unfinished_not_failed() {
        let a = account(3, "未完成号");
        let s = [sheet(3, "甲", SheetStatus::InProgress, 12.0)];
        let r = account_result(
            &scheme(VetoPolicy::FailKeepScore),
            &a,
            &s.iter().collect::<Vec<_>>(),
        );
        assert_eq!(r.verdict, Verdict::Unfinished);
        assert_eq!(r.total, None);
        assert!(!r.has_result());
        let none = account_result(&scheme(VetoPolicy::FailKeepScore), &a, &[]);
        assert_eq!(none.verdict, Verdict::Unfinished);
        assert_eq!(none.in_progress, 0);
    }

    #[test]
    fn subtotals_combine_per_category_and_full_marks_need_a_pass() {
        let a = account(4, "满分号");
        let mut x = sheet(4, "甲", SheetStatus::Complete, 100.0);
        x.subtotals = vec![60.0, 40.0];
        let mut y = sheet(4, "乙", SheetStatus::Complete, 100.0);
        y.subtotals = vec![60.0, 40.0];
        let r = account_result(&scheme(VetoPolicy::FailKeepScore), &a, &[&x, &y]);
        assert!(r.full_marks);
        assert_eq!(r.subtotals, vec![60.0, 40.0]);
        y.points = 90.0;
        y.subtotals = vec![50.0, 40.0];
        let r = account_result(&scheme(VetoPolicy::FailKeepScore), &a, &[&x, &y]);
        assert!(!r.full_marks);
        assert_eq!(r.subtotals, vec![55.0, 40.0]);
        assert_eq!(r.grade.as_deref(), Some("优秀"));
    }

    #[test]
    fn median_combination_is_a_setting() {
        let a = account(5, "中位");
        let s = [
            sheet(5, "甲", SheetStatus::Complete, 80.0),
            sheet(5, "乙", SheetStatus::Complete, 90.0),
            sheet(5, "丙", SheetStatus::Complete, 30.0),
        ];
        let mut sc = scheme(VetoPolicy::FailKeepScore);
        sc.panel.method = crate::domain::panel::Method::Median;
        let r = account_result(&sc, &a, &s.iter().collect::<Vec<_>>());
        assert_eq!(r.total, Some(80.0));
        assert_eq!(apply_veto(VetoPolicy::FailWithScore(0.0), 75.0), Some(0.0));
        assert_eq!(apply_veto(VetoPolicy::FailKeepScore, 75.0), Some(75.0));
    }
}
