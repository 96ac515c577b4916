//! Index formulas as versioned data: a RON file names blocks of weighted `ln(k·x + 1)` terms over
//! a period's figures and a final scaling (plain or squared), chosen per platform. The shipped
//! formulas (WCI V2.0 and V14.2, a BCI-style Weibo index and the government operations index)
//! live in `indices/*.ron`; users add their own, and a bad file is refused with file:line:column.

use serde::{Deserialize, Serialize};

use super::PeriodMetrics;
use crate::domain::platform::Platform;
use crate::domain::rubric::error::{RubricError, RubricErrors};
use crate::domain::rubric::locate::{Locator, Seg};
use crate::domain::rubric::ron_words::{Fallback, ron_error};

/// The advice for a formula file whose syntax is wrong.
const FORMULA_FORMAT: Fallback = (
    "see indices/gov-ops.ron for the shape of a formula file",
    "公式文件的写法见 indices/gov-ops.ron",
);

/// A metric a term reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Input {
    Posts,
    Reads,
    Wow,
    Likes,
    Shares,
    Comments,
    /// Followers at the end of the period (with `per: Value`).
    Followers,
    /// Median reply latency in hours (with `per: Value` and a `cap`).
    ReplyHours,
}

/// How the metric is taken over the period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Per {
    /// The period's total (R).
    Total,
    /// Total divided by the period's days (R/d).
    PerDay,
    /// Total divided by the number of posts (R/n); 0 without posts.
    PerPost,
    /// The highest single post (Rmax).
    Max,
    /// Total over headline posts (Rt).
    Headline,
    /// Headline total divided by days (Rt/d).
    HeadlinePerDay,
    /// A level, not a sum: followers, reply hours.
    Value,
}

/// One term: `weight · ln(times · x + 1)`; with a `cap` (lower is better, e.g. reply hours)
/// `weight · (ln(cap + 1) − ln(min(x, cap) + 1))`, an unknown x counting as the cap.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Term {
    pub weight: f64,
    pub of: Input,
    pub per: Per,
    #[serde(default = "one")]
    pub times: f64,
    #[serde(default)]
    pub cap: Option<f64>,
}

fn one() -> f64 {
    1.0
}

/// A weighted block of terms (整体传播力, 篇均传播力, …).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Block {
    pub name: String,
    pub weight: f64,
    pub terms: Vec<Term>,
}

/// What is done to the weighted sum of blocks.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub enum Scale {
    /// `sum × k`
    Plain(f64),
    /// `sum² × k` (WCI)
    Square(f64),
}

/// One index formula.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Formula {
    pub id: String,
    pub version: String,
    pub name: String,
    /// Platform codes (wechat, weibo, …) this formula is for; empty for every platform.
    #[serde(default)]
    pub platforms: Vec<String>,
    pub blocks: Vec<Block>,
    pub scale: Scale,
}

/// The formulas shipped with the program, by file name.
pub const SHIPPED: &[(&str, &str)] = &[
    ("gov-ops.ron", include_str!("../../../indices/gov-ops.ron")),
    (
        "wci-v14.2.ron",
        include_str!("../../../indices/wci-v14.2.ron"),
    ),
    (
        "wci-v2.0.ron",
        include_str!("../../../indices/wci-v2.0.ron"),
    ),
    ("bci.ron", include_str!("../../../indices/bci.ron")),
];

fn ln1(x: f64) -> f64 {
    (x.max(0.0) + 1.0).ln()
}

fn pick(m: &PeriodMetrics, of: Input, per: Per) -> Option<f64> {
    let div = |a: f64, b: f64| if b > 0.0 { a / b } else { 0.0 };
    let sel = |c: &super::Counts| match of {
        Input::Reads => c.reads,
        Input::Wow => c.wow,
        Input::Likes => c.likes,
        Input::Shares => c.shares,
        Input::Comments => c.comments,
        Input::Posts | Input::Followers | Input::ReplyHours => 0.0,
    };
    Some(match (of, per) {
        (Input::Followers, _) => return m.followers,
        (Input::ReplyHours, _) => return m.reply_hours,
        (Input::Posts, Per::PerDay) => div(m.posts, m.days),
        (Input::Posts, _) => m.posts,
        (_, Per::Total | Per::Value) => sel(&m.total),
        (_, Per::PerDay) => div(sel(&m.total), m.days),
        (_, Per::PerPost) => div(sel(&m.total), m.posts),
        (_, Per::Max) => sel(&m.max),
        (_, Per::Headline) => sel(&m.headline),
        (_, Per::HeadlinePerDay) => div(sel(&m.headline), m.days),
    })
}

impl Term {
    pub fn value(&self, m: &PeriodMetrics) -> f64 {
        let x = pick(m, self.of, self.per);
        match self.cap {
            Some(cap) => {
                let x = x.unwrap_or(cap).min(cap);
                self.weight * (ln1(cap) - ln1(x))
            }
            None => self.weight * ln1(self.times * x.unwrap_or(0.0)),
        }
    }
}

impl Block {
    /// The block's unweighted value (a WCI "read index", "整体传播力", …).
    pub fn value(&self, m: &PeriodMetrics) -> f64 {
        self.terms.iter().map(|t| t.value(m)).sum()
    }
}

impl Formula {
    /// The weighted sum of blocks before scaling (keep it for comparisons: squaring distorts
    /// differences).
    pub fn inner(&self, m: &PeriodMetrics) -> f64 {
        self.blocks.iter().map(|b| b.weight * b.value(m)).sum()
    }

    /// The published index value.
    pub fn value(&self, m: &PeriodMetrics) -> f64 {
        let s = self.inner(m);
        match self.scale {
            Scale::Plain(k) => s * k,
            Scale::Square(k) => s * s * k,
        }
    }

    /// Whether this formula is meant for `p`.
    pub fn fits(&self, p: Platform) -> bool {
        self.platforms.is_empty() || self.platforms.iter().any(|c| c == p.code())
    }
}

/// Parses and checks a formula file; `file` names it in error positions.
pub fn parse(src: &str, file: &str) -> Result<Formula, RubricErrors> {
    let f: Formula = crate::domain::rubric::ron_options()
        .from_str(src)
        .map_err(|e| RubricErrors {
            errors: vec![ron_error(&e, file, FORMULA_FORMAT)],
        })?;
    let errors = validate(&f, &Locator::new(src), file);
    if errors.is_empty() {
        Ok(f)
    } else {
        Err(RubricErrors { errors })
    }
}

fn validate(f: &Formula, loc: &Locator, file: &str) -> Vec<RubricError> {
    let mut out = Vec::new();
    // Each problem in English and in Chinese: (message, hint).
    let mut err = |path: &[Seg<'_>], en: (String, &str), zh: (String, &str)| {
        out.push(RubricError::new(file, loc.at(path), en.0, en.1).with_zh(zh.0, zh.1));
    };
    if f.blocks.is_empty() {
        err(
            &[Seg::Field("blocks")],
            (
                "a formula needs at least one block".into(),
                "add a Block(…)",
            ),
            ("公式至少要有一个 Block".into(), "请添加 Block(…)"),
        );
    }
    for c in &f.platforms {
        if !Platform::ALL.iter().any(|p| p.code() == c) {
            err(
                &[Seg::Field("platforms")],
                (
                    format!("unknown platform {c:?}"),
                    "use wechat, weibo, douyin, toutiao, app, miniprogram or other",
                ),
                (
                    format!("未知的平台“{c}”"),
                    "可用：wechat、weibo、douyin、toutiao、app、miniprogram、other",
                ),
            );
        }
    }
    let finite = |x: f64| x.is_finite() && x >= 0.0;
    for (i, b) in f.blocks.iter().enumerate() {
        let at = [Seg::Field("blocks"), Seg::Index(i)];
        if !finite(b.weight) {
            err(
                &at,
                (
                    format!("block weight {} must be a number ≥ 0", b.weight),
                    "",
                ),
                (format!("Block 的权重 {} 应为不小于 0 的数", b.weight), ""),
            );
        }
        if b.terms.is_empty() {
            err(
                &at,
                (format!("block {:?} has no terms", b.name), "add a Term(…)"),
                (format!("Block“{}”没有任何 Term", b.name), "请添加 Term(…)"),
            );
        }
        for (j, t) in b.terms.iter().enumerate() {
            let at = [at[0], at[1], Seg::Field("terms"), Seg::Index(j)];
            if !finite(t.weight) || !finite(t.times) || t.cap.is_some_and(|c| !finite(c)) {
                err(
                    &at,
                    ("term weight, times and cap must be numbers ≥ 0".into(), ""),
                    ("Term 的 weight、times 和 cap 应为不小于 0 的数".into(), ""),
                );
            }
            let level = matches!(t.of, Input::Followers | Input::ReplyHours);
            if level != (t.per == Per::Value) {
                err(
                    &at,
                    (
                        format!("{:?} cannot be taken {:?}", t.of, t.per),
                        "Followers and ReplyHours take per: Value; counts take Total, PerDay, PerPost, Max, Headline or HeadlinePerDay",
                    ),
                    (
                        format!("{:?} 不能按 {:?} 取值", t.of, t.per),
                        "Followers 和 ReplyHours 用 per: Value；计数类指标用 Total、PerDay、PerPost、Max、Headline 或 HeadlinePerDay",
                    ),
                );
            }
        }
    }
    let scale_ok = match f.scale {
        Scale::Plain(k) | Scale::Square(k) => k.is_finite(),
    };
    if !scale_ok {
        err(
            &[Seg::Field("scale")],
            ("scale must be a finite number".into(), ""),
            ("scale 应为有限的数".into(), ""),
        );
    }
    out
}

/// Every shipped formula, parsed (they are checked by a test, so this cannot fail at run time
/// unless a shipped file is broken; such a file is skipped).
pub fn shipped() -> Vec<Formula> {
    SHIPPED
        .iter()
        .filter_map(|(name, src)| parse(src, name).ok())
        .collect()
}

/// The formula set used for a report: one formula per platform, the first that fits among
/// `formulas` (user files first, then the shipped ones).
pub fn for_platform(formulas: &[Formula], p: Platform) -> Option<&Formula> {
    formulas
        .iter()
        .find(|f| !f.platforms.is_empty() && f.fits(p))
        .or_else(|| formulas.iter().find(|f| f.platforms.is_empty()))
}

#[cfg(test)]
mod tests;
