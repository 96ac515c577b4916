//! The evaluator's own history carried by `panel merge`: each change they made on their own
//! database (entries and submissions, with their time) becomes a `@carried:` row of this
//! database's chained history, so `assay history` shows who changed what on their laptop. A
//! row already here (merged before, or this database's own row) is not carried again.

use std::collections::{HashMap, HashSet};

use crate::io::panel_file::{AccountKey, Content};
use crate::storage::{CARRIED_PREFIX, MergeWrite, SUBMISSION_INDICATOR, Store};

/// What identifies one change: account, indicator (without the carried prefix), old, new, time.
pub type Key = (i64, String, Option<String>, Option<String>, String);

/// The indicator a row speaks about, and whether it is worth carrying: entry edits and
/// submissions (records such as consensus or merge decisions stay where they were made).
fn base(indicator: &str) -> Option<&str> {
    let b = indicator.strip_prefix(CARRIED_PREFIX).unwrap_or(indicator);
    (!b.starts_with('@') || b == SUBMISSION_INDICATOR).then_some(b)
}

/// The history rows of `content` not yet in this database, as merge steps, oldest first.
/// `seen` collects what is here already (and what earlier files of the same merge carry).
pub fn carried(
    store: &Store,
    round_id: i64,
    accounts: &HashMap<AccountKey, i64>,
    content: &Content,
    seen: &mut HashSet<Key>,
) -> anyhow::Result<Vec<MergeWrite>> {
    let ev = content.evaluator.as_str();
    for h in store.history(round_id, None)? {
        if h.evaluator == ev
            && let Some(b) = base(&h.indicator)
        {
            seen.insert((h.account_id, b.to_string(), h.old, h.new, h.at));
        }
    }
    let mut out = Vec::new();
    for h in &content.history {
        let (Some(b), Some(&id)) = (base(&h.indicator), accounts.get(&h.account)) else {
            continue;
        };
        let key = (
            id,
            b.to_string(),
            h.old.clone(),
            h.new.clone(),
            h.at.clone(),
        );
        if seen.insert(key) {
            out.push(MergeWrite::Carried {
                round_id,
                account_id: id,
                evaluator: ev.to_string(),
                indicator: format!("{CARRIED_PREFIX}{b}"),
                old: h.old.clone(),
                new: h.new.clone(),
                at: h.at.clone(),
            });
        }
    }
    Ok(out)
}
