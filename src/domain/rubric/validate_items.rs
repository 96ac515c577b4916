//! Validation of categories and items: indicator kinds (range, deduction, check), bonus and
//! veto items, rule names, and ids unique across the whole rubric.

use super::KNOWN_RULES;
use super::locate::Seg;
use super::model::{
    Bonus, Category, CheckSpec, Common, DeductSpec, Indicator, RangeSpec, Rubric, Veto,
};
use super::validate_ctx::{Ctx, EPS, Path, join, round};

pub(super) fn check_category(c: &mut Ctx<'_>, cat: &Category, i: usize) {
    let base = [Seg::Field("categories"), Seg::Index(i)];
    c.text(
        &join(&base, &[Seg::Field("id")]),
        ("category id", "类别 id "),
        &cat.id,
    );
    c.text(
        &join(&base, &[Seg::Field("name")]),
        ("category name", "类别名称"),
        &cat.name,
    );
    let w = join(&base, &[Seg::Field("weight")]);
    if c.number(
        &w,
        (
            &format!("the weight of category \"{}\"", cat.id),
            &format!("类别“{}”的权重", cat.id),
        ),
        cat.weight,
    ) && cat.weight <= 0.0
    {
        c.say(
            &w,
            (
                format!("category \"{}\" has weight 0", cat.id),
                "give it a weight above 0, or remove the category",
            ),
            (
                format!("类别 \"{}\" 的权重为 0", cat.id),
                "请给它大于 0 的权重，或删除该类别",
            ),
        );
    }
    if cat.indicators.is_empty() {
        c.say(
            &join(&base, &[Seg::Field("indicators")]),
            (
                format!("category \"{}\" has no indicators", cat.id),
                "add at least one Range, Deduct or Check indicator, or remove the category",
            ),
            (
                format!("类别 \"{}\" 没有任何指标", cat.id),
                "请至少添加一个 Range、Deduct 或 Check 指标，或删除该类别",
            ),
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
    c.text(&f(p, "id"), ("id", "id "), &k.id);
    c.text(
        &f(p, "name"),
        (
            &format!("name of \"{}\"", k.id),
            &format!("“{}”的名称", k.id),
        ),
        &k.name,
    );
    if let Some(rule) = &k.rule
        && !KNOWN_RULES.contains(&rule.as_str())
    {
        c.say(
            &f(p, "rule"),
            (
                format!("unknown rule \"{rule}\" on \"{}\"", k.id),
                format!("known rules: {}", KNOWN_RULES.join(", ")),
            ),
            (
                format!("\"{}\" 上的规则 \"{rule}\" 不存在", k.id),
                format!("已知规则：{}", KNOWN_RULES.join(", ")),
            ),
        );
    }
}

fn check_range(c: &mut Ctx<'_>, p: &Path, s: &RangeSpec) {
    let id = &s.common.id;
    let ok_min = c.number(
        &f(p, "min"),
        (&format!("min of \"{id}\""), &format!("“{id}”的 min ")),
        s.min,
    );
    let ok_max = c.number(
        &f(p, "max"),
        (&format!("max of \"{id}\""), &format!("“{id}”的 max ")),
        s.max,
    );
    if !(ok_min && ok_max) {
        return;
    }
    if s.max <= s.min {
        c.say(
            &f(p, "max"),
            (
                format!("max {} is not above min {} in \"{id}\"", s.max, s.min),
                "make max larger than min (min defaults to 0)",
            ),
            (
                format!("\"{id}\" 的 max {} 不大于 min {}", s.max, s.min),
                "请让 max 大于 min（min 默认为 0）",
            ),
        );
        return;
    }
    let mut step_ok = false;
    if let Some(step) = s.step
        && c.number(
            &f(p, "step"),
            (&format!("step of \"{id}\""), &format!("“{id}”的 step ")),
            step,
        )
    {
        if step <= 0.0 {
            c.say(
                &f(p, "step"),
                (
                    format!("step of \"{id}\" is 0"),
                    "use a positive step such as 0.5 or 1, or leave it out",
                ),
                (
                    format!("\"{id}\" 的 step 为 0"),
                    "请用正的步长，例如 0.5 或 1，或省略 step",
                ),
            );
        } else if !on_grid(s.max - s.min, step) {
            c.say(
                &f(p, "step"),
                (
                    format!(
                        "step {step} does not divide the range {}–{} of \"{id}\"",
                        s.min, s.max
                    ),
                    format!(
                        "choose a step that fits a whole number of times into {}",
                        round(s.max - s.min)
                    ),
                ),
                (
                    format!("step {step} 不能整除 \"{id}\" 的范围 {}–{}", s.min, s.max),
                    format!("请选择能整除 {} 的步长", round(s.max - s.min)),
                ),
            );
        } else {
            step_ok = true;
        }
    }
    for (k, (name, v)) in s.levels.iter().enumerate() {
        let lp = join(p, &[Seg::Field("levels"), Seg::Index(k)]);
        c.text(&lp, ("level name", "档位名称"), name);
        if !c.number(
            &lp,
            (
                &format!("level \"{name}\" of \"{id}\""),
                &format!("“{id}”的档位“{name}”"),
            ),
            *v,
        ) {
            continue;
        }
        if *v < s.min - EPS || *v > s.max + EPS {
            c.say(
                &lp,
                (
                    format!(
                        "level \"{name}\" gives {v}, outside {}–{} of \"{id}\"",
                        s.min, s.max
                    ),
                    "give the level points between min and max",
                ),
                (
                    format!(
                        "档次 \"{name}\" 给 {v} 分，超出 \"{id}\" 的范围 {}–{}",
                        s.min, s.max
                    ),
                    "档次分值须在 min 与 max 之间",
                ),
            );
        } else if let (true, Some(step)) = (step_ok, s.step)
            && !on_grid(v - s.min, step)
        {
            c.say(
                &lp,
                (
                    format!(
                        "level \"{name}\" gives {v}, which is not on the step {step} of \"{id}\""
                    ),
                    format!("use min plus a multiple of {step}"),
                ),
                (
                    format!("档次 \"{name}\" 给 {v} 分，不在 \"{id}\" 的步长 {step} 上"),
                    format!("请用 min 加上 {step} 的整数倍"),
                ),
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
        && c.number(
            &f(p, "points"),
            (&format!("points of \"{id}\""), &format!("“{id}”的 points ")),
            points,
        )
        && ok
        && points + EPS < s.cap
    {
        c.say(
            &f(p, "points"),
            (
                format!(
                    "\"{id}\" starts at {points} points but may deduct up to cap {}",
                    s.cap
                ),
                "raise points to at least cap, or lower cap (points defaults to cap)",
            ),
            (
                format!("\"{id}\" 的起始分 {points} 小于最多可扣的 cap {}", s.cap),
                "请把 points 提高到不小于 cap，或降低 cap（points 默认等于 cap）",
            ),
        );
    }
}

/// Shared by deductions and bonus items; true when both numbers are usable.
fn per_and_cap(c: &mut Ctx<'_>, p: &Path, id: &str, per: f64, cap: f64) -> bool {
    let ok_per = c.number(
        &f(p, "per"),
        (&format!("per of \"{id}\""), &format!("“{id}”的 per ")),
        per,
    );
    let ok_cap = c.number(
        &f(p, "cap"),
        (&format!("cap of \"{id}\""), &format!("“{id}”的 cap ")),
        cap,
    );
    if !(ok_per && ok_cap) {
        return false;
    }
    if per <= 0.0 {
        c.say(
            &f(p, "per"),
            (
                format!("per of \"{id}\" is 0"),
                "give the points of one instance, such as per: 1",
            ),
            (
                format!("\"{id}\" 的 per 为 0"),
                "请写出每次的分值，例如 per: 1",
            ),
        );
        return false;
    }
    if cap + EPS < per {
        c.say(
            &f(p, "cap"),
            (
                format!("cap {cap} is smaller than one instance (per {per}) in \"{id}\""),
                "raise cap to at least per, or lower per",
            ),
            (
                format!("\"{id}\" 的 cap {cap} 小于一次的分值（per {per}）"),
                "请把 cap 提高到不小于 per，或降低 per",
            ),
        );
        return false;
    }
    true
}

fn check_check(c: &mut Ctx<'_>, p: &Path, s: &CheckSpec) {
    let id = &s.common.id;
    if c.number(
        &f(p, "points"),
        (&format!("points of \"{id}\""), &format!("“{id}”的 points ")),
        s.points,
    ) && s.points <= 0.0
    {
        c.say(
            &f(p, "points"),
            (
                format!("check \"{id}\" gives 0 points"),
                "give the points for a yes, such as points: 2",
            ),
            (
                format!("是否项 \"{id}\" 的分值为 0"),
                "请写出回答“是”时的分值，例如 points: 2",
            ),
        );
    }
}

fn check_bonus(c: &mut Ctx<'_>, p: &Path, b: &Bonus, total: f64) {
    let id = &b.common.id;
    per_and_cap(c, p, id, b.per, b.cap);
    if let Some(gate) = b.gate
        && c.number(
            &f(p, "gate"),
            (&format!("gate of \"{id}\""), &format!("“{id}”的 gate ")),
            gate,
        )
        && total.is_finite()
        && gate > total
    {
        c.say(
            &f(p, "gate"),
            (
                format!(
                "gate {gate} of \"{id}\" is above the total {total}, so the bonus can never count"
            ),
                format!("use a gate between 0 and {total}, such as 80"),
            ),
            (format!("\"{id}\" 的 gate {gate} 高于总分 {total}，加分永远不会生效"), format!("请用 0 到 {total} 之间的 gate，例如 80")),
        );
    }
}

fn check_veto(c: &mut Ctx<'_>, p: &Path, v: &Veto) {
    let id = &v.common.id;
    let rp = f(p, "reasons");
    if v.reasons.is_empty() {
        c.say(
            &rp,
            (
                format!("veto \"{id}\" has no reasons"),
                "list the reasons an evaluator may pick, such as [\"监测时间点前2周内无更新\"]",
            ),
            (
                format!("否决项 \"{id}\" 没有列出理由"),
                "请列出评估人可选的理由，例如 [\"监测时间点前2周内无更新\"]",
            ),
        );
    }
    for (k, reason) in v.reasons.iter().enumerate() {
        let kp = join(&rp, &[Seg::Index(k)]);
        c.text(&kp, ("veto reason", "否决理由"), reason);
        if v.reasons[..k].contains(reason) {
            c.say(
                &kp,
                (
                    format!("reason \"{reason}\" is listed twice in veto \"{id}\""),
                    "remove the repeated reason",
                ),
                (
                    format!("否决项 \"{id}\" 中理由 \"{reason}\" 重复"),
                    "请删除重复的理由",
                ),
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
            c.say(
                &path,
                (
                    format!("duplicate {kind} id \"{id}\" (first at {}:{})", at.line, at.column),
                    "rename one of them; ids are unique across categories, indicators, bonus items and vetoes",
                ),
                (format!("id \"{id}\" 重复（首次出现在 {}:{}）", at.line, at.column), "请重命名其中之一；类别、指标、加分项和否决项的 id 须全局唯一"),
            );
        } else {
            seen.push((id.to_string(), path));
        }
    }
}
