//! `assay score set`: one entry from a script, checked against the round's pinned rubric.

use crate::domain::entry::Entry;
use crate::domain::rubric;
use crate::i18n::Lang;
use crate::storage::{Store, StoreError};

use super::SetArgs;

pub fn set(store: &mut Store, args: &SetArgs, lang: Lang) -> anyhow::Result<()> {
    let round = store.round(&args.round)?;
    let rubric = rubric::parse(&round.rubric_text, &format!("round {}", round.name))?;
    let account = store.find_account(&args.account)?;
    if !store
        .round_accounts(round.id)?
        .iter()
        .any(|a| a.id == account.id)
    {
        anyhow::bail!(
            "account {} ({}) is not in the scope of round \"{}\"; pick an account of that round",
            account.name,
            account.platform_label,
            round.name
        );
    }
    let item = rubric.item(&args.indicator).ok_or_else(|| {
        let ids: Vec<String> = rubric
            .items()
            .iter()
            .map(|i| i.common().id.clone())
            .collect();
        anyhow::anyhow!(
            "unknown indicator \"{}\" in rubric {}; known ids: {}",
            args.indicator,
            rubric.id,
            ids.join(", ")
        )
    })?;
    if args.clear {
        store.clear_entry(round.id, account.id, &args.evaluator, &args.indicator)?;
        return Ok(());
    }
    // A new judgement keeps the note and evidence already recorded unless new ones are given:
    // read and written in one transaction, so a concurrent edit's note is never overwritten.
    let mut make = |old: Option<&Entry>| {
        let old = old.cloned().unwrap_or_default();
        let mut entry = Entry {
            indicator: args.indicator.clone(),
            value: args.value,
            count: args.count,
            veto: args.veto.clone(),
            na: args.na,
            note: args.note.clone().unwrap_or(old.note),
            evidence: if args.evidence.is_empty() {
                old.evidence
            } else {
                args.evidence.clone()
            },
        };
        // Refuses items that do not apply to the account and vetoes marked N/A by hand.
        entry
            .check_for(item, account.platform, account.level)
            .map_err(|e| StoreError::Invalid(e.localized(lang)))?;
        Ok(entry)
    };
    store.update_entry(
        round.id,
        account.id,
        &args.evaluator,
        &args.indicator,
        &mut make,
    )?;
    Ok(())
}
