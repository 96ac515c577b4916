//! Command-line interface: clap definitions, database location, and dispatch to handlers.

mod account;
mod annual_out;
mod audit;
mod corrections;
mod demo;
mod explain;
mod help_zh;
mod history;
mod metrics;
mod ops;
mod ops_auto;
mod ops_render;
mod output;
mod panel;
mod report;
mod resolve;
mod round;
mod round_check;
mod rubric;
mod score;
mod score_import;
mod sheet;
mod usage;

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::domain::platform::{Level, Platform};
use crate::i18n::Lang;

pub use output::Format;
pub use usage::parse;

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
    /// Write the round bulletin (通报): Markdown, self-contained HTML with charts, or XLSX
    Bulletin(sheet::BulletinArgs),
    /// Combine a year's rounds into the annual assessment (年度考核)
    Annual(sheet::AnnualArgs),
    /// Import operations metrics (posts or weekly figures) or list past imports
    #[command(subcommand)]
    Metrics(metrics::MetricsCmd),
    /// Operations index: each account against its group average, streaks and activity flags
    Ops(ops::OpsArgs),
    /// Open the demo database (the sample city), created on first use and kept afterwards
    Demo(DemoArgs),
    /// Generate deterministic synthetic data at any scale
    Gen(GenArgs),
    /// Check the tamper-evident history: chains, heads, entries, pinned rubrics
    #[command(subcommand)]
    Audit(AuditCmd),
    /// Print shell completions
    Completions {
        /// Shell to print completions for
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
        /// Rubric files (.ron, UTF-8) to check
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
    },
    /// Print a rubric as a tree with weights, points and kinds
    Show {
        /// Rubric file (.ron, UTF-8)
        #[arg(value_name = "FILE")]
        file: PathBuf,
    },
}

#[derive(Debug, Subcommand)]
pub enum AccountCmd {
    /// Import accounts from CSV or XLSX (UTF-8, UTF-8 with BOM or GBK); all or nothing
    Import(ImportArgs),
    /// Rename an account (its platform stays)
    Rename {
        /// Account id, unique name, or platform:name
        #[arg(value_name = "ACCOUNT")]
        account: String,
        /// The new name
        #[arg(value_name = "NEW_NAME")]
        name: String,
    },
    /// Retire an account: it leaves the list and new rounds; existing rounds keep it
    Retire {
        /// Account id, unique name, or platform:name
        #[arg(value_name = "ACCOUNT")]
        account: String,
    },
    /// List accounts
    List {
        #[command(flatten)]
        filter: FilterArgs,
        /// Output: table for people, json or csv for scripts
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// Registry file: .csv (UTF-8, UTF-8 with BOM or GBK) or .xlsx (first sheet)
    #[arg(value_name = "FILE")]
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
    /// Update accounts already stored (same platform and name) and add new ones, printing every
    /// changed field; without it an existing account makes the import fail
    #[arg(long)]
    pub update: bool,
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
        /// Round name, unique (e.g. 2024年第四季度)
        name: String,
        /// Rubric file the round is pinned to (its exact text is stored with the round)
        #[arg(long, value_name = "FILE")]
        rubric: PathBuf,
        /// Monitoring date, YYYY-MM-DD
        #[arg(long, value_parser = parse_date)]
        date: chrono::NaiveDate,
        #[command(flatten)]
        filter: FilterArgs,
    },
    /// List rounds
    List {
        /// Output: table for people, json or csv for scripts
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// Rename a round
    Rename {
        /// Round id or name
        #[arg(value_name = "ROUND")]
        round: String,
        /// The new name
        #[arg(value_name = "NEW_NAME")]
        name: String,
    },
    /// Delete a round; refused once it has scores unless --force (which keeps its scores and history)
    Delete {
        /// Round id or name
        #[arg(value_name = "ROUND")]
        round: String,
        /// Delete a round that has scores: it is hidden, its scores and history are kept
        #[arg(long)]
        force: bool,
    },
    /// Summarise a round: accounts, scored, passed, failed, pass rate, vetoes by reason
    Summary {
        /// Round id or name
        round: String,
        /// Output: text for people, json for scripts
        #[arg(long, value_enum, default_value_t = ExplainFormat::Text)]
        format: ExplainFormat,
    },
    /// List stored entries that break the scoring rules (items that do not apply to the
    /// account, vetoes marked N/A, unknown items, values out of range); exit 1 when any
    Check {
        /// Round id or name
        #[arg(long)]
        round: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum ScoreCmd {
    /// Set (or clear) one evaluator's entry for one indicator
    Set(SetArgs),
    /// Submit a complete sheet: it is locked until reopened (refused while items are missing)
    Submit(SheetArgs),
    /// Reopen a submitted sheet for editing (kept in the history)
    Reopen(SheetArgs),
    /// Import entries from CSV or XLSX (the columns of sample-data/scores-*.csv); all or nothing
    Import(score_import::ScoreImportArgs),
}

/// One evaluator's sheet: a round, an account, an evaluator.
#[derive(Debug, Args)]
pub struct SheetArgs {
    /// Round id or name (see `assay round list`)
    #[arg(long, value_name = "ROUND")]
    pub round: String,
    /// Account id, unique name, or platform:name (see `assay account list --search TEXT`)
    #[arg(long, value_name = "ACCOUNT")]
    pub account: String,
    /// Evaluator name, as recorded with each entry
    #[arg(long, value_name = "NAME")]
    pub evaluator: String,
}

#[derive(Debug, Args)]
#[command(group = clap::ArgGroup::new("input").required(true).args(["value", "count", "veto", "na", "clear"]))]
pub struct SetArgs {
    /// Round id or name (see `assay round list`)
    #[arg(long, value_name = "ROUND")]
    pub round: String,
    /// Account id, unique name, or platform:name (see `assay account list --search TEXT`)
    #[arg(long, value_name = "ACCOUNT")]
    pub account: String,
    /// Evaluator name, as recorded with each entry
    #[arg(long, value_name = "NAME")]
    pub evaluator: String,
    /// Indicator id in the round's rubric (see `assay rubric show FILE`)
    #[arg(long, value_name = "ID")]
    pub indicator: String,
    /// Points (range), 1/0 (check), or 0 for a veto item checked without a problem
    #[arg(long, allow_negative_numbers = true)]
    pub value: Option<f64>,
    /// Instances (deduction or bonus): a whole number, 0 or more
    #[arg(long, value_name = "N", allow_negative_numbers = true, value_parser = parse_count)]
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
    /// Reopen the sheet if it was submitted (kept in the history); without it a submitted sheet refuses edits
    #[arg(long)]
    pub reopen: bool,
    /// Free-text note kept with the entry (replaces the earlier note)
    #[arg(long, value_name = "TEXT")]
    pub note: Option<String>,
    /// Evidence links or files, one per line or separated by | (spaces stay part of a name); repeatable
    #[arg(long, value_name = "LINKS")]
    pub evidence: Vec<String>,
}

#[derive(Debug, Subcommand)]
pub enum AuditCmd {
    /// Recompute the history chain of every round (or one) and check every current entry
    /// against its last history row; exit 1 naming the first row or entry that differs
    Verify {
        /// Round id or name (default: every round)
        #[arg(long)]
        round: Option<String>,
        #[arg(long, value_enum, default_value_t = ExplainFormat::Text)]
        format: ExplainFormat,
    },
}

#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// Round id or name (see `assay round list`)
    #[arg(long, value_name = "ROUND")]
    pub round: String,
    /// Account id, unique name, or platform:name (see `assay account list --search TEXT`)
    #[arg(long, value_name = "ACCOUNT")]
    pub account: String,
    /// Only this evaluator's sheet (default: every evaluator who scored the account)
    #[arg(long, value_name = "NAME")]
    pub evaluator: Option<String>,
    /// Output: text for people, json for scripts
    #[arg(long, value_enum, default_value_t = ExplainFormat::Text)]
    pub format: ExplainFormat,
}

#[derive(Debug, Args)]
pub struct HistoryArgs {
    /// Round id or name (see `assay round list`)
    #[arg(long, value_name = "ROUND")]
    pub round: String,
    /// Only this account: id, unique name, or platform:name
    #[arg(long, value_name = "ACCOUNT")]
    pub account: Option<String>,
    /// Only this evaluator's changes
    #[arg(long, value_name = "NAME")]
    pub evaluator: Option<String>,
    /// Output: table for people, json or csv for scripts
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
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
    /// Rebuild the demo database from the sample data (the evaluator's work in it is lost)
    #[arg(long)]
    pub fresh: bool,
}

#[derive(Debug, Args)]
pub struct GenArgs {
    /// Number of synthetic accounts
    #[arg(long, default_value_t = 100_000)]
    pub accounts: u64,
    /// Number of synthetic evaluators scoring them
    #[arg(long, default_value_t = 3)]
    pub evaluators: u32,
    /// Weeks of operations metrics per account
    #[arg(long, default_value_t = 52)]
    pub weeks: u32,
    /// Random seed: the same seed gives the same data
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
    Lang::parse(s).ok_or_else(|| crate::i18n::msg::bad_lang(crate::i18n::current(), s))
}

fn parse_level(s: &str) -> Result<Level, String> {
    Level::parse(s).ok_or_else(|| crate::i18n::msg::bad_level(crate::i18n::current(), s))
}

fn parse_platform(s: &str) -> Result<Platform, String> {
    Platform::parse(s).ok_or_else(|| crate::i18n::msg::bad_platform(crate::i18n::current(), s))
}

fn parse_date(s: &str) -> Result<chrono::NaiveDate, String> {
    chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map_err(|_| crate::i18n::msg::bad_date(crate::i18n::current(), s))
}

fn parse_count(s: &str) -> Result<u32, String> {
    let lang = crate::i18n::current();
    match s.trim().parse::<i64>() {
        Ok(n) if n < 0 => Err(lang
            .pick(
                "次数不能为负数；请输入 0 或更大的整数（0 表示没有发现问题）",
                "a count cannot be negative; enter a whole number, 0 or more (0 means no instances)",
            )
            .to_string()),
        Ok(n) => u32::try_from(n).map_err(|_| {
            lang.pick("次数过大", "the count is too large")
                .to_string()
        }),
        Err(_) => Err(match lang {
            crate::i18n::Lang::Zh => format!("次数“{s}”不是整数；请输入 0 或更大的整数"),
            crate::i18n::Lang::En => {
                format!("count \"{s}\" is not a whole number; enter 0 or more")
            }
        }),
    }
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
        || matches!(&cli.command, Some(Command::Demo(d)) if !d.print)
    {
        crate::runtime::require_terminal(lang)?;
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
            println!("{}", path.display());
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
        Some(Command::Panel(cmd)) => panel::run(&mut open_store(&cli)?, cmd, lang),
        Some(Command::Explain(args)) => explain::run(&open_store(&cli)?, args, lang),
        Some(Command::History(args)) => history::run(&open_store(&cli)?, args, lang),
        Some(Command::Report(args)) => report::run(&mut open_store(&cli)?, args, lang),
        Some(Command::Sheet(args)) => sheet::sheet(&mut open_store(&cli)?, args, lang),
        Some(Command::Bulletin(args)) => sheet::bulletin(&mut open_store(&cli)?, args, lang),
        Some(Command::Annual(args)) => sheet::annual(&mut open_store(&cli)?, args, lang),
        Some(Command::Metrics(cmd)) => metrics::run(&mut open_store(&cli)?, cmd, lang),
        Some(Command::Ops(args)) => ops::run(&open_store(&cli)?, args, lang),
        Some(Command::Demo(args)) => demo::demo(cli.db.clone(), args, lang),
        Some(Command::Gen(args)) => demo::synth(&db_path(&cli)?, args, lang),
        Some(Command::Audit(AuditCmd::Verify { round, format })) => {
            audit::verify(&open_store(&cli)?, round.as_deref(), *format, lang)
        }
        Some(Command::Completions { shell }) => {
            let mut cmd = <Cli as clap::CommandFactory>::command();
            clap_complete::generate(*shell, &mut cmd, "assay", &mut std::io::stdout());
            Ok(())
        }
    }
}
