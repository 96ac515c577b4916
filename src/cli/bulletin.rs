//! `assay bulletin`: the round bulletin (通报) as a Word 公文 (DOCX), Markdown, printable HTML
//! or a workbook, all from one document. What the office does not give (issuer, addressees,
//! basis, number, date, deadline) stays a visible 【…】 placeholder, listed on stderr.

use anyhow::Context;

pub use super::bulletin_args::{BulletinArgs, BulletinFormat};
use super::sheet::{loaded, say_written, write_err};
use crate::i18n::Lang;
use crate::report::bulletin::{Bulletin, Heading, Issue, document, render_html, render_md};
use crate::report::scoresheet;
use crate::storage::{RoundDocument, Store};

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
