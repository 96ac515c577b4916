//! What a report is: the options it is made with, its account lines, failures, roll-up levels
//! and the counts over every account in scope. [`super::build`] and [`super::sink`] make it;
//! every output reads it.

use serde::{Deserialize, Serialize};

use super::combine::AccountResult;
use super::group::{Dim, GroupStats};
use super::rank::Standing;
use super::rollup::{Node, RollupRule};
use super::sheet::Scheme;
use crate::domain::platform::{Level, Platform};
use crate::i18n::Lang;

/// What to compute besides the headline.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Options {
    /// Grouping dimensions (empty: the whole round is the only group).
    pub by: Vec<Dim>,
    /// Region depths to roll up to (deepest first is applied regardless of order) and the rule.
    pub rollup: Option<(Vec<usize>, RollupRule)>,
    /// Language of group labels.
    pub lang: Lang,
}

/// A failed account with its reasons.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Failure {
    pub account_id: i64,
    pub platform: Platform,
    pub name: String,
    pub unit: String,
    /// The published total after the veto policy (`None`: the policy leaves no score, 「—」).
    pub total: Option<crate::domain::figure::Figure>,
    /// "item name: reason" for each distinct veto; empty when it failed on points.
    pub vetoes: Vec<String>,
}

/// One account's line: its result, its group and its standing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AccountLine {
    #[serde(flatten)]
    pub result: AccountResult,
    pub group: Vec<String>,
    #[serde(flatten)]
    pub standing: Standing,
}

/// One roll-up level.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RollupLevel {
    pub depth: usize,
    pub rule: RollupRule,
    pub nodes: Vec<Node>,
}

/// Everything a report shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    pub scheme: Scheme,
    /// Evaluators whose counted (complete or submitted) sheets the figures use.
    pub evaluators: Vec<String>,
    /// Evaluators with sheets still in progress (not counted).
    pub evaluators_in_progress: Vec<String>,
    pub by: Vec<Dim>,
    /// The whole round.
    pub overall: GroupStats,
    pub groups: Vec<GroupStats>,
    pub accounts: Vec<AccountLine>,
    pub failures: Vec<Failure>,
    pub rollups: Vec<RollupLevel>,
    /// Accounts by level and platform, and counted sheets, over every account in scope.
    #[serde(default)]
    pub tally: Tally,
}

/// What the round summary counts over every account in scope.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Tally {
    pub by_level: Vec<(Level, usize)>,
    pub by_platform: Vec<(Platform, usize)>,
    /// Counted (complete or submitted) sheets over all accounts.
    pub sheets_counted: usize,
}
