//! Findings (问题): every single veto and every deduction in a round's final results — the
//! account, the indicator, the evidence, the rule and the points lost — defined once, here, from
//! the counted sheets of an account with a final verdict. Rectification (整改), appeals and
//! repeat offenders all name a finding by its [`Finding::key`] (account, item).
//!
//! - A **veto** finding is an upheld single-veto hit (the panel's veto rule decided it; a hit the
//!   panel overruled, or one left to the chair, is none): its rule is the reason chosen.
//! - A **deduction** finding is a scored indicator of a category for which the counted sheets
//!   lost points: each sheet's loss is the item's full points minus its points (before category
//!   scaling, as the rubric states the item), the sheets' losses are combined by the category's
//!   method (the round's, unless the category has its own) and published at the rubric's
//!   decimals; a combined loss that publishes as zero is no finding. An item not applicable, left
//!   unscored by a veto, or a bonus item is never a deduction. Its rule is the item's guide.

use serde::{Deserialize, Serialize};

use crate::domain::engine::{ItemState, Outcome, score_totals};
use crate::domain::entry::Entry;
use crate::domain::figure::{Exact, Figure};
use crate::domain::panel::{Method, PanelError, combine_values, method_of};
use crate::domain::platform::{Level, Platform};
use crate::domain::rubric::Rubric;
use crate::domain::sheet_result::VetoReason;

/// A veto or a deduction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Veto,
    Deduction,
}

impl Kind {
    pub fn code(self) -> &'static str {
        match self {
            Kind::Veto => "veto",
            Kind::Deduction => "deduction",
        }
    }
}

/// One problem a round found with one account.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Finding {
    pub account_id: i64,
    /// The item's id and name as the rubric writes them.
    pub item: String,
    pub name: String,
    /// The category's name, or the rubric's name for its veto items (「单项否决」 in words is the
    /// reader's; here the category is empty for a veto).
    pub category: String,
    pub kind: Kind,
    /// Veto: the reasons chosen (「；」 between distinct ones); deduction: the item's guide.
    pub rule: String,
    /// Points lost, combined over the sheets and published; `None` for a veto.
    pub lost: Option<Figure>,
    /// The item's full points (a veto: 0).
    pub max: Figure,
    /// Distinct evidence and notes of the evaluators who recorded the problem, in sheet order.
    pub evidence: Vec<String>,
    pub notes: Vec<String>,
    /// The evaluators who recorded it.
    pub evaluators: Vec<String>,
}

impl Finding {
    /// What names a finding across records, rounds and appeals: the account and the item id.
    pub fn key(&self) -> (i64, &str) {
        (self.account_id, &self.item)
    }

    /// Whether `item` names this finding (its id, or its name exactly).
    pub fn is_item(&self, item: &str) -> bool {
        let item = item.trim();
        self.item == item || self.name == item
    }
}

/// One counted sheet of the account: its evaluator and entries (with any consensus of the chair
/// already put in place of the evaluator's own values).
#[derive(Debug, Clone, Copy)]
pub struct CountedSheet<'a> {
    pub evaluator: &'a str,
    pub entries: &'a [Entry],
}

/// An account with a final verdict, as the findings need it.
#[derive(Debug, Clone)]
pub struct FinalAccount<'a> {
    pub account_id: i64,
    pub platform: Platform,
    pub level: Level,
    /// The vetoes the panel upheld.
    pub vetoes: &'a [VetoReason],
    pub sheets: Vec<CountedSheet<'a>>,
}

/// How the round combines several sheets: its method and each category's own (rubric order).
#[derive(Debug, Clone, Copy)]
pub struct Combining<'a> {
    pub method: Method,
    pub categories: &'a [Option<Method>],
}

/// The findings of one account: vetoes first (in the rubric's order of veto items), then the
/// deductions in rubric order.
pub fn account_findings(
    rubric: &Rubric,
    how: Combining<'_>,
    account: &FinalAccount<'_>,
) -> Result<Vec<Finding>, PanelError> {
    let outcomes: Vec<Outcome> = (account.sheets.iter())
        .map(|s| score_totals(rubric, account.platform, account.level, s.entries))
        .collect();
    let mut out = veto_findings(rubric, account, &outcomes);
    for (c, category) in rubric.categories.iter().enumerate() {
        let method = method_of(how.method, how.categories, c);
        for indicator in &category.indicators {
            let common = indicator.common();
            if let Some(f) = deduction(rubric, method, account, &outcomes, &common.id)? {
                out.push(Finding {
                    category: category.name.clone(),
                    rule: common.guide.clone(),
                    name: common.name.clone(),
                    ..f
                });
            }
        }
    }
    Ok(out)
}

/// One finding per upheld veto item, with the evidence of the sheets that hit it.
fn veto_findings(rubric: &Rubric, a: &FinalAccount<'_>, outcomes: &[Outcome]) -> Vec<Finding> {
    let mut out = Vec::new();
    for veto in &rubric.vetoes {
        let id = &veto.common.id;
        let reasons: Vec<&str> = (a.vetoes.iter())
            .filter(|v| &v.id == id)
            .map(|v| v.reason.as_str())
            .collect();
        if reasons.is_empty() {
            continue;
        }
        let hit: Vec<usize> = (0..a.sheets.len())
            .filter(|&i| outcomes[i].vetoes.iter().any(|h| &h.id == id))
            .collect();
        let mut f = blank(a.account_id, id, Kind::Veto);
        f.name = veto.common.name.clone();
        f.rule = dedup(reasons.iter().map(|r| r.to_string())).join("；");
        gather(&mut f, a, &hit, id);
        out.push(f);
    }
    out
}

/// The deduction finding of indicator `id`, if the combined loss publishes above zero (the
/// caller fills in the names and the rule).
fn deduction(
    rubric: &Rubric,
    method: Method,
    a: &FinalAccount<'_>,
    outcomes: &[Outcome],
    id: &str,
) -> Result<Option<Finding>, PanelError> {
    let mut losses = Vec::new();
    let mut lost_by = Vec::new();
    let mut max = None;
    for (i, o) in outcomes.iter().enumerate() {
        let Some(r) = o.items.iter().find(|r| r.id == id) else {
            continue;
        };
        if r.state != ItemState::Scored {
            continue;
        }
        let full = Figure::of_decimal(r.max).unwrap_or_else(|| Figure::stored(r.max, 6));
        let loss = full.exact().sub(&r.points.exact());
        if loss.is_negative() || loss.is_zero() {
            losses.push(Exact::ZERO);
        } else {
            losses.push(loss);
            lost_by.push(i);
        }
        max = Some(full);
    }
    let Some(combined) = combine_values(method, &losses)? else {
        return Ok(None);
    };
    let lost = combined.publish(rubric.decimals);
    if lost.is_zero() || lost_by.is_empty() {
        return Ok(None);
    }
    let mut f = blank(a.account_id, id, Kind::Deduction);
    f.lost = Some(lost);
    f.max = max.unwrap_or(Figure::int(0));
    gather(&mut f, a, &lost_by, id);
    Ok(Some(f))
}

fn blank(account_id: i64, id: &str, kind: Kind) -> Finding {
    Finding {
        account_id,
        item: id.to_string(),
        name: String::new(),
        category: String::new(),
        kind,
        rule: String::new(),
        lost: None,
        max: Figure::int(0),
        evidence: Vec::new(),
        notes: Vec::new(),
        evaluators: Vec::new(),
    }
}

/// The evaluators, evidence and notes of sheets `which` for item `id`.
fn gather(f: &mut Finding, a: &FinalAccount<'_>, which: &[usize], id: &str) {
    let sheets: Vec<&CountedSheet<'_>> = which.iter().map(|&i| &a.sheets[i]).collect();
    let entries: Vec<&Entry> = (sheets.iter())
        .filter_map(|s| s.entries.iter().find(|e| e.indicator == id))
        .collect();
    f.evaluators = dedup(sheets.iter().map(|s| s.evaluator.to_string()));
    f.evidence = dedup(entries.iter().flat_map(|e| e.evidence.iter().cloned()));
    f.notes = dedup(entries.iter().map(|e| e.note.clone()));
}

/// Distinct non-empty strings, in first-seen order.
fn dedup(xs: impl Iterator<Item = String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for x in xs {
        let x = x.trim().to_string();
        if !x.is_empty() && !out.contains(&x) {
            out.push(x);
        }
    }
    out
}

#[cfg(test)]
mod tests;
