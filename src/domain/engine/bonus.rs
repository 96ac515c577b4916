//! Bonus items: per instance up to each item's cap, each behind its gate (the published base
//! above the gate, or at least the gate, as the rubric's `gate_side` says), the sum capped by the
//! rubric's bonus cap. Each distinct gate is stated once in the derivation.

use super::acc::{Acc, Item};
use super::items::{Scored, not_applicable, tidy};
use super::{ItemDetail, ItemState, Step};
use crate::domain::rubric::{NaPolicy, Rubric};
use crate::i18n::Lang;

/// Scores the bonus table against `base`; returns the capped bonus.
pub(super) fn score(rubric: &Rubric, acc: &mut Acc, base: f64) -> f64 {
    let mut sum = 0.0;
    let mut stated: Vec<f64> = Vec::new();
    for (bi, b) in rubric.bonus.iter().enumerate() {
        let common = &b.common;
        let item = Item {
            common,
            kind: "Bonus",
            category: "bonus",
            max: b.cap,
        };
        let in_scope = common.applies(acc.platform, acc.level);
        let entry = acc.entries.bonus(bi, &common.id);
        // A bonus that does not apply contributes nothing, whatever its N/A policy.
        let r = if !in_scope {
            not_applicable(NaPolicy::Zero, false, b.cap)
        } else if entry.is_some_and(|e| e.na) {
            not_applicable(NaPolicy::Zero, true, b.cap)
        } else if let Some(count) = entry.and_then(|e| e.count) {
            let open = b.gate.is_none_or(|gate| rubric.gate_opens(base, gate));
            // Each distinct gate is stated once (tracked only when explaining: no allocation on
            // the totals-only path).
            if let Some(gate) = b.gate.filter(|g| acc.explain && !stated.contains(g)) {
                stated.push(gate);
                acc.step(|| Step::BonusGate {
                    base,
                    gate,
                    side: rubric.gate_side,
                    open,
                    rule: super::words::gate_rule(rubric.gate_side, gate, Lang::Zh),
                });
            }
            let points = if open {
                tidy((b.per * f64::from(count)).min(b.cap))
            } else {
                0.0
            };
            acc.step(|| Step::Bonus {
                id: common.id.clone(),
                count,
                per: b.per,
                cap: b.cap,
                points,
                open,
            });
            sum += points;
            acc.push_result(item, points, ItemState::Scored, in_scope, false);
            continue;
        } else {
            Scored {
                points: 0.0,
                state: ItemState::Missing,
                how: ItemDetail::Missing { points: 0.0 },
            }
        };
        acc.record(item, &r, in_scope);
        acc.item_step(item, r);
    }
    if rubric.bonus.is_empty() {
        return 0.0;
    }
    let sum = tidy(sum);
    let cap = rubric.max_bonus();
    acc.step(|| Step::BonusCap { sum, cap });
    sum.min(cap).max(0.0)
}
