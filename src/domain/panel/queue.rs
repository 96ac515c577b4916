//! The disagreement queue: an indicator of an account goes in when the evaluators' points spread
//! beyond a share of the indicator's maximum (or beyond an SD), or when a veto is split (some
//! evaluators hit it, others checked it clean).

use serde::Serialize;

use crate::domain::figure::{Figure, MAX_DECIMALS};

/// Thresholds; an item is queued when any applies.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct QueueRule {
    /// Queue when max − min exceeds this share of the item's maximum (e.g. 0.3).
    pub share_of_max: Option<f64>,
    /// Queue when the sample SD of the points exceeds this.
    pub sd: Option<f64>,
}

impl Default for QueueRule {
    fn default() -> Self {
        QueueRule {
            share_of_max: Some(0.3),
            sd: None,
        }
    }
}

/// One evaluator's judgement of the item.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Vote {
    pub evaluator: String,
    /// Points (indicators) exactly, `None` for veto items.
    pub points: Option<Figure>,
    /// Veto items: hit (true) or checked clean (false).
    pub veto: Option<bool>,
    pub note: String,
    pub evidence: Vec<String>,
}

/// The votes for one item of one account.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Item {
    pub account: String,
    pub indicator: String,
    pub max: f64,
    pub votes: Vec<Vote>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "why", rename_all = "snake_case")]
pub enum Why {
    /// max − min of the points (exact) beyond the limit (a share of the maximum).
    Spread {
        range: Figure,
        limit: Figure,
    },
    /// The points' sample SD (at 2 decimals) beyond the limit.
    Sd {
        sd: Figure,
        limit: Figure,
    },
    SplitVeto {
        hits: usize,
        of: usize,
    },
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Disagreement {
    #[serde(flatten)]
    pub item: Item,
    pub why: Vec<Why>,
}

/// The items that disagree, in input order.
pub fn queue(rule: &QueueRule, items: Vec<Item>) -> Vec<Disagreement> {
    items
        .into_iter()
        .filter_map(|item| {
            let why = reasons(rule, &item);
            (!why.is_empty()).then_some(Disagreement { item, why })
        })
        .collect()
}

fn reasons(rule: &QueueRule, item: &Item) -> Vec<Why> {
    let mut why = Vec::new();
    let figs: Vec<Figure> = item.votes.iter().filter_map(|v| v.points).collect();
    if let (Some(lo), Some(hi), true) = (figs.iter().min(), figs.iter().max(), figs.len() >= 2) {
        let range = hi.exact().sub(&lo.exact()).publish(MAX_DECIMALS).trimmed();
        if let Some(share) = rule.share_of_max {
            let limit = Figure::measured(share * item.max, MAX_DECIMALS)
                .unwrap_or(Figure::int(0))
                .trimmed();
            if range > limit {
                why.push(Why::Spread { range, limit });
            }
        }
        if let Some(limit) = rule.sd {
            let sd = crate::domain::stats::sample_sd(&figs, 2).unwrap_or(Figure::int(0));
            let limit = crate::domain::figure::dec(limit);
            if sd > limit {
                why.push(Why::Sd { sd, limit });
            }
        }
    }
    let vetoes: Vec<bool> = item.votes.iter().filter_map(|v| v.veto).collect();
    let hits = vetoes.iter().filter(|h| **h).count();
    if hits > 0 && hits < vetoes.len() {
        why.push(Why::SplitVeto {
            hits,
            of: vetoes.len(),
        });
    }
    why
}
