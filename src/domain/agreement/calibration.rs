//! A calibration round read back: on the accounts every evaluator scored, the agreement per
//! indicator and each evaluator's offset from the others (mean deviation of their points from
//! the others' mean, and the correlation with it, pooled over every account × indicator).

use serde::Serialize;

use super::{Agreement, GroupBy, Matrix, RaterVsRest, Sheet, agreement, groups, raters_vs_rest};
use crate::domain::rubric::Rubric;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IndicatorAgreement {
    pub indicator: String,
    pub name: String,
    #[serde(flatten)]
    pub agreement: Agreement,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Calibration {
    /// Accounts every evaluator scored (the only ones compared).
    pub accounts: Vec<String>,
    pub evaluators: Vec<String>,
    /// Accounts left out because some evaluator did not score them.
    pub left_out: Vec<String>,
    pub indicators: Vec<IndicatorAgreement>,
    /// Each evaluator against the rest, over every account × indicator cell.
    pub offsets: Vec<RaterVsRest>,
}

/// Compares the evaluators on the accounts they all scored.
pub fn calibration(rubric: &Rubric, round: &str, sheets: &[Sheet]) -> Calibration {
    let mut evaluators: Vec<String> = sheets.iter().map(|s| s.evaluator.clone()).collect();
    evaluators.sort();
    evaluators.dedup();
    let mut all: Vec<String> = Vec::new();
    for s in sheets {
        if !all.contains(&s.account) {
            all.push(s.account.clone());
        }
    }
    let (accounts, left_out): (Vec<String>, Vec<String>) = all.into_iter().partition(|a| {
        evaluators
            .iter()
            .all(|e| sheets.iter().any(|s| s.account == *a && s.evaluator == *e))
    });
    let shared: Vec<Sheet> = sheets
        .iter()
        .filter(|s| accounts.contains(&s.account))
        .cloned()
        .collect();
    let per = groups(rubric, round, &shared, GroupBy::Indicator);
    let mut pooled = Matrix {
        targets: Vec::new(),
        raters: evaluators.clone(),
        cells: Vec::new(),
    };
    for g in &per {
        for (t, row) in g.matrix.targets.iter().zip(&g.matrix.cells) {
            pooled.targets.push(format!("{t}/{}", g.key));
            pooled.cells.push(row.clone());
        }
    }
    Calibration {
        accounts,
        evaluators,
        left_out,
        indicators: per
            .iter()
            .map(|g| IndicatorAgreement {
                indicator: g.key.clone(),
                name: g.name.clone(),
                agreement: agreement(&g.matrix),
            })
            .collect(),
        offsets: raters_vs_rest(&pooled),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::entry::Entry;
    use crate::domain::platform::{Level, Platform};

    const RUBRIC: &str = r#"Rubric(id: "c", name: "校准", version: "1", total: 20, pass_mark: 12,
        grades: [("合格", 12), ("不合格", 0)],
        categories: [Category(id: "k", name: "评分", weight: 20, indicators: [
            Range(id: "a", name: "甲", max: 10, step: 1),
            Range(id: "b", name: "乙", max: 10, step: 1)])])"#;

    fn sheet(account: &str, evaluator: &str, a: f64, b: f64) -> Sheet {
        let e = |id: &str, v: f64| Entry {
            value: Some(v),
            ..Entry::new(id)
        };
        Sheet {
            account: account.into(),
            platform: Platform::WeChat,
            level: Level::County,
            evaluator: evaluator.into(),
            entries: vec![e("a", a), e("b", b)],
        }
    }

    #[test]
    fn offsets_by_hand_on_the_accounts_everyone_scored() {
        let rubric = crate::domain::rubric::parse(RUBRIC, "c.ron").expect("rubric");
        // (account, [E1, E2, E3] for a, then for b); W is scored by E1 and E2 only.
        let data = [
            ("X", [8.0, 6.0, 7.0], [4.0, 2.0, 3.0]),
            ("Y", [5.0, 4.0, 6.0], [6.0, 6.0, 6.0]),
            ("Z", [9.0, 7.0, 8.0], [3.0, 1.0, 2.0]),
        ];
        let mut sheets = Vec::new();
        for (acc, a, b) in data {
            for (i, who) in ["E1", "E2", "E3"].iter().enumerate() {
                sheets.push(sheet(acc, who, a[i], b[i]));
            }
        }
        sheets.push(sheet("W", "E1", 10.0, 10.0));
        sheets.push(sheet("W", "E2", 0.0, 0.0));
        let c = calibration(&rubric, "r", &sheets);
        assert_eq!(c.accounts, ["X", "Y", "Z"]);
        assert_eq!(c.left_out, ["W"]);
        assert_eq!(c.evaluators, ["E1", "E2", "E3"]);
        let ids: Vec<&str> = c.indicators.iter().map(|i| i.indicator.as_str()).collect();
        assert_eq!(ids, ["a", "b"]);
        assert_eq!(c.indicators[0].agreement.complete_targets, 3);
        // Own points minus the others' mean over the six account × indicator cells:
        // E1 +1.5, 0, +1.5, +1.5, 0, +1.5 → 1.0; E2 −1.5 ×5 and 0 → −1.25; E3 only Y/a +1.5 → 0.25.
        let dev: Vec<f64> = c
            .offsets
            .iter()
            .map(|o| o.mean_deviation.unwrap())
            .collect();
        for (got, want) in dev.iter().zip([1.0, -1.25, 0.25]) {
            assert!((got - want).abs() < 1e-12, "{dev:?}");
        }
        assert!(c.offsets.iter().all(|o| o.targets == 6));
        // E2's points [6,4,7,2,6,1] against the others' means [7.5,5.5,8.5,3.5,6,2.5]:
        // Sxy 26.8333, Sxx 29.3333, Syy 26.2083 → r = 0.967775.
        let r = c.offsets[1].correlation.unwrap();
        assert!((r - 0.967_774_590_065).abs() < 1e-9, "{r}");
        let r1 = c.offsets[0].correlation.unwrap();
        assert!((r1 - 0.945_280_120_332).abs() < 1e-9, "{r1}");
    }

    #[test]
    fn one_evaluator_alone_has_no_offset() {
        let rubric = crate::domain::rubric::parse(RUBRIC, "c.ron").expect("rubric");
        let c = calibration(&rubric, "r", &[sheet("X", "E1", 1.0, 2.0)]);
        assert_eq!(c.offsets.len(), 1);
        assert_eq!(c.offsets[0].mean_deviation, None);
        assert!(c.indicators[0].agreement.icc.is_none());
    }
}
