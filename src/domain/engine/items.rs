//! Points of one indicator from one entry: range, deduction and check rules, and the points an
//! item counts when it does not apply.

use super::{ItemDetail, ItemState};
use crate::domain::entry::Entry;
use crate::domain::rubric::{CheckSpec, DeductSpec, Indicator, NaPolicy, RangeSpec};

/// Tolerance for comparing points written in a rubric with computed or entered values.
pub(super) const EPS: f64 = 1e-9;

/// One item's points, state and derivation.
pub(super) struct Scored {
    pub points: f64,
    pub state: ItemState,
    pub how: ItemDetail,
}

/// Removes floating-point noise below 1e-9 (0.1 + 0.2 → 0.3) and negative zero.
pub(super) fn tidy(x: f64) -> f64 {
    let r = (x * 1e9).round() / 1e9;
    if r == 0.0 || !r.is_finite() { 0.0 } else { r }
}

/// An item that does not apply (by scope, or `declared` by the evaluator) under `policy`.
pub(super) fn not_applicable(policy: NaPolicy, declared: bool, max: f64) -> Scored {
    let points = match policy {
        NaPolicy::FullMarks => max,
        NaPolicy::Rescale | NaPolicy::Zero => 0.0,
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

fn missing(points: f64) -> Scored {
    Scored {
        points,
        state: ItemState::Missing,
        how: ItemDetail::Missing { points },
    }
}

fn range(s: &RangeSpec, value: Option<f64>, named: bool) -> Scored {
    let Some(value) = value.filter(|v| !v.is_nan()) else {
        return missing(0.0);
    };
    let points = value.clamp(s.min.min(s.max), s.max);
    let clamped = ((points - value).abs() > EPS).then_some((s.min, s.max));
    let level = if named {
        s.levels
            .iter()
            .find(|(_, p)| (p - points).abs() <= EPS)
            .map(|(name, _)| name.clone())
    } else {
        None
    };
    Scored {
        points,
        state: ItemState::Scored,
        how: ItemDetail::Range {
            value,
            clamped,
            level,
        },
    }
}

fn deduct(s: &DeductSpec, count: Option<u32>) -> Scored {
    let start = s.points.unwrap_or(s.cap);
    let Some(count) = count else {
        return missing(start.max(0.0));
    };
    let raw = tidy(s.per * f64::from(count));
    let deducted = raw.min(s.cap);
    Scored {
        points: tidy((start - deducted).max(0.0)),
        state: ItemState::Scored,
        how: ItemDetail::Deduct {
            count,
            per: s.per,
            start,
            raw,
            cap: s.cap,
            deducted,
        },
    }
}

fn check(s: &CheckSpec, value: Option<f64>) -> Scored {
    let Some(value) = value.filter(|v| !v.is_nan()) else {
        return missing(0.0);
    };
    let yes = value >= 0.5;
    Scored {
        points: if yes { s.points } else { 0.0 },
        state: ItemState::Scored,
        how: ItemDetail::Check { yes },
    }
}
