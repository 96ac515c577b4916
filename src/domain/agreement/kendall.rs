//! Kendall's coefficient of concordance W on scores ranked per rater (midranks), with the tie
//! correction, its chi-square test and p.

use serde::Serialize;
use statrs::distribution::{ChiSquared, ContinuousCDF};

use super::AgreementError;

#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct KendallW {
    /// Tie-corrected W (the one tested).
    pub w: f64,
    pub w_uncorrected: f64,
    /// m(n−1)·W, tie-corrected.
    pub chi2: f64,
    pub df: f64,
    pub p: f64,
}

/// Midranks (1-based) of `xs`, ties sharing the mean of their positions, in the input order.
pub(super) fn midranks(xs: &[f64]) -> Vec<f64> {
    let mut order: Vec<usize> = (0..xs.len()).collect();
    order.sort_by(|&a, &b| xs[a].total_cmp(&xs[b]));
    let mut ranks = vec![0.0; xs.len()];
    let mut i = 0;
    while i < order.len() {
        let mut j = i;
        while j + 1 < order.len() && xs[order[j + 1]] == xs[order[i]] {
            j += 1;
        }
        let rank = (i + j) as f64 / 2.0 + 1.0;
        for &o in &order[i..=j] {
            ranks[o] = rank;
        }
        i = j + 1;
    }
    ranks
}

/// Σ (t³ − t) over the tie groups of `xs`.
fn ties(xs: &[f64]) -> f64 {
    let mut s: Vec<f64> = xs.to_vec();
    s.sort_by(f64::total_cmp);
    let mut total = 0.0;
    let mut i = 0;
    while i < s.len() {
        let j = s[i..].iter().take_while(|&&x| x == s[i]).count();
        let t = j as f64;
        total += t * t * t - t;
        i += j;
    }
    total
}

/// W over a complete matrix: rows are objects, columns raters (each rater ranks the objects).
pub fn kendall_w(rows: &[Vec<f64>]) -> Result<KendallW, AgreementError> {
    let n = rows.len();
    if n < 2 {
        return Err(AgreementError::TooFewTargets);
    }
    let m = rows[0].len();
    if m < 2 {
        return Err(AgreementError::TooFewRaters);
    }
    let mut sums = vec![0.0; n];
    let mut tie_sum = 0.0;
    for j in 0..m {
        let col: Vec<f64> = rows.iter().map(|r| r[j]).collect();
        for (s, r) in sums.iter_mut().zip(midranks(&col)) {
            *s += r;
        }
        tie_sum += ties(&col);
    }
    let (nf, mf) = (n as f64, m as f64);
    let mean = mf * (nf + 1.0) / 2.0;
    let s: f64 = sums.iter().map(|r| (r - mean).powi(2)).sum();
    let denom = mf * mf * (nf.powi(3) - nf);
    let w_uncorrected = 12.0 * s / denom;
    let w = 12.0 * s / (denom - mf * tie_sum);
    let df = nf - 1.0;
    let chi2 = mf * df * w;
    let p = ChiSquared::new(df).map_or(
        f64::NAN,
        |d| if chi2.is_nan() { f64::NAN } else { d.sf(chi2) },
    );
    Ok(KendallW {
        w,
        w_uncorrected,
        chi2,
        df,
        p,
    })
}
