//! Descriptive statistics over account totals, defined once: mean, median, sample standard
//! deviation, quartiles as Excel's QUARTILE.INC (so an office can check them in Excel),
//! competition ranking (ties share a rank: 1, 2, 2, 4) and the mid-rank percentile.

/// Arithmetic mean; `None` for no values.
pub fn mean(xs: &[f64]) -> Option<f64> {
    (!xs.is_empty()).then(|| xs.iter().sum::<f64>() / xs.len() as f64)
}

/// Sample standard deviation (n − 1, Excel's STDEV.S); `None` below two values.
pub fn sample_sd(xs: &[f64]) -> Option<f64> {
    if xs.len() < 2 {
        return None;
    }
    let m = mean(xs)?;
    let ss: f64 = xs.iter().map(|x| (x - m) * (x - m)).sum();
    Some((ss / (xs.len() - 1) as f64).sqrt())
}

/// Sorted copy (NaN-free input assumed; totals never are NaN).
pub fn sorted(xs: &[f64]) -> Vec<f64> {
    let mut v = xs.to_vec();
    v.sort_by(f64::total_cmp);
    v
}

/// Excel QUARTILE.INC / PERCENTILE.INC on sorted values (linear interpolation between closest
/// ranks, `h = (n − 1)·p`, Hyndman–Fan type 7). `p` in [0, 1]; `None` for no values.
pub fn percentile_inc(sorted: &[f64], p: f64) -> Option<f64> {
    let n = sorted.len();
    if n == 0 {
        return None;
    }
    let h = (n - 1) as f64 * p.clamp(0.0, 1.0);
    let lo = h.floor() as usize;
    let hi = (lo + 1).min(n - 1);
    Some(sorted[lo] + (h - lo as f64) * (sorted[hi] - sorted[lo]))
}

/// The five-number summary and spread of a set of totals.
#[derive(Debug, Clone, Copy, PartialEq, Default, serde::Serialize, serde::Deserialize)]
pub struct Spread {
    pub n: usize,
    pub mean: Option<f64>,
    pub median: Option<f64>,
    /// Sample SD (n − 1); `None` below two values.
    pub sd: Option<f64>,
    /// First and third quartiles, QUARTILE.INC(…, 1) and QUARTILE.INC(…, 3).
    pub q1: Option<f64>,
    pub q3: Option<f64>,
    pub min: Option<f64>,
    pub max: Option<f64>,
}

impl Spread {
    pub fn of(xs: &[f64]) -> Spread {
        let s = sorted(xs);
        Spread {
            n: s.len(),
            mean: mean(&s),
            median: percentile_inc(&s, 0.5),
            sd: sample_sd(&s),
            q1: percentile_inc(&s, 0.25),
            q3: percentile_inc(&s, 0.75),
            min: s.first().copied(),
            max: s.last().copied(),
        }
    }
}

/// Competition ranks, highest value first ("1224"): equal values (within 1e-9) share the best
/// rank and the next rank skips. `None` values get no rank.
pub fn competition_ranks(values: &[Option<f64>]) -> Vec<Option<usize>> {
    let mut order: Vec<(usize, f64)> = values
        .iter()
        .enumerate()
        .filter_map(|(i, v)| v.map(|v| (i, v)))
        .collect();
    order.sort_by(|a, b| b.1.total_cmp(&a.1));
    let mut ranks = vec![None; values.len()];
    let mut prev: Option<(f64, usize)> = None;
    for (pos, (i, v)) in order.into_iter().enumerate() {
        let rank = match prev {
            Some((pv, r)) if (pv - v).abs() <= 1e-9 => r,
            _ => pos + 1,
        };
        prev = Some((v, rank));
        ranks[i] = Some(rank);
    }
    ranks
}

/// Mid-rank percentile of `x` in `group`, in [0, 1]: (#below + ½·#equal) / n. `None` when the
/// group is empty.
pub fn percentile_rank(x: f64, group: &[f64]) -> Option<f64> {
    percentile_in_sorted(x, &sorted(group))
}

/// [`percentile_rank`] on values already sorted ascending (O(log n), for whole groups).
pub fn percentile_in_sorted(x: f64, sorted: &[f64]) -> Option<f64> {
    if sorted.is_empty() {
        return None;
    }
    let below = sorted.partition_point(|g| *g < x - 1e-9);
    let upto = sorted.partition_point(|g| *g <= x + 1e-9);
    Some((below as f64 + 0.5 * (upto - below) as f64) / sorted.len() as f64)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: Option<f64>, b: f64) {
        let a = a.expect("a value");
        assert!((a - b).abs() < 1e-9, "{a} != {b}");
    }

    #[test]
    fn spread_matches_hand_computed_values() {
        // 70, 80, 80, 90, 95 — by hand: mean 83, median 80, SS = 169+9+9+49+144 = 380,
        // SD = sqrt(380/4) = 9.746794…; QUARTILE.INC: q1 at h=1 → 80, q3 at h=3 → 90.
        let s = Spread::of(&[90.0, 70.0, 80.0, 95.0, 80.0]);
        assert_eq!(s.n, 5);
        close(s.mean, 83.0);
        close(s.median, 80.0);
        close(s.sd, 95.0f64.sqrt());
        close(s.q1, 80.0);
        close(s.q3, 90.0);
        close(s.min, 70.0);
        close(s.max, 95.0);
    }

    #[test]
    fn quartiles_interpolate_like_excel() {
        // Excel: QUARTILE.INC({1,2,3,4},1) = 1.75, (…,3) = 3.25, median 2.5.
        let s = Spread::of(&[4.0, 1.0, 3.0, 2.0]);
        close(s.q1, 1.75);
        close(s.q3, 3.25);
        close(s.median, 2.5);
        // QUARTILE.INC({10,20,30,40,50,60},1) = 22.5, (…,3) = 47.5.
        let s = Spread::of(&[10.0, 20.0, 30.0, 40.0, 50.0, 60.0]);
        close(s.q1, 22.5);
        close(s.q3, 47.5);
    }

    #[test]
    fn a_group_of_one_and_an_empty_group() {
        let one = Spread::of(&[77.5]);
        close(one.mean, 77.5);
        close(one.median, 77.5);
        close(one.q1, 77.5);
        close(one.q3, 77.5);
        assert_eq!(one.sd, None, "no sample SD from one value");
        let none = Spread::of(&[]);
        assert_eq!(none, Spread::default());
    }

    #[test]
    fn ties_share_a_rank_and_the_next_skips() {
        let r = competition_ranks(&[Some(80.0), Some(95.0), None, Some(80.0), Some(60.0)]);
        assert_eq!(r, vec![Some(2), Some(1), None, Some(2), Some(4)]);
        assert_eq!(competition_ranks(&[]), Vec::<Option<usize>>::new());
    }

    #[test]
    fn percentile_rank_counts_half_the_ties() {
        let g = [60.0, 80.0, 80.0, 95.0];
        close(percentile_rank(80.0, &g), (1.0 + 0.5 * 2.0) / 4.0);
        close(percentile_rank(95.0, &g), 3.5 / 4.0);
        close(percentile_rank(60.0, &g), 0.5 / 4.0);
        assert_eq!(percentile_rank(1.0, &[]), None);
    }
}
