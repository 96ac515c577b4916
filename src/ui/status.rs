//! The status bar: the last message, then the keys that apply now (from the key map).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::text::{truncate, width};
use super::theme::Theme;
use crate::app::{App, keymap};

pub fn render(frame: &mut Frame, area: Rect, app: &App, theme: Theme) {
    let mut spans = Vec::new();
    let mut room = usize::from(area.width);
    if app.busy() {
        let t = truncate(crate::i18n::msg::db_busy_retrying(app.lang), room.min(48));
        room = room.saturating_sub(width(&t) + 2);
        spans.push(Span::styled(t, theme.error()));
        spans.push(Span::raw("  "));
    } else if let Some(f) = &app.flash {
        let t = truncate(f, room.min(40));
        room = room.saturating_sub(width(&t) + 2);
        spans.push(Span::styled(t, theme.error()));
        spans.push(Span::raw("  "));
    }
    for (keys, what) in keymap::bar(app.ctx(), app.lang) {
        let need = width(&keys) + width(what) + 3;
        if need > room {
            break;
        }
        room -= need;
        spans.push(Span::styled(keys, theme.key()));
        spans.push(Span::styled(format!(" {what}  "), theme.dim()));
    }
    frame.render_widget(Line::from(spans), area);
}
