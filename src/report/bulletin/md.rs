//! The bulletin as Markdown: the same sections as the HTML, tables in GitHub style.

use std::fmt::Write;

use super::{Bulletin, Words, category_mean, key, num, param, percent};
use crate::i18n::Lang;
use crate::report::GroupStats;

/// Escapes the characters that would break a Markdown table cell or start markup.
fn cell(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '|' => "\\|".to_string(),
            '\n' | '\r' => " ".to_string(),
            '*' | '_' | '`' | '[' | ']' | '<' | '>' => format!("\\{c}"),
            c if c.is_control() => "\u{FFFD}".to_string(),
            c => c.to_string(),
        })
        .collect()
}

pub fn render_md(b: &Bulletin, lang: Lang) -> String {
    let w = Words { lang };
    let mut s = String::new();
    let _ = match lang {
        Lang::Zh => writeln!(s, "# 关于「{}」政务新媒体检查情况的通报\n", cell(&b.round)),
        Lang::En => writeln!(
            s,
            "# Bulletin: government new-media check \"{}\"\n",
            cell(&b.round)
        ),
    };
    let _ = writeln!(
        s,
        "{} {} · {} {} · {} {}\n",
        w.t("评估体系", "Rubric"),
        cell(&b.rubric),
        w.t("监测时间点", "Monitoring date"),
        b.monitoring_date,
        w.t("评估人", "Evaluators"),
        cell(&b.evaluators.join("、"))
    );
    let _ = writeln!(
        s,
        "## {}\n\n{}\n",
        w.t("一、总体情况", "1. Overview"),
        cell(&w.overview(b))
    );
    groups(&mut s, &w, w.t("按层级", "By level"), &b.by_level);
    groups(&mut s, &w, w.t("按平台类型", "By platform"), &b.by_platform);
    let _ = writeln!(s, "## {}\n", w.t("二、不合格账号", "2. Failed accounts"));
    if b.failures.is_empty() {
        let _ = writeln!(s, "{}\n", w.no_failures(b));
    } else {
        let _ = writeln!(
            s,
            "| {} | {} | {} | {} | {} |\n|---|---|---|---:|---|",
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
                "| {} | {} | {} | {} | {} |",
                cell(&f.name),
                lang.pick(f.platform.label_zh(), f.platform.label_en()),
                cell(&f.unit),
                num(f.total),
                cell(&reason)
            );
        }
        s.push('\n');
    }
    let _ = writeln!(
        s,
        "## {}\n",
        w.t("三、满分账号", "3. Accounts at full marks")
    );
    let _ = writeln!(
        s,
        "{}\n",
        match lang {
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
        }
    );
    for f in &b.full_marks {
        let _ = writeln!(
            s,
            "- {}（{} · {}）",
            cell(&f.name),
            cell(&f.platform),
            cell(&f.unit)
        );
    }
    if !b.full_marks.is_empty() {
        s.push('\n');
    }
    let _ = writeln!(s, "## {}\n", w.t("四、主办单位", "4. Host units"));
    groups(
        &mut s,
        &w,
        w.t("平均分最高的单位", "Strongest host units (highest mean)"),
        &b.strongest_units,
    );
    groups(
        &mut s,
        &w,
        w.t("平均分最低的单位", "Weakest host units (lowest mean)"),
        &b.weakest_units,
    );
    let _ = writeln!(s, "## {}\n", w.t("五、分维度情况", "5. By category"));
    for (i, c) in b.overall.categories.iter().enumerate() {
        let _ = writeln!(
            s,
            "### {}（{} {}）\n\n| {} | {} | {} |\n|---|---:|---:|",
            cell(&c.name),
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
            let (mean, share) = category_mean(g, i, lang);
            let _ = writeln!(s, "| {} | {} | {} |", cell(&label), mean, share);
        }
        s.push('\n');
    }
    if let Some(o) = &b.operations {
        super::ops::md(&mut s, o, lang, cell);
    }
    if let Some(c) = &b.chain_head {
        let _ = writeln!(s, "---\n\n<small>{}</small>", cell(&c.line(lang)));
    }
    s
}

fn groups(s: &mut String, w: &Words, title: &str, gs: &[GroupStats]) {
    let _ = writeln!(
        s,
        "### {}\n\n| {} | {} | {} | {} | {} | {} | {} | {} |\n|---|---:|---:|---:|---:|---:|---:|---:|",
        title,
        w.t("类别", "Group"),
        w.t("账号数", "Accounts"),
        w.t("已评", "With result"),
        w.t("合格", "Passed"),
        w.t("不合格", "Failed"),
        w.t("合格率", "Pass rate"),
        w.t("平均分", "Mean"),
        w.t("满分", "Full marks")
    );
    for g in gs {
        let _ = writeln!(
            s,
            "| {} | {} | {} | {} | {} | {} | {} | {} |",
            cell(&key(g)),
            g.accounts,
            g.with_result,
            g.passed,
            g.failed,
            percent(g.pass_rate),
            num(g.spread.mean),
            g.full_marks
        );
    }
    s.push('\n');
}
