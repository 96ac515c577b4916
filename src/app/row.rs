//! One account's row as the list keeps it (its cached result for the current evaluator, and the
//! compact result the background totals deliver), the sheet states and the list's columns with
//! their sort orders. The list, its search and its background orders all read rows from here.

use crate::domain::account::Account;
use crate::domain::engine::{Outcome, Status};
use crate::i18n::Lang;

/// One account with its cached result for the current evaluator.
#[derive(Debug, Clone)]
pub struct Row {
    pub account: Account,
    pub scored: usize,
    pub applicable: usize,
    /// Published total; `None` when a veto leaves no total. Provisional until `complete`.
    pub total: Option<crate::domain::figure::Figure>,
    /// Every applicable item (vetoes included) is scored: the total is final, not provisional.
    pub complete: bool,
    pub status: Status,
    /// Veto reasons hit.
    pub vetoes: Vec<String>,
    /// True until the account's result is known (computed in the background after the first
    /// frame, or by opening the account); progress, total and status are placeholders until then.
    pub pending: bool,
    /// The current evaluator submitted this sheet (known from the first frame on).
    pub submitted: bool,
}

impl Row {
    pub fn new(account: Account, o: &Outcome) -> Row {
        let mut r = Row::pending(account);
        r.update(o);
        r
    }

    /// A row whose result is not known yet.
    pub fn pending(account: Account) -> Row {
        Row {
            account,
            scored: 0,
            applicable: 0,
            total: None,
            complete: false,
            status: Status::NotStarted,
            vetoes: Vec::new(),
            pending: true,
            submitted: false,
        }
    }

    /// Where the current evaluator's sheet stands; `None` while its result is still computed
    /// (a submitted sheet is known at once).
    pub fn sheet(&self) -> Option<SheetState> {
        if self.submitted {
            return Some(SheetState::Submitted);
        }
        if self.pending {
            return None;
        }
        let vetoed = !self.vetoes.is_empty();
        Some(SheetState::of(self.scored, self.applicable, vetoed, false))
    }

    pub fn update(&mut self, o: &Outcome) {
        self.scored = o.scored;
        self.applicable = o.applicable;
        self.total = o.total;
        self.complete = o.complete;
        self.status = o.status;
        self.vetoes = o.vetoes.iter().map(|v| v.reason.clone()).collect();
        self.pending = false;
    }

    /// Takes a result computed elsewhere (the background totals).
    pub fn set(&mut self, t: Totals) {
        self.scored = t.scored;
        self.applicable = t.applicable;
        self.total = t.total;
        self.complete = t.complete;
        self.status = t.status;
        self.vetoes = t.vetoes;
        self.pending = false;
    }
}

pub fn status_label(s: Status, lang: Lang) -> &'static str {
    match s {
        Status::NotStarted => lang.pick("未开始", "todo"),
        Status::InProgress => lang.pick("进行中", "started"),
        Status::Vetoed => lang.pick("否决", "veto"),
        Status::Pass => lang.pick("合格", "pass"),
        Status::Fail => lang.pick("不合格", "fail"),
    }
}

/// Where one evaluator's sheet for one account stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SheetState {
    NotStarted,
    InProgress,
    /// Every applicable item has a judgement; not yet submitted.
    Complete,
    Submitted,
}

impl SheetState {
    pub const ALL: [SheetState; 4] = [
        SheetState::NotStarted,
        SheetState::InProgress,
        SheetState::Complete,
        SheetState::Submitted,
    ];

    /// The state from the completeness counts, whether a veto hit settles the sheet (the
    /// domain's one rule, [`crate::domain::engine::settled`]) and the submission flag.
    pub fn of(scored: usize, applicable: usize, vetoed: bool, submitted: bool) -> SheetState {
        if submitted {
            SheetState::Submitted
        } else if scored == 0 {
            SheetState::NotStarted
        } else if crate::domain::engine::settled(scored, applicable, vetoed) {
            SheetState::Complete
        } else {
            SheetState::InProgress
        }
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            SheetState::NotStarted => lang.pick("未开始", "todo"),
            SheetState::InProgress => lang.pick("进行中", "started"),
            SheetState::Complete => lang.pick("已完成", "complete"),
            SheetState::Submitted => lang.pick("已提交", "submitted"),
        }
    }

    fn rank(self) -> u64 {
        SheetState::ALL.iter().position(|s| *s == self).unwrap_or(0) as u64
    }
}

pub const STATUSES: [Status; 5] = [
    Status::NotStarted,
    Status::InProgress,
    Status::Vetoed,
    Status::Pass,
    Status::Fail,
];

/// Sortable columns, in display order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Column {
    Platform,
    Name,
    Unit,
    Level,
    Region,
    Progress,
    Total,
    Status,
    Sheet,
}

impl Column {
    pub const ALL: [Column; 9] = [
        Column::Platform,
        Column::Name,
        Column::Unit,
        Column::Level,
        Column::Region,
        Column::Progress,
        Column::Total,
        Column::Status,
        Column::Sheet,
    ];

    pub fn title(self, lang: Lang) -> &'static str {
        match self {
            Column::Platform => lang.pick("平台", "Platform"),
            Column::Name => lang.pick("账号名称", "Name"),
            Column::Unit => lang.pick("主办单位", "Host unit"),
            Column::Level => lang.pick("层级", "Level"),
            Column::Region => lang.pick("地区", "Region"),
            Column::Progress => lang.pick("进度", "Done"),
            Column::Total => lang.pick("总分", "Total"),
            Column::Status => lang.pick("结论", "Verdict"),
            Column::Sheet => lang.pick("表单", "Sheet"),
        }
    }

    /// True for the columns that follow scores (and so are unknown while a row is pending).
    pub fn follows_scores(self) -> bool {
        matches!(
            self,
            Column::Progress | Column::Total | Column::Status | Column::Sheet
        )
    }

    /// True when this column's value of the row is not known yet (its result is pending; a
    /// submitted sheet's state is known at once).
    pub fn unknown(self, r: &Row) -> bool {
        match self {
            Column::Sheet => r.sheet().is_none(),
            c => c.follows_scores() && r.pending,
        }
    }

    /// Pending rows sort after every known one on the score columns (and tie among themselves).
    /// The reference order; sorting itself uses `order`.
    #[cfg(test)]
    fn cmp(self, a: &Row, b: &Row) -> std::cmp::Ordering {
        if self.unknown(a) || self.unknown(b) {
            return self.unknown(a).cmp(&self.unknown(b));
        }
        let (x, y) = (&a.account, &b.account);
        match self {
            Column::Platform => x.platform.cmp(&y.platform),
            Column::Name => x.name.cmp(&y.name),
            Column::Unit => x.unit.cmp(&y.unit),
            Column::Level => x.level.cmp(&y.level),
            Column::Region => x.region.cmp(&y.region),
            Column::Progress => {
                (a.scored * b.applicable.max(1)).cmp(&(b.scored * a.applicable.max(1)))
            }
            // No total (a veto under FailNoScore) ranks below every total.
            Column::Total => a.total.cmp(&b.total),
            Column::Status => order::status_rank(a.status).cmp(&order::status_rank(b.status)),
            Column::Sheet => order::sheet_rank(a).cmp(&order::sheet_rank(b)),
        }
    }
}

/// One account's result as the list shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct Totals {
    pub account: i64,
    pub scored: usize,
    pub applicable: usize,
    pub total: Option<crate::domain::figure::Figure>,
    pub complete: bool,
    pub status: Status,
    pub vetoes: Vec<String>,
}

impl Totals {
    pub fn of(account: i64, o: &Outcome) -> Totals {
        Totals {
            account,
            scored: o.scored,
            applicable: o.applicable,
            total: o.total,
            complete: o.complete,
            status: o.status,
            vetoes: o.vetoes.iter().map(|v| v.reason.clone()).collect(),
        }
    }

    /// The same result from a sheet's kept figures, through the engine's one verdict rule.
    pub fn of_figures(
        account: i64,
        rubric: &crate::domain::rubric::Rubric,
        f: &crate::domain::sheet_result::SheetFigures,
    ) -> Totals {
        let v = crate::domain::engine::verdict(
            rubric,
            f.points,
            (f.scored, f.applicable),
            !f.vetoes.is_empty(),
        );
        Totals {
            account,
            scored: f.scored,
            applicable: f.applicable,
            total: v.total,
            complete: v.complete,
            status: v.status,
            vetoes: f.vetoes.iter().map(|v| v.reason.clone()).collect(),
        }
    }
}

mod order;
pub(crate) use order::radix_order;
#[cfg(test)]
mod tests;
