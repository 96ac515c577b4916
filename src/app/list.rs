//! The account list: cached per-account results, and the filtered, searched and sorted view of
//! them (a vector of row indices, rebuilt only when the query, filters or sort change). Rows whose
//! result is still being computed sort last on score columns and match no status filter.

use std::collections::HashMap;

use crate::domain::engine::Status;
use crate::domain::platform::{Level, Platform};

use memchr::memmem::Finder;

pub use super::row::{Column, Row, STATUSES, SheetState, status_label};
use super::search::{SearchIndex, normalize};
use super::text_orders::{ScoreOrders, TextOrders};

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
