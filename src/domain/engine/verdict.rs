//! A sheet's verdict from its published points, its completeness counts and whether a veto hit
//! it: the total after the rubric's veto policy, complete or provisional, passed, grade and
//! status. One definition for the engine scoring entries and for readers of kept sheet figures.

use super::Status;
use crate::domain::figure::Figure;
use crate::domain::rubric::Rubric;

/// What a sheet comes to once its points are known.
#[derive(Debug, Clone, PartialEq)]
pub struct Verdict {
    /// The published total after the veto policy; `None` when a veto leaves no total.
    pub total: Option<Figure>,
    /// Every applicable item is scored, or a veto settled the sheet.
    pub complete: bool,
    /// Complete, not vetoed, and the total passes.
    pub passed: bool,
    /// The grade; `None` while provisional (a vetoed sheet gets the lowest band at once).
    pub grade: Option<String>,
    pub status: Status,
}

/// The verdict of a sheet with `points` (base + bonus, published, before the veto policy),
/// `scored` of `applicable` items scored, and `vetoed` when a veto item hit.
pub fn verdict(
    rubric: &Rubric,
    points: Figure,
    (scored, applicable): (usize, usize),
    vetoed: bool,
) -> Verdict {
    let unscored = applicable.saturating_sub(scored);
    let total = if vetoed {
        rubric
            .on_veto
            .settle(points, rubric.decimals, unscored == 0)
    } else {
        Some(points)
    };
    let complete = super::settled(scored, applicable, vetoed);
    let marks = rubric.marks();
    let passed = complete && !vetoed && total.is_some_and(|t| marks.passes(t));
    let grade = match (vetoed, complete, total) {
        (true, _, _) => marks.lowest(),
        (false, true, Some(t)) => marks.grade(t, passed),
        _ => None,
    }
    .map(str::to_owned);
    let status = match (scored, vetoed) {
        (0, _) => Status::NotStarted,
        (_, true) => Status::Vetoed,
        _ if !complete => Status::InProgress,
        _ if passed => Status::Pass,
        _ => Status::Fail,
    };
    Verdict {
        total,
        complete,
        passed,
        grade,
        status,
    }
}
