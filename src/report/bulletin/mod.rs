//! The round bulletin (通报) as a 公文 in the shape of seed 004: the figures it needs are taken
//! here from the one aggregation ([`crate::report::build`]) — accounts by level, platform and
//! county, failures with reasons, pass rate, accounts at full marks, the strongest and weakest
//! host units, category means, operations warnings — and [`document`] lays them out as one
//! document model that Word, Markdown, HTML and the workbook all print.

mod document;
mod document_annex;
mod document_changes;
mod document_ctx;
mod document_demands;
pub mod ops;
mod xlsx;

pub use document::document;
pub use document_ctx::{Issue, date_words};
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
use crate::domain::figure::{Figure, dec, text_or_dash};
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
    pub total: Figure,
}

/// Everything the bulletin shows, taken from reports of the one aggregation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Bulletin {
    pub round: String,
    pub rubric: String,
    pub monitoring_date: String,
    pub pass_mark: f64,
    pub pass_side: crate::domain::rubric::Side,
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
    /// The published totals of accounts with a final result (for the distribution chart).
    pub totals: Vec<Figure>,
    pub full: f64,
    /// Decimals figures are published at.
    pub decimals: u32,
    /// The operations section, when the round has metrics (set by the caller from the round's
    /// ops report: [`ops::OpsSection::of`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub operations: Option<ops::OpsSection>,
    /// The heads of the round's history and of the ledger when the bulletin was made (set by
    /// the caller): printed in the footer, so that a chair who keeps the bulletin can later show
    /// with `assay audit verify --pin` that nothing before them was rewritten.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub chain_head: Option<ChainHead>,
    /// Each account's region path, by account id (for the lists).
    #[serde(skip)]
    pub regions: std::collections::HashMap<i64, String>,
    /// A draft for comment (征求意见稿), with the last day of its appeal window (set by the
    /// caller from the round's follow-up settings).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub draft: Option<Draft>,
    /// What changed since the round's first bulletin (set by the caller).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub changes: Option<Changes>,
    /// Every deduction of the round's final results (the findings besides the vetoes, which
    /// `failures` lists), to be put right by the deadline (set by the caller).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub deductions: Vec<Deduction>,
}

/// A deduction the bulletin asks to put right.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Deduction {
    pub account_id: i64,
    pub account: String,
    pub unit: String,
    pub item: String,
    pub lost: Figure,
    pub rule: String,
}

/// A bulletin issued as a draft for comment.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Draft {
    /// The last day a unit may appeal (`None`: the window is not set).
    pub appeal_until: Option<chrono::NaiveDate>,
}

/// The changes a later bulletin lists against the first one issued.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Changes {
    /// The first bulletin was the draft (征求意见稿); else the first final bulletin.
    pub since_draft: bool,
    pub rows: Vec<crate::report::changes::Change>,
}

/// The chain heads a bulletin pins.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChainHead {
    /// The round's history: (rows, hash of the last row).
    pub history: Option<(i64, String)>,
    /// The ledger: (last record, its hash).
    pub ledger: Option<(i64, String)>,
}

impl ChainHead {
    /// The footer line in the interface's language.
    pub fn line(&self, lang: Lang) -> String {
        let part = |h: &Option<(i64, String)>, zh: &str, en: &str| match (h, lang) {
            (Some((n, hash)), Lang::Zh) => format!("{zh} {hash}（第 {n} 条）"),
            (Some((n, hash)), Lang::En) => format!("{en} {hash} (record {n})"),
            (None, Lang::Zh) => format!("{zh} —"),
            (None, Lang::En) => format!("{en} —"),
        };
        let (h, l) = (
            part(&self.history, "评分历史", "score history"),
            part(&self.ledger, "登记链", "ledger"),
        );
        match lang {
            Lang::Zh => format!(
                "审计链尾：{h}；{l}。留存本通报者日后可用本系统的审计核对功能指定上述链尾哈希，确认此前的记录未被改写。"
            ),
            Lang::En => format!(
                "Audit chain heads: {h}; {l}. Whoever keeps this bulletin can check with assay audit verify --pin HASH that nothing before them was rewritten."
            ),
        }
    }
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
            b.spread
                .mean
                .cmp(&a.spread.mean)
                .then_with(|| a.key.cmp(&b.key))
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
            pass_side: scheme.pass_side,
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
                .filter(|a| a.result.has_result())
                .filter_map(|a| a.result.total)
                .collect(),
            full: scheme.full,
            decimals: scheme.decimals,
            operations: None,
            chain_head: None,
            regions: accounts.iter().map(|a| (a.id, a.region.clone())).collect(),
            draft: None,
            changes: None,
            deductions: Vec::new(),
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
            total: l.result.total.unwrap_or(Figure::int(0)),
        })
        .collect();
    out.sort_by(|a, b| a.unit.cmp(&b.unit).then_with(|| a.name.cmp(&b.name)));
    out
}

/// A rate (a fraction at 0.1%) as a percentage ("99.3%"), or "—".
pub fn percent(x: Option<Figure>) -> String {
    x.map_or_else(|| "—".into(), |p| format!("{}%", p.percent()))
}

/// A published figure as printed ("84.50"), or "—".
pub fn num(x: Option<Figure>) -> String {
    text_or_dash(x)
}

/// A rubric's number as written (a weight, the pass mark, full points: "25", "60").
pub fn param(x: f64) -> String {
    dec(x).text()
}

/// A category's mean in a group: the figure, 「不适用」 when it applies to no account of the group
/// (never 0), 「—」 when the group has no result.
pub fn category_mean(g: &GroupStats, i: usize, lang: Lang) -> (String, String) {
    match g.categories.get(i) {
        Some(m) if m.n == 0 && g.with_result > 0 => {
            let na = lang.pick("不适用", "n/a").to_owned();
            (na.clone(), na)
        }
        Some(m) => (num(m.mean), percent(m.share)),
        None => ("—".into(), "—".into()),
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

    /// The overview paragraph: filed, checked, failed, pass rate, and every account without a
    /// final result by its state (未评分, 评分不足, 待复核), counted apart.
    pub fn overview(&self, b: &Bulletin) -> String {
        let o = &b.overall;
        match self.lang {
            Lang::Zh => format!(
                "本轮「{}」纳入检查的政务新媒体共{}个，已有评分结果{}个，其中合格{}个、不合格{}个，总体合格率为{}（{}/{}）。{}个账号得满分。未评分{}个（评分进行中{}个、未开始{}个），评分不足{}个，待复核{}个，均不计入合格率。{}。",
                b.round,
                o.accounts,
                o.with_result,
                o.passed,
                o.failed,
                percent(o.pass_rate),
                o.passed,
                o.with_result,
                o.full_marks,
                o.unscored,
                o.in_progress,
                o.not_started,
                o.below_quorum,
                o.pending_review,
                crate::i18n::figure_msg::rounding_note(self.lang, b.decimals),
            ),
            Lang::En => format!(
                "Round \"{}\" covers {} accounts; {} have a result: {} passed and {} failed, a pass rate of {} ({}/{}). {} scored full marks. {} are unscored ({} in progress, {} not started), {} below quorum and {} pending review; none of them counts in the pass rate. {}.",
                b.round,
                o.accounts,
                o.with_result,
                o.passed,
                o.failed,
                percent(o.pass_rate),
                o.passed,
                o.with_result,
                o.full_marks,
                o.unscored,
                o.in_progress,
                o.not_started,
                o.below_quorum,
                o.pending_review,
                crate::i18n::figure_msg::rounding_note(self.lang, b.decimals),
            ),
        }
    }

    /// What the failures section says when it lists no account: 「本轮无不合格账号」 only when
    /// every account in scope has a final result.
    pub fn no_failures(&self, b: &Bulletin) -> String {
        let o = &b.overall;
        if o.all_final() {
            return self
                .t("本轮无不合格账号。", "No account failed in this round.")
                .to_owned();
        }
        let open = o.accounts - o.with_result;
        match self.lang {
            Lang::Zh => format!(
                "已有结果的账号中暂未发现不合格；尚有{open}个账号没有最终结果（未评分{}个、评分不足{}个、待复核{}个），全部评完后再确定不合格名单。",
                o.unscored, o.below_quorum, o.pending_review
            ),
            Lang::En => format!(
                "None of the accounts with a result failed so far; {open} have no final result yet ({} unscored, {} below quorum, {} pending review): the list of failures waits for them.",
                o.unscored, o.below_quorum, o.pending_review
            ),
        }
    }

    /// Why an account failed: 「单项否决：item: reason」 or 「得分低于60分」.
    pub fn failure_reason(&self, b: &Bulletin, f: &Failure) -> String {
        use crate::domain::rubric::Side;
        if f.vetoes.is_empty() {
            let m = param(b.pass_mark);
            match (self.lang, b.pass_side) {
                (Lang::Zh, Side::AtLeast) => format!("得分低于{m}分"),
                (Lang::Zh, Side::Above) => format!("得分未高于{m}分"),
                (Lang::En, Side::AtLeast) => format!("total below {m}"),
                (Lang::En, Side::Above) => format!("total not above {m}"),
            }
        } else {
            crate::i18n::figure_msg::veto_mark(self.lang, &f.vetoes.join("；"))
        }
    }
}

#[cfg(test)]
mod tests;
