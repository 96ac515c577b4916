//! Blind scoring: who may see another evaluator's scores for an account. One rule, used by every
//! screen that shows several evaluators' sheets.

/// Who is looking, in a round with a declared panel.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Viewer {
    /// The panel's chair sees every sheet.
    Chair,
    /// An evaluator (or anyone not listed as chair).
    Evaluator,
}

/// Whether `viewer` may see another evaluator's sheet for an account: the chair always; an
/// evaluator only once they have submitted their own sheet for that account. Their own sheet
/// is always visible (not decided here).
pub fn sees_others(viewer: Viewer, submitted_own: bool) -> bool {
    viewer == Viewer::Chair || submitted_own
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_chair_sees_all_an_evaluator_only_after_submitting() {
        assert!(sees_others(Viewer::Chair, false));
        assert!(sees_others(Viewer::Chair, true));
        assert!(!sees_others(Viewer::Evaluator, false));
        assert!(sees_others(Viewer::Evaluator, true));
    }
}
