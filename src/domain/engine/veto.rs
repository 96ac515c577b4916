//! Single-veto items: a hit (an entry with a veto reason) fails the account. Only applicability
//! (platform, level) makes a veto not applicable: an `na` entry on an applicable veto (refused on
//! entry since, but possibly stored earlier) leaves it unchecked, so the sheet stays incomplete.

use super::acc::{Acc, Item};
use super::items::{Scored, not_applicable};
use super::{ItemDetail, ItemState, Step, VetoHit};
use crate::domain::rubric::{NaPolicy, Rubric};

/// Checks the veto table; returns the hits in rubric order.
pub(super) fn score(rubric: &Rubric, acc: &mut Acc) -> Vec<VetoHit> {
    let mut hits = Vec::new();
    for (vi, v) in rubric.vetoes.iter().enumerate() {
        let common = &v.common;
        let item = Item {
            common,
            kind: "Veto",
            category: "veto",
            max: 0.0,
        };
        let in_scope = common.applies(acc.platform, acc.level);
        let entry = acc.entries.veto(vi, &common.id);
        // A veto item that does not apply can never hit; it carries no points.
        let state = |state, how| Scored {
            points: 0.0,
            state,
            how,
        };
        let r = if !in_scope {
            not_applicable(NaPolicy::Zero, false, 0.0)
        } else if let Some(reason) = entry.and_then(|e| e.veto.as_ref()) {
            hits.push(VetoHit {
                id: common.id.clone(),
                name: common.name.clone(),
                reason: reason.clone(),
            });
            acc.step(|| Step::Veto {
                id: common.id.clone(),
                reason: reason.clone(),
            });
            acc.push_result(item, 0.0, ItemState::Scored, in_scope, false);
            continue;
        } else if entry.is_some_and(|e| e.value.is_some() && !e.na) {
            state(ItemState::Scored, ItemDetail::VetoClean)
        } else {
            state(ItemState::Missing, ItemDetail::Missing { points: 0.0 })
        };
        acc.record(item, &r, in_scope);
        acc.item_step(item, r);
    }
    hits
}
