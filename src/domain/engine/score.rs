//! Orchestration of one scoring pass: index the entries, score the categories, the base (with
//! N/A rescaling), the bonus, the vetoes, then the verdict, grade and completeness.

use super::acc::Acc;
use super::index::{ItemIndex, Slots};
use super::items::{EPS, tidy};
use super::{Outcome, Status, Step, VetoHit};
use super::{bonus, category, veto};
use crate::domain::entry::Entry;
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
    let (mut sum, mut kept_weight, mut any_dropped) = (0.0, 0.0, false);
    for (ci, cat) in rubric.categories.iter().enumerate() {
        let (result, dropped) = category::score(rubric, (ci, cat), &mut acc);
        sum += result.subtotal;
        if dropped {
            any_dropped = true;
        } else {
            kept_weight += result.weight;
        }
        categories.push(result);
    }
    let base = base_points(rubric, &mut acc, sum, kept_weight, any_dropped);
    let bonus = bonus::score(rubric, &mut acc, rubric.publish(base));
    let vetoes = veto::score(rubric, &mut acc);
    verdict(rubric, acc, categories, base, bonus, vetoes)
}

/// Σ subtotals, rescaled to the rubric total when categories were dropped.
fn base_points(rubric: &Rubric, acc: &mut Acc, sum: f64, kept: f64, dropped: bool) -> f64 {
    let sum = tidy(sum);
    let base = if !dropped {
        sum
    } else if kept > EPS {
        tidy(sum * rubric.total / kept)
    } else {
        0.0
    };
    if dropped {
        acc.step(|| Step::BaseRescale {
            sum,
            kept_weight: tidy(kept),
            total: rubric.total,
            base,
        });
    }
    acc.step(|| Step::Base {
        base: rubric.publish(base),
        total: rubric.total,
    });
    base
}

fn verdict(
    rubric: &Rubric,
    mut acc: Acc,
    categories: Vec<super::CategoryResult>,
    base: f64,
    bonus: f64,
    vetoes: Vec<VetoHit>,
) -> Outcome {
    let vetoed = !vetoes.is_empty();
    let unrounded = tidy(base + bonus);
    let mut total = Some(rubric.publish(unrounded));
    let unscored = acc.applicable.saturating_sub(acc.scored);
    if vetoed {
        let policy = rubric.on_veto;
        let computed = total.unwrap_or(0.0);
        total = policy
            .settle(computed, unscored == 0)
            .map(|t| rubric.publish(t));
        if policy != VetoPolicy::FailKeepScore || unscored > 0 {
            acc.step(|| Step::VetoEffect {
                policy,
                computed,
                total,
                unscored,
            });
        }
    }
    let complete = super::settled(acc.scored, acc.applicable, vetoed);
    let passed = complete && !vetoed && total.is_some_and(|t| rubric.passes(t));
    let grade = match (vetoed, complete, total) {
        (true, _, _) => lowest_grade(rubric),
        (false, true, Some(t)) if passed => rubric.grade_for(t),
        (false, true, Some(t)) => failing_grade(rubric, t),
        _ => None,
    }
    .map(str::to_owned);
    acc.step(|| Step::Verdict {
        total,
        unrounded,
        pass_mark: rubric.pass_mark,
        pass_side: rubric.pass_side,
        rule: super::words::pass_rule(rubric, crate::i18n::Lang::Zh),
        passed,
        provisional: !complete,
        grade: grade.clone(),
    });
    let status = match (acc.scored, vetoed) {
        (0, _) => Status::NotStarted,
        (_, true) => Status::Vetoed,
        _ if !complete => Status::InProgress,
        _ if passed => Status::Pass,
        _ => Status::Fail,
    };
    Outcome {
        items: acc.items,
        categories,
        base: rubric.publish(base),
        bonus: rubric.publish(bonus),
        total,
        unrounded,
        vetoes,
        passed,
        grade,
        complete,
        scored: acc.scored,
        applicable: acc.applicable,
        status,
        steps: acc.steps,
    }
}

/// The grade of a complete sheet that fails on points: its band, unless that band is a passing
/// one (a total equal to the mark when only totals above it pass), then the highest band below
/// the pass mark.
fn failing_grade(rubric: &Rubric, total: f64) -> Option<&str> {
    let g = rubric.grade_for(total)?;
    let bound = rubric.grades.iter().find(|(n, _)| n == g).map(|x| x.1)?;
    if bound + 1e-9 < rubric.pass_mark {
        return Some(g);
    }
    rubric
        .grades
        .iter()
        .filter(|(_, lo)| *lo + 1e-9 < rubric.pass_mark)
        .max_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(n, _)| n.as_str())
}

/// The band with the lowest lower bound (what a vetoed account is graded).
fn lowest_grade(rubric: &Rubric) -> Option<&str> {
    rubric
        .grades
        .iter()
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(n, _)| n.as_str())
}
