//! `assay bulletin`: the round bulletin (通报) as a Word 公文 (DOCX), Markdown, printable HTML
//! or a workbook, all from one document. What the office does not give (issuer, addressees,
//! basis, number, date, deadline) stays a visible 【…】 placeholder, listed on stderr.

use std::path::PathBuf;

use anyhow::Context;
use clap::{Args, ValueEnum};

use super::sheet::{loaded, say_written, write_err};
use super::values::parse_date;
use crate::i18n::Lang;
use crate::report::bulletin::{Bulletin, Heading, Issue, document, render_html, render_md};
use crate::report::scoresheet;
use crate::storage::{RoundDocument, Store};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum BulletinFormat {
    Md,
    Html,
    Xlsx,
    Docx,
}

impl BulletinFormat {
    fn ext(self) -> &'static str {
        match self {
            BulletinFormat::Md => "md",
            BulletinFormat::Html => "html",
            BulletinFormat::Xlsx => "xlsx",
            BulletinFormat::Docx => "docx",
        }
    }
}

#[derive(Debug, Args)]
pub struct BulletinArgs {
    /// Round id or name
    #[arg(long)]
    pub round: String,
    /// Output format: html (default), md, docx (a Word 公文 after GB/T 9704) or xlsx
    #[arg(long, value_enum, default_value_t = BulletinFormat::Html)]
    pub format: BulletinFormat,
    /// Output file or directory (default: standard output; required for docx and xlsx)
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// The issuing office (发文机关), e.g. 丽水市人民政府办公室
    #[arg(long)]
    pub issuer: Option<String>,
    /// The addressees (主送机关), e.g. 各县（市、区）人民政府，市政府各部门
    #[arg(long)]
    pub to: Option<String>,
    /// The document number (发文字号), e.g. 丽政办发〔2025〕1号
    #[arg(long)]
    pub number: Option<String>,
    /// The date of the document (成文日期), YYYY-MM-DD
    #[arg(long, value_parser = parse_date)]
    pub date: Option<chrono::NaiveDate>,
    /// The documents the check rests on (依据文件), e.g. 《国务院办公厅关于推进政务新媒体健康有序发展的意见》
    #[arg(long)]
    pub basis: Option<String>,
    /// The deadline for 整改, YYYY-MM-DD
    #[arg(long, value_parser = parse_date)]
    pub deadline: Option<chrono::NaiveDate>,
    /// Issue a draft for comment (征求意见稿): units may appeal its findings within the round's appeal window
    #[arg(long)]
    pub draft: bool,
}

/// What the document says about who issues it: the options given, else the round's settings
/// (`assay round document`).
fn issue(args: &BulletinArgs, kept: RoundDocument) -> Issue {
    let given = |s: &Option<String>| {
        s.as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(String::from)
    };
    Issue {
        issuer: given(&args.issuer).or(kept.issuer),
        to: given(&args.to).or(kept.addressees),
        number: given(&args.number).or(kept.number),
        date: args.date,
        basis: given(&args.basis).or(kept.basis),
        deadline: args.deadline.or(kept.deadline),
    }
}

/// Tells which placeholders the document still holds and which option fills each.
fn warn_placeholders(left: &[String], lang: Lang) {
    if left.is_empty() {
        return;
    }
    let list = left.join(lang.pick("、", ", "));
    match lang {
        Lang::Zh => eprintln!(
            "提示：通报中还有 {} 处待填写的【】：{list}。可用 --issuer（发文机关）、--to（主送机关）、--basis（依据文件）、--date（成文日期）、--deadline（整改期限）、--number（发文字号）给出（也可用 assay round document 为本轮设定），或在 Word/WPS 中补填。",
            left.len()
        ),
        Lang::En => eprintln!(
            "note: the bulletin still has {} placeholder(s) 【】 to fill in: {list}. Give them with --issuer, --to, --basis, --date, --deadline, --number (they can also be kept with the round: assay round document), or fill them in Word/WPS.",
            left.len()
        ),
    }
}

/// `assay bulletin`.
pub fn bulletin(store: &mut Store, args: &BulletinArgs, lang: Lang) -> anyhow::Result<()> {
    let round = store.round(&args.round)?;
    if store.is_calibration(round.id)? {
        let msg = crate::i18n::panel_msg::calibration_no_bulletin(lang, &round.name);
        anyhow::bail!("{msg}");
    }
    let l = loaded(store, &round)?;
    let heading = Heading {
        round: round.name.clone(),
        rubric: format!("{} {}", l.rubric.name, round.rubric_version),
        monitoring_date: round.monitoring_date.to_string(),
    };
    let mut b = Bulletin::new(heading, &l.scheme, &l.accounts, &l.sheets, lang);
    b.operations = store
        .round_ops(round.id, &l.accounts)?
        .map(|r| crate::report::bulletin::ops::OpsSection::of(&r, lang));
    // The draft, the final state and the changes since the first bulletin (written before the
    // chain heads are read, so that the heads printed include it).
    let follow = super::bulletin_follow::issue(store, &round, args, &mut b, lang)?;
    b.chain_head = Some(crate::report::bulletin::ChainHead {
        history: store.history_head(round.id)?,
        ledger: store.ledger_head()?,
    });
    let mut issue = issue(args, store.round_document(round.id)?);
    issue.date = issue.date.or(if args.draft {
        follow.draft
    } else {
        follow.issued
    });
    if issue.deadline.is_none() && !args.draft {
        issue.deadline = crate::report::rectify::deadline(
            &store.round_document(round.id)?,
            &follow,
            &store.calendar()?,
        );
    }
    let ext = args.format.ext();
    // A folder (or a new name without an extension) receives the bulletin under its own name;
    // anything else is the file itself.
    let path = match &args.out {
        Some(o) if o.is_dir() || (o.extension().is_none() && std::fs::metadata(o).is_err()) => {
            crate::io::out::folder(o)?;
            Some(o.join(format!(
                "{}-{}.{ext}",
                scoresheet::names::safe_file_stem(&round.name),
                lang.pick("通报", "bulletin")
            )))
        }
        other => other.clone(),
    };
    let doc = document(&b, &issue, lang);
    let needs_file = || {
        anyhow::anyhow!(
            "{}",
            match lang {
                Lang::Zh => format!("{ext} 格式需要 --out 文件路径"),
                Lang::En => format!("{ext} needs --out FILE"),
            }
        )
    };
    match args.format {
        BulletinFormat::Xlsx => {
            let path = path.ok_or_else(needs_file)?;
            let sheets = crate::report::bulletin::workbook(&b, &issue, lang);
            crate::io::export::write_book(&path, &sheets)
                .with_context(|| write_err(&path, lang))?;
            say_written(1, &path, lang);
        }
        BulletinFormat::Docx => {
            let path = path.ok_or_else(needs_file)?;
            crate::io::document::docx::write_docx(&path, &doc)
                .with_context(|| write_err(&path, lang))?;
            say_written(1, &path, lang);
        }
        f => {
            let text = if f == BulletinFormat::Md {
                render_md(&b, &issue, lang)
            } else {
                render_html(&b, &issue, lang)
            };
            match path {
                Some(p) => {
                    crate::io::out::write_file(&p, text.as_bytes())?;
                    say_written(1, &p, lang);
                }
                None => crate::io::out::print(&text)?,
            }
        }
    }
    warn_placeholders(&doc.placeholders(), lang);
    Ok(())
}
