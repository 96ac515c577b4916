//! The panel result of one account: the evaluators' complete sheets aggregated by the round's
//! method, below the quorum 「未完成」, the veto decided across the panel with its split shown.
//! Weighting happens per sheet first (each sheet's total), then across evaluators
//! (research/statistics.md §1). Each sheet's total is the published figure; the combination is
//! exact and published once more at the rubric's decimals (60.00 and 59.99 → 59.995 → 60.00).

use serde::{Deserialize, Serialize};

use crate::domain::figure::{Exact, Figure};

/// How the evaluators' totals become one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Method {
    #[default]
    Mean,
    Median,
    /// Drops exactly one highest and one lowest total (去掉一个最高分和一个最低分); needs 3.
    Trimmed,
}

/// When a veto recorded by some evaluators holds for the panel.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum VetoRule {
    /// One evaluator's veto suffices; a split (some hit it, others checked it clean) waits
    /// for the chair's consensus (待复核).
    #[default]
    Any,
    /// More than half of the complete sheets.
    Majority,
    /// Every complete sheet.
    All,
}

/// A round's panel settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct PanelPolicy {
    pub method: Method,
    /// Minimum complete sheets per account; fewer leaves the account 「未完成」.
    pub quorum: usize,
    pub veto: VetoRule,
}

impl Default for PanelPolicy {
    fn default() -> Self {
        PanelPolicy {
            method: Method::Mean,
            quorum: 1,
            veto: VetoRule::Any,
        }
    }
}

/// One evaluator's sheet for the account, as the engine scored it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SheetScore {
    pub evaluator: String,
    /// The sheet's published total before any veto effect.
    pub total: Figure,
    /// The sheet counts: settled (every applicable item scored, or a veto hit) or submitted.
    pub complete: bool,
    pub vetoed: bool,
    /// `total` covers every applicable item: false when a veto settled the sheet with items
    /// left unscored (「因单项否决未评」); such a sheet votes on the veto but gives no points.
    pub whole: bool,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct PanelResult {
    /// The aggregated total, published; `None` while 「评分不足」 (below quorum).
    pub total: Option<Figure>,
    pub sheets: usize,
    pub complete: usize,
    /// Complete sheets that recorded a veto, of `complete`.
    pub veto_votes: usize,
    pub vetoed: bool,
    /// A veto split the rule leaves open (`any`: some hit it, others checked it clean, and no
    /// consensus yet): 「待复核」, no verdict until the chair reconciles it.
    #[serde(default)]
    pub pending: bool,
    /// Below the quorum: 「评分不足」 (no counted sheet at all: 「未评分」).
    pub unfinished: bool,
    /// The complete sheets' published totals the result rests on, sorted (sheets a veto left
    /// with items unscored give none).
    pub values: Vec<Figure>,
}

impl Method {
    /// The method from its code (or its Chinese name).
    pub fn parse(s: &str) -> Option<Method> {
        match s.trim() {
            "mean" | "平均" => Some(Method::Mean),
            "median" | "中位数" => Some(Method::Median),
            "trimmed" | "去极值" => Some(Method::Trimmed),
            _ => None,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Method::Mean => "mean",
            Method::Median => "median",
            Method::Trimmed => "trimmed",
        }
    }

    /// The method as a reader says it (平均 / 中位数 / 去掉一个最高分和一个最低分后平均).
    pub fn name(self, lang: crate::i18n::Lang) -> &'static str {
        match self {
            Method::Mean => lang.pick("平均", "mean"),
            Method::Median => lang.pick("中位数", "median"),
            Method::Trimmed => lang.pick("去掉一个最高分和一个最低分后平均", "trimmed mean"),
        }
    }
}

impl PanelPolicy {
    /// Refuses settings that could not give every account a result by their own rule: a quorum
    /// of 0, or the trimmed mean with a quorum below 3 (an account with 1 or 2 complete sheets
    /// would pass the quorum yet be impossible to trim).
    pub fn check(&self) -> Result<(), PanelError> {
        if self.quorum == 0 {
            return Err(PanelError::ZeroQuorum);
        }
        if self.method == Method::Trimmed && self.quorum < 3 {
            return Err(PanelError::TrimNeedsQuorum {
                quorum: self.quorum,
            });
        }
        Ok(())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize)]
pub enum PanelError {
    #[error("{}", too_few(*found))]
    TooFewForTrim { found: usize },
    #[error("{}", trim_quorum(*quorum))]
    TrimNeedsQuorum { quorum: usize },
    #[error("{}", crate::i18n::current().pick("法定份数（quorum）至少为 1", "the quorum must be at least 1"))]
    ZeroQuorum,
}

fn too_few(found: usize) -> String {
    match crate::i18n::current() {
        crate::i18n::Lang::Zh => format!(
            "去掉一个最高分和一个最低分的平均至少需要 3 份完整评分，此账号只有 {found} 份：请改用 mean 或 median，或等更多评分"
        ),
        crate::i18n::Lang::En => format!(
            "the trimmed mean drops the highest and the lowest score and needs at least 3 complete sheets; this account has {found}. Use --method mean or median, or wait for more sheets"
        ),
    }
}

fn trim_quorum(quorum: usize) -> String {
    match crate::i18n::current() {
        crate::i18n::Lang::Zh => format!(
            "去掉最高分和最低分的平均需要每个账号至少 3 份完整评分，而法定份数是 {quorum}：请用 `assay panel config --quorum 3`（或更多），或改用 mean / median"
        ),
        crate::i18n::Lang::En => format!(
            "the trimmed mean needs at least 3 complete sheets per account but the quorum is {quorum}: run `assay panel config --quorum 3` (or more), or use mean or median"
        ),
    }
}

/// The panel result, published at `decimals`; only complete sheets count. A vetoed account whose
/// whole sheets are too few to combine (a veto settled the others) has no total rather than no
/// result.
pub fn panel_result(
    policy: &PanelPolicy,
    sheets: &[SheetScore],
    decimals: u32,
) -> Result<PanelResult, PanelError> {
    let complete: Vec<&SheetScore> = sheets.iter().filter(|s| s.complete).collect();
    let mut values: Vec<Figure> = (complete.iter())
        .filter(|s| s.whole)
        .map(|s| s.total.at(decimals))
        .collect();
    values.sort();
    let n = complete.len();
    let votes = complete.iter().filter(|s| s.vetoed).count();
    let unfinished = n < policy.quorum.max(1);
    let split = votes > 0 && votes < n;
    let pending = !unfinished && policy.veto == VetoRule::Any && split;
    let vetoed = !unfinished
        && !pending
        && match policy.veto {
            VetoRule::Any => votes > 0,
            VetoRule::Majority => votes * 2 > n,
            VetoRule::All => votes == n && n > 0,
        };
    let exact: Vec<Exact> = values.iter().map(|v| v.exact()).collect();
    let total = if unfinished || values.is_empty() {
        None
    } else {
        match aggregate(policy.method, &exact) {
            Ok(t) => Some(t.publish(decimals)),
            // A veto (upheld or waiting for the chair) needs no total to be decided.
            Err(_) if vetoed || pending => None,
            Err(e) => return Err(e),
        }
    };
    Ok(PanelResult {
        total,
        sheets: sheets.len(),
        complete: n,
        veto_votes: votes,
        vetoed,
        pending,
        unfinished,
        values,
    })
}

/// Combines values (one per complete sheet, any order) by `method`, exactly: the rule the panel
/// result applies to totals and reports apply to category subtotals; `None` for no values.
pub fn combine_values(method: Method, xs: &[Exact]) -> Result<Option<Exact>, PanelError> {
    combine_in_place(method, &mut xs.to_vec())
}

/// [`combine_values`] on values the caller no longer needs in their order (sorted in place for
/// the median and the trimmed mean): a caller combining many small sets reuses one buffer
/// instead of copying each.
pub fn combine_in_place(method: Method, v: &mut [Exact]) -> Result<Option<Exact>, PanelError> {
    if v.is_empty() {
        return Ok(None);
    }
    // A mean is the same exact sum in any order; the median and the trimmed mean need the order.
    if method != Method::Mean {
        v.sort();
    }
    aggregate(method, v).map(Some)
}

/// Mean, median or 1-and-1 trimmed mean of non-empty `v` (sorted for the median and the trimmed
/// mean), exactly.
fn aggregate(method: Method, v: &[Exact]) -> Result<Exact, PanelError> {
    let n = v.len();
    let mean = |s: &[Exact]| {
        let sum: Exact = s.iter().cloned().sum();
        sum.div(&Exact::int(s.len() as i128)).unwrap_or(Exact::ZERO)
    };
    Ok(match method {
        Method::Mean => mean(v),
        Method::Median if n % 2 == 1 => v[n / 2].clone(),
        Method::Median => mean(&v[n / 2 - 1..=n / 2]),
        Method::Trimmed if n < 3 => return Err(PanelError::TooFewForTrim { found: n }),
        Method::Trimmed => mean(&v[1..n - 1]),
    })
}
