//! `assay demo`, `assay gen` and opening the TUI.

use std::path::{Path, PathBuf};

use crate::r#gen::{GenOptions, generate};
use crate::i18n::errors::said;
use crate::i18n::{Lang, msg};
use crate::report::summary;
use crate::runtime::{self, TuiOptions};
use crate::sample::DemoInfo;
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
            std::fs::remove_file(&p).map_err(|e| {
                said(msg::demo_cannot_remove(
                    lang_now(),
                    &p.display().to_string(),
                    &e,
                ))
            })?;
        }
    }
    Ok(())
}

/// What a demo path holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Found {
    /// No file, or a database without accounts and rounds.
    Nothing,
    /// An earlier demo: every sample round is there (the evaluator's work with it).
    Demo,
    /// Something else: never replaced by the demo.
    Other,
}

fn inspect(path: &Path, demo_rounds: &[String]) -> anyhow::Result<Found> {
    if !path.exists() {
        return Ok(Found::Nothing);
    }
    let existing = Store::open(path)?;
    let rounds: Vec<String> = existing.rounds()?.into_iter().map(|r| r.name).collect();
    if rounds.is_empty() && existing.list_accounts(&Default::default())?.is_empty() {
        return Ok(Found::Nothing);
    }
    Ok(if demo_rounds.iter().all(|r| rounds.contains(r)) {
        Found::Demo
    } else {
        Found::Other
    })
}

/// Opens the demo database: an earlier demo is kept (with the evaluator's work) unless
/// `fresh`; otherwise the sample is loaded into a new file. A file that holds other data is
/// refused when the user named it (`--db`); the demo's own file may be rebuilt with `--fresh`.
fn open_demo(
    path: &Path,
    fresh: bool,
    explicit: bool,
    lang: Lang,
) -> anyhow::Result<(Store, DemoInfo)> {
    let mut probe = Store::open_in_memory()?;
    let info = crate::sample::load_demo(&mut probe)?;
    let demo_rounds: Vec<String> = probe.rounds()?.into_iter().map(|r| r.name).collect();
    drop(probe);
    let found = inspect(path, &demo_rounds)?;
    match found {
        Found::Other if explicit || !fresh => {
            return Err(said(msg::demo_not_demo(
                lang,
                &path.display().to_string(),
                explicit,
            )));
        }
        Found::Demo if !fresh => {
            let store = Store::open(path)?;
            let round_id = store
                .round(&info.round_name)
                .map(|r| r.id)
                .unwrap_or(info.round_id);
            eprintln!("{}", msg::demo_reopened(lang, &path.display().to_string()));
            return Ok((store, DemoInfo { round_id, ..info }));
        }
        _ => {}
    }
    remove_db_files(path)?;
    let mut store = Store::create_or_open(path)?;
    let info = crate::sample::load_demo(&mut store)?;
    let rebuilt = found != Found::Nothing;
    eprintln!(
        "{}",
        msg::demo_created(lang, &path.display().to_string(), rebuilt)
    );
    Ok((store, info))
}

pub fn demo(db: Option<PathBuf>, args: &DemoArgs, lang: Lang) -> anyhow::Result<()> {
    if let Some(dir) = &args.samples {
        return super::demo_samples::write(dir, lang);
    }
    let explicit = db.is_some();
    let path = match db {
        Some(p) => p,
        None => default_demo_path()?,
    };
    let (mut store, info) = open_demo(&path, args.fresh, explicit, lang)?;
    if args.print {
        for round in store.rounds()? {
            let s = summary::round_summary(&mut store, &round)?;
            println!(
                "{}",
                crate::text_safety::escape_text(&summary::render(&s, lang))
            );
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

pub fn synth(path: &Path, args: &GenArgs, lang: Lang) -> anyhow::Result<()> {
    let opts = GenOptions {
        accounts: args.accounts,
        evaluators: args.evaluators,
        weeks: args.weeks,
        seed: args.seed,
        rubric: args.rubric.clone(),
    };
    crate::r#gen::check_sizes(&opts)?;
    let mut store = Store::create_or_open(path)?;
    if !store.list_accounts(&Default::default())?.is_empty() {
        return Err(said(msg::gen_not_empty(lang, &path.display().to_string())));
    }
    let bar = indicatif::ProgressBar::new(0);
    bar.set_style(
        indicatif::ProgressStyle::with_template("{msg:>10} [{bar:40}] {pos}/{len} {elapsed}")
            .map_err(|e| anyhow::anyhow!("{e}"))?
            .progress_chars("=> "),
    );
    let started = std::time::Instant::now();
    let report = generate(&mut store, &opts, &mut |stage, done, total| {
        bar.set_message(msg::gen_stage(lang, stage));
        bar.set_length(total);
        bar.set_position(done);
    })?;
    bar.finish_and_clear();
    println!(
        "{}",
        report.done(
            lang,
            started.elapsed().as_secs_f64(),
            &path.display().to_string()
        )
    );
    Ok(())
}

pub fn tui(store: Store, lang: Lang, args: &TuiArgs, path: &Path) -> anyhow::Result<()> {
    let round = match &args.round {
        Some(key) => Some(super::resolve::round(&store, key, lang)?.id),
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

fn lang_now() -> Lang {
    crate::i18n::current()
}
