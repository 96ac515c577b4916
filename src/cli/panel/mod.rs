//! `assay panel …`: agreement figures, export and merge of evaluators' work between databases.

mod agreement;
mod calibration;
mod categories;
mod exchange;
mod members;
mod queue;
mod result;

pub use exchange::MERGE_PREFIX;

use std::path::PathBuf;

use clap::{Args, Subcommand, ValueEnum};

use super::Format;
use crate::i18n::Lang;
use crate::storage::Store;

#[derive(Debug, Subcommand)]
pub enum PanelCmd {
    /// Agreement between evaluators: ICC (six forms), Kendall's W, Krippendorff's alpha
    Agreement(AgreementArgs),
    /// Write one evaluator's work in a round to a checksummed file for the chair
    Export(ExportArgs),
    /// Merge evaluators' export files into this database: all or nothing, conflicts listed
    Merge(MergeArgs),
    /// Indicators where the evaluators disagree (spread, SD, split veto), not yet reconciled
    Queue(QueueArgs),
    /// Record the panel's consensus for one indicator of one account, with a rationale
    Reconcile(ReconcileArgs),
    /// Add or update a member of the round's panel (evaluator or chair, with affiliation)
    Member(MemberArgs),
    /// Assign evaluators to accounts: all, or K per account, balanced, no conflicts of interest
    Assign(AssignArgs),
    /// The round's panel with assignments and progress, and its result rules
    Show(ShowArgs),
    /// Show or set the round's panel result rules: method, quorum, veto across the panel
    Config(ConfigArgs),
    /// The panel result per account: individual totals, result, z-normalised result, veto split
    Result(ResultArgs),
    /// A calibration round read back: agreement per indicator and each evaluator's offset
    Calibration(CalibrationArgs),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum By {
    Round,
    Category,
    Indicator,
}

#[derive(Debug, Args)]
pub struct AgreementArgs {
    /// Round id or name
    #[arg(long)]
    pub round: String,
    /// Group by round (sheet totals), category (subtotals) or indicator (points)
    #[arg(long, value_enum, default_value_t = By::Round)]
    pub by: By,
    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Round id or name
    #[arg(long)]
    pub round: String,
    /// Evaluator name
    #[arg(long)]
    pub evaluator: String,
    /// File to write (JSON with a SHA-256 checksum)
    #[arg(long)]
    pub out: PathBuf,
}

#[derive(Debug, Args)]
pub struct MergeArgs {
    /// Panel export files from the evaluators
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// Resolve conflicts: theirs or ours for all, or per entry as theirs:ACCOUNT/INDICATOR
    /// (ACCOUNT is the account name; repeatable)
    #[arg(long)]
    pub take: Vec<String>,
    /// Why the conflicts were resolved so (kept in the history); required with --take
    #[arg(long)]
    pub reason: Option<String>,
}

#[derive(Debug, Args)]
pub struct QueueArgs {
    /// Round id or name
    #[arg(long)]
    pub round: String,
    /// Queue when max − min exceeds this share of the indicator's maximum (default 0.3)
    #[arg(long)]
    pub spread: Option<f64>,
    /// Queue when the evaluators' SD exceeds this (points)
    #[arg(long)]
    pub sd: Option<f64>,
    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
    /// Who is looking, for blind scoring in a round with a panel (default: this database's evaluator in the config file)
    #[arg(long = "as", value_name = "NAME")]
    pub viewer: Option<String>,
}

#[derive(Debug, Args)]
#[command(group = clap::ArgGroup::new("consensus").required(true).args(["value", "count", "veto"]))]
pub struct ReconcileArgs {
    /// Round id or name
    #[arg(long)]
    pub round: String,
    /// Account id, unique name, or platform:name
    #[arg(long)]
    pub account: String,
    /// Indicator id
    #[arg(long)]
    pub indicator: String,
    /// The agreed points (or 0 for a veto item checked clean)
    #[arg(long)]
    pub value: Option<f64>,
    /// The agreed number of instances of a deduction or bonus item
    #[arg(long)]
    pub count: Option<u32>,
    /// The agreed veto reason
    #[arg(long)]
    pub veto: Option<String>,
    /// Why the panel agreed so (kept in the history)
    #[arg(long)]
    pub rationale: String,
    /// The chair recording it
    #[arg(long)]
    pub chair: String,
}

#[derive(Debug, Args)]
pub struct ConfigArgs {
    /// Round id or name
    #[arg(long)]
    pub round: String,
    /// mean (default), median, or trimmed (drops one highest and one lowest; needs quorum ≥ 3)
    #[arg(long, value_parser = result::parse_method)]
    pub method: Option<crate::domain::panel::Method>,
    /// Minimum complete sheets per account; fewer leaves it 未完成
    #[arg(long)]
    pub quorum: Option<usize>,
    /// Veto across the panel: any (default), majority, all
    #[arg(long, value_parser = result::parse_veto)]
    pub veto: Option<crate::domain::panel::VetoRule>,
    /// Mark the round as a calibration round (on) or a live round (off)
    #[arg(long, value_enum)]
    pub calibration: Option<OnOff>,
    /// A category (id or name) whose own method --method sets (or --inherit clears)
    #[arg(long, value_name = "CATEGORY")]
    pub category: Option<String>,
    /// With --category: the category goes back to the round's method
    #[arg(long, requires = "category", conflicts_with = "method")]
    pub inherit: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OnOff {
    On,
    Off,
}

#[derive(Debug, Args)]
pub struct CalibrationArgs {
    /// Round id or name
    #[arg(long)]
    pub round: String,
    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

#[derive(Debug, Args)]
pub struct ResultArgs {
    /// Round id or name
    #[arg(long)]
    pub round: String,
    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

#[derive(Debug, Args)]
pub struct MemberArgs {
    /// Round id or name
    #[arg(long)]
    pub round: String,
    /// Evaluator name
    #[arg(long)]
    pub evaluator: String,
    /// evaluator (default) or chair
    #[arg(long, default_value = "evaluator")]
    pub role: String,
    /// The host unit the member belongs to: never assigned that unit's accounts
    #[arg(long)]
    pub affiliation: Option<String>,
}

#[derive(Debug, Args)]
pub struct AssignArgs {
    /// Round id or name
    #[arg(long)]
    pub round: String,
    /// Evaluators per account (default: every evaluator scores every account)
    #[arg(long)]
    pub per_account: Option<usize>,
    /// Seed for a reproducible assignment
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// Round id or name
    #[arg(long)]
    pub round: String,
    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

pub fn run(store: &mut Store, cmd: &PanelCmd, lang: Lang) -> anyhow::Result<()> {
    match cmd {
        PanelCmd::Agreement(a) => agreement::run(store, a, lang),
        PanelCmd::Export(a) => exchange::export(store, a, lang),
        PanelCmd::Merge(a) => exchange::merge(store, a, lang),
        PanelCmd::Queue(a) => queue::run(store, a, lang),
        PanelCmd::Member(a) => members::member(store, a, lang),
        PanelCmd::Assign(a) => members::assign(store, a, lang),
        PanelCmd::Show(a) => members::show(store, a, lang),
        PanelCmd::Config(a) => result::config(store, a, lang),
        PanelCmd::Result(a) => result::result(store, a, lang),
        PanelCmd::Reconcile(a) => queue::reconcile(store, a, lang),
        PanelCmd::Calibration(a) => calibration::run(store, a, lang),
    }
}
