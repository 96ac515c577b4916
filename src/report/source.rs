//! Feeding the aggregation from a database: the kept sheet results (fast: one row per sheet), or
//! a full recompute from every entry (`report --recompute`), and the check that both agree
//! (`report --verify`). The aggregation itself never sees storage.

use std::collections::{HashMap, HashSet};

use serde::Serialize;

use super::sheet::{Combine, Scheme, SheetFigures, SheetResult};
use crate::domain::account::Account;
use crate::domain::engine;
use crate::domain::entry::Entry;
use crate::domain::panel::PanelPolicy;
use crate::domain::rubric::Rubric;
use crate::storage::{Round, Store, StoreError};

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
    let policy = round_policy(store, round, method)?;
    let rubric = round_rubric(round)?;
    let accounts = store.round_accounts(round.id)?;
    let mut sheets = match source {
        Source::Kept => kept(store, round.id)?,
        Source::Recompute => recompute(store, round.id, &rubric, &accounts)?,
    };
    let own_points = super::agreed::apply_stored(store, round.id, &rubric, &accounts, &mut sheets)?;
    let own = store.category_methods(round.id)?;
    if let Some(err) = category_check(&policy, &own) {
        return Err(SourceError::Panel {
            round: round.name.clone(),
            err,
        });
    }
    Ok(Loaded {
        scheme: Scheme::of(&rubric, policy).with_category_methods(&own),
        rubric,
        accounts,
        sheets,
        own_points,
    })
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

fn kept(store: &mut Store, round_id: i64) -> Result<Vec<SheetResult>, StoreError> {
    Ok(store
        .kept_sheets(round_id)?
        .into_iter()
        .filter_map(|(a, ev, submitted, f)| f.into_sheet(a, ev, submitted))
        .collect())
}

/// Sheets per batch handed from the scanning thread to the scoring worker.
const BATCH: usize = 2048;

type Batch = Vec<(i64, i64, Vec<Entry>)>;

/// Scores every sheet again from its entries: this thread scans SQLite while a worker scores the
/// batches it hands over (bounded channel, so memory stays at a few batches).
pub fn recompute_figures(
    store: &Store,
    round_id: i64,
    rubric: &Rubric,
    accounts: &[Account],
) -> Result<Vec<(i64, i64, SheetFigures)>, StoreError> {
    let kinds: HashMap<i64, &Account> = accounts.iter().map(|a| (a.id, a)).collect();
    let (tx, rx) = std::sync::mpsc::sync_channel::<Batch>(4);
    std::thread::scope(|scope| {
        let worker = scope.spawn(|| {
            let mut out = Vec::new();
            for (a, e, sheet) in rx.into_iter().flatten() {
                if let Some(acc) = kinds.get(&a) {
                    let o = engine::score_totals(rubric, acc.platform, acc.level, &sheet);
                    out.push((a, e, SheetFigures::of(&o)));
                }
            }
            out
        });
        let mut batch = Vec::with_capacity(BATCH);
        let scanned = store.for_each_sheet(round_id, &mut |a, e, sheet| {
            batch.push((a, e, sheet.to_vec()));
            if batch.len() == BATCH {
                // A send fails only when the worker is gone; its panic surfaces at join.
                let _ = tx.send(std::mem::replace(&mut batch, Vec::with_capacity(BATCH)));
            }
        });
        let _ = tx.send(batch);
        drop(tx);
        let out = worker
            .join()
            .unwrap_or_else(|p| std::panic::resume_unwind(p));
        scanned.map(|()| out)
    })
}

fn recompute(
    store: &Store,
    round_id: i64,
    rubric: &Rubric,
    accounts: &[Account],
) -> Result<Vec<SheetResult>, StoreError> {
    let (submitted, names) = store.round_sheet_context(round_id)?;
    let figures = recompute_figures(store, round_id, rubric, accounts)?;
    Ok(figures
        .into_iter()
        .filter_map(|(a, e, f)| {
            let name = names.get(&e).cloned().unwrap_or_default();
            f.into_sheet(a, name, submitted.contains(&(a, e)))
        })
        .collect())
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
