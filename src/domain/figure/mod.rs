//! Published figures, the one publication rule: a figure is computed exactly (decimal inputs,
//! rational arithmetic: [`Exact`]) and published once, half-up (四舍五入, a tie away from zero)
//! at the rubric's `decimals`, as a [`Figure`] — an exact decimal, a whole number of
//! 10^−decimals units. Every output prints a figure through [`Figure::text`] (its `Display`),
//! writes it to a spreadsheet as [`Figure::to_f64`] with [`Figure::number_format`], and every
//! verdict (pass, grade, gate, full marks) compares the same published figure.
//!
//! Where figures come from:
//! - [`Exact::publish`]: a value computed exactly (a sheet's total, a mean of published totals);
//! - [`Figure::of_decimal`]: a number written as a decimal (a rubric's weight, an entry as
//!   typed, a value published earlier and kept as a double): read back exactly, never rounded
//!   beyond [`MAX_DECIMALS`];
//! - [`Figure::measured`]: a statistic that is computed in floating point by nature (ICC, an
//!   index, a z-score), published half-up from its shortest decimal reading;
//! - [`Figure::rate`]: a share of counts, published at 0.1% (a fraction at 3 decimals).

mod exact;
#[cfg(test)]
mod tests;

use std::cmp::Ordering;
use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

pub use exact::{Exact, sqrt_half_up};

/// Decimals results are published at when a rubric does not say.
pub const DEFAULT_DECIMALS: u32 = 2;

/// The most decimals a rubric may ask for, and the finest unit an entry or a rubric number may
/// be written in (10^−6).
pub const MAX_DECIMALS: u32 = 6;

/// Decimals of a rate (a fraction): 0.993 is 99.3%.
pub const RATE_DECIMALS: u32 = 3;

/// Decimals an operations index (and its group statistics) is published at.
pub const INDEX_DECIMALS: u32 = 4;

/// A published figure: `units` × 10^−`decimals`, exactly.
#[derive(Clone, Copy, Debug)]
pub struct Figure {
    units: i64,
    decimals: u8,
}

impl Exact {
    /// The value published half-up at `decimals` (the one publication rule).
    pub fn publish(&self, decimals: u32) -> Figure {
        let d = decimals.min(MAX_DECIMALS);
        let u = self
            .round_units(d)
            .clamp(i64::MIN as i128, i64::MAX as i128);
        Figure::new(u as i64, d)
    }
}

impl Figure {
    /// `units` × 10^−decimals (decimals above [`MAX_DECIMALS`] are read as that many).
    pub const fn new(units: i64, decimals: u32) -> Figure {
        let d = if decimals > MAX_DECIMALS {
            MAX_DECIMALS
        } else {
            decimals
        };
        Figure {
            units,
            decimals: d as u8,
        }
    }

    /// A whole number.
    pub fn int(n: i64) -> Figure {
        Figure::new(n, 0)
    }

    pub fn units(self) -> i64 {
        self.units
    }

    pub fn decimals(self) -> u32 {
        u32::from(self.decimals)
    }

    /// The exact value.
    pub fn exact(self) -> Exact {
        Exact::scaled(i128::from(self.units), self.decimals())
    }

    /// The value as a double: exact to the last printed digit (a spreadsheet cell's value, a
    /// chart's coordinate).
    pub fn to_f64(self) -> f64 {
        // Dividing two exactly representable numbers gives the double nearest the decimal.
        self.units as f64 / 10f64.powi(self.decimals as i32)
    }

    /// A number written as a decimal — a rubric's weight or mark, an entry as typed, a figure
    /// published earlier and kept as a double — read back as that decimal (its shortest
    /// reading, so 59.985 is 59.985, not the double's 59.98499…), with the fewest decimals,
    /// half-up beyond [`MAX_DECIMALS`]. `None` for NaN, infinities and values beyond ±9·10¹².
    pub fn of_decimal(x: f64) -> Option<Figure> {
        // Fast path, no text: the fewest decimals k at which x·10^k is a whole number n whose
        // decimal n/10^k has x as its nearest double — the shortest reading (unique below 10^9).
        if x.abs() < 1e9 {
            let mut p = 1.0;
            for k in 0..=MAX_DECIMALS {
                let n = (x * p).round();
                if n / p == x {
                    return Some(Figure::new(n as i64, k));
                }
                p *= 10.0;
            }
        }
        let f = Figure::measured(x, MAX_DECIMALS)?;
        Some(f.trimmed())
    }

    /// A figure published at `decimals` (at most [`MAX_DECIMALS`]) and kept as a double, read
    /// back exactly at `decimals`: below 10⁹ the double is within far less than half a unit of
    /// its decimal, so scaling and rounding recovers it (no text in between, for the hot paths).
    pub fn stored(x: f64, decimals: u32) -> Figure {
        let d = decimals.min(MAX_DECIMALS);
        if x.is_finite() && x.abs() < 1e9 {
            return Figure::new((x * 10f64.powi(d as i32)).round() as i64, d);
        }
        Figure::measured(x, d).unwrap_or(Figure::new(0, d))
    }

    /// A statistic computed in floating point, published half-up at `decimals` from its
    /// shortest decimal reading. `None` for NaN, infinities and values beyond ±9·10¹².
    pub fn measured(x: f64, decimals: u32) -> Option<Figure> {
        if !x.is_finite() || x.abs() >= 9e12 {
            return None;
        }
        let d = decimals.min(MAX_DECIMALS);
        // Fast path, no text: below 10¹² the product x·10^d is within 2⁻¹³ of the exact one, so
        // where no tie is near, rounding it gives the same figure as the decimal reading.
        let y = x * 10f64.powi(d as i32);
        if y.abs() < 1e12 {
            let r = y.round();
            if ((y - r).abs() - 0.5).abs() > 1e-3 {
                return Some(Figure::new(r as i64, d));
            }
        }
        Figure::by_text(x, d)
    }

    /// [`Figure::measured`] through the decimal text of `x`: half-up on its shortest reading.
    fn by_text(x: f64, d: u32) -> Option<Figure> {
        // Rust prints a double's shortest round-trip decimal, never in exponent form.
        let text = format!("{}", x.abs());
        let (int, frac) = text.split_once('.').unwrap_or((&text, ""));
        let keep: String = frac
            .chars()
            .chain(std::iter::repeat('0'))
            .take(d as usize)
            .collect();
        let next = frac.as_bytes().get(d as usize).copied().unwrap_or(b'0');
        let mut units: i64 = format!("{int}{keep}").parse().ok()?;
        if next >= b'5' {
            units += 1;
        }
        Some(Figure::new(if x < 0.0 { -units } else { units }, d))
    }

    /// part / whole published at 0.1% (a fraction at [`RATE_DECIMALS`]); `None` when `whole` is 0.
    pub fn rate(part: usize, whole: usize) -> Option<Figure> {
        (whole > 0).then(|| Exact::ratio(part as i128, whole as i128).publish(RATE_DECIMALS))
    }

    /// The same value with trailing zero decimals dropped (5.500 → 5.5, 60.00 → 60).
    pub fn trimmed(self) -> Figure {
        let p = 10i64.pow(self.decimals());
        if self.units % p == 0 {
            return Figure::new(self.units / p, 0);
        }
        let (mut u, mut d) = (self.units, self.decimals);
        while d > 0 && u % 10 == 0 {
            u /= 10;
            d -= 1;
        }
        Figure {
            units: u,
            decimals: d,
        }
    }

    /// The same value written with `decimals` places when that loses nothing (5.5 at 2 → 5.50);
    /// otherwise published half-up at `decimals`.
    pub fn at(self, decimals: u32) -> Figure {
        let d = decimals.min(MAX_DECIMALS);
        if d >= self.decimals() {
            let k = 10i64.pow(d - self.decimals());
            if let Some(u) = self.units.checked_mul(k) {
                return Figure::new(u, d);
            }
        } else {
            let k = 10i64.pow(self.decimals() - d);
            if self.units % k == 0 {
                return Figure::new(self.units / k, d);
            }
        }
        self.exact().publish(d)
    }

    /// A fraction (0.993) as a percentage with two decimals fewer (99.3): print it with a `%`.
    pub fn percent(self) -> Figure {
        if self.decimals >= 2 {
            Figure::new(self.units, self.decimals() - 2)
        } else {
            Figure::new(self.units * 10i64.pow(2 - self.decimals()), 0)
        }
    }

    pub fn is_zero(self) -> bool {
        self.units == 0
    }

    /// THE formatting function of a published figure: every decimal it was published at
    /// (59.99, 5.999, 60.00), a minus sign only below zero, no float in between.
    pub fn text(self) -> String {
        let mut s = String::with_capacity(12);
        self.write_to(&mut s);
        s
    }

    /// [`Figure::text`] appended to `out` (no allocation: for listings of many figures).
    pub fn write_to(self, out: &mut String) {
        let a = self.units.unsigned_abs();
        let d = self.decimals as usize;
        let p = 10u64.pow(self.decimals());
        if self.units < 0 {
            out.push('-');
        }
        // Digits without the formatting machinery (a national listing writes 400,000 figures).
        let mut digits = itoa::Buffer::new();
        out.push_str(digits.format(a / p));
        if d > 0 {
            out.push('.');
            let frac = digits.format(a % p);
            out.extend(std::iter::repeat_n('0', d.saturating_sub(frac.len())));
            out.push_str(frac);
        }
    }

    /// [`Figure::text`] with a plus sign above zero (a difference: +4.67, -0.50, 0.00).
    pub fn signed(self) -> String {
        let mut s = String::with_capacity(12);
        self.write_signed(&mut s);
        s
    }

    /// [`Figure::signed`] appended to `out`.
    pub fn write_signed(self, out: &mut String) {
        if self.units > 0 {
            out.push('+');
        }
        self.write_to(out);
    }

    /// The spreadsheet number format that shows exactly the published decimals ("0.00").
    pub fn number_format(self) -> String {
        number_format(self.decimals())
    }
}

/// The spreadsheet number format for `decimals` places: "0", "0.0", "0.00", …
pub fn number_format(decimals: u32) -> String {
    if decimals == 0 {
        "0".into()
    } else {
        format!("0.{}", "0".repeat(decimals as usize))
    }
}

/// An operations statistic (an index, a mean, a z-score) as published: half-up at
/// [`INDEX_DECIMALS`] from its decimal reading; `None` for a value that is not a number (no
/// figures that week).
pub fn index(x: f64) -> Option<Figure> {
    Figure::measured(x, INDEX_DECIMALS)
}

/// Serializes an operations statistic as its published figure (null when there is none).
pub fn serialize_index<S: Serializer>(x: &f64, s: S) -> Result<S::Ok, S::Error> {
    index(*x).serialize(s)
}

/// [`serialize_index`] for an optional statistic.
pub fn serialize_index_opt<S: Serializer>(x: &Option<f64>, s: S) -> Result<S::Ok, S::Error> {
    x.and_then(index).serialize(s)
}

/// A figure or 「—」 when there is none.
pub fn text_or_dash(f: Option<Figure>) -> String {
    f.map_or_else(|| "—".to_owned(), Figure::text)
}

impl fmt::Display for Figure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(&self.text())
    }
}

impl PartialEq for Figure {
    fn eq(&self, o: &Figure) -> bool {
        self.cmp(o) == Ordering::Equal
    }
}

impl Eq for Figure {}

impl std::hash::Hash for Figure {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        let t = self.trimmed();
        t.units.hash(state);
        t.decimals.hash(state);
    }
}

impl PartialOrd for Figure {
    fn partial_cmp(&self, o: &Figure) -> Option<Ordering> {
        Some(self.cmp(o))
    }
}

impl Ord for Figure {
    fn cmp(&self, o: &Figure) -> Ordering {
        let d = self.decimals.max(o.decimals) as u32;
        let a = i128::from(self.units) * exact::pow10(d - self.decimals());
        let b = i128::from(o.units) * exact::pow10(d - o.decimals());
        a.cmp(&b)
    }
}

/// In JSON a figure is a number with the published value (59.99; 60.00 reads 60.0).
impl Serialize for Figure {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if self.decimals == 0 {
            s.serialize_i64(self.units)
        } else {
            s.serialize_f64(self.to_f64())
        }
    }
}

impl<'de> Deserialize<'de> for Figure {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Figure, D::Error> {
        let x = f64::deserialize(d)?;
        Figure::of_decimal(x)
            .ok_or_else(|| serde::de::Error::custom(format!("not a publishable number: {x}")))
    }
}

/// A rubric's number or an entry as written (a weight, a mark, a step, a typed value), as the
/// decimal it stands for ([`Figure::of_decimal`]); 0 for a number that is not finite.
pub fn dec(x: f64) -> Figure {
    Figure::of_decimal(x).unwrap_or(Figure::int(0))
}

/// A value before publishing as people read it: its exact decimal when it has at most six
/// places (59.985), else six places and 「…」 (33.333333…).
pub fn unrounded_text(x: &Exact) -> String {
    match x.terminating_decimals(MAX_DECIMALS) {
        Some(k) => x.publish(k).text(),
        None => format!("{}…", x.publish(MAX_DECIMALS).text()),
    }
}
