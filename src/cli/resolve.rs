//! Finding the round, account and indicator a command names, with errors worded in the
//! interface's language.

use crate::domain::account::Account;
use crate::domain::rubric::{self, Rubric};
use crate::i18n::errors::said;
use crate::i18n::{Lang, msg};
use crate::storage::{Round, Store, StoreError};

/// A round by id or name.
pub fn round(store: &Store, key: &str, lang: Lang) -> anyhow::Result<Round> {
    match store.round(key) {
        Err(StoreError::NotFound(_)) => Err(said(msg::round_not_found(lang, key.trim()))),
        r => Ok(r?),
    }
}

/// An account by id, unique name or platform:name.
pub fn account(store: &Store, key: &str, lang: Lang) -> anyhow::Result<Account> {
    match store.find_account(key) {
        Err(StoreError::NotFound(_)) => Err(said(msg::account_not_found(lang, key.trim()))),
        r => Ok(r?),
    }
}

/// An account that must belong to the round's scope.
pub fn account_in_round(
    store: &Store,
    round: &Round,
    key: &str,
    lang: Lang,
) -> anyhow::Result<Account> {
    let account = account(store, key, lang)?;
    if !store
        .round_accounts(round.id)?
        .iter()
        .any(|a| a.id == account.id)
    {
        return Err(said(msg::not_in_round(
            lang,
            &account.name,
            &account.platform_label,
            &round.name,
        )));
    }
    Ok(account)
}

/// The rubric a round is pinned to.
pub fn rubric(round: &Round) -> anyhow::Result<Rubric> {
    Ok(rubric::parse(
        &round.rubric_text,
        &format!("round {}", round.name),
    )?)
}

/// A non-empty evaluator name, trimmed.
pub fn evaluator(name: &str, lang: Lang) -> anyhow::Result<String> {
    let name = name.trim();
    if name.is_empty() {
        return Err(said(msg::evaluator_empty(lang)));
    }
    Ok(name.to_string())
}
