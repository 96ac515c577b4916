//! `assay rectify report`: the rectification report (问题整改情况) of a round on a day, findings
//! by unit and status with the overdue ones first, as Word, a workbook, Markdown or HTML, from
//! one document in the bulletin's style.

use std::path::PathBuf;

use anyhow::Context;
use chrono::NaiveDate;
use clap::{Args, ValueEnum};

use super::sheet::{say_written, write_err};
use super::values::parse_date;
use crate::i18n::Lang;
use crate::report::rectify_doc::{Heading, document};
use crate::storage::Store;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    Docx,
    Xlsx,
    Md,
    Html,
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Round id or name
    #[arg(long)]
    pub round: String,
    /// Output format: docx (default), xlsx, md or html
    #[arg(long, value_enum, default_value_t = ReportFormat::Docx)]
    pub format: ReportFormat,
    /// Output file (required for docx and xlsx; md and html default to standard output)
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// The day the status is judged on (default: today), YYYY-MM-DD
    #[arg(long, value_parser = parse_date)]
    pub on: Option<NaiveDate>,
}

pub fn run(store: &mut Store, a: &ReportArgs, lang: Lang) -> anyhow::Result<()> {
    let round = store.round(&a.round)?;
    let on = a.on.unwrap_or_else(super::values::today);
    let (rows, deadline) = crate::report::rectify::round_tracked(store, &round, on)?;
    let issuer = store.round_document(round.id)?.issuer;
    let h = Heading {
        round: &round.name,
        issuer: issuer.as_deref(),
        on,
        deadline,
    };
    let doc = document(&h, &rows, lang);
    let needs_file = |ext: &str| {
        anyhow::anyhow!(
            "{}",
            match lang {
                Lang::Zh => format!("{ext} 格式需要 --out 文件路径"),
                Lang::En => format!("{ext} needs --out FILE"),
            }
        )
    };
    match a.format {
        ReportFormat::Docx => {
            let path = a.out.as_ref().ok_or_else(|| needs_file("docx"))?;
            crate::io::document::docx::write_docx(path, &doc)
                .with_context(|| write_err(path, lang))?;
            say_written(1, path, lang);
        }
        ReportFormat::Xlsx => {
            let path = a.out.as_ref().ok_or_else(|| needs_file("xlsx"))?;
            let sheets =
                crate::io::document::xlsx::sheets(&doc, lang.pick("整改情况", "Rectification"));
            crate::io::export::write_book(path, &sheets).with_context(|| write_err(path, lang))?;
            say_written(1, path, lang);
        }
        f => {
            let text = if f == ReportFormat::Md {
                crate::io::document::md::render(&doc)
            } else {
                crate::io::document::html::render(&doc)
            };
            match &a.out {
                Some(p) => {
                    crate::io::out::write_file(p, text.as_bytes())?;
                    say_written(1, p, lang);
                }
                None => crate::io::out::print(&text)?,
            }
        }
    }
    Ok(())
}
