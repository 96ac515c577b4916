//! The chair's reconciliation screen: the open queue above (account, indicator, why queued), the
//! selected item's votes below, one line per evaluator with value, note and evidence.

use ratatui::Frame;
use ratatui::layout::{Constraint, Direction, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::text::fit;
use super::theme::Theme;
use crate::app::App;
use crate::app::reconcile::{n, why_text};
use crate::domain::panel::Vote;
use crate::i18n::Lang;

pub fn render(frame: &mut Frame, area: Rect, app: &App, theme: Theme) {
    let l = app.lang;
    let Some(r) = &app.reconcile else {
        return;
    };
    let w = usize::from(area.width);
    let [list, detail] = Layout::default()
        .direction(Direction::Vertical)
        .constraints([Constraint::Percentage(45), Constraint::Percentage(55)])
        .areas(area);
    let head = match l {
        Lang::Zh => format!(
            " 分歧协调 · 待协调 {} 项 · 已协调 {} 项",
            r.items.len(),
            r.reconciled
        ),
        Lang::En => format!(
            " Reconciliation · {} open · {} reconciled",
            r.items.len(),
            r.reconciled
        ),
    };
    let mut lines = vec![Line::styled(fit(&head, w), theme.header())];
    if r.items.is_empty() {
        lines.push(Line::styled(
            l.pick("  没有待协调的分歧", "  Nothing left to reconcile"),
            theme.dim(),
        ));
    }
    let room = usize::from(list.height).saturating_sub(1).max(1);
    let first = r.selected.saturating_sub(room - 1);
    for (i, d) in r.items.iter().enumerate().skip(first).take(room) {
        let text = format!(
            " {} {} {}",
            fit(&d.item.account, 22),
            fit(&d.item.indicator, 20),
            why_text(&d.why, l)
        );
        let style = if i == r.selected {
            theme.selected()
        } else {
            ratatui::style::Style::default()
        };
        lines.push(Line::styled(fit(&text, w), style));
    }
    frame.render_widget(Paragraph::new(lines), list);
    render_detail(frame, detail, app, theme);
}

fn render_detail(frame: &mut Frame, area: Rect, app: &App, theme: Theme) {
    let l = app.lang;
    let Some(d) = app.reconcile.as_ref().and_then(|r| r.current()) else {
        return;
    };
    let name = app
        .session
        .rubric
        .item(&d.item.indicator)
        .map(|i| i.common().name.clone())
        .unwrap_or_default();
    let max = if d.item.max > 0.0 {
        format!(" · {} {}", l.pick("满分", "max"), n(d.item.max))
    } else {
        String::new()
    };
    let title = format!(" {} · {} {}{max} ", d.item.account, d.item.indicator, name);
    let block = Block::default()
        .borders(Borders::TOP)
        .title(Span::styled(title, theme.header()));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let w = usize::from(inner.width);
    let mut lines = vec![Line::styled(
        fit(
            &format!(
                " {} {} {} {}",
                fit(l.pick("评估人", "evaluator"), 10),
                fit(l.pick("分值", "value"), 8),
                fit(l.pick("备注", "note"), 26),
                l.pick("证据", "evidence")
            ),
            w,
        ),
        theme.dim(),
    )];
    for v in &d.item.votes {
        lines.push(Line::raw(fit(&vote_line(v, l), w)));
    }
    lines.push(Line::styled(
        fit(
            &format!(" {}: {}", l.pick("原因", "why"), why_text(&d.why, l)),
            w,
        ),
        theme.dim(),
    ));
    frame.render_widget(Paragraph::new(lines), inner);
}

fn vote_line(v: &Vote, l: Lang) -> String {
    let value = match (v.points, v.veto) {
        (Some(p), _) => p.text(),
        (None, Some(true)) => l.pick("否决", "veto").into(),
        _ => l.pick("不否决", "clean").into(),
    };
    format!(
        " {} {} {} {}",
        fit(&v.evaluator, 10),
        fit(&value, 8),
        fit(if v.note.is_empty() { "—" } else { &v.note }, 26),
        if v.evidence.is_empty() {
            "—".to_string()
        } else {
            v.evidence.join(" ")
        }
    )
}
