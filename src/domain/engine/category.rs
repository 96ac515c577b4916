//! One category: its indicators' points and maxima after N/A handling, and the subtotal scaled
//! to the category's weight (or the category's own N/A policy when nothing in it counts).

use super::acc::{Acc, Item};
use super::items::{self, EPS, tidy};
use super::{CategoryResult, ItemState, Step};
use crate::domain::rubric::{Category, NaPolicy, Rubric};

/// Scores `cat`, the rubric's category number `ci`; the flag is true when the category was
/// dropped (base to be rescaled).
pub(super) fn score(
    rubric: &Rubric,
    (ci, cat): (usize, &Category),
    acc: &mut Acc,
) -> (CategoryResult, bool) {
    let cat_policy = cat
        .when_not_applicable
        .unwrap_or(rubric.when_not_applicable);
    let cat_applies = cat.applies(acc.platform, acc.level);
    let (mut raw, mut raw_max) = (0.0, 0.0);
    for (ii, ind) in cat.indicators.iter().enumerate() {
        let common = ind.common();
        let max = ind.max_points();
        let in_scope = cat_applies && common.applies(acc.platform, acc.level);
        let policy = common
            .when_not_applicable
            .or(cat.when_not_applicable)
            .unwrap_or(rubric.when_not_applicable);
        let entry = acc.entries.indicator(ci, ii, &common.id);
        let r = if !cat_applies {
            items::not_applicable(cat_policy, false, max)
        } else if !in_scope {
            items::not_applicable(policy, false, max)
        } else if entry.is_some_and(|e| e.na) {
            items::not_applicable(policy, true, max)
        } else {
            items::indicator(ind, entry, acc.explain)
        };
        if cat_applies && r.state != ItemState::NotApplicable(NaPolicy::Rescale) {
            raw += r.points;
            raw_max += max;
        }
        let item = Item {
            common,
            kind: ind.kind_name(),
            category: &cat.id,
            max,
        };
        acc.record(item, &r, in_scope);
        acc.item_step(item, r);
    }
    let (raw, raw_max) = (tidy(raw), tidy(raw_max));
    if cat_applies && raw_max > EPS {
        let subtotal = tidy(raw * cat.weight / raw_max);
        acc.step(|| Step::Category {
            id: cat.id.clone(),
            raw,
            raw_max,
            weight: cat.weight,
            subtotal,
        });
        return (result(cat, raw, raw_max, subtotal, true), false);
    }
    let subtotal = match cat_policy {
        NaPolicy::FullMarks => cat.weight,
        NaPolicy::Rescale | NaPolicy::Zero => 0.0,
    };
    acc.step(|| Step::CategoryNa {
        id: cat.id.clone(),
        weight: cat.weight,
        policy: cat_policy,
        subtotal,
    });
    let dropped = cat_policy == NaPolicy::Rescale;
    (result(cat, raw, raw_max, subtotal, false), dropped)
}

fn result(cat: &Category, raw: f64, raw_max: f64, subtotal: f64, on: bool) -> CategoryResult {
    CategoryResult {
        id: cat.id.clone(),
        name: cat.name.clone(),
        weight: cat.weight,
        raw,
        raw_max,
        subtotal,
        applicable: on,
    }
}
