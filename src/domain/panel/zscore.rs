//! Per-evaluator z-scores: each evaluator's totals standardised by their own mean and sample
//! SD, averaged per account. Shown beside the raw result, never applied silently.

use serde::Serialize;

use crate::domain::agreement::Matrix;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ZScores {
    /// Mean z per target (`None` when nobody scored it).
    pub per_target: Vec<Option<f64>>,
    /// The same on the original scale: grand mean + z̄ × pooled SD.
    pub rescaled: Vec<Option<f64>>,
    /// Evaluators whose scores do not vary (their z is 0), by name.
    pub flat_raters: Vec<String>,
}

/// z̄ per target of `m` (research/statistics.md §1).
pub fn z_scores(m: &Matrix) -> ZScores {
    let k = m.raters.len();
    let mut stats = Vec::with_capacity(k);
    let mut flat = Vec::new();
    for j in 0..k {
        let xs: Vec<f64> = m
            .cells
            .iter()
            .filter_map(|r| r.get(j).copied().flatten())
            .collect();
        let n = xs.len() as f64;
        let mean = xs.iter().sum::<f64>() / n;
        let sd = (xs.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (n - 1.0)).sqrt();
        let varies = sd > 0.0;
        if !varies && !xs.is_empty() {
            flat.push(m.raters[j].clone());
        }
        stats.push((mean, sd, xs.len()));
    }
    let per_target: Vec<Option<f64>> = m
        .cells
        .iter()
        .map(|row| {
            let zs: Vec<f64> = row
                .iter()
                .enumerate()
                .filter_map(|(j, v)| {
                    let (mean, sd, _) = stats[j];
                    v.map(|x| if sd > 0.0 { (x - mean) / sd } else { 0.0 })
                })
                .collect();
            (!zs.is_empty()).then(|| zs.iter().sum::<f64>() / zs.len() as f64)
        })
        .collect();
    let all: Vec<f64> = m.cells.iter().flatten().flatten().copied().collect();
    let grand = all.iter().sum::<f64>() / all.len().max(1) as f64;
    let (ss, df) = stats
        .iter()
        .filter(|s| s.2 > 1)
        .fold((0.0, 0.0), |(ss, df), &(_, sd, n)| {
            (ss + sd * sd * (n as f64 - 1.0), df + n as f64 - 1.0)
        });
    let pooled = if df > 0.0 { (ss / df).sqrt() } else { 0.0 };
    ZScores {
        rescaled: per_target
            .iter()
            .map(|z| z.map(|z| grand + z * pooled))
            .collect(),
        per_target,
        flat_raters: flat,
    }
}
