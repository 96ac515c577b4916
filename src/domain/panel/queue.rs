//! The disagreement queue: an indicator of an account goes in when the evaluators' points spread
//! beyond a share of the indicator's maximum (or beyond an SD), or when a veto is split (some
//! evaluators hit it, others checked it clean).

use serde::Serialize;

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
    /// Points (indicators), `None` for veto items.
    pub points: Option<f64>,
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
    Spread { range: f64, limit: f64 },
    Sd { sd: f64, limit: f64 },
    SplitVeto { hits: usize, of: usize },
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
    let pts: Vec<f64> = item.votes.iter().filter_map(|v| v.points).collect();
    if pts.len() >= 2 {
        let lo = pts.iter().copied().fold(f64::INFINITY, f64::min);
        let hi = pts.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        if let Some(share) = rule.share_of_max {
            let limit = share * item.max;
            if hi - lo > limit + 1e-9 {
                why.push(Why::Spread {
                    range: hi - lo,
                    limit,
                });
            }
        }
        if let Some(limit) = rule.sd {
            let n = pts.len() as f64;
            let mean = pts.iter().sum::<f64>() / n;
            let sd = (pts.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (n - 1.0)).sqrt();
            if sd > limit + 1e-9 {
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
