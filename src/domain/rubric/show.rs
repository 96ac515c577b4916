//! The rubric as a text tree for `assay rubric show`: categories with weights, each indicator's
//! kind, points and limits, applicability, N/A policy, bonus gates and veto reasons. Columns are
//! aligned by display width, so Chinese names line up.

use unicode_width::UnicodeWidthStr;

use super::model::{Common, Indicator, NaPolicy, Rubric};
use super::validate_ctx::round;
use crate::domain::engine::explain::{gate_rule, pass_rule, veto_policy};
use crate::domain::platform::{Level, Platform};
use crate::i18n::Lang;

/// A line of the tree: the left part is padded so that every `detail` starts in one column.
enum Line {
    Text(String),
    Row { left: String, detail: String },
}

/// Renders the whole rubric as an aligned tree.
pub fn render_tree(r: &Rubric, lang: Lang) -> String {
    let t = |zh: &'static str, en: &'static str| lang.pick(zh, en);
    let mut lines = header(r, lang);
    for (i, cat) in r.categories.iter().enumerate() {
        let last_cat = i + 1 == r.categories.len();
        let (branch, stem) = if last_cat {
            ("└─ ", "   ")
        } else {
            ("├─ ", "│  ")
        };
        let mut detail = format!("{} {}", t("权重", "weight"), cat.weight);
        detail.push_str(&applicability(
            &cat.platforms,
            &cat.admin_levels,
            cat.when_not_applicable,
            lang,
        ));
        lines.push(Line::Row {
            left: format!("{branch}{} [{}]", cat.name, cat.id),
            detail,
        });
        let sum: f64 = round(cat.indicators.iter().map(Indicator::max_points).sum());
        if (sum - cat.weight).abs() > 1e-6 {
            lines.push(Line::Text(format!(
                "{stem}{}",
                match lang {
                    Lang::Zh => format!("(指标合计 {sum} 分,按权重 {} 折算)", cat.weight),
                    Lang::En => format!(
                        "(indicators add up to {sum}; scaled to the weight {})",
                        cat.weight
                    ),
                }
            )));
        }
        for (j, ind) in cat.indicators.iter().enumerate() {
            let b = if j + 1 == cat.indicators.len() {
                "└─ "
            } else {
                "├─ "
            };
            let k = ind.common();
            let mut detail = indicator_detail(ind, lang);
            detail.push_str(&common_detail(k, lang));
            lines.push(Line::Row {
                left: format!("{stem}{b}{} [{}]", k.name, k.id),
                detail,
            });
        }
    }
    bonus_lines(r, lang, &mut lines);
    veto_lines(r, lang, &mut lines);
    align(&lines)
}

fn header(r: &Rubric, lang: Lang) -> Vec<Line> {
    let t = |zh: &'static str, en: &'static str| lang.pick(zh, en);
    let mut out = vec![Line::Text(format!("{} ({} v{})", r.name, r.id, r.version))];
    if !r.description.is_empty() {
        out.push(Line::Text(r.description.clone()));
    }
    let veto = veto_policy(r.on_veto, lang);
    out.push(Line::Text(format!(
        "{} {} · {} {} · {} {} · {}: {veto}",
        t("总分", "total"),
        r.total,
        t("合格线", "pass mark"),
        r.pass_mark,
        t("加分上限", "bonus cap"),
        r.max_bonus(),
        t("否决", "veto"),
    )));
    let mut rules = vec![pass_rule(r, lang)];
    let mut gates: Vec<f64> = r.bonus.iter().filter_map(|b| b.gate).collect();
    gates.sort_by(f64::total_cmp);
    gates.dedup();
    rules.extend(gates.iter().map(|g| gate_rule(r.gate_side, *g, lang)));
    rules.push(match lang {
        Lang::Zh => format!(
            "结果保留 {} 位小数（四舍五入），按修约后的分数定结论",
            r.decimals
        ),
        Lang::En => format!(
            "results published at {} decimals (half-up); verdicts use the published value",
            r.decimals
        ),
    });
    out.push(Line::Text(format!(
        "{}: {}",
        t("规则", "rules"),
        rules.join(lang.pick("；", "; "))
    )));
    if !r.grades.is_empty() {
        let g: Vec<String> = r.grades.iter().map(|(n, b)| format!("{n} ≥ {b}")).collect();
        out.push(Line::Text(format!(
            "{}: {}",
            t("等级", "grades"),
            g.join(" · ")
        )));
    }
    out.push(Line::Text(format!(
        "{}: {}",
        t("不适用默认", "not applicable by default"),
        na_label(r.when_not_applicable, lang)
    )));
    out.push(Line::Text(String::new()));
    out
}

fn indicator_detail(ind: &Indicator, lang: Lang) -> String {
    let t = |zh: &'static str, en: &'static str| lang.pick(zh, en);
    let pts = t("分", "pts");
    match ind {
        Indicator::Range(s) => {
            let mut d = format!(
                "{} {} {pts} · {}–{}",
                t("区间", "Range"),
                s.max,
                s.min,
                s.max
            );
            if let Some(step) = s.step {
                d.push_str(&format!(" {} {step}", t("步长", "step")));
            }
            if !s.levels.is_empty() {
                let l: Vec<String> = s.levels.iter().map(|(n, v)| format!("{n} {v}")).collect();
                d.push_str(&format!(" · {}", l.join(" / ")));
            }
            d
        }
        Indicator::Deduct(s) => format!(
            "{} {} {pts} · {} −{} · {} {}",
            t("扣分", "Deduct"),
            s.points.unwrap_or(s.cap),
            t("每次", "per"),
            s.per,
            t("上限", "cap"),
            s.cap
        ),
        Indicator::Check(s) => format!("{} {} {pts}", t("判断", "Check"), s.points),
    }
}

fn common_detail(k: &Common, lang: Lang) -> String {
    let mut d = applicability(&k.platforms, &k.admin_levels, k.when_not_applicable, lang);
    if let Some(rule) = &k.rule {
        d.push_str(&format!(" · {} {rule}", lang.pick("规则", "rule")));
    }
    d
}

fn applicability(
    platforms: &[Platform],
    levels: &[Level],
    na: Option<NaPolicy>,
    lang: Lang,
) -> String {
    let mut d = String::new();
    if !platforms.is_empty() {
        let p: Vec<&str> = platforms
            .iter()
            .map(|p| lang.pick(p.label_zh(), p.label_en()))
            .collect();
        d.push_str(&format!(
            " · {}: {}",
            lang.pick("平台", "platforms"),
            p.join("/")
        ));
    }
    if !levels.is_empty() {
        let l: Vec<&str> = levels
            .iter()
            .map(|l| lang.pick(l.label_zh(), l.label_en()))
            .collect();
        d.push_str(&format!(
            " · {}: {}",
            lang.pick("层级", "levels"),
            l.join("/")
        ));
    }
    if let Some(na) = na {
        d.push_str(&format!(
            " · {}: {}",
            lang.pick("不适用", "N/A"),
            na_label(na, lang)
        ));
    }
    d
}

fn na_label(na: NaPolicy, lang: Lang) -> &'static str {
    match na {
        NaPolicy::Rescale => lang.pick("剔除并按权重折算", "drop and rescale"),
        NaPolicy::FullMarks => lang.pick("计满分", "full marks"),
        NaPolicy::Zero => lang.pick("计零分", "zero"),
    }
}

fn bonus_lines(r: &Rubric, lang: Lang, lines: &mut Vec<Line>) {
    if r.bonus.is_empty() {
        return;
    }
    lines.push(Line::Text(String::new()));
    lines.push(Line::Text(match lang {
        Lang::Zh => format!("加分项(上限 {})", r.max_bonus()),
        Lang::En => format!("Bonus (at most {})", r.max_bonus()),
    }));
    for (k, b) in r.bonus.iter().enumerate() {
        let br = if k + 1 == r.bonus.len() {
            "└─ "
        } else {
            "├─ "
        };
        let mut detail = match lang {
            Lang::Zh => format!("每次 +{} · 上限 {}", b.per, b.cap),
            Lang::En => format!("+{} per instance · cap {}", b.per, b.cap),
        };
        if let Some(g) = b.gate {
            detail.push_str(&format!(" · {}", gate_rule(r.gate_side, g, lang)));
        }
        detail.push_str(&common_detail(&b.common, lang));
        lines.push(Line::Row {
            left: format!("{br}{} [{}]", b.common.name, b.common.id),
            detail,
        });
    }
}

fn veto_lines(r: &Rubric, lang: Lang, lines: &mut Vec<Line>) {
    if r.vetoes.is_empty() {
        return;
    }
    lines.push(Line::Text(String::new()));
    lines.push(Line::Text(lang.pick("单项否决", "Single veto").to_string()));
    for (k, v) in r.vetoes.iter().enumerate() {
        let last = k + 1 == r.vetoes.len();
        let (br, stem) = if last {
            ("└─ ", "   ")
        } else {
            ("├─ ", "│  ")
        };
        let detail = common_detail(&v.common, lang)
            .trim_start_matches(" · ")
            .to_string();
        lines.push(Line::Row {
            left: format!("{br}{} [{}]", v.common.name, v.common.id),
            detail,
        });
        for reason in &v.reasons {
            lines.push(Line::Text(format!("{stem}· {reason}")));
        }
    }
}

fn align(lines: &[Line]) -> String {
    let width = lines
        .iter()
        .filter_map(|l| match l {
            Line::Row { left, .. } => Some(left.width()),
            Line::Text(_) => None,
        })
        .max()
        .unwrap_or(0);
    let mut out = String::new();
    for l in lines {
        match l {
            Line::Text(s) => out.push_str(s),
            Line::Row { left, detail } => {
                out.push_str(left);
                if !detail.is_empty() {
                    out.push_str(&" ".repeat(width - left.width() + 2));
                    out.push_str(detail.trim_start_matches(" · "));
                }
            }
        }
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::rubric::parse;

    const SRC: &str = r#"Rubric(id: "t", name: "测试", version: "1", total: 10, pass_mark: 6,
        grades: [("合格", 6), ("不合格", 0)],
        categories: [Category(id: "fit", name: "职能契合", weight: 10, indicators: [
            Range(id: "pos", name: "定位", max: 6, step: 1, levels: [("优", 6), ("差", 1)]),
            Deduct(id: "off", name: "发布无关信息", per: 1, cap: 3),
            Check(id: "ipv6", name: "IPv6", points: 2, platforms: [App], when_not_applicable: Zero),
        ])],
        bonus: [Bonus(id: "orig", name: "原创", per: 1, cap: 2, gate: 8)],
        vetoes: [Veto(id: "stale", name: "内容不更新", reasons: ["两周无更新"], rule: "no_update")])"#;

    #[test]
    fn shows_kinds_points_scaling_and_vetoes() {
        let r = parse(SRC, "t.ron").expect("valid");
        let zh = render_tree(&r, Lang::Zh);
        assert!(zh.contains("区间 6 分 · 0–6 步长 1 · 优 6 / 差 1"), "{zh}");
        assert!(zh.contains("扣分 3 分 · 每次 −1 · 上限 3"), "{zh}");
        assert!(zh.contains("平台: 移动客户端 · 不适用: 计零分"), "{zh}");
        assert!(zh.contains("(指标合计 11 分,按权重 10 折算)"), "{zh}");
        assert!(zh.contains("基础分高于8分计加分"), "{zh}");
        assert!(
            zh.contains("规则: 6分及以上合格；基础分高于8分计加分"),
            "{zh}"
        );
        assert!(zh.contains("· 两周无更新"), "{zh}");
        let en = render_tree(&r, Lang::En);
        assert!(en.contains("Deduct 3 pts · per −1 · cap 3"), "{en}");
        assert!(en.contains("scaled to the weight 10"), "{en}");
    }

    #[test]
    fn details_start_in_one_display_column() {
        let r = parse(SRC, "t.ron").expect("valid");
        let out = render_tree(&r, Lang::Zh);
        let cols: Vec<usize> = out
            .lines()
            .filter(|l| l.contains(" [pos]") || l.contains(" [off]") || l.contains(" [ipv6]"))
            .map(|l| {
                let i = l
                    .find("  区间")
                    .or(l.find("  扣分"))
                    .or(l.find("  判断"))
                    .expect("detail");
                l[..i].width()
            })
            .collect();
        assert_eq!(cols.len(), 3);
        assert!(cols.iter().all(|c| *c == cols[0]), "{out}");
    }
}
