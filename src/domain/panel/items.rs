//! The panel's votes per item: every evaluator's points (or veto decision), note and evidence
//! for each scored indicator of each account, from the round's sheets. The disagreement queue,
//! the chair's screen and `assay panel queue` all read items built here.

use std::collections::BTreeMap;

use super::queue::{Item, Vote};
use crate::domain::agreement::Sheet;
use crate::domain::engine::{ItemState, score_totals};
use crate::domain::entry::Entry;
use crate::domain::rubric::{ItemRef, Rubric};

/// Items of every account, accounts in the order their first sheet appears, items in rubric order.
pub fn round_items(rubric: &Rubric, sheets: &[Sheet]) -> Vec<Item> {
    let mut by_account: BTreeMap<&str, Vec<&Sheet>> = BTreeMap::new();
    let mut order = Vec::new();
    for s in sheets {
        if !by_account.contains_key(s.account.as_str()) {
            order.push(s.account.as_str());
        }
        by_account.entry(&s.account).or_default().push(s);
    }
    order
        .iter()
        .flat_map(|a| account_items(rubric, a, &by_account[a]))
        .collect()
}

/// One account's items with every evaluator's vote.
pub fn account_items(rubric: &Rubric, account: &str, sheets: &[&Sheet]) -> Vec<Item> {
    let mut items: BTreeMap<usize, Item> = BTreeMap::new();
    let order: Vec<String> = rubric
        .items()
        .iter()
        .map(|i| i.common().id.clone())
        .collect();
    for s in sheets {
        let o = score_totals(rubric, s.platform, s.level, &s.entries);
        for r in &o.items {
            let Some(pos) = order.iter().position(|id| *id == r.id) else {
                continue;
            };
            let entry = s.entries.iter().find(|e| e.indicator == r.id);
            let is_veto = matches!(rubric.item(&r.id), Some(ItemRef::Veto(_)));
            let vote = match (is_veto, entry) {
                (true, Some(e)) if !e.na && (e.veto.is_some() || e.value.is_some()) => {
                    vote(s, None, Some(e.veto.is_some()), e)
                }
                (false, Some(e)) if r.state == ItemState::Scored && r.category != "bonus" => {
                    vote(s, Some(r.points), None, e)
                }
                _ => continue,
            };
            items
                .entry(pos)
                .or_insert_with(|| Item {
                    account: account.to_string(),
                    indicator: r.id.clone(),
                    max: r.max,
                    votes: Vec::new(),
                })
                .votes
                .push(vote);
        }
    }
    items.into_values().collect()
}

fn vote(
    s: &Sheet,
    points: Option<crate::domain::figure::Figure>,
    veto: Option<bool>,
    e: &Entry,
) -> Vote {
    Vote {
        evaluator: s.evaluator.clone(),
        points,
        veto,
        note: e.note.clone(),
        evidence: e.evidence.clone(),
    }
}
