//! The chair's consensus in the panel result: for every reconciled item of an account, each
//! counted sheet counts the agreed value (or veto) in place of its evaluator's own, so the one
//! aggregation ([`super::combine::account_result`] → `domain::panel`) gives the consensus for
//! that item and the reports, summary, sheets, bulletin and annual all follow. The evaluators'
//! own values stay in the database, on the score sheets beside the consensus, and in
//! `explain` and `history`.

use std::collections::HashMap;

use super::sheet::{SheetFigures, SheetResult};
use crate::domain::account::Account;
use crate::domain::engine;
use crate::domain::entry::Entry;
use crate::domain::rubric::Rubric;
use crate::storage::{Consensus, ConsensusMap, Store, StoreError};

/// Puts the consensus into one evaluator's entries: the agreed value or veto replaces theirs
/// for each reconciled item (their note and evidence are kept); an item they left empty gets it.
pub fn substitute(entries: &mut Vec<Entry>, agreed: &HashMap<String, Consensus>) {
    for (indicator, c) in agreed {
        let i = match entries.iter().position(|e| &e.indicator == indicator) {
            Some(i) => i,
            None => {
                entries.push(Entry::new(indicator.clone()));
                entries.len() - 1
            }
        };
        let e = &mut entries[i];
        e.value = c.value;
        e.veto = c.veto.clone();
        e.count = c.count;
        e.na = false;
    }
}

/// Each rescored sheet's own points (before the consensus), by (account id, evaluator).
pub type OwnPoints = HashMap<(i64, String), crate::domain::figure::Figure>;

/// Rescores the counted sheets of every account with a consensus, from their entries with the
/// consensus substituted (pure: the entries per (account, evaluator) are handed in). Returns
/// the rescored sheets' own points, to be shown beside.
pub fn apply(
    rubric: &Rubric,
    accounts: &[Account],
    agreed: &ConsensusMap,
    entries: &HashMap<(i64, String), Vec<Entry>>,
    sheets: &mut [SheetResult],
) -> OwnPoints {
    let mut own_points = OwnPoints::new();
    let kinds: HashMap<i64, &Account> = accounts.iter().map(|a| (a.id, a)).collect();
    for s in sheets.iter_mut().filter(|s| s.status.counts()) {
        let (Some(items), Some(acc)) = (agreed.get(&s.account_id), kinds.get(&s.account_id)) else {
            continue;
        };
        let mut own = entries
            .get(&(s.account_id, s.evaluator.clone()))
            .cloned()
            .unwrap_or_default();
        substitute(&mut own, items);
        let f = SheetFigures::of(&engine::score_totals(rubric, acc.platform, acc.level, &own));
        own_points.insert((s.account_id, s.evaluator.clone()), s.points);
        s.points = f.points;
        s.subtotals = f.subtotals;
        s.vetoes = f.vetoes;
    }
    own_points
}

/// [`apply`] with the round's consensus and the entries of the reconciled accounts read from
/// the store (nothing is read beyond the consensus rows when the round has none).
pub fn apply_stored(
    store: &Store,
    round_id: i64,
    rubric: &Rubric,
    accounts: &[Account],
    sheets: &mut [SheetResult],
) -> Result<OwnPoints, StoreError> {
    apply_stored_with(
        store,
        round_id,
        &ConsensusMap::new(),
        rubric,
        accounts,
        sheets,
    )
}

/// The round's stored consensus with `extra` put over it, as if `extra` had been recorded last.
pub fn stored_with(
    store: &Store,
    round_id: i64,
    extra: &ConsensusMap,
) -> Result<ConsensusMap, StoreError> {
    let mut agreed = store.consensus_latest(round_id)?;
    for (account, items) in extra {
        let mine = agreed.entry(*account).or_default();
        mine.extend(items.iter().map(|(k, v)| (k.clone(), v.clone())));
    }
    Ok(agreed)
}

/// [`apply_stored`] with `extra` consensus put over the stored one (see [`stored_with`]).
pub fn apply_stored_with(
    store: &Store,
    round_id: i64,
    extra: &ConsensusMap,
    rubric: &Rubric,
    accounts: &[Account],
    sheets: &mut [SheetResult],
) -> Result<OwnPoints, StoreError> {
    Ok(Agreed::read_with(store, round_id, extra)?.apply(rubric, accounts, sheets))
}

/// A round's consensus with the entries of the reconciled accounts, read once.
#[derive(Debug, Default)]
pub struct Agreed {
    map: ConsensusMap,
    entries: HashMap<(i64, String), Vec<Entry>>,
}

impl Agreed {
    /// Reads the round's consensus (nothing is read beyond the consensus rows when the round has
    /// none).
    pub fn read(store: &Store, round_id: i64) -> Result<Agreed, StoreError> {
        Agreed::read_with(store, round_id, &ConsensusMap::new())
    }

    /// [`Agreed::read`] with `extra` put over the stored consensus (see [`stored_with`]).
    pub fn read_with(
        store: &Store,
        round_id: i64,
        extra: &ConsensusMap,
    ) -> Result<Agreed, StoreError> {
        let map = stored_with(store, round_id, extra)?;
        let mut entries: HashMap<(i64, String), Vec<Entry>> = HashMap::new();
        for &account in map.keys() {
            for e in store.entries(round_id, account, None)? {
                entries
                    .entry((account, e.evaluator))
                    .or_default()
                    .push(e.entry);
            }
        }
        Ok(Agreed { map, entries })
    }

    /// The account has a consensus.
    pub fn covers(&self, account_id: i64) -> bool {
        self.map.contains_key(&account_id)
    }

    /// [`apply`] with this consensus.
    pub fn apply(
        &self,
        rubric: &Rubric,
        accounts: &[Account],
        sheets: &mut [SheetResult],
    ) -> OwnPoints {
        if self.map.is_empty() {
            return OwnPoints::new();
        }
        apply(rubric, accounts, &self.map, &self.entries, sheets)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_agreed_value_or_veto_replaces_the_own_one_notes_kept() {
        let mut own = vec![
            Entry {
                value: Some(1.0),
                note: "看过".into(),
                ..Entry::new("a")
            },
            Entry {
                count: Some(2),
                ..Entry::new("d")
            },
        ];
        let agreed: HashMap<String, Consensus> =
            [("a", Some(3.0), None), ("v", None, Some("严重表述错误"))]
                .into_iter()
                .map(|(i, value, veto)| {
                    let c = Consensus {
                        value,
                        count: None,
                        veto: veto.map(str::to_string),
                        rationale: "议定".into(),
                    };
                    (i.to_string(), c)
                })
                .collect();
        substitute(&mut own, &agreed);
        assert_eq!(own[0].value, Some(3.0));
        assert_eq!(own[0].note, "看过");
        assert_eq!(own[1].count, Some(2), "items without a consensus untouched");
        let v = own.iter().find(|e| e.indicator == "v").expect("added");
        assert_eq!((v.value, v.veto.as_deref()), (None, Some("严重表述错误")));
    }
}
