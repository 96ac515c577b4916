//! What one scoring pass carries from item to item: the item results, the derivation steps and
//! the completeness counts ([`Acc`]), and the identity of the item being recorded ([`Item`]).
//! `score.rs` runs the pass; `category.rs`, `bonus.rs` and `veto.rs` record into it.

use super::explain::describe;
use super::index::Slots;
use super::items::Scored;
use super::{ItemDetail, ItemResult, ItemState, Step};
use crate::domain::platform::{Level, Platform};
use crate::domain::rubric::Common;
use crate::i18n::Lang;

/// What the scoring pass accumulates: item results, steps and completeness counts.
pub(super) struct Acc<'a> {
    pub platform: Platform,
    pub level: Level,
    /// The sheet's entries by item position.
    pub entries: Slots<'a, 'a>,
    pub items: Vec<ItemResult>,
    pub steps: Vec<Step>,
    pub applicable: usize,
    pub scored: usize,
    /// Whether to build the derivation (`steps`); totals-only callers skip its strings.
    pub explain: bool,
    /// Whether to keep one [`ItemResult`] per item; [`score_lean`] callers need only the sums.
    pub keep_items: bool,
}

impl Acc<'_> {
    /// Records a derivation step when explaining; the closure is not run otherwise.
    pub fn step(&mut self, f: impl FnOnce() -> Step) {
        if self.explain {
            self.steps.push(f());
        }
    }

    /// Records an item result. `in_scope`: the item applies to the account's platform and level;
    /// it then counts towards completeness, and as scored when its state is `Scored` or the
    /// evaluator declared it N/A.
    pub fn record(&mut self, item: Item<'_>, r: &Scored, in_scope: bool) {
        let declared = matches!(r.how, ItemDetail::NotApplicable { declared: true, .. });
        self.push_result(item, r.points, r.state, in_scope, declared);
    }

    /// Like [`Acc::record`] for results whose derivation is a step of its own (bonus, veto hit).
    pub fn push_result(
        &mut self,
        item: Item<'_>,
        points: f64,
        state: ItemState,
        in_scope: bool,
        declared_na: bool,
    ) {
        if self.keep_items {
            self.items.push(ItemResult {
                id: item.common.id.clone(),
                name: item.common.name.clone(),
                kind: item.kind.to_owned(),
                category: item.category.to_owned(),
                state,
                points,
                max: item.max,
            });
        }
        if in_scope {
            self.applicable += 1;
            if state == ItemState::Scored || declared_na {
                self.scored += 1;
            }
        }
    }

    /// Adds the derivation step of an item scored by `items.rs` rules.
    pub fn item_step(&mut self, item: Item<'_>, r: Scored) {
        self.step(|| Step::Item {
            id: item.common.id.clone(),
            detail: describe(&r.how, Lang::Zh),
            points: r.points,
            max: item.max,
            how: r.how,
        });
    }
}

/// Identity of an item being recorded.
#[derive(Clone, Copy)]
pub(super) struct Item<'a> {
    pub common: &'a Common,
    pub kind: &'a str,
    pub category: &'a str,
    pub max: f64,
}
