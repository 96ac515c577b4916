//! Rendering: a pure function of `&App` onto a frame. One file per screen or widget; popups are
//! drawn last over a cleared area.

mod accounts;
mod help;
mod ops;
mod popup;
mod reconcile;
mod rectify;
mod scoring;
mod status;
mod summary;
pub mod text;
pub mod theme;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use crate::app::{App, Screen, layout};
use theme::Theme;

/// Draws the whole app.
pub fn render(frame: &mut Frame, app: &App) {
    let theme = Theme { color: app.color };
    let [top, body, bar] = layout::frame(frame.area(), app.bar_lines());
    title(frame, top, app, theme);
    match app.screen {
        Screen::Accounts => accounts::render(frame, body, app, theme),
        Screen::Scoring => scoring::render(frame, body, app, theme),
        Screen::Summary => summary::render(frame, body, app, theme),
        Screen::Reconcile => reconcile::render(frame, body, app, theme),
        Screen::Ops => ops::render(frame, body, app, theme),
        Screen::Rectify => rectify::render(frame, body, app, theme),
    }
    status::render(frame, bar, app, theme);
    popup::render(frame, app, theme);
}

fn title(frame: &mut Frame, area: Rect, app: &App, theme: Theme) {
    let s = &app.session;
    let who = if s.evaluator.is_empty() {
        "—"
    } else {
        s.evaluator.as_str()
    };
    let text = format!(
        " assay · {} · {}: {} · {}",
        s.round_name,
        app.t("评估人", "evaluator"),
        who,
        s.db_label
    );
    let w = usize::from(area.width);
    let progress = progress(app).map(|p| format!("  {p} ")).unwrap_or_default();
    let left = w.saturating_sub(text::width(&progress));
    let line = Line::from(vec![
        Span::styled(text::fit(&text, left), theme.title()),
        Span::styled(text::fit(&progress, w - left), theme.title()),
    ]);
    frame.render_widget(line, area);
}

/// How far the background totals are, while they are not all known.
pub fn progress(app: &App) -> Option<String> {
    let l = app.loading.as_ref()?;
    Some(match l.failed {
        Some(_) => app.t("总分计算失败", "totals failed").to_string(),
        None => format!("{} {}/{}", app.t("计算中", "computing"), l.done, l.total),
    })
}

/// Clears `area` and one column either side, so no wide character is left cut in half at the
/// popup's edges.
pub fn clear_popup(frame: &mut Frame, area: Rect) {
    let full = frame.area();
    let x = area.x.saturating_sub(1).max(full.x);
    let right = (area.x + area.width + 1).min(full.x + full.width);
    let wide = Rect {
        x,
        width: right - x,
        ..area
    };
    frame.render_widget(ratatui::widgets::Clear, wide);
}
