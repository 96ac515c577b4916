//! Roll-ups to a parent region (a county from its accounts, a city from its counties) with a rule
//! chosen per report: the mean of the children, their minimum, or "any vetoed child fails the
//! parent and sets it to x" (肇庆 scores such a county 59), else the mean.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::combine::AccountResult;
use super::group::region_prefix;
use crate::domain::figure::{Figure, dec};

/// How children combine into their parent.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RollupRule {
    Mean,
    Min,
    /// A vetoed child sets the parent to this value (and fails it); otherwise the mean.
    VetoSets(f64),
}

impl RollupRule {
    /// `mean`, `min`, or `veto:59`.
    pub fn parse(s: &str) -> Option<RollupRule> {
        match s.trim() {
            "mean" => Some(RollupRule::Mean),
            "min" => Some(RollupRule::Min),
            t => t
                .strip_prefix("veto:")
                .and_then(|x| x.trim().parse().ok())
                .filter(|x: &f64| x.is_finite())
                .map(RollupRule::VetoSets),
        }
    }
}

/// One node of a roll-up level: a region and its value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Node {
    pub region: String,
    /// Children counted (accounts with a score, or child regions with a value).
    pub children: usize,
    /// Published at the rubric's decimals.
    pub value: Option<Figure>,
    /// A vetoed account lies below it.
    pub vetoed: bool,
}

/// Rolls `children` up to their parents at `depth` segments of the region path; each parent's
/// value is published at `decimals` (a mean of published child values, exactly).
pub fn roll(children: &[Node], depth: usize, rule: RollupRule, decimals: u32) -> Vec<Node> {
    let mut m: BTreeMap<String, Vec<&Node>> = BTreeMap::new();
    for c in children {
        m.entry(region_prefix(&c.region, depth))
            .or_default()
            .push(c);
    }
    m.into_iter()
        .map(|(region, kids)| {
            let vals: Vec<Figure> = kids.iter().filter_map(|k| k.value).collect();
            let vetoed = kids.iter().any(|k| k.vetoed);
            let mean = || super::stats::mean(&vals).map(|m| m.publish(decimals));
            let value = match rule {
                RollupRule::Mean => mean(),
                RollupRule::Min => vals.iter().min().map(|v| v.at(decimals)),
                RollupRule::VetoSets(x) if vetoed => Some(dec(x).at(decimals)),
                RollupRule::VetoSets(_) => mean(),
            };
            Node {
                region,
                children: vals.len(),
                value,
                vetoed,
            }
        })
        .collect()
}

/// The accounts as leaves (their full region path, total and veto).
pub fn leaves(rs: &[AccountResult]) -> Vec<Node> {
    rs.iter()
        .filter(|r| r.has_result())
        .map(|r| Node {
            region: r.account.region.clone(),
            children: 1,
            value: r.total,
            vetoed: r.vetoed(),
        })
        .collect()
}

/// Rolls accounts up level by level, deepest first: `depths` = [3, 2] gives counties from their
/// accounts, then cities from those counties.
pub fn roll_levels(
    rs: &[AccountResult],
    depths: &[usize],
    rule: RollupRule,
    decimals: u32,
) -> Vec<(usize, Vec<Node>)> {
    roll_leaves(leaves(rs), depths, rule, decimals)
}

/// [`roll_levels`] from the accounts' leaves already made.
pub fn roll_leaves(
    mut level: Vec<Node>,
    depths: &[usize],
    rule: RollupRule,
    decimals: u32,
) -> Vec<(usize, Vec<Node>)> {
    let mut sorted = depths.to_vec();
    sorted.sort_unstable_by(|a, b| b.cmp(a));
    sorted.dedup();
    let mut out = Vec::new();
    for d in sorted {
        level = roll(&level, d, rule, decimals);
        out.push((d, level.clone()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(region: &str, value: Option<f64>, vetoed: bool) -> Node {
        Node {
            region: region.into(),
            children: 1,
            value: value.map(dec),
            vetoed,
        }
    }

    fn f(x: f64) -> Option<Figure> {
        Some(dec(x).at(2))
    }

    fn kids() -> Vec<Node> {
        vec![
            n("省/A市/一县", Some(90.0), false),
            n("省/A市/一县", Some(70.0), true),
            n("省/A市/二县", Some(80.0), false),
            n("省/A市/二县", None, false),
            n("省/B市/三县", Some(60.0), false),
        ]
    }

    #[test]
    fn counties_from_accounts_by_each_rule() {
        let mean = roll(&kids(), 3, RollupRule::Mean, 2);
        assert_eq!(mean.len(), 3);
        assert_eq!(mean[0].region, "省/A市/一县");
        assert_eq!(
            (mean[0].value, mean[0].children, mean[0].vetoed),
            (f(80.0), 2, true)
        );
        assert_eq!((mean[1].value, mean[1].children), (f(80.0), 1));
        let min = roll(&kids(), 3, RollupRule::Min, 2);
        assert_eq!(min[0].value, f(70.0));
        let veto = roll(&kids(), 3, RollupRule::VetoSets(59.0), 2);
        assert_eq!(veto[0].value, f(59.0));
        assert_eq!(veto[1].value, f(80.0));
    }

    #[test]
    fn cities_from_counties() {
        let counties = roll(&kids(), 3, RollupRule::VetoSets(59.0), 2);
        let cities = roll(&counties, 2, RollupRule::Mean, 2);
        assert_eq!(cities.len(), 2);
        // A市 = mean(59, 80) = 69.5, vetoed below it; B市 = 60.
        assert_eq!((cities[0].value, cities[0].vetoed), (f(69.5), true));
        assert_eq!(cities[1].value, f(60.0));
        assert_eq!(roll(&[], 2, RollupRule::Mean, 2), vec![]);
        let empty = roll(&[n("省/C市", None, false)], 2, RollupRule::Min, 2);
        assert_eq!(empty[0].value, None);
    }

    #[test]
    fn rules_parse() {
        assert_eq!(
            RollupRule::parse("veto:59"),
            Some(RollupRule::VetoSets(59.0))
        );
        assert_eq!(RollupRule::parse("min"), Some(RollupRule::Min));
        assert_eq!(RollupRule::parse("veto:x"), None);
    }
}
