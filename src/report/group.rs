//! Grouping accounts (by level, platform, business domain, region at any depth, host unit, or a
//! combination) and the statistics of one group.

use std::borrow::Cow;
use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::combine::AccountResult;
use super::sheet::Scheme;
use super::stats::Spread;
use crate::domain::account::Account;
use crate::domain::figure::{Figure, dec};
use crate::i18n::Lang;

/// One grouping dimension.
/// How many region segments (省/市/县) tell units of the same name apart.
pub const UNIT_REGION_DEPTH: usize = 3;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Dim {
    Level,
    Platform,
    Domain,
    /// The first `n` segments of the region path (`region:2` → 浙江省/丽水市).
    Region(usize),
    Unit,
}

impl Dim {
    /// Parses `level`, `platform`, `domain`, `unit`, `region` (whole path) or `region:N`.
    pub fn parse(s: &str) -> Option<Dim> {
        let s = s.trim();
        match s {
            "level" | "层级" => Some(Dim::Level),
            "platform" | "平台" => Some(Dim::Platform),
            "domain" | "领域" => Some(Dim::Domain),
            "unit" | "单位" => Some(Dim::Unit),
            "region" | "地区" => Some(Dim::Region(usize::MAX)),
            _ => {
                let n = s
                    .strip_prefix("region:")
                    .or_else(|| s.strip_prefix("地区:"))?;
                n.trim().parse().ok().filter(|n| *n > 0).map(Dim::Region)
            }
        }
    }

    /// Parses a comma-separated list (`level,platform`).
    pub fn parse_list(s: &str) -> Result<Vec<Dim>, String> {
        s.split([',', '，'])
            .filter(|p| !p.trim().is_empty())
            .map(|p| Dim::parse(p).ok_or_else(|| p.trim().to_string()))
            .collect()
    }

    /// The dimension as written on the command line (`region:2`).
    pub fn code(self) -> String {
        match self {
            Dim::Level => "level".into(),
            Dim::Platform => "platform".into(),
            Dim::Domain => "domain".into(),
            Dim::Unit => "unit".into(),
            Dim::Region(usize::MAX) => "region".into(),
            Dim::Region(n) => format!("region:{n}"),
        }
    }

    /// The dimension's name in the interface language.
    pub fn label(self, lang: Lang) -> String {
        match self {
            Dim::Level => lang.pick("层级", "level").into(),
            Dim::Platform => lang.pick("平台", "platform").into(),
            Dim::Domain => lang.pick("领域", "domain").into(),
            Dim::Unit => lang.pick("主办单位", "host unit").into(),
            Dim::Region(usize::MAX) => lang.pick("地区", "region").into(),
            Dim::Region(n) => format!("{}{n}", lang.pick("地区", "region ")),
        }
    }

    /// A sort key and a label of an account on this dimension.
    pub fn key(self, a: &Account, lang: Lang) -> (String, String) {
        match self {
            Dim::Level => (
                format!("{}", a.level as u8),
                lang.pick(a.level.label_zh(), a.level.label_en()).into(),
            ),
            Dim::Platform => (
                format!("{}", a.platform as u8),
                lang.pick(a.platform.label_zh(), a.platform.label_en())
                    .into(),
            ),
            Dim::Domain => (a.domain.clone(), a.domain.clone()),
            // Units of the same name in different counties stay apart: the county path is
            // part of the key and printed beside the name.
            Dim::Unit => {
                let r = region_prefix(&a.region, UNIT_REGION_DEPTH);
                let label = if r.is_empty() {
                    a.unit.clone()
                } else {
                    format!("{}（{r}）", a.unit)
                };
                (format!("{}\u{1f}{r}", a.unit), label)
            }
            Dim::Region(n) => {
                let r = region_prefix(&a.region, n);
                (r.clone(), r)
            }
        }
    }
}

/// The first `depth` `/`-separated segments of a region path.
pub fn region_prefix(region: &str, depth: usize) -> String {
    region
        .split('/')
        .filter(|s| !s.is_empty())
        .take(depth)
        .collect::<Vec<_>>()
        .join("/")
}

/// A category's mean subtotal in a group and its share of the category's weight, over the
/// accounts it applies to (an account where it does not apply is left out, never counted 0).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CategoryMean {
    pub id: String,
    pub name: String,
    pub weight: f64,
    /// Accounts with a result the category applies to.
    pub n: usize,
    /// Published at the rubric's decimals; `None` when it applies to none (不适用).
    pub mean: Option<Figure>,
    /// The published mean / weight, a rate (0.1%).
    pub share: Option<Figure>,
}

/// The statistics of one group of accounts. Totals are counted over accounts with a result and
/// a score; in-progress sheets never enter them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GroupStats {
    /// Labels of the group on each dimension (empty for the whole round).
    pub key: Vec<String>,
    pub accounts: usize,
    /// Accounts with a final result (passed or failed).
    pub with_result: usize,
    /// Accounts without a counted sheet (「未评分」) = `in_progress` + `not_started`.
    #[serde(default)]
    pub unscored: usize,
    /// Unscored accounts that have a sheet in progress.
    pub in_progress: usize,
    /// Unscored accounts with no sheet at all.
    pub not_started: usize,
    /// Counted sheets below the quorum (「评分不足」).
    #[serde(default)]
    pub below_quorum: usize,
    /// A veto split waiting for the chair (「待复核」).
    #[serde(default)]
    pub pending_review: usize,
    pub passed: usize,
    pub failed: usize,
    /// passed / with_result, a rate (0.1%); `None` when no account has a result.
    pub pass_rate: Option<Figure>,
    pub vetoed: usize,
    #[serde(flatten)]
    pub spread: Spread,
    /// (veto item: reason, accounts), most frequent first.
    pub vetoes_by_reason: Vec<(String, usize)>,
    pub full_marks: usize,
    /// (grade, accounts) in the rubric's band order.
    pub grades: Vec<(String, usize)>,
    pub categories: Vec<CategoryMean>,
}

impl GroupStats {
    /// Every account in the group has a final result: only then may a bulletin say 「无不合格」.
    pub fn all_final(&self) -> bool {
        self.with_result == self.accounts
    }
}

/// A category's mean over the accounts with a result it applies to (their subtotals `xs`),
/// published; its share of the weight from that published mean.
pub(super) fn category_mean(
    scheme: &Scheme,
    c: &super::sheet::CategoryInfo,
    xs: &[Figure],
) -> CategoryMean {
    let mean = super::stats::mean(xs).map(|m| m.publish(scheme.decimals));
    let weight = dec(c.weight);
    let share = mean.filter(|_| !weight.is_zero()).and_then(|m| {
        let s = m.exact().div(&weight.exact())?;
        Some(s.publish(crate::domain::figure::RATE_DECIMALS))
    });
    CategoryMean {
        id: c.id.clone(),
        name: c.name.clone(),
        weight: c.weight,
        n: xs.len(),
        mean,
        share,
    }
}

/// Splits accounts into groups on `dims` (in key order); each group lists indices into `rs`.
/// Accounts are matched on borrowed keys; each group's sort key and label are made once.
pub fn partition(rs: &[AccountResult], dims: &[Dim], lang: Lang) -> Vec<(Vec<String>, Vec<usize>)> {
    partition_by(rs.len(), |i| &rs[i].account, dims, lang)
}

/// [`partition`] of borrowed results (a subset, without copying it).
pub fn partition_refs(
    rs: &[&AccountResult],
    dims: &[Dim],
    lang: Lang,
) -> Vec<(Vec<String>, Vec<usize>)> {
    partition_by(rs.len(), |i| &rs[i].account, dims, lang)
}

fn partition_by<'a>(
    n: usize,
    account: impl Fn(usize) -> &'a Account,
    dims: &[Dim],
    lang: Lang,
) -> Vec<(Vec<String>, Vec<usize>)> {
    let mut index: HashMap<Vec<Part<'a>>, usize> = HashMap::new();
    let mut members: Vec<Vec<usize>> = Vec::new();
    let mut key = Vec::with_capacity(dims.len());
    for i in 0..n {
        let a = account(i);
        key.clear();
        key.extend(dims.iter().map(|&d| Part::of(d, a)));
        match index.get(key.as_slice()) {
            Some(&g) => members[g].push(i),
            None => {
                index.insert(key.clone(), members.len());
                members.push(vec![i]);
            }
        }
    }
    let mut groups: Vec<(Vec<String>, Vec<String>, Vec<usize>)> = members
        .into_iter()
        .map(|idx| {
            let (sort, label) = dims.iter().map(|d| d.key(account(idx[0]), lang)).unzip();
            (sort, label, idx)
        })
        .collect();
    groups.sort_by(|a, b| a.0.cmp(&b.0));
    groups
        .into_iter()
        .map(|(_, label, idx)| (label, idx))
        .collect()
}

/// An account's key on one dimension, borrowed where it can be: equal parts exactly when
/// [`Dim::key`] gives equal sort keys.
#[derive(Clone, PartialEq, Eq, Hash)]
pub(super) enum Part<'a> {
    Code(u8),
    Text(Cow<'a, str>),
    Pair(Cow<'a, str>, Cow<'a, str>),
}

impl<'a> Part<'a> {
    pub(super) fn of(d: Dim, a: &'a Account) -> Part<'a> {
        match d {
            Dim::Level => Part::Code(a.level as u8),
            Dim::Platform => Part::Code(a.platform as u8),
            Dim::Domain => Part::Text(Cow::Borrowed(&a.domain)),
            Dim::Unit => Part::Pair(
                Cow::Borrowed(&a.unit),
                region_prefix_cow(&a.region, UNIT_REGION_DEPTH),
            ),
            Dim::Region(n) => Part::Text(region_prefix_cow(&a.region, n)),
        }
    }
}

/// [`region_prefix`], borrowed from `region` when its first `depth` segments are written
/// plainly (no empty segment among them).
fn region_prefix_cow(region: &str, depth: usize) -> Cow<'_, str> {
    let (mut end, mut taken) = (0, 0);
    for seg in region.split('/') {
        if taken == depth {
            break;
        }
        if seg.is_empty() {
            return Cow::Owned(region_prefix(region, depth));
        }
        end += seg.len() + usize::from(taken > 0);
        taken += 1;
    }
    Cow::Borrowed(&region[..end])
}

#[cfg(test)]
mod tests;
