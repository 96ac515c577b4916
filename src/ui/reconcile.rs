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
    let head = match (l, r.showing_agreed) {
        (Lang::Zh, false) => format!(
            " 分歧协调 · 待协调 {} 项 · 已协调 {} 项（Tab 查看协调结果）",
            r.items.len(),
            r.reconciled
        ),
        (Lang::En, false) => format!(
            " Reconciliation · {} open · {} reconciled (Tab: agreed values)",
            r.items.len(),
            r.reconciled
        ),
        (Lang::Zh, true) => format!(" 已协调的结果 · {} 项（Tab 回到待协调）", r.agreed.len()),
        (Lang::En, true) => format!(" Agreed values · {} (Tab: open queue)", r.agreed.len()),
    };
    let mut lines = vec![Line::styled(fit(&head, w), theme.header())];
    if r.is_empty() {
        let none = match r.showing_agreed {
            true => l.pick("  还没有协调结果", "  Nothing agreed yet"),
            false => l.pick("  没有待协调的分歧", "  Nothing left to reconcile"),
        };
        lines.push(Line::styled(none, theme.dim()));
    }
    let room = usize::from(list.height).saturating_sub(1).max(1);
    let first = r.selected.saturating_sub(room - 1);
    let texts: Vec<String> = match r.showing_agreed {
        false => (r.items.iter())
            .map(|d| {
                format!(
                    " {} {} {}",
                    fit(&app.account_shown(&d.item.account), 24),
                    fit(&app.item_name(&d.item.indicator), 22),
                    why_text(&d.why, l)
                )
            })
            .collect(),
        true => (r.agreed.iter())
            .map(|c| {
                format!(
                    " {} {} → {}",
                    fit(&app.account_name(c.account_id), 24),
                    fit(&app.item_name(&c.indicator), 22),
                    app.agreed_text(c)
                )
            })
            .collect(),
    };
    for (i, text) in texts.iter().enumerate().skip(first).take(room) {
        let style = if i == r.selected {
            theme.selected()
        } else {
            ratatui::style::Style::default()
        };
        lines.push(Line::styled(fit(text, w), style));
    }
    frame.render_widget(Paragraph::new(lines), list);
    match r.showing_agreed {
        false => render_detail(frame, detail, app, theme),
        true => render_agreed(frame, detail, app, theme),
    }
}

/// The selected agreed value: the item, the value, who agreed it and when (local time with the
/// offset), and why.
fn render_agreed(frame: &mut Frame, area: Rect, app: &App, theme: Theme) {
    let l = app.lang;
    let Some(c) = app.reconcile.as_ref().and_then(|r| r.current_agreed()) else {
        return;
    };
    let title = format!(
        " {} · {} ",
        app.account_name(c.account_id),
        app.item_name(&c.indicator)
    );
    let block = Block::default()
        .borders(Borders::TOP)
        .title(Span::styled(title, theme.header()));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let w = usize::from(inner.width);
    let rows = [
        (l.pick("协调结果", "agreed"), app.agreed_text(c)),
        (l.pick("组长", "chair"), c.chair.clone()),
        (l.pick("时间", "when"), crate::domain::when::local(&c.at)),
        (l.pick("理由", "rationale"), c.consensus.rationale.clone()),
    ];
    let lines: Vec<Line> = (rows.iter())
        .map(|(k, v)| Line::raw(fit(&format!(" {} {v}", fit(k, 10)), w)))
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}

fn render_detail(frame: &mut Frame, area: Rect, app: &App, theme: Theme) {
    let l = app.lang;
    let Some(d) = app.reconcile.as_ref().and_then(|r| r.current()) else {
        return;
    };
    let name = app.item_name(&d.item.indicator);
    let max = if d.item.max > 0.0 {
        format!(" · {} {}", l.pick("满分", "max"), n(d.item.max))
    } else {
        String::new()
    };
    let title = format!(" {} · {}{max} ", app.account_shown(&d.item.account), name);
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
            &format!(
                " {}{}",
                super::text::label(l, "原因", "why"),
                why_text(&d.why, l)
            ),
            w,
        ),
        theme.dim(),
    ));
    frame.render_widget(Paragraph::new(lines), inner);
}

fn vote_line(v: &Vote, l: Lang) -> String {
    let value = match (v.points, v.veto) {
        (Some(p), _) => n(p),
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
