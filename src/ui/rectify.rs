//! The rectification screen: the round's findings (status, host unit, account, item, points
//! lost), overdue ones first and marked, filtered by status; below, the selected finding's rule,
//! evidence and latest record.

use ratatui::Frame;
use ratatui::layout::{Constraint, Direction, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Paragraph};

use super::text::{fit, fit_right, truncate};
use super::theme::Theme;
use crate::app::rectify::RectifyView;
use crate::app::{App, InputKind};
use crate::domain::rectify::Status;
use crate::i18n::Lang;
use crate::i18n::rectify_msg as m;
use crate::i18n::rectify_tui_msg as rt;
use crate::report::rectify::{StatusFilter, Tracked, status_label};

pub fn render(frame: &mut Frame, area: Rect, app: &App, theme: Theme) {
    let Some(v) = app.rectify.as_ref() else {
        return;
    };
    let rows = Layout::default()
        .direction(Direction::Vertical)
        .constraints([Constraint::Min(4), Constraint::Length(5)])
        .split(area);
    list(frame, rows[0], v, app.lang, theme);
    detail(frame, rows[1], v.current(), app.lang);
}

fn filter_words(f: Option<StatusFilter>, lang: Lang) -> &'static str {
    match f {
        None => lang.pick("全部", "all"),
        Some(StatusFilter::Unresolved) => lang.pick("未销号", "unresolved"),
        Some(StatusFilter::Overdue) => m::overdue(lang),
        Some(StatusFilter::Is(s)) => status_label(s, lang),
    }
}

fn status_cell(t: &Tracked, lang: Lang) -> String {
    let s = status_label(t.status, lang);
    if t.overdue {
        format!("{s}·{}", m::overdue(lang))
    } else {
        s.to_string()
    }
}

fn list(frame: &mut Frame, area: Rect, v: &RectifyView, lang: Lang, theme: Theme) {
    let due = v.deadline.map_or_else(
        || lang.pick("未设定", "not set").to_string(),
        |d| d.to_string(),
    );
    let title = format!(
        " {} {}/{}  {} {}  {}{}{}  {}{}{} ",
        lang.pick("问题", "Findings"),
        v.shown.len(),
        v.rows.len(),
        m::overdue(lang),
        v.overdue(),
        lang.pick("筛选", "filter"),
        lang.pick("：", ": "),
        filter_words(v.filter(), lang),
        lang.pick("期限", "deadline"),
        lang.pick("：", ": "),
        due
    );
    let block = Block::default().borders(Borders::ALL).title(title);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let w = usize::from(inner.width);
    // Status 14, unit 16, account 14, lost 8, the item takes the rest.
    let item_w = w.saturating_sub(14 + 16 + 14 + 8 + 4).max(6);
    let line = |status: &str, unit: &str, account: &str, item: &str, lost: &str| {
        format!(
            "{} {} {} {} {}",
            fit(status, 14),
            fit(unit, 16),
            fit(account, 14),
            fit(item, item_w),
            fit_right(lost, 8)
        )
    };
    let mut lines = vec![Line::styled(
        truncate(
            &line(
                m::list_header(lang)[7],
                m::list_header(lang)[0],
                m::list_header(lang)[1],
                m::list_header(lang)[3],
                m::list_header(lang)[5],
            ),
            w,
        ),
        theme.header(),
    )];
    let rows = usize::from(inner.height).saturating_sub(1);
    let start = v.selected.saturating_sub(rows.saturating_sub(1));
    for (k, &i) in v.shown.iter().enumerate().skip(start).take(rows) {
        let t = &v.rows[i];
        let lost = t.finding.lost.map_or_else(
            || m::kind(lang, t.finding.kind.code()).to_string(),
            |x| x.text(),
        );
        let text = line(
            &status_cell(t, lang),
            &t.account.unit,
            &t.account.name,
            &t.finding.name,
            &lost,
        );
        let style = if k == v.selected {
            theme.selected()
        } else if t.overdue {
            theme.error()
        } else {
            Style::default()
        };
        lines.push(Line::styled(truncate(&text, w), style));
    }
    if v.shown.is_empty() {
        lines.push(Line::styled(
            lang.pick(
                "没有符合筛选的问题（f 换筛选）",
                "No finding matches the filter (f: next filter)",
            ),
            theme.dim(),
        ));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

fn detail(frame: &mut Frame, area: Rect, t: Option<&Tracked>, lang: Lang) {
    let block = Block::default().borders(Borders::LEFT | Borders::RIGHT | Borders::BOTTOM);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let Some(t) = t else {
        return;
    };
    let w = usize::from(inner.width);
    let colon = lang.pick("：", ": ");
    let f = &t.finding;
    let evidence = if f.evidence.is_empty() {
        "—".to_string()
    } else {
        f.evidence.join(lang.pick("、", ", "))
    };
    let latest = t.latest().map_or_else(
        || lang.pick("尚无记录", "nothing recorded yet").to_string(),
        |r| {
            let note = if r.note.is_empty() {
                String::new()
            } else {
                format!(" {}", r.note)
            };
            let shown = if r.evidence.is_empty() {
                String::new()
            } else {
                format!(
                    "{}{}{}",
                    lang.pick("（佐证：", " (evidence: "),
                    r.evidence.join(lang.pick("、", ", ")),
                    lang.pick("）", ")")
                )
            };
            format!(
                "{}{note}{shown}",
                crate::report::rectify_doc::latest(r, lang)
            )
        },
    );
    let lines = [
        format!(
            "{}{colon}{}（{}）  {}",
            lang.pick("指标", "Item"),
            f.name,
            m::kind(lang, f.kind.code()),
            t.account.name
        ),
        format!(
            "{}{colon}{}",
            lang.pick("问题", "Rule"),
            if f.rule.is_empty() { "—" } else { &f.rule }
        ),
        format!("{}{colon}{evidence}", lang.pick("佐证", "Evidence")),
        format!("{}{colon}{latest}", lang.pick("最近记录", "Latest")),
    ];
    let lines: Vec<Line> = lines.iter().map(|l| Line::from(truncate(l, w))).collect();
    frame.render_widget(Paragraph::new(lines), inner);
}

/// The lines above a record's prompt: the finding it is about, the result chosen (a re-check)
/// and the 整改说明 typed (while its evidence is asked).
pub(super) fn record_context(app: &App, kind: InputKind) -> Option<Vec<String>> {
    use InputKind::*;
    if !matches!(
        kind,
        RectifyNote | RectifyEvidence | RecheckNote | RecheckEvidence
    ) {
        return None;
    }
    let v = app.rectify.as_ref()?;
    let (t, d) = (v.current()?, v.draft.as_ref()?);
    let mut what = app.finding_words(t.account.id, &t.finding.item);
    if let Some(r) = d.result {
        what = format!("{what} → {}", status_label(Status::Checked(r), app.lang));
    }
    let mut lines = vec![what];
    if kind == RectifyEvidence {
        lines.push(rt::note_shown(app.lang, &d.note));
    }
    Some(lines)
}
