//! Kendall's τ-b between two rankings of the same objects, ties handled (Knight's O(n log n)
//! algorithm: sort by the first ranking, count the exchanges a merge sort by the second needs).
//! τ_b = (n_c − n_d) / √((n_0 − n_1)(n_0 − n_2)) (Kendall 1945; the algorithm: Knight 1966).

/// Pairs tied in `xs` (already sorted): Σ t(t−1)/2 over the runs of equal values.
fn tied_pairs<T: PartialEq>(xs: &[T]) -> u128 {
    let mut total = 0u128;
    let mut i = 0;
    while i < xs.len() {
        let t = xs[i..].iter().take_while(|&x| *x == xs[i]).count() as u128;
        total += t * (t - 1) / 2;
        i += t as usize;
    }
    total
}

/// Sorts `ys` ascending, returning the number of strictly discordant pairs it had to swap.
fn merge_count(ys: &mut Vec<f64>) -> u128 {
    let n = ys.len();
    if n < 2 {
        return 0;
    }
    let mut right = ys.split_off(n / 2);
    let mut swaps = merge_count(ys) + merge_count(&mut right);
    let left = std::mem::take(ys);
    let (mut i, mut j) = (0, 0);
    ys.reserve(n);
    while i < left.len() && j < right.len() {
        if right[j] < left[i] {
            swaps += (left.len() - i) as u128;
            ys.push(right[j]);
            j += 1;
        } else {
            ys.push(left[i]);
            i += 1;
        }
    }
    ys.extend_from_slice(&left[i..]);
    ys.extend_from_slice(&right[j..]);
    swaps
}

/// Kendall's τ-b between `xs` and `ys` (the same objects in the same order; NaN is not
/// allowed). `None` with fewer than two objects, different lengths, or when either ranking
/// ties every object (τ is undefined then).
pub fn kendall_tau_b(xs: &[f64], ys: &[f64]) -> Option<f64> {
    let n = xs.len();
    if n < 2 || ys.len() != n || xs.iter().chain(ys).any(|v| v.is_nan()) {
        return None;
    }
    let mut pairs: Vec<(f64, f64)> = xs.iter().copied().zip(ys.iter().copied()).collect();
    pairs.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.total_cmp(&b.1)));
    let n0 = (n as u128) * (n as u128 - 1) / 2;
    let x_sorted: Vec<f64> = pairs.iter().map(|p| p.0).collect();
    let n1 = tied_pairs(&x_sorted);
    let n3 = tied_pairs(&pairs);
    let mut y: Vec<f64> = pairs.iter().map(|p| p.1).collect();
    let swaps = merge_count(&mut y);
    let n2 = tied_pairs(&y);
    let denom = ((n0 - n1) as f64) * ((n0 - n2) as f64);
    if denom <= 0.0 {
        return None;
    }
    let s = n0 as f64 - n1 as f64 - n2 as f64 + n3 as f64 - 2.0 * swaps as f64;
    Some(s / denom.sqrt())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// τ-b by its definition, pair by pair.
    fn naive(xs: &[f64], ys: &[f64]) -> Option<f64> {
        let n = xs.len();
        let (mut c, mut d, mut tx, mut ty) = (0.0, 0.0, 0.0, 0.0);
        for i in 0..n {
            for j in i + 1..n {
                let (a, b) = (xs[i] - xs[j], ys[i] - ys[j]);
                if a == 0.0 && b == 0.0 {
                } else if a == 0.0 {
                    tx += 1.0;
                } else if b == 0.0 {
                    ty += 1.0;
                } else if a * b > 0.0 {
                    c += 1.0;
                } else {
                    d += 1.0;
                }
            }
        }
        let den: f64 = (c + d + tx) * (c + d + ty);
        (den > 0.0).then(|| (c - d) / den.sqrt())
    }

    #[test]
    fn identical_rankings_give_one_and_reversed_minus_one() {
        let x = [1.0, 2.0, 2.0, 4.0, 5.0];
        assert_eq!(kendall_tau_b(&x, &x), Some(1.0));
        let rev: Vec<f64> = x.iter().map(|v| -v).collect();
        assert_eq!(kendall_tau_b(&x, &rev), Some(-1.0));
    }

    #[test]
    fn a_hand_computed_case_with_ties() {
        // x = 1 2 2 3, y = 1 3 2 3. Pairs: (1,2) c, (1,3) c, (1,4) c, (2,3) tie in x,
        // (2,4) tie in y, (3,4) c: n_c = 4, n_d = 0, n_0 = 6, n_1 = 1, n_2 = 1:
        // τ_b = 4 / √(5 × 5) = 0.8.
        let t = kendall_tau_b(&[1.0, 2.0, 2.0, 3.0], &[1.0, 3.0, 2.0, 3.0]).unwrap();
        assert!((t - 0.8).abs() < 1e-12, "{t}");
        // One swap of neighbours among five: n_d = 1, n_c = 9: τ = 8 / 10.
        let t = kendall_tau_b(&[1.0, 2.0, 3.0, 4.0, 5.0], &[1.0, 3.0, 2.0, 4.0, 5.0]).unwrap();
        assert!((t - 0.8).abs() < 1e-12, "{t}");
    }

    #[test]
    fn undefined_when_a_ranking_ties_everything() {
        assert_eq!(kendall_tau_b(&[1.0, 1.0, 1.0], &[1.0, 2.0, 3.0]), None);
        assert_eq!(kendall_tau_b(&[1.0], &[1.0]), None);
        assert_eq!(kendall_tau_b(&[1.0, 2.0], &[1.0]), None);
    }

    #[test]
    fn agrees_with_the_definition_on_many_tied_rankings() {
        // A small linear congruential sequence: values 0..6, so many ties.
        let mut seed = 12345u64;
        let mut next = || {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            ((seed >> 33) % 7) as f64
        };
        for n in [2usize, 3, 7, 20, 61] {
            let xs: Vec<f64> = (0..n).map(|_| next()).collect();
            let ys: Vec<f64> = (0..n).map(|_| next()).collect();
            let (fast, slow) = (kendall_tau_b(&xs, &ys), naive(&xs, &ys));
            match (fast, slow) {
                (Some(a), Some(b)) => assert!((a - b).abs() < 1e-12, "n={n}: {a} vs {b}"),
                (a, b) => assert_eq!(a, b, "n={n}"),
            }
        }
    }
}
