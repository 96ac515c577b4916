//! `assay bulletin`: the round bulletin (通报) as Markdown, self-contained HTML or XLSX.

use std::path::PathBuf;

use anyhow::Context;
use clap::{Args, ValueEnum};

use super::sheet::{loaded, say_written, write_err};
use crate::i18n::Lang;
use crate::report::bulletin::{Bulletin, Heading, render_html, render_md};
use crate::report::scoresheet;
use crate::storage::Store;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum BulletinFormat {
    Md,
    Html,
    Xlsx,
}

#[derive(Debug, Args)]
pub struct BulletinArgs {
    /// Round id or name
    #[arg(long)]
    pub round: String,
    /// Output format
    #[arg(long, value_enum, default_value_t = BulletinFormat::Html)]
    pub format: BulletinFormat,
    /// Output file or directory (default: standard output; required for xlsx)
    #[arg(long)]
    pub out: Option<PathBuf>,
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
    b.chain_head = Some(crate::report::bulletin::ChainHead {
        history: store.history_head(round.id)?,
        ledger: store.ledger_head()?,
    });
    let ext = match args.format {
        BulletinFormat::Md => "md",
        BulletinFormat::Html => "html",
        BulletinFormat::Xlsx => "xlsx",
    };
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
    match args.format {
        BulletinFormat::Xlsx => {
            let path = path.ok_or_else(|| {
                anyhow::anyhow!(
                    "{}",
                    lang.pick("xlsx 格式需要 --out 文件路径", "xlsx needs --out FILE")
                )
            })?;
            crate::report::bulletin::write_xlsx(&b, &path, lang)
                .with_context(|| write_err(&path, lang))?;
            say_written(1, &path, lang);
        }
        f => {
            let text = if f == BulletinFormat::Md {
                render_md(&b, lang)
            } else {
                render_html(&b, lang)
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
    Ok(())
}
