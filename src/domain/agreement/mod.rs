//! Inter-rater agreement, pure: ICC in the six Shrout & Fleiss forms, Kendall's W with tie
//! correction, Krippendorff's alpha with missing values, each rater against the rest, and
//! Kendall's τ-b between two rankings (what-if weights).
//! Formulas: research/statistics.md §2; F, chi-square quantiles and tails come from statrs.

mod alpha;
mod calibration;
mod groups;
mod icc;
mod kendall;
mod raters;
mod tau;

pub use alpha::{Alpha, Metric, krippendorff_alpha};
pub use calibration::{Calibration, IndicatorAgreement, calibration};
pub use groups::{Group, GroupBy, Sheet, groups};
pub use icc::{Icc, IccForm, icc};
pub use kendall::{KendallW, kendall_w};
pub use raters::{RaterVsRest, raters_vs_rest};
pub use tau::kendall_tau_b;

use serde::Serialize;

/// Scores of targets (rows) by raters (columns); `None` where a rater gave no score.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Matrix {
    pub targets: Vec<String>,
    pub raters: Vec<String>,
    /// `cells[target][rater]`.
    pub cells: Vec<Vec<Option<f64>>>,
}

impl Matrix {
    /// A matrix from rows of optional scores, targets and raters named by their numbers.
    pub fn from_rows(rows: Vec<Vec<Option<f64>>>) -> Matrix {
        let k = rows.iter().map(Vec::len).max().unwrap_or(0);
        Matrix {
            targets: (1..=rows.len()).map(|i| i.to_string()).collect(),
            raters: (1..=k).map(|j| j.to_string()).collect(),
            cells: rows
                .into_iter()
                .map(|mut r| {
                    r.resize(k, None);
                    r
                })
                .collect(),
        }
    }

    /// The rows every rater scored (listwise deletion), and how many rows were dropped.
    pub fn complete_rows(&self) -> (Vec<Vec<f64>>, usize) {
        let full: Vec<Vec<f64>> = self
            .cells
            .iter()
            .filter_map(|r| r.iter().copied().collect::<Option<Vec<f64>>>())
            .filter(|r| !r.is_empty())
            .collect();
        let dropped = self.cells.len() - full.len();
        (full, dropped)
    }
}

/// Every agreement figure for one matrix. A figure that cannot be computed (too few complete
/// targets, no variance) is `None` with the reason in `notes`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Agreement {
    /// Targets with at least one score.
    pub targets: usize,
    /// Raters with at least one score.
    pub raters: usize,
    /// Targets scored by every rater (ICC and Kendall's W use only these).
    pub complete_targets: usize,
    /// Targets left out of ICC and W because a rater did not score them.
    pub dropped_targets: usize,
    pub icc: Option<Icc>,
    pub kendall_w: Option<KendallW>,
    pub krippendorff_alpha: Alpha,
    pub raters_vs_rest: Vec<RaterVsRest>,
    pub notes: Vec<AgreementError>,
}

/// Why a figure is missing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, thiserror::Error)]
pub enum AgreementError {
    #[error("fewer than 2 targets scored by every rater")]
    TooFewTargets,
    #[error("fewer than 2 raters")]
    TooFewRaters,
}

/// Computes every figure for `m`, dropping raters and targets without any score first.
pub fn agreement(m: &Matrix) -> Agreement {
    let m = trimmed(m);
    let (full, dropped) = m.complete_rows();
    let mut notes = Vec::new();
    let icc = icc(&full).map_err(|e| notes.push(e)).ok();
    let kendall_w = kendall_w(&full).ok();
    Agreement {
        targets: m.targets.len(),
        raters: m.raters.len(),
        complete_targets: full.len(),
        dropped_targets: dropped,
        icc,
        kendall_w,
        krippendorff_alpha: Alpha::all(&m.cells),
        raters_vs_rest: raters_vs_rest(&m),
        notes,
    }
}

/// `m` without raters who scored nothing and targets nobody scored.
fn trimmed(m: &Matrix) -> Matrix {
    let keep_r: Vec<usize> = (0..m.raters.len())
        .filter(|&j| {
            m.cells
                .iter()
                .any(|r| r.get(j).copied().flatten().is_some())
        })
        .collect();
    let mut out = Matrix {
        raters: keep_r.iter().map(|&j| m.raters[j].clone()).collect(),
        ..Matrix::default()
    };
    for (i, row) in m.cells.iter().enumerate() {
        let cells: Vec<Option<f64>> = keep_r
            .iter()
            .map(|&j| row.get(j).copied().flatten())
            .collect();
        if cells.iter().any(Option::is_some) {
            out.targets.push(m.targets[i].clone());
            out.cells.push(cells);
        }
    }
    out
}

#[cfg(test)]
mod tests;
