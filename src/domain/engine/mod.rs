//! The scoring engine: one evaluator's entries for one account → points, subtotals, bonus,
//! vetoes, pass/fail, grade, completeness and a step-by-step explanation. This file holds the
//! result types; the rules live in `score.rs` (orchestration), `items.rs` (one item),
//! `category.rs` (scaling and N/A handling) and `explain.rs` (the readable derivation).
//!
//! # Rules
//!
//! **Applicability.** An indicator applies when its category applies and the indicator applies
//! (`platforms` / `admin_levels`; empty means all). An entry with `na: true` makes an applicable
//! item not applicable too (declared by the evaluator). The N/A policy is the item's
//! `when_not_applicable`, else its category's, else the rubric's:
//! - `Rescale`: the item is dropped from its category's denominator (`raw_max`);
//! - `FullMarks`: it counts max/max;
//! - `Zero`: it counts 0/max.
//!
//! **Item kinds.**
//! - Range: points = `value` clamped to `[min, max]` (the clamp is noted in the detail); a value
//!   equal to a level descriptor's points names that level (优 5). No value → 0 (Missing).
//! - Deduct: start = `points` (default `cap`); deduction = min(cap, per × count);
//!   points = max(0, start − deduction) ("扣完为止"). No count → full points, state Missing.
//! - Check: value ≥ 0.5 is "yes" → `points`, otherwise 0. No value → 0 (Missing).
//! - Bonus: min(cap, per × count), counted only when the item's `gate` is `None` or the published
//!   base is on the rubric's `gate_side` of it (`Above`, the default: 「高于80分」; or `AtLeast`);
//!   the sum is capped by [`Rubric::max_bonus`]. Each distinct gate is one `BonusGate` step. No
//!   count → 0 (Missing). A bonus item that does not apply contributes nothing whatever its policy.
//! - Veto: an applicable veto item whose entry carries `veto: Some(reason)` is a hit. A value
//!   with no reason (`Some(0)`) means "checked, clean" (Scored). No entry → unchecked (Missing),
//!   no hit. Only applicability makes a veto N/A: an `na` entry on an applicable veto (refused by
//!   [`Entry::check`](crate::domain::entry::Entry::check), but possibly stored before) leaves it
//!   unchecked.
//!
//! **Categories.** raw = Σ points, raw_max = Σ max over the counted items, and
//! subtotal = raw × weight / raw_max. When the category does not apply, or every item in it was
//! dropped, the category's own policy decides: `Rescale` drops the category and the base is
//! rescaled to the rubric total (base = Σ subtotals × total / Σ weights of kept categories, like
//! the national rule "scored out of 75, then × 4/3"); `FullMarks` gives the weight; `Zero` 0.
//! If every category is dropped the base is 0.
//!
//! **Exact arithmetic, published once.** Entries and rubric numbers are decimals with at most
//! six places ([`MAX_DECIMALS`](crate::domain::figure::MAX_DECIMALS)); item points, sums,
//! clamps and per × count are exact integers of 10^−6 points, a category's scaling and the N/A
//! rescaling are exact fractions ([`Exact`]). Results are published at the rubric's `decimals`
//! (default 2), half-up ([`crate::domain::figure`]: 59.985 → 59.99). `base`, `bonus`, `total`
//! and each category's `subtotal` are published figures; `unrounded` keeps base + bonus exactly.
//! The bonus gate, the verdict and the grade compare published figures.
//!
//! **Verdict.** total = publish(base + bonus); on a veto hit the rubric's
//! [`VetoPolicy::apply`](crate::domain::rubric::VetoPolicy::apply) decides: `FailKeepScore` keeps
//! it, `FailWithScore(x)` sets it to x, `FailCapScore(x)` takes min(total, x), `FailNoScore`
//! leaves no total (`None`, ranked last). passed = complete, no veto hit and the total on the
//! rubric's `pass_side` of the pass mark (`AtLeast`, the default: 「60分及以上合格」; or `Above`).
//! The grade is the lowest band when vetoed, none while the sheet is incomplete, else
//! [`Marks::grade`](crate::domain::rubric::Marks::grade) of the total (a failing total never
//! gets a passing band).
//!
//! **Completeness.** `applicable` counts indicators, bonus and veto items that apply to the
//! account's platform and level (evaluator-declared N/A still counts as applicable); `scored`
//! counts those whose entry records a judgement for the item's kind (a value for range, check
//! and veto items, a count for deduction and bonus items, a veto reason, or `na` on a non-veto
//! item). `complete` ([`settled`], the one rule) when scored = applicable, or when a veto hit
//! settles the verdict on its own: the other items may stay unscored (「因单项否决未评」), and a
//! veto policy that needs the computed total then gives none ([`VetoPolicy::settle`]: 「—（单项
//! 否决）」). Until then the total is provisional and there is no verdict. Status: `NotStarted` when nothing is scored, `Vetoed` on a hit, `InProgress` while
//! incomplete, else `Pass` / `Fail`.

use serde::{Deserialize, Serialize};

use crate::domain::figure::{Exact, Figure};
use crate::domain::rubric::{NaPolicy, Side, VetoPolicy};

mod acc;
mod bonus;
mod category;
pub mod explain;
mod index;
mod items;
mod score;
#[cfg(test)]
mod tests;
mod verdict;
mod veto;
pub mod words;

pub use explain::{describe, render_text};
pub use index::ItemIndex;
pub use score::{Scorer, score, score_lean, score_totals};
pub use verdict::{Verdict, verdict};

/// The completeness rule, one definition for the TUI, `score submit`, panel merges and reports:
/// a sheet is settled (it may be submitted, it counts, it has a verdict) when every applicable
/// item is scored, or when a veto hit settles the verdict whatever the other items would give.
pub fn settled(scored: usize, applicable: usize, vetoed: bool) -> bool {
    vetoed || scored >= applicable
}

/// Where an item stands for this account.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ItemState {
    /// Applicable and scored.
    Scored,
    /// Applicable, nothing entered yet (counts as 0 in the provisional total).
    Missing,
    /// Not applicable (by platform/level, or marked N/A), handled by `policy`.
    NotApplicable(NaPolicy),
}

/// The result for one item (indicator, bonus or veto).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ItemResult {
    pub id: String,
    pub name: String,
    /// "Range", "Deduct", "Check", "Bonus" or "Veto".
    pub kind: String,
    /// Category id for indicators; "bonus" / "veto" otherwise.
    pub category: String,
    pub state: ItemState,
    /// Points this item contributes before category scaling (bonus: after its own cap), exactly.
    pub points: Figure,
    pub max: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CategoryResult {
    pub id: String,
    pub name: String,
    pub weight: f64,
    /// Sum of the indicators' points and of their maxima (after N/A handling), exactly.
    pub raw: Figure,
    pub raw_max: Figure,
    /// `raw × weight / raw_max` published at the rubric's decimals; `None` when the category
    /// does not apply and its policy drops it (不适用: left out of subtotals and means).
    pub subtotal: Option<Figure>,
    /// The subtotal exactly (0 when dropped), as the base sums it.
    #[serde(skip)]
    pub exact: Exact,
    pub applicable: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VetoHit {
    pub id: String,
    pub name: String,
    pub reason: String,
}

/// Pass/fail/progress status of an account, as the lists show it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Status {
    NotStarted,
    InProgress,
    Vetoed,
    Pass,
    Fail,
}

/// How an item's points came about, for the explanation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "how")]
pub enum ItemDetail {
    /// Nothing entered yet; `points` is what the item counts meanwhile.
    Missing {
        points: Figure,
    },
    /// Not applicable; `declared` when the evaluator marked it N/A (else platform/level).
    NotApplicable {
        policy: NaPolicy,
        declared: bool,
    },
    Range {
        /// The entry as typed.
        value: Figure,
        /// Set when `value` lay outside `[min, max]` and was clamped.
        clamped: Option<(Figure, Figure)>,
        level: Option<String>,
    },
    Deduct {
        count: u32,
        per: Figure,
        start: Figure,
        /// per × count, before the cap.
        raw: Figure,
        cap: Figure,
        /// min(raw, cap).
        deducted: Figure,
    },
    Check {
        yes: bool,
    },
    /// A veto item checked without a hit. (Scored bonus items and veto hits have their own
    /// `Step::Bonus` / `Step::Veto`; missing or N/A ones appear as item steps.)
    VetoClean,
}

/// One line of the derivation. Rendering (zh/en) lives outside the domain.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "step")]
pub enum Step {
    Item {
        id: String,
        /// The derivation in words (Chinese, the interface default); `how` holds the same facts
        /// for other languages and machines.
        detail: String,
        /// The item's points exactly (an entry as typed is never rounded).
        points: Figure,
        max: Figure,
        how: ItemDetail,
    },
    Category {
        id: String,
        raw: Figure,
        raw_max: Figure,
        weight: Figure,
        /// Published at the rubric's decimals.
        subtotal: Figure,
        /// The subtotal before publishing.
        unrounded: Exact,
    },
    /// A category that does not apply or whose items were all dropped, handled by `policy`
    /// (`Rescale`: dropped, no subtotal; `FullMarks`: the weight; `Zero`: 0).
    CategoryNa {
        id: String,
        weight: Figure,
        policy: NaPolicy,
        subtotal: Option<Figure>,
    },
    /// Categories were dropped: base = sum × total / kept_weight.
    BaseRescale {
        /// The kept categories' subtotals summed exactly.
        sum: Exact,
        kept_weight: Figure,
        total: Figure,
        /// Published.
        base: Figure,
    },
    Base {
        /// Published.
        base: Figure,
        total: Figure,
    },
    /// A bonus gate, stated once per distinct gate value: `side` says whether the gate value
    /// itself opens it; `rule` is the rule in words (Chinese).
    BonusGate {
        base: Figure,
        gate: Figure,
        side: Side,
        open: bool,
        rule: String,
    },
    Bonus {
        id: String,
        count: u32,
        per: Figure,
        cap: Figure,
        points: Figure,
        /// False when the item's gate kept it at 0.
        open: bool,
    },
    BonusCap {
        sum: Figure,
        cap: Figure,
    },
    Veto {
        id: String,
        reason: String,
    },
    /// What the veto policy did to the computed total (`None`: no total). `unscored`: the
    /// applicable items the veto left unscored (a policy that needs the computed total then
    /// gives none).
    VetoEffect {
        policy: VetoPolicy,
        computed: Figure,
        total: Option<Figure>,
        #[serde(default)]
        unscored: usize,
    },
    /// The published total and verdict. `unrounded` is the total before publishing; while the
    /// sheet is `provisional` there is no verdict (`passed` false, no grade unless vetoed).
    Verdict {
        total: Option<Figure>,
        unrounded: Exact,
        pass_mark: Figure,
        pass_side: Side,
        /// The pass rule in words (Chinese).
        rule: String,
        passed: bool,
        provisional: bool,
        grade: Option<String>,
    },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Outcome {
    pub items: Vec<ItemResult>,
    pub categories: Vec<CategoryResult>,
    /// Base and bonus published at the rubric's decimals.
    pub base: Figure,
    pub bonus: Figure,
    /// The published total after the veto policy; `None` when a veto leaves no total
    /// (`FailNoScore`). Provisional while the sheet is incomplete (see `complete`).
    pub total: Option<Figure>,
    /// base + bonus before the veto effect, published at the rubric's decimals: what several
    /// evaluators' sheets are combined from.
    pub points: Figure,
    /// base + bonus exactly, before publishing and before any veto effect.
    pub unrounded: Exact,
    pub vetoes: Vec<VetoHit>,
    /// True only for a complete sheet that passes (never while provisional).
    pub passed: bool,
    /// The grade; `None` while provisional (a vetoed sheet gets the lowest band at once).
    pub grade: Option<String>,
    /// Every applicable item (vetoes included) is scored: the total is final, not provisional.
    pub complete: bool,
    /// Scored applicable items / applicable items (indicators, bonus and veto items).
    pub scored: usize,
    pub applicable: usize,
    pub status: Status,
    pub steps: Vec<Step>,
}

impl Outcome {
    /// The total until the sheet is complete is provisional.
    pub fn provisional(&self) -> bool {
        !self.complete
    }

    /// A veto settled the sheet with applicable items left unscored (「因单项否决未评」).
    pub fn left_by_veto(&self) -> bool {
        !self.vetoes.is_empty() && self.scored < self.applicable
    }

    /// Whether the item `id` is one that a veto left unscored.
    pub fn item_left_by_veto(&self, id: &str) -> bool {
        self.left_by_veto()
            && (self.items.iter()).any(|r| r.id == id && r.state == ItemState::Missing)
    }
}
