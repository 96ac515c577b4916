//! The one aggregation: per-sheet results + account attributes → account results, the round's
//! headline, groups, standings, failures and roll-ups. Every screen and command calls [`build`].

use std::collections::{BTreeSet, HashMap};

use serde::{Deserialize, Serialize};

use super::combine::{AccountResult, Verdict, account_result, account_result_of};
use super::group::{Dim, GroupStats, partition};
use super::rank::{Standing, standings};
use super::rollup::{Node, RollupRule, roll_levels};
use super::sheet::{Scheme, SheetResult};
use crate::domain::account::Account;
use crate::domain::platform::Platform;
use crate::i18n::Lang;

/// What to compute besides the headline.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Options {
    /// Grouping dimensions (empty: the whole round is the only group).
    pub by: Vec<Dim>,
    /// Region depths to roll up to (deepest first is applied regardless of order) and the rule.
    pub rollup: Option<(Vec<usize>, RollupRule)>,
    /// Language of group labels.
    pub lang: Lang,
}

/// A failed account with its reasons.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Failure {
    pub account_id: i64,
    pub platform: Platform,
    pub name: String,
    pub unit: String,
    /// The published total after the veto policy (`None`: the policy leaves no score, 「—」).
    pub total: Option<crate::domain::figure::Figure>,
    /// "item name: reason" for each distinct veto; empty when it failed on points.
    pub vetoes: Vec<String>,
}

/// One account's line: its result, its group and its standing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AccountLine {
    #[serde(flatten)]
    pub result: AccountResult,
    pub group: Vec<String>,
    #[serde(flatten)]
    pub standing: Standing,
}

/// One roll-up level.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RollupLevel {
    pub depth: usize,
    pub rule: RollupRule,
    pub nodes: Vec<Node>,
}

/// Everything a report shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    pub scheme: Scheme,
    /// Evaluators whose counted (complete or submitted) sheets the figures use.
    pub evaluators: Vec<String>,
    /// Evaluators with sheets still in progress (not counted).
    pub evaluators_in_progress: Vec<String>,
    pub by: Vec<Dim>,
    /// The whole round.
    pub overall: GroupStats,
    pub groups: Vec<GroupStats>,
    pub accounts: Vec<AccountLine>,
    pub failures: Vec<Failure>,
    pub rollups: Vec<RollupLevel>,
}

/// Combines each account's sheets (sheets of accounts not in `accounts` are ignored).
pub fn account_results(
    scheme: &Scheme,
    accounts: &[Account],
    sheets: &[SheetResult],
) -> Vec<AccountResult> {
    let by_account = sheets_by_account(sheets, accounts.len());
    accounts
        .iter()
        .map(|a| {
            let mine = by_account.get(&a.id).map_or(&[][..], Vec::as_slice);
            account_result(scheme, a, mine)
        })
        .collect()
}

/// [`account_results`] taking the accounts over instead of copying each into its result.
fn account_results_from(
    scheme: &Scheme,
    accounts: Vec<Account>,
    sheets: &[SheetResult],
) -> Vec<AccountResult> {
    let by_account = sheets_by_account(sheets, accounts.len());
    accounts
        .into_iter()
        .map(|a| {
            let mine = by_account.get(&a.id).map_or(&[][..], Vec::as_slice);
            account_result_of(scheme, a, mine)
        })
        .collect()
}

fn sheets_by_account(sheets: &[SheetResult], n: usize) -> HashMap<i64, Vec<&SheetResult>> {
    let mut by_account: HashMap<i64, Vec<&SheetResult>> = HashMap::with_capacity(n);
    for s in sheets {
        by_account.entry(s.account_id).or_default().push(s);
    }
    by_account
}

/// The whole aggregation.
pub fn build(
    scheme: &Scheme,
    accounts: &[Account],
    sheets: &[SheetResult],
    opts: &Options,
) -> Report {
    build_on(
        scheme,
        account_results(scheme, accounts, sheets),
        sheets,
        opts,
    )
}

/// [`build`] taking the accounts over (a caller done with them saves copying every account).
pub fn build_from(
    scheme: &Scheme,
    accounts: Vec<Account>,
    sheets: &[SheetResult],
    opts: &Options,
) -> Report {
    build_on(
        scheme,
        account_results_from(scheme, accounts, sheets),
        sheets,
        opts,
    )
}

fn build_on(
    scheme: &Scheme,
    rs: Vec<AccountResult>,
    sheets: &[SheetResult],
    opts: &Options,
) -> Report {
    let all: Vec<&AccountResult> = rs.iter().collect();
    let overall = GroupStats::of(scheme, Vec::new(), &all, opts.lang);
    let parts = partition(&rs, &opts.by, opts.lang);
    let groups: Vec<GroupStats> = if opts.by.is_empty() {
        Vec::new()
    } else {
        parts
            .iter()
            .map(|(key, idx)| {
                let members: Vec<&AccountResult> = idx.iter().map(|&i| &rs[i]).collect();
                GroupStats::of(scheme, key.clone(), &members, opts.lang)
            })
            .collect()
    };
    let members: Vec<Vec<usize>> = parts.iter().map(|(_, idx)| idx.clone()).collect();
    let st = standings(&rs, &members, scheme.decimals);
    let mut group_of = vec![Vec::new(); rs.len()];
    for (key, idx) in &parts {
        for &i in idx {
            group_of[i] = key.clone();
        }
    }
    let rollups = opts
        .rollup
        .as_ref()
        .map(|(depths, rule)| {
            roll_levels(&rs, depths, *rule, scheme.decimals)
                .into_iter()
                .map(|(depth, nodes)| RollupLevel {
                    depth,
                    rule: *rule,
                    nodes,
                })
                .collect()
        })
        .unwrap_or_default();
    let (evaluators, evaluators_in_progress) = evaluator_sets(sheets);
    let failures = failures(&rs, opts.lang);
    let accounts = rs
        .into_iter()
        .zip(st)
        .zip(group_of)
        .map(|((result, standing), group)| AccountLine {
            result,
            group,
            standing,
        })
        .collect();
    Report {
        scheme: scheme.clone(),
        evaluators,
        evaluators_in_progress,
        by: opts.by.clone(),
        overall,
        groups,
        accounts,
        failures,
        rollups,
    }
}

fn evaluator_sets(sheets: &[SheetResult]) -> (Vec<String>, Vec<String>) {
    let mut counted = BTreeSet::new();
    let mut open = BTreeSet::new();
    for s in sheets {
        if s.status.counts() {
            counted.insert(s.evaluator.as_str());
        } else {
            open.insert(s.evaluator.as_str());
        }
    }
    let own = |s: BTreeSet<&str>| s.into_iter().map(str::to_owned).collect();
    (own(counted), own(open))
}

fn failures(rs: &[AccountResult], lang: Lang) -> Vec<Failure> {
    rs.iter()
        .filter(|r| r.verdict == Verdict::Failed)
        .map(|r| Failure {
            account_id: r.account.id,
            platform: r.account.platform,
            name: r.account.name.clone(),
            unit: r.account.unit.clone(),
            total: r.total,
            vetoes: r.vetoes.iter().map(|v| v.label(lang)).collect(),
        })
        .collect()
}
