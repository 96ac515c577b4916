//! Semantic validation of a parsed rubric: totals, weights, grades, ids and the veto policy.
//! Every problem is collected (not just the first) with the position of the offending text.

use super::error::RubricError;
use super::locate::{Locator, Seg};
use super::model::{Rubric, VetoPolicy};
use super::validate_ctx::{Ctx, EPS, round};
use super::validate_items::{check_category, check_items};

/// Validates everything that the RON types alone cannot express.
pub fn validate(r: &Rubric, loc: &Locator, file: &str) -> Vec<RubricError> {
    let mut c = Ctx {
        loc,
        file,
        errors: Vec::new(),
    };
    c.text(&[Seg::Field("id")], ("rubric id", "细则 id "), &r.id);
    c.text(&[Seg::Field("name")], ("rubric name", "细则名称"), &r.name);
    let total_ok = check_total(&mut c, r);
    check_veto_policy(&mut c, r);
    check_decimals(&mut c, r);
    if let Some(cap) = r.bonus_cap {
        c.number(
            &[Seg::Field("bonus_cap")],
            ("bonus_cap", "加分上限 bonus_cap "),
            cap,
        );
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
    if !c.number(&total, ("total", "总分 total "), r.total) {
        return false;
    }
    if r.total <= 0.0 {
        c.say(
            &total,
            (
                "total is 0",
                "set `total` to the points of the base part, usually 100",
            ),
            ("total 为 0", "请把 `total` 设为基础分的满分，通常为 100"),
        );
        return false;
    }
    let pm = [Seg::Field("pass_mark")];
    if c.number(&pm, ("pass_mark", "合格线 pass_mark "), r.pass_mark)
        && (r.pass_mark <= 0.0 || r.pass_mark > r.total)
    {
        c.say(
            &pm,
            (
                format!("pass_mark {} is outside (0, {}]", r.pass_mark, r.total),
                format!(
                    "set a pass mark above 0 and at most the total {}, such as 60",
                    r.total
                ),
            ),
            (
                format!("pass_mark {} 不在 (0, {}] 范围内", r.pass_mark, r.total),
                format!("合格线须大于 0 且不超过总分 {}，例如 60", r.total),
            ),
        );
    }
    true
}

fn check_veto_policy(c: &mut Ctx<'_>, r: &Rubric) {
    let Some(s) = r.on_veto.value() else {
        return;
    };
    let (verb, name, verb_zh) = match r.on_veto {
        VetoPolicy::FailCapScore(_) => ("caps the total at", "FailCapScore", "把总分封顶为"),
        _ => ("forces a score of", "FailWithScore", "把总分定为"),
    };
    let p = [Seg::Field("on_veto")];
    if !c.number(&p, ("the score named by on_veto", "on_veto 指定的分数"), s) {
        return;
    }
    if s > r.total {
        c.say(
            &p,
            (
                format!("on_veto {verb} {s}, above the total {}", r.total),
                format!("use a score between 0 and the total, such as {name}(0) or {name}(59)"),
            ),
            (
                format!("on_veto {verb_zh} {s}，高于总分 {}", r.total),
                format!("请用 0 到总分之间的分数，例如 {name}(0) 或 {name}(59)"),
            ),
        );
    } else if s >= r.pass_mark && r.pass_mark > 0.0 {
        c.say(
            &p,
            (
                format!("on_veto {verb} {s}, which is not below the pass mark {}", r.pass_mark),
                "a vetoed account fails, so name a score below the pass mark, or use FailKeepScore or FailNoScore",
            ),
            (
                format!("on_veto {verb_zh} {s}，不低于合格线 {}", r.pass_mark),
                "被否决的账号一律不合格：请写低于合格线的分数，或改用 FailKeepScore / FailNoScore",
            ),
        );
    }
}

fn check_decimals(c: &mut Ctx<'_>, r: &Rubric) {
    use crate::domain::precision::MAX_DECIMALS;
    if r.decimals > MAX_DECIMALS {
        c.say(
            &[Seg::Field("decimals")],
            (
                format!("decimals is {}, more than {MAX_DECIMALS}", r.decimals),
                "results are published at 0 to 6 decimals; 2 is usual",
            ),
            (
                format!("decimals 为 {}，超过 {MAX_DECIMALS}", r.decimals),
                "结果可保留 0 到 6 位小数，通常为 2 位",
            ),
        );
    }
}

fn check_weights(c: &mut Ctx<'_>, r: &Rubric, total_ok: bool) {
    let cats = [Seg::Field("categories")];
    if r.categories.is_empty() {
        c.say(
            &cats,
            (
                "the rubric has no categories",
                "add at least one Category(id: …, name: …, weight: …, indicators: [ … ])",
            ),
            (
                "评分标准没有任何类别",
                "请至少添加一个 Category(id: …, name: …, weight: …, indicators: [ … ])",
            ),
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
        c.say(
            &cats,
            (
                format!(
                    "category weights add up to {}, but total is {}",
                    round(sum),
                    r.total
                ),
                format!(
                    "change a weight or `total` so that they match ({})",
                    parts.join(" + ")
                ),
            ),
            (
                format!("各类别权重之和为 {}，但 total 为 {}", round(sum), r.total),
                format!("请修改权重或 `total` 使二者一致（{}）", parts.join(" + ")),
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
        c.text(&p, ("grade name", "等级名称"), name);
        if let Some(j) = r.grades[..i].iter().position(|(n, _)| n == name) {
            let first = c.loc.at(&[Seg::Field("grades"), Seg::Index(j)]);
            c.say(
                &p,
                (
                    format!(
                        "duplicate grade \"{name}\" (first at {}:{})",
                        first.line, first.column
                    ),
                    "give each grade band its own name",
                ),
                (
                    format!(
                        "等级 \"{name}\" 重复（首次出现在 {}:{}）",
                        first.line, first.column
                    ),
                    "每个等级请用不同的名称",
                ),
            );
        }
        if c.number(
            &p,
            (
                &format!("the bound of grade \"{name}\""),
                &format!("等级“{name}”的下限"),
            ),
            *bound,
        ) && *bound > top
        {
            c.say(
                &p,
                (
                    format!(
                        "grade \"{name}\" needs {bound}, above the highest possible total {top}"
                    ),
                    "lower the bound or raise `total`",
                ),
                (
                    format!("等级 \"{name}\" 要求 {bound} 分，高于可能的最高总分 {top}"),
                    "请降低该等级的下限或提高 `total`",
                ),
            );
        }
    }
    let p = [Seg::Field("grades")];
    let lowest = r.grades.iter().map(|g| g.1).fold(f64::INFINITY, f64::min);
    if lowest > EPS {
        c.say(
            &p,
            (
                format!("no grade covers totals below {lowest}"),
                "add a lowest band starting at 0, such as (\"不合格\", 0)",
            ),
            (
                format!("低于 {lowest} 的总分没有对应的等级"),
                "请添加从 0 开始的最低等级，例如 (\"不合格\", 0)",
            ),
        );
    }
    if r.pass_mark > 0.0 && !r.grades.iter().any(|g| (g.1 - r.pass_mark).abs() < EPS) {
        c.say(
            &p,
            (
                format!("no grade starts at the pass mark {}", r.pass_mark),
                format!("add a band starting at {}, such as (\"合格\", {}), so passing and failing accounts never share a grade", r.pass_mark, r.pass_mark),
            ),
            (
                format!("没有从合格线 {} 开始的等级", r.pass_mark),
                format!("请添加从 {} 开始的等级，例如 (\"合格\", {})，使合格与不合格的账号不会同属一个等级", r.pass_mark, r.pass_mark),
            ),
        );
    }
}
