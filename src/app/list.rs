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
use super::text_orders::TextOrders;
use super::totals::Totals;

/// One account with its cached result for the current evaluator.
#[derive(Debug, Clone)]
pub struct Row {
    pub account: Account,
    pub scored: usize,
    pub applicable: usize,
    pub total: f64,
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
            total: 0.0,
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
        Some(SheetState::of(self.scored, self.applicable, false))
    }

    pub fn update(&mut self, o: &Outcome) {
        self.scored = o.scored;
        self.applicable = o.applicable;
        self.total = o.total;
        self.status = o.status;
        self.vetoes = o.vetoes.iter().map(|v| v.reason.clone()).collect();
        self.pending = false;
    }

    /// Takes a result computed elsewhere (the background totals).
    pub fn set(&mut self, t: Totals) {
        self.scored = t.scored;
        self.applicable = t.applicable;
        self.total = t.total;
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

    /// The state from the completeness counts and the submission flag.
    pub fn of(scored: usize, applicable: usize, submitted: bool) -> SheetState {
        if submitted {
            SheetState::Submitted
        } else if scored == 0 {
            SheetState::NotStarted
        } else if scored < applicable {
            SheetState::InProgress
        } else {
            SheetState::Complete
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
            Column::Total => a.total.total_cmp(&b.total),
            Column::Status => status_rank(a.status).cmp(&status_rank(b.status)),
            Column::Sheet => sheet_rank(a).cmp(&sheet_rank(b)),
        }
    }
}

impl Column {
    /// For the score columns, a key that orders like `cmp` (pending rows last): sorting 100k
    /// plain keys is several times faster than comparing rows through the index.
    fn score_key(self, r: &Row) -> Option<u64> {
        // The bit pattern of `f64::total_cmp` as an unsigned integer.
        let ordered = |x: f64| {
            let b = x.to_bits();
            if b >> 63 == 1 { !b } else { b | (1 << 63) }
        };
        let k = match self {
            Column::Progress => ordered(r.scored as f64 / r.applicable.max(1) as f64),
            Column::Total => ordered(r.total),
            Column::Status => status_rank(r.status) as u64,
            Column::Sheet => sheet_rank(r),
            _ => return None,
        };
        Some(if self.unknown(r) {
            u64::MAX
        } else {
            k.min(u64::MAX - 1)
        })
    }

    /// Every row index in ascending order of this column (ties keep row order). Columns other
    /// than the free-text ones sort plain keys held in the vector (comparing rows through the
    /// index misses the cache on every comparison); the free-text orders normally come ready
    /// from [`TextOrders`].
    pub(super) fn order(self, rows: &[Row]) -> Vec<u32> {
        let idx = 0..rows.len() as u32;
        let text = |i: u32| -> &str {
            let a = &rows[i as usize].account;
            match self {
                Column::Name => &a.name,
                Column::Unit => &a.unit,
                _ => &a.region,
            }
        };
        match self {
            Column::Name | Column::Unit | Column::Region => {
                let mut v: Vec<u32> = idx.collect();
                v.sort_by(|&a, &b| text(a).cmp(text(b)));
                v
            }
            Column::Progress | Column::Total => {
                let mut keyed: Vec<(u64, u32)> = idx
                    .map(|i| (self.score_key(&rows[i as usize]).unwrap_or(0), i))
                    .collect();
                keyed.sort_unstable();
                keyed.into_iter().map(|k| k.1).collect()
            }
            _ => {
                // A handful of values: a counting sort (stable, two passes, no comparisons).
                let (mut platforms, mut levels) = (Platform::ALL, Level::ALL);
                platforms.sort();
                levels.sort();
                let rank = |r: &Row| -> u8 {
                    let a = &r.account;
                    let pos = match self {
                        Column::Platform => platforms.iter().position(|p| *p == a.platform),
                        Column::Level => levels.iter().position(|l| *l == a.level),
                        // Status and sheet ranks are small; unknown (u64::MAX) goes last.
                        c => Some(c.score_key(r).map_or(0, |k| k.min(255) as usize)),
                    };
                    pos.unwrap_or(0) as u8
                };
                let keys: Vec<u8> = rows.iter().map(rank).collect();
                counting_order(&keys)
            }
        }
    }
}

/// Row indices ordered by a byte key, ties in row order.
fn counting_order(keys: &[u8]) -> Vec<u32> {
    let mut start = [0usize; 257];
    for &k in keys {
        start[usize::from(k) + 1] += 1;
    }
    for b in 1..257 {
        start[b] += start[b - 1];
    }
    let mut out = vec![0u32; keys.len()];
    for (i, &k) in keys.iter().enumerate() {
        let slot = &mut start[usize::from(k)];
        out[*slot] = i as u32;
        *slot += 1;
    }
    out
}

/// A sheet's rank for sorting (pending rows are handled by the callers).
fn sheet_rank(r: &Row) -> u64 {
    r.sheet().map_or(u64::MAX, SheetState::rank)
}

fn status_rank(s: Status) -> usize {
    STATUSES.iter().position(|x| *x == s).unwrap_or(0)
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
    pub query: String,
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
                let ready = &self.text_orders;
                let order = (self.sorted.entry(col))
                    .or_insert_with(|| ready.get(col).cloned().unwrap_or_else(|| col.order(rows)));
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

#[cfg(test)]
mod tests {
    use super::*;

    fn row(id: i64, scored: usize, applicable: usize, total: f64, pending: bool) -> Row {
        let account = Account {
            id,
            platform: Platform::WeChat,
            platform_label: String::new(),
            name: format!("a{id}"),
            unit: String::new(),
            level: Level::County,
            region: String::new(),
            domain: String::new(),
            status: String::new(),
            opened: None,
        };
        let status = STATUSES[(id as usize) % STATUSES.len()];
        Row {
            scored,
            applicable,
            total,
            status,
            pending,
            ..Row::pending(account)
        }
    }

    #[test]
    fn score_key_orders_like_the_row_comparison() {
        let rows = vec![
            row(0, 3, 6, 19.5, false),
            row(1, 1, 2, -2.0, false),
            row(2, 0, 6, 0.0, true),
            row(3, 2, 7, 19.5, false),
            row(4, 0, 0, -0.0, false),
            row(5, 5, 5, 100.0, true),
            row(6, 4, 8, 7.25, false),
            row(7, 1, 3, 0.0, false),
        ];
        for col in [Column::Progress, Column::Total, Column::Status] {
            let mut want: Vec<u32> = (0..rows.len() as u32).collect();
            want.sort_by(|&a, &b| col.cmp(&rows[a as usize], &rows[b as usize]));
            assert_eq!(col.order(&rows), want, "{col:?}");
            assert!(want.ends_with(&[2, 5]), "pending last: {want:?}");
        }
    }

    #[test]
    fn every_column_orders_like_the_row_comparison() {
        // Names that agree on their first 16 bytes, duplicates, a prefix of another, empty.
        let names = [
            "云和公安局12号",
            "云和公安局1号",
            "云和公安局1",
            "云和公安局1号",
            "",
            "a\u{0}b",
            "a",
            "Zz",
            "云和县文化和旅游局",
            "云和县文化和旅游",
        ];
        let mut rows: Vec<Row> = Vec::new();
        for (i, n) in names.iter().enumerate() {
            let mut r = row(i as i64, i % 3, 3, i as f64, i == 4);
            r.account.name = n.to_string();
            r.account.unit = names[names.len() - 1 - i].to_string();
            r.account.region = names[(i * 7) % names.len()].to_string();
            r.account.platform = Platform::ALL[(i * 5) % Platform::ALL.len()];
            r.account.level = Level::ALL[(i * 3) % Level::ALL.len()];
            r.submitted = i == 6;
            rows.push(r);
        }
        let ready = TextOrders::start(&rows);
        ready.wait();
        for col in Column::ALL {
            let mut want: Vec<u32> = (0..rows.len() as u32).collect();
            want.sort_by(|&a, &b| col.cmp(&rows[a as usize], &rows[b as usize]));
            assert_eq!(col.order(&rows), want, "{col:?}");
            if let Some(bg) = ready.get(col) {
                assert_eq!(bg, &want, "background {col:?}");
            }
        }
        assert!(ready.get(Column::Name).is_some() && ready.get(Column::Total).is_none());
    }
}
