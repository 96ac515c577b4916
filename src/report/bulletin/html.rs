//! The bulletin as one self-contained HTML file: inline CSS and SVG charts, no external
//! resources, so it opens offline; tables repeat their header and never split a row on A4.

use std::fmt::Write;

use super::{Bulletin, Words, category_mean, key, num, param, percent};
use crate::domain::figure::Figure;
use crate::i18n::Lang;
use crate::report::GroupStats;
use crate::report::svg::{Bar, bars, esc, histogram};

const CSS: &str = r#"
@page { size: A4 portrait; margin: 16mm 14mm; }
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", "SimSun", sans-serif;
       color: #1b1b1b; max-width: 180mm; margin: 0 auto; padding: 8mm 0; line-height: 1.6; font-size: 11pt; }
h1 { font-size: 17pt; text-align: center; margin: 0 0 2mm; }
.meta { text-align: center; color: #555; font-size: 9.5pt; margin-bottom: 6mm; }
h2 { font-size: 13pt; border-bottom: 1px solid #999; margin: 7mm 0 3mm; break-after: avoid; }
h3 { font-size: 11.5pt; margin: 5mm 0 2mm; break-after: avoid; }
p { text-indent: 2em; margin: 0 0 3mm; }
table { border-collapse: collapse; width: 100%; margin: 2mm 0 4mm; font-size: 9.5pt; }
thead { display: table-header-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
th, td { border: 1px solid #888; padding: 1mm 2mm; text-align: left; vertical-align: top; }
th { background: #eef1f5; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
.charts { display: flex; flex-wrap: wrap; gap: 4mm; }
svg.chart { max-width: 100%; height: auto; break-inside: avoid; }
svg .ct { font-size: 12px; font-weight: bold; fill: #1b1b1b; }
svg .cl, svg .cn { font-size: 11px; fill: #333; }
svg .cb { fill: #3f6fb5; }
.none { color: #666; }
@media print { body { padding: 0; } }
"#;

/// Renders the bulletin as a complete HTML document.
pub fn render_html(b: &Bulletin, lang: Lang) -> String {
    let w = Words { lang };
    let mut s = String::with_capacity(32 * 1024);
    let title = match lang {
        Lang::Zh => format!("关于「{}」政务新媒体检查情况的通报", b.round),
        Lang::En => format!("Bulletin: government new-media check \"{}\"", b.round),
    };
    let _ = writeln!(
        s,
        "<!DOCTYPE html>\n<html lang=\"{}\"><head><meta charset=\"utf-8\"><title>{}</title><style>{CSS}</style></head><body>\n<h1>{}</h1>\n<div class=\"meta\">{} {} · {} {} · {} {}</div>",
        w.t("zh-CN", "en"),
        esc(&title),
        esc(&title),
        w.t("评估体系", "Rubric"),
        esc(&b.rubric),
        w.t("监测时间点", "Monitoring date"),
        esc(&b.monitoring_date),
        w.t("评估人", "Evaluators"),
        esc(&b.evaluators.join("、")),
    );
    let _ = writeln!(
        s,
        "<h2>{}</h2>\n<p>{}</p>",
        w.t("一、总体情况", "1. Overview"),
        esc(&w.overview(b))
    );
    s.push_str(&group_table(&w, w.t("按层级", "By level"), &b.by_level));
    s.push_str(&group_table(
        &w,
        w.t("按平台类型", "By platform"),
        &b.by_platform,
    ));
    s.push_str(&charts(&w, b));
    failures(&mut s, &w, b);
    full_marks(&mut s, &w, b);
    units(&mut s, &w, b);
    categories(&mut s, &w, b);
    if let Some(o) = &b.operations {
        super::ops::html(&mut s, o, lang, esc);
    }
    if let Some(c) = &b.chain_head {
        s.push_str(&format!(
            "<footer class=\"chain\"><small>{}</small></footer>\n",
            esc(&c.line(lang))
        ));
    }
    s.push_str("</body></html>\n");
    s
}

fn group_table(w: &Words, title: &str, groups: &[GroupStats]) -> String {
    let mut s = format!("<h3>{}</h3>\n<table><thead><tr>", esc(title));
    let heads = [
        (w.t("类别", "Group"), false),
        (w.t("账号数", "Accounts"), true),
        (w.t("已评", "With result"), true),
        (w.t("合格", "Passed"), true),
        (w.t("不合格", "Failed"), true),
        (w.t("合格率", "Pass rate"), true),
        (w.t("平均分", "Mean"), true),
        (w.t("满分", "Full marks"), true),
    ];
    for (h, n) in heads {
        let _ = write!(
            s,
            "<th{}>{}</th>",
            if n { " class=\"n\"" } else { "" },
            esc(h)
        );
    }
    s.push_str("</tr></thead><tbody>\n");
    for g in groups {
        let _ = writeln!(
            s,
            "<tr><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>",
            esc(&key(g)),
            g.accounts,
            g.with_result,
            g.passed,
            g.failed,
            percent(g.pass_rate),
            num(g.spread.mean),
            g.full_marks
        );
    }
    s.push_str("</tbody></table>\n");
    s
}

fn charts(w: &Words, b: &Bulletin) -> String {
    let none = w.t("暂无数据", "No data");
    let count_bars = |gs: &[GroupStats]| -> Vec<Bar> {
        gs.iter()
            .map(|g| Bar {
                label: key(g),
                value: g.accounts as f64,
                note: format!("{} · {}", g.accounts, percent(g.pass_rate)),
            })
            .collect()
    };
    let cats: Vec<Bar> = b
        .overall
        .categories
        .iter()
        .map(|c| Bar {
            label: c.name.clone(),
            value: c.share.map_or(0.0, Figure::to_f64),
            note: format!("{} / {}", num(c.mean), param(c.weight)),
        })
        .collect();
    let mut s = String::from("<div class=\"charts\">\n");
    s.push_str(&bars(
        w.t("各层级账号数与合格率", "Accounts and pass rate by level"),
        &count_bars(&b.by_level),
        None,
        none,
    ));
    s.push_str(&bars(
        w.t("各平台账号数与合格率", "Accounts and pass rate by platform"),
        &count_bars(&b.by_platform),
        None,
        none,
    ));
    s.push_str(&bars(
        w.t("各维度平均得分率", "Category means (share of weight)"),
        &cats,
        Some(1.0),
        none,
    ));
    let totals: Vec<f64> = b.totals.iter().map(|t| t.to_f64()).collect();
    let top = b.full.max(totals.iter().copied().fold(0.0, f64::max));
    let hi = ((top / 10.0).ceil() * 10.0).max(10.0);
    s.push_str(&histogram(
        w.t("总分分布", "Distribution of totals"),
        &totals,
        0.0,
        hi,
        10.0,
        none,
    ));
    s.push_str("</div>\n");
    s
}

fn failures(s: &mut String, w: &Words, b: &Bulletin) {
    let _ = writeln!(
        s,
        "<h2>{}</h2>",
        w.t("二、不合格账号", "2. Failed accounts")
    );
    if b.failures.is_empty() {
        let _ = writeln!(s, "<p class=\"none\">{}</p>", esc(&w.no_failures(b)));
        return;
    }
    let _ = writeln!(
        s,
        "<table><thead><tr><th>{}</th><th>{}</th><th>{}</th><th class=\"n\">{}</th><th>{}</th></tr></thead><tbody>",
        w.t("账号", "Account"),
        w.t("平台", "Platform"),
        w.t("主办单位", "Host unit"),
        w.t("得分", "Total"),
        w.t("原因", "Reason")
    );
    for f in &b.failures {
        let reason = w.failure_reason(b, f);
        let _ = writeln!(
            s,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td class=\"n\">{}</td><td>{}</td></tr>",
            esc(&f.name),
            esc(w.lang.pick(f.platform.label_zh(), f.platform.label_en())),
            esc(&f.unit),
            num(f.total),
            esc(&reason)
        );
    }
    s.push_str("</tbody></table>\n");
}

fn full_marks(s: &mut String, w: &Words, b: &Bulletin) {
    let _ = writeln!(
        s,
        "<h2>{}</h2>",
        w.t("三、满分账号", "3. Accounts at full marks")
    );
    let _ = writeln!(
        s,
        "<p>{}</p>",
        esc(&match w.lang {
            Lang::Zh => format!(
                "共{}个账号得分达到满分（{}分）。",
                b.full_marks.len(),
                param(b.full)
            ),
            Lang::En => format!(
                "{} accounts scored full marks ({}).",
                b.full_marks.len(),
                param(b.full)
            ),
        })
    );
    if b.full_marks.is_empty() {
        return;
    }
    let _ = writeln!(
        s,
        "<table><thead><tr><th>{}</th><th>{}</th><th>{}</th></tr></thead><tbody>",
        w.t("账号", "Account"),
        w.t("平台", "Platform"),
        w.t("主办单位", "Host unit")
    );
    for f in &b.full_marks {
        let _ = writeln!(
            s,
            "<tr><td>{}</td><td>{}</td><td>{}</td></tr>",
            esc(&f.name),
            esc(&f.platform),
            esc(&f.unit)
        );
    }
    s.push_str("</tbody></table>\n");
}

fn units(s: &mut String, w: &Words, b: &Bulletin) {
    let _ = writeln!(s, "<h2>{}</h2>", w.t("四、主办单位", "4. Host units"));
    for (title, list) in [
        (
            w.t("平均分最高的单位", "Strongest host units (highest mean)"),
            &b.strongest_units,
        ),
        (
            w.t("平均分最低的单位", "Weakest host units (lowest mean)"),
            &b.weakest_units,
        ),
    ] {
        s.push_str(&group_table(w, title, list));
    }
}

fn categories(s: &mut String, w: &Words, b: &Bulletin) {
    let _ = writeln!(s, "<h2>{}</h2>", w.t("五、分维度情况", "5. By category"));
    for (i, c) in b.overall.categories.iter().enumerate() {
        let _ = writeln!(
            s,
            "<h3>{}（{} {}）</h3>\n<table><thead><tr><th>{}</th><th class=\"n\">{}</th><th class=\"n\">{}</th></tr></thead><tbody>",
            esc(&c.name),
            w.t("权重", "weight"),
            param(c.weight),
            w.t("层级", "Level"),
            w.t("平均得分", "Mean"),
            w.t("得分率", "Share")
        );
        for g in &b.categories_by_level {
            let label = if g.key.is_empty() {
                w.t("全部", "All").to_string()
            } else {
                key(g)
            };
            let (mean, share) = category_mean(g, i, w.lang);
            let _ = writeln!(
                s,
                "<tr><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>",
                esc(&label),
                esc(&mean),
                esc(&share)
            );
        }
        s.push_str("</tbody></table>\n");
    }
}
