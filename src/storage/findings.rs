//! What `audit verify` finds: each mismatch between a stored thing and what its chain, its
//! record or a recomputation says it must be, naming the round, row, subject or week.

/// One thing that does not match, in the order found.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub enum Finding {
    /// The round's rubric text no longer matches `rubric_hash`.
    RubricHash { round: i64 },
    /// History row `id`'s hash is not what its content and the previous row give.
    RowHash { round: i64, id: i64 },
    /// The recorded head (`recorded`) differs from the chain's end (`found`): rows removed or added.
    Head {
        round: i64,
        recorded: Option<(i64, i64)>,
        found: Option<(i64, i64)>,
    },
    /// History rows whose round does not exist.
    Orphan { round: i64, first_id: i64 },
    /// Row `id`'s "before" is not the previous row's "after" for the same entry.
    Sequence { round: i64, id: i64 },
    /// Row `id` cannot be read (malformed JSON).
    BadRow { round: i64, id: i64 },
    /// A current entry differs from (or is missing against) its last history row.
    Entry {
        round: i64,
        account: i64,
        evaluator: String,
        indicator: String,
        last_row: i64,
        missing: bool,
    },
    /// The entries that no edit explains do not match what the bulk rows say was loaded.
    Bulk {
        round: i64,
        batch_rows: Vec<i64>,
        loaded: u64,
        found: u64,
    },
    /// A submission state differs from its last history row.
    Submission {
        round: i64,
        account: i64,
        evaluator: String,
        last_row: Option<i64>,
    },
    /// Ledger record `id`'s hash is not what its content and the previous record give.
    LedgerRow { id: i64 },
    /// The ledger's recorded head differs from its end: records removed or added.
    LedgerHead {
        recorded: Option<(i64, i64)>,
        found: Option<(i64, i64)>,
    },
    /// A subject (`round:ID`, `panel:ID`, `metrics:MONDAY`, `accounts`, …) no longer matches its
    /// last record `record`: changed behind the program's back.
    Ledger { subject: String, record: i64 },
    /// A subject with rows and no record at all.
    Unrecorded { subject: String },
    /// The round's pinned rubric hash is not the one recorded at its creation (the text and
    /// its hash were both rewritten).
    RubricPinned {
        round: i64,
        recorded: String,
        found: String,
    },
    /// A trigger missing, changed (another body under its name) or unknown to the schema.
    Trigger { name: String, change: &'static str },
    /// A kept operations-index formula whose definition is not the shipped one.
    OpsFormula { id: i64, formula: String },
    /// A kept week of the operations index that differs from a recomputation from the metrics
    /// for `accounts` accounts (0: the kept row is unreadable).
    OpsIndex { week: String, accounts: usize },
    /// Kept per-sheet results of a round that differ from a recomputation from the entries.
    KeptSheets { round: i64, sheets: usize },
    /// A summary top kept under the content now (what a TUI shows at once on `t`) that differs
    /// from the same top computed again: `summary_tops` was changed behind the program's back.
    SummaryTop {
        round: i64,
        viewer: String,
        lang: String,
    },
    /// A chain head pinned earlier (from a bulletin) is in neither chain: they were rewritten.
    Pin { hash: String },
}
