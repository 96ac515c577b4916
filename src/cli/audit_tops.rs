//! `audit verify`'s check of the summary tops a TUI keeps (`storage::summary_tops`): each top
//! kept under the content now, by this version, is computed again as its viewer would see it
//! and compared; a top that differs was edited by hand and would show forged figures at once.

use crate::app::summary::top::version;
use crate::app::summary_job::{SummaryRequest, compute};
use crate::i18n::Lang;
use crate::storage::{Finding, KeptTop, Store};

/// Adds a [`Finding::SummaryTop`] for each kept top (of round `only`, or of every round) that
/// differs from its recomputation. Rounds the audit already named for their rubric are skipped.
pub(super) fn summary_tops(
    store: &mut Store,
    only: Option<i64>,
    findings: &mut Vec<Finding>,
) -> anyhow::Result<()> {
    let version = version();
    for top in store.current_summary_tops()? {
        if only.is_some_and(|o| o != top.round)
            || top.version != version
            || findings
                .iter()
                .any(|f| matches!(f, Finding::RubricHash { round } if *round == top.round))
        {
            continue;
        }
        if !matches_recomputed(store, &top)? {
            findings.push(Finding::SummaryTop {
                round: top.round,
                viewer: top.viewer,
                lang: top.lang,
            });
        }
    }
    Ok(())
}

/// Whether `top` is the body its round, viewer and language give now. A top whose language,
/// round or rubric no longer reads is never shown, so it passes.
fn matches_recomputed(store: &mut Store, top: &KeptTop) -> anyhow::Result<bool> {
    let Some(lang) = Lang::parse(&top.lang) else {
        return Ok(true);
    };
    let Ok(round) = store.round(&top.round.to_string()) else {
        return Ok(true);
    };
    let Ok(rubric) = crate::runtime::parse_rubric(&round) else {
        return Ok(true);
    };
    let accounts = store.listed_accounts(top.round, &top.viewer, crate::storage::read_parts())?;
    let req = SummaryRequest {
        round: top.round,
        rubric,
        accounts: None,
        evaluator: top.viewer.clone(),
        lang,
        ahead: false,
        cancel: Default::default(),
    };
    let summary = compute(store, req, accounts)?;
    Ok(summary.top_body().as_deref() == Some(top.body.as_str()))
}
