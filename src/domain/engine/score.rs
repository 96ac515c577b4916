//! Orchestration of one scoring pass: index the entries, score the categories, the base (with
//! N/A rescaling), the bonus, the vetoes, then the verdict, grade and completeness.

use super::acc::Acc;
use super::index::{ItemIndex, Slots};
use super::items::{Micro, exact, fig, micro};
use super::{Outcome, Step, VetoHit};
use super::{bonus, category, veto};
use crate::domain::entry::Entry;
use crate::domain::figure::{Exact, dec};
use crate::domain::platform::{Level, Platform};
use crate::domain::rubric::{Rubric, VetoPolicy};

/// Scores one evaluator's entries for an account on `platform` at `level`, with the derivation.
pub fn score(rubric: &Rubric, platform: Platform, level: Level, entries: &[Entry]) -> Outcome {
    once(rubric, platform, level, entries, Detail::Explain)
}

/// Like [`score`] without building the derivation (`steps` is empty): for lists and aggregates
/// that need totals, verdicts and completeness for many accounts.
pub fn score_totals(
    rubric: &Rubric,
    platform: Platform,
    level: Level,
    entries: &[Entry],
) -> Outcome {
    once(rubric, platform, level, entries, Detail::Items)
}

/// Like [`score_totals`] without the per-item results either (`items` is empty): the same
/// rules, for callers that need only the sums (kept sheet results, `report --recompute`, list
/// totals), so scoring a national round allocates nothing per item.
pub fn score_lean(rubric: &Rubric, platform: Platform, level: Level, entries: &[Entry]) -> Outcome {
    once(rubric, platform, level, entries, Detail::Sums)
}

/// One sheet without an item index (its entries searched per item; see [`Slots::search`]).
fn once(
    rubric: &Rubric,
    platform: Platform,
    level: Level,
    entries: &[Entry],
    detail: Detail,
) -> Outcome {
    run(rubric, platform, level, Slots::search(entries), detail)
}

/// A rubric ready to score many sheets: its item ids are mapped to positions once
/// ([`ItemIndex`]), so each sheet costs one id comparison per entry instead of a sort and a search
/// per item. The same outcomes as the functions above, which suit one sheet.
pub struct Scorer<'r> {
    rubric: &'r Rubric,
    index: ItemIndex<'r>,
}

impl<'r> Scorer<'r> {
    pub fn new(rubric: &'r Rubric) -> Scorer<'r> {
        Scorer {
            rubric,
            index: ItemIndex::of(rubric),
        }
    }

    pub fn rubric(&self) -> &'r Rubric {
        self.rubric
    }

    /// [`score`] with this scorer's rubric.
    pub fn score(&self, platform: Platform, level: Level, entries: &[Entry]) -> Outcome {
        self.run(platform, level, entries, Detail::Explain)
    }

    /// [`score_totals`] with this scorer's rubric.
    pub fn totals(&self, platform: Platform, level: Level, entries: &[Entry]) -> Outcome {
        self.run(platform, level, entries, Detail::Items)
    }

    /// [`score_lean`] with this scorer's rubric.
    pub fn lean(&self, platform: Platform, level: Level, entries: &[Entry]) -> Outcome {
        self.run(platform, level, entries, Detail::Sums)
    }

    fn run(&self, platform: Platform, level: Level, entries: &[Entry], detail: Detail) -> Outcome {
        run(
            self.rubric,
            platform,
            level,
            self.index.place(entries),
            detail,
        )
    }
}

/// How much of the outcome to build besides the sums.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Detail {
    /// Item results and the derivation.
    Explain,
    /// Item results.
    Items,
    /// Only the sums, counts, vetoes and verdict.
    Sums,
}

fn run(
    rubric: &Rubric,
    platform: Platform,
    level: Level,
    entries: Slots<'_, '_>,
    detail: Detail,
) -> Outcome {
    let explain = detail == Detail::Explain;
    let keep_items = detail != Detail::Sums;
    let n_items = if !keep_items {
        0
    } else {
        rubric
            .categories
            .iter()
            .map(|c| c.indicators.len())
            .sum::<usize>()
            + rubric.bonus.len()
            + rubric.vetoes.len()
    };
    let mut acc = Acc {
        platform,
        level,
        entries,
        items: Vec::with_capacity(n_items),
        steps: Vec::with_capacity(if explain {
            n_items + rubric.categories.len() + 8
        } else {
            0
        }),
        applicable: 0,
        scored: 0,
        explain,
        keep_items,
    };
    let mut categories = Vec::with_capacity(rubric.categories.len());
    let (mut sum, mut kept_weight, mut any_dropped) = (Exact::ZERO, 0 as Micro, false);
    for (ci, cat) in rubric.categories.iter().enumerate() {
        let (result, dropped) = category::score(rubric, (ci, cat), &mut acc);
        if dropped {
            any_dropped = true;
        } else {
            sum = sum.add(&result.exact);
            kept_weight += micro(result.weight);
        }
        categories.push(result);
    }
    let base = base_points(rubric, &mut acc, sum, kept_weight, any_dropped);
    let published_base = rubric.publish(&base);
    let bonus = bonus::score(rubric, &mut acc, published_base);
    let vetoes = veto::score(rubric, &mut acc);
    outcome(rubric, acc, categories, (base, bonus), vetoes)
}

/// Σ subtotals, rescaled to the rubric total when categories were dropped, exactly.
fn base_points(rubric: &Rubric, acc: &mut Acc, sum: Exact, kept: Micro, dropped: bool) -> Exact {
    let base = if !dropped {
        sum.clone()
    } else if kept > 0 {
        // sum × total / kept, with total and kept in 10^−6.
        sum.mul(&Exact::ratio(micro(rubric.total), kept))
    } else {
        Exact::ZERO
    };
    if dropped {
        acc.step(|| Step::BaseRescale {
            sum: sum.clone(),
            kept_weight: fig(kept),
            total: dec(rubric.total),
            base: rubric.publish(&base),
        });
    }
    acc.step(|| Step::Base {
        base: rubric.publish(&base),
        total: dec(rubric.total),
    });
    base
}

fn outcome(
    rubric: &Rubric,
    mut acc: Acc,
    categories: Vec<super::CategoryResult>,
    (base, bonus): (Exact, Micro),
    vetoes: Vec<VetoHit>,
) -> Outcome {
    let vetoed = !vetoes.is_empty();
    let unrounded = base.add(&exact(bonus));
    let points = rubric.publish(&unrounded);
    let v = super::verdict::verdict(rubric, points, (acc.scored, acc.applicable), vetoed);
    let unscored = acc.applicable.saturating_sub(acc.scored);
    if vetoed && (rubric.on_veto != VetoPolicy::FailKeepScore || unscored > 0) {
        acc.step(|| Step::VetoEffect {
            policy: rubric.on_veto,
            computed: points,
            total: v.total,
            unscored,
        });
    }
    acc.step(|| Step::Verdict {
        total: v.total,
        unrounded: unrounded.clone(),
        pass_mark: dec(rubric.pass_mark),
        pass_side: rubric.pass_side,
        rule: super::words::pass_rule(rubric, crate::i18n::Lang::Zh),
        passed: v.passed,
        provisional: !v.complete,
        grade: v.grade.clone(),
    });
    Outcome {
        items: acc.items,
        categories,
        base: rubric.publish(&base),
        bonus: rubric.publish(&exact(bonus)),
        total: v.total,
        points,
        unrounded,
        vetoes,
        passed: v.passed,
        grade: v.grade,
        complete: v.complete,
        scored: acc.scored,
        applicable: acc.applicable,
        status: v.status,
        steps: acc.steps,
    }
}
