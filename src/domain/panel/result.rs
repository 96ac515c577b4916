//! The panel result of one account: the evaluators' complete sheets aggregated by the round's
//! method, below the quorum 「未完成」, the veto decided across the panel with its split shown.
//! Weighting happens per sheet first (each sheet's total), then across evaluators
//! (research/statistics.md §1).

use serde::{Deserialize, Serialize};

/// How the evaluators' totals become one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Method {
    #[default]
    Mean,
    Median,
    /// Drops exactly one highest and one lowest total (去掉一个最高分和一个最低分); needs 3.
    Trimmed,
}

/// When a veto recorded by some evaluators holds for the panel.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum VetoRule {
    /// One evaluator's veto suffices.
    #[default]
    Any,
    /// More than half of the complete sheets.
    Majority,
    /// Every complete sheet.
    All,
}

/// A round's panel settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct PanelPolicy {
    pub method: Method,
    /// Minimum complete sheets per account; fewer leaves the account 「未完成」.
    pub quorum: usize,
    pub veto: VetoRule,
}

impl Default for PanelPolicy {
    fn default() -> Self {
        PanelPolicy {
            method: Method::Mean,
            quorum: 1,
            veto: VetoRule::Any,
        }
    }
}

/// One evaluator's sheet for the account, as the engine scored it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SheetScore {
    pub evaluator: String,
    pub total: f64,
    /// Every applicable item scored.
    pub complete: bool,
    pub vetoed: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PanelResult {
    /// The aggregated total; `None` while 「未完成」 (below quorum).
    pub total: Option<f64>,
    pub sheets: usize,
    pub complete: usize,
    /// Complete sheets that recorded a veto, of `complete`.
    pub veto_votes: usize,
    pub vetoed: bool,
    /// Below the quorum: 「未完成」.
    pub unfinished: bool,
    /// The complete sheets' totals the result rests on, sorted.
    pub values: Vec<f64>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize)]
pub enum PanelError {
    #[error(
        "the trimmed mean drops the highest and the lowest score and needs at least 3 complete sheets; this account has {found}. Use --method mean or median, or wait for more sheets"
    )]
    TooFewForTrim { found: usize },
}

/// The panel result; only complete sheets count.
pub fn panel_result(
    policy: &PanelPolicy,
    sheets: &[SheetScore],
) -> Result<PanelResult, PanelError> {
    let complete: Vec<&SheetScore> = sheets.iter().filter(|s| s.complete).collect();
    let mut values: Vec<f64> = complete.iter().map(|s| s.total).collect();
    values.sort_by(f64::total_cmp);
    let n = values.len();
    let votes = complete.iter().filter(|s| s.vetoed).count();
    let unfinished = n < policy.quorum.max(1);
    let total = if unfinished {
        None
    } else {
        Some(aggregate(policy.method, &values)?)
    };
    let vetoed = !unfinished
        && match policy.veto {
            VetoRule::Any => votes > 0,
            VetoRule::Majority => votes * 2 > n,
            VetoRule::All => votes == n && n > 0,
        };
    Ok(PanelResult {
        total,
        sheets: sheets.len(),
        complete: n,
        veto_votes: votes,
        vetoed,
        unfinished,
        values,
    })
}

/// Mean, median or 1-and-1 trimmed mean of sorted, non-empty `v`.
fn aggregate(method: Method, v: &[f64]) -> Result<f64, PanelError> {
    let n = v.len();
    let mean = |s: &[f64]| s.iter().sum::<f64>() / s.len() as f64;
    Ok(match method {
        Method::Mean => mean(v),
        Method::Median if n % 2 == 1 => v[n / 2],
        Method::Median => (v[n / 2 - 1] + v[n / 2]) / 2.0,
        Method::Trimmed if n < 3 => return Err(PanelError::TooFewForTrim { found: n }),
        Method::Trimmed => mean(&v[1..n - 1]),
    })
}
