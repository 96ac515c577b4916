//! The bulletin's annexes, the full lists the body only counts: the failed accounts with their
//! reasons, the accounts at full marks, the results by county (市本级 for accounts above the
//! counties), by level and by platform (with charts in HTML), by category, the strongest and
//! weakest host units, and the operations warnings when the round has metrics.

use super::document_ctx::{Annex, Ctx, table};
use super::{key, num, param, percent};
use crate::domain::figure::Figure;
use crate::i18n::Lang;
use crate::io::document::{Block, Cell, DocTable, Text};
use crate::report::GroupStats;
use crate::report::svg::{Bar, bars, histogram};

/// A published figure at its decimals, or 「—」.
pub(super) fn fig(x: Option<Figure>) -> Cell {
    x.map_or_else(|| Cell::text("—"), Cell::Fig)
}

/// A rate (a fraction) at 0.1%, or 「—」.
pub(super) fn rate(x: Option<Figure>) -> Cell {
    x.map_or_else(|| Cell::text("—"), Cell::Rate)
}

pub(super) fn annexes(cx: &Ctx<'_>) -> Vec<Annex> {
    let mut out = vec![failures(cx), full_marks(cx), statistics(cx)];
    if cx.b.operations.is_some() {
        out.push(operations(cx));
    }
    out.extend(super::document_changes::changes(cx));
    out
}

fn failures(cx: &Ctx<'_>) -> Annex {
    let b = cx.b;
    let title = Text::plain(cx.t("不合格政务新媒体名单", "Failed accounts"));
    if b.failures.is_empty() {
        // 「无不合格」 only when every account in scope has a final result.
        let none = if b.overall.all_final() {
            cx.t("本次检查无不合格政务新媒体。", "No account failed.")
                .to_owned()
        } else {
            super::Words { lang: cx.lang }.no_failures(b)
        };
        return Annex {
            title,
            blocks: vec![Block::Para(Text::plain(none))],
        };
    }
    let rows = b
        .failures
        .iter()
        .enumerate()
        .map(|(i, f)| {
            vec![
                Cell::int(i + 1),
                Cell::text(&f.name),
                Cell::text(cx.lang.pick(f.platform.label_zh(), f.platform.label_en())),
                Cell::text(&f.unit),
                Cell::text(cx.region(b.regions.get(&f.account_id).map_or("", String::as_str))),
                fig(f.total),
                Cell::text(cx.reason(f)),
            ]
        })
        .collect();
    let header = [
        cx.t("序号", "No."),
        cx.t("账号名称", "Account"),
        cx.t("平台", "Platform"),
        cx.t("主办单位", "Host unit"),
        cx.t("地区", "Region"),
        cx.t("得分", "Total"),
        cx.t("不合格原因", "Reason"),
    ];
    let t = table(&header, &[7, 16, 13, 18, 15, 11, 26], rows);
    Annex {
        title,
        blocks: vec![Block::Table {
            caption: None,
            table: t,
        }],
    }
}

fn full_marks(cx: &Ctx<'_>) -> Annex {
    let b = cx.b;
    let title = Text::plain(cx.t("满分政务新媒体名单", "Accounts at full marks"));
    let rows = b
        .full_marks
        .iter()
        .enumerate()
        .map(|(i, f)| {
            vec![
                Cell::int(i + 1),
                Cell::text(&f.name),
                Cell::text(&f.platform),
                Cell::text(&f.unit),
                Cell::text(cx.region(&f.region)),
            ]
        })
        .collect();
    let header = [
        cx.t("序号", "No."),
        cx.t("账号名称", "Account"),
        cx.t("平台", "Platform"),
        cx.t("主办单位", "Host unit"),
        cx.t("地区", "Region"),
    ];
    let mut blocks = vec![Block::Para(Text::plain(match cx.lang {
        Lang::Zh => format!(
            "共{}个政务新媒体本次检查得分为满分（{}分）。",
            b.full_marks.len(),
            param(b.full)
        ),
        Lang::En => format!(
            "{} accounts scored full marks ({}).",
            b.full_marks.len(),
            param(b.full)
        ),
    }))];
    if !b.full_marks.is_empty() {
        blocks.push(Block::Table {
            caption: None,
            table: table(&header, &[7, 20, 14, 30, 18], rows),
        });
    }
    Annex { title, blocks }
}

const GROUP_WIDTHS: [u32; 8] = [24, 9, 9, 9, 9, 10, 10, 9];

fn group_header(cx: &Ctx<'_>, first: &str) -> Vec<String> {
    [
        first,
        cx.t("账号数", "Accounts"),
        cx.t("已评", "Scored"),
        cx.t("合格", "Passed"),
        cx.t("不合格", "Failed"),
        cx.t("合格率", "Pass rate"),
        cx.t("平均分", "Mean"),
        cx.t("满分", "Full marks"),
    ]
    .map(String::from)
    .to_vec()
}

fn group_rows(gs: &[GroupStats], label: impl Fn(&GroupStats) -> String) -> Vec<Vec<Cell>> {
    gs.iter()
        .map(|g| {
            vec![
                Cell::text(label(g)),
                Cell::int(g.accounts),
                Cell::int(g.with_result),
                Cell::int(g.passed),
                Cell::int(g.failed),
                rate(g.pass_rate),
                fig(g.spread.mean),
                Cell::int(g.full_marks),
            ]
        })
        .collect()
}

fn group_table(cx: &Ctx<'_>, caption: &str, first: &str, gs: &[GroupStats]) -> Block {
    group_table_by(cx, caption, first, gs, key)
}

fn group_table_by(
    cx: &Ctx<'_>,
    caption: &str,
    first: &str,
    gs: &[GroupStats],
    label: impl Fn(&GroupStats) -> String,
) -> Block {
    let header = group_header(cx, first);
    Block::Table {
        caption: Some(Text::plain(caption)),
        table: DocTable {
            header,
            rows: group_rows(gs, label),
            widths: GROUP_WIDTHS.to_vec(),
        },
    }
}

/// A unit with its county (「单位（县）」) without the path the whole round shares.
fn unit_label<'a>(cx: &'a Ctx<'_>) -> impl Fn(&GroupStats) -> String + 'a {
    move |g: &GroupStats| {
        let k = key(g);
        match k.strip_suffix('）').and_then(|x| x.rsplit_once('（')) {
            Some((unit, region)) => format!("{unit}（{}）", cx.region(region)),
            None => k,
        }
    }
}

/// The county's name without the path the whole round shares (市本级 for accounts above it).
fn county_label<'a>(cx: &'a Ctx<'_>) -> impl Fn(&GroupStats) -> String + 'a {
    move |g: &GroupStats| cx.region(&key(g))
}

fn statistics(cx: &Ctx<'_>) -> Annex {
    let b = cx.b;
    let mut blocks = vec![group_table_by(
        cx,
        cx.t("各县（市、区）检查情况", "By county"),
        cx.t("县（市、区）", "County"),
        &b.by_county,
        county_label(cx),
    )];
    blocks.push(group_table(
        cx,
        cx.t("按行政层级", "By level"),
        cx.t("层级", "Level"),
        &b.by_level,
    ));
    blocks.push(Block::Chart(count_chart(
        cx,
        cx.t("各层级账号数与合格率", "Accounts and pass rate by level"),
        &b.by_level,
    )));
    blocks.push(group_table(
        cx,
        cx.t("按平台类型", "By platform"),
        cx.t("平台", "Platform"),
        &b.by_platform,
    ));
    blocks.push(Block::Chart(count_chart(
        cx,
        cx.t("各平台账号数与合格率", "Accounts and pass rate by platform"),
        &b.by_platform,
    )));
    blocks.push(categories(cx));
    blocks.extend(charts(cx));
    for (caption, units) in [
        (
            cx.t("平均分最高的主办单位", "Strongest host units"),
            &b.strongest_units,
        ),
        (
            cx.t("平均分最低的主办单位", "Weakest host units"),
            &b.weakest_units,
        ),
    ] {
        let unit = cx.t("主办单位", "Host unit");
        blocks.push(group_table_by(cx, caption, unit, units, unit_label(cx)));
    }
    Annex {
        title: Text::plain(cx.t("检查情况统计表", "Statistics")),
        blocks,
    }
}

/// Every category's mean and share by level (the whole round first).
fn categories(cx: &Ctx<'_>) -> Block {
    let b = cx.b;
    let mut header = vec![cx.t("层级", "Level").to_string()];
    for c in &b.overall.categories {
        header.push(format!("{}{}", c.name, cx.t("（均分）", " (mean)")));
        header.push(format!("{}{}", c.name, cx.t("（得分率）", " (share)")));
    }
    let rows = b
        .categories_by_level
        .iter()
        .map(|g| {
            let mut r = vec![Cell::text(if g.key.is_empty() {
                cx.t("全部", "All").to_string()
            } else {
                key(g)
            })];
            for m in &g.categories {
                // A category that applies to no account of the group is 不适用, never 0.
                if m.n == 0 && g.with_result > 0 {
                    let na = cx.t("不适用", "n/a");
                    r.extend([Cell::text(na), Cell::text(na)]);
                } else {
                    r.push(fig(m.mean));
                    r.push(rate(m.share));
                }
            }
            r
        })
        .collect();
    let n = header.len();
    Block::Table {
        caption: Some(Text::plain(cx.t("各维度得分情况", "By category"))),
        table: DocTable {
            header,
            rows,
            widths: (0..n).map(|i| if i == 0 { 12 } else { 8 }).collect(),
        },
    }
}

fn count_chart(cx: &Ctx<'_>, title: &str, gs: &[GroupStats]) -> String {
    let items: Vec<Bar> = gs
        .iter()
        .map(|g| Bar {
            label: key(g),
            value: g.accounts as f64,
            note: format!("{} · {}", g.accounts, percent(g.pass_rate)),
        })
        .collect();
    bars(title, &items, None, cx.t("暂无数据", "No data"))
}

/// The category means and the distribution of totals (HTML only; the tables hold the figures).
fn charts(cx: &Ctx<'_>) -> Vec<Block> {
    let b = cx.b;
    let none = cx.t("暂无数据", "No data");
    let cats: Vec<Bar> = b
        .overall
        .categories
        .iter()
        .map(|c| Bar {
            label: c.name.clone(),
            value: c.share.map_or(0.0, Figure::to_f64),
            note: format!("{} / {}", num(c.mean), param(c.weight)),
        })
        .collect();
    let totals: Vec<f64> = b.totals.iter().map(|t| t.to_f64()).collect();
    let top = b.full.max(totals.iter().copied().fold(0.0, f64::max));
    let hi = ((top / 10.0).ceil() * 10.0).max(10.0);
    vec![
        Block::Chart(bars(
            cx.t("各维度平均得分率", "Category means (share of weight)"),
            &cats,
            Some(1.0),
            none,
        )),
        Block::Chart(histogram(
            cx.t("总分分布", "Distribution of totals"),
            &totals,
            0.0,
            hi,
            10.0,
            none,
        )),
    ]
}

fn operations(cx: &Ctx<'_>) -> Annex {
    let mut blocks = Vec::new();
    if let Some(o) = &cx.b.operations {
        blocks.push(Block::Para(Text::plain(o.intro(cx.lang))));
        if !o.flagged.is_empty() {
            let (header, mut rows) = super::ops::flagged_table(o, cx.lang);
            for r in &mut rows {
                if let Some(Cell::Text(region)) = r.get_mut(1) {
                    *region = cx.region(region);
                }
            }
            blocks.push(Block::Table {
                caption: Some(Text::plain(cx.t("运营预警账号", "Flagged accounts"))),
                table: DocTable {
                    header,
                    rows,
                    widths: vec![18, 18, 22, 12, 9],
                },
            });
        }
        if !o.findings.is_empty() {
            let rows = o
                .findings
                .iter()
                .enumerate()
                .map(|(i, f)| vec![Cell::int(i + 1), Cell::text(f)])
                .collect();
            blocks.push(Block::Table {
                caption: Some(Text::plain(cx.t("需整合的情况", "To consolidate"))),
                table: DocTable {
                    header: vec![cx.t("序号", "No.").into(), cx.t("情况", "Finding").into()],
                    rows,
                    widths: vec![7, 93],
                },
            });
        }
    }
    Annex {
        title: Text::plain(cx.t("运营监测预警账号名单", "Operations warnings")),
        blocks,
    }
}
