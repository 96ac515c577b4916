//! One evaluator's entry for one indicator of one account: the raw input the engine scores.

use serde::{Deserialize, Serialize};

/// What an evaluator recorded for one indicator. Which field is meaningful depends on the
/// indicator kind: `value` for range and check indicators (check: 1 = yes, 0 = no; a veto item
/// with `value: Some(0.0)` and no `veto` means "checked, no problem"), `count` for deduction
/// and bonus instances, `veto` for a single-veto hit with the chosen reason, `na` for
/// not-applicable.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    pub indicator: String,
    pub value: Option<f64>,
    pub count: Option<u32>,
    pub veto: Option<String>,
    pub na: bool,
    pub note: String,
    pub evidence: Vec<String>,
}

impl Entry {
    pub fn new(indicator: impl Into<String>) -> Entry {
        Entry {
            indicator: indicator.into(),
            ..Entry::default()
        }
    }

    /// True when the entry records a judgement (not only a note).
    pub fn is_scored(&self) -> bool {
        self.value.is_some() || self.count.is_some() || self.veto.is_some() || self.na
    }
}
