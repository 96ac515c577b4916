//! `assay score set|submit|reopen`: one entry from a script, checked against the round's pinned
//! rubric; submitting locks the sheet, and a locked sheet is edited only with `--reopen`.

use crate::domain::engine::{self, ItemState};
use crate::domain::entry::Entry;
use crate::i18n::errors::said;
use crate::i18n::{Lang, msg};
use crate::storage::{Reopen, Store, StoreError, Submission};

use super::{SetArgs, SheetArgs, resolve};

pub fn set(store: &mut Store, args: &SetArgs, lang: Lang) -> anyhow::Result<()> {
    resolve::evaluator(&args.evaluator, lang)?;
    let round = resolve::round(store, &args.round, lang)?;
    let rubric = resolve::rubric(&round)?;
    let account = resolve::account_in_round(store, &round, &args.account, lang)?;
    let item = rubric.item(&args.indicator).ok_or_else(|| {
        let ids: Vec<String> = rubric
            .items()
            .iter()
            .map(|i| i.common().id.clone())
            .collect();
        said(msg::unknown_indicator(
            lang,
            &args.indicator,
            &rubric.id,
            &ids,
        ))
    })?;
    let reopen = if args.reopen { Reopen::Yes } else { Reopen::No };
    let r = if args.clear {
        store.clear_entry_with(
            round.id,
            account.id,
            &args.evaluator,
            &args.indicator,
            reopen,
        )
    } else {
        // A new judgement keeps the note and evidence already recorded unless new ones are
        // given: read and written in one transaction, so a concurrent edit's note is never
        // overwritten with a stale one.
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
                    crate::domain::evidence::parse_all(&args.evidence)
                },
            };
            // Refuses items that do not apply to the account and vetoes marked N/A by hand.
            entry
                .check_for(item, account.platform, account.level)
                .map_err(|e| StoreError::Invalid(e.localized(lang)))?;
            Ok(entry)
        };
        store.update_entry_with(
            round.id,
            account.id,
            &args.evaluator,
            &args.indicator,
            &mut make,
            reopen,
        )
    };
    match r {
        Err(StoreError::Submitted { evaluator, .. }) => {
            Err(said(msg::sheet_submitted(lang, &account.name, &evaluator)))
        }
        r => {
            r?;
            super::assigned::warn_if_unassigned(
                store,
                round.id,
                (account.id, &account.name),
                &args.evaluator,
                lang,
            )
        }
    }
}

/// `score submit`: locks a complete sheet (or one a veto settles); an incomplete one is refused,
/// naming what is missing.
pub fn submit(store: &mut Store, args: &SheetArgs, lang: Lang) -> anyhow::Result<()> {
    resolve::evaluator(&args.evaluator, lang)?;
    let round = resolve::round(store, &args.round, lang)?;
    let rubric = resolve::rubric(&round)?;
    let account = resolve::account_in_round(store, &round, &args.account, lang)?;
    if store.is_submitted(round.id, account.id, &args.evaluator)? {
        println!("{}", msg::already_submitted(lang, &account.name));
        return Ok(());
    }
    let entries: Vec<Entry> = store
        .entries(round.id, account.id, Some(&args.evaluator))?
        .into_iter()
        .map(|e| e.entry)
        .collect();
    let outcome = engine::score(&rubric, account.platform, account.level, &entries);
    let missing: Vec<String> = outcome
        .items
        .iter()
        .filter(|i| i.state == ItemState::Missing)
        .map(|i| format!("{} {}", i.id, i.name))
        .collect();
    // One rule (`domain::engine::settled`): every item scored, or a veto hit that settles the
    // verdict with the other items left unscored.
    if !outcome.complete {
        return Err(said(msg::sheet_incomplete(lang, &account.name, &missing)));
    }
    store.set_submission(round.id, account.id, &args.evaluator, Submission::Submitted)?;
    println!(
        "{}",
        msg::submitted(lang, &account.name, args.evaluator.trim(), &round.name)
    );
    if outcome.left_by_veto() {
        let unscored = outcome.applicable - outcome.scored;
        println!("{}", msg::submitted_by_veto(lang, unscored));
    }
    Ok(())
}

/// `score reopen`: sets a submitted sheet back to draft (kept in the history).
pub fn reopen(store: &mut Store, args: &SheetArgs, lang: Lang) -> anyhow::Result<()> {
    let round = resolve::round(store, &args.round, lang)?;
    let account = resolve::account_in_round(store, &round, &args.account, lang)?;
    if !store.is_submitted(round.id, account.id, &args.evaluator)? {
        println!("{}", msg::not_submitted(lang, &account.name));
        return Ok(());
    }
    store.reopen(round.id, account.id, &args.evaluator)?;
    println!(
        "{}",
        msg::reopened(lang, &account.name, args.evaluator.trim())
    );
    Ok(())
}
