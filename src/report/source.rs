//! Feeding the aggregation from a database: the kept sheet results (fast: one row per sheet), or
//! a full recompute from every entry (`report --recompute`), and the check that both agree
//! (`report --verify`). The aggregation itself never sees storage.

use std::collections::{HashMap, HashSet};
use std::ops::RangeInclusive;

use serde::Serialize;

use super::sheet::{Combine, Scheme, SheetFigures, SheetResult};
use crate::domain::account::Account;
use crate::domain::engine;
use crate::domain::entry::Entry;
use crate::domain::panel::PanelPolicy;
use crate::domain::rubric::Rubric;
use crate::storage::{ConsensusMap, Round, Store, StoreError};

#[derive(Debug, thiserror::Error)]
pub enum SourceError {
    #[error("round {round}: its pinned rubric does not parse: {message}")]
    Rubric { round: String, message: String },
    #[error("{round}: {err}")]
    Panel {
        round: String,
        err: crate::domain::panel::PanelError,
    },
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Where sheet results come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Source {
    /// The kept results (recomputing only stale rows).
    #[default]
    Kept,
    /// Every entry scored again; the kept table is not read.
    Recompute,
}

/// A round ready to aggregate.
pub struct Loaded {
    pub rubric: Rubric,
    pub scheme: Scheme,
    pub accounts: Vec<Account>,
    pub sheets: Vec<SheetResult>,
    /// The evaluators' own points of the sheets the chair's consensus rescored (shown beside).
    pub own_points: super::agreed::OwnPoints,
}

/// Parses the round's pinned rubric.
pub fn round_rubric(round: &Round) -> Result<Rubric, SourceError> {
    crate::domain::rubric::parse(&round.rubric_text, "rubric").map_err(|e| SourceError::Rubric {
        round: round.name.clone(),
        message: e.to_string(),
    })
}

/// The round's panel settings (`panel config`; the default: mean, quorum 1, any veto), with the
/// method replaced by `method` when given, refused when they cannot give a result.
pub fn round_policy(
    store: &Store,
    round: &Round,
    method: Option<Combine>,
) -> Result<PanelPolicy, SourceError> {
    let mut policy = store.panel_policy(round.id)?;
    if let Some(m) = method {
        policy.method = m;
    }
    policy.check().map_err(|err| SourceError::Panel {
        round: round.name.clone(),
        err,
    })?;
    Ok(policy)
}

/// Loads a round's accounts and sheet results, under the round's panel settings (`method`
/// overrides the stored method).
pub fn load(
    store: &mut Store,
    round: &Round,
    source: Source,
    method: Option<Combine>,
) -> Result<Loaded, SourceError> {
    let rubric = round_rubric(round)?;
    load_under(store, round, rubric, source, method)
}

/// [`load`] scoring under `rubric` instead of the round's pinned one (what-if weights): with
/// [`Source::Recompute`] nothing is written, so a read-only connection serves.
pub fn load_under(
    store: &mut Store,
    round: &Round,
    rubric: Rubric,
    source: Source,
    method: Option<Combine>,
) -> Result<Loaded, SourceError> {
    load_agreeing(store, round, rubric, source, method, &ConsensusMap::new())
}

/// [`load_under`] with `extra` consensus put over the round's stored one, as if it had been
/// recorded (an appeal's changed finding, computed before it is written with its decision).
pub fn load_agreeing(
    store: &mut Store,
    round: &Round,
    rubric: Rubric,
    source: Source,
    method: Option<Combine>,
    extra: &ConsensusMap,
) -> Result<Loaded, SourceError> {
    let policy = round_policy(store, round, method)?;
    let (accounts, mut sheets) = match source {
        Source::Kept => kept_with_accounts(store, round.id)?,
        Source::Recompute => {
            let accounts = store.round_accounts_split(round.id, crate::storage::read_parts())?;
            let sheets = recompute(store, round.id, &rubric, &accounts)?;
            (accounts, sheets)
        }
    };
    let own_points =
        super::agreed::apply_stored_with(store, round.id, extra, &rubric, &accounts, &mut sheets)?;
    Ok(Loaded {
        scheme: round_scheme(store, round, &rubric, policy)?,
        rubric,
        accounts,
        sheets,
        own_points,
    })
}

/// The aggregation's facts for the round: the rubric's under the panel `policy`, with the
/// categories' own combining methods, refused when a category's method cannot give a result.
pub fn round_scheme(
    store: &Store,
    round: &Round,
    rubric: &Rubric,
    policy: PanelPolicy,
) -> Result<Scheme, SourceError> {
    let own = store.category_methods(round.id)?;
    if let Some(err) = category_check(&policy, &own) {
        return Err(SourceError::Panel {
            round: round.name.clone(),
            err,
        });
    }
    Ok(Scheme::of(rubric, policy).with_category_methods(&own))
}

/// A category on the trimmed mean needs the quorum of 3 the round's trimmed mean needs.
pub fn category_check(
    policy: &PanelPolicy,
    own: &[(String, crate::domain::panel::Method)],
) -> Option<crate::domain::panel::PanelError> {
    let trimmed = own
        .iter()
        .any(|(_, m)| *m == crate::domain::panel::Method::Trimmed);
    (trimmed && policy.quorum < 3).then_some(crate::domain::panel::PanelError::TrimNeedsQuorum {
        quorum: policy.quorum,
    })
}

/// The round's accounts and kept results; on a database file the accounts are read on another
/// thread through a read-only connection while this one reads (and if need be refreshes) the
/// kept rows.
fn kept_with_accounts(
    store: &mut Store,
    round_id: i64,
) -> Result<(Vec<Account>, Vec<SheetResult>), StoreError> {
    let Ok(Some(reader)) = store.reader() else {
        return Ok((store.round_accounts(round_id)?, kept(store, round_id)?));
    };
    std::thread::scope(|scope| {
        let accounts = scope.spawn(move || reader.round_accounts(round_id));
        let sheets = kept(store, round_id);
        let accounts = accounts
            .join()
            .unwrap_or_else(|p| std::panic::resume_unwind(p));
        Ok((accounts?, sheets?))
    })
}

fn kept(store: &mut Store, round_id: i64) -> Result<Vec<SheetResult>, StoreError> {
    store.kept_sheet_results(round_id)
}

/// Scores every sheet again from its entries. On a database file the round's accounts are split
/// into as many id ranges as there are cores (at most 4), each scanned and scored on its own
/// thread through its own read-only connection; in memory, one scan. Results come in account
/// then evaluator order either way.
pub fn recompute_figures(
    store: &Store,
    round_id: i64,
    rubric: &Rubric,
    accounts: &[Account],
) -> Result<Vec<(i64, i64, SheetFigures)>, StoreError> {
    let parts = crate::storage::read_parts();
    recompute_in_parts(store, round_id, rubric, accounts, parts, &|a, e, f| {
        Some((a, e, f))
    })
}

/// [`recompute_figures`] split into at most `parts` scans, each thread turning its sheets'
/// figures into what the caller keeps (`keep`; `None` drops the sheet).
fn recompute_in_parts<T: Send>(
    store: &Store,
    round_id: i64,
    rubric: &Rubric,
    accounts: &[Account],
    parts: usize,
    keep: &(dyn Fn(i64, i64, SheetFigures) -> Option<T> + Sync),
) -> Result<Vec<T>, StoreError> {
    let kinds: HashMap<i64, &Account> = accounts.iter().map(|a| (a.id, a)).collect();
    let scorer = engine::Scorer::new(rubric);
    let score = |out: &mut Vec<T>, a: i64, e: i64, sheet: &[Entry]| {
        if let Some(acc) = kinds.get(&a) {
            let o = scorer.lean(acc.platform, acc.level, sheet);
            out.extend(keep(a, e, SheetFigures::of(&o)));
        }
    };
    // A connection that cannot be opened (file handles, a file system without WAL readers)
    // only means fewer parts.
    let readers: Vec<Store> = (1..parts)
        .map_while(|_| store.reader().ok().flatten())
        .collect();
    let ranges = split_ids(accounts, readers.len() + 1);
    std::thread::scope(|scope| {
        let score = &score;
        let parts: Vec<_> = readers
            .into_iter()
            .zip(ranges.iter().skip(1).cloned())
            .map(|(reader, range)| {
                scope.spawn(move || {
                    let mut out = Vec::new();
                    reader
                        .for_each_sheet_in(round_id, range, &mut |a, e, s| score(&mut out, a, e, s))
                        .map(|()| out)
                })
            })
            .collect();
        let mut out = Vec::new();
        let first = store.for_each_sheet_in(round_id, ranges[0].clone(), &mut |a, e, s| {
            score(&mut out, a, e, s)
        });
        let mut result = first.map(|()| out);
        for part in parts {
            let part = part.join().unwrap_or_else(|p| std::panic::resume_unwind(p));
            result = result.and_then(|mut out| {
                out.extend(part?);
                Ok(out)
            });
        }
        result
    })
}

/// `n` consecutive account id ranges covering every id, with about as many of the round's
/// accounts in each.
fn split_ids(accounts: &[Account], n: usize) -> Vec<RangeInclusive<i64>> {
    let mut ids: Vec<i64> = accounts.iter().map(|a| a.id).collect();
    ids.sort_unstable();
    split_id_list(&ids, n)
}

/// [`split_ids`] of sorted ids.
pub(super) fn split_id_list(ids: &[i64], n: usize) -> Vec<RangeInclusive<i64>> {
    // Each part starts at an account id (the first at the lowest possible id), ends before the
    // next part's start; the last ends at the highest possible id.
    let mut starts = vec![i64::MIN];
    for k in 1..n {
        if let Some(&id) = ids.get(k * ids.len() / n) {
            starts.push(id.max(starts[starts.len() - 1]));
        }
    }
    let mut out: Vec<RangeInclusive<i64>> = starts
        .windows(2)
        .map(|w| w[0]..=w[1].saturating_sub(1))
        .collect();
    out.push(starts[starts.len() - 1]..=i64::MAX);
    out
}

fn recompute(
    store: &Store,
    round_id: i64,
    rubric: &Rubric,
    accounts: &[Account],
) -> Result<Vec<SheetResult>, StoreError> {
    let (submitted, names) = store.round_sheet_context(round_id)?;
    let parts = crate::storage::read_parts();
    // Each scan thread makes its own sheet results: no second pass over 300,000 sheets after.
    recompute_in_parts(store, round_id, rubric, accounts, parts, &|a, e, f| {
        let name = names.get(&e).cloned().unwrap_or_default();
        f.into_sheet(a, name, submitted.contains(&(a, e)))
    })
}

/// A kept sheet result that differs from a full recompute.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Mismatch {
    pub account_id: i64,
    pub evaluator: String,
    /// The kept row (`None`: missing) and the recomputed figures (`None`: no entries).
    pub kept: Option<SheetFigures>,
    pub recomputed: Option<SheetFigures>,
}

/// Recomputes every sheet of the round and compares it with the kept rows (after refreshing
/// stale ones): an empty list means the kept results are exactly what a recompute gives.
pub fn verify(store: &mut Store, round: &Round) -> Result<Vec<Mismatch>, SourceError> {
    let rubric = round_rubric(round)?;
    let accounts = store.round_accounts(round.id)?;
    let kept = store.kept_sheets(round.id)?;
    let (_, names) = store.round_sheet_context(round.id)?;
    let fresh = recompute_figures(store, round.id, &rubric, &accounts)?;
    let mut by_key: HashMap<(i64, String), SheetFigures> =
        kept.into_iter().map(|(a, ev, _, f)| ((a, ev), f)).collect();
    let mut out = Vec::new();
    let mut seen = HashSet::new();
    for (a, e, f) in fresh {
        let ev = names.get(&e).cloned().unwrap_or_default();
        seen.insert((a, ev.clone()));
        let k = by_key.remove(&(a, ev.clone()));
        if k.as_ref() != Some(&f) {
            out.push(Mismatch {
                account_id: a,
                evaluator: ev,
                kept: k,
                recomputed: Some(f),
            });
        }
    }
    for ((a, ev), f) in by_key {
        out.push(Mismatch {
            account_id: a,
            evaluator: ev,
            kept: Some(f),
            recomputed: None,
        });
    }
    out.sort_by(|x, y| (x.account_id, &x.evaluator).cmp(&(y.account_id, &y.evaluator)));
    Ok(out)
}

#[cfg(test)]
#[path = "source_tests.rs"]
mod tests;
