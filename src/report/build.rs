//! The one aggregation: per-sheet results + account attributes → account results, the round's
//! headline, groups, standings, failures and roll-ups. Every screen and command calls [`build`].

use std::collections::HashMap;

use super::combine::{AccountResult, account_result, account_result_of};
pub use super::model::{AccountLine, Failure, Options, Report, RollupLevel, Tally};
use super::sheet::{Scheme, SheetResult};
use super::sink::Sink;
use crate::domain::account::Account;

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
