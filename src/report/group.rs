//! Grouping accounts (by level, platform, business domain, region at any depth, host unit, or a
//! combination) and the statistics of one group.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};

use super::combine::{AccountResult, Verdict};
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
    /// Statistics of the given accounts.
    pub fn of(scheme: &Scheme, key: Vec<String>, rs: &[&AccountResult]) -> GroupStats {
        let with: Vec<&&AccountResult> = rs.iter().filter(|r| r.has_result()).collect();
        let totals: Vec<Figure> = with.iter().filter_map(|r| r.total).collect();
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
            .map(|(i, c)| category_mean(scheme, (i, c), &with))
            .collect();
        let count = |v: Verdict| rs.iter().filter(|r| r.verdict == v).count();
        let unscored = count(Verdict::Unscored);
        let in_progress = rs
            .iter()
            .filter(|r| r.verdict == Verdict::Unscored && r.in_progress > 0)
            .count();
        GroupStats {
            key,
            accounts: rs.len(),
            with_result: with.len(),
            unscored,
            in_progress,
            not_started: unscored - in_progress,
            below_quorum: count(Verdict::BelowQuorum),
            pending_review: count(Verdict::PendingReview),
            passed,
            failed: with.len() - passed,
            pass_rate: Figure::rate(passed, with.len()),
            vetoed: with.iter().filter(|r| r.vetoed()).count(),
            spread: Spread::of(&totals, scheme.decimals),
            vetoes_by_reason,
            full_marks: with.iter().filter(|r| r.full_marks).count(),
            grades,
            categories,
        }
    }

    /// Every account in the group has a final result: only then may a bulletin say 「无不合格」.
    pub fn all_final(&self) -> bool {
        self.with_result == self.accounts
    }
}

/// A category's mean over the accounts with a result it applies to, published; its share of the
/// weight from that published mean.
fn category_mean(
    scheme: &Scheme,
    (i, c): (usize, &super::sheet::CategoryInfo),
    with: &[&&AccountResult],
) -> CategoryMean {
    let xs: Vec<Figure> = with
        .iter()
        .filter_map(|r| r.subtotals.get(i).copied().flatten())
        .collect();
    let mean = super::stats::mean(&xs).map(|m| m.publish(scheme.decimals));
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
    use crate::report::tests::{account, f, sheet};

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
            let p = s.points.to_f64();
            s.subtotals = vec![f(p * 0.6), f(p * 0.4)];
        }
        let rs: Vec<AccountResult> = (1..=6)
            .map(|id| {
                let mine: Vec<&_> = sheets.iter().filter(|s| s.account_id == id).collect();
                account_result(&sc, &account(id, "号"), &mine)
            })
            .collect();
        let g = GroupStats::of(&sc, vec![], &rs.iter().collect::<Vec<_>>());
        assert_eq!(
            (
                g.accounts,
                g.with_result,
                g.unscored,
                g.in_progress,
                g.not_started
            ),
            (6, 4, 2, 1, 1)
        );
        assert!(!g.all_final());
        assert_eq!((g.passed, g.failed, g.vetoed, g.full_marks), (2, 2, 1, 1));
        assert_eq!(
            g.pass_rate.map(|r| r.percent().text()).as_deref(),
            Some("50.0")
        );
        // Totals 100, 80, 59 (vetoed: set after combining), 50. Mean 72.25; sorted
        // 50, 59, 80, 100: median 69.5, q1 (h = 0.75) = 50 + 0.75·9 = 56.75, q3 (h = 2.25) = 80 + 0.25·20 = 85.
        assert_eq!(g.spread.mean, f(72.25));
        assert_eq!(g.spread.median, f(69.5));
        assert_eq!(g.spread.q1, f(56.75));
        assert_eq!(g.spread.q3, f(85.0));
        assert_eq!((g.spread.min, g.spread.max), (f(50.0), f(100.0)));
        assert_eq!(g.vetoes_by_reason, vec![("泄密: 涉密".to_string(), 1)]);
        assert_eq!(
            g.grades,
            vec![("优秀".into(), 1), ("合格".into(), 1), ("不合格".into(), 2)]
        );
        // Category 甲: subtotals 60, 48, 42 (the vetoed sheet's own), 30 → mean 45, share 0.75.
        assert_eq!(g.categories[0].mean, f(45.0));
        assert_eq!(
            g.categories[0].share.map(|s| s.text()).as_deref(),
            Some("0.750")
        );
    }

    #[test]
    fn a_category_that_does_not_apply_is_left_out_of_means_and_shares() {
        // The issue: 基层 0.0% for provincial accounts. Account 1's second category does not
        // apply; account 2 scores it 30 of 40: mean 30, share 75%, never (0 + 30) / 2.
        let sc = scheme(VetoPolicy::FailKeepScore);
        let mut x = sheet(1, "甲", SheetStatus::Complete, 60.0);
        x.subtotals = vec![f(60.0), None];
        let mut y = sheet(2, "甲", SheetStatus::Complete, 90.0);
        y.subtotals = vec![f(60.0), f(30.0)];
        let rs = [
            account_result(&sc, &account(1, "省级号"), &[&x]),
            account_result(&sc, &account(2, "县级号"), &[&y]),
        ];
        let g = GroupStats::of(&sc, vec![], &rs.iter().collect::<Vec<_>>());
        assert_eq!((g.categories[1].n, g.categories[1].mean), (1, f(30.0)));
        assert_eq!(
            g.categories[1].share.map(|s| s.percent().text()).as_deref(),
            Some("75.0")
        );
        let only = GroupStats::of(&sc, vec![], &[&rs[0]]);
        assert_eq!((only.categories[1].n, only.categories[1].mean), (0, None));
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
