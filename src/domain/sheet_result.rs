//! What one evaluator's sheet for one account comes to, as every report and the kept results
//! hold it: its status (the completeness rule of [`crate::domain::engine::settled`]), points
//! before the veto policy, category subtotals and veto hits. Storage keeps it, reports read it.

use serde::{Deserialize, Serialize};

use crate::domain::engine::Outcome;
use crate::domain::figure::Figure;
use crate::i18n::Lang;

/// The version of the rules that computed a kept sheet result: rows of another version are
/// recomputed before any report reads them. Bump the suffix whenever the engine's results change.
/// engine-3: exact arithmetic; points and subtotals kept as published figures, a category that
/// does not apply kept as none.
pub const ENGINE_VERSION: &str = concat!(env!("CARGO_PKG_VERSION"), "/engine-3");

/// Where one evaluator's sheet stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SheetStatus {
    /// Every applicable item is scored (counts).
    Complete,
    /// The evaluator submitted it (counts, whatever its completeness).
    Submitted,
    /// Started but neither complete nor submitted: reported apart, never in rates or means.
    InProgress,
}

impl SheetStatus {
    /// Whether the sheet counts towards results.
    pub fn counts(self) -> bool {
        matches!(self, SheetStatus::Complete | SheetStatus::Submitted)
    }

    /// The status from completeness counts, whether a veto hit settles the sheet
    /// ([`crate::domain::engine::settled`]) and the submission state; `None` for a sheet with
    /// nothing scored (not started).
    pub fn from_counts(
        scored: usize,
        applicable: usize,
        vetoed: bool,
        submitted: bool,
    ) -> Option<SheetStatus> {
        if submitted {
            Some(SheetStatus::Submitted)
        } else if scored == 0 {
            None
        } else if crate::domain::engine::settled(scored, applicable, vetoed) {
            Some(SheetStatus::Complete)
        } else {
            Some(SheetStatus::InProgress)
        }
    }
}

/// A veto hit as reports show it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct VetoReason {
    /// The veto item's id and name, and the reason chosen.
    pub id: String,
    pub name: String,
    pub reason: String,
}

impl VetoReason {
    /// 「item name：reason」 (zh) or "item name: reason" (en), the key vetoes are counted by.
    pub fn label(&self, lang: Lang) -> String {
        format!("{}{}{}", self.name, lang.pick("：", ": "), self.reason)
    }
}

/// One evaluator's sheet for one account.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SheetResult {
    pub account_id: i64,
    pub evaluator: String,
    pub status: SheetStatus,
    /// Base + bonus published at the rubric's decimals, BEFORE the rubric's veto policy (the
    /// policy applies after combining).
    pub points: Figure,
    /// Category subtotals in rubric order, published; `None` where the category does not apply
    /// to the account (不适用: left out of subtotals and means).
    pub subtotals: Vec<Option<Figure>>,
    pub vetoes: Vec<VetoReason>,
    /// A veto settled the sheet with applicable items left unscored (「因单项否决未评」): its
    /// points are not a whole sheet's, so they give no total where the veto policy needs one.
    #[serde(default)]
    pub left_by_veto: bool,
}

/// The completeness counts and points of a scored sheet, as kept in the database.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SheetFigures {
    pub scored: usize,
    pub applicable: usize,
    pub points: Figure,
    pub subtotals: Vec<Option<Figure>>,
    pub vetoes: Vec<VetoReason>,
}

impl SheetFigures {
    /// What a report needs from the engine's outcome for one sheet.
    pub fn of(o: &Outcome) -> SheetFigures {
        SheetFigures {
            scored: o.scored,
            applicable: o.applicable,
            // Published, before the veto effect (it applies once, after combining).
            points: o.points,
            subtotals: o.categories.iter().map(|c| c.subtotal).collect(),
            vetoes: o
                .vetoes
                .iter()
                .map(|v| VetoReason {
                    id: v.id.clone(),
                    name: v.name.clone(),
                    reason: v.reason.clone(),
                })
                .collect(),
        }
    }

    /// The sheet as a report input; `None` when nothing on it is scored and it is not submitted.
    pub fn into_sheet(
        self,
        account_id: i64,
        evaluator: String,
        submitted: bool,
    ) -> Option<SheetResult> {
        let vetoed = !self.vetoes.is_empty();
        let status = SheetStatus::from_counts(self.scored, self.applicable, vetoed, submitted)?;
        Some(SheetResult {
            account_id,
            evaluator,
            status,
            points: self.points,
            subtotals: self.subtotals,
            vetoes: self.vetoes,
            left_by_veto: vetoed && self.scored < self.applicable,
        })
    }
}
