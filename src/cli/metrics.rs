//! `assay metrics import|history`: operations metrics from CSV/XLSX, all or nothing, without
//! duplicates; conflicting values applied only with `--replace`.

use std::path::PathBuf;

use anyhow::Context;
use clap::{Args, Subcommand};

use crate::i18n::Lang;
use crate::io::metrics::{read_metrics, resolve};
use crate::storage::metric_import::ImportSource;
use crate::storage::{AccountFilter, Store};

#[derive(Debug, Subcommand)]
pub enum MetricsCmd {
    /// Import per-post or weekly figures from CSV or XLSX (all or nothing; re-importing changes nothing)
    Import(MetricsImportArgs),
    /// List past metric imports (file, SHA-256, when, rows)
    History,
}

#[derive(Debug, Args)]
pub struct MetricsImportArgs {
    /// Posts or weekly figures: a CSV (UTF-8, UTF-8 with BOM or GBK) or XLSX file
    pub file: PathBuf,
    /// Apply values that differ from the stored ones (otherwise they are reported and nothing is written)
    #[arg(long)]
    pub replace: bool,
    /// First day of a week for weekly files: mon (default), sun, …
    #[arg(long, default_value = "mon", value_parser = super::ops::parse_weekday)]
    pub week_start: chrono::Weekday,
}

pub fn run(store: &mut Store, cmd: &MetricsCmd, lang: Lang) -> anyhow::Result<()> {
    match cmd {
        MetricsCmd::Import(args) => import(store, args, lang),
        MetricsCmd::History => history(store, lang),
    }
}

fn import(store: &mut Store, args: &MetricsImportArgs, lang: Lang) -> anyhow::Result<()> {
    let name = args.file.display().to_string();
    let bytes = std::fs::read(&args.file)
        .map_err(|e| anyhow::anyhow!(crate::i18n::msg::cannot_read(lang, &args.file, &e)))?;
    let failed = || {
        lang.pick(
            "指标导入失败，未写入任何数据",
            "metrics import failed; nothing was written",
        )
        .to_string()
    };
    let file = read_metrics(&args.file, args.week_start).with_context(failed)?;
    let accounts = store.list_accounts(&AccountFilter::default())?;
    let (posts, weeks) = resolve(&name, &file, &accounts).with_context(failed)?;
    let source = ImportSource {
        file: args
            .file
            .file_name()
            .map_or(name.clone(), |f| f.to_string_lossy().into_owned()),
        sha256: sha256_hex(&bytes),
    };
    let out = store.import_metrics(&source, &posts, &weeks, args.replace)?;
    if !out.applied {
        let names: std::collections::HashMap<i64, String> = accounts
            .iter()
            .map(|a| (a.id, format!("{}:{}", a.platform.code(), a.name)))
            .collect();
        let mut msg = lang
            .pick(
                &format!(
                    "{name}：{} 行与已存数据不同，未导入任何数据；确认后加 --replace 覆盖：",
                    out.conflicts.len()
                ),
                &format!(
                    "{name}: {} rows differ from the stored values; nothing imported. Re-run with --replace to overwrite:",
                    out.conflicts.len()
                ),
            )
            .to_string();
        for c in out.conflicts.iter().take(20) {
            let who = names.get(&c.account_id).cloned().unwrap_or_default();
            msg += &format!("\n  {who} {}: {}", c.key, c.changes.join(", "));
        }
        if out.conflicts.len() > 20 {
            msg += &format!("\n  … +{}", out.conflicts.len() - 20);
        }
        anyhow::bail!(msg);
    }
    println!(
        "{}",
        lang.pick(
            &format!(
                "{name}：{} 行；新增 {}，未变 {}，覆盖 {}",
                out.rows, out.inserted, out.unchanged, out.replaced
            ),
            &format!(
                "{name}: {} rows; {} new, {} unchanged, {} replaced",
                out.rows, out.inserted, out.unchanged, out.replaced
            ),
        )
    );
    // New figures move the automatic values of the rounds they fall in.
    let dates = posts.iter().map(|p| p.post.published.date()).chain(
        weeks
            .iter()
            .flat_map(|w| [w.week, w.week + chrono::Duration::days(6)]),
    );
    let span = dates.fold(
        None,
        |acc: Option<(chrono::NaiveDate, chrono::NaiveDate)>, d| {
            Some(acc.map_or((d, d), |(a, b)| (a.min(d), b.max(d))))
        },
    );
    if let Some((from, to)) = span.filter(|_| out.inserted + out.replaced > 0) {
        for line in super::ops_auto_run::after_metrics(store, from, to, lang)? {
            println!("{line}");
        }
    }
    Ok(())
}

fn history(store: &Store, lang: Lang) -> anyhow::Result<()> {
    let rows: Vec<Vec<String>> = store
        .metric_imports()?
        .into_iter()
        .map(|r| {
            vec![
                r.id.to_string(),
                r.imported_at,
                r.file,
                r.kind,
                r.rows.to_string(),
                r.inserted.to_string(),
                r.replaced.to_string(),
                r.sha256[..12.min(r.sha256.len())].to_string(),
            ]
        })
        .collect();
    let header = match lang {
        Lang::Zh => [
            "编号", "时间", "文件", "类型", "行数", "新增", "覆盖", "SHA-256",
        ],
        Lang::En => [
            "id", "when", "file", "kind", "rows", "new", "replaced", "sha256",
        ],
    };
    super::ops_read::write_stdout(&super::output::table(&header, &rows))
}

fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}
