//! Blind scoring: who may see another evaluator's scores for an account. One rule, used by every
//! screen and command that shows several evaluators' sheets (TUI summary, `explain`, `history`).

/// Who is looking, in a round with a declared panel.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Viewer {
    /// The panel's chair sees every sheet.
    Chair,
    /// An evaluator (or anyone not listed as chair, including a viewer who did not say who
    /// they are).
    Evaluator,
}

/// How `who` views a round: `None` when the round declares no panel (it is not scored blind:
/// every sheet is seen by everyone, as the office reads reports); otherwise the chair, or an
/// evaluator for anyone else.
pub fn viewer(panel_declared: bool, chair: bool) -> Option<Viewer> {
    match (panel_declared, chair) {
        (false, _) => None,
        (true, true) => Some(Viewer::Chair),
        (true, false) => Some(Viewer::Evaluator),
    }
}

/// Whether `viewer` may see another evaluator's sheet for an account: the chair always; an
/// evaluator only once they have submitted their own sheet for that account. Their own sheet
/// is always visible (not decided here).
pub fn sees_others(viewer: Viewer, submitted_own: bool) -> bool {
    viewer == Viewer::Chair || submitted_own
}

/// The blind rule for one sheet: may `who` (`None`: did not say) see `owner`'s sheet for an
/// account, `submitted_own` saying whether `who` submitted their own sheet for it. Without a
/// panel (`viewer` `None`) everything is seen; one's own sheet always is.
pub fn may_see(
    viewer: Option<Viewer>,
    who: Option<&str>,
    owner: &str,
    submitted_own: bool,
) -> bool {
    match viewer {
        None => true,
        Some(v) => who == Some(owner) || sees_others(v, submitted_own),
    }
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

    #[test]
    fn without_a_panel_nothing_is_hidden_with_one_only_others_before_submitting() {
        assert_eq!(viewer(false, true), None);
        assert_eq!(viewer(true, true), Some(Viewer::Chair));
        assert_eq!(viewer(true, false), Some(Viewer::Evaluator));
        assert!(may_see(None, None, "乙", false));
        let ev = Some(Viewer::Evaluator);
        assert!(may_see(ev, Some("甲"), "甲", false), "one's own sheet");
        assert!(!may_see(ev, Some("甲"), "乙", false));
        assert!(may_see(ev, Some("甲"), "乙", true));
        assert!(
            !may_see(ev, None, "乙", false),
            "an unnamed viewer sees nothing"
        );
        assert!(may_see(Some(Viewer::Chair), Some("组长"), "乙", false));
    }
}
