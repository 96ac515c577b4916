//! The `report` command's arguments and their parsers (groupings, combining methods, roll-up
//! rules), shared by the report, its comparisons and its what-if run.

use std::path::PathBuf;

use clap::{Args, ValueEnum};

use crate::report::group::Dim;
use crate::report::rollup::RollupRule;
use crate::report::sheet::Combine;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    Table,
    Json,
    Csv,
    Md,
    Html,
    Xlsx,
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Round id or name
    #[arg(long)]
    pub round: String,
    /// Group by level, platform, domain, unit, region or region:N (first N segments); comma-separated
    #[arg(long, value_delimiter = ',', value_parser = parse_dim)]
    pub by: Vec<Dim>,
    /// Output format: table (default), json, csv, md, html or xlsx
    #[arg(long, value_enum, default_value_t = ReportFormat::Table)]
    pub format: ReportFormat,
    /// Write to this file instead of standard output (required for xlsx on a terminal)
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// How several evaluators' counted sheets combine: mean, median or trimmed (default: the
    /// round's panel setting, `assay panel config --method`)
    #[arg(long, value_parser = parse_combine)]
    pub combine: Option<Combine>,
    /// Roll accounts up to region depths, e.g. 3,2 (counties, then cities from the counties)
    #[arg(long, value_delimiter = ',')]
    pub rollup: Vec<usize>,
    /// Roll-up rule: mean, min, or veto:X (a vetoed account sets its parent to X)
    #[arg(long, default_value = "mean", value_parser = parse_rule)]
    pub rollup_rule: RollupRule,
    /// Table, CSV and Markdown: list every account (rank, group standing) instead of the groups
    #[arg(long)]
    pub accounts: bool,
    /// Score every entry again instead of reading the kept sheet results
    #[arg(long)]
    pub recompute: bool,
    /// Check that the kept sheet results equal a full recompute; exit 1 on any difference
    #[arg(long)]
    pub verify: bool,
    /// Compare with this earlier round (the base, id or name): per account and group, the change
    /// in score, pass rate, vetoes and full marks, new failures and recoveries, movers
    #[arg(long, value_name = "ROUND")]
    pub compare: Option<String>,
    /// SIMULATED what-if category weights, CATEGORY=POINTS,… (every category of the round's
    /// rubric, adding up to its total): recomputes the round under them and shows how verdicts,
    /// grades and ranks move, writing nothing. Not `annual --weights`, which weighs rounds
    #[arg(long, value_name = "CATEGORY=POINTS,…")]
    pub weights: Option<String>,
    /// SIMULATED: the category weights of a rubric variant file (the round's categories, other
    /// weights), as --weights
    #[arg(long, value_name = "FILE.ron")]
    pub weights_from: Option<PathBuf>,
}

fn parse_dim(s: &str) -> Result<Dim, String> {
    Dim::parse(s).ok_or_else(|| {
        let choices = ["level", "platform", "domain", "unit", "region", "region:N"];
        crate::i18n::msg::unknown_choice(crate::i18n::current(), ("分组", "grouping"), s, &choices)
    })
}

fn parse_combine(s: &str) -> Result<Combine, String> {
    Combine::parse(s).ok_or_else(|| {
        let choices = ["mean", "median", "trimmed"];
        crate::i18n::msg::unknown_choice(
            crate::i18n::current(),
            ("合并方式", "combination"),
            s,
            &choices,
        )
    })
}

fn parse_rule(s: &str) -> Result<RollupRule, String> {
    RollupRule::parse(s).ok_or_else(|| {
        let choices = ["mean", "min", "veto:59"];
        crate::i18n::msg::unknown_choice(
            crate::i18n::current(),
            ("汇总规则", "roll-up rule"),
            s,
            &choices,
        )
    })
}
