//! `assay demo`, `assay gen` and opening the TUI.

use std::path::{Path, PathBuf};

use crate::r#gen::{GenOptions, generate};
use crate::i18n::Lang;
use crate::report::summary;
use crate::runtime::{self, TuiOptions};
use crate::storage::Store;

use super::{DemoArgs, GenArgs, TuiArgs};

/// The demo's own database: never the user's.
fn default_demo_path() -> anyhow::Result<PathBuf> {
    let base = super::default_db_path()?;
    Ok(base.with_file_name("demo").join("assay-demo.db"))
}

fn remove_db_files(path: &Path) -> anyhow::Result<()> {
    for suffix in ["", "-wal", "-shm"] {
        let p = PathBuf::from(format!("{}{suffix}", path.display()));
        if p.exists() {
            std::fs::remove_file(&p)
                .map_err(|e| anyhow::anyhow!("cannot remove old demo file {}: {e}", p.display()))?;
        }
    }
    Ok(())
}

/// Makes `path` ready for a fresh demo: an absent file, or an earlier demo (same rounds), is
/// fine; any other database is refused so that a user's data is never replaced.
fn prepare(path: &Path, explicit: bool) -> anyhow::Result<()> {
    if !path.exists() {
        return Ok(());
    }
    if explicit {
        let mut probe = Store::open_in_memory()?;
        crate::sample::load_demo(&mut probe)?;
        let demo_rounds: Vec<String> = probe.rounds()?.into_iter().map(|r| r.name).collect();
        let existing = Store::open(path)?;
        let rounds: Vec<String> = existing.rounds()?.into_iter().map(|r| r.name).collect();
        let empty = rounds.is_empty() && existing.list_accounts(&Default::default())?.is_empty();
        drop(existing);
        if !empty && rounds != demo_rounds {
            anyhow::bail!(
                "{} holds data that is not the demo's; the demo starts from a fresh database — give another --db path",
                path.display()
            );
        }
    }
    remove_db_files(path)
}

pub fn demo(db: Option<PathBuf>, args: &DemoArgs, lang: Lang) -> anyhow::Result<()> {
    let explicit = db.is_some();
    let path = match db {
        Some(p) => p,
        None => default_demo_path()?,
    };
    prepare(&path, explicit)?;
    let mut store = Store::open(&path)?;
    let info = crate::sample::load_demo(&mut store)?;
    if args.print {
        for round in store.rounds()? {
            let s = summary::round_summary(&mut store, &round)?;
            println!("{}", summary::render(&s, lang));
        }
        println!(
            "{}: {}",
            lang.pick("演示数据库", "demo database"),
            path.display()
        );
        return Ok(());
    }
    let opts = TuiOptions {
        lang,
        evaluator: Some(info.evaluator.clone()),
        round: Some(info.round_id),
        db_label: path.display().to_string(),
    };
    runtime::run(store, opts)
}

pub fn synth(path: &Path, args: &GenArgs) -> anyhow::Result<()> {
    let mut store = Store::open(path)?;
    if !store.list_accounts(&Default::default())?.is_empty() {
        anyhow::bail!(
            "{} already holds accounts; gen writes into a new database — give another --db path",
            path.display()
        );
    }
    let opts = GenOptions {
        accounts: args.accounts,
        evaluators: args.evaluators,
        weeks: args.weeks,
        seed: args.seed,
        rubric: args.rubric.clone(),
    };
    let bar = indicatif::ProgressBar::new(0);
    bar.set_style(
        indicatif::ProgressStyle::with_template("{msg:>10} [{bar:40}] {pos}/{len} {elapsed}")
            .map_err(|e| anyhow::anyhow!("{e}"))?
            .progress_chars("=> "),
    );
    let started = std::time::Instant::now();
    let report = generate(&mut store, &opts, &mut |stage, done, total| {
        bar.set_message(stage.to_string());
        bar.set_length(total);
        bar.set_position(done);
    })?;
    bar.finish_and_clear();
    println!(
        "{report} in {:.1} s → {}",
        started.elapsed().as_secs_f64(),
        path.display()
    );
    Ok(())
}

pub fn tui(store: Store, lang: Lang, args: &TuiArgs, path: &Path) -> anyhow::Result<()> {
    let round = match &args.round {
        Some(key) => Some(store.round(key)?.id),
        None => None,
    };
    let opts = TuiOptions {
        lang,
        evaluator: args.evaluator.clone(),
        round,
        db_label: path.display().to_string(),
    };
    runtime::run(store, opts)
}
