//! `assay sheet`, `assay bulletin` and `assay annual`: score sheets, the round bulletin and the
//! annual assessment, written from the one aggregation.

use std::path::{Path, PathBuf};

use anyhow::Context;
use clap::{Args, ValueEnum};

use crate::i18n::Lang;
use crate::report::bulletin::{Bulletin, Heading, render_html, render_md};
use crate::report::scoresheet::{self, Cell, EvaluatorSheet, Sheet, SheetBook, SheetInput};
use crate::storage::{Round, Store};

/// Accounts per workbook for `--all`: far below Excel's sheet and row limits, and small enough
/// that one workbook is held in memory at a time.
pub const ACCOUNTS_PER_BOOK: usize = 1000;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SheetFormat {
    Xlsx,
    Csv,
    Md,
}

#[derive(Debug, Args)]
#[command(group = clap::ArgGroup::new("which").required(true).args(["account", "all"]))]
pub struct SheetArgs {
    /// Round id or name
    #[arg(long)]
    pub round: String,
    /// One account: id, unique name, or platform:name
    #[arg(long)]
    pub account: Option<String>,
    /// Every account of the round
    #[arg(long)]
    pub all: bool,
    /// Output format
    #[arg(long, value_enum, default_value_t = SheetFormat::Xlsx)]
    pub format: SheetFormat,
    /// Output file (one account) or directory (--all, --split)
    #[arg(long)]
    pub out: PathBuf,
    /// One file per account instead of one workbook
    #[arg(long)]
    pub split: bool,
    /// A blank sheet in the score-import columns, to fill in Excel or WPS and bring back with
    /// `assay score import`
    #[arg(long)]
    pub blank: bool,
    /// Evaluator name written into a blank sheet
    #[arg(long, requires = "blank")]
    pub evaluator: Option<String>,
}

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
