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

/// Pairable units (two or more values), each as its values.
fn pairable(cells: &[Vec<Option<f64>>]) -> Vec<Vec<f64>> {
    cells
        .iter()
        .map(|u| u.iter().flatten().copied().collect::<Vec<f64>>())
        .filter(|u| u.len() >= 2)
        .collect()
}

/// Distinct values (sorted) and how often each occurs among the pairable values (n_c).
fn marginals(units: &[Vec<f64>]) -> (Vec<f64>, Vec<f64>) {
    let mut all: Vec<f64> = units.iter().flatten().copied().collect();
    all.sort_by(f64::total_cmp);
    let mut values: Vec<f64> = Vec::new();
    let mut counts: Vec<f64> = Vec::new();
    for v in all {
        if values.last() == Some(&v) {
            if let Some(c) = counts.last_mut() {
                *c += 1.0;
            }
        } else {
            values.push(v);
            counts.push(1.0);
        }
    }
    (values, counts)
}

/// Σ_u 1/(m_u − 1) Σ_{i≠j∈u} δ²(v_i, v_j): the observed disagreement times n.
fn observed(units: &[Vec<f64>], d2: &dyn Fn(f64, f64) -> f64) -> f64 {
    units
        .iter()
        .map(|u| {
            let mut s = 0.0;
            for (a, &x) in u.iter().enumerate() {
                for &y in &u[a + 1..] {
                    s += 2.0 * d2(x, y);
                }
            }
            s / (u.len() - 1) as f64
        })
        .sum()
}

/// Σ_c Σ_k n_c n_k (x_c − x_k)² in O(V).
fn expected_interval(values: &[f64], counts: &[f64]) -> f64 {
    let n: f64 = counts.iter().sum();
    let s1: f64 = values.iter().zip(counts).map(|(v, c)| v * c).sum();
    let s2: f64 = values.iter().zip(counts).map(|(v, c)| v * v * c).sum();
    2.0 * (n * s2 - s1 * s1)
}

/// Krippendorff's alpha for one metric; `None` when fewer than two pairable values exist or
/// the expected disagreement is zero. Ordinal is the interval metric on the values' cumulative
/// midpoints (δ(c, k) = M_k − M_c with M_g = Σ_{h<g} n_h + n_g/2), so every metric but ratio runs
/// in time linear in the number of distinct values.
pub fn krippendorff_alpha(cells: &[Vec<Option<f64>>], metric: Metric) -> Option<f64> {
    let units = pairable(cells);
    let (values, counts) = marginals(&units);
    let n: f64 = counts.iter().sum();
    if n < 2.0 {
        return None;
    }
    let (d_o, d_e) = match metric {
        Metric::Nominal => {
            let same = |x: f64, y: f64| f64::from(u8::from(x != y));
            (
                observed(&units, &same),
                n * n - counts.iter().map(|c| c * c).sum::<f64>(),
            )
        }
        Metric::Interval => (
            observed(&units, &|x, y| (x - y).powi(2)),
            expected_interval(&values, &counts),
        ),
        Metric::Ordinal => {
            let mut below = 0.0;
            let mids: Vec<f64> = counts
                .iter()
                .map(|c| {
                    let m = below + c / 2.0;
                    below += c;
                    m
                })
                .collect();
            let mid = |x: f64| mids[values.partition_point(|&v| v < x)];
            let mapped: Vec<Vec<f64>> = units
                .iter()
                .map(|u| u.iter().map(|&x| mid(x)).collect())
                .collect();
            (
                observed(&mapped, &|x, y| (x - y).powi(2)),
                expected_interval(&mids, &counts),
            )
        }
        Metric::Ratio => {
            let d2 = |x: f64, y: f64| {
                if x + y == 0.0 {
                    0.0
                } else {
                    ((x - y) / (x + y)).powi(2)
                }
            };
            let mut e = 0.0;
            for (a, (&x, &cx)) in values.iter().zip(&counts).enumerate() {
                for (&y, &cy) in values[a + 1..].iter().zip(&counts[a + 1..]) {
                    e += 2.0 * cx * cy * d2(x, y);
                }
            }
            (observed(&units, &d2), e)
        }
    };
    if d_e <= 0.0 {
        return None;
    }
    Some(1.0 - (n - 1.0) * d_o / d_e)
}
