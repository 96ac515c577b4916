//! Exact rational arithmetic for figures: a value is a fraction n/d (not necessarily in lowest
//! terms: equality and order compare values), in `i128` while it fits and in big integers
//! (num-bigint) when an operation would overflow, so no sum, product or quotient of decimals
//! ever loses a digit.

use std::cmp::Ordering;

use num_bigint::BigInt;
use num_integer::Integer;
use num_rational::BigRational;
use num_traits::{Signed, ToPrimitive, Zero};

/// An exact rational number.
#[derive(Clone, Debug)]
pub enum Exact {
    /// n / d with d > 0, not necessarily in lowest terms (sums of equal denominators skip the
    /// reduction; comparisons and rounding do not need it).
    Small(i128, i128),
    /// A value too large for `Small`.
    Big(Box<BigRational>),
}

/// 10^k for k ≤ 30.
pub(super) fn pow10(k: u32) -> i128 {
    10i128.pow(k)
}

impl Exact {
    pub const ZERO: Exact = Exact::Small(0, 1);

    /// An integer.
    pub fn int(n: i128) -> Exact {
        Exact::Small(n, 1)
    }

    /// `units` × 10^−decimals (decimals ≤ 30).
    pub fn units(units: i128, decimals: u32) -> Exact {
        Exact::ratio(units, pow10(decimals))
    }

    /// `units` × 10^−decimals (decimals ≤ 30) over the denominator 10^decimals itself, not
    /// reduced: figures at the same decimals then add and compare without a division.
    pub(super) fn scaled(units: i128, decimals: u32) -> Exact {
        Exact::Small(units, pow10(decimals))
    }

    /// n / d; `d` must not be 0 (a zero denominator gives 0, never a panic).
    pub fn ratio(n: i128, d: i128) -> Exact {
        if d == 0 {
            return Exact::ZERO;
        }
        small(n, d).unwrap_or_else(|| big(BigRational::new(BigInt::from(n), BigInt::from(d))))
    }

    fn to_big(&self) -> BigRational {
        match self {
            Exact::Small(n, d) => BigRational::new_raw(BigInt::from(*n), BigInt::from(*d)),
            Exact::Big(b) => (**b).clone(),
        }
    }

    pub fn is_zero(&self) -> bool {
        match self {
            Exact::Small(n, _) => *n == 0,
            Exact::Big(b) => b.is_zero(),
        }
    }

    pub fn is_negative(&self) -> bool {
        match self {
            Exact::Small(n, _) => *n < 0,
            Exact::Big(b) => b.is_negative(),
        }
    }

    pub fn add(&self, o: &Exact) -> Exact {
        if let (Exact::Small(a, b), Exact::Small(c, d)) = (self, o) {
            if b == d {
                if let Some(n) = a.checked_add(*c) {
                    return Exact::Small(n, *b);
                }
            } else if *d == 1 {
                if let Some(n) = c.checked_mul(*b).and_then(|x| x.checked_add(*a)) {
                    return Exact::Small(n, *b);
                }
            } else if *b == 1
                && let Some(n) = a.checked_mul(*d).and_then(|x| x.checked_add(*c))
            {
                return Exact::Small(n, *d);
            }
            if let Some(r) = add_small(*a, *b, *c, *d) {
                return r;
            }
        }
        big(self.to_big() + o.to_big())
    }

    pub fn sub(&self, o: &Exact) -> Exact {
        self.add(&o.neg())
    }

    pub fn neg(&self) -> Exact {
        match self {
            Exact::Small(n, d) => match n.checked_neg() {
                Some(m) => Exact::Small(m, *d),
                None => big(-self.to_big()),
            },
            Exact::Big(b) => big(-(**b).clone()),
        }
    }

    pub fn mul(&self, o: &Exact) -> Exact {
        if let (Exact::Small(a, b), Exact::Small(c, d)) = (self, o) {
            // Cross-reduce first so the products stay small.
            let g1 = gcd(*a, *d);
            let g2 = gcd(*c, *b);
            let (a, d) = (a / g1, d / g1);
            let (c, b) = (c / g2, b / g2);
            if let (Some(n), Some(m)) = (a.checked_mul(c), b.checked_mul(d)) {
                return Exact::Small(n, m);
            }
        }
        big(self.to_big() * o.to_big())
    }

    /// The quotient; `None` when `o` is 0.
    pub fn div(&self, o: &Exact) -> Option<Exact> {
        if o.is_zero() {
            return None;
        }
        // By a positive integer (a mean's count): only the denominator grows, no gcd.
        if let (Exact::Small(a, b), Exact::Small(k, 1)) = (self, o)
            && *k > 0
            && let Some(d) = b.checked_mul(*k)
        {
            return Some(Exact::Small(*a, d));
        }
        Some(self.mul(&o.recip()))
    }

    fn recip(&self) -> Exact {
        match self {
            Exact::Small(n, d) if *n > 0 => Exact::Small(*d, *n),
            Exact::Small(n, d) if *n != i128::MIN => Exact::Small(-d, -n),
            _ => big(self.to_big().recip()),
        }
    }

    /// The value as the nearest double (for charts and statistics that are not published).
    pub fn to_f64(&self) -> f64 {
        match self {
            Exact::Small(n, d) if n.unsigned_abs() < 1 << 53 && *d < 1 << 53 => {
                *n as f64 / *d as f64
            }
            Exact::Small(n, d) => {
                let q = n / d;
                let r = n % d;
                q as f64 + r as f64 / *d as f64
            }
            Exact::Big(b) => b.to_f64().unwrap_or(0.0),
        }
    }

    /// The value rounded half-up (away from zero on a tie) to a whole number of
    /// 10^−decimals units: the one publication rule, exactly.
    pub fn round_units(&self, decimals: u32) -> i128 {
        if let Exact::Small(n, d) = self
            && let Some(s) = n.checked_mul(pow10(decimals))
        {
            return half_up_div(s, *d);
        }
        let b = self.to_big() * BigRational::from_integer(BigInt::from(pow10(decimals)));
        let (n, d) = (b.numer().abs(), b.denom().clone());
        let (q, r) = n.div_rem(&d);
        let q = if r * 2 >= d { q + 1 } else { q };
        let q = if b.is_negative() { -q } else { q };
        q.to_i128().unwrap_or(if b.is_negative() {
            i128::MIN
        } else {
            i128::MAX
        })
    }

    /// The value as a whole number of 10^−decimals units when it is exactly one.
    pub fn exact_units(&self, decimals: u32) -> Option<i128> {
        match self {
            Exact::Small(n, d) => {
                let g = gcd(*n, *d);
                let (n, d) = (n / g, d / g);
                let p = pow10(decimals);
                (p % d == 0).then(|| n.checked_mul(p / d)).flatten()
            }
            Exact::Big(_) => None,
        }
    }

    /// The fewest decimals (at most `max`) at which the value is exact, if any.
    pub fn terminating_decimals(&self, max: u32) -> Option<u32> {
        (0..=max).find(|&k| self.exact_units(k).is_some())
    }

    pub fn min(self, o: Exact) -> Exact {
        if o < self { o } else { self }
    }

    pub fn max(self, o: Exact) -> Exact {
        if o > self { o } else { self }
    }
}

fn big(b: BigRational) -> Exact {
    if let (Some(n), Some(d)) = (b.numer().to_i128(), b.denom().to_i128()) {
        return Exact::Small(n, d);
    }
    Exact::Big(Box::new(b))
}

fn gcd(a: i128, b: i128) -> i128 {
    let (a, b) = (a.unsigned_abs(), b.unsigned_abs());
    let g = if a <= u128::from(u64::MAX) && b <= u128::from(u64::MAX) {
        u128::from(gcd64(a as u64, b as u64))
    } else {
        a.gcd(&b)
    };
    if g == 0 || g > i128::MAX as u128 {
        1
    } else {
        g as i128
    }
}

/// Binary GCD on 64 bits (the common case, far cheaper than 128-bit division).
fn gcd64(mut a: u64, mut b: u64) -> u64 {
    if a == 0 {
        return b;
    }
    if b == 0 {
        return a;
    }
    let shift = (a | b).trailing_zeros();
    a >>= a.trailing_zeros();
    loop {
        b >>= b.trailing_zeros();
        if a > b {
            std::mem::swap(&mut a, &mut b);
        }
        b -= a;
        if b == 0 {
            return a << shift;
        }
    }
}

/// n/d in lowest terms with d > 0, or `None` when that needs more than i128.
fn small(n: i128, d: i128) -> Option<Exact> {
    let g = gcd(n, d);
    let (n, d) = (n / g, d / g);
    if d < 0 {
        Some(Exact::Small(n.checked_neg()?, d.checked_neg()?))
    } else {
        Some(Exact::Small(n, d))
    }
}

/// a/b + c/d over lcm(b, d), in i128 when it fits.
fn add_small(a: i128, b: i128, c: i128, d: i128) -> Option<Exact> {
    let g = gcd(b, d);
    let (bg, dg) = (b / g, d / g);
    let n = a.checked_mul(dg)?.checked_add(c.checked_mul(bg)?)?;
    let m = b.checked_mul(dg)?;
    small(n, m)
}

/// round(n / d) half away from zero, d > 0.
fn half_up_div(n: i128, d: i128) -> i128 {
    let a = n.unsigned_abs();
    if a <= u128::from(u64::MAX) && d <= i128::from(u64::MAX) {
        // 64-bit division: the common case, far cheaper than 128-bit.
        let (a, du) = (a as u64, d as u64);
        let (q, r) = (a / du, a % du);
        let q = i128::from(q) + i128::from(r >= du - r);
        return if n < 0 { -q } else { q };
    }
    let du = d as u128;
    let (q, r) = (a / du, a % du);
    let q = if r >= du - r { q + 1 } else { q };
    let q = q.min(i128::MAX as u128) as i128;
    if n < 0 { -q } else { q }
}

impl PartialEq for Exact {
    fn eq(&self, o: &Exact) -> bool {
        self.cmp(o) == Ordering::Equal
    }
}

impl Eq for Exact {}

impl PartialOrd for Exact {
    fn partial_cmp(&self, o: &Exact) -> Option<Ordering> {
        Some(self.cmp(o))
    }
}

impl Ord for Exact {
    fn cmp(&self, o: &Exact) -> Ordering {
        if let (Exact::Small(a, b), Exact::Small(c, d)) = (self, o) {
            if b == d {
                return a.cmp(c);
            }
            if let (Some(x), Some(y)) = (a.checked_mul(*d), c.checked_mul(*b)) {
                return x.cmp(&y);
            }
        }
        self.to_big().cmp(&o.to_big())
    }
}

impl Default for Exact {
    fn default() -> Self {
        Exact::ZERO
    }
}

impl std::iter::Sum for Exact {
    fn sum<I: Iterator<Item = Exact>>(iter: I) -> Exact {
        iter.fold(Exact::ZERO, |a, b| a.add(&b))
    }
}

/// Integer square root rounded half-up: the integer k ≥ 0 nearest √(n/d) (n ≥ 0, d > 0), a
/// tie k + ½ = √(n/d) going up. Exact: decided on integers, never on a float.
pub fn sqrt_half_up(x: &Exact) -> BigInt {
    let b = x.to_big();
    if !b.is_positive() {
        return BigInt::zero();
    }
    let (n, d) = (b.numer().clone(), b.denom().clone());
    // k = ⌊√(n/d) + ½⌋ is the largest k with (2k − 1)² · d ≤ 4n.
    let four_n: BigInt = &n * 4;
    let guess = (&four_n / &d).sqrt(); // ≈ 2√(n/d)
    let mut k: BigInt = (guess + 1) / 2;
    let fits = |k: &BigInt| {
        let t: BigInt = k * 2 - 1;
        &t * &t * &d <= four_n
    };
    while k > BigInt::zero() && !fits(&k) {
        k -= 1;
    }
    loop {
        let next: BigInt = &k + 1;
        if fits(&next) {
            k = next;
        } else {
            break;
        }
    }
    k
}

/// In JSON an exact value is its decimal when it ends within six places (59.985), else the
/// decimal at six places (33.333333): never a double's noise.
impl serde::Serialize for Exact {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let k = self
            .terminating_decimals(super::MAX_DECIMALS)
            .unwrap_or(super::MAX_DECIMALS);
        self.publish(k).serialize(s)
    }
}

impl<'de> serde::Deserialize<'de> for Exact {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Exact, D::Error> {
        let x = f64::deserialize(d)?;
        Ok(super::dec(x).exact())
    }
}
