//! Grouping accounts (by level, platform, business domain, region at any depth, host unit, or a
//! combination) and the statistics of one group.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};

use super::combine::{AccountResult, Verdict};
use super::sheet::{Scheme, tidy};
use super::stats::Spread;
use crate::domain::account::Account;
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

/// A category's mean subtotal in a group and its share of the category's weight.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CategoryMean {
    pub id: String,
    pub name: String,
    pub weight: f64,
    pub mean: Option<f64>,
    /// mean / weight, in [0, 1].
    pub share: Option<f64>,
}

/// The statistics of one group of accounts. Totals are counted over accounts with a result and
/// a score; in-progress sheets never enter them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GroupStats {
    /// Labels of the group on each dimension (empty for the whole round).
    pub key: Vec<String>,
    pub accounts: usize,
    /// Accounts with at least one counted sheet.
    pub with_result: usize,
    /// Accounts without a result that have a sheet in progress.
    pub in_progress: usize,
    /// Accounts with no sheet at all.
    pub not_started: usize,
    pub passed: usize,
    pub failed: usize,
    /// passed / with_result, in [0, 1]; `None` when no account has a result.
    pub pass_rate: Option<f64>,
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
    /// Statistics of the given accounts.
    pub fn of(scheme: &Scheme, key: Vec<String>, rs: &[&AccountResult]) -> GroupStats {
        let with: Vec<&&AccountResult> = rs.iter().filter(|r| r.has_result()).collect();
        let totals: Vec<f64> = with.iter().filter_map(|r| r.total).collect();
        let passed = rs.iter().filter(|r| r.verdict == Verdict::Passed).count();
        let mut reasons: BTreeMap<String, usize> = BTreeMap::new();
        for r in &with {
            for v in &r.vetoes {
                *reasons.entry(v.label()).or_default() += 1;
            }
        }
        let mut vetoes_by_reason: Vec<(String, usize)> = reasons.into_iter().collect();
        vetoes_by_reason.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        let mut bands = scheme.grades.clone();
        bands.sort_by(|a, b| b.1.total_cmp(&a.1));
        let grades = bands
            .into_iter()
            .map(|(g, _)| {
                let n = with
                    .iter()
                    .filter(|r| r.grade.as_deref() == Some(&g))
                    .count();
                (g, n)
            })
            .collect();
        let categories = scheme
            .categories
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let xs: Vec<f64> = with
                    .iter()
                    .filter_map(|r| r.subtotals.get(i).copied())
                    .collect();
                let mean = super::stats::mean(&xs).map(tidy);
                CategoryMean {
                    id: c.id.clone(),
                    name: c.name.clone(),
                    weight: c.weight,
                    mean,
                    share: mean.filter(|_| c.weight > 0.0).map(|m| tidy(m / c.weight)),
                }
            })
            .collect();
        let in_progress = rs
            .iter()
            .filter(|r| !r.has_result() && r.in_progress > 0)
            .count();
        GroupStats {
            key,
            accounts: rs.len(),
            with_result: with.len(),
            in_progress,
            not_started: rs.len() - with.len() - in_progress,
            passed,
            failed: with.len() - passed,
            pass_rate: (!with.is_empty()).then(|| passed as f64 / with.len() as f64),
            vetoed: with.iter().filter(|r| r.vetoed()).count(),
            spread: Spread::of(&totals),
            vetoes_by_reason,
            full_marks: with.iter().filter(|r| r.full_marks).count(),
            grades,
            categories,
        }
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
enum Part<'a> {
    Code(u8),
    Text(Cow<'a, str>),
    Pair(Cow<'a, str>, Cow<'a, str>),
}

impl<'a> Part<'a> {
    fn of(d: Dim, a: &'a Account) -> Part<'a> {
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
mod tests {
    use super::*;
    use crate::domain::platform::{Level, Platform};
    use crate::domain::rubric::VetoPolicy;
    use crate::report::combine::account_result;
    use crate::report::combine::tests::scheme;
    use crate::report::sheet::{SheetStatus, VetoReason};
    use crate::report::tests::{account, sheet};

    #[test]
    fn units_of_one_name_in_two_counties_stay_apart() {
        let scheme = scheme(VetoPolicy::FailKeepScore);
        let mut a = account(1, "甲");
        let mut b = account(2, "乙");
        let mut c = account(3, "丙");
        (a.unit, b.unit, c.unit) = ("教育局".into(), "教育局".into(), "教育局".into());
        b.region = "浙江省/丽水市/云和县/云和镇".into();
        c.region = "浙江省/丽水市/云和县".into();
        let sheets = [
            sheet(1, "王", SheetStatus::Complete, 80.0),
            sheet(2, "王", SheetStatus::Complete, 90.0),
            sheet(3, "王", SheetStatus::Complete, 70.0),
        ];
        let rs: Vec<AccountResult> = [&a, &b, &c]
            .iter()
            .zip(&sheets)
            .map(|(a, s)| account_result(&scheme, a, &[s]))
            .collect();
        let groups = partition(&rs, &[Dim::Unit], Lang::Zh);
        let labels: Vec<(String, usize)> = groups
            .iter()
            .map(|(l, idx)| (l.join(""), idx.len()))
            .collect();
        assert_eq!(
            labels,
            vec![
                ("教育局（浙江省/丽水市/云和县）".to_string(), 2),
                ("教育局（浙江省/丽水市/莲都区）".to_string(), 1)
            ]
        );
    }

    #[test]
    fn borrowed_region_prefixes_equal_the_joined_ones() {
        for r in [
            "浙江省/丽水市/云和县",
            "浙江省",
            "",
            "/浙江省//丽水市/",
            "a/b/",
            "a//b",
            "//",
        ] {
            for depth in [0, 1, 2, 3, 5, usize::MAX] {
                assert_eq!(
                    region_prefix_cow(r, depth),
                    region_prefix(r, depth),
                    "{r:?} {depth}"
                );
            }
        }
    }

    #[test]
    fn partition_equals_grouping_on_the_sort_keys() {
        let sc = scheme(VetoPolicy::FailWithScore(59.0));
        let regions = [
            "省/甲市/A县",
            "省/甲市/B县",
            "省//甲市",
            "省/乙市",
            "",
            "省/甲市",
        ];
        let rs: Vec<AccountResult> = (0..24)
            .map(|i| {
                let mut a = account(i, "");
                a.region = regions[i as usize % regions.len()].into();
                a.unit = format!("单位{}", i % 5);
                a.level = if i % 3 == 0 {
                    Level::County
                } else {
                    Level::City
                };
                if i % 2 == 1 {
                    a.platform = Platform::Weibo;
                }
                account_result(&sc, &a, &[])
            })
            .collect();
        let dims = [
            Dim::Level,
            Dim::Region(2),
            Dim::Unit,
            Dim::Platform,
            Dim::Region(9),
        ];
        for n in 0..=dims.len() {
            let by = &dims[..n];
            // The reference: one ordered map on the owned sort keys.
            let mut m: BTreeMap<Vec<String>, (Vec<String>, Vec<usize>)> = BTreeMap::new();
            for (i, r) in rs.iter().enumerate() {
                let (sort, label): (Vec<String>, Vec<String>) =
                    by.iter().map(|d| d.key(&r.account, Lang::Zh)).unzip();
                m.entry(sort)
                    .or_insert_with(|| (label, Vec::new()))
                    .1
                    .push(i);
            }
            let want: Vec<_> = m.into_values().collect();
            assert_eq!(partition(&rs, by, Lang::Zh), want, "{by:?}");
        }
    }

    #[test]
    fn dims_parse_with_region_depths() {
        assert_eq!(
            Dim::parse_list("level, platform,region:2").unwrap(),
            vec![Dim::Level, Dim::Platform, Dim::Region(2)]
        );
        assert_eq!(Dim::parse_list("level,colour"), Err("colour".to_string()));
        assert_eq!(Dim::parse("region:0"), None);
        assert_eq!(region_prefix("浙江省/丽水市/云和县", 2), "浙江省/丽水市");
        assert_eq!(region_prefix("浙江省", 3), "浙江省");
    }

    #[test]
    fn group_statistics_by_hand() {
        let sc = scheme(VetoPolicy::FailWithScore(59.0));
        let mut veto = sheet(3, "甲", SheetStatus::Complete, 70.0);
        veto.vetoes = vec![VetoReason {
            id: "v".into(),
            name: "泄密".into(),
            reason: "涉密".into(),
        }];
        let mut sheets = vec![
            sheet(1, "甲", SheetStatus::Complete, 100.0),
            sheet(2, "甲", SheetStatus::Complete, 80.0),
            veto,
            sheet(4, "甲", SheetStatus::Complete, 50.0),
            sheet(5, "甲", SheetStatus::InProgress, 20.0),
        ];
        for s in &mut sheets {
            s.subtotals = vec![s.points * 0.6, s.points * 0.4];
        }
        let rs: Vec<AccountResult> = (1..=6)
            .map(|id| {
                let mine: Vec<&_> = sheets.iter().filter(|s| s.account_id == id).collect();
                account_result(&sc, &account(id, "号"), &mine)
            })
            .collect();
        let g = GroupStats::of(&sc, vec![], &rs.iter().collect::<Vec<_>>());
        assert_eq!(
            (g.accounts, g.with_result, g.in_progress, g.not_started),
            (6, 4, 1, 1)
        );
        assert_eq!((g.passed, g.failed, g.vetoed, g.full_marks), (2, 2, 1, 1));
        assert_eq!(g.pass_rate, Some(0.5));
        // Totals 100, 80, 59 (vetoed: set after combining), 50. Mean 72.25; sorted
        // 50, 59, 80, 100: median 69.5, q1 (h = 0.75) = 50 + 0.75·9 = 56.75, q3 (h = 2.25) = 80 + 0.25·20 = 85.
        assert_eq!(g.spread.mean, Some(72.25));
        assert_eq!(g.spread.median, Some(69.5));
        assert_eq!(g.spread.q1, Some(56.75));
        assert_eq!(g.spread.q3, Some(85.0));
        assert_eq!((g.spread.min, g.spread.max), (Some(50.0), Some(100.0)));
        assert_eq!(g.vetoes_by_reason, vec![("泄密: 涉密".to_string(), 1)]);
        assert_eq!(
            g.grades,
            vec![("优秀".into(), 1), ("合格".into(), 1), ("不合格".into(), 2)]
        );
        // Category 甲: subtotals 60, 48, 42 (the vetoed sheet's own), 30 → mean 45, share 0.75.
        assert_eq!(g.categories[0].mean, Some(45.0));
        assert_eq!(g.categories[0].share, Some(0.75));
    }

    #[test]
    fn an_empty_group_has_no_statistics() {
        let sc = scheme(VetoPolicy::FailKeepScore);
        let rs = [account_result(&sc, &account(1, "空"), &[])];
        let g = GroupStats::of(&sc, vec!["x".into()], &rs.iter().collect::<Vec<_>>());
        assert_eq!(g.with_result, 0);
        assert_eq!(g.pass_rate, None);
        assert_eq!(g.spread.mean, None);
        assert_eq!(g.categories[1].share, None);
        let none = GroupStats::of(&sc, vec![], &[]);
        assert_eq!(none.accounts, 0);
    }

    #[test]
    fn partition_on_two_dimensions() {
        let sc = scheme(VetoPolicy::FailKeepScore);
        let mut a = account(1, "甲");
        a.region = "浙江省/丽水市/云和县".into();
        let mut b = account(2, "乙");
        b.region = "浙江省/丽水市/莲都区".into();
        let mut c = account(3, "丙");
        c.region = "浙江省/杭州市".into();
        let rs: Vec<AccountResult> = [a, b, c]
            .iter()
            .map(|a| account_result(&sc, a, &[]))
            .collect();
        let p = partition(&rs, &[Dim::Level, Dim::Region(2)], Lang::Zh);
        assert_eq!(p.len(), 2);
        assert_eq!(p[0].0, vec!["县级".to_string(), "浙江省/丽水市".into()]);
        assert_eq!(p[0].1, vec![0, 1]);
        assert_eq!(p[1].1, vec![2]);
    }
}
