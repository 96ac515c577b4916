//! The scoring screen: account header with the live total, the rubric tree with points and
//! category subtotals, and the selected item's detail (guidance, levels, evidence, input).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use super::text::{fit, fit_right, label, num};
use super::theme::Theme;
use crate::app::layout::{self, ScoringAreas, TreeRow};
use crate::app::list::status_label;
use crate::app::{App, GateState, Scoring};
use crate::domain::engine::explain::{gate_rule, veto_policy};
use crate::domain::engine::{ItemState, Outcome};
use crate::domain::entry::Entry;
use crate::domain::rubric::{Indicator, ItemRef, Rubric};
use crate::i18n::Lang;

pub fn render(frame: &mut Frame, area: Rect, app: &App, theme: Theme) {
    let Some(s) = app.scoring.as_ref() else {
        return;
    };
    let areas = layout::scoring(area);
    header(frame, areas.head, app, s, theme);
    tree(frame, &areas, app, s, theme);
    detail(frame, areas.detail, app, s, theme);
}

fn header(frame: &mut Frame, area: Rect, app: &App, s: &Scoring, theme: Theme) {
    let l = app.lang;
    let a = &app.rows[s.row].account;
    let o = &s.outcome;
    let line1 = format!(
        "{} · {} · {} · {}",
        a.name,
        l.pick(a.platform.label_zh(), a.platform.label_en()),
        l.pick(a.level.label_zh(), a.level.label_en()),
        a.unit
    );
    let mut spans = total_spans(app, o, theme);
    spans.extend([
        Span::styled(status_label(o.status, l), theme.status(o.status)),
        Span::raw(format!(
            "  {} {}/{}",
            l.pick("已评", "done"),
            o.scored,
            o.applicable
        )),
    ]);
    if let Some(g) = &o.grade {
        spans.push(Span::raw(format!("  {g}")));
    }
    if s.submitted {
        spans.push(Span::styled(
            format!("  [{}]", l.pick("已提交", "submitted")),
            theme.key(),
        ));
    }
    let w = usize::from(area.width);
    let lines = vec![
        Line::styled(fit(&line1, w), theme.header()),
        Line::from(spans),
    ];
    frame.render_widget(Paragraph::new(lines), area);
}

/// The total as the header shows it: 「暂计」 until the sheet is complete, out of the rubric's
/// total with the bonus apart (「总分 88（85 / 100 +3 加分）」), — when a veto leaves no total.
fn total_spans(app: &App, o: &Outcome, theme: Theme) -> Vec<Span<'static>> {
    let (l, r) = (app.lang, &app.session.rubric);
    let label = match o.complete {
        true => l.pick("总分", "Total"),
        false => l.pick("暂计", "Provisional"),
    };
    let none = match o.vetoes.is_empty() {
        true => "—",
        false => crate::i18n::figure_msg::vetoed_no_score(l),
    };
    let total = o.total.map_or(none.to_owned(), |t| t.text());
    let parts = if o.total.is_none() && !o.vetoes.is_empty() {
        "  ".to_string()
    } else if r.bonus.is_empty() {
        format!(" / {}  ", num(r.total))
    } else {
        match l {
            Lang::Zh => format!("（{} / {} +{} 加分）  ", o.base, num(r.total), o.bonus),
            Lang::En => format!(" ({} / {} +{} bonus)  ", o.base, num(r.total), o.bonus),
        }
    };
    vec![
        Span::styled(format!("{label} {total}"), theme.header()),
        Span::raw(parts),
    ]
}

/// A group header's name and (subtotal, maximum), from the group's first item.
fn group_head(
    item: &ItemRef<'_>,
    rubric: &Rubric,
    o: &Outcome,
    lang: Lang,
) -> (String, Option<(String, f64)>) {
    match item {
        ItemRef::Indicator(c, _) => {
            let cr = o.categories.iter().find(|r| r.id == c.id);
            let sub = match cr.map(|r| r.subtotal) {
                Some(Some(s)) => s.text(),
                Some(None) => lang.pick("不适用", "n/a").to_owned(),
                None => "0".to_owned(),
            };
            (c.name.clone(), Some((sub, c.weight)))
        }
        ItemRef::Bonus(_) => (
            lang.pick("加分项", "Bonus").into(),
            Some((o.bonus.text(), rubric.max_bonus())),
        ),
        ItemRef::Veto(_) => (lang.pick("单项否决", "Single veto").into(), None),
    }
}

fn tree(frame: &mut Frame, areas: &ScoringAreas, app: &App, s: &Scoring, theme: Theme) {
    let rubric = &app.session.rubric;
    let items = rubric.items();
    let all = layout::tree_rows(rubric);
    frame.render_widget(Block::new().borders(Borders::RIGHT), areas.tree);
    let inner = areas.tree_inner;
    let w = usize::from(inner.width);
    let h = usize::from(inner.height).max(1);
    let offset = layout::tree_offset(&all, s.cursor, h);
    let lines: Vec<Line> = all
        .iter()
        .skip(offset)
        .take(h)
        .map(|t| match *t {
            TreeRow::Group(i) => {
                let (name, sub) = group_head(&items[i], rubric, &s.outcome, app.lang);
                let pts = sub.map_or(String::new(), |(v, m)| format!("{v}/{}", num(m)));
                let text = format!(
                    "{}{}",
                    fit(&name, w.saturating_sub(12)),
                    fit_right(&pts, 12)
                );
                Line::styled(text, theme.header())
            }
            TreeRow::Item(i) => item_line(&items[i], s, app.lang, w, i == s.cursor, theme),
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}

fn item_line(
    item: &ItemRef<'_>,
    s: &Scoring,
    lang: Lang,
    w: usize,
    sel: bool,
    theme: Theme,
) -> Line<'static> {
    let id = &item.common().id;
    let r = s.outcome.items.iter().find(|r| &r.id == id);
    let entry = s.entries.get(id);
    let (mark, pts) = match (r.map(|r| r.state), item) {
        (Some(ItemState::NotApplicable(_)), _) => ("–", lang.pick("不适用", "N/A").to_string()),
        (Some(ItemState::Missing), _) if s.outcome.left_by_veto() => {
            ("·", lang.pick("因单项否决未评", "left: vetoed").to_string())
        }
        (_, ItemRef::Veto(_)) => match entry {
            Some(Entry { veto: Some(_), .. }) => ("✗", lang.pick("否决", "VETO").into()),
            Some(e) if e.is_scored() => ("●", lang.pick("无问题", "clear").into()),
            _ => ("○", String::new()),
        },
        (Some(ItemState::Scored), _) => (
            "●",
            r.map_or(String::new(), |r| format!("{}/{}", r.points, num(r.max))),
        ),
        _ => (
            "○",
            r.map_or(String::new(), |r| format!("-/{}", num(r.max))),
        ),
    };
    let note = if s.is_auto(id) {
        "A"
    } else if entry.is_some_and(|e| !e.note.is_empty() || !e.evidence.is_empty()) {
        "✎"
    } else {
        " "
    };
    let pts_w = super::text::width(&pts).max(10);
    let name_w = w.saturating_sub(4 + pts_w);
    let text = format!(
        " {mark}{note}{}{}",
        fit(&item.common().name, name_w),
        fit_right(&pts, pts_w)
    );
    let style = if sel { theme.selected() } else { Style::new() };
    Line::styled(fit(&text, w), style)
}

/// What the item takes, with the rubric's rules in words where they bear on it (the bonus gate,
/// the veto's effect on the total).
fn kind_text(item: &ItemRef<'_>, rubric: &Rubric, lang: Lang) -> String {
    match item {
        ItemRef::Indicator(_, Indicator::Range(r)) => {
            let step = r.step.map_or(String::new(), |s| {
                format!("{}{}", lang.pick("，步长 ", ", step "), num(s))
            });
            format!(
                "{} {}–{}{step}",
                lang.pick("分值", "Value"),
                num(r.min),
                num(r.max)
            )
        }
        ItemRef::Indicator(_, Indicator::Deduct(d)) => format!(
            "{} {}{}{} {}",
            lang.pick("每次扣", "Deduct per instance"),
            num(d.per),
            lang.pick("，", ", "),
            lang.pick("最多扣", "at most"),
            num(d.cap)
        ),
        ItemRef::Indicator(_, Indicator::Check(c)) => {
            format!(
                "{} {}",
                lang.pick("是/否，满分", "Yes/no, worth"),
                num(c.points)
            )
        }
        ItemRef::Bonus(b) => {
            let gate = b.gate.map_or(String::new(), |g| {
                format!(
                    "{}{}",
                    lang.pick("；", "; "),
                    gate_rule(rubric.gate_side, g, lang)
                )
            });
            format!(
                "{} {}{}{} {}{gate}",
                lang.pick("每次加", "Bonus per instance"),
                num(b.per),
                lang.pick("，", ", "),
                lang.pick("上限", "cap"),
                num(b.cap)
            )
        }
        ItemRef::Veto(_) => format!(
            "{}{}{}",
            lang.pick("单项否决：", "Single veto: "),
            veto_policy(rubric.on_veto, lang),
            lang.pick(
                "；否决成立即可提交，其余项可不评",
                "; a veto settles the sheet, the other items may stay unscored"
            )
        ),
    }
}

fn entry_text(e: Option<&Entry>, lang: Lang) -> String {
    let Some(e) = e else {
        return lang.pick("未评", "not scored").into();
    };
    let mut parts = Vec::new();
    if e.na {
        parts.push(lang.pick("不适用", "N/A").to_string());
    }
    if let Some(v) = e.value {
        parts.push(format!("{} {}", lang.pick("值", "value"), num(v)));
    }
    if let Some(c) = e.count {
        parts.push(format!("{} {c}", lang.pick("次数", "count")));
    }
    if let Some(r) = &e.veto {
        parts.push(format!("{}{r}", label(lang, "否决", "veto")));
    }
    if parts.is_empty() {
        lang.pick("未评", "not scored").into()
    } else {
        parts.join(lang.pick("，", ", "))
    }
}

/// Why a gated bonus counts or not, in words: 「基础分 78.5 未高于 80，暂不计」.
pub fn gate_words(g: GateState, l: Lang) -> String {
    use crate::domain::rubric::Side;
    let (base, gate) = (g.base.text(), num(g.gate));
    let (zh, en) = match g.side {
        Side::Above => ("高于", "above"),
        Side::AtLeast => ("达到", "at least"),
    };
    match (l, g.open) {
        (Lang::Zh, false) => format!("基础分 {base} 未{zh} {gate}，暂不计"),
        (Lang::Zh, true) => format!("基础分 {base} {zh} {gate}，计入加分"),
        (Lang::En, false) => format!("Base {base} is not {en} {gate}: not counted yet"),
        (Lang::En, true) => format!("Base {base} is {en} {gate}: the bonus counts"),
    }
}

/// One labelled line of the detail pane: "指引：…" / "Guide: …".
fn field(l: Lang, zh: &str, en: &str, text: impl std::fmt::Display) -> Line<'static> {
    Line::from(format!("{}{text}", label(l, zh, en)))
}

fn detail(frame: &mut Frame, area: Rect, app: &App, s: &Scoring, theme: Theme) {
    let l = app.lang;
    let items = app.session.rubric.items();
    let Some(item) = items.get(s.cursor) else {
        return;
    };
    let c = item.common();
    let entry = s.entries.get(&c.id);
    let mut lines = vec![
        Line::styled(c.name.clone(), theme.header()),
        Line::styled(kind_text(item, &app.session.rubric, l), theme.dim()),
        match s.outcome.item_left_by_veto(&c.id) {
            true => field(
                l,
                "当前",
                "Now",
                l.pick("因单项否决未评", "left unscored: vetoed"),
            ),
            false => field(l, "当前", "Now", entry_text(entry, l)),
        },
    ];
    if s.is_auto(&c.id) {
        lines.push(Line::styled(
            l.pick(
                "A 自动值（由运营数据得出，assay ops auto）· O 覆盖并写理由",
                "A automatic value (from the metrics, assay ops auto) · O overrides it with a reason",
            ),
            theme.key(),
        ));
    }
    if let Some(buf) = &s.input {
        let (before, after) = buf.split();
        lines.push(Line::styled(
            format!("{}{before}▏{after}", label(l, "输入", "Input")),
            theme.key(),
        ));
    }
    // Labelled fields, each shown only when it has something to say.
    let mut fields: Vec<(&str, &str, String)> = Vec::new();
    if let ItemRef::Indicator(_, Indicator::Range(r)) = item {
        let lv: Vec<String> = r
            .levels
            .iter()
            .map(|(n, v)| format!("{n} {}", num(*v)))
            .collect();
        fields.push(("档次", "Levels", lv.join(" · ")));
    }
    if let ItemRef::Veto(v) = item {
        fields.push(("原因", "Reasons", v.reasons.join("；")));
    }
    if let Some(g) = app.bonus_gate(item) {
        lines.push(Line::styled(
            gate_words(g, l),
            if g.open { theme.dim() } else { theme.error() },
        ));
    }
    fields.push(("指引", "Guide", c.guide.clone()));
    fields.push(("取证", "Evidence", c.evidence.join("；")));
    if let Some(e) = entry {
        fields.push(("备注", "Note", e.note.clone()));
        fields.push(("链接", "Links", crate::domain::evidence::join(&e.evidence)));
    }
    lines.extend(
        fields
            .into_iter()
            .filter(|(_, _, text)| !text.is_empty())
            .map(|(zh, en, text)| field(l, zh, en, text)),
    );
    let p = Paragraph::new(lines).wrap(Wrap { trim: false });
    frame.render_widget(p, area.inner(ratatui::layout::Margin::new(1, 0)));
}
