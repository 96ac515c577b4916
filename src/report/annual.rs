//! The annual assessment (年度考核): the year's rounds combined per account and per host unit
//! with a weight per round (default equal), every veto of the year with its round, and the
//! accounts at full marks in every check they were part of (seed 004 counts 166). Pure: it
//! takes each round's account results from the one aggregation.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::domain::account::Account;
use crate::i18n::Lang;
use crate::report::{AccountResult, Verdict};

/// One round of the year and its weight.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct YearRound {
    pub id: i64,
    pub name: String,
    pub monitoring_date: String,
    pub weight: f64,
}

/// A veto recorded in one of the year's rounds.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct YearVeto {
    pub account_id: i64,
    pub account: String,
    pub unit: String,
    pub round: String,
    pub reasons: Vec<String>,
}

/// One account over the year.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct YearAccount {
    pub account: Account,
    /// The account's total in each round (rounds order); `None` where it has no scored total.
    pub totals: Vec<Option<f64>>,
    /// Weighted mean over the rounds with a scored total (weights renormalised over those).
    pub annual: Option<f64>,
    /// Rounds in which it has a result, and in which it failed (on points or by a veto).
    pub rounds_with_result: usize,
    pub rounds_failed: usize,
    /// Full marks in every round in which it has a result (and at least one such round).
    pub full_every_check: bool,
}

/// One host unit over the year: the mean of its accounts' annual scores.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct YearUnit {
    pub unit: String,
    pub accounts: usize,
    pub with_score: usize,
    pub annual: Option<f64>,
    pub vetoes: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Annual {
    pub year: i32,
    pub rounds: Vec<YearRound>,
    pub accounts: Vec<YearAccount>,
    pub units: Vec<YearUnit>,
    pub vetoes: Vec<YearVeto>,
    /// Accounts at full marks in every check of the year they had a result in.
    pub full_every_check: usize,
}

/// Combines the year's rounds: `results[i]` are the account results of `rounds[i]`.
pub fn annual(year: i32, rounds: Vec<YearRound>, results: &[Vec<AccountResult>]) -> Annual {
    let mut by_account: BTreeMap<i64, (Account, Vec<Option<&AccountResult>>)> = BTreeMap::new();
    for (ri, rs) in results.iter().enumerate() {
        for r in rs {
            let slot = by_account
                .entry(r.account.id)
                .or_insert_with(|| (r.account.clone(), vec![None; rounds.len()]));
            slot.1[ri] = Some(r);
        }
    }
    let mut vetoes = Vec::new();
    let mut accounts = Vec::with_capacity(by_account.len());
    for (id, (account, per)) in by_account {
        for (ri, r) in per.iter().enumerate() {
            if let Some(r) = r.filter(|r| r.has_result() && r.vetoed()) {
                vetoes.push(YearVeto {
                    account_id: id,
                    account: account.name.clone(),
                    unit: account.unit.clone(),
                    round: rounds[ri].name.clone(),
                    reasons: r.vetoes.iter().map(|v| v.label()).collect(),
                });
            }
        }
        accounts.push(year_account(account, &per, &rounds));
    }
    let units = units(&accounts, &vetoes);
    let full_every_check = accounts.iter().filter(|a| a.full_every_check).count();
    Annual {
        year,
        rounds,
        accounts,
        units,
        vetoes,
        full_every_check,
    }
}

fn year_account(
    account: Account,
    per: &[Option<&AccountResult>],
    rounds: &[YearRound],
) -> YearAccount {
    let totals: Vec<Option<f64>> = per
        .iter()
        .map(|r| r.filter(|r| r.has_result()).and_then(|r| r.total))
        .collect();
    let (mut sum, mut wsum) = (0.0, 0.0);
    for (t, r) in totals.iter().zip(rounds) {
        if let Some(t) = t {
            sum += t * r.weight;
            wsum += r.weight;
        }
    }
    let with: Vec<&AccountResult> = per
        .iter()
        .flatten()
        .filter(|r| r.has_result())
        .copied()
        .collect();
    YearAccount {
        annual: (wsum > 0.0).then(|| crate::report::sheet::tidy(sum / wsum)),
        rounds_with_result: with.len(),
        rounds_failed: with.iter().filter(|r| r.verdict == Verdict::Failed).count(),
        full_every_check: !with.is_empty() && with.iter().all(|r| r.full_marks),
        totals,
        account,
    }
}

fn units(accounts: &[YearAccount], vetoes: &[YearVeto]) -> Vec<YearUnit> {
    let mut by: BTreeMap<&str, Vec<&YearAccount>> = BTreeMap::new();
    for a in accounts {
        by.entry(a.account.unit.as_str()).or_default().push(a);
    }
    by.into_iter()
        .map(|(unit, xs)| {
            let scores: Vec<f64> = xs.iter().filter_map(|a| a.annual).collect();
            YearUnit {
                unit: unit.to_string(),
                accounts: xs.len(),
                with_score: scores.len(),
                annual: crate::report::stats::mean(&scores).map(crate::report::sheet::tidy),
                vetoes: vetoes.iter().filter(|v| v.unit == unit).count(),
            }
        })
        .collect()
}

/// Parses `--weights ROUND=W,…` (round by id or name); weights must be positive numbers.
pub fn parse_weights(s: &str, lang: Lang) -> Result<Vec<(String, f64)>, String> {
    s.split(',')
        .filter(|p| !p.trim().is_empty())
        .map(|p| {
            let (k, v) = p.rsplit_once('=').ok_or_else(|| match lang {
                Lang::Zh => format!("--weights 中的「{p}」应写作 轮次=权重，如 第四季度=2"),
                Lang::En => format!("--weights: write \"{p}\" as ROUND=WEIGHT, e.g. Q4=2"),
            })?;
            let w: f64 = v.trim().parse().map_err(|_| match lang {
                Lang::Zh => {
                    format!("--weights 中「{p}」的权重「{v}」不是数字；请写成如 第四季度=2")
                }
                Lang::En => format!(
                    "--weights: the weight \"{v}\" of \"{p}\" is not a number; write e.g. Q4=2"
                ),
            })?;
            if !(w.is_finite() && w > 0.0) {
                return Err(match lang {
                    Lang::Zh => format!("--weights 中「{p}」的权重须为正数；请改为大于 0 的数"),
                    Lang::En => format!(
                        "--weights: the weight of \"{p}\" must be positive; give a number above 0"
                    ),
                });
            }
            Ok((k.trim().to_string(), w))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::VetoReason;
    use crate::report::tests::account;

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
            total,
            points: total,
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
        }
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
            result(3, "乙单位", None, Unfinished, false, false),
        ];
        let y = annual(2024, vec![round(1, 1.0), round(2, 3.0)], &[r1, r2]);
        let a1 = &y.accounts[0];
        // (80×1 + 90×3) / 4 = 87.5
        assert_eq!(a1.annual, Some(87.5));
        assert_eq!(a1.totals, vec![Some(80.0), Some(90.0)]);
        // Account 3 has a total only in round 1: its weight alone counts.
        assert_eq!(y.accounts[2].annual, Some(40.0));
        assert_eq!(y.accounts[2].rounds_with_result, 1);
        assert_eq!(y.accounts[2].rounds_failed, 1);
        // Full marks in every check: only account 2.
        assert_eq!(y.full_every_check, 1);
        assert!(y.accounts[1].full_every_check);
        // The veto of the year is listed with its round.
        assert_eq!(y.vetoes.len(), 1);
        assert_eq!(y.vetoes[0].round, "R1");
        assert_eq!(
            y.vetoes[0].reasons,
            vec!["内容不更新: 两周未更新".to_string()]
        );
        // Units: 甲单位 = mean(87.5, 100) = 93.75; 乙单位 = 40 with one veto.
        let u: Vec<(&str, Option<f64>, usize)> = y
            .units
            .iter()
            .map(|u| (u.unit.as_str(), u.annual, u.vetoes))
            .collect();
        assert_eq!(
            u,
            vec![("乙单位", Some(40.0), 1), ("甲单位", Some(93.75), 0)]
        );
    }

    #[test]
    fn an_account_without_any_result_has_no_annual_score_and_is_not_full() {
        let r = vec![result(1, "甲", None, Verdict::Unfinished, false, false)];
        let y = annual(2024, vec![round(1, 1.0)], &[r]);
        assert_eq!(y.accounts[0].annual, None);
        assert!(!y.accounts[0].full_every_check);
        assert_eq!(y.full_every_check, 0);
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
}
