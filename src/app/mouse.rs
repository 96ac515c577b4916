//! Mouse input as actions, the same path keys take: the wheel moves through whatever list is on
//! screen (accounts, rubric tree, help, a picker), a left click selects the row under the pointer,
//! and a click on the already selected account (the second click of a double click) opens it.
//! Hit-tests against `layout`, the rectangles `ui` draws into.

use crossterm::event::{MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::{Position, Rect};

use super::layout::{self, TreeRow};
use super::{Action, App, Ctx, Popup};

/// The action a mouse event asks for in the app's current state, if any.
pub fn resolve(app: &App, ev: MouseEvent) -> Option<Action> {
    let scrolls = matches!(
        app.ctx(),
        Ctx::Accounts | Ctx::Scoring | Ctx::Help | Ctx::Picker
    );
    match ev.kind {
        MouseEventKind::ScrollUp if scrolls => Some(Action::Up),
        MouseEventKind::ScrollDown if scrolls => Some(Action::Down),
        MouseEventKind::Down(MouseButton::Left) => click(app, Position::new(ev.column, ev.row)),
        _ => None,
    }
}

/// The line of `area` at `at`, counted from its top, when `at` is inside it.
fn line_in(area: Rect, at: Position) -> Option<usize> {
    area.contains(at).then(|| usize::from(at.y - area.y))
}

fn click(app: &App, at: Position) -> Option<Action> {
    let full = Rect::new(0, 0, app.size.0, app.size.1);
    let [_, body, _] = layout::frame(full, app.bar_lines());
    match app.ctx() {
        Ctx::Accounts => {
            let rows = layout::accounts(body).rows;
            let line = line_in(rows, at)?;
            let list = &app.list;
            let offset = layout::list_offset(list.offset, list.selected, usize::from(rows.height));
            let i = offset + line;
            if i >= list.view.len() {
                None
            } else if i == list.selected {
                Some(Action::Enter)
            } else {
                Some(Action::Select(i))
            }
        }
        Ctx::Scoring => {
            let s = app.scoring.as_ref()?;
            let inner = layout::scoring(body).tree_inner;
            let line = line_in(inner, at)?;
            let rows = layout::tree_rows(&app.session.rubric);
            let offset = layout::tree_offset(&rows, s.cursor, usize::from(inner.height).max(1));
            match rows.get(offset + line) {
                Some(TreeRow::Item(i)) if *i != s.cursor => Some(Action::Select(*i)),
                _ => None,
            }
        }
        Ctx::Picker => {
            let Some(Popup::Pick {
                options, selected, ..
            }) = &app.popup
            else {
                return None;
            };
            let area = layout::popup_box(full, options.len());
            let inner = Rect {
                x: area.x + 1,
                y: area.y + 1,
                width: area.width.saturating_sub(2),
                height: area.height.saturating_sub(2),
            };
            let i = line_in(inner, at)?;
            if i >= options.len() {
                None
            } else if i == *selected {
                Some(Action::Enter)
            } else {
                Some(Action::Select(i))
            }
        }
        _ => None,
    }
}
