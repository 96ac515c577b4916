//! The matrices agreement is measured on: per round (each sheet's total), per category (its
//! subtotal) or per indicator (its points), targets = accounts, raters = evaluators. A value
//! enters only when that evaluator has finished it (a total only from a complete sheet, a
//! category only without missing items, an indicator only when scored).

use std::collections::BTreeMap;

use serde::Serialize;

use super::Matrix;
use crate::domain::engine::{ItemState, score_totals};
use crate::domain::entry::Entry;
use crate::domain::platform::{Level, Platform};
use crate::domain::rubric::Rubric;

/// What the groups are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum GroupBy {
    Round,
    Category,
    Indicator,
}

/// One evaluator's sheet for one account.
#[derive(Debug, Clone, PartialEq)]
pub struct Sheet {
    /// The account's label (targets are named by it).
    pub account: String,
    pub platform: Platform,
    pub level: Level,
    pub evaluator: String,
    pub entries: Vec<Entry>,
}

/// A named matrix: `key` is the round name, category id or indicator id.
#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    pub key: String,
    pub name: String,
    pub matrix: Matrix,
}

/// The matrices for `by`, in rubric order (a group without any value is left out).
pub fn groups(rubric: &Rubric, round: &str, sheets: &[Sheet], by: GroupBy) -> Vec<Group> {
    let mut targets: Vec<String> = sheets.iter().map(|s| s.account.clone()).collect();
    dedup_keep_order(&mut targets);
    let mut raters: Vec<String> = sheets.iter().map(|s| s.evaluator.clone()).collect();
    raters.sort();
    raters.dedup();
    let (keys, names): (Vec<String>, Vec<String>) = match by {
        GroupBy::Round => (vec![round.to_string()], vec![rubric.name.clone()]),
        GroupBy::Category => rubric
            .categories
            .iter()
            .map(|c| (c.id.clone(), c.name.clone()))
            .unzip(),
        GroupBy::Indicator => rubric
            .categories
            .iter()
            .flat_map(|c| c.indicators.iter())
            .map(|i| (i.common().id.clone(), i.common().name.clone()))
            .unzip(),
    };
    let mut cells: BTreeMap<(usize, usize, usize), f64> = BTreeMap::new();
    for s in sheets {
        let t = targets.iter().position(|a| *a == s.account).unwrap_or(0);
        let r = raters.binary_search(&s.evaluator).unwrap_or(0);
        let o = score_totals(rubric, s.platform, s.level, &s.entries);
        for (g, key) in keys.iter().enumerate() {
            let v = match by {
                // Agreement statistics read each sheet's exact value (as a double).
                GroupBy::Round => (o.scored == o.applicable).then(|| o.unrounded.to_f64()),
                GroupBy::Category => {
                    let missing = o
                        .items
                        .iter()
                        .any(|i| i.category == *key && i.state == ItemState::Missing);
                    let c = o.categories.iter().find(|c| c.id == *key);
                    c.filter(|c| c.applicable && !missing)
                        .map(|c| c.exact.to_f64())
                }
                GroupBy::Indicator => o
                    .items
                    .iter()
                    .find(|i| i.id == *key && i.state == ItemState::Scored)
                    .map(|i| i.points.to_f64()),
            };
            if let Some(v) = v {
                cells.insert((g, t, r), v);
            }
        }
    }
    keys.into_iter()
        .zip(names)
        .enumerate()
        .filter(|(g, _)| cells.range((*g, 0, 0)..(*g + 1, 0, 0)).next().is_some())
        .map(|(g, (key, name))| Group {
            key,
            name,
            matrix: Matrix {
                targets: targets.clone(),
                raters: raters.clone(),
                cells: (0..targets.len())
                    .map(|t| {
                        (0..raters.len())
                            .map(|r| cells.get(&(g, t, r)).copied())
                            .collect()
                    })
                    .collect(),
            },
        })
        .collect()
}

fn dedup_keep_order(v: &mut Vec<String>) {
    let mut seen = std::collections::HashSet::new();
    v.retain(|x| seen.insert(x.clone()));
}
