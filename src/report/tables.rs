//! A report as typed tables (headline, groups, accounts, roll-ups) in the interface language:
//! what the table, Markdown, CSV and XLSX outputs all print, so they cannot disagree.

use super::build::Report;
use super::combine::{AccountResult, Verdict};
use super::group::GroupStats;
use super::summary::RoundSummary;
use crate::domain::figure::Figure;
use crate::i18n::Lang;
use crate::io::export::{Cell, Table};

/// A rate (a fraction at 0.1%): text and CSV print the percentage (99.3), XLSX keeps the
/// fraction with a % format (99.3%).
fn pct(x: Option<Figure>) -> Cell {
    Cell::rate(x)
}

/// 「不适用」 for a category that does not apply to an account or a group.
fn not_applicable(lang: Lang) -> Cell {
    Cell::text(lang.pick("不适用", "n/a"))
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
    row(t("未评分", "unscored"), Cell::int(s.unscored));
    row(
        t("其中进行中", "of which in progress"),
        Cell::int(s.in_progress),
    );
    row(
        t("其中未开始", "of which not started"),
        Cell::int(s.not_started),
    );
    row(t("评分不足", "below quorum"), Cell::int(s.below_quorum));
    row(t("待复核", "pending review"), Cell::int(s.pending_review));
    row(t("合格", "passed"), Cell::int(s.passed));
    row(t("不合格", "failed"), Cell::int(s.failed));
    row(t("合格率（%）", "pass rate (%)"), pct(s.pass_rate));
    row(t("平均分", "mean total"), Cell::fig(s.mean_total));
    row(t("中位数", "median total"), Cell::fig(s.median_total));
    row(t("满分账号", "full marks"), Cell::int(s.full_marks));
    row(t("单项否决", "vetoed"), Cell::int(s.vetoed));
    row(t("计分规则", "rounding"), Cell::text(s.rule_note.clone()));
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
        ("未评分", "unscored"),
        ("评分不足", "below quorum"),
        ("待复核", "pending review"),
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
            Cell::int(g.unscored),
            Cell::int(g.below_quorum),
            Cell::int(g.pending_review),
            Cell::int(g.passed),
            Cell::int(g.failed),
            pct(g.pass_rate),
            Cell::fig(s.mean),
            Cell::fig(s.median),
            Cell::fig(s.sd),
            Cell::fig(s.q1),
            Cell::fig(s.q3),
            Cell::fig(s.min),
            Cell::fig(s.max),
            Cell::int(g.full_marks),
            Cell::int(g.vetoed),
        ]);
        for c in &g.categories {
            if c.n == 0 && g.with_result > 0 {
                row.extend([not_applicable(lang), not_applicable(lang)]);
            } else {
                row.extend([Cell::fig(c.mean), pct(c.share)]);
            }
        }
        row.extend(g.grades.iter().map(|(_, n)| Cell::int(*n)));
        let reasons: Vec<String> = g
            .vetoes_by_reason
            .iter()
            .map(|(k, n)| format!("{k} ×{n}"))
            .collect();
        row.push(Cell::text(reasons.join(lang.pick("；", "; "))));
        tb.rows.push(row);
    }
    tb
}

/// The verdict or state of an account as every table prints it: 「不合格（单项否决）」 for a veto.
pub fn verdict_label(r: &AccountResult, lang: Lang) -> &'static str {
    verdict_text(r.verdict, r.vetoed(), lang)
}

/// [`verdict_label`] of a verdict and whether a veto stands.
pub fn verdict_text(verdict: Verdict, vetoed: bool, lang: Lang) -> &'static str {
    match verdict {
        Verdict::Failed if vetoed => lang.pick("不合格（单项否决）", "failed (vetoed)"),
        v => crate::i18n::figure_msg::verdict(lang, v.code()),
    }
}

/// The total as printed: the figure, 「—」 where a veto leaves no score, empty without a result.
fn total_cell(r: &AccountResult) -> Cell {
    total_of(r.total, r.has_result())
}

/// [`total_cell`] of a published total and whether the account has a final result.
pub fn total_of(total: Option<Figure>, has_result: bool) -> Cell {
    match (total, has_result) {
        (Some(t), _) => Cell::Fig(t),
        (None, true) => Cell::text("—"),
        (None, false) => Cell::Empty,
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
            Cell::text(verdict_label(s, lang)),
            total_cell(s),
            Cell::fig(s.points),
            Cell::text(s.grade.clone().unwrap_or_default()),
            Cell::int(s.evaluators.len()),
            Cell::int(s.in_progress),
            Cell::fig(s.provisional),
            st.rank.map_or(Cell::Empty, Cell::int),
        ];
        if line.group.is_empty() {
            row.push(Cell::text(lang.pick("全部", "all")));
        } else {
            row.extend(line.group.iter().map(|k| Cell::text(k.clone())));
        }
        row.extend([
            st.group_rank.map_or(Cell::Empty, Cell::int),
            Cell::fig(st.vs_mean),
            Cell::fig(st.vs_others),
            Cell::fig(st.z),
            pct(st.percentile),
            Cell::text(if st.below_average {
                lang.pick("是", "yes")
            } else {
                ""
            }),
            Cell::text(
                s.vetoes
                    .iter()
                    .map(|v| v.label(lang))
                    .collect::<Vec<_>>()
                    .join(lang.pick("；", "; ")),
            ),
        ]);
        let final_result = s.has_result() || s.points.is_some();
        // Every counted sheet was settled by its veto with items unscored: no subtotals, and
        // the categories still apply.
        let veto_alone = s.has_result() && s.vetoed() && s.points.is_none();
        row.extend(s.subtotals.iter().map(|x| match x {
            Some(f) => Cell::Fig(*f),
            None if veto_alone => Cell::text(crate::i18n::figure_msg::left_by_veto(lang)),
            None if final_result => not_applicable(lang),
            None => Cell::Empty,
        }));
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
                Cell::fig(n.value),
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
