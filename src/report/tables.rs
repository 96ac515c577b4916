//! A report as typed tables (headline, groups, accounts, roll-ups) in the interface language:
//! what the table, Markdown, CSV and XLSX outputs all print, so they cannot disagree.

use super::build::Report;
use super::combine::Verdict;
use super::group::GroupStats;
use super::summary::RoundSummary;
use crate::i18n::Lang;
use crate::io::export::{Cell, Table};

/// Decimals for totals and means.
pub const DP: usize = 2;

/// A share in [0, 1]: a percentage at one decimal (XLSX keeps the fraction with a % format).
fn pct(x: Option<f64>) -> Cell {
    Cell::rate(x, 1)
}

/// The headline as a two-column table.
pub fn headline_table(s: &RoundSummary, lang: Lang) -> Table {
    let t = |zh: &str, en: &str| lang.pick(zh, en).to_string();
    let mut tb = Table::new(
        t("汇总", "Summary"),
        vec![t("项目", "item"), t("数值", "value")],
    );
    let mut row = |k: String, v: Cell| tb.rows.push(vec![Cell::Text(k), v]);
    row(t("轮次", "round"), Cell::text(s.round.clone()));
    if s.calibration {
        let mark = crate::i18n::panel_msg::calibration_mark(lang);
        row(t("轮次类型", "kind of round"), Cell::text(mark.to_string()));
    }
    row(
        t("评估表", "rubric"),
        Cell::text(format!("{} {}", s.rubric, s.rubric_version)),
    );
    row(
        t("监测日期", "monitoring date"),
        Cell::Date(s.monitoring_date),
    );
    row(
        t(
            "计入的评估人（已完成或已提交）",
            "counted evaluators (complete or submitted)",
        ),
        Cell::text(s.evaluators.join(", ")),
    );
    row(
        t("计入的评分表（份）", "counted sheets"),
        Cell::int(s.sheets_counted),
    );
    row(
        t("多人合成", "evaluators combined by"),
        Cell::text(s.combine.name(lang)),
    );
    row(t("账号", "accounts"), Cell::int(s.accounts));
    row(t("有结果", "with a result"), Cell::int(s.with_result));
    row(t("进行中", "in progress"), Cell::int(s.in_progress));
    row(t("未开始", "not started"), Cell::int(s.not_started));
    row(t("合格", "passed"), Cell::int(s.passed));
    row(t("不合格", "failed"), Cell::int(s.failed));
    row(t("合格率（%）", "pass rate (%)"), pct(s.pass_rate));
    row(t("平均分", "mean total"), Cell::num(s.mean_total, DP));
    row(t("中位数", "median total"), Cell::num(s.median_total, DP));
    row(t("满分账号", "full marks"), Cell::int(s.full_marks));
    row(t("单项否决", "vetoed"), Cell::int(s.vetoed));
    tb
}

fn dims_header(r: &Report, lang: Lang) -> Vec<String> {
    if r.by.is_empty() {
        vec![lang.pick("范围", "scope").into()]
    } else {
        r.by.iter().map(|d| d.label(lang)).collect()
    }
}

/// One row per group (the whole round when no dimension is given).
pub fn group_table(r: &Report, lang: Lang) -> Table {
    let t = |zh: &str, en: &str| lang.pick(zh, en).to_string();
    let mut header = dims_header(r, lang);
    for (zh, en) in [
        ("账号", "accounts"),
        ("有结果", "with result"),
        ("进行中", "in progress"),
        ("合格", "passed"),
        ("不合格", "failed"),
        ("合格率%", "pass rate %"),
        ("平均分", "mean"),
        ("中位数", "median"),
        ("标准差", "SD"),
        ("下四分位", "Q1"),
        ("上四分位", "Q3"),
        ("最低", "min"),
        ("最高", "max"),
        ("满分", "full marks"),
        ("否决", "vetoed"),
    ] {
        header.push(t(zh, en));
    }
    for c in &r.scheme.categories {
        header.push(format!("{}{}", c.name, t("均分", " mean")));
        header.push(format!("{}{}", c.name, t("得分率%", " share %")));
    }
    // Grades by name ("等级：合格"): a rubric whose grades are 合格/不合格 would otherwise print
    // the verdict counts' headers twice.
    for (g, _) in &r.overall.grades {
        header.push(format!("{}{g}", t("等级：", "grade: ")));
    }
    header.push(t("否决原因", "vetoes by reason"));
    let mut tb = Table::new(t("分组", "Groups"), header);
    let groups: Vec<&GroupStats> = if r.by.is_empty() {
        vec![&r.overall]
    } else {
        r.groups.iter().collect()
    };
    for g in groups {
        let mut row: Vec<Cell> = if g.key.is_empty() {
            vec![Cell::text(lang.pick("全部", "all"))]
        } else {
            g.key.iter().map(|k| Cell::text(k.clone())).collect()
        };
        let s = &g.spread;
        row.extend([
            Cell::int(g.accounts),
            Cell::int(g.with_result),
            Cell::int(g.in_progress),
            Cell::int(g.passed),
            Cell::int(g.failed),
            pct(g.pass_rate),
            Cell::num(s.mean, DP),
            Cell::num(s.median, DP),
            Cell::num(s.sd, DP),
            Cell::num(s.q1, DP),
            Cell::num(s.q3, DP),
            Cell::num(s.min, DP),
            Cell::num(s.max, DP),
            Cell::int(g.full_marks),
            Cell::int(g.vetoed),
        ]);
        for c in &g.categories {
            row.push(Cell::num(c.mean, DP));
            row.push(pct(c.share));
        }
        row.extend(g.grades.iter().map(|(_, n)| Cell::int(*n)));
        let reasons: Vec<String> = g
            .vetoes_by_reason
            .iter()
            .map(|(k, n)| format!("{k} ×{n}"))
            .collect();
        row.push(Cell::text(reasons.join("; ")));
        tb.rows.push(row);
    }
    tb
}

fn verdict_label(v: Verdict, lang: Lang) -> &'static str {
    match v {
        Verdict::Passed => lang.pick("合格", "passed"),
        Verdict::Failed => lang.pick("不合格", "failed"),
        Verdict::Unfinished => lang.pick("未完成", "unfinished"),
    }
}

/// One row per account: result, standing in its group and the round, category subtotals.
pub fn account_table(r: &Report, lang: Lang) -> Table {
    let t = |zh: &str, en: &str| lang.pick(zh, en).to_string();
    let mut header: Vec<String> = [
        ("编号", "id"),
        ("账号名称", "account"),
        ("平台", "platform"),
        ("主办单位", "host unit"),
        ("层级", "level"),
        ("地区", "region"),
        ("结论", "verdict"),
        ("总分", "total"),
        ("否决前得分", "points before veto"),
        ("等级", "grade"),
        ("计入评估人", "counted sheets"),
        ("进行中", "in progress"),
        ("暂计分", "provisional"),
        ("全轮排名", "rank"),
    ]
    .iter()
    .map(|(z, e)| t(z, e))
    .collect();
    header.extend(
        dims_header(r, lang)
            .into_iter()
            .map(|d| format!("{}:{d}", t("分组", "group"))),
    );
    for (zh, en) in [
        ("组内排名", "group rank"),
        ("与组均分差", "vs group mean"),
        ("与组内其他均分差", "vs rest of group"),
        ("z分数", "z-score"),
        ("百分位", "percentile"),
        ("低于平均", "below average"),
        ("否决原因", "vetoes"),
    ] {
        header.push(t(zh, en));
    }
    header.extend(r.scheme.categories.iter().map(|c| c.name.clone()));
    let mut tb = Table::new(t("账号", "Accounts"), header);
    for line in &r.accounts {
        let (a, s, st) = (&line.result.account, &line.result, &line.standing);
        let mut row = vec![
            Cell::Int(a.id),
            Cell::text(a.name.clone()),
            Cell::text(lang.pick(a.platform.label_zh(), a.platform.label_en())),
            Cell::text(a.unit.clone()),
            Cell::text(lang.pick(a.level.label_zh(), a.level.label_en())),
            Cell::text(a.region.clone()),
            Cell::text(verdict_label(s.verdict, lang)),
            Cell::num(s.total, DP),
            Cell::num(s.points, DP),
            Cell::text(s.grade.clone().unwrap_or_default()),
            Cell::int(s.evaluators.len()),
            Cell::int(s.in_progress),
            Cell::num(s.provisional, DP),
            st.rank.map_or(Cell::Empty, Cell::int),
        ];
        if line.group.is_empty() {
            row.push(Cell::text(lang.pick("全部", "all")));
        } else {
            row.extend(line.group.iter().map(|k| Cell::text(k.clone())));
        }
        row.extend([
            st.group_rank.map_or(Cell::Empty, Cell::int),
            Cell::num(st.vs_mean, DP),
            Cell::num(st.vs_others, DP),
            Cell::num(st.z, DP),
            pct(st.percentile),
            Cell::text(if st.below_average {
                lang.pick("是", "yes")
            } else {
                ""
            }),
            Cell::text(
                s.vetoes
                    .iter()
                    .map(|v| v.label())
                    .collect::<Vec<_>>()
                    .join("; "),
            ),
        ]);
        row.extend(s.subtotals.iter().map(|x| Cell::Num(*x, DP)));
        tb.rows.push(row);
    }
    tb
}

/// One row per roll-up node, deepest level first.
pub fn rollup_table(r: &Report, lang: Lang) -> Table {
    let t = |zh: &str, en: &str| lang.pick(zh, en).to_string();
    let header = vec![
        t("层数", "depth"),
        t("地区", "region"),
        t("计入下级", "children counted"),
        t("得分", "value"),
        t("含否决", "vetoed below"),
    ];
    let mut tb = Table::new(t("上卷", "Roll-ups"), header);
    for level in &r.rollups {
        for n in &level.nodes {
            tb.rows.push(vec![
                Cell::int(level.depth),
                Cell::text(n.region.clone()),
                Cell::int(n.children),
                Cell::num(n.value, DP),
                Cell::text(if n.vetoed {
                    lang.pick("是", "yes")
                } else {
                    ""
                }),
            ]);
        }
    }
    tb
}

/// A table as Markdown (every cell escaped: a name never becomes markup).
pub fn markdown(t: &Table) -> String {
    let esc = crate::io::document::md::escape;
    let mut out = format!(
        "| {} |\n",
        t.header
            .iter()
            .map(|h| esc(h))
            .collect::<Vec<_>>()
            .join(" | ")
    );
    out.push_str(&format!("|{}\n", " --- |".repeat(t.header.len())));
    for row in t.text_rows() {
        out.push_str(&format!(
            "| {} |\n",
            row.iter().map(|c| esc(c)).collect::<Vec<_>>().join(" | ")
        ));
    }
    out
}

/// Rounds the numbers of a report's JSON for publication: fractions (`pass_rate`, `share`,
/// `percentile`) to 4 decimals, every other non-integer (totals, means, SD, quartiles, z,
/// differences) to 2, as bulletins print them. Integers are left alone.
pub fn round_json(v: &mut serde_json::Value) {
    round_in(v, 2);
}

fn round_in(v: &mut serde_json::Value, dp: i32) {
    use serde_json::Value;
    match v {
        Value::Number(n) if n.is_f64() => {
            if let Some(x) = n.as_f64() {
                // The one rounding rule (half-up, decimal-correct), as totals are published.
                let r = crate::domain::precision::round_half_up(x, dp as u32);
                if let Some(num) = serde_json::Number::from_f64(if r == 0.0 { 0.0 } else { r }) {
                    *n = num;
                }
            }
        }
        Value::Array(a) => a.iter_mut().for_each(|x| round_in(x, dp)),
        Value::Object(m) => {
            for (k, x) in m.iter_mut() {
                let d = if matches!(k.as_str(), "pass_rate" | "share" | "percentile") {
                    4
                } else {
                    2
                };
                round_in(x, d);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn json_numbers_are_rounded_for_publication() {
        let mut v = serde_json::json!({"pass_rate": 0.9932584269662922, "mean": 96.84419475654832,
            "accounts": 445, "groups": [{"share": 0.96991379, "z": -1.0404107}]});
        super::round_json(&mut v);
        assert_eq!(
            v,
            serde_json::json!({"pass_rate": 0.9933, "mean": 96.84, "accounts": 445,
                "groups": [{"share": 0.9699, "z": -1.04}]})
        );
    }
}
