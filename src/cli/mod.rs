//! Command-line interface: clap definitions, database location, and dispatch to handlers.

mod account;
mod annual_args;
mod annual_compare;
mod annual_out;
mod annual_year;
mod appeal;
mod args;
mod assigned;
mod audit;
mod audit_ledger;
mod audit_tops;
mod backup;
mod blind;
mod bulletin;
mod bulletin_args;
mod bulletin_follow;
mod corrections;
mod demo;
mod demo_samples;
mod explain;
mod help_zh;
mod help_zh_compare;
mod help_zh_documents;
mod help_zh_follow;
mod help_zh_more;
mod help_zh_trust;
mod history;
mod metrics;
mod offenders;
mod ops;
mod ops_auto;
mod ops_auto_run;
mod ops_read;
mod ops_render;
mod output;
mod panel;
mod rectify;
mod rectify_report;
mod report;
mod report_args;
mod report_compare;
mod report_whatif;
mod resolve;
mod round;
mod round_check;
mod round_document;
mod rubric;
mod rubric_files;
mod score;
mod score_import;
mod sheet;
mod usage;
mod values;

use std::path::PathBuf;

use clap::{Parser, Subcommand};

use crate::i18n::Lang;

pub use args::*;
pub use output::Format;
pub use usage::parse;
use values::parse_lang;

/// assay — score government new-media accounts (政务新媒体) against weighted rubrics.
#[derive(Debug, Parser)]
#[command(name = "assay", version, about, long_about = None)]
pub struct Cli {
    /// Database file (default: assay.db in the platform data directory)
    #[arg(long, global = true, env = "ASSAY_DB", value_name = "PATH")]
    pub db: Option<PathBuf>,
    /// Interface language: zh (default) or en
    #[arg(long, global = true, env = "ASSAY_LANG", value_parser = parse_lang)]
    pub lang: Option<Lang>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create (or upgrade) the database and print where it is
    Init,
    /// Check, show, create, export or import rubric files
    #[command(subcommand)]
    Rubric(RubricCmd),
    /// Import or list accounts
    #[command(subcommand)]
    Account(AccountCmd),
    /// Create or list rounds
    #[command(subcommand)]
    Round(RoundCmd),
    /// Record scores from scripts
    #[command(subcommand)]
    Score(ScoreCmd),
    /// Expert panels: agreement, export and merge between evaluators' databases
    #[command(subcommand)]
    Panel(panel::PanelCmd),
    /// Print how an account's score is derived
    Explain(ExplainArgs),
    /// Report a round: pass rate, groups, statistics, rankings, roll-ups (table, JSON, CSV, Markdown, XLSX)
    Report(report::ReportArgs),
    /// Show the change history of a round: who, when, which item, old → new
    History(HistoryArgs),
    /// Write score sheets (评分表) for one account or a whole round: XLSX, CSV or Markdown
    Sheet(sheet::SheetArgs),
    /// Write the round bulletin (通报) as a Word 公文 after GB/T 9704 (docx), Markdown,
    /// printable HTML or a workbook (xlsx)
    Bulletin(bulletin::BulletinArgs),
    /// Follow a round's findings to their end: 整改 status, units' reports, re-checks (复查)
    #[command(subcommand)]
    Rectify(rectify::RectifyCmd),
    /// Appeals (申诉复核) against a draft bulletin's findings: file, decide, list
    #[command(subcommand)]
    Appeal(appeal::AppealCmd),
    /// Combine a year's rounds into the annual assessment (年度考核)
    Annual(annual_out::AnnualArgs),
    /// Import operations metrics (posts or weekly figures) or list past imports
    #[command(subcommand)]
    Metrics(metrics::MetricsCmd),
    /// Operations index: each account against its group average, streaks and activity flags
    Ops(ops::OpsArgs),
    /// Repeat offenders: the same finding in N of the last M rounds, or failed twice in a year,
    /// flagged 建议关停/整合 with their history
    Offenders(offenders::OffendersArgs),
    /// Open the demo database (the sample city), created on first use and kept afterwards
    Demo(DemoArgs),
    /// Generate deterministic synthetic data at any scale
    Gen(GenArgs),
    /// Check the tamper-evident history and ledger: chains, heads, entries, pinned rubrics, every
    /// input of a published figure
    #[command(subcommand)]
    Audit(AuditCmd),
    /// Copy the database while it is in use (SQLite's online backup), checked before it is kept
    Backup(backup::BackupArgs),
    /// Print shell completions
    Completions {
        /// Shell to print completions for
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Open the scoring TUI (the default with no subcommand)
    Tui(TuiArgs),
}

/// Where the database lives: `--db`, then `ASSAY_DB` (both via clap), then the platform data dir.
pub fn default_db_path() -> anyhow::Result<PathBuf> {
    let dirs = crate::config::project_dirs()
        .ok_or_else(|| anyhow::anyhow!(crate::i18n::msg::no_home(crate::i18n::current())))?;
    Ok(dirs.data_dir().join("assay.db"))
}

fn db_path(cli: &Cli) -> anyhow::Result<PathBuf> {
    match &cli.db {
        Some(p) => Ok(p.clone()),
        None => default_db_path(),
    }
}

/// Opens the existing database (a missing file is an error: read commands create nothing).
fn open_store(cli: &Cli) -> anyhow::Result<crate::storage::Store> {
    let path = db_path(cli)?;
    crate::storage::Store::open(&path).map_err(|e| anyhow::anyhow!(e.message(lang(cli))))
}

/// Refuses an input file that is the database itself: reading it with std::fs while SQLite
/// holds it would drop SQLite's locks (POSIX), besides being a mistake. Compares paths only.
fn not_the_database(file: &std::path::Path, cli: &Cli, lang: Lang) -> anyhow::Result<()> {
    let db = db_path(cli)?;
    let same = match (file.canonicalize(), db.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    };
    if same {
        anyhow::bail!(match lang {
            Lang::Zh => format!(
                "{} 是数据库文件本身，不能作为输入；请给出要读取的文件",
                file.display()
            ),
            Lang::En => format!(
                "{} is the database itself, not an input file; give the file to read",
                file.display()
            ),
        });
    }
    Ok(())
}

/// Opens the database, creating it when missing: `init` and the commands that create data.
fn create_store(cli: &Cli) -> anyhow::Result<crate::storage::Store> {
    let path = db_path(cli)?;
    crate::storage::Store::create_or_open(&path).map_err(|e| anyhow::anyhow!(e.message(lang(cli))))
}

/// The interface language: `--lang`/`ASSAY_LANG`, then the config file, then Chinese.
pub fn lang(cli: &Cli) -> Lang {
    cli.lang
        .or_else(|| crate::config::Config::load().ok().and_then(|c| c.lang))
        .unwrap_or_default()
}

/// Runs a parsed command line. Storage errors are worded in the interface language.
pub fn run(cli: Cli) -> anyhow::Result<()> {
    let lang = lang(&cli);
    if matches!(&cli.command, None | Some(Command::Tui(_)))
        || matches!(&cli.command, Some(Command::Demo(d)) if !d.print && d.samples.is_none())
    {
        crate::runtime::require_terminal(lang)?;
    } else {
        // A command's peak memory is what its user sees; a TUI session reuses what it freed.
        crate::memory::give_back_at_once();
    }
    dispatch(cli, lang).map_err(|e| match e.downcast_ref::<crate::storage::StoreError>() {
        Some(s) => anyhow::anyhow!(s.message(lang)),
        None => e,
    })
}

fn dispatch(cli: Cli, lang: Lang) -> anyhow::Result<()> {
    match &cli.command {
        None => demo::tui(
            open_store(&cli)?,
            lang,
            &TuiArgs::default(),
            &db_path(&cli)?,
        ),
        Some(Command::Tui(args)) => demo::tui(open_store(&cli)?, lang, args, &db_path(&cli)?),
        Some(Command::Init) => {
            let path = db_path(&cli)?;
            create_store(&cli)?;
            crate::io::out::outln!("{}", path.display())?;
            eprintln!("{}", crate::i18n::msg::init_next(lang));
            Ok(())
        }
        Some(Command::Rubric(cmd)) => rubric::run(cmd, lang),
        Some(Command::Account(AccountCmd::Import(args))) if args.update => {
            corrections::import_update(&mut open_store(&cli)?, args, lang)
        }
        Some(Command::Account(AccountCmd::Import(args))) => {
            not_the_database(&args.file, &cli, lang)?;
            account::import(&mut create_store(&cli)?, args, lang)
        }
        Some(Command::Account(AccountCmd::Rename { account, name })) => {
            corrections::rename_account(&mut open_store(&cli)?, account, name, lang)
        }
        Some(Command::Account(AccountCmd::Retire { account })) => {
            corrections::retire_account(&mut open_store(&cli)?, account, lang)
        }
        Some(Command::Account(AccountCmd::List { filter, format })) => {
            account::list(&open_store(&cli)?, filter, *format, lang)
        }
        Some(Command::Round(cmd)) => {
            let mut store = match cmd {
                RoundCmd::Create { rubric, .. } => {
                    not_the_database(rubric, &cli, lang)?;
                    create_store(&cli)?
                }
                _ => open_store(&cli)?,
            };
            round::run(&mut store, cmd, lang)
        }
        Some(Command::Score(ScoreCmd::Set(args))) => score::set(&mut open_store(&cli)?, args, lang),
        Some(Command::Score(ScoreCmd::Submit(args))) => {
            score::submit(&mut open_store(&cli)?, args, lang)
        }
        Some(Command::Score(ScoreCmd::Reopen(args))) => {
            score::reopen(&mut open_store(&cli)?, args, lang)
        }
        Some(Command::Score(ScoreCmd::Import(args))) => {
            score_import::run(&mut open_store(&cli)?, args, lang)
        }
        // Joining a round package is how an evaluator's database begins: it may create it.
        Some(Command::Panel(cmd @ panel::PanelCmd::Join(args))) => {
            not_the_database(&args.file, &cli, lang)?;
            panel::run(&mut create_store(&cli)?, cmd, lang)
        }
        Some(Command::Panel(cmd)) => panel::run(&mut open_store(&cli)?, cmd, lang),
        Some(Command::Explain(args)) => explain::run(&open_store(&cli)?, args, lang),
        Some(Command::History(args)) => history::run(&open_store(&cli)?, args, lang),
        // What-if weights write nothing: the database is opened read-only.
        Some(Command::Report(args)) if report_whatif::asked(args) => {
            let path = db_path(&cli)?;
            let mut store = crate::storage::Store::open_read_only(&path)
                .map_err(|e| anyhow::anyhow!(e.message(lang)))?;
            report_whatif::run(&mut store, args, lang)
        }
        Some(Command::Report(args)) => report::run(&mut open_store(&cli)?, args, lang),
        Some(Command::Sheet(args)) => sheet::sheet(&mut open_store(&cli)?, args, lang),
        Some(Command::Bulletin(args)) => bulletin::bulletin(&mut open_store(&cli)?, args, lang),
        Some(Command::Rectify(cmd)) => rectify::run(&mut open_store(&cli)?, cmd, lang),
        Some(Command::Appeal(cmd)) => appeal::run(&mut open_store(&cli)?, cmd, lang),
        Some(Command::Annual(args)) => annual_out::annual(&mut open_store(&cli)?, args, lang),
        Some(Command::Metrics(cmd)) => metrics::run(&mut open_store(&cli)?, cmd, lang),
        Some(Command::Ops(args)) => ops::run(&mut open_store(&cli)?, args, lang),
        Some(Command::Offenders(args)) => offenders::run(&mut open_store(&cli)?, args, lang),
        Some(Command::Demo(args)) => demo::demo(cli.db.clone(), args, lang),
        Some(Command::Gen(args)) => demo::synth(&db_path(&cli)?, args, lang),
        Some(Command::Audit(AuditCmd::Verify { round, format, pin })) => {
            audit::verify(&mut open_store(&cli)?, round.as_deref(), *format, pin, lang)
        }
        Some(Command::Backup(args)) => backup::run(&open_store(&cli)?, &db_path(&cli)?, args, lang),
        Some(Command::Completions { shell }) => {
            let mut cmd = <Cli as clap::CommandFactory>::command();
            let mut text = Vec::new();
            clap_complete::generate(*shell, &mut cmd, "assay", &mut text);
            Ok(crate::io::out::print_bytes(&text)?)
        }
    }
}
