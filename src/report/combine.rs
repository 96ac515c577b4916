//! One account's result from its sheets: which sheets count, combining several evaluators by the
//! round's panel settings (the one panel result, [`panel_result`]: method, quorum, veto across
//! the panel), and the veto policy applied after combining (never averaged in). Each sheet's
//! total is its published figure; the combination is exact and published at the rubric's
//! decimals, and the verdict, grade and full marks judge that published figure.

use serde::{Deserialize, Serialize};

use super::sheet::{Scheme, SheetResult, VetoReason};
use crate::domain::account::Account;
use crate::domain::figure::{Exact, Figure};
use crate::domain::panel::{
    PanelResult, Parts, SheetScore, combine_by_category, combine_in_place, combine_values,
    panel_result,
};
use crate::domain::rubric::VetoPolicy;

/// Where an account stands: a verdict, or the reason there is none yet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    Passed,
    Failed,
    /// No counted sheet (「未评分」: not started, or only sheets in progress).
    Unscored,
    /// Counted sheets below the round's quorum (「评分不足」).
    BelowQuorum,
    /// A veto split the panel's rule leaves to the chair (「待复核」).
    PendingReview,
}

impl Verdict {
    /// Passed or failed: a final result.
    pub fn is_final(self) -> bool {
        matches!(self, Verdict::Passed | Verdict::Failed)
    }

    /// The state's code, as JSON writes it.
    pub fn code(self) -> &'static str {
        match self {
            Verdict::Passed => "passed",
            Verdict::Failed => "failed",
            Verdict::Unscored => "unscored",
            Verdict::BelowQuorum => "below_quorum",
            Verdict::PendingReview => "pending_review",
        }
    }

    /// The state in words (合格, 不合格, 未评分, 评分不足, 待复核).
    pub fn label(self, lang: crate::i18n::Lang) -> &'static str {
        crate::i18n::figure_msg::verdict(lang, self.code())
    }
}

/// An account's combined result.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AccountResult {
    pub account: Account,
    pub verdict: Verdict,
    /// The published total after the veto policy; `None` without a final result or when the
    /// policy leaves no score (「—」).
    pub total: Option<Figure>,
    /// Combined points before the veto policy, published; `None` without counted sheets.
    pub points: Option<Figure>,
    /// Combined category subtotals (rubric order), published; `None` where the category does not
    /// apply (不适用) and for every category without counted sheets.
    pub subtotals: Vec<Option<Figure>>,
    /// Distinct veto hits over the counted sheets when the panel's veto rule upholds them (any
    /// evaluator by default); empty otherwise.
    pub vetoes: Vec<VetoReason>,
    /// Veto hits recorded by some evaluators that the panel's veto rule (majority, all) did not
    /// uphold, or that wait for the chair (待复核): shown, never applied.
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
    pub provisional: Option<Figure>,
    /// Passed at or above the rubric's full points.
    pub full_marks: bool,
}

impl AccountResult {
    /// A final result (passed or failed).
    pub fn has_result(&self) -> bool {
        self.verdict.is_final()
    }

    pub fn vetoed(&self) -> bool {
        !self.vetoes.is_empty()
    }
}

/// The effect of a veto on the combined points, by the rubric's one definition
/// ([`VetoPolicy::apply`]: kept, set, capped, or no score = `None`). Applied once, after
/// combining, never averaged in.
pub fn apply_veto(policy: VetoPolicy, combined: Figure, decimals: u32) -> Option<Figure> {
    policy.apply(combined, decimals)
}

/// Combines an account's sheets (any order; sheets of other accounts must not be passed).
/// Counted sheets (complete or submitted) are the panel's complete sheets; without any the
/// account is 「未评分」, below the quorum 「评分不足」, with a veto split the rule leaves open
/// 「待复核」. The scheme's panel policy must have passed [`PanelPolicy::check`]
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
    let d = scheme.decimals;
    let counted: Vec<&SheetResult> = sheets
        .iter()
        .copied()
        .filter(|s| s.status.counts())
        .collect();
    let open: Vec<Exact> = sheets
        .iter()
        .filter(|s| !s.status.counts())
        .map(|s| s.points.exact())
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
    let panel = panel_result(&scheme.panel, &scores, d).unwrap_or_else(|_| PanelResult {
        sheets: scores.len(),
        complete: counted.len(),
        unfinished: true,
        ..PanelResult::default()
    });
    let panel_total = panel.total;
    let pending = panel.pending;
    let upheld = panel.vetoed;
    let mut r = AccountResult {
        account,
        verdict: if counted.is_empty() {
            Verdict::Unscored
        } else {
            Verdict::BelowQuorum
        },
        total: None,
        points: None,
        subtotals: vec![None; scheme.categories.len()],
        vetoes: Vec::new(),
        overruled: Vec::new(),
        panel,
        grade: None,
        evaluators: counted.iter().map(|s| s.evaluator.clone()).collect(),
        in_progress: open.len(),
        provisional: combine_values(crate::domain::panel::Method::Mean, &open)
            .ok()
            .flatten()
            .map(|m| m.publish(d)),
        full_marks: false,
    };
    // Sheets a veto settled with items unscored vote on the veto but give no points.
    let whole: Vec<&SheetResult> = counted
        .iter()
        .copied()
        .filter(|s| !s.left_by_veto)
        .collect();
    let all_scored = whole.len() == counted.len();
    let Some(combined) = panel_total else {
        if pending {
            // An open veto split: no verdict, no total, until the chair's consensus.
            r.verdict = Verdict::PendingReview;
            r.overruled = distinct_vetoes(&counted);
        } else if upheld {
            // Every counted sheet was settled by its veto: failed, and a score only where the
            // veto policy names one without the missing items (「—（单项否决）」 otherwise).
            r.vetoes = distinct_vetoes(&counted);
            r.verdict = Verdict::Failed;
            r.total = scheme.on_veto.settle(Figure::int(0), d, false);
            r.grade = scheme.marks().lowest().map(str::to_owned);
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
    if pending {
        // An open veto split: no verdict, no total, until the chair's consensus.
        r.verdict = Verdict::PendingReview;
        r.overruled = vetoes;
        return r;
    }
    if r.panel.vetoed {
        r.vetoes = vetoes;
    } else {
        r.overruled = vetoes;
    }
    let marks = scheme.marks();
    if r.vetoed() {
        r.verdict = Verdict::Failed;
        r.total = scheme.on_veto.settle(combined, d, all_scored);
        r.grade = marks.lowest().map(str::to_owned);
    } else {
        // Verdict, grade and full marks are judged on the published total.
        let passed = marks.passes(combined);
        r.verdict = if passed {
            Verdict::Passed
        } else {
            Verdict::Failed
        };
        r.total = Some(combined);
        r.grade = marks.grade(combined, passed).map(str::to_owned);
        r.full_marks = marks.full_marks(combined, passed);
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
    combined: Figure,
) -> Option<(Figure, Vec<Option<Figure>>)> {
    let own = &scheme.category_methods;
    let n = scheme.categories.len();
    let d = scheme.decimals;
    if own.iter().all(Option::is_none) {
        // One buffer for every category's values (at 100,000 accounts the copies add up).
        let mut xs: Vec<Exact> = Vec::with_capacity(counted.len());
        let subtotals = (0..n)
            .map(|i| {
                xs.clear();
                xs.extend(
                    counted
                        .iter()
                        .filter_map(|s| s.subtotals.get(i).copied().flatten())
                        .map(Figure::exact),
                );
                combine_in_place(scheme.panel.method, &mut xs)
                    .ok()
                    .flatten()
                    .map(|x| x.publish(d))
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
    combine_by_category(scheme.panel.method, own, n, &parts, d).ok()?
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::report::sheet::{CategoryInfo, SheetStatus};
    use crate::report::tests::{account, f, sheet};

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
        assert_eq!(r.total, f(83.18));
        assert_eq!(r.in_progress, 1);
        assert_eq!(r.provisional, f(18.46));
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
        // One evaluator of three: a split the chair must reconcile (待复核) under `any`.
        let split = account_result(&scheme(VetoPolicy::FailWithScore(59.0)), &a, &refs);
        assert_eq!(split.verdict, Verdict::PendingReview);
        assert_eq!(split.total, None);
        assert_eq!(split.points, f(87.97));
        // The chair upholds it: every sheet carries the consensus veto.
        let hit = refs[2].vetoes.clone();
        let s: Vec<SheetResult> = s
            .iter()
            .cloned()
            .map(|mut x| {
                x.vetoes = hit.clone();
                x
            })
            .collect();
        let refs: Vec<&SheetResult> = s.iter().collect();
        let r = account_result(&scheme(VetoPolicy::FailWithScore(59.0)), &a, &refs);
        assert_eq!(r.verdict, Verdict::Failed);
        assert_eq!(r.total, f(59.0));
        // mean(88.15, 87.15, 88.60) = 87.9666… → 87.97, published once.
        assert_eq!(r.points, f(87.97));
        assert_eq!(r.grade.as_deref(), Some("不合格"));
        assert_eq!(r.vetoes.len(), 1);
        let kept = account_result(&scheme(VetoPolicy::FailKeepScore), &a, &refs);
        assert_eq!(kept.total, f(87.97));
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
        assert_eq!(r.verdict, Verdict::Unscored);
        assert_eq!(r.total, None);
        assert!(!r.has_result());
        assert_eq!(
            r.subtotals,
            vec![None, None],
            "every category column, empty"
        );
        let none = account_result(&scheme(VetoPolicy::FailKeepScore), &a, &[]);
        assert_eq!(none.verdict, Verdict::Unscored);
        assert_eq!(none.in_progress, 0);
    }

    #[test]
    fn subtotals_combine_per_category_and_full_marks_need_a_pass() {
        let a = account(4, "满分号");
        let mut x = sheet(4, "甲", SheetStatus::Complete, 100.0);
        x.subtotals = vec![f(60.0), f(40.0)];
        let mut y = sheet(4, "乙", SheetStatus::Complete, 100.0);
        y.subtotals = vec![f(60.0), f(40.0)];
        let r = account_result(&scheme(VetoPolicy::FailKeepScore), &a, &[&x, &y]);
        assert!(r.full_marks);
        assert_eq!(r.subtotals, vec![f(60.0), f(40.0)]);
        y.points = f(90.0).unwrap();
        y.subtotals = vec![f(50.0), f(40.0)];
        let r = account_result(&scheme(VetoPolicy::FailKeepScore), &a, &[&x, &y]);
        assert!(!r.full_marks);
        assert_eq!(r.subtotals, vec![f(55.0), f(40.0)]);
        // A category that does not apply to one sheet is combined over the others only.
        y.subtotals = vec![f(50.0), None];
        let r = account_result(&scheme(VetoPolicy::FailKeepScore), &a, &[&x, &y]);
        assert_eq!(r.subtotals, vec![f(55.0), f(40.0)]);
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
        assert_eq!(r.total, f(80.0));
        let x = f(75.0).unwrap();
        assert_eq!(apply_veto(VetoPolicy::FailWithScore(0.0), x, 2), f(0.0));
        assert_eq!(apply_veto(VetoPolicy::FailKeepScore, x, 2), f(75.0));
    }

    #[test]
    fn two_evaluators_at_60_00_and_59_99_give_one_answer() {
        // The issue: 60.00 and 59.99 → their mean 59.995 → 60.00, published once, passed.
        let a = account(6, "两人");
        let s = [
            sheet(6, "甲", SheetStatus::Complete, 60.0),
            sheet(6, "乙", SheetStatus::Complete, 59.99),
        ];
        let r = account_result(
            &scheme(VetoPolicy::FailKeepScore),
            &a,
            &s.iter().collect::<Vec<_>>(),
        );
        assert_eq!(r.total.map(|t| t.text()).as_deref(), Some("60.00"));
        assert_eq!(r.verdict, Verdict::Passed);
    }
}
