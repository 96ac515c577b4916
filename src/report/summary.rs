//! The round summary: the headline of the one aggregation ([`super::build`]) in the shape of a
//! published bulletin: accounts in scope, with a result, passed, failed, pass rate (both counts),
//! vetoes by reason, mean total, full marks, the failed accounts, and what is still in progress.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::build::{Failure, Options, Report};
use super::sheet::Combine;

use crate::domain::figure::{Figure, text_or_dash};
use crate::domain::platform::{Level, Platform};
use crate::domain::rubric::Rubric;
use crate::i18n::Lang;
use crate::storage::{Round, Store};

pub use super::source::SourceError as SummaryError;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RoundSummary {
    pub round_id: i64,
    pub round: String,
    pub rubric: String,
    pub rubric_version: String,
    pub monitoring_date: NaiveDate,
    pub pass_mark: f64,
    pub combine: Combine,
    /// Evaluators whose counted (complete or submitted) sheets the figures use.
    pub evaluators: Vec<String>,
    /// Evaluators with sheets in progress, not counted.
    pub evaluators_in_progress: Vec<String>,
    /// The counted (complete or submitted) sheets the figures rest on, over all accounts.
    #[serde(default)]
    pub sheets_counted: usize,
    /// Accounts in the round's scope.
    pub accounts: usize,
    /// Accounts with a final result, passed or failed (the pass rate's denominator).
    pub with_result: usize,
    /// Accounts without a counted sheet (「未评分」) = in_progress + not_started.
    #[serde(default)]
    pub unscored: usize,
    /// Unscored accounts with a sheet in progress (「进行中」), and with none (「未开始」).
    pub in_progress: usize,
    pub not_started: usize,
    /// Counted sheets below the round's quorum (「评分不足」).
    #[serde(default)]
    pub below_quorum: usize,
    /// A veto split waiting for the chair's consensus (「待复核」).
    #[serde(default)]
    pub pending_review: usize,
    pub passed: usize,
    pub failed: usize,
    /// passed / with_result, a rate at 0.1% (0.993); `None` when no account has a result.
    pub pass_rate: Option<Figure>,
    /// Accounts with at least one veto (from any evaluator's counted sheet).
    pub vetoed: usize,
    /// (veto item name: reason, accounts), most frequent first.
    pub vetoes_by_reason: Vec<(String, usize)>,
    /// Mean of the published account totals over accounts with a result, published.
    pub mean_total: Option<Figure>,
    pub median_total: Option<Figure>,
    /// Passed accounts whose total reaches the rubric's full points.
    pub full_marks: usize,
    /// (level, accounts in scope) and (platform, accounts in scope).
    pub by_level: Vec<(Level, usize)>,
    pub by_platform: Vec<(Platform, usize)>,
    pub failures: Vec<Failure>,
    /// A calibration round (`panel config --calibration on`): the panel's practice to agree on
    /// reading the rubric, marked on every report and left out of the annual assessment.
    #[serde(default)]
    pub calibration: bool,
    /// Decimals figures are published at, and the rule in one line (「得分保留两位小数，四舍五入」).
    #[serde(default)]
    pub decimals: u32,
    #[serde(default)]
    pub rule_note: String,
}

/// Parses and validates a pinned rubric text (the one parser the whole program uses).
pub fn parse_rubric(text: &str) -> Result<Rubric, crate::domain::rubric::RubricErrors> {
    crate::domain::rubric::parse(text, "rubric")
}

/// The headline of a report.
pub fn headline(round: &Round, rubric: &Rubric, r: &Report) -> RoundSummary {
    let o = &r.overall;
    RoundSummary {
        round_id: round.id,
        round: round.name.clone(),
        rubric: rubric.name.clone(),
        rubric_version: round.rubric_version.clone(),
        monitoring_date: round.monitoring_date,
        pass_mark: rubric.pass_mark,
        combine: r.scheme.panel.method,
        evaluators: r.evaluators.clone(),
        evaluators_in_progress: r.evaluators_in_progress.clone(),
        sheets_counted: r.tally.sheets_counted,
        accounts: o.accounts,
        with_result: o.with_result,
        unscored: o.unscored,
        in_progress: o.in_progress,
        not_started: o.not_started,
        below_quorum: o.below_quorum,
        pending_review: o.pending_review,
        passed: o.passed,
        failed: o.failed,
        pass_rate: o.pass_rate,
        vetoed: o.vetoed,
        vetoes_by_reason: o.vetoes_by_reason.clone(),
        mean_total: o.spread.mean,
        median_total: o.spread.median,
        full_marks: o.full_marks,
        by_level: r.tally.by_level.clone(),
        by_platform: r.tally.by_platform.clone(),
        failures: r.failures.clone(),
        calibration: false,
        decimals: rubric.decimals,
        rule_note: crate::i18n::figure_msg::combining_note(
            crate::i18n::current(),
            rubric.decimals,
            r.scheme.panel.method.code(),
        ),
    }
}

/// Summarises a round from its kept sheet results.
pub fn round_summary(store: &mut Store, round: &Round) -> Result<RoundSummary, SummaryError> {
    let (rubric, r) = super::stream::kept_report(store, round, None, &Options::default(), false)?;
    let mut s = headline(round, &rubric, &r);
    s.calibration = store.is_calibration(round.id)?;
    Ok(s)
}

/// "99.3% (442/445)", or "—" when nothing has a result.
pub fn rate_text(pass_rate: Option<Figure>, passed: usize, with_result: usize) -> String {
    match pass_rate {
        Some(r) => format!("{}% ({passed}/{with_result})", r.percent()),
        None => "—".into(),
    }
}

/// Plain-text rendering for `round summary`, `assay demo --print` and scripts.
pub fn render(s: &RoundSummary, lang: Lang) -> String {
    let t = |zh_s: &str, en_s: &str| lang.pick(zh_s, en_s).to_string();
    let mut out = format!(
        "{} #{} {}\n  {}: {} {}  {}: {}\n",
        t("轮次", "Round"),
        s.round_id,
        s.round,
        t("评估表", "Rubric"),
        s.rubric,
        s.rubric_version,
        t("监测日期", "Monitoring date"),
        s.monitoring_date
    );
    if s.calibration {
        out.push_str(&format!(
            "  {}\n",
            crate::i18n::panel_msg::calibration_mark(lang)
        ));
    }
    let who = if s.evaluators.is_empty() {
        "—".to_string()
    } else {
        s.evaluators.join(", ")
    };
    out.push_str(&format!(
        "  {}: {who}  {}\n",
        t(
            "计入的评估人（已完成或已提交）",
            "Counted evaluators (complete or submitted)"
        ),
        match lang {
            Lang::Zh => format!("（共 {} 份评分表）", s.sheets_counted),
            Lang::En => format!("({} sheets)", s.sheets_counted),
        }
    ));
    out.push_str(&format!(
        "  {} {}  {} {}  {} {}  {} {}  {} {}（{} {}，{} {}）  {} {}  {} {}\n",
        t("账号", "accounts"),
        s.accounts,
        t("有结果", "with a result"),
        s.with_result,
        t("合格", "passed"),
        s.passed,
        t("不合格", "failed"),
        s.failed,
        t("未评分", "unscored"),
        s.unscored,
        t("进行中", "in progress"),
        s.in_progress,
        t("未开始", "not started"),
        s.not_started,
        t("评分不足", "below quorum"),
        s.below_quorum,
        t("待复核", "pending review"),
        s.pending_review,
    ));
    let mean = text_or_dash(s.mean_total);
    out.push_str(&format!(
        "  {} {}  {} {}  {} {}  {} {}\n",
        t("合格率", "pass rate"),
        rate_text(s.pass_rate, s.passed, s.with_result),
        t("平均分", "mean total"),
        mean,
        t("满分账号", "full marks"),
        s.full_marks,
        t("单项否决", "vetoed"),
        s.vetoed
    ));
    let levels: Vec<String> = s
        .by_level
        .iter()
        .map(|(l, n)| format!("{} {n}", lang.pick(l.label_zh(), l.label_en())))
        .collect();
    let plats: Vec<String> = s
        .by_platform
        .iter()
        .map(|(p, n)| format!("{} {n}", lang.pick(p.label_zh(), p.label_en())))
        .collect();
    out.push_str(&format!(
        "  {}: {}\n  {}: {}\n",
        t("按层级", "by level"),
        levels.join(", "),
        t("按平台", "by platform"),
        plats.join(", ")
    ));
    for (reason, n) in &s.vetoes_by_reason {
        out.push_str(&format!("  {}{reason} — {n}\n", t("否决：", "veto: ")));
    }
    for f in &s.failures {
        out.push_str(&failure_line(f, lang));
    }
    out.push_str(&format!("  {}\n", s.rule_note));
    out
}

fn failure_line(f: &Failure, lang: Lang) -> String {
    let why = if f.vetoes.is_empty() {
        lang.pick("低于合格线", "below the pass mark").to_string()
    } else {
        crate::i18n::figure_msg::veto_mark(lang, &f.vetoes.join(lang.pick("；", "; ")))
    };
    let total = text_or_dash(f.total);
    format!(
        "  {} [{}] {} ({}) {total} — {why}\n",
        lang.pick("不合格", "FAIL"),
        lang.pick(f.platform.label_zh(), f.platform.label_en()),
        f.name,
        f.unit,
    )
}
