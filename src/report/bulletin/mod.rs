//! The round bulletin (通报) as a 公文 in the shape of seed 004: the figures it needs are taken
//! here from the one aggregation ([`crate::report::build`]) — accounts by level, platform and
//! county, failures with reasons, pass rate, accounts at full marks, the strongest and weakest
//! host units, category means, operations warnings — and [`document`] lays them out as one
//! document model that Word, Markdown, HTML and the workbook all print.

mod document;
mod document_annex;
mod document_demands;
pub mod ops;
mod xlsx;

pub use document::{Issue, date_words, document};
pub use xlsx::workbook;

/// The bulletin as Markdown.
pub fn render_md(b: &Bulletin, issue: &Issue, lang: Lang) -> String {
    crate::io::document::md::render(&document(b, issue, lang))
}

/// The bulletin as one printable HTML page.
pub fn render_html(b: &Bulletin, issue: &Issue, lang: Lang) -> String {
    crate::io::document::html::render(&document(b, issue, lang))
}

use serde::Serialize;

use crate::domain::account::Account;
use crate::i18n::Lang;
use crate::report::{
    AccountLine, Dim, Failure, GroupStats, Options, Report, Scheme, SheetResult, Verdict, build,
};

/// How many host units the strongest/weakest lists name.
pub const UNITS_LISTED: usize = 5;

/// An account at full marks.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FullMark {
    pub name: String,
    pub platform: String,
    pub unit: String,
    pub region: String,
    pub total: f64,
}

/// Everything the bulletin shows, taken from reports of the one aggregation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Bulletin {
    pub round: String,
    pub rubric: String,
    pub monitoring_date: String,
    pub pass_mark: f64,
    pub evaluators: Vec<String>,
    pub overall: GroupStats,
    pub by_level: Vec<GroupStats>,
    pub by_platform: Vec<GroupStats>,
    /// By county (the first three segments of the region path; accounts above the counties
    /// form their own group).
    pub by_county: Vec<GroupStats>,
    pub failures: Vec<Failure>,
    pub full_marks: Vec<FullMark>,
    /// Host units with a result, highest mean first (at most [`UNITS_LISTED`]).
    pub strongest_units: Vec<GroupStats>,
    /// Host units with a result, lowest mean first (at most [`UNITS_LISTED`]).
    pub weakest_units: Vec<GroupStats>,
    /// Every category's mean by level (rows: levels; the overall row first).
    pub categories_by_level: Vec<GroupStats>,
    /// The totals of accounts with a scored result (for the distribution chart).
    pub totals: Vec<f64>,
    pub full: f64,
    /// The operations section, when the round has metrics (set by the caller from the round's
    /// ops report: [`ops::OpsSection::of`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub operations: Option<ops::OpsSection>,
    /// Each account's region path, by account id (for the lists).
    #[serde(skip)]
    pub regions: std::collections::HashMap<i64, String>,
}

/// Round facts the bulletin prints in its heading.
#[derive(Debug, Clone, PartialEq)]
pub struct Heading {
    pub round: String,
    pub rubric: String,
    pub monitoring_date: String,
}

impl Bulletin {
    /// Builds the bulletin from the round's per-sheet results.
    pub fn new(
        heading: Heading,
        scheme: &Scheme,
        accounts: &[Account],
        sheets: &[SheetResult],
        lang: Lang,
    ) -> Bulletin {
        let report = |by: Vec<Dim>| -> Report {
            build(
                scheme,
                accounts,
                sheets,
                &Options {
                    by,
                    rollup: None,
                    lang,
                },
            )
        };
        let level = report(vec![Dim::Level]);
        let platform = report(vec![Dim::Platform]);
        let county = report(vec![Dim::Region(3)]);
        let unit = report(vec![Dim::Unit]);
        let mut units: Vec<GroupStats> = unit
            .groups
            .iter()
            .filter(|g| g.spread.mean.is_some())
            .cloned()
            .collect();
        units.sort_by(|a, b| {
            let (x, y) = (a.spread.mean.unwrap_or(0.0), b.spread.mean.unwrap_or(0.0));
            y.total_cmp(&x).then_with(|| a.key.cmp(&b.key))
        });
        let strongest_units: Vec<GroupStats> = units.iter().take(UNITS_LISTED).cloned().collect();
        let weakest_units: Vec<GroupStats> =
            units.iter().rev().take(UNITS_LISTED).cloned().collect();
        let mut categories_by_level = vec![level.overall.clone()];
        categories_by_level.extend(level.groups.iter().cloned());
        Bulletin {
            round: heading.round,
            rubric: heading.rubric,
            monitoring_date: heading.monitoring_date,
            pass_mark: scheme.pass_mark,
            evaluators: level.evaluators.clone(),
            overall: level.overall.clone(),
            by_level: level.groups.clone(),
            by_platform: platform.groups.clone(),
            by_county: county.groups.clone(),
            failures: level.failures.clone(),
            full_marks: full_marks(&level.accounts),
            strongest_units,
            weakest_units,
            categories_by_level,
            totals: level
                .accounts
                .iter()
                .filter_map(|a| a.result.total)
                .collect(),
            full: scheme.full,
            operations: None,
            regions: accounts.iter().map(|a| (a.id, a.region.clone())).collect(),
        }
    }
}

fn full_marks(lines: &[AccountLine]) -> Vec<FullMark> {
    let mut out: Vec<FullMark> = lines
        .iter()
        .filter(|l| l.result.full_marks && l.result.verdict == Verdict::Passed)
        .map(|l| FullMark {
            name: l.result.account.name.clone(),
            platform: l.result.account.platform_label.clone(),
            unit: l.result.account.unit.clone(),
            region: l.result.account.region.clone(),
            total: l.result.total.unwrap_or_default(),
        })
        .collect();
    out.sort_by(|a, b| a.unit.cmp(&b.unit).then_with(|| a.name.cmp(&b.name)));
    out
}

/// A share in [0, 1] as a percentage with one decimal ("99.3%"), or "—".
pub fn percent(x: Option<f64>) -> String {
    x.map_or_else(|| "—".into(), |p| format!("{:.1}%", p * 100.0))
}

/// A figure with at most two decimals and no trailing zeros ("84.5"), or "—".
pub fn num(x: Option<f64>) -> String {
    match x {
        None => "—".into(),
        Some(v) => {
            let s = format!("{v:.2}");
            let s = s.trim_end_matches('0').trim_end_matches('.');
            if s == "-0" { "0".into() } else { s.to_string() }
        }
    }
}

/// The group's label on its single dimension ("县级", "微信").
pub fn key(g: &GroupStats) -> String {
    g.key.join(" · ")
}

/// Words of the bulletin in the interface language.
pub struct Words {
    pub lang: Lang,
}

impl Words {
    pub fn t<'a>(&self, zh: &'a str, en: &'a str) -> &'a str {
        self.lang.pick(zh, en)
    }

    /// The overview paragraph: filed, checked, failed, pass rate.
    pub fn overview(&self, b: &Bulletin) -> String {
        let o = &b.overall;
        match self.lang {
            Lang::Zh => format!(
                "本轮「{}」纳入检查的政务新媒体共{}个，已完成评分{}个，其中合格{}个、不合格{}个，总体合格率为{}（{}/{}）。{}个账号得满分。评分进行中{}个，未开始{}个，均不计入合格率。",
                b.round,
                o.accounts,
                o.with_result,
                o.passed,
                o.failed,
                percent(o.pass_rate),
                o.passed,
                o.with_result,
                o.full_marks,
                o.in_progress,
                o.not_started
            ),
            Lang::En => format!(
                "Round \"{}\" covers {} accounts; {} have a result: {} passed and {} failed, a pass rate of {} ({}/{}). {} scored full marks. {} are in progress and {} not started; neither counts in the pass rate.",
                b.round,
                o.accounts,
                o.with_result,
                o.passed,
                o.failed,
                percent(o.pass_rate),
                o.passed,
                o.with_result,
                o.full_marks,
                o.in_progress,
                o.not_started
            ),
        }
    }
}

#[cfg(test)]
mod tests;
