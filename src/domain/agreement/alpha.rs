//! Krippendorff's alpha with missing values, through the coincidence matrix, for nominal,
//! ordinal, interval and ratio metrics. Units with fewer than two values are not pairable and
//! are left out.

use serde::Serialize;

/// The difference function.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Metric {
    Nominal,
    Ordinal,
    Interval,
    Ratio,
}

/// Alpha under each metric; `None` when there is nothing to compare (fewer than two pairable
/// values, or no variation at all).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Alpha {
    pub nominal: Option<f64>,
    pub ordinal: Option<f64>,
    pub interval: Option<f64>,
    pub ratio: Option<f64>,
}

impl Alpha {
    /// All four metrics for a units × observers matrix (`None` = missing).
    pub fn all(cells: &[Vec<Option<f64>>]) -> Alpha {
        Alpha {
            nominal: krippendorff_alpha(cells, Metric::Nominal),
            ordinal: krippendorff_alpha(cells, Metric::Ordinal),
            interval: krippendorff_alpha(cells, Metric::Interval),
            ratio: krippendorff_alpha(cells, Metric::Ratio),
        }
    }
}

/// Coincidences o[c][k] over the distinct values, and the values.
fn coincidences(cells: &[Vec<Option<f64>>]) -> (Vec<f64>, Vec<Vec<f64>>) {
    let mut values: Vec<f64> = cells.iter().flatten().flatten().copied().collect();
    values.sort_by(f64::total_cmp);
    values.dedup();
    let index = |v: f64| values.partition_point(|&x| x < v);
    let mut o = vec![vec![0.0; values.len()]; values.len()];
    for unit in cells {
        let vs: Vec<usize> = unit.iter().flatten().map(|&v| index(v)).collect();
        if vs.len() < 2 {
            continue;
        }
        let w = 1.0 / (vs.len() - 1) as f64;
        for (a, &c) in vs.iter().enumerate() {
            for (b, &k) in vs.iter().enumerate() {
                if a != b {
                    o[c][k] += w;
                }
            }
        }
    }
    (values, o)
}

/// Squared difference δ²(c, k) between value indices under `metric`; `marg` are the n_c.
fn delta2(metric: Metric, values: &[f64], marg: &[f64], c: usize, k: usize) -> f64 {
    let (x, y) = (values[c], values[k]);
    match metric {
        Metric::Nominal => f64::from(u8::from(c != k)),
        Metric::Interval => (x - y).powi(2),
        Metric::Ratio => {
            if x + y == 0.0 {
                0.0
            } else {
                ((x - y) / (x + y)).powi(2)
            }
        }
        Metric::Ordinal => {
            let (lo, hi) = (c.min(k), c.max(k));
            let between: f64 = marg[lo..=hi].iter().sum();
            (between - (marg[c] + marg[k]) / 2.0).powi(2)
        }
    }
}

/// Krippendorff's alpha for one metric; `None` when fewer than two pairable values exist or
/// the expected disagreement is zero.
pub fn krippendorff_alpha(cells: &[Vec<Option<f64>>], metric: Metric) -> Option<f64> {
    let (values, o) = coincidences(cells);
    let marg: Vec<f64> = o.iter().map(|r| r.iter().sum()).collect();
    let n: f64 = marg.iter().sum();
    if n < 2.0 {
        return None;
    }
    let (mut d_o, mut d_e) = (0.0, 0.0);
    for c in 0..values.len() {
        for k in 0..values.len() {
            let d = delta2(metric, &values, &marg, c, k);
            d_o += o[c][k] * d;
            d_e += marg[c] * marg[k] * d;
        }
    }
    if d_e == 0.0 {
        return None;
    }
    Some(1.0 - (n - 1.0) * d_o / d_e)
}
