//! `assay sheet`: score sheets (评分表) written from the one aggregation, and the small output
//! helpers the bulletin and annual commands share with it.

use std::path::{Path, PathBuf};

use anyhow::Context;
use clap::{Args, ValueEnum};

use crate::i18n::Lang;
use crate::report::scoresheet::{self, Cell, EvaluatorSheet, Sheet, SheetBook, SheetInput};
use crate::storage::{Round, Store};

/// Accounts per workbook for `--all`: far below Excel's sheet and row limits, and small enough
/// that one workbook is held in memory at a time.
pub const ACCOUNTS_PER_BOOK: usize = 1000;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SheetFormat {
    Xlsx,
    Csv,
    Md,
}

#[derive(Debug, Args)]
#[command(group = clap::ArgGroup::new("which").required(true).args(["account", "all"]))]
pub struct SheetArgs {
    /// Round id or name
    #[arg(long)]
    pub round: String,
    /// One account: id, unique name, or platform:name
    #[arg(long)]
    pub account: Option<String>,
    /// Every account of the round
    #[arg(long)]
    pub all: bool,
    /// Output format
    #[arg(long, value_enum, default_value_t = SheetFormat::Xlsx)]
    pub format: SheetFormat,
    /// Output file (one account) or directory (--all, --split)
    #[arg(long)]
    pub out: PathBuf,
    /// One file per account instead of one workbook
    #[arg(long)]
    pub split: bool,
    /// A blank sheet in the score-import columns, to fill in Excel or WPS and bring back with
    /// `assay score import`
    #[arg(long)]
    pub blank: bool,
    /// Evaluator name written into a blank sheet
    #[arg(long, requires = "blank")]
    pub evaluator: Option<String>,
}

pub(super) fn loaded(
    store: &mut Store,
    round: &Round,
) -> anyhow::Result<crate::report::source::Loaded> {
    Ok(crate::report::source::load(
        store,
        round,
        crate::report::source::Source::Kept,
        None,
    )?)
}

/// `assay sheet`.
pub fn sheet(store: &mut Store, args: &SheetArgs, lang: Lang) -> anyhow::Result<()> {
    let round = store.round(&args.round)?;
    let l = loaded(store, &round)?;
    let accounts = match &args.account {
        Some(key) => {
            let a = store.find_account(key)?;
            if !l.accounts.iter().any(|x| x.id == a.id) {
                anyhow::bail!(
                    "{}",
                    match lang {
                        Lang::Zh =>
                            format!("账号「{}」不在评估轮次「{}」的范围内", a.name, round.name),
                        Lang::En =>
                            format!("account \"{}\" is not in round \"{}\"", a.name, round.name),
                    }
                );
            }
            vec![a]
        }
        None => l.accounts.clone(),
    };
    if args.blank {
        return blank(&round, &l.rubric, &accounts, args, lang);
    }
    let progress = progress_bar(accounts.len(), lang);
    let consensus = scoresheet::consensus::by_account(store.consensus_rows(round.id)?);
    let calibration = store.is_calibration(round.id)?;
    // The operations line of each sheet, from the round's ops report (as the bulletin's section).
    let ops: std::collections::HashMap<i64, String> = store
        .round_ops(round.id, &l.accounts)?
        .map(|r| {
            r.accounts
                .iter()
                .map(|a| {
                    (
                        a.id,
                        crate::report::bulletin::ops::account_line(a, &r, lang),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    let build = |a: &crate::domain::account::Account, evaluators: Vec<EvaluatorSheet>| {
        let input = SheetInput {
            round: &round,
            rubric: &l.rubric,
            scheme: &l.scheme,
            account: a,
            evaluators,
            lang,
            consensus: consensus.get(&a.id).cloned().unwrap_or_default(),
            calibration,
        };
        let (mut sheet, result) = scoresheet::build_sheet(&input);
        if let Some(line) = ops.get(&a.id) {
            let label = lang.pick("运营监测", "Operations");
            sheet.facts.push((label.to_string(), line.clone()));
        }
        (sheet, result)
    };
    let one = args.account.is_some() && !args.split;
    let out = &args.out;
    let prefix = scoresheet::names::safe_file_stem(&round.name);
    match args.format {
        SheetFormat::Xlsx if args.split => {
            crate::io::out::folder(out)?;
            let mut w = scoresheet::SplitWriter::new(out, &prefix);
            for a in &accounts {
                let (s, _) = build(
                    a,
                    scoresheet::load::evaluator_sheets(store, round.id, a.id)?,
                );
                w.write(&s)?;
                progress.inc(1);
            }
            progress.finish_and_clear();
            say_written(w.written, out, lang);
        }
        SheetFormat::Xlsx => {
            let chunks: Vec<&[crate::domain::account::Account]> =
                accounts.chunks(ACCOUNTS_PER_BOOK).collect();
            let n = chunks.len();
            for (i, chunk) in chunks.into_iter().enumerate() {
                let path = book_path(out, one, &prefix, lang, i, n)?;
                let mut book =
                    SheetBook::new(&summary_title(&round, lang), summary_columns(lang), lang)?;
                for a in chunk {
                    let (s, r) = build(
                        a,
                        scoresheet::load::evaluator_sheets(store, round.id, a.id)?,
                    );
                    book.add(&s, summary_cells(&s, &r, lang))?;
                    progress.inc(1);
                }
                book.save(&path).with_context(|| write_err(&path, lang))?;
            }
            progress.finish_and_clear();
            say_written(n, out, lang);
        }
        SheetFormat::Md | SheetFormat::Csv => {
            let mut sheets: Vec<Sheet> = Vec::with_capacity(accounts.len());
            for a in &accounts {
                sheets.push(
                    build(
                        a,
                        scoresheet::load::evaluator_sheets(store, round.id, a.id)?,
                    )
                    .0,
                );
                progress.inc(1);
            }
            progress.finish_and_clear();
            let ext = if args.format == SheetFormat::Md {
                "md"
            } else {
                "csv"
            };
            let path = if one || !out.is_dir() && out.extension().is_some() {
                out.clone()
            } else {
                crate::io::out::folder(out)?;
                out.join(format!("{prefix}-{}.{ext}", lang.pick("评分表", "sheets")))
            };
            let text = if ext == "md" {
                sheets
                    .iter()
                    .map(scoresheet::render_md)
                    .collect::<Vec<_>>()
                    .join("\n---\n\n")
            } else {
                let mut rows: Vec<Vec<String>> = Vec::new();
                for s in &sheets {
                    rows.extend(
                        scoresheet::render_csv_rows(s)
                            .iter()
                            .map(|r| r.iter().map(Cell::plain).collect()),
                    );
                    rows.push(Vec::new());
                }
                csv_text(&rows)?
            };
            crate::io::out::write_file(&path, text.as_bytes())?;
            say_written(1, &path, lang);
        }
    }
    Ok(())
}

fn csv_text(rows: &[Vec<String>]) -> anyhow::Result<String> {
    let width = rows.iter().map(Vec::len).max().unwrap_or(0);
    let padded: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            let mut r = r.clone();
            r.resize(width, String::new());
            r
        })
        .collect();
    let (head, body) = padded
        .split_first()
        .map_or((Vec::new(), &[][..]), |(h, b)| (h.clone(), b));
    let head: Vec<&str> = head.iter().map(String::as_str).collect();
    super::output::csv(&head, body)
}

fn book_path(
    out: &Path,
    one: bool,
    prefix: &str,
    lang: Lang,
    i: usize,
    n: usize,
) -> anyhow::Result<PathBuf> {
    if one && !out.is_dir() {
        if let Some(parent) = out.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent).with_context(|| dir_err(parent, lang))?;
        }
        return Ok(out.to_path_buf());
    }
    crate::io::out::folder(out)?;
    let base = format!("{prefix}-{}", lang.pick("评分表", "sheets"));
    Ok(if n == 1 {
        out.join(format!("{base}.xlsx"))
    } else {
        out.join(format!("{base}-{:03}.xlsx", i + 1))
    })
}

fn summary_title(round: &Round, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!(
            "{} 评分汇总（监测时间点 {}）",
            round.name, round.monitoring_date
        ),
        Lang::En => format!(
            "{} score summary (monitoring date {})",
            round.name, round.monitoring_date
        ),
    }
}

fn summary_columns(lang: Lang) -> Vec<String> {
    [
        ("账号", "Account"),
        ("平台", "Platform"),
        ("主办单位", "Host unit"),
        ("层级", "Level"),
        ("地区", "Region"),
        ("总分", "Total"),
        ("等级", "Grade"),
        ("结论", "Verdict"),
        ("评估人数", "Sheets counted"),
    ]
    .iter()
    .map(|(z, e)| lang.pick(z, e).to_string())
    .collect()
}

fn summary_cells(s: &Sheet, r: &crate::report::AccountResult, lang: Lang) -> Vec<Cell> {
    let a = &r.account;
    let verdict = crate::report::tables::verdict_label(r, lang);
    vec![
        Cell::text(&a.name),
        Cell::text(&a.platform_label),
        Cell::text(&a.unit),
        Cell::text(lang.pick(a.level.label_zh(), a.level.label_en())),
        Cell::text(&a.region),
        s.total.map_or_else(|| Cell::text("—"), Cell::Fig),
        Cell::text(r.grade.clone().unwrap_or_default()),
        Cell::text(verdict),
        Cell::Fig(crate::domain::figure::Figure::int(r.evaluators.len() as i64)),
    ]
}

fn blank(
    round: &Round,
    rubric: &crate::domain::rubric::Rubric,
    accounts: &[crate::domain::account::Account],
    args: &SheetArgs,
    lang: Lang,
) -> anyhow::Result<()> {
    let who = args.evaluator.clone().unwrap_or_default();
    let head = [
        "round",
        "platform",
        "account",
        "evaluator",
        "indicator",
        "value",
        "count",
        "veto",
        "na",
        "note",
        "evidence",
        "item",
    ];
    let mut rows = Vec::new();
    for a in accounts {
        rows.extend(scoresheet::blank_rows(round, rubric, a, &who));
    }
    let out = &args.out;
    if let Some(parent) = out.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).with_context(|| dir_err(parent, lang))?;
    }
    match args.format {
        SheetFormat::Xlsx => {
            use crate::io::export::{Cell, Table, write_xlsx};
            let mut t = Table::new(
                lang.pick("评分录入", "Scores"),
                head.map(String::from).to_vec(),
            );
            t.rows = rows
                .iter()
                .map(|r| r.iter().map(|v| Cell::text(v.as_str())).collect())
                .collect();
            write_xlsx(out, &[t])?;
        }
        SheetFormat::Csv | SheetFormat::Md => {
            crate::io::out::write_file(out, super::output::csv(&head, &rows)?.as_bytes())?;
        }
    }
    say_written(1, out, lang);
    Ok(())
}

fn progress_bar(n: usize, lang: Lang) -> indicatif::ProgressBar {
    use std::io::IsTerminal;
    if n < 50 || !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(n as u64);
    if let Ok(style) = indicatif::ProgressStyle::with_template(&format!(
        "{{bar:40}} {{pos}}/{{len}} {} {{eta}}",
        lang.pick("个账号", "accounts")
    )) {
        bar.set_style(style);
    }
    bar
}

pub(super) fn say_written(n: usize, path: &Path, lang: Lang) {
    match lang {
        Lang::Zh => eprintln!("已写出 {n} 个文件：{}", path.display()),
        Lang::En => eprintln!("wrote {n} file(s): {}", path.display()),
    }
}

pub(super) fn dir_err(p: &Path, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("无法创建目录 {}：请检查路径和写权限", p.display()),
        Lang::En => format!(
            "cannot create directory {}: check the path and write permission",
            p.display()
        ),
    }
}

pub(super) fn write_err(p: &Path, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!(
            "无法写入 {}：请检查路径、写权限和磁盘空间（文件是否在 Excel 中打开？）",
            p.display()
        ),
        Lang::En => format!(
            "cannot write {}: check the path, permissions and disk space (is it open in Excel?)",
            p.display()
        ),
    }
}
