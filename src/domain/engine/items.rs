//! Points of one indicator from one entry: range, deduction and check rules, and the points an
//! item counts when it does not apply. Points are exact integers of 10^−6 ([`Micro`]): entries
//! and rubric numbers have at most six decimals, so nothing here is ever rounded.

use super::{ItemDetail, ItemState};
use crate::domain::entry::Entry;
use crate::domain::figure::{Exact, Figure, MAX_DECIMALS};
use crate::domain::rubric::{CheckSpec, DeductSpec, Indicator, NaPolicy, RangeSpec};

/// Points in millionths (10^−[`MAX_DECIMALS`]), exactly.
pub(super) type Micro = i128;

/// One point in [`Micro`]s.
pub(super) const ONE: Micro = 1_000_000;

/// A decimal number with at most six places (an entry, a rubric number) in millionths: exact,
/// since the double nearest such a decimal is within far less than half a millionth of it
/// (|x| < 10^9). Anything finer is read at the nearest millionth; not finite reads 0.
pub(super) fn micro(x: f64) -> Micro {
    let y = x * ONE as f64;
    if y.abs() < 9.0e18 {
        // Truncate, then round half away from zero: two instructions, no libm call.
        let t = y as i64;
        let r = y - t as f64;
        Micro::from(t + i64::from(r >= 0.5) - i64::from(r <= -0.5))
    } else if y.is_finite() {
        y as Micro
    } else {
        0
    }
}

/// Millionths as an exact figure with the fewest decimals (4.5, 59.985, 5).
pub(super) fn fig(m: Micro) -> Figure {
    let m = m.clamp(i64::MIN as Micro, i64::MAX as Micro) as i64;
    Figure::new(m, MAX_DECIMALS).trimmed()
}

/// Millionths as an exact value.
pub(super) fn exact(m: Micro) -> Exact {
    Exact::units(m, MAX_DECIMALS)
}

/// One item's points, state and derivation.
pub(super) struct Scored {
    pub points: Micro,
    pub state: ItemState,
    pub how: ItemDetail,
}

/// An item that does not apply (by scope, or `declared` by the evaluator) under `policy`.
pub(super) fn not_applicable(policy: NaPolicy, declared: bool, max: Micro) -> Scored {
    let points = match policy {
        NaPolicy::FullMarks => max,
        NaPolicy::Rescale | NaPolicy::Zero => 0,
    };
    Scored {
        points,
        state: ItemState::NotApplicable(policy),
        how: ItemDetail::NotApplicable { policy, declared },
    }
}

/// Scores an applicable indicator from its entry (if any). `named`: look up the level a range
/// value names (a string for the derivation; totals-only callers skip it).
pub(super) fn indicator(ind: &Indicator, entry: Option<&Entry>, named: bool) -> Scored {
    match ind {
        Indicator::Range(s) => range(s, entry.and_then(|e| e.value), named),
        Indicator::Deduct(s) => deduct(s, entry.and_then(|e| e.count)),
        Indicator::Check(s) => check(s, entry.and_then(|e| e.value)),
    }
}

fn missing(points: Micro) -> Scored {
    Scored {
        points,
        state: ItemState::Missing,
        how: ItemDetail::Missing {
            points: fig(points),
        },
    }
}

fn range(s: &RangeSpec, value: Option<f64>, named: bool) -> Scored {
    let Some(value) = value.filter(|v| !v.is_nan()) else {
        return missing(0);
    };
    let (v, hi) = (micro(value), micro(s.max));
    let lo = micro(s.min).min(hi);
    let points = v.clamp(lo, hi);
    let clamped = (points != v).then(|| (fig(micro(s.min)), fig(hi)));
    let level = if named {
        s.levels
            .iter()
            .find(|(_, p)| micro(*p) == points)
            .map(|(name, _)| name.clone())
    } else {
        None
    };
    Scored {
        points,
        state: ItemState::Scored,
        how: ItemDetail::Range {
            value: fig(v),
            clamped,
            level,
        },
    }
}

fn deduct(s: &DeductSpec, count: Option<u32>) -> Scored {
    let start = micro(s.points.unwrap_or(s.cap));
    let Some(count) = count else {
        return missing(start.max(0));
    };
    let (per, cap) = (micro(s.per), micro(s.cap));
    let raw = per * Micro::from(count);
    let deducted = raw.min(cap);
    Scored {
        points: (start - deducted).max(0),
        state: ItemState::Scored,
        how: ItemDetail::Deduct {
            count,
            per: fig(per),
            start: fig(start),
            raw: fig(raw),
            cap: fig(cap),
            deducted: fig(deducted),
        },
    }
}

fn check(s: &CheckSpec, value: Option<f64>) -> Scored {
    let Some(value) = value.filter(|v| !v.is_nan()) else {
        return missing(0);
    };
    let yes = value >= 0.5;
    Scored {
        points: if yes { micro(s.points) } else { 0 },
        state: ItemState::Scored,
        how: ItemDetail::Check { yes },
    }
}
