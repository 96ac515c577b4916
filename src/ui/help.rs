//! The help screen, generated from the key map: one section per context.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Paragraph};

use super::text::fit;
use super::theme::Theme;
use crate::app::keymap::help_sections;
use crate::i18n::Lang;

/// All help lines (the popup shows a scrolled window of them).
pub fn lines(lang: Lang, theme: Theme) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    for (ctx, here) in help_sections() {
        out.push(Line::styled(ctx.title(lang).to_string(), theme.header()));
        for b in here {
            out.push(Line::from(format!(
                "  {} {}",
                fit(&b.keys_label(), 16),
                b.text(lang)
            )));
        }
    }
    out
}

pub fn render(frame: &mut Frame, area: Rect, scroll: usize, lang: Lang, theme: Theme) {
    let title = lang.pick(
        " 帮助 · 按键（Esc 关闭，↑↓ 滚动）",
        " Help · keys (Esc closes, ↑↓ scroll)",
    );
    let block = Block::new()
        .borders(Borders::ALL)
        .title(Line::styled(title, theme.header()));
    let all = lines(lang, theme);
    let h = usize::from(area.height.saturating_sub(2));
    let scroll = scroll.min(all.len().saturating_sub(h));
    let shown: Vec<Line> = all.into_iter().skip(scroll).collect();
    super::clear_popup(frame, area);
    frame.render_widget(Paragraph::new(shown).block(block), area);
}
