//! Blind scoring over report inputs: the sheets one viewer may see, by the one rule
//! [`crate::domain::panel::may_see`].

use std::collections::HashSet;

use super::sheet::{SheetResult, SheetStatus};
use crate::domain::panel::{Viewer, may_see};

/// The sheets `me` may see: always their own; another evaluator's sheet for an account only
/// when `viewer` sees others there (the chair; an evaluator who submitted that account).
pub fn visible_sheets(me: &str, viewer: Viewer, sheets: &[SheetResult]) -> Vec<SheetResult> {
    let submitted: HashSet<i64> = sheets
        .iter()
        .filter(|s| s.evaluator == me && s.status == SheetStatus::Submitted)
        .map(|s| s.account_id)
        .collect();
    sheets
        .iter()
        .filter(|s| {
            may_see(
                Some(viewer),
                Some(me),
                &s.evaluator,
                submitted.contains(&s.account_id),
            )
        })
        .cloned()
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::tests::sheet;

    #[test]
    fn an_evaluator_sees_others_only_on_accounts_they_submitted() {
        let s = [
            sheet(1, "甲", SheetStatus::Submitted, 80.0),
            sheet(1, "乙", SheetStatus::Complete, 70.0),
            sheet(2, "甲", SheetStatus::Complete, 60.0),
            sheet(2, "乙", SheetStatus::Submitted, 90.0),
            sheet(3, "乙", SheetStatus::Complete, 50.0),
        ];
        let seen = |me, v| -> Vec<(i64, String)> {
            visible_sheets(me, v, &s)
                .into_iter()
                .map(|x| (x.account_id, x.evaluator))
                .collect()
        };
        assert_eq!(
            seen("甲", Viewer::Evaluator),
            [(1, "甲".into()), (1, "乙".into()), (2, "甲".into())]
        );
        assert_eq!(
            seen("乙", Viewer::Evaluator),
            [
                (1, "乙".into()),
                (2, "甲".into()),
                (2, "乙".into()),
                (3, "乙".into())
            ]
        );
        assert_eq!(seen("丙", Viewer::Chair).len(), 5);
        assert!(seen("丙", Viewer::Evaluator).is_empty());
    }
}
