//! Repeat offenders (seed 000: 「多次发现突出问题且整改不力」 → 关停; seed 003: 连续 2 次被通报 →
//! 清理整合): an account with the same finding (the same indicator vetoed or deducted, as
//! [`crate::domain::finding`] defines a finding) in N of the last M rounds, or failed twice in
//! the year under review, flagged with its history (each round's verdict, total and findings).
//! Pure: the rounds' results and findings come from [`super::findings`].

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use super::combine::{AccountResult, Verdict};
use crate::domain::account::Account;
use crate::domain::figure::Figure;
use crate::domain::finding::{Finding, Kind};

/// One round as the rule reads it, oldest first.
#[derive(Debug, Clone)]
pub struct RoundFacts {
    pub id: i64,
    pub name: String,
    pub date: NaiveDate,
    pub results: Vec<AccountResult>,
    pub findings: Vec<Finding>,
}

/// What the office is advised to do with a flagged account.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Advice {
    /// 建议关停 (seed 000).
    Close,
    /// 建议清理整合 (seed 003).
    Merge,
    /// 建议关停或整合 (no preset).
    CloseOrMerge,
}

/// The rule: the same finding in `times` of the last `rounds` rounds, or `failures` failures in
/// the year under review.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Rule {
    pub rounds: usize,
    pub times: usize,
    pub failures: usize,
    pub advice: Advice,
}

/// Why an account is flagged.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "criterion", rename_all = "snake_case")]
pub enum Reason {
    /// The same item vetoed or deducted in `times` of the last `of` rounds.
    SameFinding {
        item: String,
        name: String,
        kind: Kind,
        times: usize,
        of: usize,
        rounds: Vec<String>,
    },
    /// Failed `times` times in `year`.
    FailedInYear {
        year: i32,
        times: usize,
        rounds: Vec<String>,
    },
}

/// An account's findings in one round: item name, veto or deduction, points lost.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Item {
    pub item: String,
    pub name: String,
    pub kind: Kind,
    pub lost: Option<Figure>,
}

/// An account in one round of its history.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HistoryRow {
    pub round_id: i64,
    pub round: String,
    pub date: NaiveDate,
    /// `None`: the account was not in the round.
    pub verdict: Option<Verdict>,
    pub vetoed: bool,
    pub total: Option<Figure>,
    pub items: Vec<Item>,
}

/// A flagged account.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Offender {
    pub account: Account,
    pub advice: Advice,
    pub reasons: Vec<Reason>,
    pub history: Vec<HistoryRow>,
}

/// The rounds the same-finding criterion reads (the last `rule.rounds`) and the ones the
/// failure criterion reads (those of the latest round's year, or of `year`).
fn windows(rounds: &[RoundFacts], rule: &Rule, year: Option<i32>) -> (Vec<usize>, Vec<usize>) {
    let last = rounds.len().saturating_sub(rule.rounds);
    let recent: Vec<usize> = (last..rounds.len()).collect();
    let year = year.or_else(|| rounds.last().map(|r| r.date.year()));
    let of_year = (0..rounds.len())
        .filter(|&i| Some(rounds[i].date.year()) == year)
        .collect();
    (recent, of_year)
}

/// The flagged accounts, by account id. `rounds` are oldest first; with `year`, the rounds are
/// that year's (the caller selects them) and the failure criterion reads that year.
pub fn offenders(rounds: &[RoundFacts], rule: &Rule, year: Option<i32>) -> Vec<Offender> {
    let (recent, of_year) = windows(rounds, rule, year);
    // (account, item) → the recent rounds in which it was found.
    let mut found: BTreeMap<(i64, &str), Vec<usize>> = BTreeMap::new();
    for &i in &recent {
        let mut seen = BTreeSet::new();
        for f in &rounds[i].findings {
            if seen.insert((f.account_id, f.item.as_str())) {
                found
                    .entry((f.account_id, f.item.as_str()))
                    .or_default()
                    .push(i);
            }
        }
    }
    let mut reasons: BTreeMap<i64, Vec<Reason>> = BTreeMap::new();
    for ((account, item), at) in &found {
        if at.len() >= rule.times {
            let f = (rounds[at[0]].findings.iter())
                .find(|f| f.account_id == *account && f.item == *item);
            let Some(f) = f else { continue };
            reasons
                .entry(*account)
                .or_default()
                .push(Reason::SameFinding {
                    item: f.item.clone(),
                    name: f.name.clone(),
                    kind: f.kind,
                    times: at.len(),
                    of: recent.len(),
                    rounds: at.iter().map(|&i| rounds[i].name.clone()).collect(),
                });
        }
    }
    for (account, failed) in failures(rounds, &of_year) {
        if failed.len() >= rule.failures {
            let year = rounds[failed[0]].date.year();
            reasons
                .entry(account)
                .or_default()
                .push(Reason::FailedInYear {
                    year,
                    times: failed.len(),
                    rounds: failed.iter().map(|&i| rounds[i].name.clone()).collect(),
                });
        }
    }
    let read: BTreeSet<usize> = recent.iter().chain(&of_year).copied().collect();
    reasons
        .into_iter()
        .filter_map(|(id, reasons)| {
            let account = account_of(rounds, id)?;
            Some(Offender {
                account,
                advice: rule.advice,
                reasons,
                history: read.iter().map(|&i| history_row(&rounds[i], id)).collect(),
            })
        })
        .collect()
}

/// Each account's failed rounds among `which`.
fn failures(rounds: &[RoundFacts], which: &[usize]) -> BTreeMap<i64, Vec<usize>> {
    let mut out: BTreeMap<i64, Vec<usize>> = BTreeMap::new();
    for &i in which {
        for r in rounds[i]
            .results
            .iter()
            .filter(|r| r.verdict == Verdict::Failed)
        {
            out.entry(r.account.id).or_default().push(i);
        }
    }
    out
}

/// The account as the latest round that holds it has it.
fn account_of(rounds: &[RoundFacts], id: i64) -> Option<Account> {
    rounds
        .iter()
        .rev()
        .find_map(|r| r.results.iter().find(|a| a.account.id == id))
        .map(|a| a.account.clone())
}

fn history_row(r: &RoundFacts, id: i64) -> HistoryRow {
    let result = r.results.iter().find(|a| a.account.id == id);
    HistoryRow {
        round_id: r.id,
        round: r.name.clone(),
        date: r.date,
        verdict: result.map(|a| a.verdict),
        vetoed: result.is_some_and(|a| a.vetoed()),
        total: result.and_then(|a| a.total.filter(|_| a.has_result())),
        items: (r.findings.iter())
            .filter(|f| f.account_id == id)
            .map(|f| Item {
                item: f.item.clone(),
                name: f.name.clone(),
                kind: f.kind,
                lost: f.lost,
            })
            .collect(),
    }
}
