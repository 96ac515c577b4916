//! Everything the user (or a test) can ask the app to do. Keys resolve to these through the key
//! map; `App::apply` is the only place that carries them out.

/// One user intent.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    Quit,
    /// Leave the current screen, popup or input.
    Back,
    Help,
    Up,
    Down,
    PageUp,
    PageDown,
    Top,
    Bottom,
    /// Select the n-th entry of the list on screen: an account of the view, an item of the
    /// rubric (by index in `rubric.items()`), an option of a picker (a mouse click, not a key).
    Select(usize),
    /// Open the selected account / accept the popup choice / save the typed value.
    Enter,
    StartSearch,
    /// A typed character in a text field (search, value, note, evidence, name).
    Type(char),
    Backspace,
    /// In a text field: delete the character after the cursor, move the cursor one character
    /// left or right, or to the start or the end.
    DeleteForward,
    CursorLeft,
    CursorRight,
    CursorStart,
    CursorEnd,
    OpenFilter,
    /// Inside the filter popup: the previous / next value of the selected field.
    FilterPrev,
    FilterNext,
    ClearFilters,
    SortNext,
    SortReverse,
    ShowSummary,
    /// The operations screen (weekly index against the group mean, flagged accounts) and back.
    ShowOps,
    /// On the operations screen: flagged accounts only ↔ every account.
    OpsAll,
    /// The rectification screen (the round's findings and their 整改 status) and back.
    ShowRectify,
    /// On the rectification screen: the next status filter.
    RectifyFilter,
    /// On the rectification screen: record the unit's 整改说明 of the selected finding.
    RectifyRecord,
    /// On the rectification screen: record a re-check (复查) of the selected finding.
    RectifyRecheck,
    PickRound,
    /// Open (or leave) the chair's reconciliation of the disagreement queue.
    Reconcile,
    /// On the reconciliation screen: the open queue ↔ the consensus values agreed so far.
    ShowAgreed,
    // Scoring
    NextLevel,
    Yes,
    No,
    Plus,
    Minus,
    Veto,
    ToggleNa,
    ClearItem,
    ClearAccount,
    EditNote,
    /// Take over an automatic value: the note prompt for the reason.
    OverrideAuto,
    EditEvidence,
    Undo,
    Redo,
    Submit,
    NextAccount,
    PrevAccount,
    /// Move to the next item of the open account that has no judgement yet.
    NextUnscored,
    /// Go to the next account in the list whose sheet still has work left.
    NextOpenAccount,
    /// The terminal has this many columns and rows.
    Resize(u16, u16),
    /// A batch of results computed in the background (not a key).
    TotalsLoaded(Vec<super::Totals>),
    /// The background computation of totals stopped with this error (not a key).
    TotalsFailed(String),
    /// The operations report computed by the worker for the screen being opened.
    OpsLoaded(super::ops::OpsLoad),
    /// The summary computed by the worker for the screen being opened.
    SummaryLoaded(super::summary_job::SummaryLoad),
    /// Try again the writes that waited for the database's lock (not a key).
    RetryWrites,
    /// The TUI is idle: the summary may be computed ahead (not a key; see `summary_job`).
    SummaryAhead,
}

impl Action {
    /// How far a movement key moves a list's cursor, `page` rows to a page: one row, a page, or
    /// to either end (a distance every list clamps). `None` for any other action.
    pub fn motion(&self, page: isize) -> Option<isize> {
        match self {
            Action::Up => Some(-1),
            Action::Down => Some(1),
            Action::PageUp => Some(-page),
            Action::PageDown => Some(page),
            Action::Top => Some(isize::MIN / 2),
            Action::Bottom => Some(isize::MAX / 2),
            _ => None,
        }
    }
}
