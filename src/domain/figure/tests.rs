//! The publication rule against an exact model (big rationals): arithmetic, half-up
//! publication, the formatting function and the decimal reading of doubles.

use num_bigint::BigInt;
use num_integer::Integer;
use num_rational::BigRational;
use num_traits::Signed;
use proptest::prelude::*;

use super::*;

fn model(n: i128, d: i128) -> BigRational {
    BigRational::new(BigInt::from(n), BigInt::from(d))
}

fn big_of(x: &Exact) -> BigRational {
    match x {
        Exact::Small(n, d) => model(*n, *d),
        Exact::Big(b) => (**b).clone(),
    }
}

/// Half-up (away from zero) of a big rational at `decimals`, as an integer of units.
fn model_publish(x: &BigRational, decimals: u32) -> BigInt {
    let s = x * BigRational::from_integer(BigInt::from(10i128.pow(decimals)));
    let (n, d) = (s.numer().abs(), s.denom().clone());
    let (q, r) = n.div_rem(&d);
    let q = if r * 2 >= d { q + 1 } else { q };
    if s.is_negative() { -q } else { q }
}

#[test]
fn ties_go_up_and_the_decimals_are_the_rubrics() {
    let f = |n, d, k| Exact::ratio(n, d).publish(k).text();
    assert_eq!(f(59985, 1000, 2), "59.99");
    assert_eq!(f(80125, 1000, 2), "80.13");
    assert_eq!(f(125, 1000, 2), "0.13");
    assert_eq!(f(5999, 1000, 3), "5.999");
    assert_eq!(f(5999, 1000, 2), "6.00");
    assert_eq!(f(-1005, 1000, 2), "-1.01");
    assert_eq!(f(1, 3, 2), "0.33");
    assert_eq!(f(2, 3, 2), "0.67");
    assert_eq!(f(-1, 1000, 2), "0.00");
    assert_eq!(f(6, 1, 0), "6");
    assert_eq!(Figure::new(6000, 2).text(), "60.00");
    assert_eq!(Figure::new(-50, 2).text(), "-0.50");
}

#[test]
fn doubles_read_as_the_decimal_they_stand_for() {
    // The doubles nearest these decimals lie below the tie; their decimal reading does not.
    assert_eq!(Figure::measured(59.985, 2).unwrap().text(), "59.99");
    assert_eq!(Figure::measured(80.125, 2).unwrap().text(), "80.13");
    assert_eq!(Figure::measured(1.005, 2).unwrap().text(), "1.01");
    assert_eq!(Figure::measured(0.1 + 0.2, 2).unwrap().text(), "0.30");
    assert_eq!(Figure::of_decimal(59.985).unwrap().text(), "59.985");
    assert_eq!(Figure::of_decimal(25.0).unwrap().text(), "25");
    assert_eq!(Figure::of_decimal(0.5).unwrap().text(), "0.5");
    assert_eq!(Figure::stored(59.99, 2).text(), "59.99");
    assert_eq!(Figure::stored(60.0, 2).text(), "60.00");
    assert!(Figure::measured(f64::NAN, 2).is_none());
    assert_eq!(Figure::rate(442, 445).unwrap().percent().text(), "99.3");
    assert_eq!(Figure::rate(0, 20).unwrap().percent().text(), "0.0");
    assert_eq!(Figure::rate(1, 0), None);
}

#[test]
fn figures_compare_by_value_across_decimals() {
    assert_eq!(Figure::new(600, 1), Figure::new(6000, 2));
    assert!(Figure::new(5999, 3) < Figure::new(6, 0));
    assert_eq!(Figure::new(55, 1).at(2).text(), "5.50");
    assert_eq!(Figure::new(5999, 3).at(2).text(), "6.00");
    assert_eq!(Figure::new(5500, 3).trimmed().text(), "5.5");
    assert_eq!(number_format(3), "0.000");
    assert_eq!(
        serde_json::to_string(&[Figure::new(5999, 2), Figure::new(7, 0)]).unwrap(),
        "[59.99,7]"
    );
}

#[test]
fn square_roots_round_half_up_exactly() {
    for n in 0..2000i128 {
        for d in [1i128, 2, 3, 4, 7, 100] {
            let x = Exact::ratio(n, d);
            let k = sqrt_half_up(&x);
            // k is the integer nearest √(n/d), a tie (never possible for a rational square
            // root unless exact) going up: (k − ½)² ≤ n/d < (k + ½)².
            let k: i128 = k.try_into().unwrap();
            let lo = (2 * k - 1) * (2 * k - 1) * d;
            let hi = (2 * k + 1) * (2 * k + 1) * d;
            assert!((k == 0 || lo <= 4 * n) && 4 * n < hi, "√({n}/{d}) → {k}");
        }
    }
}

fn ratio() -> impl Strategy<Value = (i128, i128)> {
    prop_oneof![
        (-10_000_000i128..10_000_000, 1i128..1_000_000),
        (
            any::<i64>().prop_map(i128::from),
            (1i64..i64::MAX).prop_map(i128::from)
        ),
        (Just(i128::MAX / 3), 1i128..7),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn arithmetic_equals_big_rationals((a, b) in ratio(), (c, d) in ratio()) {
        let (x, y) = (Exact::ratio(a, b), Exact::ratio(c, d));
        let (mx, my) = (model(a, b), model(c, d));
        prop_assert_eq!(big_of(&x.add(&y)), &mx + &my);
        prop_assert_eq!(big_of(&x.sub(&y)), &mx - &my);
        prop_assert_eq!(big_of(&x.mul(&y)), &mx * &my);
        if c != 0 {
            prop_assert_eq!(big_of(&x.div(&y).unwrap()), &mx / &my);
        }
        prop_assert_eq!(x.cmp(&y), mx.cmp(&my));
    }

    /// A figure's exact value is kept over 10^decimals, unreduced: its sums, means, order and
    /// publication are still those of the rational it stands for.
    #[test]
    fn figures_as_exact_values_are_their_rationals(
        xs in proptest::collection::vec((-9_000_000_000_000i64..9_000_000_000_000, 0u32..=6), 1..7),
        k in 0u32..=6,
    ) {
        let exact: Vec<Exact> = xs.iter().map(|&(u, d)| Figure::new(u, d).exact()).collect();
        let models: Vec<BigRational> =
            xs.iter().map(|&(u, d)| model(i128::from(u), 10i128.pow(d))).collect();
        let sum: Exact = exact.iter().cloned().sum();
        let msum: BigRational = models.iter().sum();
        prop_assert_eq!(big_of(&sum), msum.clone());
        let n = Exact::int(exact.len() as i128);
        let mean = sum.div(&n).unwrap();
        let mmean = &msum / BigRational::from_integer(BigInt::from(exact.len()));
        prop_assert_eq!(big_of(&mean), mmean.clone());
        prop_assert_eq!(BigInt::from(mean.round_units(k)), model_publish(&mmean, k));
        for (x, mx) in exact.iter().zip(&models) {
            prop_assert_eq!(x.cmp(&exact[0]), mx.cmp(&models[0]));
            prop_assert_eq!(x.mul(&exact[0]).cmp(&mean), (mx * &models[0]).cmp(&mmean));
        }
    }

    #[test]
    fn publication_is_half_up_of_the_exact_value((a, b) in ratio(), k in 0u32..=6) {
        let x = Exact::ratio(a, b);
        let want = model_publish(&model(a, b), k);
        if let Ok(w) = i64::try_from(want.clone()) {
            let f = x.publish(k);
            prop_assert_eq!(BigInt::from(f.units()), want);
            // The text is that decimal, digit for digit.
            let t = f.text();
            let digits: String = t.chars().filter(|c| c.is_ascii_digit()).collect();
            prop_assert_eq!(digits.parse::<i128>().unwrap(), i128::from(w).abs());
            prop_assert_eq!(t.split('.').nth(1).map_or(0, str::len), k as usize);
        }
    }

    #[test]
    fn a_measured_figure_is_half_up_of_the_shortest_reading(m in 0u64..1_000_000_000, k in 0i32..12, d in 0u32..=6, neg in any::<bool>()) {
        // Values over many magnitudes, ties at the (d+1)th decimal among them.
        let x = m as f64 / 10f64.powi(k) * if neg { -1.0 } else { 1.0 };
        let tie = ((m % 100_000) as f64 + 0.5) / 10f64.powi(d as i32);
        for v in [x, tie, -tie] {
            prop_assert_eq!(Figure::measured(v, d), Figure::by_text(v, d), "{}", v);
        }
    }

    #[test]
    fn the_fast_decimal_reading_is_the_shortest_reading(x in -1e9f64..1e9, k in 0i32..=8) {
        // Any double, and doubles near decimals of several lengths.
        let y = (x * 10f64.powi(k)).round() / 10f64.powi(k);
        for v in [x, y] {
            prop_assert_eq!(Figure::of_decimal(v), Figure::measured(v, MAX_DECIMALS).map(Figure::trimmed));
        }
    }

    #[test]
    fn typed_decimals_read_back_exactly(units in -9_000_000_000_000i64..9_000_000_000_000, k in 0u32..=6) {
        // A decimal with at most 6 places, as a double (what SQLite and RON hand us).
        let x = units as f64 / 10f64.powi(k as i32);
        if x.abs() < 1e9 {
            let f = Figure::of_decimal(x).unwrap();
            prop_assert_eq!(f, Figure::new(units, k));
            prop_assert_eq!(Figure::stored(x, k).units(), units);
        }
    }
}

#[test]
fn figure_text_is_the_integer_and_its_zero_padded_decimals() {
    let mut x = 1u64;
    for d in 0..=MAX_DECIMALS {
        for k in 0..2000 {
            x = x
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let units = match k {
                0 => 0,
                1 => i64::MAX,
                2 => i64::MIN,
                3 => -1,
                _ => (x >> (k % 60)) as i64 * if k % 2 == 0 { 1 } else { -1 },
            };
            let f = Figure::new(units, d);
            let (a, p, w) = (units.unsigned_abs(), 10u64.pow(d), d as usize);
            let sign = if units < 0 { "-" } else { "" };
            let want = if d == 0 {
                format!("{sign}{a}")
            } else {
                format!("{sign}{}.{:0w$}", a / p, a % p)
            };
            assert_eq!(f.text(), want, "{units} at {d}");
        }
    }
}
