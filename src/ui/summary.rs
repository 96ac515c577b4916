//! The round summary: the one aggregation's headline (whose sheets it counts, pass rate with both
//! counts, in progress apart), the drill-down list (level → region → unit → account) and bar
//! charts of the selected line's category shares, with each account's difference from its group.

use ratatui::Frame;
use ratatui::layout::{Constraint, Direction, Layout, Rect};
use ratatui::text::Line as TextLine;
use ratatui::widgets::{Bar, BarChart, BarGroup, Block, Borders, Paragraph};

use super::text::{fit, fit_right};
use super::theme::Theme;
use crate::app::App;
use crate::app::summary::{Line, Summary};
use crate::domain::figure::{Figure, text_or_dash};
use crate::i18n::Lang;
use crate::report::group::GroupStats;

fn opt(x: Option<Figure>) -> String {
    text_or_dash(x)
}

fn rate(g: &GroupStats) -> String {
    g.pass_rate
        .map_or("—".into(), |r| format!("{}%", r.percent()))
}

fn headline(sm: &Summary, l: Lang, w: usize) -> Vec<String> {
    let o = &sm.overall;
    let mark = if sm.calibration {
        l.pick(
            "〔校准轮次，不计入正式结果〕",
            "[calibration round, not a live result] ",
        )
    } else {
        ""
    };
    let counts = format!(
        "{mark}{} {}  {} {}  {} {}  {} {}  {} {}  {} {}  {} {}",
        l.pick("账号", "Accounts"),
        o.accounts,
        l.pick("有结果", "results"),
        o.with_result,
        l.pick("合格", "passed"),
        o.passed,
        l.pick("不合格", "failed"),
        o.failed,
        l.pick("未评分", "unscored"),
        o.unscored,
        l.pick("评分不足", "below quorum"),
        o.below_quorum,
        l.pick("待复核", "review"),
        o.pending_review
    );
    let rates = format!(
        "{} {} ({}/{})  {} {}  {} {}",
        l.pick("合格率", "Pass rate"),
        rate(o),
        o.passed,
        o.with_result,
        l.pick("平均分", "mean"),
        opt(o.spread.mean),
        l.pick("否决", "vetoed"),
        o.vetoed
    );
    let who = if sm.evaluators.is_empty() {
        "—".to_string()
    } else {
        sm.evaluators.join("、")
    };
    let mut whose = format!(
        "{}{who}",
        l.pick(
            "计入（全部评估人已完成或已提交的评分表）：",
            "Counts every evaluator's complete or submitted sheets: "
        )
    );
    if !sm.evaluators_in_progress.is_empty() {
        whose.push_str(&format!(
            "  {}{}",
            l.pick("进行中不计：", "in progress, not counted: "),
            sm.evaluators_in_progress.join("、")
        ));
    }
    let mut crumb = vec![l.pick("全部", "All").to_string()];
    crumb.extend(sm.path.iter().cloned());
    let mut crumb = format!(
        "{}  ({} {}, {} {})",
        crumb.join(" › "),
        l.pick("本层", "here"),
        rate(&sm.here),
        l.pick("均分", "mean"),
        opt(sm.here.spread.mean)
    );
    if sm.partial {
        crumb.push_str(l.pick(
            "  〔明细计算中，稍候可下钻〕",
            "  [details computing; drill down in a moment]",
        ));
    }
    [counts, rates, whose, crumb]
        .into_iter()
        .map(|s| fit(&s, w))
        .collect()
}

pub fn render(frame: &mut Frame, area: Rect, app: &App, theme: Theme) {
    let Some(sm) = app.summary.as_ref() else {
        if app.summary_job.loading {
            let text = app.lang.pick(
                "汇总计算中…（Esc 返回列表）",
                "Computing the summary… (Esc back to the list)",
            );
            frame.render_widget(
                Paragraph::new(TextLine::styled(text, theme.dim()))
                    .block(Block::new().borders(Borders::ALL)),
                area,
            );
        }
        return;
    };
    let l = app.lang;
    let [top, body] = Layout::vertical([Constraint::Length(4), Constraint::Min(3)]).areas(area);
    let head = headline(sm, l, usize::from(top.width));
    let lines: Vec<TextLine> = head
        .into_iter()
        .enumerate()
        .map(|(i, s)| {
            if i == 0 {
                TextLine::styled(s, theme.header())
            } else {
                TextLine::from(s)
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), top);
    let [left, right] =
        Layout::horizontal([Constraint::Percentage(55), Constraint::Percentage(45)]).areas(body);
    list(frame, left, sm, l, theme);
    bars(frame, right, sm, l, theme);
}

fn list(frame: &mut Frame, area: Rect, sm: &Summary, l: Lang, theme: Theme) {
    // One column left free before the chart.
    let w = usize::from(area.width).saturating_sub(1);
    let name_w = w.saturating_sub(24).max(6);
    let at_accounts = matches!(sm.lines.first(), Some(Line::Account(..)));
    let header = if at_accounts {
        format!(
            "{}{}{}{}",
            fit(l.pick("账号", "Account"), name_w),
            fit_right(l.pick("总分", "total"), 8),
            fit_right(l.pick("比组均", "vs mean"), 9),
            fit_right(l.pick("名次", "rank"), 6),
        )
    } else {
        format!(
            "{}{}{}{}",
            fit(l.pick("分组", "Group"), name_w),
            fit_right(l.pick("账号", "accts"), 6),
            fit_right(l.pick("合格率", "pass"), 9),
            fit_right(l.pick("均分", "mean"), 9),
        )
    };
    let rows = usize::from(area.height).saturating_sub(1).max(1);
    let start = sm.selected.saturating_sub(rows - 1);
    let mut out = vec![TextLine::styled(fit(&header, w), theme.header())];
    for (i, line) in sm.lines.iter().enumerate().skip(start).take(rows) {
        let text = match line {
            Line::Group(g) => format!(
                "{}{}{}{}",
                fit(&g.key.join(" "), name_w),
                fit_right(&g.accounts.to_string(), 6),
                fit_right(&rate(g), 9),
                fit_right(&opt(g.spread.mean), 9),
            ),
            Line::Account(k, st) => {
                let r = &sm.results[*k];
                let diff = st.vs_mean.map_or("—".into(), Figure::signed);
                format!(
                    "{}{}{}{}",
                    fit(&r.account.name, name_w),
                    fit_right(&opt(r.total), 8),
                    fit_right(&diff, 9),
                    fit_right(&st.group_rank.map_or("—".into(), |x| x.to_string()), 6),
                )
            }
        };
        let style = if i == sm.selected {
            theme.selected()
        } else {
            Default::default()
        };
        out.push(TextLine::styled(fit(&text, w), style));
    }
    frame.render_widget(Paragraph::new(out), area);
}

fn bars(frame: &mut Frame, area: Rect, sm: &Summary, l: Lang, theme: Theme) {
    let title = match sm.lines.get(sm.selected) {
        Some(Line::Account(k, st)) => format!(
            "{} · z {} · {}",
            sm.results[*k].account.name,
            st.z.map_or("—".into(), Figure::signed),
            l.pick("类别得分率%", "category share %")
        ),
        Some(Line::Group(g)) => format!(
            "{} · {}",
            g.key.join(" "),
            l.pick("类别得分率%", "category share %")
        ),
        None => l.pick("类别得分率%", "category share %").to_string(),
    };
    let block = Block::new().borders(Borders::TOP).title(TextLine::styled(
        fit(&title, usize::from(area.width)),
        theme.header(),
    ));
    let data = sm.selected_shares();
    if data.iter().all(|(_, v)| v.is_none()) {
        frame.render_widget(Paragraph::new("—").block(block), area);
        return;
    }
    let bars: Vec<Bar> = data
        .iter()
        .map(|(name, v)| {
            let pct = v.map(Figure::percent);
            Bar::default()
                .label(TextLine::from(fit(name, 8)))
                .value(pct.map_or(0, |p| p.to_f64().max(0.0).round() as u64))
                .text_value(pct.map_or_else(|| l.pick("不适用", "n/a").into(), Figure::text))
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
