//! The rubric as written in RON: categories with weights, indicators of several kinds, bonus
//! and veto tables, grade bands and the veto policy. Field names here are the RON field names.

use serde::{Deserialize, Serialize};

use crate::domain::platform::{Level, Platform};

pub use super::policy::{Side, VetoPolicy};

/// A whole rubric file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rubric {
    pub id: String,
    pub name: String,
    pub version: String,
    #[serde(default)]
    pub description: String,
    /// Points of the base part (the categories' weights add up to this).
    pub total: f64,
    /// The pass mark; `pass_side` says whether a total equal to it passes.
    pub pass_mark: f64,
    /// At least the mark passes (`AtLeast`, 「60分及以上合格」, the default) or only above it.
    #[serde(default = "Side::at_least")]
    pub pass_side: Side,
    /// Bonus gates admit a base strictly above the gate (`Above`, 「高于80分」, the default) or at
    /// least the gate.
    #[serde(default = "Side::above")]
    pub gate_side: Side,
    /// Decimals results are published at (half-up); verdict, grade and bonus gate use the
    /// published value. Default 2.
    #[serde(default = "default_decimals")]
    pub decimals: u32,
    /// Grade bands, (name, lower bound), highest first: [("优秀", 90), …, ("不合格", 0)].
    #[serde(default)]
    pub grades: Vec<(String, f64)>,
    #[serde(default)]
    pub on_veto: VetoPolicy,
    /// Default for indicators and categories that do not say.
    #[serde(default)]
    pub when_not_applicable: NaPolicy,
    pub categories: Vec<Category>,
    #[serde(default)]
    pub bonus: Vec<Bonus>,
    /// Cap over all bonus items together; `None` means the sum of the items' caps.
    #[serde(default)]
    pub bonus_cap: Option<f64>,
    #[serde(default)]
    pub vetoes: Vec<Veto>,
}

fn default_decimals() -> u32 {
    crate::domain::precision::DEFAULT_DECIMALS
}

/// How a not-applicable indicator (or category) counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum NaPolicy {
    /// Dropped from the denominator; the rest of its category is rescaled to the weight.
    #[default]
    Rescale,
    /// Counted as full marks.
    FullMarks,
    /// Counted as zero.
    Zero,
}

/// A dimension (一级指标) with its weight in points.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Category {
    pub id: String,
    pub name: String,
    pub weight: f64,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub platforms: Vec<Platform>,
    #[serde(default)]
    pub admin_levels: Vec<Level>,
    #[serde(default)]
    pub when_not_applicable: Option<NaPolicy>,
    pub indicators: Vec<Indicator>,
}

/// Fields shared by every item kind. In RON they are written flat inside each variant
/// (`Range(id: "x", name: "…", max: 5)`); see the `flat_item!` macro below.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Common {
    pub id: String,
    pub name: String,
    /// Guidance for the evaluator (how to judge it).
    #[serde(default)]
    pub guide: String,
    /// Evidence hints: what to capture (screenshots, links, dates).
    #[serde(default)]
    pub evidence: Vec<String>,
    /// Applies only to these platforms; empty means all.
    #[serde(default)]
    pub platforms: Vec<Platform>,
    /// Applies only to these administrative levels; empty means all.
    #[serde(default)]
    pub admin_levels: Vec<Level>,
    #[serde(default)]
    pub when_not_applicable: Option<NaPolicy>,
    /// Name of an automatic rule (see `rubric::KNOWN_RULES`).
    #[serde(default)]
    pub rule: Option<String>,
}

/// A scored indicator inside a category.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Indicator {
    Range(RangeSpec),
    Deduct(DeductSpec),
    Check(CheckSpec),
}

/// Scored on a range, optionally by named levels (优/良/中/差).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(from = "raw::RangeSpec", into = "raw::RangeSpec")]
pub struct RangeSpec {
    pub common: Common,
    pub min: f64,
    pub max: f64,
    pub step: Option<f64>,
    pub levels: Vec<(String, f64)>,
}

impl RangeSpec {
    /// The level nearest to `v` (the lower one on a tie), or `v` itself when the indicator
    /// has no levels: where a value computed for the item (an automatic one) lands.
    pub fn snap(&self, v: f64) -> f64 {
        (self.levels.iter().map(|l| l.1))
            .min_by(|a, b| (a - v).abs().total_cmp(&(b - v).abs()).then(a.total_cmp(b)))
            .unwrap_or(v)
    }
}

/// Starts at `points` (default: `cap`); loses `per` for each instance, at most `cap`, never below 0.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(from = "raw::DeductSpec", into = "raw::DeductSpec")]
pub struct DeductSpec {
    pub common: Common,
    pub points: Option<f64>,
    pub per: f64,
    pub cap: f64,
}

/// Yes/no: full points for yes, 0 for no.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(from = "raw::CheckSpec", into = "raw::CheckSpec")]
pub struct CheckSpec {
    pub common: Common,
    pub points: f64,
}

/// A bonus item: `per` for each instance up to `cap`, counted only when the base score is above
/// `gate` (if any).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(from = "raw::Bonus", into = "raw::Bonus")]
pub struct Bonus {
    pub common: Common,
    pub per: f64,
    pub cap: f64,
    pub gate: Option<f64>,
}

/// A single-veto item: any hit fails the account, with one of `reasons`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(from = "raw::Veto", into = "raw::Veto")]
pub struct Veto {
    pub common: Common,
    pub reasons: Vec<String>,
}

/// Flat RON shapes of the item kinds: the common fields side by side with the kind's own.
mod raw {
    use super::*;

    macro_rules! flat_item {
        ($name:ident { $($(#[$m:meta])* $f:ident : $t:ty),* $(,)? }) => {
            #[derive(Clone, Serialize, Deserialize)]
            #[serde(deny_unknown_fields)]
            pub struct $name {
                id: String,
                name: String,
                #[serde(default)]
                guide: String,
                #[serde(default)]
                evidence: Vec<String>,
                #[serde(default)]
                platforms: Vec<Platform>,
                #[serde(default)]
                admin_levels: Vec<Level>,
                #[serde(default)]
                when_not_applicable: Option<NaPolicy>,
                #[serde(default)]
                rule: Option<String>,
                $($(#[$m])* $f: $t,)*
            }

            impl From<$name> for super::$name {
                fn from(r: $name) -> Self {
                    let common = Common {
                        id: r.id,
                        name: r.name,
                        guide: r.guide,
                        evidence: r.evidence,
                        platforms: r.platforms,
                        admin_levels: r.admin_levels,
                        when_not_applicable: r.when_not_applicable,
                        rule: r.rule,
                    };
                    super::$name { common, $($f: r.$f,)* }
                }
            }

            impl From<super::$name> for $name {
                fn from(s: super::$name) -> Self {
                    let c = s.common;
                    $name {
                        id: c.id,
                        name: c.name,
                        guide: c.guide,
                        evidence: c.evidence,
                        platforms: c.platforms,
                        admin_levels: c.admin_levels,
                        when_not_applicable: c.when_not_applicable,
                        rule: c.rule,
                        $($f: s.$f,)*
                    }
                }
            }
        };
    }

    flat_item!(RangeSpec {
        #[serde(default)] min: f64,
        max: f64,
        #[serde(default)] step: Option<f64>,
        #[serde(default)] levels: Vec<(String, f64)>,
    });
    flat_item!(DeductSpec { #[serde(default)] points: Option<f64>, per: f64, cap: f64 });
    flat_item!(CheckSpec { points: f64 });
    flat_item!(Bonus { per: f64, cap: f64, #[serde(default)] gate: Option<f64> });
    flat_item!(Veto { reasons: Vec<String> });
}

impl Indicator {
    pub fn common(&self) -> &Common {
        match self {
            Indicator::Range(s) => &s.common,
            Indicator::Deduct(s) => &s.common,
            Indicator::Check(s) => &s.common,
        }
    }

    /// The most points this indicator can give.
    pub fn max_points(&self) -> f64 {
        match self {
            Indicator::Range(s) => s.max,
            Indicator::Deduct(s) => s.points.unwrap_or(s.cap),
            Indicator::Check(s) => s.points,
        }
    }

    pub fn kind_name(&self) -> &'static str {
        match self {
            Indicator::Range(_) => "Range",
            Indicator::Deduct(_) => "Deduct",
            Indicator::Check(_) => "Check",
        }
    }
}

impl Common {
    /// True when this item applies to an account on `platform` at `level`.
    pub fn applies(&self, platform: Platform, level: Level) -> bool {
        (self.platforms.is_empty() || self.platforms.contains(&platform))
            && (self.admin_levels.is_empty() || self.admin_levels.contains(&level))
    }
}

impl Category {
    pub fn applies(&self, platform: Platform, level: Level) -> bool {
        (self.platforms.is_empty() || self.platforms.contains(&platform))
            && (self.admin_levels.is_empty() || self.admin_levels.contains(&level))
    }
}

/// Any item of a rubric that an evaluator enters a value for.
#[derive(Debug, Clone, Copy)]
pub enum ItemRef<'a> {
    Indicator(&'a Category, &'a Indicator),
    Bonus(&'a Bonus),
    Veto(&'a Veto),
}

impl<'a> ItemRef<'a> {
    pub fn common(&self) -> &'a Common {
        match self {
            ItemRef::Indicator(_, i) => i.common(),
            ItemRef::Bonus(b) => &b.common,
            ItemRef::Veto(v) => &v.common,
        }
    }
}

impl Rubric {
    /// Every enterable item in display order: categories' indicators, then bonus, then vetoes.
    pub fn items(&self) -> Vec<ItemRef<'_>> {
        let mut out: Vec<ItemRef<'_>> = self
            .categories
            .iter()
            .flat_map(|c| c.indicators.iter().map(move |i| ItemRef::Indicator(c, i)))
            .collect();
        out.extend(self.bonus.iter().map(ItemRef::Bonus));
        out.extend(self.vetoes.iter().map(ItemRef::Veto));
        out
    }

    /// Finds an item by id.
    pub fn item(&self, id: &str) -> Option<ItemRef<'_>> {
        self.items().into_iter().find(|i| i.common().id == id)
    }

    /// Sum of all bonus caps, limited by `bonus_cap`.
    pub fn max_bonus(&self) -> f64 {
        let sum: f64 = self.bonus.iter().map(|b| b.cap).sum();
        self.bonus_cap.map_or(sum, |c| c.min(sum))
    }

    /// Rounds a result to the rubric's published precision (the one rounding rule).
    pub fn publish(&self, x: f64) -> f64 {
        crate::domain::precision::round_half_up(x, self.decimals)
    }

    /// True when a published total passes the pass mark on the rubric's side.
    pub fn passes(&self, total: f64) -> bool {
        self.pass_side.admits(total, self.pass_mark)
    }

    /// True when a published base opens a bonus gate on the rubric's side.
    pub fn gate_opens(&self, base: f64, gate: f64) -> bool {
        self.gate_side.admits(base, gate)
    }

    /// The grade name for a total (bands are matched highest bound first).
    pub fn grade_for(&self, total: f64) -> Option<&str> {
        let mut bands: Vec<&(String, f64)> = self.grades.iter().collect();
        bands.sort_by(|a, b| b.1.total_cmp(&a.1));
        bands
            .iter()
            .find(|(_, lo)| total + 1e-9 >= *lo)
            .map(|(n, _)| n.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_brief_sketch() {
        let src = r#"
Rubric(
    id: "t", name: "测试", version: "1", total: 10, pass_mark: 6,
    grades: [("合格", 6), ("不合格", 0)],
    on_veto: FailWithScore(59),
    categories: [
        Category(id: "fit", name: "职能契合", weight: 10, indicators: [
            Range(id: "pos", name: "定位", max: 5, step: Some(0.5), levels: [("优", 5), ("差", 1)], guide: "看"),
            Deduct(id: "off", name: "无关", per: 1, cap: 3),
            Check(id: "ipv6", name: "IPv6", points: 2, platforms: [App], when_not_applicable: Some(Rescale)),
        ]),
    ],
    bonus: [Bonus(id: "orig", name: "原创", per: 1, cap: 5, gate: Some(8))],
    vetoes: [Veto(id: "stale", name: "内容不更新", reasons: ["两周无更新"], rule: Some("no_update"))],
)"#;
        let opts = super::super::ron_options();
        let r: Rubric = opts.from_str(src).expect("parses");
        assert_eq!(r.categories[0].indicators.len(), 3);
        assert_eq!(
            r.categories[0].indicators[2].common().platforms,
            vec![Platform::App]
        );
        assert_eq!(r.on_veto, VetoPolicy::FailWithScore(59.0));
        assert_eq!(
            (r.pass_side, r.gate_side, r.decimals),
            (Side::AtLeast, Side::Above, 2)
        );
    }
}
