//! `assay annual` and its output: a table of accounts (per-round totals, weighted annual score), the
//! host units, and every veto of the year; as a terminal table, JSON, CSV, Markdown or XLSX.

use std::path::{Path, PathBuf};

use anyhow::Context;
use clap::{Args, ValueEnum};

use super::sheet::loaded;
use crate::i18n::{Lang, panel_msg};
use crate::report::annual::Annual;
use crate::report::bulletin::num;
use crate::storage::{Round, Store};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum AnnualFormat {
    Table,
    Json,
    Csv,
    Md,
    Xlsx,
}

#[derive(Debug, Args)]
pub struct AnnualArgs {
    /// The year whose rounds (by monitoring date) are combined
    #[arg(long)]
    pub year: i32,
    /// Weight per round, ROUND=W,… (round id or name; default: equal weights)
    #[arg(long)]
    pub weights: Option<String>,
    /// Output format
    #[arg(long, value_enum, default_value_t = AnnualFormat::Table)]
    pub format: AnnualFormat,
    /// Output file (default: standard output; required for xlsx)
    #[arg(long)]
    pub out: Option<PathBuf>,
}

/// `assay annual`.
pub fn annual(store: &mut Store, args: &AnnualArgs, lang: Lang) -> anyhow::Result<()> {
    use crate::report::annual::{YearRound, annual, parse_weights};
    use chrono::Datelike;
    let weights = match &args.weights {
        Some(w) => parse_weights(w).map_err(|e| anyhow::anyhow!("--weights {e}"))?,
        None => Vec::new(),
    };
    let year: Vec<Round> = store
        .rounds()?
        .into_iter()
        .filter(|r| r.monitoring_date.year() == args.year)
        .collect();
    let (rounds, practice) = live_rounds(store, year)?;
    if let Some(r) = practice.iter().find(|r| {
        weights
            .iter()
            .any(|(k, _)| *k == r.name || *k == r.id.to_string())
    }) {
        anyhow::bail!("{}", panel_msg::calibration_weighted(lang, &r.name));
    }
    if !practice.is_empty() {
        let names: Vec<String> = practice.iter().map(|r| r.name.clone()).collect();
        eprintln!("{}", panel_msg::calibration_left_out(lang, &names));
    }
    if rounds.is_empty() {
        anyhow::bail!(
            "{}",
            match lang {
                Lang::Zh => format!(
                    "{} 年没有监测时间点在该年的评估轮次；用 `assay round list` 查看各轮次的日期",
                    args.year
                ),
                Lang::En => format!(
                    "no round has its monitoring date in {}; see `assay round list` for the dates",
                    args.year
                ),
            }
        );
    }
    for (k, _) in &weights {
        if !rounds
            .iter()
            .any(|r| r.name == *k || r.id.to_string() == *k)
        {
            anyhow::bail!(
                "{}",
                match lang {
                    Lang::Zh => format!("--weights 中的轮次「{k}」不是 {} 年的轮次", args.year),
                    Lang::En => format!(
                        "--weights names \"{k}\", which is not a round of {}",
                        args.year
                    ),
                }
            );
        }
    }
    let mut infos = Vec::new();
    let mut results = Vec::new();
    for r in &rounds {
        let l = loaded(store, r)?;
        let weight = weights
            .iter()
            .find(|(k, _)| *k == r.name || *k == r.id.to_string())
            .map_or(1.0, |(_, w)| *w);
        infos.push(YearRound {
            id: r.id,
            name: r.name.clone(),
            monitoring_date: r.monitoring_date.to_string(),
            weight,
        });
        results.push(crate::report::account_results(
            &l.scheme,
            &l.accounts,
            &l.sheets,
        ));
    }
    let y = annual(args.year, infos, &results);
    emit(&y, args.format, args.out.as_deref(), lang)
}

/// The year's live rounds and, apart, its calibration rounds (never part of the assessment).
fn live_rounds(store: &Store, year: Vec<Round>) -> anyhow::Result<(Vec<Round>, Vec<Round>)> {
    let mut live = Vec::new();
    let mut practice = Vec::new();
    for r in year {
        if store.is_calibration(r.id)? {
            practice.push(r);
        } else {
            live.push(r);
        }
    }
    Ok((live, practice))
}

fn account_rows(y: &Annual, lang: Lang) -> (Vec<String>, Vec<Vec<String>>) {
    let mut head: Vec<String> = [
        ("账号", "Account"),
        ("平台", "Platform"),
        ("主办单位", "Host unit"),
    ]
    .iter()
    .map(|(z, e)| lang.pick(z, e).to_string())
    .collect();
    for r in &y.rounds {
        head.push(format!("{}（×{}）", r.name, num(Some(r.weight))));
    }
    head.push(lang.pick("年度得分", "Annual").into());
    head.push(lang.pick("不合格次数", "Rounds failed").into());
    head.push(lang.pick("历次满分", "Full marks every check").into());
    let rows = y
        .accounts
        .iter()
        .map(|a| {
            let mut row = vec![
                a.account.name.clone(),
                a.account.platform_label.clone(),
                a.account.unit.clone(),
            ];
            row.extend(a.totals.iter().map(|t| num(*t)));
            row.push(num(a.annual));
            row.push(a.rounds_failed.to_string());
            row.push(
                lang.pick(
                    if a.full_every_check { "是" } else { "" },
                    if a.full_every_check { "yes" } else { "" },
                )
                .into(),
            );
            row
        })
        .collect();
    (head, rows)
}

fn headline(y: &Annual, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!(
            "{} 年度考核：{} 个评估轮次，{} 个账号；{} 个账号在历次检查中均为满分；单项否决 {} 次。",
            y.year,
            y.rounds.len(),
            y.accounts.len(),
            y.full_every_check,
            y.vetoes.len()
        ),
        Lang::En => format!(
            "Annual assessment {}: {} rounds, {} accounts; {} at full marks in every check; {} vetoes.",
            y.year,
            y.rounds.len(),
            y.accounts.len(),
            y.full_every_check,
            y.vetoes.len()
        ),
    }
}

fn veto_lines(y: &Annual, lang: Lang) -> Vec<String> {
    y.vetoes
        .iter()
        .map(|v| {
            format!(
                "{} · {} · {}：{}",
                v.round,
                v.account,
                v.unit,
                v.reasons.join("；")
            )
        })
        .chain(y.vetoes.is_empty().then(|| {
            lang.pick("本年度无单项否决。", "No veto this year.")
                .to_string()
        }))
        .collect()
}

pub fn emit(
    y: &Annual,
    format: AnnualFormat,
    out: Option<&Path>,
    lang: Lang,
) -> anyhow::Result<()> {
    let (head, rows) = account_rows(y, lang);
    let h: Vec<&str> = head.iter().map(String::as_str).collect();
    let text = match format {
        AnnualFormat::Json => super::output::json(y)? + "\n",
        AnnualFormat::Csv => super::output::csv(&h, &rows)?,
        AnnualFormat::Table => format!(
            "{}\n\n{}\n{}\n",
            headline(y, lang),
            super::output::table(&h, &rows),
            veto_lines(y, lang).join("\n")
        ),
        AnnualFormat::Md => {
            let mut s = format!(
                "# {}\n\n{}\n\n| {} |\n|{}\n",
                lang.pick("年度考核", "Annual assessment"),
                headline(y, lang),
                h.join(" | "),
                "---|".repeat(h.len())
            );
            for r in &rows {
                s.push_str(&format!(
                    "| {} |\n",
                    r.iter()
                        .map(|c| c.replace('|', "\\|"))
                        .collect::<Vec<_>>()
                        .join(" | ")
                ));
            }
            s.push_str(&format!("\n## {}\n\n", lang.pick("单项否决", "Vetoes")));
            for l in veto_lines(y, lang) {
                s.push_str(&format!("- {}\n", l.replace('|', "\\|")));
            }
            s
        }
        AnnualFormat::Xlsx => {
            let path = out.ok_or_else(|| {
                anyhow::anyhow!(
                    "{}",
                    lang.pick("xlsx 格式需要 --out 文件路径", "xlsx needs --out FILE")
                )
            })?;
            xlsx(y, &h, path, lang).with_context(|| {
                format!(
                    "{} {}",
                    lang.pick("无法写入", "cannot write"),
                    path.display()
                )
            })?;
            return Ok(());
        }
    };
    match out {
        Some(p) => crate::io::out::write_file(p, text.as_bytes())?,
        None => crate::io::out::print(&text)?,
    }
    Ok(())
}

fn xlsx(
    y: &Annual,
    head: &[&str],
    path: &Path,
    lang: Lang,
) -> Result<(), rust_xlsxwriter::XlsxError> {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let bold = rust_xlsxwriter::Format::new().set_bold();
    let ws = wb.add_worksheet();
    ws.set_name(lang.pick("账号", "Accounts"))?;
    for (c, h) in head.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, *h, &bold)?;
    }
    for (i, a) in y.accounts.iter().enumerate() {
        let r = i as u32 + 1;
        ws.write_string(r, 0, &a.account.name)?;
        ws.write_string(r, 1, &a.account.platform_label)?;
        ws.write_string(r, 2, &a.account.unit)?;
        let mut c = 3u16;
        for t in a.totals.iter().copied().chain([a.annual]) {
            if let Some(t) = t {
                ws.write_number(r, c, t)?;
            }
            c += 1;
        }
        ws.write_number(r, c, a.rounds_failed as f64)?;
        ws.write_boolean(r, c + 1, a.full_every_check)?;
    }
    ws.set_freeze_panes(1, 1)?;
    let ws = wb.add_worksheet();
    ws.set_name(lang.pick("单位", "Units"))?;
    for (c, h) in [
        lang.pick("主办单位", "Host unit"),
        lang.pick("账号数", "Accounts"),
        lang.pick("有得分", "With score"),
        lang.pick("年度平均", "Annual mean"),
        lang.pick("否决次数", "Vetoes"),
    ]
    .iter()
    .enumerate()
    {
        ws.write_string_with_format(0, c as u16, *h, &bold)?;
    }
    for (i, u) in y.units.iter().enumerate() {
        let r = i as u32 + 1;
        ws.write_string(r, 0, &u.unit)?;
        ws.write_number(r, 1, u.accounts as f64)?;
        ws.write_number(r, 2, u.with_score as f64)?;
        if let Some(m) = u.annual {
            ws.write_number(r, 3, m)?;
        }
        ws.write_number(r, 4, u.vetoes as f64)?;
    }
    let ws = wb.add_worksheet();
    ws.set_name(lang.pick("单项否决", "Vetoes"))?;
    for (c, h) in [
        lang.pick("轮次", "Round"),
        lang.pick("账号", "Account"),
        lang.pick("主办单位", "Host unit"),
        lang.pick("原因", "Reasons"),
    ]
    .iter()
    .enumerate()
    {
        ws.write_string_with_format(0, c as u16, *h, &bold)?;
    }
    for (i, v) in y.vetoes.iter().enumerate() {
        let r = i as u32 + 1;
        ws.write_string(r, 0, &v.round)?;
        ws.write_string(r, 1, &v.account)?;
        ws.write_string(r, 2, &v.unit)?;
        ws.write_string(r, 3, v.reasons.join("；"))?;
    }
    crate::io::out::save_xlsx(&mut wb, path)
}
