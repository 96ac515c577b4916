//! Recording what follows a finding — the unit's 整改说明 or an evaluator's re-check (复查) —
//! with the checks `assay rectify record|recheck` and the TUI's findings screen both make, then
//! the one storage write (the round's follow-up restated in the ledger). Each surface words the
//! refusals its own way (flags on the command line, keys in the TUI).

use crate::storage::{Rectification, Round, Store, StoreError};

/// Why a record is refused before anything is written.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    /// The round has no bulletin yet: its findings are not published, nothing is to rectify.
    #[error(
        "round \"{round}\" has no bulletin yet; issue it first (assay bulletin --round {round})"
    )]
    Unpublished { round: String },
    /// A unit's report without its 整改说明.
    #[error("the rectification note is empty; say what the unit did")]
    EmptyNote,
    /// A re-check without evidence.
    #[error("a re-check needs its evidence (a screenshot, link or file)")]
    NoEvidence,
    /// A re-check that does not name who made it.
    #[error("a re-check names the evaluator who made it")]
    NoChecker,
    /// A re-check by a name that is not an evaluator of the database (`known` are).
    #[error("\"{name}\" is not an evaluator of this database")]
    UnknownEvaluator { name: String, known: Vec<String> },
}

/// A refusal, or the store failing.
#[derive(Debug, thiserror::Error)]
pub enum RecordError {
    #[error(transparent)]
    Refused(#[from] Refusal),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Whether the round's findings are published: a bulletin was issued (draft or final, its
/// results kept) or its date recorded (`assay round document --date`).
pub fn published(store: &Store, round_id: i64) -> Result<bool, StoreError> {
    let f = store.follow(round_id)?;
    Ok(f.issued.is_some() || f.draft.is_some() || f.snapshot.is_some())
}

/// The checks on the record itself: a report states its note, a re-check its evidence and
/// who made it.
pub fn check(r: &Rectification) -> Result<(), Refusal> {
    match r.result {
        None if r.note.trim().is_empty() => Err(Refusal::EmptyNote),
        Some(_) if r.evidence.iter().all(|e| e.trim().is_empty()) => Err(Refusal::NoEvidence),
        Some(_) if r.by.trim().is_empty() => Err(Refusal::NoChecker),
        _ => Ok(()),
    }
}

/// Checks `r` (see [`check`]), that the round is published and that a re-checker is an
/// evaluator of the database, then writes it; returns the record's id.
pub fn add(store: &mut Store, round: &Round, r: &Rectification) -> Result<i64, RecordError> {
    check(r)?;
    if !published(store, round.id)? {
        return Err(Refusal::Unpublished {
            round: round.name.clone(),
        }
        .into());
    }
    if r.result.is_some() {
        let known = store.evaluator_names()?;
        if !known.iter().any(|n| n == r.by.trim()) {
            let name = r.by.trim().to_string();
            return Err(Refusal::UnknownEvaluator { name, known }.into());
        }
    }
    Ok(store.add_rectification(round.id, r)?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::rectify::Recheck;

    fn rec(result: Option<Recheck>, note: &str, evidence: &[&str], by: &str) -> Rectification {
        Rectification {
            id: 0,
            account_id: 1,
            item: "no_update".into(),
            result,
            note: note.into(),
            evidence: evidence.iter().map(|s| s.to_string()).collect(),
            by: by.into(),
            day: chrono::NaiveDate::from_ymd_opt(2025, 1, 20).unwrap_or_default(),
            at: String::new(),
        }
    }

    #[test]
    fn a_report_needs_its_note_and_a_recheck_its_evidence_and_checker() {
        assert_eq!(
            check(&rec(None, "  ", &[], "单位")),
            Err(Refusal::EmptyNote)
        );
        assert_eq!(check(&rec(None, "已恢复更新", &[], "单位")), Ok(()));
        let partial = Some(Recheck::Partial);
        assert_eq!(
            check(&rec(partial, "", &[" "], "王敏")),
            Err(Refusal::NoEvidence)
        );
        let nobody = rec(partial, "", &["截图.png"], " ");
        assert_eq!(check(&nobody), Err(Refusal::NoChecker));
        assert_eq!(check(&rec(partial, "", &["截图.png"], "王敏")), Ok(()));
    }
}
