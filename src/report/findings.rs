//! A round's findings (问题) from its stored results: the kept sheet results give each account's
//! final verdict and upheld vetoes by the one aggregation, the counted sheets' entries (with the
//! chair's consensus in place) give the items, and [`crate::domain::finding`] says what a finding
//! is. Rectification, appeals, the bulletin and repeat offenders all read findings from here.

use std::collections::HashMap;

use super::combine::AccountResult;
use super::source::{Loaded, Source, SourceError, load_agreeing, round_rubric};
use crate::domain::entry::Entry;
use crate::domain::finding::{Combining, CountedSheet, FinalAccount, Finding, account_findings};
use crate::storage::{ConsensusMap, Round, Store};

/// A round's findings with the account results they come from.
pub struct RoundFindings {
    pub loaded: Loaded,
    /// Every account's result, in the round's account order.
    pub results: Vec<AccountResult>,
    /// Findings of the accounts with a final verdict, in account order, each account's vetoes
    /// first then its deductions in rubric order.
    pub findings: Vec<Finding>,
}

impl RoundFindings {
    /// The findings of account `id`.
    pub fn of_account(&self, id: i64) -> impl Iterator<Item = &Finding> {
        self.findings.iter().filter(move |f| f.account_id == id)
    }
}

/// The findings of `round` from its kept results.
pub fn round_findings(store: &mut Store, round: &Round) -> Result<RoundFindings, SourceError> {
    round_findings_agreeing(store, round, &ConsensusMap::new())
}

/// The findings of `round` with `extra` consensus put over the stored one, as if it had been
/// recorded: what a changed appeal leaves, before the change is written.
pub fn round_findings_agreeing(
    store: &mut Store,
    round: &Round,
    extra: &ConsensusMap,
) -> Result<RoundFindings, SourceError> {
    let rubric = round_rubric(round)?;
    let loaded = load_agreeing(store, round, rubric, Source::Kept, None, extra)?;
    let results = super::account_results(&loaded.scheme, &loaded.accounts, &loaded.sheets);
    let entries = counted_entries(store, round.id, &results, extra)?;
    let how = Combining {
        method: loaded.scheme.panel.method,
        categories: &loaded.scheme.category_methods,
    };
    let mut findings = Vec::new();
    let none: Vec<Entry> = Vec::new();
    for r in results.iter().filter(|r| r.has_result()) {
        let account = FinalAccount {
            account_id: r.account.id,
            platform: r.account.platform,
            level: r.account.level,
            vetoes: &r.vetoes,
            sheets: (r.evaluators.iter())
                .map(|ev| CountedSheet {
                    evaluator: ev,
                    entries: entries.get(&(r.account.id, ev.clone())).unwrap_or(&none),
                })
                .collect(),
        };
        let found =
            account_findings(&loaded.rubric, how, &account).map_err(|err| SourceError::Panel {
                round: round.name.clone(),
                err,
            })?;
        findings.extend(found);
    }
    Ok(RoundFindings {
        loaded,
        results,
        findings,
    })
}

/// The entries of every counted sheet of an account with a final verdict, by (account id,
/// evaluator name), the chair's consensus put in place of the evaluators' own values.
fn counted_entries(
    store: &Store,
    round_id: i64,
    results: &[AccountResult],
    extra: &ConsensusMap,
) -> Result<HashMap<(i64, String), Vec<Entry>>, SourceError> {
    let wanted: HashMap<i64, &AccountResult> = (results.iter())
        .filter(|r| r.has_result())
        .map(|r| (r.account.id, r))
        .collect();
    let (_, names) = store.round_sheet_context(round_id)?;
    let agreed = super::agreed::stored_with(store, round_id, extra)?;
    let mut out: HashMap<(i64, String), Vec<Entry>> = HashMap::new();
    store.for_each_sheet_in(round_id, i64::MIN..=i64::MAX, &mut |a, e, sheet| {
        let (Some(r), Some(name)) = (wanted.get(&a), names.get(&e)) else {
            return;
        };
        if !r.evaluators.contains(name) {
            return;
        }
        let mut entries = sheet.to_vec();
        if let Some(items) = agreed.get(&a) {
            super::agreed::substitute(&mut entries, items);
        }
        out.insert((a, name.clone()), entries);
    })?;
    Ok(out)
}
