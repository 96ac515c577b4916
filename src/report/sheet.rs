//! The input of every report: one evaluator's sheet for one account, reduced to what aggregates
//! need (status, points before the veto policy, category subtotals, veto hits), and the rubric
//! facts that aggregation applies (pass mark, full points, categories, grades, veto policy).

use serde::{Deserialize, Serialize};

use crate::domain::panel::PanelPolicy;
use crate::domain::rubric::{Rubric, VetoPolicy};

/// What a sheet comes to (status, points, subtotals, veto hits) is the domain's; reports read it.
pub use crate::domain::sheet_result::{
    ENGINE_VERSION, SheetFigures, SheetResult, SheetStatus, VetoReason,
};

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
