//! The account list: cached per-account results, and the filtered, searched and sorted view of
//! them (a vector of row indices, rebuilt only when the query, filters or sort change). Rows whose
//! result is still being computed sort last on score columns and match no status filter.

use std::collections::HashMap;

use crate::domain::account::Account;
use crate::domain::engine::{Outcome, Status};
use crate::domain::platform::{Level, Platform};
use crate::i18n::Lang;

use memchr::memmem::Finder;

use super::search::{SearchIndex, normalize};
use super::text_orders::{ScoreOrders, TextOrders};
use super::totals::Totals;

/// One account with its cached result for the current evaluator.
#[derive(Debug, Clone)]
pub struct Row {
    pub account: Account,
    pub scored: usize,
    pub applicable: usize,
    /// Published total; `None` when a veto leaves no total. Provisional until `complete`.
    pub total: Option<f64>,
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
            Column::Total => (a.total.unwrap_or(f64::NEG_INFINITY))
                .total_cmp(&b.total.unwrap_or(f64::NEG_INFINITY)),
            Column::Status => order::status_rank(a.status).cmp(&order::status_rank(b.status)),
            Column::Sheet => order::sheet_rank(a).cmp(&order::sheet_rank(b)),
        }
    }
}

/// Filters over the list; `None` means any.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Filters {
    pub level: Option<Level>,
    pub platform: Option<Platform>,
    pub domain: Option<String>,
    /// Whole-segment region prefix.
    pub region: Option<String>,
    pub status: Option<Status>,
    /// Where the current evaluator's sheet stands.
    pub sheet: Option<SheetState>,
}

impl Filters {
    pub fn is_empty(&self) -> bool {
        *self == Filters::default()
    }

    fn keeps(&self, r: &Row) -> bool {
        let a = &r.account;
        self.level.is_none_or(|l| a.level == l)
            && self.platform.is_none_or(|p| a.platform == p)
            && self.domain.as_ref().is_none_or(|d| &a.domain == d)
            && self.region.as_ref().is_none_or(|p| a.in_region(p))
            && self.status.is_none_or(|s| !r.pending && r.status == s)
            && self.sheet.is_none_or(|s| r.sheet() == Some(s))
    }
}

/// The visible list: which rows, in which order, and where the cursor is.
#[derive(Debug, Clone, Default)]
pub struct ListView {
    pub view: Vec<u32>,
    pub selected: usize,
    pub offset: usize,
    pub query: super::text_field::TextField,
    pub searching: bool,
    pub filters: Filters,
    pub sort: Option<Column>,
    pub desc: bool,
    /// Every row index sorted by a column (ascending), computed on first use. The columns that
    /// follow scores are dropped when an account is edited.
    pub sorted: HashMap<Column, Vec<u32>>,
    /// Names and units prepared for search (`App::warm_up`, else built by the first search).
    pub index: SearchIndex,
    /// The free-text columns' orders, sorted in the background.
    pub text_orders: TextOrders,
    /// The progress and total orders, sorted in the background once every total is known.
    pub score_orders: ScoreOrders,
}

impl ListView {
    /// Rebuilds the view from the rows, keeping the selected account when it is still visible.
    pub fn rebuild(&mut self, rows: &[Row]) {
        let keep = self.view.get(self.selected).copied();
        let q = normalize(&self.query);
        self.ready_index(rows, q.is_empty());
        let hit = (!q.is_empty()).then(|| self.index.hits(&Finder::new(q.as_bytes())));
        // Which rows pass, decided in row order (sequential memory) before the sorted order
        // is walked: looking rows up in sorted order misses the cache on every row.
        let pass: Option<Vec<bool>> = match (hit, self.filters.is_empty()) {
            (None, true) => None,
            (hit, _) => Some(
                (rows.iter().enumerate())
                    .map(|(i, r)| hit.as_ref().is_none_or(|h| h[i]) && self.filters.keeps(r))
                    .collect(),
            ),
        };
        let keeps = |i: &u32| pass.as_ref().is_none_or(|p| p[*i as usize]);
        let mut view: Vec<u32> = match self.sort {
            Some(col) => {
                let (ready, scored) = (&self.text_orders, &self.score_orders);
                let order = (self.sorted.entry(col)).or_insert_with(|| {
                    (ready.get(col).or_else(|| scored.get(col)).cloned())
                        .unwrap_or_else(|| col.order(rows))
                });
                match &pass {
                    None => order.clone(),
                    Some(_) => order.iter().copied().filter(keeps).collect(),
                }
            }
            None => (0..rows.len() as u32).filter(keeps).collect(),
        };
        if self.desc {
            view.reverse();
            // Unknown results stay at the end whichever way a score column is sorted.
            if let Some(col) = self.sort.filter(|c| c.follows_scores()) {
                let unknown: Vec<bool> = rows.iter().map(|r| col.unknown(r)).collect();
                let (known, pending): (Vec<u32>, Vec<u32>) =
                    view.into_iter().partition(|&i| !unknown[i as usize]);
                view = known;
                view.extend(pending);
            }
        }
        self.view = view;
        self.selected = keep
            .and_then(|k| self.view.iter().position(|&i| i == k))
            .unwrap_or(0);
        self.offset = self.offset.min(self.selected);
    }

    /// Narrows the view after the query grew: only the rows already shown can still match.
    pub fn narrow(&mut self, rows: &[Row]) {
        let keep = self.view.get(self.selected).copied();
        let q = normalize(&self.query);
        self.ready_index(rows, q.is_empty());
        let finder = Finder::new(q.as_bytes());
        let index = &self.index;
        self.view.retain(|&i| index.matches(&finder, i));
        self.selected = keep
            .and_then(|k| self.view.iter().position(|&i| i == k))
            .unwrap_or(0);
        self.offset = self.offset.min(self.selected);
    }

    /// Makes `index` cover the rows before a search: the background one when it is done, else
    /// built here (once).
    fn ready_index(&mut self, rows: &[Row], no_query: bool) {
        if no_query || self.index.len() == rows.len() {
            return;
        }
        self.index = match self.text_orders.index() {
            Some(ready) if ready.len() == rows.len() => ready.clone(),
            _ => SearchIndex::build(rows),
        };
    }

    /// Forgets the sort orders that depend on scores (after an edit).
    pub fn scores_changed(&mut self) {
        self.sorted.retain(|c, _| !c.follows_scores());
        self.score_orders = ScoreOrders::default();
    }

    pub fn selected_row(&self) -> Option<usize> {
        self.view.get(self.selected).map(|&i| i as usize)
    }

    /// Moves the cursor by `delta` rows and keeps it inside a window of `page` rows.
    pub fn move_by(&mut self, delta: isize, page: usize) {
        if self.view.is_empty() {
            return;
        }
        let last = self.view.len() - 1;
        let to = (self.selected as isize + delta).clamp(0, last as isize) as usize;
        self.select(to, page);
    }

    pub fn select(&mut self, to: usize, page: usize) {
        self.selected = to.min(self.view.len().saturating_sub(1));
        let page = page.max(1);
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset + page {
            self.offset = self.selected + 1 - page;
        }
    }
}

mod order;
pub(crate) use order::radix_order;
#[cfg(test)]
mod tests;
