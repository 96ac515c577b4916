//! The annual assessment (年度考核): the year's rounds combined per account and per host unit
//! with a weight per round (default equal), each account's annual result (合格/不合格: a veto in
//! any round fails the year unless the office chooses otherwise), its rank (accounts vetoed in
//! the year after every other), every veto of the year with its round, and the accounts at full
//! marks in every check they were part of (seed 004 counts 166). Pure: it takes each round's
//! account results from the one aggregation. Figures are the rounds' published totals, the
//! annual score their weighted mean published once (half-up) at the rubric's decimals.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::domain::account::Account;
use crate::domain::figure::{Exact, Figure, dec};
use crate::domain::rubric::Side;
use crate::i18n::Lang;
use crate::report::rank::ranks;
use crate::report::{AccountResult, Verdict};

/// One round of the year, its weight and the rubric facts the annual result is judged by.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct YearRound {
    pub id: i64,
    pub name: String,
    pub monitoring_date: String,
    pub weight: f64,
    /// The round's rubric (name and id), pass mark and side.
    pub rubric: String,
    pub pass_mark: f64,
    pub pass_side: Side,
}

/// What a veto in one round does to the year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum VetoYear {
    /// A veto in any round fails the year (the default).
    #[default]
    Fail,
    /// The year is judged on the annual score alone; the veto is still shown.
    Score,
}

impl VetoYear {
    /// `fail` or `score`.
    pub fn parse(s: &str) -> Option<VetoYear> {
        match s.trim() {
            "fail" => Some(VetoYear::Fail),
            "score" => Some(VetoYear::Score),
            _ => None,
        }
    }
}

/// A veto recorded in one of the year's rounds.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct YearVeto {
    pub account_id: i64,
    pub account: String,
    pub platform: String,
    pub unit: String,
    pub round: String,
    pub reasons: Vec<String>,
}

/// One account over the year.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct YearAccount {
    pub account: Account,
    /// The account's published total in each round (rounds order); `None` where it has no
    /// final result or its veto left no score.
    pub totals: Vec<Option<Figure>>,
    /// Its state in each round (passed, failed, unscored, below_quorum, pending_review).
    pub states: Vec<Option<Verdict>>,
    /// Weighted mean over the rounds with a total (weights renormalised over those), published.
    pub annual: Option<Figure>,
    /// The annual result: passed or failed, or unscored when no round has a final result.
    pub result: Verdict,
    /// Rank of the year: accounts vetoed in the year after every other; none without a result.
    pub rank: Option<usize>,
    /// Rounds in which it has a result, in which it failed (on points or by a veto), and in which
    /// it was vetoed.
    pub rounds_with_result: usize,
    pub rounds_failed: usize,
    pub rounds_vetoed: usize,
    /// The year's vetoes of this account, 「round: item: reason」.
    pub vetoes: Vec<String>,
    /// Full marks in every round in which it has a result (and at least one such round).
    pub full_every_check: bool,
}

/// One host unit over the year: the mean of its accounts' annual scores.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct YearUnit {
    pub unit: String,
    pub accounts: usize,
    pub with_score: usize,
    pub annual: Option<Figure>,
    pub vetoes: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Annual {
    pub year: i32,
    /// Decimals the annual figures are published at.
    pub decimals: u32,
    pub veto_year: VetoYear,
    pub rounds: Vec<YearRound>,
    /// In rank order; accounts without a result last.
    pub accounts: Vec<YearAccount>,
    pub units: Vec<YearUnit>,
    pub vetoes: Vec<YearVeto>,
    /// Accounts passed and failed for the year, and without any final result (未评分).
    pub passed: usize,
    pub failed: usize,
    pub unscored: usize,
    /// Accounts at full marks in every check of the year they had a result in.
    pub full_every_check: usize,
}

/// Combines the year's rounds: `results[i]` are the account results of `rounds[i]`; figures are
/// published at `decimals`.
pub fn annual(
    year: i32,
    rounds: Vec<YearRound>,
    results: &[Vec<AccountResult>],
    decimals: u32,
    veto_year: VetoYear,
    lang: Lang,
) -> Annual {
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
                    platform: account.platform_label.clone(),
                    unit: account.unit.clone(),
                    round: rounds[ri].name.clone(),
                    reasons: r.vetoes.iter().map(|v| v.label(lang)).collect(),
                });
            }
        }
        accounts.push(year_account(
            account, &per, &rounds, decimals, veto_year, lang,
        ));
    }
    rank(&mut accounts);
    let units = units(&accounts, &vetoes, decimals);
    let count = |v: Verdict| accounts.iter().filter(|a| a.result == v).count();
    Annual {
        year,
        decimals,
        veto_year,
        passed: count(Verdict::Passed),
        failed: count(Verdict::Failed),
        unscored: count(Verdict::Unscored),
        full_every_check: accounts.iter().filter(|a| a.full_every_check).count(),
        rounds,
        accounts,
        units,
        vetoes,
    }
}

/// Ranks the year (vetoed accounts after every other) and sorts the accounts by rank.
fn rank(accounts: &mut [YearAccount]) {
    let keys: Vec<Option<(u8, Option<Figure>)>> = accounts
        .iter()
        .map(|a| (a.result != Verdict::Unscored).then(|| (u8::from(a.rounds_vetoed > 0), a.annual)))
        .collect();
    for (a, r) in accounts.iter_mut().zip(ranks(&keys)) {
        a.rank = r;
    }
    accounts.sort_by_key(|a| (a.rank.is_none(), a.rank, a.account.id));
}

fn year_account(
    account: Account,
    per: &[Option<&AccountResult>],
    rounds: &[YearRound],
    decimals: u32,
    veto_year: VetoYear,
    lang: Lang,
) -> YearAccount {
    let finals: Vec<Option<&AccountResult>> =
        per.iter().map(|r| r.filter(|r| r.has_result())).collect();
    let totals: Vec<Option<Figure>> = finals.iter().map(|r| r.and_then(|r| r.total)).collect();
    // Σ w·t / Σ w over the rounds with a total, and the pass marks weighted alike.
    let (mut sum, mut mark, mut wsum) = (Exact::ZERO, Exact::ZERO, Exact::ZERO);
    let mut above = true;
    for (t, r) in totals.iter().zip(rounds) {
        if let Some(t) = t {
            let w = dec(r.weight).exact();
            sum = sum.add(&t.exact().mul(&w));
            mark = mark.add(&dec(r.pass_mark).exact().mul(&w));
            wsum = wsum.add(&w);
            above &= r.pass_side == Side::Above;
        }
    }
    let annual = sum.div(&wsum).map(|x| x.publish(decimals));
    let with: Vec<&AccountResult> = finals.iter().flatten().copied().collect();
    let vetoed: Vec<(usize, &AccountResult)> = finals
        .iter()
        .enumerate()
        .filter_map(|(i, r)| r.filter(|r| r.vetoed()).map(|r| (i, r)))
        .collect();
    let passes_on_score = annual.is_some_and(|a| {
        let m = mark.div(&wsum).unwrap_or_default();
        if above { a.exact() > m } else { a.exact() >= m }
    });
    let result = if with.is_empty() {
        Verdict::Unscored
    } else if !vetoed.is_empty() && veto_year == VetoYear::Fail {
        Verdict::Failed
    } else if passes_on_score {
        Verdict::Passed
    } else {
        Verdict::Failed
    };
    YearAccount {
        annual,
        result,
        rank: None,
        rounds_with_result: with.len(),
        rounds_failed: with.iter().filter(|r| r.verdict == Verdict::Failed).count(),
        rounds_vetoed: vetoed.len(),
        vetoes: vetoed
            .iter()
            .flat_map(|(i, r)| {
                r.vetoes.iter().map(move |v| {
                    format!(
                        "{}{}{}",
                        rounds[*i].name,
                        lang.pick("：", ": "),
                        v.label(lang)
                    )
                })
            })
            .collect(),
        full_every_check: !with.is_empty() && with.iter().all(|r| r.full_marks),
        states: per.iter().map(|r| r.map(|r| r.verdict)).collect(),
        totals,
        account,
    }
}

fn units(accounts: &[YearAccount], vetoes: &[YearVeto], decimals: u32) -> Vec<YearUnit> {
    let mut by: BTreeMap<&str, Vec<&YearAccount>> = BTreeMap::new();
    for a in accounts {
        by.entry(a.account.unit.as_str()).or_default().push(a);
    }
    by.into_iter()
        .map(|(unit, xs)| {
            let scores: Vec<Figure> = xs.iter().filter_map(|a| a.annual).collect();
            YearUnit {
                unit: unit.to_string(),
                accounts: xs.len(),
                with_score: scores.len(),
                annual: crate::report::stats::mean(&scores).map(|m| m.publish(decimals)),
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
mod tests;
