//! The operations screen: the listed accounts (flagged ones by default) with their flags, and
//! for the selected account a chart of its weekly index against the group mean, its streak
//! below the mean and its flags; consolidation findings at the foot of the list.

use ratatui::Frame;
use ratatui::layout::{Constraint, Direction, Layout, Rect};
use ratatui::style::{Color, Style};
use ratatui::symbols::Marker;
use ratatui::text::Line;
use ratatui::widgets::{Axis, Block, Borders, Chart, Dataset, GraphType, Paragraph};

use super::text::{fit, num};
use super::theme::Theme;
use crate::app::App;
use crate::app::ops::{OpsView, flag_word};
use crate::domain::ops::report::OpsRow;
use crate::i18n::Lang;

pub fn render(frame: &mut Frame, area: Rect, app: &App, theme: Theme) {
    let Some(v) = app.ops.as_ref() else {
        if app.ops_job.loading.is_some() {
            let text = app.lang.pick(
                "运营监测计算中…（Esc 返回列表）",
                "Computing the operations report… (Esc back to the list)",
            );
            frame.render_widget(
                Paragraph::new(Line::styled(text, theme.dim()))
                    .block(Block::new().borders(Borders::ALL)),
                area,
            );
        }
        return;
    };
    let cols = Layout::default()
        .direction(Direction::Horizontal)
        .constraints([Constraint::Length(34), Constraint::Min(20)])
        .split(area);
    list(frame, cols[0], v, app.lang, theme);
    if let Some(r) = v.current() {
        detail(frame, cols[1], v, r, app.lang, app.color);
    }
}

/// The account's platform in the reader's language (微信, 视频号, 快手, …).
fn platform_name(r: &OpsRow, lang: Lang) -> &'static str {
    crate::domain::platform::Platform::parse(r.platform)
        .map_or(r.platform, |p| lang.pick(p.label_zh(), p.label_en()))
}

fn flags(r: &OpsRow, lang: Lang) -> String {
    if r.flags.is_empty() {
        return "—".into();
    }
    let words: Vec<&str> = r.flags.iter().map(|f| flag_word(f, lang)).collect();
    words.join(lang.pick("、", ", "))
}

fn list(frame: &mut Frame, area: Rect, v: &OpsView, lang: Lang, theme: Theme) {
    let title = if v.flagged_only {
        format!(
            "{} {}/{}",
            lang.pick("预警账号", "Flagged"),
            v.shown.len(),
            v.report.accounts.len()
        )
    } else {
        format!(
            "{} {}{}{} {}{}",
            lang.pick("全部账号", "All accounts"),
            v.shown.len(),
            lang.pick("（", " ("),
            lang.pick("预警", "flagged"),
            v.flagged(),
            lang.pick("）", ")")
        )
    };
    let block = Block::default().borders(Borders::ALL).title(title);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let w = usize::from(inner.width);
    let findings = v.report.findings.len();
    let rows = usize::from(inner.height).saturating_sub(usize::from(findings > 0));
    let start = v.selected.saturating_sub(rows.saturating_sub(1));
    let mut lines: Vec<Line> = v
        .shown
        .iter()
        .enumerate()
        .skip(start)
        .take(rows)
        .map(|(k, &i)| {
            let r = &v.report.accounts[i];
            let platform = fit(platform_name(r, lang), 6);
            let line = format!("{} {platform} {}", fit(&r.name, 12), flags(r, lang));
            let text = fit(&line, w);
            let style = if k == v.selected {
                theme.selected()
            } else {
                Style::default()
            };
            Line::styled(text, style)
        })
        .collect();
    if v.shown.is_empty() {
        lines.push(Line::from(
            lang.pick("没有预警账号（a 看全部）", "No flagged account (a: all)"),
        ));
    }
    if findings > 0 {
        let text = format!(
            "{} {findings}",
            lang.pick("整合提示", "Consolidation findings")
        );
        lines.resize(rows.max(lines.len()), Line::default());
        lines.push(Line::styled(fit(&text, w), theme.dim()));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

fn detail(frame: &mut Frame, area: Rect, v: &OpsView, r: &OpsRow, lang: Lang, color: bool) {
    let rows = Layout::default()
        .direction(Direction::Vertical)
        .constraints([Constraint::Length(5), Constraint::Min(4)])
        .split(area);
    let mean = r.series.last().map(|p| p[1]);
    let info = vec![
        Line::from(format!(
            "{}  {}  {}",
            r.name,
            platform_name(r, lang),
            r.region
        )),
        Line::from(format!(
            "{} {}  {} {}  {} {}",
            lang.pick("本周指数", "Index"),
            num(r.index),
            lang.pick("组均值", "group mean"),
            mean.map_or("—".into(), num),
            lang.pick("期内均值", "period mean"),
            num(r.mean_index)
        )),
        Line::from(format!(
            "{} {} {}  {} {}/{}  {} {}",
            lang.pick("低于均值连续", "Below the mean for"),
            r.streak.current,
            lang.pick("周", "weeks"),
            lang.pick("共", "in all"),
            r.weeks_below,
            v.report.weeks.len(),
            lang.pick("未更新天数", "days silent"),
            r.activity.silent_days
        )),
        Line::from(format!("{} {}", lang.pick("预警", "Flags"), flags(r, lang))),
    ];
    let block = Block::default().borders(Borders::TOP | Borders::LEFT | Borders::RIGHT);
    frame.render_widget(Paragraph::new(info).block(block), rows[0]);
    chart(frame, rows[1], v, r, lang, color);
}

fn chart(frame: &mut Frame, area: Rect, v: &OpsView, r: &OpsRow, lang: Lang, color: bool) {
    let idx: Vec<(f64, f64)> = r
        .series
        .iter()
        .enumerate()
        .map(|(i, p)| (i as f64, p[0]))
        .collect();
    let mean: Vec<(f64, f64)> = r
        .series
        .iter()
        .enumerate()
        .map(|(i, p)| (i as f64, p[1]))
        .collect();
    let top = r
        .series
        .iter()
        .flat_map(|p| [p[0], p[1]])
        .fold(0.0f64, f64::max)
        .max(1.0);
    let paint = |c: Color| {
        if color {
            Style::default().fg(c)
        } else {
            Style::default()
        }
    };
    let sets = vec![
        Dataset::default()
            .name(lang.pick("指数", "index"))
            .marker(Marker::Braille)
            .graph_type(GraphType::Line)
            .style(paint(Color::Cyan))
            .data(&idx),
        Dataset::default()
            .name(lang.pick("组均值", "group mean"))
            .marker(Marker::Dot)
            .graph_type(GraphType::Line)
            .style(paint(Color::Yellow))
            .data(&mean),
    ];
    let n = v.report.weeks.len();
    let first = v
        .report
        .weeks
        .first()
        .map(|d| d.format("%m-%d").to_string());
    let last = v.report.weeks.last().map(|d| d.format("%m-%d").to_string());
    let chart = Chart::new(sets)
        .block(
            Block::default()
                .borders(Borders::ALL)
                .title(lang.pick("每周指数与组均值", "Weekly index and group mean")),
        )
        .x_axis(
            Axis::default()
                .bounds([0.0, n.saturating_sub(1).max(1) as f64])
                .labels([first.unwrap_or_default(), last.unwrap_or_default()]),
        )
        .y_axis(
            Axis::default()
                .bounds([0.0, top])
                .labels(["0".to_string(), num(top)]),
        );
    frame.render_widget(chart, area);
}
