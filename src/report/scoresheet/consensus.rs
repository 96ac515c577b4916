//! The chair's consensus on a score sheet: for reconciled items, the agreed value (or veto
//! decision) and its rationale in two columns beside the evaluators' own, before the notes.
//! Sheets of accounts without a consensus keep their columns unchanged; with one, the combined
//! column counts it as every report does.

use std::collections::HashMap;

use super::rows::entry_text;
use super::{Cell, RowKind, Sheet};
use crate::domain::engine::Outcome;
use crate::domain::entry::Entry;
use crate::i18n::Lang;
use crate::storage::ConsensusRow;

/// Adds the consensus columns when the account has any consensus (indicator → latest row).
pub fn add_columns(
    sheet: &mut Sheet,
    skeleton: &Outcome,
    consensus: &HashMap<String, ConsensusRow>,
    lang: Lang,
) {
    if consensus.is_empty() {
        return;
    }
    // Before the notes and the id.
    let at = sheet.columns.len().saturating_sub(2);
    sheet
        .columns
        .insert(at, lang.pick("协调结果", "Consensus").into());
    sheet
        .columns
        .insert(at + 1, lang.pick("协调理由", "Consensus rationale").into());
    for row in &mut sheet.rows {
        if row.cells.len() <= at {
            continue;
        }
        let found = match (&row.id, row.kind) {
            (Some(id), RowKind::Item) => consensus
                .get(id)
                .zip(skeleton.items.iter().find(|i| &i.id == id)),
            _ => None,
        };
        let (value, why) = match found {
            Some((c, item)) => {
                let e = Entry {
                    value: c.consensus.value,
                    veto: c.consensus.veto.clone(),
                    ..Entry::new(&item.id)
                };
                (
                    Cell::text(entry_text(&e, &item.kind, lang)),
                    Cell::text(format!("{}（{}）", c.consensus.rationale, c.chair)),
                )
            }
            None => (Cell::Empty, Cell::Empty),
        };
        row.cells.insert(at, value);
        row.cells.insert(at + 1, why);
    }
}

/// The latest consensus per indicator for each account of a round.
pub fn by_account(rows: Vec<ConsensusRow>) -> HashMap<i64, HashMap<String, ConsensusRow>> {
    let mut out: HashMap<i64, HashMap<String, ConsensusRow>> = HashMap::new();
    for r in rows {
        out.entry(r.account_id)
            .or_default()
            .insert(r.indicator.clone(), r);
    }
    out
}

/// The combined column rests on the chair's consensus as every report does
/// ([`crate::report::agreed`]); the evaluators' own columns stay as they scored.
pub(super) fn with_consensus(
    input: &super::input::SheetInput<'_>,
    results: &mut [crate::report::SheetResult],
) {
    if input.consensus.is_empty() {
        return;
    }
    let a = input.account;
    let items: HashMap<String, crate::storage::Consensus> = input
        .consensus
        .iter()
        .map(|(k, c)| (k.clone(), c.consensus.clone()))
        .collect();
    let agreed = crate::storage::ConsensusMap::from([(a.id, items)]);
    let entries: HashMap<(i64, String), Vec<Entry>> = input
        .evaluators
        .iter()
        .map(|e| ((a.id, e.name.clone()), e.entries.clone()))
        .collect();
    crate::report::agreed::apply(
        input.rubric,
        std::slice::from_ref(a),
        &agreed,
        &entries,
        results,
    );
}
