//! Popups drawn over the screen: help, messages, confirmations, text inputs, pickers, filters.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use super::help;
use super::text::fit;
use super::theme::Theme;
use crate::app::list::status_label;
use crate::app::{App, InputKind, PickKind, Popup, layout};
use crate::i18n::rectify_tui_msg as rt;

pub fn render(frame: &mut Frame, app: &App, theme: Theme) {
    let Some(p) = &app.popup else {
        return;
    };
    let l = app.lang;
    let full = frame.area();
    match p {
        Popup::Help { scroll } => {
            let area = layout::help(full);
            help::render(frame, area, *scroll, l, theme);
        }
        Popup::Message { text, error } => {
            let title = if *error {
                l.pick(" 出错了 ", " Error ")
            } else {
                l.pick(" 提示 ", " Note ")
            };
            let hint = l.pick("Enter/Esc 关闭", "Enter/Esc closes");
            let style = if *error {
                theme.error()
            } else {
                theme.header()
            };
            let mut lines = para(text, full);
            lines.push(Line::styled(hint, theme.dim()));
            boxed(frame, full, title, lines, style);
        }
        Popup::Confirm { text, .. } => {
            let hint = l.pick("y/Enter 确定 · n/Esc 取消", "y/Enter yes · n/Esc no");
            let mut lines = para(text, full);
            lines.push(Line::styled(hint, theme.dim()));
            boxed(
                frame,
                full,
                l.pick(" 确认 ", " Confirm "),
                lines,
                theme.header(),
            );
        }
        Popup::Input { kind, buf } => {
            let title = match kind {
                InputKind::Note => l.pick(" 备注 ", " Note "),
                InputKind::Evidence => l.pick(
                    " 证据链接（用 | 分隔多个；空格属于名称） ",
                    " Evidence links (separate them with |; spaces belong to a name) ",
                ),
                InputKind::Evaluator => l.pick(" 请输入评估人姓名 ", " Your name as evaluator "),
                InputKind::ConsensusValue => l.pick(
                    " 协调后的分值（否决项：0 不否决，或否决原因序号） ",
                    " Agreed value (veto: 0 clean, or the reason number) ",
                ),
                InputKind::Rationale => l.pick(" 协调理由 ", " Rationale "),
                InputKind::RectifyNote => rt::note_title(l),
                InputKind::RectifyEvidence => rt::evidence_title(l),
                InputKind::RecheckNote => rt::recheck_note_title(l),
                InputKind::RecheckEvidence => rt::recheck_evidence_title(l),
            };
            let hint = match kind {
                InputKind::Evaluator => {
                    l.pick("Enter 确定 · Esc 退出", "Enter accepts · Esc quits")
                }
                InputKind::RectifyNote | InputKind::RecheckNote => rt::next_hint(l),
                _ => rt::save_hint(l),
            };
            let context = (consensus_context(app, *kind))
                .map(|t| vec![t])
                .or_else(|| super::rectify::record_context(app, *kind));
            let mut lines: Vec<Line> = (context.unwrap_or_default().into_iter())
                .flat_map(|t| para(&t, full))
                .collect();
            let (before, after) = buf.split();
            lines.push(Line::styled(format!("{before}▏{after}"), theme.key()));
            lines.push(Line::styled(hint, theme.dim()));
            boxed(frame, full, title, lines, theme.header());
        }
        Popup::Pick {
            kind,
            options,
            selected,
        } => {
            let title = match kind {
                PickKind::VetoReason => l.pick(" 选择否决原因 ", " Pick the veto reason "),
                PickKind::Round(_) => l.pick(" 选择轮次 ", " Pick a round "),
                PickKind::Level(_) => l.pick(" 选择档次 ", " Pick a level "),
                PickKind::RecheckResult(_) => rt::result_title(l),
                PickKind::Evaluator => l.pick(
                    " 本数据库的评估人：你是哪一位？ ",
                    " Evaluators of this database: which one are you? ",
                ),
            };
            let lines = options
                .iter()
                .enumerate()
                .map(|(i, o)| {
                    let style = if i == *selected {
                        theme.selected()
                    } else {
                        Style::new()
                    };
                    Line::styled(fit(o, 56), style)
                })
                .collect();
            boxed(frame, full, title, lines, theme.header());
        }
        Popup::Filter { field } => filter(frame, full, app, *field, theme),
    }
}

fn filter(frame: &mut Frame, full: Rect, app: &App, field: usize, theme: Theme) {
    let l = app.lang;
    let f = &app.list.filters;
    let any = l.pick("全部", "any");
    let vals = [
        (
            l.pick("层级", "Level"),
            f.level.map_or(any.into(), |v| {
                l.pick(v.label_zh(), v.label_en()).to_string()
            }),
        ),
        (
            l.pick("平台", "Platform"),
            f.platform.map_or(any.into(), |v| {
                l.pick(v.label_zh(), v.label_en()).to_string()
            }),
        ),
        (
            l.pick("领域", "Domain"),
            f.domain.clone().unwrap_or(any.into()),
        ),
        (
            l.pick("地区", "Region"),
            f.region.clone().unwrap_or(any.into()),
        ),
        (
            l.pick("结论", "Verdict"),
            f.status
                .map_or(any.into(), |v| status_label(v, l).to_string()),
        ),
        (
            l.pick("表单", "Sheet"),
            f.sheet.map_or(any.into(), |v| v.label(l).to_string()),
        ),
    ];
    let mut lines: Vec<Line> = vals
        .iter()
        .enumerate()
        .map(|(i, (k, v))| {
            let style = if i == field {
                theme.selected()
            } else {
                Style::new()
            };
            Line::styled(format!("{} ◀ {} ▶", fit(k, 8), fit(v, 40)), style)
        })
        .collect();
    lines.push(Line::styled(
        l.pick(
            "↑↓ 选择 · ←→ 切换 · F 清除 · Enter 完成",
            "↑↓ line · ←→ value · F clear · Enter done",
        ),
        theme.dim(),
    ));
    boxed(
        frame,
        full,
        l.pick(" 筛选 ", " Filter "),
        lines,
        theme.header(),
    );
}

/// A message broken into the popup's lines (Chinese may break anywhere; ratatui's own wrapping
/// breaks at spaces only, which leaves a Chinese sentence ragged).
pub(super) fn para(text: &str, full: Rect) -> Vec<Line<'static>> {
    let inner = usize::from(layout::POPUP_WIDTH.min(full.width).saturating_sub(2));
    (text.lines())
        .flat_map(|l| super::text::wrap(l, inner))
        .map(Line::from)
        .collect()
}

fn boxed(frame: &mut Frame, full: Rect, title: &str, lines: Vec<Line<'_>>, style: Style) {
    let area = layout::popup_box(full, lines.len());
    let block = Block::new()
        .borders(Borders::ALL)
        .title(Line::styled(title.to_string(), style));
    super::clear_popup(frame, area);
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .wrap(Wrap { trim: false }),
        area,
    );
}

/// The queue item a consensus prompt is for, and the value already typed (rationale prompt).
fn consensus_context(app: &App, kind: InputKind) -> Option<String> {
    if !matches!(kind, InputKind::ConsensusValue | InputKind::Rationale) {
        return None;
    }
    let r = app.reconcile.as_ref()?;
    let d = r.current()?;
    let mut t = format!(
        "{} · {}",
        app.account_shown(&d.item.account),
        app.item_name(&d.item.indicator)
    );
    if let (InputKind::Rationale, Some(e)) = (kind, &r.pending) {
        let v = match (&e.veto, e.value) {
            (Some(reason), _) => format!("{} {reason}", app.t("否决", "veto")),
            (None, Some(0.0)) if d.item.max == 0.0 => app.t("不否决", "clean").to_string(),
            (None, Some(v)) => crate::app::reconcile::n(v),
            _ => String::new(),
        };
        t.push_str(&format!(" → {v}"));
    }
    Some(t)
}
