//! What rubric validation carries while it walks the rubric: where each problem is in the
//! source ([`Path`], the [`Locator`]), the problems found so far worded in both languages
//! ([`Ctx`]), and the small number helpers both halves of the validation use.

use super::error::RubricError;
use super::locate::{Locator, Seg};

/// A path into the rubric, as found in the source by [`Locator::at`].
pub(super) type Path = Vec<Seg<'static>>;

/// Collects errors with their positions.
pub(super) struct Ctx<'a> {
    pub loc: &'a Locator,
    pub file: &'a str,
    pub errors: Vec<RubricError>,
}

impl Ctx<'_> {
    /// Reports an error worded in both languages: English message and hint, then Chinese.
    pub fn say(
        &mut self,
        path: &[Seg<'_>],
        en: (impl Into<String>, impl Into<String>),
        zh: (impl Into<String>, impl Into<String>),
    ) {
        let pos = self.loc.at(path);
        self.errors
            .push(RubricError::new(self.file, pos, en.0, en.1).with_zh(zh.0, zh.1));
    }

    /// Reports a non-finite or negative number; returns true when the value is usable.
    pub fn number(&mut self, path: &[Seg<'_>], what: (&str, &str), v: f64) -> bool {
        let (what, zh) = what;
        if !v.is_finite() {
            self.say(
                path,
                (
                    format!("{what} is {v}, not a finite number"),
                    "write a plain number such as 5 or 2.5",
                ),
                (
                    format!("{zh}的值 {v} 不是有限的数"),
                    "请写普通数字，例如 5 或 2.5",
                ),
            );
            false
        } else if v < 0.0 {
            self.say(
                path,
                (
                    format!("{what} is negative ({v})"),
                    "points are written as positive numbers; deductions use `Deduct`",
                ),
                (
                    format!("{zh}为负数（{v}）"),
                    "分值一律写正数；扣分项请用 `Deduct`",
                ),
            );
            false
        } else {
            true
        }
    }

    /// Reports an empty or blank text field.
    pub fn text(&mut self, path: &[Seg<'_>], what: (&str, &str), v: &str) {
        let (what, zh) = what;
        if v.trim().is_empty() {
            self.say(
                path,
                (format!("{what} is empty"), format!("fill in the {what}")),
                (format!("{zh}为空"), format!("请填写{zh}")),
            );
        }
    }
}

/// Joins a base path and more steps.
pub(super) fn join(base: &[Seg<'static>], more: &[Seg<'static>]) -> Path {
    base.iter().chain(more).copied().collect()
}

pub(super) const EPS: f64 = 1e-6;

/// Rounds float noise away for messages (0.1 + 0.2 → 0.3).
pub(super) fn round(v: f64) -> f64 {
    (v * 1e6).round() / 1e6
}
