//! Engine tests: hand-computed rules, N/A handling, explanation text and property tests.

mod explain;
mod index;
mod na;
mod props;
mod published;
mod rules;

use crate::domain::entry::Entry;
use crate::domain::rubric::Rubric;

/// Parses a test rubric with the project's RON options (no validation: the engine must cope).
pub(super) fn parse(src: &str) -> Rubric {
    let opts = crate::domain::rubric::ron_options();
    match opts.from_str(src) {
        Ok(r) => r,
        Err(e) => panic!("test rubric does not parse: {e}\n{src}"),
    }
}

pub(super) fn val(id: &str, v: f64) -> Entry {
    Entry {
        value: Some(v),
        ..Entry::new(id)
    }
}

pub(super) fn count(id: &str, n: u32) -> Entry {
    Entry {
        count: Some(n),
        ..Entry::new(id)
    }
}

pub(super) fn na(id: &str) -> Entry {
    Entry {
        na: true,
        ..Entry::new(id)
    }
}

pub(super) fn veto(id: &str, reason: &str) -> Entry {
    Entry {
        veto: Some(reason.to_owned()),
        ..Entry::new(id)
    }
}

/// A number the tests compare by value: a double, a figure, an exact value, or a subtotal that
/// may be not applicable (NaN then).
pub(super) trait Num {
    fn n(&self) -> f64;
}

impl Num for f64 {
    fn n(&self) -> f64 {
        *self
    }
}

impl Num for crate::domain::figure::Figure {
    fn n(&self) -> f64 {
        self.to_f64()
    }
}

impl Num for Option<crate::domain::figure::Figure> {
    fn n(&self) -> f64 {
        self.map_or(f64::NAN, |f| f.to_f64())
    }
}

impl Num for crate::domain::figure::Exact {
    fn n(&self) -> f64 {
        self.to_f64()
    }
}

pub(super) fn close(a: impl Num, b: f64) -> bool {
    (a.n() - b).abs() < 1e-9
}

#[track_caller]
pub(super) fn assert_close(a: impl Num, b: f64) {
    let a = a.n();
    assert!(close(a, b), "{a} != {b}");
}

/// A figure from a decimal (for comparing steps).
pub(super) fn fg(x: f64) -> crate::domain::figure::Figure {
    crate::domain::figure::dec(x)
}
