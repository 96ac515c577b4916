//! Feeds score sheets from the database: one account's entries grouped by evaluator, with each
//! evaluator's submission state. Storage only reads; the sheet is built by [`super::build_sheet`].

use std::collections::BTreeMap;

use super::EvaluatorSheet;
use crate::storage::{Store, StoreError, Submission};

/// Every evaluator's sheet for one account of a round (evaluators in name order).
pub fn evaluator_sheets(
    store: &Store,
    round_id: i64,
    account_id: i64,
) -> Result<Vec<EvaluatorSheet>, StoreError> {
    let mut by: BTreeMap<String, Vec<crate::domain::entry::Entry>> = BTreeMap::new();
    for e in store.entries(round_id, account_id, None)? {
        by.entry(e.evaluator).or_default().push(e.entry);
    }
    by.into_iter()
        .map(|(name, entries)| {
            let submitted = store.submission(round_id, account_id, &name)? == Submission::Submitted;
            Ok(EvaluatorSheet {
                name,
                submitted,
                entries,
            })
        })
        .collect()
}
