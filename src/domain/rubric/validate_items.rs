//! Validation of categories and items: indicator kinds (range, deduction, check), bonus and
//! veto items, rule names, and ids unique across the whole rubric.

use super::KNOWN_RULES;
use super::locate::Seg;
use super::model::{
    Bonus, Category, CheckSpec, Common, DeductSpec, Indicator, RangeSpec, Rubric, Veto,
};
use super::validate::{Ctx, EPS, Path, join, round};

pub(super) fn check_category(c: &mut Ctx<'_>, cat: &Category, i: usize) {
    let base = [Seg::Field("categories"), Seg::Index(i)];
    c.text(&join(&base, &[Seg::Field("id")]), "category id", &cat.id);
    c.text(
        &join(&base, &[Seg::Field("name")]),
        "category name",
        &cat.name,
    );
    let w = join(&base, &[Seg::Field("weight")]);
    if c.number(
        &w,
        &format!("the weight of category \"{}\"", cat.id),
        cat.weight,
    ) && cat.weight <= 0.0
    {
        c.err(
            &w,
            format!("category \"{}\" has weight 0", cat.id),
            "give it a weight above 0, or remove the category",
        );
    }
    if cat.indicators.is_empty() {
        c.err(
            &join(&base, &[Seg::Field("indicators")]),
            format!("category \"{}\" has no indicators", cat.id),
            "add at least one Range, Deduct or Check indicator, or remove the category",
        );
    }
    for (j, ind) in cat.indicators.iter().enumerate() {
        let p = join(&base, &[Seg::Field("indicators"), Seg::Index(j)]);
        check_common(c, &p, ind.common());
        match ind {
            Indicator::Range(s) => check_range(c, &p, s),
            Indicator::Deduct(s) => check_deduct(c, &p, s),
            Indicator::Check(s) => check_check(c, &p, s),
        }
    }
}

/// Bonus and veto items, then ids across the rubric.
pub(super) fn check_items(c: &mut Ctx<'_>, r: &Rubric) {
    for (k, b) in r.bonus.iter().enumerate() {
        let p = vec![Seg::Field("bonus"), Seg::Index(k)];
        check_common(c, &p, &b.common);
        check_bonus(c, &p, b, r.total);
    }
    for (k, v) in r.vetoes.iter().enumerate() {
        let p = vec![Seg::Field("vetoes"), Seg::Index(k)];
        check_common(c, &p, &v.common);
        check_veto(c, &p, v);
    }
    check_duplicate_ids(c, r);
}

fn f(p: &Path, field: &'static str) -> Path {
    join(p, &[Seg::Field(field)])
}

fn check_common(c: &mut Ctx<'_>, p: &Path, k: &Common) {
    c.text(&f(p, "id"), "id", &k.id);
    c.text(&f(p, "name"), &format!("name of \"{}\"", k.id), &k.name);
    if let Some(rule) = &k.rule
        && !KNOWN_RULES.contains(&rule.as_str())
    {
        c.err(
            &f(p, "rule"),
            format!("unknown rule \"{rule}\" on \"{}\"", k.id),
            format!("known rules: {}", KNOWN_RULES.join(", ")),
        );
    }
}

fn check_range(c: &mut Ctx<'_>, p: &Path, s: &RangeSpec) {
    let id = &s.common.id;
    let ok_min = c.number(&f(p, "min"), &format!("min of \"{id}\""), s.min);
    let ok_max = c.number(&f(p, "max"), &format!("max of \"{id}\""), s.max);
    if !(ok_min && ok_max) {
        return;
    }
    if s.max <= s.min {
        c.err(
            &f(p, "max"),
            format!("max {} is not above min {} in \"{id}\"", s.max, s.min),
            "make max larger than min (min defaults to 0)",
        );
        return;
    }
    let mut step_ok = false;
    if let Some(step) = s.step
        && c.number(&f(p, "step"), &format!("step of \"{id}\""), step)
    {
        if step <= 0.0 {
            c.err(
                &f(p, "step"),
                format!("step of \"{id}\" is 0"),
                "use a positive step such as 0.5 or 1, or leave it out",
            );
        } else if !on_grid(s.max - s.min, step) {
            c.err(
                &f(p, "step"),
                format!(
                    "step {step} does not divide the range {}–{} of \"{id}\"",
                    s.min, s.max
                ),
                format!(
                    "choose a step that fits a whole number of times into {}",
                    round(s.max - s.min)
                ),
            );
        } else {
            step_ok = true;
        }
    }
    for (k, (name, v)) in s.levels.iter().enumerate() {
        let lp = join(p, &[Seg::Field("levels"), Seg::Index(k)]);
        c.text(&lp, "level name", name);
        if !c.number(&lp, &format!("level \"{name}\" of \"{id}\""), *v) {
            continue;
        }
        if *v < s.min - EPS || *v > s.max + EPS {
            c.err(
                &lp,
                format!(
                    "level \"{name}\" gives {v}, outside {}–{} of \"{id}\"",
                    s.min, s.max
                ),
                "give the level points between min and max",
            );
        } else if let (true, Some(step)) = (step_ok, s.step)
            && !on_grid(v - s.min, step)
        {
            c.err(
                &lp,
                format!("level \"{name}\" gives {v}, which is not on the step {step} of \"{id}\""),
                format!("use min plus a multiple of {step}"),
            );
        }
    }
}

fn on_grid(span: f64, step: f64) -> bool {
    let n = span / step;
    (n - n.round()).abs() < EPS
}

fn check_deduct(c: &mut Ctx<'_>, p: &Path, s: &DeductSpec) {
    let id = &s.common.id;
    let ok = per_and_cap(c, p, id, s.per, s.cap);
    if let Some(points) = s.points
        && c.number(&f(p, "points"), &format!("points of \"{id}\""), points)
        && ok
        && points + EPS < s.cap
    {
        c.err(
            &f(p, "points"),
            format!(
                "\"{id}\" starts at {points} points but may deduct up to cap {}",
                s.cap
            ),
            "raise points to at least cap, or lower cap (points defaults to cap)",
        );
    }
}

/// Shared by deductions and bonus items; true when both numbers are usable.
fn per_and_cap(c: &mut Ctx<'_>, p: &Path, id: &str, per: f64, cap: f64) -> bool {
    let ok_per = c.number(&f(p, "per"), &format!("per of \"{id}\""), per);
    let ok_cap = c.number(&f(p, "cap"), &format!("cap of \"{id}\""), cap);
    if !(ok_per && ok_cap) {
        return false;
    }
    if per <= 0.0 {
        c.err(
            &f(p, "per"),
            format!("per of \"{id}\" is 0"),
            "give the points of one instance, such as per: 1",
        );
        return false;
    }
    if cap + EPS < per {
        c.err(
            &f(p, "cap"),
            format!("cap {cap} is smaller than one instance (per {per}) in \"{id}\""),
            "raise cap to at least per, or lower per",
        );
        return false;
    }
    true
}

fn check_check(c: &mut Ctx<'_>, p: &Path, s: &CheckSpec) {
    let id = &s.common.id;
    if c.number(&f(p, "points"), &format!("points of \"{id}\""), s.points) && s.points <= 0.0 {
        c.err(
            &f(p, "points"),
            format!("check \"{id}\" gives 0 points"),
            "give the points for a yes, such as points: 2",
        );
    }
}

fn check_bonus(c: &mut Ctx<'_>, p: &Path, b: &Bonus, total: f64) {
    let id = &b.common.id;
    per_and_cap(c, p, id, b.per, b.cap);
    if let Some(gate) = b.gate
        && c.number(&f(p, "gate"), &format!("gate of \"{id}\""), gate)
        && total.is_finite()
        && gate > total
    {
        c.err(
            &f(p, "gate"),
            format!(
                "gate {gate} of \"{id}\" is above the total {total}, so the bonus can never count"
            ),
            format!("use a gate between 0 and {total}, such as 80"),
        );
    }
}

fn check_veto(c: &mut Ctx<'_>, p: &Path, v: &Veto) {
    let id = &v.common.id;
    let rp = f(p, "reasons");
    if v.reasons.is_empty() {
        c.err(
            &rp,
            format!("veto \"{id}\" has no reasons"),
            "list the reasons an evaluator may pick, such as [\"监测时间点前2周内无更新\"]",
        );
    }
    for (k, reason) in v.reasons.iter().enumerate() {
        let kp = join(&rp, &[Seg::Index(k)]);
        c.text(&kp, "veto reason", reason);
        if v.reasons[..k].contains(reason) {
            c.err(
                &kp,
                format!("reason \"{reason}\" is listed twice in veto \"{id}\""),
                "remove the repeated reason",
            );
        }
    }
}

fn check_duplicate_ids(c: &mut Ctx<'_>, r: &Rubric) {
    let mut seen: Vec<(String, Path)> = Vec::new();
    let mut all: Vec<(&str, &str, Path)> = Vec::new();
    for (i, cat) in r.categories.iter().enumerate() {
        let base = vec![Seg::Field("categories"), Seg::Index(i)];
        all.push(("category", &cat.id, f(&base, "id")));
        for (j, ind) in cat.indicators.iter().enumerate() {
            all.push((
                "indicator",
                &ind.common().id,
                join(
                    &base,
                    &[Seg::Field("indicators"), Seg::Index(j), Seg::Field("id")],
                ),
            ));
        }
    }
    for (k, b) in r.bonus.iter().enumerate() {
        all.push((
            "bonus item",
            &b.common.id,
            vec![Seg::Field("bonus"), Seg::Index(k), Seg::Field("id")],
        ));
    }
    for (k, v) in r.vetoes.iter().enumerate() {
        all.push((
            "veto",
            &v.common.id,
            vec![Seg::Field("vetoes"), Seg::Index(k), Seg::Field("id")],
        ));
    }
    for (kind, id, path) in all {
        if id.trim().is_empty() {
            continue;
        }
        if let Some((_, first)) = seen.iter().find(|(s, _)| s == id) {
            let at = c.loc.at(first);
            c.err(
                &path,
                format!("duplicate {kind} id \"{id}\" (first at {}:{})", at.line, at.column),
                "rename one of them; ids are unique across categories, indicators, bonus items and vetoes",
            );
        } else {
            seen.push((id.to_string(), path));
        }
    }
}
