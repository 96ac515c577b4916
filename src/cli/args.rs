//! The clap definitions of the subcommands' arguments (the top-level `Cli` and `Command` stay
//! in `cli/mod.rs`), and the value parsers they share.

use std::path::PathBuf;

use clap::{Args, Subcommand, ValueEnum};

use super::values::{parse_count, parse_date, parse_level, parse_platform};
use super::{Format, score_import};
use crate::domain::platform::{Level, Platform};

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
        /// text (the tree) or json (every field of the rubric)
        #[arg(long, value_enum, default_value = "text")]
        format: ShowFormat,
    },
    /// List the rubric templates built into assay
    Templates,
    /// Write a new rubric from a built-in template: RON with Chinese comments, or a workbook
    New {
        /// Template id (see `assay rubric templates`)
        #[arg(long, default_value = "four-dimensions", value_name = "ID")]
        template: String,
        /// File to write (.ron or .xlsx)
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// ron or xlsx (default: from the extension of --out)
        #[arg(long, value_enum)]
        format: Option<RubricFormat>,
        /// Overwrite the file if it exists
        #[arg(long)]
        force: bool,
    },
    /// Write a rubric as an Excel workbook: one row per indicator, the header on its own sheet
    Export {
        /// Rubric file (.ron, UTF-8)
        #[arg(value_name = "FILE")]
        file: PathBuf,
        /// Workbook format (xlsx)
        #[arg(long, value_enum, default_value = "xlsx")]
        format: RubricFormat,
        /// Workbook to write
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// Overwrite the file if it exists
        #[arg(long)]
        force: bool,
    },
    /// Read a rubric from an Excel workbook and write it as RON (all or nothing; checked first)
    Import {
        /// Workbook (.xlsx) with a sheet of indicators
        #[arg(value_name = "FILE")]
        file: PathBuf,
        /// Rubric file to write (.ron)
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// Overwrite the file if it exists
        #[arg(long)]
        force: bool,
    },
}

/// What `rubric show` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ShowFormat {
    Text,
    Json,
}

/// A rubric's file format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RubricFormat {
    Ron,
    Xlsx,
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
    /// Platform (微信公众号/视频号/微博/抖音/快手/小红书/B站/头条号/…, or a code such as wechat); repeatable
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
    /// Show or set what the round's documents (the bulletin) say about who issues them: the
    /// issuing office, the addressees, the documents the check rests on, the number and the
    /// 整改 deadline; `assay bulletin` prints them (its own options override them)
    Document(super::round_document::DocumentArgs),
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
    /// against its last history row, every round setting, panel, metrics week, account and
    /// evaluator against the ledger, every trigger, the kept results and operations index against
    /// a recomputation; exit 1 naming the first thing that differs
    Verify {
        /// Round id or name (default: every round)
        #[arg(long)]
        round: Option<String>,
        /// Output format: text (default) or json
        #[arg(long, value_enum, default_value_t = ExplainFormat::Text)]
        format: ExplainFormat,
        /// A chain head written down earlier (printed in a bulletin's footer): it must still be
        /// in the history or the ledger, else they were rewritten
        #[arg(long, value_name = "HASH")]
        pin: Vec<String>,
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
    /// Who is looking, for blind scoring in a round with a panel (default: this database's evaluator in the config file)
    #[arg(long = "as", value_name = "NAME")]
    pub viewer: Option<String>,
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
    /// Who is looking, for blind scoring in a round with a panel (default: this database's evaluator in the config file)
    #[arg(long = "as", value_name = "NAME")]
    pub viewer: Option<String>,
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
    /// Write the sample city's files into this folder (the registry and the rubrics as Excel
    /// workbooks, the metrics as CSV) to practise imports, instead of opening the demo
    #[arg(long, value_name = "DIR")]
    pub samples: Option<PathBuf>,
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
