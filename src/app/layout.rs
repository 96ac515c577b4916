//! Where each part of the screen goes, as pure functions of the terminal area and the state.
//! `ui` draws into these rectangles and the mouse hit-test (`app::mouse`) reads them, so a click
//! finds exactly the row that was drawn, and rendering never writes anything back into `App`.

use ratatui::layout::{Constraint, Layout, Rect};

use crate::domain::rubric::{ItemRef, Rubric};

/// The title line, the screen body and the status bar of `bar` lines
/// ([`crate::app::App::bar_lines`]).
pub fn frame(area: Rect, bar: u16) -> [Rect; 3] {
    Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(bar.max(1)),
    ])
    .areas(area)
}

/// The columns the status bar packs its keys into (its whole width).
pub fn bar_width(bar: Rect) -> usize {
    usize::from(bar.width)
}

/// The body of the account list: search/filter line, column header, account rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ListAreas {
    pub filter: Rect,
    pub header: Rect,
    pub rows: Rect,
}

pub fn accounts(body: Rect) -> ListAreas {
    let [filter, header, rows] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Fill(1),
    ])
    .areas(body);
    ListAreas {
        filter,
        header,
        rows,
    }
}

/// The first visible account row: the stored offset, moved just enough to show the selection.
pub fn list_offset(offset: usize, selected: usize, page: usize) -> usize {
    let page = page.max(1);
    if selected < offset {
        selected
    } else if selected >= offset + page {
        selected + 1 - page
    } else {
        offset
    }
}

/// The body of the scoring screen: account header, rubric tree (with its right border) and the
/// tree's inner area, and the selected item's detail.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ScoringAreas {
    pub head: Rect,
    pub tree: Rect,
    pub tree_inner: Rect,
    pub detail: Rect,
}

pub fn scoring(body: Rect) -> ScoringAreas {
    let [head, rest] = Layout::vertical([Constraint::Length(2), Constraint::Min(1)]).areas(body);
    let [tree, detail] =
        Layout::horizontal([Constraint::Percentage(55), Constraint::Percentage(45)]).areas(rest);
    let tree_inner = Rect {
        width: tree.width.saturating_sub(1),
        ..tree
    };
    ScoringAreas {
        head,
        tree,
        tree_inner,
        detail,
    }
}

/// One line of the rubric tree: a group header (named after the group's first item) or an item,
/// both by index in `rubric.items()`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TreeRow {
    Group(usize),
    Item(usize),
}

/// The tree's lines: each category, then the bonus items, then the vetoes, under a header.
pub fn tree_rows(rubric: &Rubric) -> Vec<TreeRow> {
    let mut out = Vec::new();
    let mut last: Option<String> = None;
    for (i, item) in rubric.items().iter().enumerate() {
        let group = match item {
            ItemRef::Indicator(c, _) => format!("c:{}", c.id),
            ItemRef::Bonus(_) => "bonus".into(),
            ItemRef::Veto(_) => "veto".into(),
        };
        if last.as_ref() != Some(&group) {
            out.push(TreeRow::Group(i));
            last = Some(group);
        }
        out.push(TreeRow::Item(i));
    }
    out
}

/// The first visible tree line for `height` lines: the selected item kept near the middle.
pub fn tree_offset(rows: &[TreeRow], cursor: usize, height: usize) -> usize {
    let at = rows
        .iter()
        .position(|t| *t == TreeRow::Item(cursor))
        .unwrap_or(0);
    at.saturating_sub(height / 2)
        .min(rows.len().saturating_sub(height))
}

/// A rectangle of at most `w`×`h` centred in `area`.
pub fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    }
}

/// The help popup (a bordered box).
pub fn help(full: Rect) -> Rect {
    centered(full, 76, full.height.saturating_sub(2))
}

/// Columns of a message/choice popup, border included.
pub const POPUP_WIDTH: u16 = 64;

/// A bordered message/choice popup holding `lines` lines of text.
pub fn popup_box(full: Rect, lines: usize) -> Rect {
    let h = (lines.min(usize::from(u16::MAX - 2)) as u16 + 2).min(full.height);
    centered(full, POPUP_WIDTH, h.max(4) + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_rows_start_below_the_filter_and_header_lines() {
        let [_, body, bar] = frame(Rect::new(0, 0, 80, 24), 1);
        let a = accounts(body);
        assert_eq!((a.rows.y, a.rows.height), (3, 20));
        assert_eq!(bar.y, 23);
    }

    #[test]
    fn offset_follows_the_selection_both_ways() {
        assert_eq!(list_offset(5, 2, 10), 2);
        assert_eq!(list_offset(0, 12, 10), 3);
        assert_eq!(list_offset(4, 8, 10), 4);
    }
}
