//! The one aggregation: per-sheet results + account attributes → account results, the round's
//! headline, groups, standings, failures and roll-ups. Every screen and command calls [`build`].

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::combine::{AccountResult, account_result, account_result_of};
use super::group::{Dim, GroupStats};
use super::rank::Standing;
use super::rollup::{Node, RollupRule};
use super::sheet::{Scheme, SheetResult};
pub use super::sink::{Sink, Tally};
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
    /// Accounts by level and platform, and counted sheets, over every account in scope.
    #[serde(default)]
    pub tally: Tally,
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

/// [`build_from`] without account lines, and the account results themselves (in account
/// order) for a caller that groups and ranks them its own way.
pub fn build_results(
    scheme: &Scheme,
    accounts: Vec<Account>,
    sheets: &[SheetResult],
    opts: &Options,
) -> (Report, Vec<AccountResult>) {
    let mut sink = Sink::new(scheme, opts, true);
    for s in sheets {
        sink.sheet(s);
    }
    for r in account_results_from(scheme, accounts, sheets) {
        sink.push(r);
    }
    sink.finish_with_results()
}

fn build_on(
    scheme: &Scheme,
    rs: Vec<AccountResult>,
    sheets: &[SheetResult],
    opts: &Options,
) -> Report {
    let mut sink = Sink::new(scheme, opts, true);
    for s in sheets {
        sink.sheet(s);
    }
    for r in rs {
        sink.push(r);
    }
    sink.finish()
}
