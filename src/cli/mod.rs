//! Command-line interface: clap definitions, database location, and dispatch to handlers.

mod account;
mod demo;
mod explain;
mod metrics;
mod ops;
mod ops_auto;
mod ops_render;
mod output;
mod round;
mod rubric;
mod score;

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::domain::platform::{Level, Platform};
use crate::i18n::Lang;

pub use output::Format;

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
    /// Check or show rubric files
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
    /// Print how an account's score is derived
    Explain(ExplainArgs),
    /// Import operations metrics (posts or weekly figures) or list past imports
    #[command(subcommand)]
    Metrics(metrics::MetricsCmd),
    /// Operations index: each account against its group average, streaks and activity flags
    Ops(ops::OpsArgs),
    /// Load the bundled sample data into a fresh demo database and open it
    Demo(DemoArgs),
    /// Generate deterministic synthetic data at any scale
    Gen(GenArgs),
    /// Print shell completions
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Open the scoring TUI (the default with no subcommand)
    Tui(TuiArgs),
}

#[derive(Debug, Subcommand)]
pub enum RubricCmd {
    /// Validate rubric files; exit 1 if any has an error
    Check {
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Print a rubric as a tree with weights, points and kinds
    Show { file: PathBuf },
}

#[derive(Debug, Subcommand)]
pub enum AccountCmd {
    /// Import accounts from CSV or XLSX (UTF-8, UTF-8 with BOM or GBK); all or nothing
    Import(ImportArgs),
    /// List accounts
    List {
        #[command(flatten)]
        filter: FilterArgs,
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    pub file: PathBuf,
    /// Level for rows without a level column
    #[arg(long, value_parser = parse_level)]
    pub level: Option<Level>,
    /// Region path (省/市/县/乡镇) for rows without a region column
    #[arg(long)]
    pub region: Option<String>,
    /// Business domain for rows without one
    #[arg(long)]
    pub domain: Option<String>,
    /// Status for rows without one
    #[arg(long)]
    pub status: Option<String>,
}

#[derive(Debug, Clone, Default, Args)]
pub struct FilterArgs {
    /// Administrative level (province, city, county, township or 省级/市级/县级/乡镇级); repeatable
    #[arg(long, value_parser = parse_level)]
    pub level: Vec<Level>,
    /// Platform (wechat, weibo, douyin, toutiao, app, miniprogram, other or 微信/微博/…); repeatable
    #[arg(long, value_parser = parse_platform)]
    pub platform: Vec<Platform>,
    /// Region path prefix, whole segments (浙江省/丽水市)
    #[arg(long)]
    pub region: Option<String>,
    /// Business domain
    #[arg(long)]
    pub domain: Option<String>,
    /// Text in the name or host unit
    #[arg(long)]
    pub search: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum RoundCmd {
    /// Create a round pinned to a rubric file, over the accounts the filters select
    Create {
        name: String,
        #[arg(long)]
        rubric: PathBuf,
        /// Monitoring date, YYYY-MM-DD
        #[arg(long, value_parser = parse_date)]
        date: chrono::NaiveDate,
        #[command(flatten)]
        filter: FilterArgs,
    },
    /// List rounds
    List {
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// Summarise a round: accounts, scored, passed, failed, pass rate, vetoes by reason
    Summary {
        /// Round id or name
        round: String,
        #[arg(long, value_enum, default_value_t = ExplainFormat::Text)]
        format: ExplainFormat,
    },
}

#[derive(Debug, Subcommand)]
pub enum ScoreCmd {
    /// Set (or clear) one evaluator's entry for one indicator
    Set(SetArgs),
}

#[derive(Debug, Args)]
#[command(group = clap::ArgGroup::new("input").required(true).args(["value", "count", "veto", "na", "clear"]))]
pub struct SetArgs {
    #[arg(long)]
    pub round: String,
    /// Account id, unique name, or platform:name
    #[arg(long)]
    pub account: String,
    #[arg(long)]
    pub evaluator: String,
    #[arg(long)]
    pub indicator: String,
    /// Points (range), 1/0 (check), or 0 for a veto item checked without a problem
    #[arg(long, allow_negative_numbers = true)]
    pub value: Option<f64>,
    /// Instances (deduction or bonus)
    #[arg(long)]
    pub count: Option<u32>,
    /// Veto reason (its text or its number)
    #[arg(long)]
    pub veto: Option<String>,
    /// Not applicable to this account
    #[arg(long)]
    pub na: bool,
    /// Remove the entry
    #[arg(long)]
    pub clear: bool,
    #[arg(long)]
    pub note: Option<String>,
    /// Evidence link or file; repeatable
    #[arg(long)]
    pub evidence: Vec<String>,
}

#[derive(Debug, Args)]
pub struct ExplainArgs {
    #[arg(long)]
    pub round: String,
    #[arg(long)]
    pub account: String,
    #[arg(long)]
    pub evaluator: Option<String>,
    #[arg(long, value_enum, default_value_t = ExplainFormat::Text)]
    pub format: ExplainFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExplainFormat {
    Text,
    Json,
}

#[derive(Debug, Args)]
pub struct DemoArgs {
    /// Print the rounds and their summaries instead of opening the TUI
    #[arg(long)]
    pub print: bool,
}

#[derive(Debug, Args)]
pub struct GenArgs {
    #[arg(long, default_value_t = 100_000)]
    pub accounts: u64,
    #[arg(long, default_value_t = 3)]
    pub evaluators: u32,
    #[arg(long, default_value_t = 52)]
    pub weeks: u32,
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Rubric to score against (default: a generated 40-indicator rubric)
    #[arg(long)]
    pub rubric: Option<PathBuf>,
}

#[derive(Debug, Args, Default)]
pub struct TuiArgs {
    /// Round id or name to open
    #[arg(long)]
    pub round: Option<String>,
    /// Evaluator name (default: from the config file, or asked once)
    #[arg(long)]
    pub evaluator: Option<String>,
}

fn parse_lang(s: &str) -> Result<Lang, String> {
    Lang::parse(s).ok_or_else(|| format!("unknown language \"{s}\"; use zh or en"))
}

fn parse_level(s: &str) -> Result<Level, String> {
    Level::parse(s).ok_or_else(|| {
        format!(
            "unknown level \"{s}\"; use province, city, county, township (省级, 市级, 县级, 乡镇级)"
        )
    })
}

fn parse_platform(s: &str) -> Result<Platform, String> {
    Platform::parse(s).ok_or_else(|| {
        format!(
            "unknown platform \"{s}\"; use wechat, weibo, douyin, toutiao, app, miniprogram, other"
        )
    })
}

fn parse_date(s: &str) -> Result<chrono::NaiveDate, String> {
    chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map_err(|_| format!("bad date \"{s}\"; write it as YYYY-MM-DD, e.g. 2024-12-16"))
}

impl FilterArgs {
    pub fn to_filter(&self) -> crate::storage::AccountFilter {
        crate::storage::AccountFilter {
            levels: self.level.clone(),
            platforms: self.platform.clone(),
            region: self.region.clone(),
            domain: self.domain.clone(),
            text: self.search.clone(),
        }
    }
}

/// Where the database lives: `--db`, then `ASSAY_DB` (both via clap), then the platform data dir.
pub fn default_db_path() -> anyhow::Result<PathBuf> {
    let dirs = crate::config::project_dirs().ok_or_else(|| {
        anyhow::anyhow!(
            "cannot find a home directory for the database; pass --db PATH or set ASSAY_DB"
        )
    })?;
    Ok(dirs.data_dir().join("assay.db"))
}

fn db_path(cli: &Cli) -> anyhow::Result<PathBuf> {
    match &cli.db {
        Some(p) => Ok(p.clone()),
        None => default_db_path(),
    }
}

fn open_store(cli: &Cli) -> anyhow::Result<crate::storage::Store> {
    let path = db_path(cli)?;
    Ok(crate::storage::Store::open(&path)?)
}

/// The interface language: `--lang`/`ASSAY_LANG`, then the config file, then Chinese.
fn lang(cli: &Cli) -> Lang {
    cli.lang
        .or_else(|| crate::config::Config::load().ok().and_then(|c| c.lang))
        .unwrap_or_default()
}

/// Runs a parsed command line.
pub fn run(cli: Cli) -> anyhow::Result<()> {
    let lang = lang(&cli);
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
            crate::storage::Store::open(&path)?;
            println!("{}", path.display());
            Ok(())
        }
        Some(Command::Rubric(cmd)) => rubric::run(cmd, lang),
        Some(Command::Account(AccountCmd::Import(args))) => {
            account::import(&mut open_store(&cli)?, args, lang)
        }
        Some(Command::Account(AccountCmd::List { filter, format })) => {
            account::list(&open_store(&cli)?, filter, *format, lang)
        }
        Some(Command::Round(cmd)) => round::run(&mut open_store(&cli)?, cmd, lang),
        Some(Command::Score(ScoreCmd::Set(args))) => score::set(&mut open_store(&cli)?, args),
        Some(Command::Explain(args)) => explain::run(&open_store(&cli)?, args, lang),
        Some(Command::Metrics(cmd)) => metrics::run(&mut open_store(&cli)?, cmd, lang),
        Some(Command::Ops(args)) => ops::run(&open_store(&cli)?, args, lang),
        Some(Command::Demo(args)) => demo::demo(cli.db.clone(), args, lang),
        Some(Command::Gen(args)) => demo::synth(&db_path(&cli)?, args),
        Some(Command::Completions { shell }) => {
            let mut cmd = <Cli as clap::CommandFactory>::command();
            clap_complete::generate(*shell, &mut cmd, "assay", &mut std::io::stdout());
            Ok(())
        }
    }
}
