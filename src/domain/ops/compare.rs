//! Comparison of an account's index with its group in one week (research/statistics.md §5.3):
//! mean, mean without the account, median, z-score, robust z (MAD), midrank percentile; and
//! streaks of consecutive weeks below the group mean (seed 003: two weeks below the provincial
//! average make a merge candidate).

use serde::Serialize;

/// Statistics of one group's index values in one week.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GroupStats {
    pub n: usize,
    pub sum: f64,
    pub mean: f64,
    pub median: f64,
    /// Sample standard deviation (0 for fewer than two values).
    pub sd: f64,
    /// Median absolute deviation from the median.
    pub mad: f64,
    /// Mean absolute deviation from the median (fallback when MAD is 0).
    pub mean_ad: f64,
    /// The values, sorted ascending (for percentiles).
    #[serde(skip)]
    sorted: Vec<f64>,
}

/// One account's standing in its group (each statistic published at
/// [`INDEX_DECIMALS`](crate::domain::figure::INDEX_DECIMALS) in JSON).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Standing {
    #[serde(serialize_with = "crate::domain::figure::serialize_index")]
    pub mean: f64,
    /// Leave-one-out mean `(Σ − x)/(N − 1)`; the mean itself when the account is alone.
    #[serde(serialize_with = "crate::domain::figure::serialize_index")]
    pub mean_without: f64,
    #[serde(serialize_with = "crate::domain::figure::serialize_index")]
    pub median: f64,
    /// `x − mean`.
    #[serde(serialize_with = "crate::domain::figure::serialize_index")]
    pub diff: f64,
    /// `(x − mean)/sd`; 0 when sd = 0.
    #[serde(serialize_with = "crate::domain::figure::serialize_index")]
    pub z: f64,
    /// `(x − median)/(1.4826·MAD)`, or `/(1.2533·MeanAD)` when MAD = 0; none when both are 0.
    #[serde(serialize_with = "crate::domain::figure::serialize_index_opt")]
    pub robust_z: Option<f64>,
    /// Midrank percentile `(#{< x} + ½·#{= x}) / N`, in 0..=1.
    #[serde(serialize_with = "crate::domain::figure::serialize_index")]
    pub percentile: f64,
    /// Strictly below the group mean (a value equal to the mean, within rounding, is not).
    pub below: bool,
}

fn median_sorted(v: &[f64]) -> f64 {
    match v.len() {
        0 => 0.0,
        n if n % 2 == 1 => v[n / 2],
        n => (v[n / 2 - 1] + v[n / 2]) / 2.0,
    }
}

/// The mean of `n` values summing to `sum` (0 for none): one definition for the weekly means
/// and the statistics of the last week.
pub fn mean_of(sum: f64, n: usize) -> f64 {
    if n > 0 { sum / n as f64 } else { 0.0 }
}

/// Whether `x` is below `mean` by more than rounding noise (a value equal to the mean, within
/// rounding, is not).
pub fn is_below_mean(mean: f64, x: f64) -> bool {
    x < mean - 1e-9 * mean.abs().max(1.0)
}

fn sort(v: &mut [f64]) {
    v.sort_by(|a, b| a.total_cmp(b));
}

impl GroupStats {
    /// Statistics of `values` (non-finite values are left out).
    pub fn of(values: &[f64]) -> GroupStats {
        let mut sorted: Vec<f64> = values.iter().copied().filter(|x| x.is_finite()).collect();
        // Summed in the given order, as the weekly means of the report are.
        let sum: f64 = sorted.iter().sum();
        sort(&mut sorted);
        let n = sorted.len();
        let mean = mean_of(sum, n);
        let sd = if n > 1 {
            (sorted.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (n - 1) as f64).sqrt()
        } else {
            0.0
        };
        let median = median_sorted(&sorted);
        let mut dev: Vec<f64> = sorted.iter().map(|x| (x - median).abs()).collect();
        let mean_ad = if n > 0 {
            dev.iter().sum::<f64>() / n as f64
        } else {
            0.0
        };
        sort(&mut dev);
        GroupStats {
            n,
            sum,
            mean,
            median,
            sd,
            mad: median_sorted(&dev),
            mean_ad,
            sorted,
        }
    }

    /// Whether `x` is below the mean by more than rounding noise.
    pub fn is_below(&self, x: f64) -> bool {
        is_below_mean(self.mean, x)
    }

    /// The standing of a member whose value is `x`.
    pub fn standing(&self, x: f64) -> Standing {
        let n = self.n as f64;
        let mean_without = if self.n > 1 {
            (self.sum - x) / (n - 1.0)
        } else {
            self.mean
        };
        let z = if self.sd > 0.0 {
            (x - self.mean) / self.sd
        } else {
            0.0
        };
        let robust_z = if self.mad > 0.0 {
            Some((x - self.median) / (1.4826 * self.mad))
        } else if self.mean_ad > 0.0 {
            Some((x - self.median) / (1.2533 * self.mean_ad))
        } else {
            None
        };
        let less = self.sorted.partition_point(|v| *v < x);
        let upto = self.sorted.partition_point(|v| *v <= x);
        let percentile = if self.n > 0 {
            (less as f64 + 0.5 * (upto - less) as f64) / n
        } else {
            0.0
        };
        Standing {
            mean: self.mean,
            mean_without,
            median: self.median,
            diff: x - self.mean,
            z,
            robust_z,
            percentile,
            below: self.is_below(x),
        }
    }
}

/// Runs of consecutive weeks below the average in one account's weekly sequence.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Streak {
    /// Weeks below at the end of the sequence (the streak still running).
    pub current: u32,
    /// The longest run anywhere in the sequence.
    pub longest: u32,
}

impl Streak {
    /// Adds the next week (in order).
    pub fn push(&mut self, below: bool) {
        self.current = if below { self.current + 1 } else { 0 };
        self.longest = self.longest.max(self.current);
    }

    /// The streaks of a whole sequence.
    pub fn of(below: impl IntoIterator<Item = bool>) -> Streak {
        let mut s = Streak::default();
        for b in below {
            s.push(b);
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn group_statistics_by_hand() {
        let g = GroupStats::of(&[1.0, 2.0, 3.0, 4.0, 10.0]);
        assert_eq!((g.n, g.mean, g.median), (5, 4.0, 3.0));
        assert!((g.sd - 12.5f64.sqrt()).abs() < 1e-12);
        assert_eq!(g.mad, 1.0); // deviations 2,1,0,1,7
        let s = g.standing(10.0);
        assert_eq!(s.mean_without, 2.5);
        assert_eq!(s.diff, 6.0);
        assert!((s.z - 6.0 / 12.5f64.sqrt()).abs() < 1e-12);
        assert!((s.robust_z.unwrap() - 7.0 / 1.4826).abs() < 1e-12);
        assert_eq!(s.percentile, 0.9);
        assert!(!s.below);
        assert!(g.standing(3.0).below);
    }

    #[test]
    fn ties_at_the_average_are_not_below() {
        // Everyone equal: nobody is below, z is 0, robust z undefined, percentile 0.5.
        let g = GroupStats::of(&[2.0, 2.0, 2.0]);
        let s = g.standing(2.0);
        assert!(!s.below);
        assert_eq!((s.z, s.robust_z, s.percentile), (0.0, None, 0.5));
        // A value equal to the mean in a spread group, with the mean not exactly representable.
        let v = [0.1, 0.2, 0.3];
        let g = GroupStats::of(&v);
        assert!(!g.is_below(0.2), "0.2 vs mean {}", g.mean);
        assert!(g.is_below(0.1));
    }

    #[test]
    fn mad_zero_falls_back_to_the_mean_absolute_deviation() {
        let g = GroupStats::of(&[1.0, 1.0, 1.0, 5.0]);
        assert_eq!(g.mad, 0.0);
        assert_eq!(g.mean_ad, 1.0);
        assert!((g.standing(5.0).robust_z.unwrap() - 4.0 / 1.2533).abs() < 1e-12);
    }

    #[test]
    fn accounts_with_no_posts_are_zero_and_below_a_posting_group() {
        let g = GroupStats::of(&[0.0, 0.0, 3.0]);
        assert!(g.standing(0.0).below);
        assert_eq!(g.standing(0.0).percentile, 1.0 / 3.0);
        let alone = GroupStats::of(&[0.0]);
        assert_eq!(alone.standing(0.0).mean_without, 0.0);
        assert!(!alone.standing(0.0).below);
    }

    #[test]
    fn streaks_count_consecutive_weeks() {
        let s = Streak::of([true, true, false, true, true, true, false, true]);
        assert_eq!(
            s,
            Streak {
                current: 1,
                longest: 3
            }
        );
        assert_eq!(Streak::of([]), Streak::default());
        assert_eq!(Streak::of([false, true, true]).current, 2);
    }
}
