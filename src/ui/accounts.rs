//! The account list: a search/filter line, a header, and only the visible rows.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::text::{fit, fit_right, num};
use super::theme::Theme;
use crate::app::list::{SheetState, status_label};
use crate::app::{App, Column, Row, layout};
use crate::domain::engine::Status;
use crate::i18n::Lang;

/// Column widths for a given total width: fixed columns, then the name as wide as the longest
/// visible name (up to 55% of the rest), then host unit and region share what is left. Below
/// [`FULL_WIDTH`] columns only platform, name, total and status are kept (a zero width hides a
/// column), dropping platform and total too as the terminal narrows.
fn widths(total: usize, longest_name: usize, lang: Lang) -> [usize; 9] {
    if total < FULL_WIDTH {
        return narrow_widths(total);
    }
    // 已提交 is six columns wide, "submitted" nine.
    let sheet = lang.pick("......", ".........").len();
    let fixed = 8 + 6 + 7 + 7 + 7 + 7 + sheet + 1;
    let flex = total.saturating_sub(fixed).max(12);
    let name = longest_name.clamp(8, (flex * 55 / 100).max(8));
    let unit = (flex - name) * 60 / 100;
    let region = flex - name - unit;
    [8, name, unit, 6, region, 7, 7, 7, sheet]
}

/// The narrowest terminal that shows every column (fixed columns, the sheet state in either
/// language, a minimal flexible part and the separators).
const FULL_WIDTH: usize = 74;

fn narrow_widths(total: usize) -> [usize; 9] {
    let status = 7.min(total.saturating_sub(1) / 2);
    let platform = if total >= 44 { 8 } else { 0 };
    let score = if total >= 32 { 7 } else { 0 };
    // Each shown column is followed by one space.
    let used = status
        + 1
        + [platform, score]
            .iter()
            .map(|w| if *w > 0 { w + 1 } else { 0 })
            .sum::<usize>();
    let name = total.saturating_sub(used + 1).max(1);
    [platform, name, 0, 0, 0, 0, score, status, 0]
}

/// Joins the cells of the shown columns (width > 0), one space between.
fn join_shown(cells: &[String], cols: &[usize]) -> String {
    cells
        .iter()
        .zip(cols)
        .filter(|(_, w)| **w > 0)
        .map(|(c, _)| c.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

pub fn render(frame: &mut Frame, area: Rect, app: &App, theme: Theme) {
    let w = usize::from(area.width);
    let areas = layout::accounts(area);
    let page = usize::from(areas.rows.height);
    let list = &app.list;
    let offset = layout::list_offset(list.offset, list.selected, page);
    let longest = list
        .view
        .iter()
        .skip(offset)
        .take(page)
        .map(|&i| super::text::width(&app.rows[i as usize].account.name))
        .max()
        .unwrap_or(0);
    let cols = widths(w, longest, app.lang);
    frame.render_widget(filter_line(app, theme, w), areas.filter);
    frame.render_widget(header(app, theme, &cols), areas.header);
    let mut lines = Vec::with_capacity(page);
    for (i, &ri) in list.view.iter().enumerate().skip(offset).take(page) {
        let row = &app.rows[ri as usize];
        let sel = i == list.selected;
        lines.push(row_line(row, app.lang, theme, &cols, sel));
    }
    if list.view.is_empty() {
        let msg = app.t(
            "没有符合条件的账号（F 清除筛选）",
            "No matching accounts (F clears filters)",
        );
        lines.push(Line::styled(msg, theme.dim()));
    }
    frame.render_widget(Paragraph::new(lines), areas.rows);
}

fn filter_line(app: &App, theme: Theme, w: usize) -> Line<'static> {
    let l = app.lang;
    let list = &app.list;
    let mut spans = vec![];
    let cursor = if list.searching { "▏" } else { "" };
    if list.searching || !list.query.is_empty() {
        let (before, after) = list.query.split();
        spans.push(Span::styled(
            format!("/{before}{cursor}{after}  "),
            theme.key(),
        ));
    }
    let f = &list.filters;
    let mut parts: Vec<String> = Vec::new();
    if let Some(v) = f.level {
        parts.push(l.pick(v.label_zh(), v.label_en()).into());
    }
    if let Some(v) = f.platform {
        parts.push(l.pick(v.label_zh(), v.label_en()).into());
    }
    parts.extend(f.domain.clone());
    parts.extend(f.region.clone());
    if let Some(v) = f.status {
        parts.push(status_label(v, l).into());
    }
    if !parts.is_empty() {
        spans.push(Span::raw(format!(
            "{}: {}  ",
            l.pick("筛选", "filter"),
            parts.join(" ")
        )));
    }
    if let Some(c) = list.sort {
        let arrow = if list.desc { "↓" } else { "↑" };
        spans.push(Span::raw(format!(
            "{}: {}{arrow}  ",
            l.pick("排序", "sort"),
            c.title(l)
        )));
    }
    let count = format!(
        "{}/{} {}",
        list.view.len(),
        app.rows.len(),
        l.pick("个账号", "accounts")
    );
    let used: usize = spans.iter().map(|s| s.width()).sum();
    let rest = w.saturating_sub(used);
    spans.push(Span::styled(fit_right(&count, rest), theme.dim()));
    Line::from(spans)
}

fn header(app: &App, theme: Theme, cols: &[usize; 9]) -> Line<'static> {
    let mut text = String::new();
    for (c, w) in Column::ALL.iter().zip(cols).filter(|(_, w)| **w > 0) {
        let mut t = c.title(app.lang).to_string();
        if app.list.sort == Some(*c) {
            t.push(if app.list.desc { '↓' } else { '↑' });
        }
        text.push_str(&fit(&t, *w));
        text.push(' ');
    }
    Line::styled(text, theme.header())
}

/// The most specific part of a region path that fits `w` columns: the last two segments
/// (丽水市/云和县), else the last one (云和县).
fn region_tail(region: &str, w: usize) -> String {
    let parts: Vec<&str> = region.split('/').filter(|s| !s.is_empty()).collect();
    let two = parts[parts.len().saturating_sub(2)..].join("/");
    if unicode_width::UnicodeWidthStr::width(two.as_str()) <= w || parts.len() < 2 {
        two
    } else {
        parts[parts.len() - 1].to_string()
    }
}

/// The identifying cells, shared by known and pending rows.
fn identity(a: &crate::domain::account::Account, lang: Lang, cols: &[usize; 9]) -> [String; 5] {
    [
        fit(
            lang.pick(a.platform.label_zh(), a.platform.label_en()),
            cols[0],
        ),
        fit(&a.name, cols[1]),
        fit(&a.unit, cols[2]),
        fit(lang.pick(a.level.label_zh(), a.level.label_en()), cols[3]),
        fit(&region_tail(&a.region, cols[4]), cols[4]),
    ]
}

/// A row whose result is still being computed: placeholders in the score columns.
fn pending_line(
    row: &Row,
    lang: Lang,
    theme: Theme,
    cols: &[usize; 9],
    sel: bool,
) -> Line<'static> {
    let mut cells = identity(&row.account, lang, cols).to_vec();
    cells.push(fit_right("…", cols[5]));
    cells.push(fit_right("…", cols[6]));
    let mut text = join_shown(&cells[..5], &cols[..5]);
    if !text.is_empty() {
        text.push(' ');
    }
    let mut rest = join_shown(&cells[5..], &cols[5..7]);
    if !rest.is_empty() {
        rest.push(' ');
    }
    rest.push_str(&fit("…", cols[7]));
    if cols[8] > 0 {
        rest.push(' ');
        rest.push_str(&fit(row.sheet().map_or("…", |s| s.label(lang)), cols[8]));
    }
    if sel {
        text.push_str(&rest);
        return Line::styled(text, theme.selected());
    }
    Line::from(vec![
        Span::styled(text, Style::new()),
        Span::styled(rest, theme.dim()),
    ])
}

/// The total column: — when nothing is entered (a total would only show the rubric's starting
/// points) or a veto leaves no total; marked provisional (暂 / ~) until the sheet is complete.
fn total_cell(row: &Row, lang: Lang) -> String {
    match (row.status, row.total) {
        (Status::NotStarted, _) | (_, None) => "—".to_string(),
        (_, Some(t)) if row.complete => num(t),
        (_, Some(t)) => format!("{}{}", lang.pick("暂", "~"), num(t)),
    }
}

fn row_line(row: &Row, lang: Lang, theme: Theme, cols: &[usize; 9], sel: bool) -> Line<'static> {
    let a = &row.account;
    if row.pending {
        return pending_line(row, lang, theme, cols, sel);
    }
    let [platform, name, unit, level, region] = identity(a, lang, cols);
    let cells = [
        platform,
        name,
        unit,
        level,
        region,
        fit_right(&format!("{}/{}", row.scored, row.applicable), cols[5]),
        fit_right(&total_cell(row, lang), cols[6]),
    ];
    let mut text = join_shown(&cells, &cols[..7]);
    text.push(' ');
    // The verdict column says only verdicts; how far the sheet is shows in the sheet column.
    let verdict = match row.status {
        Status::NotStarted | Status::InProgress => "—",
        s => status_label(s, lang),
    };
    let status = fit(verdict, cols[7]);
    let sheet = if cols[8] > 0 {
        format!(
            " {}",
            fit(row.sheet().map_or("…", |s| s.label(lang)), cols[8])
        )
    } else {
        String::new()
    };
    if sel {
        text.push_str(&status);
        text.push_str(&sheet);
        return Line::styled(text, theme.selected());
    }
    let sheet_style = match row.sheet() {
        Some(SheetState::Submitted) => theme.key(),
        Some(SheetState::Complete) => Style::new(),
        _ => theme.dim(),
    };
    Line::from(vec![
        Span::styled(text, Style::new()),
        Span::styled(status, theme.status(row.status)),
        Span::styled(sheet, sheet_style),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_fit_every_terminal_width() {
        for total in 1..=200 {
            for longest in [0, 4, 30, 200] {
                let cols = widths(total, longest, Lang::Zh);
                let shown = cols.iter().filter(|w| **w > 0).count();
                let used: usize = cols.iter().sum::<usize>() + shown;
                assert!(
                    cols[1] > 0 && (total < 3 || cols[7] > 0),
                    "{total}: {cols:?}"
                );
                if total >= 20 {
                    assert!(
                        used <= total + 1,
                        "{total} cols, longest {longest}: {cols:?}"
                    );
                }
            }
        }
    }
}
