//! The one aggregation: per-sheet results + account attributes → account results, the round's
//! headline, groups, standings, failures and roll-ups. Every screen and command calls [`build`].

use super::combine::{AccountResult, account_result, account_result_of};
pub use super::model::{AccountLine, Failure, Options, Report, RollupLevel, Tally};
use super::sheet::{Scheme, SheetResult};
use super::sink::Sink;
use crate::domain::account::Account;

/// Below this many accounts one thread combines them faster than starting more.
const COMBINE_APART_FROM: usize = 20_000;

/// Combines each account's sheets (sheets of accounts not in `accounts` are ignored).
pub fn account_results(
    scheme: &Scheme,
    accounts: &[Account],
    sheets: &[SheetResult],
) -> Vec<AccountResult> {
    let by_account = sheets_by_account(sheets, accounts.len());
    let runs = by_account.runs_of(accounts);
    accounts
        .iter()
        .zip(runs)
        .map(|(a, run)| account_result(scheme, a, &by_account.refs[run]))
        .collect()
}

/// [`account_results`] taking the accounts over instead of copying each into its result.
fn account_results_from(
    scheme: &Scheme,
    accounts: Vec<Account>,
    sheets: &[SheetResult],
) -> Vec<AccountResult> {
    let threads = match accounts.len() {
        n if n < COMBINE_APART_FROM => 1,
        // As many as a split read or recompute uses (`ASSAY_READ_THREADS=1`: one).
        _ => crate::storage::read_parts(),
    };
    combined_in_runs(scheme, accounts, sheets, threads)
}

/// [`account_results_from`] on `threads` threads. The results are written in place, in the
/// accounts' order, into the one vector returned (at 100,000 accounts of 448 bytes each, a
/// vector per thread joined after cost a second write of 45 MB, page faults included).
fn combined_in_runs(
    scheme: &Scheme,
    accounts: Vec<Account>,
    sheets: &[SheetResult],
    threads: usize,
) -> Vec<AccountResult> {
    use rayon::prelude::*;
    let by_account = sheets_by_account(sheets, accounts.len());
    let runs = by_account.runs_of(&accounts);
    let one = |(a, run): (Account, std::ops::Range<usize>)| {
        account_result_of(scheme, a, &by_account.refs[run])
    };
    if threads < 2 {
        return accounts.into_iter().zip(runs).map(one).collect();
    }
    let mut all = Vec::with_capacity(accounts.len());
    // One piece per thread at most, as a split read uses (`ASSAY_READ_THREADS`).
    let least = accounts.len().div_ceil(threads).max(1);
    accounts
        .into_par_iter()
        .zip(runs)
        .with_min_len(least)
        .map(one)
        .collect_into_vec(&mut all);
    all
}

/// Each account's sheets, in the order given: one vector of references in account order (a
/// stable sort, skipped when the sheets come in account order, as kept rows are read) and each
/// account's run of it, rather than a vector per account.
struct ByAccount<'a> {
    refs: Vec<&'a SheetResult>,
    /// Accounts with sheets, in increasing id order, and each one's run of `refs`.
    ids: Vec<i64>,
    starts: Vec<usize>,
}

impl<'a> ByAccount<'a> {
    fn run(&self, i: usize) -> std::ops::Range<usize> {
        self.starts[i]..self.starts.get(i + 1).copied().unwrap_or(self.refs.len())
    }

    #[cfg(test)]
    fn get(&self, account: i64) -> &[&'a SheetResult] {
        match self.ids.binary_search(&account) {
            Ok(i) => &self.refs[self.run(i)],
            Err(_) => &[],
        }
    }

    /// Each account's run, in the order of `accounts` (empty for an account without sheets):
    /// one walk beside the runs when the accounts come in id order (as every store lists them),
    /// a search for each otherwise.
    fn runs_of(&self, accounts: &[Account]) -> Vec<std::ops::Range<usize>> {
        let none = self.refs.len()..self.refs.len();
        if !accounts.is_sorted_by_key(|a| a.id) {
            return accounts
                .iter()
                .map(|a| match self.ids.binary_search(&a.id) {
                    Ok(i) => self.run(i),
                    Err(_) => none.clone(),
                })
                .collect();
        }
        let mut i = 0;
        accounts
            .iter()
            .map(|a| {
                while i < self.ids.len() && self.ids[i] < a.id {
                    i += 1;
                }
                if self.ids.get(i) == Some(&a.id) {
                    self.run(i)
                } else {
                    none.clone()
                }
            })
            .collect()
    }
}

fn sheets_by_account(sheets: &[SheetResult], n: usize) -> ByAccount<'_> {
    let mut refs: Vec<&SheetResult> = sheets.iter().collect();
    if !refs.is_sorted_by_key(|s| s.account_id) {
        refs.sort_by_key(|s| s.account_id);
    }
    let mut ids = Vec::with_capacity(n);
    let mut starts = Vec::with_capacity(n);
    for (i, s) in refs.iter().enumerate() {
        if ids.last() != Some(&s.account_id) {
            ids.push(s.account_id);
            starts.push(i);
        }
    }
    ByAccount { refs, ids, starts }
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
    let rs = account_results_from(scheme, accounts, sheets);
    let threads = match rs.len() {
        n if n < COMBINE_APART_FROM => 1,
        _ => crate::storage::read_parts(),
    };
    let mut sink = counted_in_runs(scheme, opts, &rs, threads);
    for s in sheets {
        sink.sheet(s);
    }
    (sink.finish(), rs)
}

/// The results counted into a sink, on `threads` threads (one run of results each, merged in
/// order: the same figures as one sink fed them all).
fn counted_in_runs<'s>(
    scheme: &'s Scheme,
    opts: &'s Options,
    rs: &[AccountResult],
    threads: usize,
) -> Sink<'s> {
    use rayon::prelude::*;
    let one = |run: &[AccountResult]| {
        let mut sink = Sink::new(scheme, opts, false);
        for r in run {
            sink.count(r);
        }
        sink
    };
    if threads < 2 || rs.is_empty() {
        return one(rs);
    }
    let sinks: Vec<Sink<'s>> = rs.par_chunks(rs.len().div_ceil(threads)).map(one).collect();
    let mut sinks = sinks.into_iter();
    let mut all = sinks.next().unwrap_or_else(|| one(&[]));
    for later in sinks {
        all.merge(later);
    }
    all
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
    sink.reserve(rs.len());
    for r in rs {
        sink.push(r);
    }
    sink.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::rubric::VetoPolicy;
    use crate::report::combine::tests::scheme;
    use crate::report::sheet::SheetStatus;
    use crate::report::tests::{account, sheet};

    /// Combined on several threads, the accounts come back in their order with the results one
    /// thread gives, whatever the split (runs of unequal length, fewer accounts than threads).
    #[test]
    fn combining_on_several_threads_gives_the_one_threads_results_in_order() {
        let accounts: Vec<Account> = (1..=11).map(|i| account(i, &format!("号{i}"))).collect();
        let mut sheets = Vec::new();
        for i in 1..=11 {
            sheets.push(sheet(
                i,
                "张",
                SheetStatus::Complete,
                50.0 + (i * 7 % 40) as f64,
            ));
            if i % 3 != 0 {
                sheets.push(sheet(i, "李", SheetStatus::Submitted, 40.0 + i as f64));
            }
        }
        let s = scheme(VetoPolicy::FailKeepScore);
        let one = combined_in_runs(&s, accounts.clone(), &sheets, 1);
        assert_eq!(one.len(), 11);
        for threads in [2, 3, 4, 16] {
            let many = combined_in_runs(&s, accounts.clone(), &sheets, threads);
            assert_eq!(many, one, "{threads} threads");
        }
    }

    /// Counted on several threads and merged in order, the results give the report one sink
    /// fed them all gives: the round, each group (by level, by unit), failures, evaluators.
    #[test]
    fn counting_on_several_threads_gives_the_one_sinks_report() {
        use crate::domain::platform::Level;
        use crate::report::group::Dim;
        let accounts: Vec<Account> = (1..=13)
            .map(|i| {
                let mut a = account(i, &format!("号{i}"));
                a.unit = ["一局", "二局", "三局"][i as usize % 3].into();
                if i % 4 == 0 {
                    a.level = Level::City;
                }
                a
            })
            .collect();
        let sheets: Vec<SheetResult> = (1..=13)
            .map(|i| sheet(i, "张", SheetStatus::Complete, 30.0 + (i * 11 % 60) as f64))
            .collect();
        let s = scheme(VetoPolicy::FailKeepScore);
        let rs = combined_in_runs(&s, accounts, &sheets, 1);
        for by in [vec![Dim::Level], vec![Dim::Unit, Dim::Level]] {
            let opts = Options {
                by,
                ..Options::default()
            };
            let one = counted_in_runs(&s, &opts, &rs, 1).finish();
            assert!(!one.failures.is_empty() && one.groups.len() > 1);
            for threads in [2, 3, 5, 20] {
                let many = counted_in_runs(&s, &opts, &rs, threads).finish();
                assert_eq!(many, one, "{threads} threads");
            }
        }
    }

    /// Sheets out of account order (as a backend scoring on the fly may give them) are each
    /// account's in the order given, as when they come sorted; accounts without sheets get none.
    #[test]
    fn each_accounts_sheets_are_found_whatever_the_order_given() {
        let sheets = vec![
            sheet(3, "张", SheetStatus::Complete, 70.0),
            sheet(1, "李", SheetStatus::Complete, 60.0),
            sheet(3, "王", SheetStatus::Submitted, 80.0),
            sheet(1, "张", SheetStatus::Complete, 65.0),
        ];
        let by = sheets_by_account(&sheets, 3);
        let names =
            |a: i64| -> Vec<&str> { by.get(a).iter().map(|s| s.evaluator.as_str()).collect() };
        assert_eq!(names(1), ["李", "张"]);
        assert_eq!(names(3), ["张", "王"]);
        assert!(names(2).is_empty());
        let mut sorted = sheets.clone();
        sorted.sort_by_key(|s| s.account_id);
        let accounts: Vec<Account> = (1..=3).map(|i| account(i, &format!("号{i}"))).collect();
        let s = scheme(VetoPolicy::FailKeepScore);
        assert_eq!(
            combined_in_runs(&s, accounts.clone(), &sheets, 1),
            combined_in_runs(&s, accounts, &sorted, 1)
        );
    }
}
