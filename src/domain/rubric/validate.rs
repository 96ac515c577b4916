//! Semantic validation of a parsed rubric: totals, weights, grades, ids and the veto policy.
//! Every problem is collected (not just the first) with the position of the offending text.

use super::error::RubricError;
use super::locate::{Locator, Seg};
use super::model::{Rubric, VetoPolicy};
use super::validate_items::{check_category, check_items};

/// A path into the rubric, as found in the source by [`Locator::at`].
pub(super) type Path = Vec<Seg<'static>>;

/// Collects errors with their positions.
pub(super) struct Ctx<'a> {
    pub loc: &'a Locator,
    pub file: &'a str,
    pub errors: Vec<RubricError>,
}

impl Ctx<'_> {
    pub fn err(&mut self, path: &[Seg<'_>], message: impl Into<String>, hint: impl Into<String>) {
        let pos = self.loc.at(path);
        self.errors
            .push(RubricError::new(self.file, pos, message, hint));
    }

    /// Reports a non-finite or negative number; returns true when the value is usable.
    pub fn number(&mut self, path: &[Seg<'_>], what: &str, v: f64) -> bool {
        if !v.is_finite() {
            self.err(
                path,
                format!("{what} is {v}, not a finite number"),
                "write a plain number such as 5 or 2.5",
            );
            false
        } else if v < 0.0 {
            self.err(
                path,
                format!("{what} is negative ({v})"),
                "points are written as positive numbers; deductions use `Deduct`",
            );
            false
        } else {
            true
        }
    }

    /// Reports an empty or blank text field.
    pub fn text(&mut self, path: &[Seg<'_>], what: &str, v: &str) {
        if v.trim().is_empty() {
            self.err(
                path,
                format!("{what} is empty"),
                format!("fill in the {what}"),
            );
        }
    }
}

/// Joins a base path and more steps.
pub(super) fn join(base: &[Seg<'static>], more: &[Seg<'static>]) -> Path {
    base.iter().chain(more).copied().collect()
}

pub(super) const EPS: f64 = 1e-6;

/// Validates everything that the RON types alone cannot express.
pub fn validate(r: &Rubric, loc: &Locator, file: &str) -> Vec<RubricError> {
    let mut c = Ctx {
        loc,
        file,
        errors: Vec::new(),
    };
    c.text(&[Seg::Field("id")], "rubric id", &r.id);
    c.text(&[Seg::Field("name")], "rubric name", &r.name);
    let total_ok = check_total(&mut c, r);
    check_veto_policy(&mut c, r);
    check_decimals(&mut c, r);
    if let Some(cap) = r.bonus_cap {
        c.number(&[Seg::Field("bonus_cap")], "bonus_cap", cap);
    }
    check_weights(&mut c, r, total_ok);
    for (i, cat) in r.categories.iter().enumerate() {
        check_category(&mut c, cat, i);
    }
    check_items(&mut c, r);
    check_grades(&mut c, r);
    c.errors.sort_by_key(|e| (e.line, e.column));
    c.errors
}

fn check_total(c: &mut Ctx<'_>, r: &Rubric) -> bool {
    let total = [Seg::Field("total")];
    if !c.number(&total, "total", r.total) {
        return false;
    }
    if r.total <= 0.0 {
        c.err(
            &total,
            "total is 0",
            "set `total` to the points of the base part, usually 100",
        );
        return false;
    }
    let pm = [Seg::Field("pass_mark")];
    if c.number(&pm, "pass_mark", r.pass_mark) && (r.pass_mark <= 0.0 || r.pass_mark > r.total) {
        c.err(
            &pm,
            format!("pass_mark {} is outside (0, {}]", r.pass_mark, r.total),
            format!(
                "set a pass mark above 0 and at most the total {}, such as 60",
                r.total
            ),
        );
    }
    true
}

fn check_veto_policy(c: &mut Ctx<'_>, r: &Rubric) {
    let Some(s) = r.on_veto.value() else {
        return;
    };
    let (verb, name) = match r.on_veto {
        VetoPolicy::FailCapScore(_) => ("caps the total at", "FailCapScore"),
        _ => ("forces a score of", "FailWithScore"),
    };
    let p = [Seg::Field("on_veto")];
    if !c.number(&p, "the score named by on_veto", s) {
        return;
    }
    if s > r.total {
        c.err(
            &p,
            format!("on_veto {verb} {s}, above the total {}", r.total),
            format!("use a score between 0 and the total, such as {name}(0) or {name}(59)"),
        );
    } else if s >= r.pass_mark && r.pass_mark > 0.0 {
        c.err(
            &p,
            format!("on_veto {verb} {s}, which is not below the pass mark {}", r.pass_mark),
            "a vetoed account fails, so name a score below the pass mark, or use FailKeepScore or FailNoScore",
        );
    }
}

fn check_decimals(c: &mut Ctx<'_>, r: &Rubric) {
    use crate::domain::precision::MAX_DECIMALS;
    if r.decimals > MAX_DECIMALS {
        c.err(
            &[Seg::Field("decimals")],
            format!("decimals is {}, more than {MAX_DECIMALS}", r.decimals),
            "results are published at 0 to 6 decimals; 2 is usual",
        );
    }
}

fn check_weights(c: &mut Ctx<'_>, r: &Rubric, total_ok: bool) {
    let cats = [Seg::Field("categories")];
    if r.categories.is_empty() {
        c.err(
            &cats,
            "the rubric has no categories",
            "add at least one Category(id: …, name: …, weight: …, indicators: [ … ])",
        );
        return;
    }
    let sum: f64 = r.categories.iter().map(|k| k.weight).sum();
    if total_ok && sum.is_finite() && (sum - r.total).abs() > EPS {
        let parts: Vec<String> = r
            .categories
            .iter()
            .map(|k| format!("{} {}", k.id, k.weight))
            .collect();
        c.err(
            &cats,
            format!(
                "category weights add up to {}, but total is {}",
                round(sum),
                r.total
            ),
            format!(
                "change a weight or `total` so that they match ({})",
                parts.join(" + ")
            ),
        );
    }
}

fn check_grades(c: &mut Ctx<'_>, r: &Rubric) {
    if r.grades.is_empty() {
        return;
    }
    let top = r.total + r.max_bonus();
    for (i, (name, bound)) in r.grades.iter().enumerate() {
        let p = [Seg::Field("grades"), Seg::Index(i)];
        c.text(&p, "grade name", name);
        if let Some(j) = r.grades[..i].iter().position(|(n, _)| n == name) {
            let first = c.loc.at(&[Seg::Field("grades"), Seg::Index(j)]);
            c.err(
                &p,
                format!(
                    "duplicate grade \"{name}\" (first at {}:{})",
                    first.line, first.column
                ),
                "give each grade band its own name",
            );
        }
        if c.number(&p, &format!("the bound of grade \"{name}\""), *bound) && *bound > top {
            c.err(
                &p,
                format!("grade \"{name}\" needs {bound}, above the highest possible total {top}"),
                "lower the bound or raise `total`",
            );
        }
    }
    let p = [Seg::Field("grades")];
    let lowest = r.grades.iter().map(|g| g.1).fold(f64::INFINITY, f64::min);
    if lowest > EPS {
        c.err(
            &p,
            format!("no grade covers totals below {lowest}"),
            "add a lowest band starting at 0, such as (\"不合格\", 0)",
        );
    }
    if r.pass_mark > 0.0 && !r.grades.iter().any(|g| (g.1 - r.pass_mark).abs() < EPS) {
        c.err(
            &p,
            format!("no grade starts at the pass mark {}", r.pass_mark),
            format!("add a band starting at {}, such as (\"合格\", {}), so passing and failing accounts never share a grade", r.pass_mark, r.pass_mark),
        );
    }
}

/// Rounds float noise away for messages (0.1 + 0.2 → 0.3).
pub(super) fn round(v: f64) -> f64 {
    (v * 1e6).round() / 1e6
}
