//! One category: its indicators' points and maxima after N/A handling, and the subtotal scaled
//! to the category's weight exactly (or the category's own N/A policy when nothing in it counts).

use super::acc::{Acc, Item};
use super::items::{self, Micro, ONE, fig, micro};
use super::{CategoryResult, ItemState, Step};
use crate::domain::figure::{Exact, Figure, dec};
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
    let (mut raw, mut raw_max): (Micro, Micro) = (0, 0);
    for (ii, ind) in cat.indicators.iter().enumerate() {
        let common = ind.common();
        let max = ind.max_points();
        let max_m = micro(max);
        let in_scope = cat_applies && common.applies(acc.platform, acc.level);
        let policy = common
            .when_not_applicable
            .or(cat.when_not_applicable)
            .unwrap_or(rubric.when_not_applicable);
        let entry = acc.entries.indicator(ci, ii, &common.id);
        let r = if !cat_applies {
            items::not_applicable(cat_policy, false, max_m)
        } else if !in_scope {
            items::not_applicable(policy, false, max_m)
        } else if entry.is_some_and(|e| e.na) {
            items::not_applicable(policy, true, max_m)
        } else {
            items::indicator(ind, entry, acc.explain)
        };
        if cat_applies && r.state != ItemState::NotApplicable(NaPolicy::Rescale) {
            raw += r.points;
            raw_max += max_m;
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
    if cat_applies && raw_max > 0 {
        // raw × weight / raw_max, in points: (raw·w) / (raw_max·10^6) with all three in 10^−6.
        let exact = Exact::ratio(raw * micro(cat.weight), raw_max * ONE);
        let subtotal = rubric.publish(&exact);
        acc.step(|| Step::Category {
            id: cat.id.clone(),
            raw: fig(raw),
            raw_max: fig(raw_max),
            weight: dec(cat.weight),
            subtotal,
            unrounded: exact.clone(),
        });
        let r = result(cat, (raw, raw_max), Some(subtotal), exact, true);
        return (r, false);
    }
    let subtotal = match cat_policy {
        NaPolicy::FullMarks => Some(dec(cat.weight)),
        NaPolicy::Zero => Some(Figure::int(0)),
        NaPolicy::Rescale => None,
    };
    acc.step(|| Step::CategoryNa {
        id: cat.id.clone(),
        weight: dec(cat.weight),
        policy: cat_policy,
        subtotal: subtotal.map(|s| s.at(rubric.decimals)),
    });
    let exact = subtotal.map_or(Exact::ZERO, Figure::exact);
    let dropped = cat_policy == NaPolicy::Rescale;
    let published = subtotal.map(|s| rubric.publish(&s.exact()));
    (
        result(cat, (raw, raw_max), published, exact, false),
        dropped,
    )
}

fn result(
    cat: &Category,
    (raw, raw_max): (Micro, Micro),
    subtotal: Option<Figure>,
    exact: Exact,
    on: bool,
) -> CategoryResult {
    CategoryResult {
        id: cat.id.clone(),
        name: cat.name.clone(),
        weight: cat.weight,
        raw: fig(raw),
        raw_max: fig(raw_max),
        subtotal,
        exact,
        applicable: on,
    }
}
