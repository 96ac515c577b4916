//! The round summary: counts, pass rate, vetoes by reason, and bar charts of mean totals by level
//! and by platform.

use ratatui::Frame;
use ratatui::layout::{Constraint, Direction, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Bar, BarChart, BarGroup, Block, Borders, Paragraph};

use super::text::{fit, label, num};
use super::theme::Theme;
use crate::app::App;
use crate::app::list::{STATUSES, status_label};

pub fn render(frame: &mut Frame, area: Rect, app: &App, theme: Theme) {
    let Some(sm) = app.summary.as_ref() else {
        return;
    };
    let l = app.lang;
    let veto_rows = sm.vetoes.len().min(4) as u16;
    let [top, charts] =
        Layout::vertical([Constraint::Length(3 + veto_rows), Constraint::Min(4)]).areas(area);
    let mut lines = vec![];
    let counts: Vec<String> = STATUSES
        .iter()
        .zip(sm.by_status)
        .map(|(s, n)| format!("{} {n}", status_label(*s, l)))
        .collect();
    lines.push(Line::styled(
        format!(
            "{} {}  ·  {}",
            l.pick("账号", "Accounts"),
            sm.accounts,
            counts.join("  ")
        ),
        theme.header(),
    ));
    let rate = sm
        .pass_rate
        .map_or("—".into(), |r| format!("{}%", num(r * 100.0)));
    lines.push(Line::from(format!(
        "{}{rate}",
        label(l, "合格率（已完成）", "Pass rate (finished)")
    )));
    lines.push(Line::from(label(l, "否决原因", "Vetoes by reason")));
    let w = usize::from(area.width);
    for (reason, n) in sm.vetoes.iter().take(4) {
        lines.push(Line::from(format!(
            "  {} {n}",
            fit(reason, w.saturating_sub(10))
        )));
    }
    if sm.vetoes.is_empty() {
        lines[2] = Line::from(format!("{}—", label(l, "否决原因", "Vetoes by reason")));
    }
    frame.render_widget(Paragraph::new(lines), top);
    let [a, b] =
        Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(charts);
    let by_level: Vec<(String, f64)> = sm
        .by_level
        .iter()
        .map(|(k, m, _)| (l.pick(k.label_zh(), k.label_en()).to_string(), *m))
        .collect();
    let by_platform: Vec<(String, f64)> = sm
        .by_platform
        .iter()
        .map(|(k, m, _)| (l.pick(k.label_zh(), k.label_en()).to_string(), *m))
        .collect();
    chart(
        frame,
        a,
        l.pick("平均总分·按层级", "Mean total by level"),
        &by_level,
        theme,
    );
    chart(
        frame,
        b,
        l.pick("平均总分·按平台", "Mean total by platform"),
        &by_platform,
        theme,
    );
}

fn chart(frame: &mut Frame, area: Rect, title: &str, data: &[(String, f64)], theme: Theme) {
    let block = Block::new()
        .borders(Borders::TOP)
        .title(Line::styled(title.to_string(), theme.header()));
    if data.is_empty() {
        frame.render_widget(Paragraph::new("—").block(block), area);
        return;
    }
    let bars: Vec<Bar> = data
        .iter()
        .map(|(label, m)| {
            Bar::default()
                .label(Line::from(fit(label, 8)))
                .value(m.max(0.0).round() as u64)
                // Means drawn on a bar: one decimal leaves the bar visible.
                .text_value(crate::domain::engine::explain::fmt_at(*m, 1))
        })
        .collect();
    let chart = BarChart::default()
        .block(block)
        .direction(Direction::Horizontal)
        .bar_width(1)
        .bar_gap(0)
        .data(BarGroup::default().bars(&bars))
        .bar_style(theme.key())
        .max(100);
    frame.render_widget(chart, area);
}
