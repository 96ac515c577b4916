//! The input of every report: one evaluator's sheet for one account, reduced to what aggregates
//! need (status, points before the veto policy, category subtotals, veto hits), and the rubric
//! facts that aggregation applies (pass mark, full points, categories, grades, veto policy).

use serde::{Deserialize, Serialize};

use crate::domain::engine::Outcome;
use crate::domain::panel::PanelPolicy;
use crate::domain::rubric::{Rubric, VetoPolicy};

/// The version of the rules that computed a kept sheet result: rows of another version are
/// recomputed before any report reads them. Bump the suffix whenever the engine's results change.
pub const ENGINE_VERSION: &str = concat!(env!("CARGO_PKG_VERSION"), "/engine-2");

/// Where one evaluator's sheet stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SheetStatus {
    /// Every applicable item is scored (counts).
    Complete,
    /// The evaluator submitted it (counts, whatever its completeness).
    Submitted,
    /// Started but neither complete nor submitted: reported apart, never in rates or means.
    InProgress,
}

impl SheetStatus {
    /// Whether the sheet counts towards results.
    pub fn counts(self) -> bool {
        matches!(self, SheetStatus::Complete | SheetStatus::Submitted)
    }

    /// The status from completeness counts, whether a veto hit settles the sheet
    /// ([`crate::domain::engine::settled`]) and the submission state; `None` for a sheet with
    /// nothing scored (not started).
    pub fn from_counts(
        scored: usize,
        applicable: usize,
        vetoed: bool,
        submitted: bool,
    ) -> Option<SheetStatus> {
        if submitted {
            Some(SheetStatus::Submitted)
        } else if scored == 0 {
            None
        } else if crate::domain::engine::settled(scored, applicable, vetoed) {
            Some(SheetStatus::Complete)
        } else {
            Some(SheetStatus::InProgress)
        }
    }
}

/// A veto hit as reports show it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct VetoReason {
    /// The veto item's id and name, and the reason chosen.
    pub id: String,
    pub name: String,
    pub reason: String,
}

impl VetoReason {
    /// "item name: reason", the key vetoes are counted by.
    pub fn label(&self) -> String {
        format!("{}: {}", self.name, self.reason)
    }
}

/// One evaluator's sheet for one account.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SheetResult {
    pub account_id: i64,
    pub evaluator: String,
    pub status: SheetStatus,
    /// Base + bonus, BEFORE the rubric's veto policy (the policy applies after combining).
    pub points: f64,
    /// Category subtotals in rubric order.
    pub subtotals: Vec<f64>,
    pub vetoes: Vec<VetoReason>,
    /// A veto settled the sheet with applicable items left unscored (「因单项否决未评」): its
    /// points are not a whole sheet's, so they give no total where the veto policy needs one.
    #[serde(default)]
    pub left_by_veto: bool,
}

/// The completeness counts and points of a scored sheet, as kept in the database.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SheetFigures {
    pub scored: usize,
    pub applicable: usize,
    pub points: f64,
    pub subtotals: Vec<f64>,
    pub vetoes: Vec<VetoReason>,
}

impl SheetFigures {
    /// What a report needs from the engine's outcome for one sheet.
    pub fn of(o: &Outcome) -> SheetFigures {
        SheetFigures {
            scored: o.scored,
            applicable: o.applicable,
            // Before publishing and before the veto effect: both apply once, after combining.
            points: o.unrounded,
            subtotals: o.categories.iter().map(|c| c.subtotal).collect(),
            vetoes: o
                .vetoes
                .iter()
                .map(|v| VetoReason {
                    id: v.id.clone(),
                    name: v.name.clone(),
                    reason: v.reason.clone(),
                })
                .collect(),
        }
    }

    /// The sheet as a report input; `None` when nothing on it is scored and it is not submitted.
    pub fn into_sheet(
        self,
        account_id: i64,
        evaluator: String,
        submitted: bool,
    ) -> Option<SheetResult> {
        let vetoed = !self.vetoes.is_empty();
        let status = SheetStatus::from_counts(self.scored, self.applicable, vetoed, submitted)?;
        Some(SheetResult {
            account_id,
            evaluator,
            status,
            points: self.points,
            subtotals: self.subtotals,
            vetoes: self.vetoes,
            left_by_veto: vetoed && self.scored < self.applicable,
        })
    }
}

/// Removes floating-point noise below 1e-9 (sums of 0.1 steps), never rounding to display.
pub fn tidy(x: f64) -> f64 {
    let r = (x * 1e9).round() / 1e9;
    if r == 0.0 { 0.0 } else { r }
}

/// A category as reports show it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CategoryInfo {
    pub id: String,
    pub name: String,
    pub weight: f64,
}

/// The rubric facts a report applies.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Scheme {
    pub pass_mark: f64,
    /// Full points of the base part (a total at or above this is "full marks").
    pub full: f64,
    pub categories: Vec<CategoryInfo>,
    /// Grade bands (name, lower bound).
    pub grades: Vec<(String, f64)>,
    pub on_veto: VetoPolicy,
    /// How several evaluators' sheets become one account result: the round's panel settings
    /// (method, quorum, veto across the panel), applied by [`crate::domain::panel::panel_result`].
    #[serde(default)]
    pub panel: PanelPolicy,
    /// Per category (rubric order), the round's own method for it (`panel config --category`);
    /// `None` or missing: the panel's method.
    #[serde(default)]
    pub category_methods: Vec<Option<crate::domain::panel::Method>>,
    /// Which side of the pass mark passes, and the decimals results are published at: the
    /// rubric's own rules (`Rubric::passes`, `Rubric::publish`), carried here so that the
    /// combined result is judged exactly as one sheet is.
    pub pass_side: crate::domain::rubric::Side,
    pub decimals: u32,
}

impl Scheme {
    pub fn of(rubric: &Rubric, panel: PanelPolicy) -> Scheme {
        Scheme {
            pass_mark: rubric.pass_mark,
            full: rubric.total,
            categories: rubric
                .categories
                .iter()
                .map(|c| CategoryInfo {
                    id: c.id.clone(),
                    name: c.name.clone(),
                    weight: c.weight,
                })
                .collect(),
            grades: rubric.grades.clone(),
            on_veto: rubric.on_veto,
            panel,
            category_methods: Vec::new(),
            pass_side: rubric.pass_side,
            decimals: rubric.decimals,
        }
    }

    /// The scheme with the round's per-category methods, `(category id, method)`; ids the
    /// rubric does not have are ignored.
    pub fn with_category_methods(
        mut self,
        own: &[(String, crate::domain::panel::Method)],
    ) -> Scheme {
        self.category_methods = self
            .categories
            .iter()
            .map(|c| own.iter().find(|(id, _)| *id == c.id).map(|(_, m)| *m))
            .collect();
        self
    }

    /// A value at the rubric's published precision (half-up).
    pub fn publish(&self, x: f64) -> f64 {
        crate::domain::precision::round_half_up(x, self.decimals)
    }

    /// True when a published total passes (the rubric's pass side).
    pub fn passes(&self, total: f64) -> bool {
        self.pass_side.admits(total, self.pass_mark)
    }

    /// The grade band of a total (highest band whose lower bound it reaches).
    pub fn grade_for(&self, total: f64) -> Option<&str> {
        let mut bands: Vec<&(String, f64)> = self.grades.iter().collect();
        bands.sort_by(|a, b| b.1.total_cmp(&a.1));
        bands
            .iter()
            .find(|(_, lo)| total + 1e-9 >= *lo)
            .map(|(n, _)| n.as_str())
    }

    /// The band with the lowest lower bound (what a vetoed account is graded).
    pub fn lowest_grade(&self) -> Option<&str> {
        self.grades
            .iter()
            .min_by(|a, b| a.1.total_cmp(&b.1))
            .map(|(n, _)| n.as_str())
    }
}

/// How an account's counted sheets are combined: the panel's method (mean, median, trimmed),
/// one definition in [`crate::domain::panel`].
pub use crate::domain::panel::Method as Combine;
