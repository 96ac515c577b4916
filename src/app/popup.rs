//! Popups: state kept in `App`, drawn last, and the first to receive keys.

/// What a confirmation popup does when accepted.
#[derive(Debug, Clone, PartialEq)]
pub enum Confirmed {
    /// Remove every entry of the current account (each removal recorded in the history; one
    /// undo restores them all).
    ClearAccount,
    /// Reopen the submitted sheet of the current account (recorded in the history).
    Reopen,
    /// Submit the open sheet (complete, or settled by a veto).
    Submit,
    /// Store this entry (or clear the item, `None`) over a veto hit.
    Write {
        indicator: String,
        entry: Option<crate::domain::entry::Entry>,
    },
    /// Record the re-check drafted on the rectification screen.
    Recheck,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputKind {
    Note,
    Evidence,
    Evaluator,
    /// The chair's consensus value (or veto decision) for the selected queue item.
    ConsensusValue,
    /// The chair's rationale for the consensus just typed.
    Rationale,
    /// The unit's 整改说明 of the selected finding.
    RectifyNote,
    /// The evidence of the unit's 整改说明 (optional).
    RectifyEvidence,
    /// The remarks of a re-check (复查).
    RecheckNote,
    /// The evidence of a re-check (required).
    RecheckEvidence,
}

#[derive(Debug, Clone, PartialEq)]
pub enum PickKind {
    /// Veto reasons of the selected veto item.
    VetoReason,
    /// Round ids, parallel to the options.
    Round(Vec<i64>),
    /// Evaluator names the database knows (`App::known_evaluators`), then "a new name".
    Evaluator,
    /// The level values of the selected range item, parallel to the options.
    Level(Vec<f64>),
    /// What a re-check found, parallel to the options (已整改, 部分整改, 未整改).
    RecheckResult(Vec<crate::domain::rectify::Recheck>),
}

/// The popup on top of the screen, if any.
#[derive(Debug, Clone, PartialEq)]
pub enum Popup {
    Help {
        scroll: usize,
    },
    Message {
        text: String,
        error: bool,
    },
    Confirm {
        text: String,
        then: Confirmed,
    },
    Input {
        kind: InputKind,
        buf: super::text_field::TextField,
    },
    Pick {
        kind: PickKind,
        options: Vec<String>,
        selected: usize,
    },
    /// The filter form; `field` is the selected line (level, platform, domain, region, verdict,
    /// sheet state).
    Filter {
        field: usize,
    },
}

/// Number of lines in the filter form.
pub const FILTER_FIELDS: usize = 6;
