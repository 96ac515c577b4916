//! Rendering of the operations report: aligned table, JSON, CSV (Excel-safe) and Markdown.

use crate::domain::ops::report::{OpsReport, OpsRow};
use crate::i18n::Lang;

use super::ops::OpsFormat;

fn flag_label(f: &str, lang: Lang) -> &'static str {
    match (f, lang) {
        ("dormant", Lang::Zh) => "睡眠",
        ("zombie", Lang::Zh) => "僵尸",
        ("below_average", Lang::Zh) => "低于平均",
        ("under_floor", Lang::Zh) => "更新不足",
        ("no_interaction", Lang::Zh) => "无互动",
        ("dormant", _) => "dormant",
        ("zombie", _) => "zombie",
        ("below_average", _) => "below average",
        ("under_floor", _) => "under floor",
        ("no_interaction", _) => "no interaction",
        _ => "?",
    }
}

fn header(lang: Lang) -> [&'static str; 11] {
    match lang {
        Lang::Zh => [
            "标记",
            "平台",
            "账号",
            "分组",
            "指数",
            "组均值",
            "差值",
            "连续低于(当前/最长)",
            "平均指数",
            "最后发布",
            "最长间隔(天)",
        ],
        Lang::En => [
            "flags",
            "platform",
            "account",
            "group",
            "index",
            "group mean",
            "diff",
            "streak (now/longest)",
            "mean index",
            "last post",
            "longest gap (days)",
        ],
    }
}

fn cells(r: &OpsRow, lang: Lang, codes: bool) -> Vec<String> {
    let flags: Vec<&str> = r
        .flags
        .iter()
        .map(|f| if codes { f } else { flag_label(f, lang) })
        .collect();
    let st = r.standing.as_ref();
    vec![
        flags.join(if codes { ";" } else { "、" }),
        r.platform.to_string(),
        r.name.clone(),
        r.group.clone(),
        format!("{:.4}", r.index),
        st.map_or(String::new(), |s| format!("{:.4}", s.mean)),
        st.map_or(String::new(), |s| format!("{:+.4}", s.diff)),
        format!("{}/{}", r.streak.current, r.streak.longest),
        format!("{:.4}", r.mean_index),
        r.activity.last_post.map_or("-".into(), |d| d.to_string()),
        r.activity.longest_gap.to_string(),
    ]
}

fn findings(rep: &OpsReport, lang: Lang) -> String {
    use crate::domain::ops::activity::Finding;
    let mut out = String::new();
    for f in &rep.findings {
        let line = match (f, lang) {
            (
                Finding::CountyOverLimit {
                    county,
                    accounts,
                    limit,
                },
                Lang::Zh,
            ) => {
                format!("整合建议：{county} 有 {accounts} 个账号，超过 {limit} 个")
            }
            (
                Finding::CountyOverLimit {
                    county,
                    accounts,
                    limit,
                },
                Lang::En,
            ) => {
                format!("consolidation: {county} has {accounts} accounts, more than {limit}")
            }
            (
                Finding::DuplicateUnit {
                    unit,
                    platform,
                    accounts,
                },
                Lang::Zh,
            ) => {
                format!(
                    "整合建议：{unit} 在 {platform} 有 {} 个账号（{}）",
                    accounts.len(),
                    accounts.join("、")
                )
            }
            (
                Finding::DuplicateUnit {
                    unit,
                    platform,
                    accounts,
                },
                Lang::En,
            ) => {
                format!(
                    "consolidation: {unit} has {} accounts on {platform} ({})",
                    accounts.len(),
                    accounts.join(", ")
                )
            }
        };
        out += &line;
        out.push('\n');
    }
    out
}

/// The report in the chosen format.
pub fn render(rep: &OpsReport, format: OpsFormat, lang: Lang) -> anyhow::Result<String> {
    let h = header(lang);
    Ok(match format {
        OpsFormat::Json => super::output::json(rep)? + "\n",
        OpsFormat::Csv => {
            let rows: Vec<Vec<String>> =
                rep.accounts.iter().map(|r| cells(r, lang, true)).collect();
            super::output::csv(&h, &rows)?
        }
        OpsFormat::Table => {
            let rows: Vec<Vec<String>> =
                rep.accounts.iter().map(|r| cells(r, lang, false)).collect();
            let flagged = rep.accounts.iter().filter(|r| !r.flags.is_empty()).count();
            let head = match lang {
                Lang::Zh => format!(
                    "{} 至 {}，{} 周，{} 个账号，{} 个有标记\n",
                    rep.from,
                    rep.to,
                    rep.weeks.len(),
                    rep.accounts.len(),
                    flagged
                ),
                Lang::En => format!(
                    "{} to {}, {} weeks, {} accounts, {} flagged\n",
                    rep.from,
                    rep.to,
                    rep.weeks.len(),
                    rep.accounts.len(),
                    flagged
                ),
            };
            head + &super::output::table(&h, &rows) + &findings(rep, lang)
        }
        OpsFormat::Md => {
            let mut out = format!("| {} |\n|{}\n", h.join(" | "), "---|".repeat(h.len()));
            for r in &rep.accounts {
                let c: Vec<String> = cells(r, lang, false)
                    .iter()
                    .map(|c| c.replace('|', "\\|"))
                    .collect();
                out += &format!("| {} |\n", c.join(" | "));
            }
            let f = findings(rep, lang);
            if !f.is_empty() {
                out += "\n";
                for l in f.lines() {
                    out += &format!("- {l}\n");
                }
            }
            out
        }
    })
}
