//! `assay report`: the one aggregation of a round as a table, JSON, CSV, Markdown or XLSX;
//! `--recompute` scores every entry again instead of reading the kept results, `--verify`
//! checks that the kept results equal a full recompute.

use std::path::Path;

use serde::Serialize;

use super::output::{book_out, emit};
pub use super::report_args::{ReportArgs, ReportFormat};
use crate::i18n::Lang;
use crate::io::export::{Sheet, Table, csv_bytes};
use crate::report::build::{AccountLine, Options, RollupLevel};
use crate::report::group::GroupStats;
use crate::report::sheet::CategoryInfo;
use crate::report::source::{Source, verify};
use crate::report::stream::streamed_report;
use crate::report::summary::{RoundSummary, headline, render};
use crate::report::tables::{account_table, group_table, headline_table, markdown, rollup_table};
use crate::storage::Store;

/// The JSON shape documented in the README: the round summary's keys at the top level, then
/// the categories, the grouping, the groups, every account and the roll-ups.
#[derive(Serialize)]
struct ReportJson<'a> {
    #[serde(flatten)]
    summary: &'a RoundSummary,
    categories: &'a [CategoryInfo],
    by: Vec<String>,
    groups: &'a [GroupStats],
    results: &'a [AccountLine],
    rollups: &'a [RollupLevel],
}

pub fn run(store: &mut Store, args: &ReportArgs, lang: Lang) -> anyhow::Result<()> {
    if let Some(p) = &args.out {
        crate::io::out::file_target(p)?;
    }
    if super::report_whatif::asked(args) {
        return super::report_whatif::run(store, args, lang);
    }
    if let Some(base) = &args.compare {
        return super::report_compare::run(store, args, base, lang);
    }
    let round = store.round(&args.round)?;
    if args.verify {
        return run_verify(store, &round, lang);
    }
    let source = if args.recompute {
        Source::Recompute
    } else {
        Source::Kept
    };
    let opts = Options {
        by: args.by.clone(),
        rollup: (!args.rollup.is_empty()).then(|| (args.rollup.clone(), args.rollup_rule)),
        lang,
    };
    // Account rows are kept only for outputs that list them.
    let keep = args.accounts || matches!(args.format, ReportFormat::Json | ReportFormat::Xlsx);
    let (rubric, report) = streamed_report(store, &round, source, args.combine, &opts, keep)?;
    let mut summary = headline(&round, &rubric, &report);
    summary.calibration = store.is_calibration(round.id)?;
    let main = if args.accounts {
        account_table(&report, lang)
    } else {
        group_table(&report, lang)
    };
    let bytes = match args.format {
        ReportFormat::Json => {
            let json = ReportJson {
                summary: &summary,
                categories: &report.scheme.categories,
                by: report.by.iter().map(|d| d.code()).collect(),
                groups: &report.groups,
                results: &report.accounts,
                rollups: &report.rollups,
            };
            let mut s = serde_json::to_string_pretty(&json)?;
            s.push('\n');
            s.into_bytes()
        }
        ReportFormat::Csv => {
            // The roll-ups follow the main table after a blank line, with their own header.
            let mut bytes = csv_bytes(&main)?;
            if !report.rollups.is_empty() {
                let rollups = csv_bytes(&rollup_table(&report, lang))?;
                bytes.extend_from_slice(b"\n");
                bytes.extend_from_slice(rollups.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&rollups));
            }
            bytes
        }
        ReportFormat::Table => text(&summary, &main, &report, lang).into_bytes(),
        ReportFormat::Md => md(&summary, &main, &report, lang).into_bytes(),
        ReportFormat::Html => {
            return Err(crate::i18n::errors::said(
                crate::i18n::whatif_msg::html_only(lang).to_owned(),
            ));
        }
        ReportFormat::Xlsx => {
            let mut tables = vec![
                headline_table(&summary, lang),
                group_table(&report, lang),
                account_table(&report, lang),
            ];
            if !report.rollups.is_empty() {
                tables.push(rollup_table(&report, lang));
            }
            return xlsx_out(args.out.as_deref(), &tables, lang);
        }
    };
    let done = emit(args.out.as_deref(), &bytes);
    // The process ends next: freeing a national round's results one by one would only add time.
    std::mem::forget(report);
    done
}

fn text(s: &RoundSummary, main: &Table, r: &crate::report::Report, lang: Lang) -> String {
    let header: Vec<&str> = main.header.iter().map(String::as_str).collect();
    let mut out = render(s, lang);
    out.push('\n');
    out.push_str(&super::output::table(&header, &main.text_rows()));
    if !r.rollups.is_empty() {
        let t = rollup_table(r, lang);
        let h: Vec<&str> = t.header.iter().map(String::as_str).collect();
        out.push('\n');
        out.push_str(&super::output::table(&h, &t.text_rows()));
    }
    out
}

fn md(s: &RoundSummary, main: &Table, r: &crate::report::Report, lang: Lang) -> String {
    let mut out = format!(
        "# {} {}\n\n",
        crate::io::document::md::escape(&s.round),
        lang.pick("评估报告", "report")
    );
    out.push_str(&markdown(&headline_table(s, lang)));
    out.push('\n');
    out.push_str(&markdown(main));
    if !r.rollups.is_empty() {
        out.push('\n');
        out.push_str(&markdown(&rollup_table(r, lang)));
    }
    out
}

fn xlsx_out(out: Option<&Path>, tables: &[Table], lang: Lang) -> anyhow::Result<()> {
    let sheets: Vec<Sheet> = tables.iter().cloned().map(Sheet::from).collect();
    book_out(out, &sheets, lang)
}

fn run_verify(store: &mut Store, round: &crate::storage::Round, lang: Lang) -> anyhow::Result<()> {
    let bad = verify(store, round)?;
    let n = store.kept_sheets(round.id)?.len();
    if bad.is_empty() {
        crate::io::out::outln!(
            "{}",
            match lang {
                Lang::Zh => format!("轮次 {}：保存的 {n} 份评分结果与全部重新计算一致", round.id),
                Lang::En => format!(
                    "round {}: the {n} kept sheet results equal a full recompute",
                    round.id
                ),
            }
        )?;
        return Ok(());
    }
    for m in bad.iter().take(20) {
        eprintln!("{}", serde_json::to_string(m)?);
    }
    anyhow::bail!(
        "{}",
        match lang {
            Lang::Zh => format!(
                "轮次 {}：{} 份保存的评分结果与重新计算不一致；运行 assay report --round {} --recompute 查看正确结果",
                round.id,
                bad.len(),
                round.id
            ),
            Lang::En => format!(
                "round {}: {} kept sheet results differ from a full recompute; assay report --round {} --recompute shows the recomputed figures",
                round.id,
                bad.len(),
                round.id
            ),
        }
    )
}
