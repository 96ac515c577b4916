//! The scoring engine: one evaluator's entries for one account → points, subtotals, bonus,
//! vetoes, pass/fail, grade, completeness and a step-by-step explanation.

use serde::{Deserialize, Serialize};

use crate::domain::entry::Entry;
use crate::domain::platform::{Level, Platform};
use crate::domain::rubric::{NaPolicy, Rubric};

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
    /// Points this item contributes before category scaling (bonus: after its own cap).
    pub points: f64,
    pub max: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CategoryResult {
    pub id: String,
    pub name: String,
    pub weight: f64,
    /// Sum of the indicators' points and of their maxima (after N/A handling).
    pub raw: f64,
    pub raw_max: f64,
    /// `raw × weight / raw_max` (0 when nothing applies and the policy drops it).
    pub subtotal: f64,
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

/// One line of the derivation. Rendering (zh/en) lives outside the domain.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "step")]
pub enum Step {
    Item {
        id: String,
        detail: String,
        points: f64,
        max: f64,
    },
    Category {
        id: String,
        raw: f64,
        raw_max: f64,
        weight: f64,
        subtotal: f64,
    },
    Base {
        base: f64,
        total: f64,
    },
    BonusGate {
        base: f64,
        gate: f64,
        open: bool,
    },
    Bonus {
        id: String,
        count: u32,
        per: f64,
        cap: f64,
        points: f64,
    },
    BonusCap {
        sum: f64,
        cap: f64,
    },
    Veto {
        id: String,
        reason: String,
    },
    VetoScore {
        forced: f64,
    },
    Verdict {
        total: f64,
        pass_mark: f64,
        passed: bool,
        grade: Option<String>,
    },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Outcome {
    pub items: Vec<ItemResult>,
    pub categories: Vec<CategoryResult>,
    pub base: f64,
    pub bonus: f64,
    pub total: f64,
    pub vetoes: Vec<VetoHit>,
    pub passed: bool,
    pub grade: Option<String>,
    /// Scored applicable items / applicable items (indicators, bonus and veto items).
    pub scored: usize,
    pub applicable: usize,
    pub status: Status,
    pub steps: Vec<Step>,
}

/// Scores one evaluator's entries for an account on `platform` at `level`.
pub fn score(rubric: &Rubric, platform: Platform, level: Level, entries: &[Entry]) -> Outcome {
    todo!("{} {platform:?} {level:?} {}", rubric.id, entries.len())
}
