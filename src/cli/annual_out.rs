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
        Some(w) => parse_weights(w, lang).map_err(|e| anyhow::anyhow!(e))?,
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
                h.iter()
                    .map(|c| crate::io::document::md::escape(c))
                    .collect::<Vec<_>>()
                    .join(" | "),
                "---|".repeat(h.len())
            );
            for r in &rows {
                s.push_str(&format!(
                    "| {} |\n",
                    r.iter()
                        .map(|c| crate::io::document::md::escape(c))
                        .collect::<Vec<_>>()
                        .join(" | ")
                ));
            }
            s.push_str(&format!("\n## {}\n\n", lang.pick("单项否决", "Vetoes")));
            for l in veto_lines(y, lang) {
                s.push_str(&format!("- {}\n", crate::io::document::md::escape(&l)));
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
            xlsx(y, &h, path, lang)?;
            return Ok(());
        }
    };
    match out {
        Some(p) => std::fs::write(p, text).with_context(|| {
            format!("{} {}", lang.pick("无法写入", "cannot write"), p.display())
        })?,
        None => print!("{text}"),
    }
    Ok(())
}

/// The annual workbook through the one XLSX writer: the accounts (the headline as title), the
/// host units, the vetoes of the year.
fn xlsx(y: &Annual, head: &[&str], path: &Path, lang: Lang) -> anyhow::Result<()> {
    use crate::io::export::{Cell, Sheet, Table, write_book};
    let t = |zh: &str, en: &str| lang.pick(zh, en).to_string();
    let mut accounts = Table::new(
        t("账号", "Accounts"),
        head.iter().map(|h| h.to_string()).collect(),
    );
    for a in &y.accounts {
        let mut row = vec![
            Cell::text(&a.account.name),
            Cell::text(&a.account.platform_label),
            Cell::text(&a.account.unit),
        ];
        row.extend(a.totals.iter().chain([&a.annual]).map(|t| Cell::num(*t, 2)));
        row.push(Cell::int(a.rounds_failed));
        row.push(Cell::yes_no(a.full_every_check, lang));
        accounts.rows.push(row);
    }
    let mut units = Table::new(
        t("单位", "Units"),
        vec![
            t("主办单位", "Host unit"),
            t("账号数", "Accounts"),
            t("有得分", "With score"),
            t("年度平均", "Annual mean"),
            t("否决次数", "Vetoes"),
        ],
    );
    for u in &y.units {
        units.rows.push(vec![
            Cell::text(&u.unit),
            Cell::int(u.accounts),
            Cell::int(u.with_score),
            Cell::num(u.annual, 2),
            Cell::int(u.vetoes),
        ]);
    }
    let mut vetoes = Table::new(
        t("单项否决", "Vetoes"),
        vec![
            t("轮次", "Round"),
            t("账号", "Account"),
            t("主办单位", "Host unit"),
            t("原因", "Reasons"),
        ],
    );
    for v in &y.vetoes {
        vetoes.rows.push(vec![
            Cell::text(&v.round),
            Cell::text(&v.account),
            Cell::text(&v.unit),
            Cell::text(v.reasons.join("；")),
        ]);
    }
    let title = format!("{} {}", y.year, t("年度考核", "annual assessment"));
    let mut sheets: Vec<Sheet> = [accounts, units, vetoes]
        .into_iter()
        .map(Sheet::from)
        .collect();
    sheets[0].title = Some(title);
    sheets[0].paragraphs = vec![headline(y, lang)];
    sheets[0].caps = vec![(0, 24.0), (2, 24.0)];
    sheets[1].caps = vec![(0, 30.0)];
    write_book(path, &sheets)?;
    Ok(())
}
