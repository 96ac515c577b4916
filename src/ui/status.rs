//! The status bar: the last message, then every key of the current screen (from the key map,
//! in one or two lines; see [`keymap::bar`]).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::text::{truncate, width};
use super::theme::Theme;
use crate::app::keymap;
use crate::app::{App, layout};

pub fn render(frame: &mut Frame, area: Rect, app: &App, theme: Theme) {
    let w = usize::from(area.width);
    let rows = usize::from(area.height).max(1);
    let mut lines: Vec<Line> = Vec::new();
    let mut spans: Vec<Span> = Vec::new();
    let mut room = w;
    if let Some(f) = &app.flash {
        // The message answers the last key: it comes first, and keys that no longer fit wait
        // for the next key, which clears it.
        let t = truncate(f, w.min(60));
        room = room.saturating_sub(width(&t) + keymap::BAR_GAP);
        spans.push(Span::styled(t, theme.error()));
        spans.push(Span::raw(" ".repeat(keymap::BAR_GAP - 1)));
    }
    let entries = keymap::bar(app.ctx(), app.lang, layout::bar_width(area));
    for e in entries.into_iter().flatten() {
        let gap = if spans.is_empty() { 0 } else { e.gap() };
        if e.width() + gap > room {
            if lines.len() + 1 >= rows {
                break;
            }
            lines.push(Line::from(std::mem::take(&mut spans)));
            room = w;
        } else if gap > 0 {
            spans.push(Span::raw(" ".repeat(gap)));
            room -= gap;
        }
        room = room.saturating_sub(e.width());
        let label = e.label();
        spans.push(Span::styled(e.keys, theme.key()));
        spans.push(Span::styled(label, theme.dim()));
    }
    lines.push(Line::from(spans));
    frame.render_widget(Paragraph::new(lines), area);
}
