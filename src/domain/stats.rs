//! Descriptive statistics over published account figures, defined once and computed exactly:
//! mean, median, sample standard deviation, quartiles as Excel's QUARTILE.INC (so an office can
//! check them in Excel), each published at the rubric's decimals; competition ranking (ties
//! share a rank: 1, 2, 2, 4) and the mid-rank percentile (a rate, 0.1%).

use crate::domain::figure::{Exact, Figure, sqrt_half_up};

/// The figures as integers of one decimal place count, with it, when they share it (the usual
/// case: published at the rubric's decimals), for integer sums.
fn same_units(xs: &[Figure]) -> Option<(Vec<i128>, u32)> {
    let d = xs.first()?.decimals();
    xs.iter()
        .all(|x| x.decimals() == d)
        .then(|| (xs.iter().map(|x| i128::from(x.units())).collect(), d))
}

/// Arithmetic mean, exactly; `None` for no values.
pub fn mean(xs: &[Figure]) -> Option<Exact> {
    if let Some((u, d)) = same_units(xs)
        && let Some(sum) = u.iter().try_fold(0i128, |a, b| a.checked_add(*b))
    {
        return Some(Exact::ratio(sum, xs.len() as i128 * 10i128.pow(d)));
    }
    let sum: Exact = xs.iter().map(|x| x.exact()).sum();
    sum.div(&Exact::int(xs.len() as i128))
}

/// n·Σu² − (Σu)² over n(n − 1): the sample variance in units², exactly, in integers.
fn variance_units(u: &[i128]) -> Option<Exact> {
    let n = u.len() as i128;
    let (mut s, mut ss) = (0i128, 0i128);
    for x in u {
        s = s.checked_add(*x)?;
        ss = ss.checked_add(x.checked_mul(*x)?)?;
    }
    let num = n.checked_mul(ss)?.checked_sub(s.checked_mul(s)?)?;
    Some(Exact::ratio(num, n * (n - 1)))
}

/// Sample standard deviation (n − 1, Excel's STDEV.S), published at `decimals` exactly (the
/// square root decided on integers); `None` below two values.
pub fn sample_sd(xs: &[Figure], decimals: u32) -> Option<Figure> {
    if xs.len() < 2 {
        return None;
    }
    let decimals = decimals.min(crate::domain::figure::MAX_DECIMALS);
    if let Some((u, d)) = same_units(xs).filter(|(_, d)| *d <= decimals)
        && let Some(var) = variance_units(&u)
    {
        // In the figures' own units (10^−d); √ at `decimals` = √(var · 10^2(decimals − d)).
        let scale = Exact::int(10i128.pow(2 * (decimals - d)));
        let units: i64 = sqrt_half_up(&var.mul(&scale)).try_into().ok()?;
        return Some(Figure::new(units, decimals));
    }
    let m = mean(xs)?;
    let ss: Exact = xs
        .iter()
        .map(|x| {
            let d = x.exact().sub(&m);
            d.mul(&d)
        })
        .sum();
    let var = ss.div(&Exact::int(xs.len() as i128 - 1))?;
    // √var at `decimals` = √(var · 10^2d) in units, rounded half-up.
    let scale = Exact::int(10i128.pow(2 * decimals));
    let units = sqrt_half_up(&var.mul(&scale));
    let units: i64 = units.try_into().ok()?;
    Some(Figure::new(units, decimals))
}

/// Sorted copy.
pub fn sorted(xs: &[Figure]) -> Vec<Figure> {
    let mut v = xs.to_vec();
    v.sort();
    v
}

/// Excel QUARTILE.INC / PERCENTILE.INC on sorted values (linear interpolation between closest
/// ranks, `h = (n − 1)·p`, Hyndman–Fan type 7), exactly, for p = `num`/`den` in [0, 1]; `None`
/// for no values.
pub fn percentile_inc(sorted: &[Figure], num: usize, den: usize) -> Option<Exact> {
    let n = sorted.len();
    if n == 0 || den == 0 {
        return None;
    }
    let h_num = (n - 1) * num.min(den);
    let lo = h_num / den;
    let hi = (lo + 1).min(n - 1);
    let frac = Exact::ratio((h_num % den) as i128, den as i128);
    let (a, b) = (sorted[lo].exact(), sorted[hi].exact());
    Some(a.add(&frac.mul(&b.sub(&a))))
}

/// The five-number summary and spread of a set of published totals, each published at the
/// rubric's decimals.
#[derive(Debug, Clone, Copy, PartialEq, Default, serde::Serialize, serde::Deserialize)]
pub struct Spread {
    pub n: usize,
    pub mean: Option<Figure>,
    pub median: Option<Figure>,
    /// Sample SD (n − 1); `None` below two values.
    pub sd: Option<Figure>,
    /// First and third quartiles, QUARTILE.INC(…, 1) and QUARTILE.INC(…, 3).
    pub q1: Option<Figure>,
    pub q3: Option<Figure>,
    pub min: Option<Figure>,
    pub max: Option<Figure>,
}

impl Spread {
    pub fn of(xs: &[Figure], decimals: u32) -> Spread {
        let s = sorted(xs);
        let publish = |x: Option<Exact>| x.map(|x| x.publish(decimals));
        Spread {
            n: s.len(),
            mean: publish(mean(&s)),
            median: publish(percentile_inc(&s, 1, 2)),
            sd: sample_sd(&s, decimals),
            q1: publish(percentile_inc(&s, 1, 4)),
            q3: publish(percentile_inc(&s, 3, 4)),
            min: s.first().map(|x| x.at(decimals)),
            max: s.last().map(|x| x.at(decimals)),
        }
    }
}

/// Competition ranks, highest value first ("1224"): equal values share the best rank and the
/// next rank skips. `None` values get no rank.
pub fn competition_ranks(values: &[Option<Figure>]) -> Vec<Option<usize>> {
    let mut order: Vec<(usize, Figure)> = values
        .iter()
        .enumerate()
        .filter_map(|(i, v)| v.map(|v| (i, v)))
        .collect();
    order.sort_by_key(|x| std::cmp::Reverse(x.1));
    let mut ranks = vec![None; values.len()];
    let mut prev: Option<(Figure, usize)> = None;
    for (pos, (i, v)) in order.into_iter().enumerate() {
        let rank = match prev {
            Some((pv, r)) if pv == v => r,
            _ => pos + 1,
        };
        prev = Some((v, rank));
        ranks[i] = Some(rank);
    }
    ranks
}

/// Mid-rank percentile of `x` in `group`, a rate in [0, 1] at 0.1%: (#below + ½·#equal) / n.
/// `None` when the group is empty.
pub fn percentile_rank(x: Figure, group: &[Figure]) -> Option<Figure> {
    percentile_in_sorted(x, &sorted(group))
}

/// [`percentile_rank`] on values already sorted ascending (O(log n), for whole groups).
pub fn percentile_in_sorted(x: Figure, sorted: &[Figure]) -> Option<Figure> {
    if sorted.is_empty() {
        return None;
    }
    let below = sorted.partition_point(|g| *g < x);
    let upto = sorted.partition_point(|g| *g <= x);
    // (below + ½·equal) / n = (2·below + equal) / 2n
    Figure::rate(2 * below + (upto - below), 2 * sorted.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::figure::dec;

    fn figs(xs: &[f64]) -> Vec<Figure> {
        xs.iter().map(|x| dec(*x)).collect()
    }

    fn is(a: Option<Figure>, b: &str) {
        assert_eq!(a.expect("a value").text(), b);
    }

    #[test]
    fn spread_matches_hand_computed_values() {
        // 70, 80, 80, 90, 95 — by hand: mean 83, median 80, SS = 169+9+9+49+144 = 380,
        // SD = sqrt(380/4) = 9.746794…; QUARTILE.INC: q1 at h=1 → 80, q3 at h=3 → 90.
        let s = Spread::of(&figs(&[90.0, 70.0, 80.0, 95.0, 80.0]), 2);
        assert_eq!(s.n, 5);
        is(s.mean, "83.00");
        is(s.median, "80.00");
        is(s.sd, "9.75");
        is(s.q1, "80.00");
        is(s.q3, "90.00");
        is(s.min, "70.00");
        is(s.max, "95.00");
        is(
            Spread::of(&figs(&[90.0, 70.0, 80.0, 95.0, 80.0]), 4).sd,
            "9.7468",
        );
    }

    #[test]
    fn quartiles_interpolate_like_excel() {
        // Excel: QUARTILE.INC({1,2,3,4},1) = 1.75, (…,3) = 3.25, median 2.5.
        let s = Spread::of(&figs(&[4.0, 1.0, 3.0, 2.0]), 2);
        is(s.q1, "1.75");
        is(s.q3, "3.25");
        is(s.median, "2.50");
        // QUARTILE.INC({10,20,30,40,50,60},1) = 22.5, (…,3) = 47.5.
        let s = Spread::of(&figs(&[10.0, 20.0, 30.0, 40.0, 50.0, 60.0]), 2);
        is(s.q1, "22.50");
        is(s.q3, "47.50");
    }

    #[test]
    fn means_of_published_figures_are_exact_and_published_half_up() {
        // 60.00 and 59.99 from two evaluators → 59.995 → 60.00 (never 59.99 from a double).
        let s = Spread::of(&figs(&[60.0, 59.99]), 2);
        is(s.mean, "60.00");
        is(s.median, "60.00");
        let s = Spread::of(&figs(&[80.12, 80.13]), 2);
        is(s.mean, "80.13");
    }

    #[test]
    fn a_group_of_one_and_an_empty_group() {
        let one = Spread::of(&figs(&[77.5]), 2);
        is(one.mean, "77.50");
        is(one.median, "77.50");
        is(one.q1, "77.50");
        is(one.q3, "77.50");
        assert_eq!(one.sd, None, "no sample SD from one value");
        let none = Spread::of(&[], 2);
        assert_eq!(none, Spread::default());
    }

    #[test]
    fn ties_share_a_rank_and_the_next_skips() {
        let f = |x: f64| Some(dec(x));
        let r = competition_ranks(&[f(80.0), f(95.0), None, f(80.0), f(60.0)]);
        assert_eq!(r, vec![Some(2), Some(1), None, Some(2), Some(4)]);
        assert_eq!(competition_ranks(&[]), Vec::<Option<usize>>::new());
    }

    #[test]
    fn percentile_rank_counts_half_the_ties() {
        let g = figs(&[60.0, 80.0, 80.0, 95.0]);
        is(percentile_rank(dec(80.0), &g), "0.500");
        is(percentile_rank(dec(95.0), &g), "0.875");
        is(percentile_rank(dec(60.0), &g), "0.125");
        assert_eq!(percentile_rank(dec(1.0), &[]), None);
    }
}
