//! Each rater against the rest of the panel: mean deviation from the others' mean and the
//! correlation with it, over the targets the rater and at least one other rater scored.

use serde::Serialize;

use super::Matrix;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RaterVsRest {
    pub rater: String,
    /// Targets the rater and at least one other rater scored.
    pub targets: usize,
    /// Mean of (own score − mean of the others' scores); positive = more lenient.
    pub mean_deviation: Option<f64>,
    /// Pearson correlation of own scores with the others' means; `None` below 3 targets or
    /// without variation.
    pub correlation: Option<f64>,
}

/// One line per rater of `m`.
pub fn raters_vs_rest(m: &Matrix) -> Vec<RaterVsRest> {
    (0..m.raters.len())
        .map(|j| {
            let pairs: Vec<(f64, f64)> = m
                .cells
                .iter()
                .filter_map(|row| {
                    let own = row.get(j).copied().flatten()?;
                    let others: Vec<f64> = row
                        .iter()
                        .enumerate()
                        .filter(|&(i, _)| i != j)
                        .filter_map(|(_, v)| *v)
                        .collect();
                    (!others.is_empty())
                        .then(|| (own, others.iter().sum::<f64>() / others.len() as f64))
                })
                .collect();
            let mean_deviation = (!pairs.is_empty())
                .then(|| pairs.iter().map(|(a, b)| a - b).sum::<f64>() / pairs.len() as f64);
            RaterVsRest {
                rater: m.raters[j].clone(),
                targets: pairs.len(),
                mean_deviation,
                correlation: pearson(&pairs),
            }
        })
        .collect()
}

fn pearson(pairs: &[(f64, f64)]) -> Option<f64> {
    if pairs.len() < 3 {
        return None;
    }
    let n = pairs.len() as f64;
    let mx = pairs.iter().map(|p| p.0).sum::<f64>() / n;
    let my = pairs.iter().map(|p| p.1).sum::<f64>() / n;
    let sxy: f64 = pairs.iter().map(|(x, y)| (x - mx) * (y - my)).sum();
    let sxx: f64 = pairs.iter().map(|(x, _)| (x - mx).powi(2)).sum();
    let syy: f64 = pairs.iter().map(|(_, y)| (y - my).powi(2)).sum();
    let d = (sxx * syy).sqrt();
    (d > 0.0).then(|| sxy / d)
}
