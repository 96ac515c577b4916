//! A comparison as typed tables and as a document: the whole, the groups, every account, the
//! largest risers and fallers, and (HTML) charts of the changes. The earlier side is 「基期」,
//! the later 「本期」; accounts on one side only are 新增 / 退出 and show no change. When only
//! totals compare (different rubrics) the verdict, pass-rate, veto and full-marks columns are
//! left out and a note says why.

use super::compare::{AccountChange, Comparison, Delta, GroupChange, GroupSide, Presence};
use super::svg::{Bar, diverging};
use super::tables::{total_of, verdict_text};
use crate::i18n::Lang;
use crate::io::document::{Block, Doc, DocTable, Text};
use crate::io::export::{Cell, Table};

fn t(lang: Lang, zh: &str, en: &str) -> String {
    lang.pick(zh, en).to_owned()
}

/// The title: 「对比：基期 → 本期」.
pub fn title(c: &Comparison, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("对比：{} → {}", c.before, c.after),
        Lang::En => format!("Comparison: {} → {}", c.before, c.after),
    }
}

/// The lines under the title: which side is which, and why only totals compare.
pub fn notes(c: &Comparison, lang: Lang) -> Vec<String> {
    let mut out = vec![match lang {
        Lang::Zh => format!(
            "基期：{}；本期：{}。只在一期出现的账号列为新增或退出，不计变化",
            c.before, c.after
        ),
        Lang::En => format!(
            "base: {}; current: {}. Accounts in one of them only are listed as new or gone, with no change",
            c.before, c.after
        ),
    }];
    if c.totals_only {
        out.push(t(
            lang,
            "两期使用的评估表不同，只比较总分、平均分和名次，不比较结论、合格率、单项否决和满分",
            "the two were scored on different rubrics: only totals, means and ranks are compared, not verdicts, pass rates, vetoes or full marks",
        ));
    }
    out
}

fn int_change(b: usize, a: usize) -> Cell {
    Cell::Int(a as i64 - b as i64)
}

/// The whole: each measure on both sides and its change.
pub fn overall_table(c: &Comparison, lang: Lang) -> Table {
    let header = vec![
        t(lang, "项目", "item"),
        t(lang, "基期", "base"),
        t(lang, "本期", "current"),
        t(lang, "变化", "change"),
    ];
    let mut tb = Table::new(t(lang, "总体对比", "Overall"), header);
    let o = &c.overall;
    let (b, a) = (
        o.before.clone().unwrap_or_default(),
        o.after.clone().unwrap_or_default(),
    );
    let mut count = |zh: &str, en: &str, f: fn(&GroupSide) -> usize| {
        let (x, y) = (f(&b), f(&a));
        tb.rows.push(vec![
            Cell::text(t(lang, zh, en)),
            Cell::int(x),
            Cell::int(y),
            int_change(x, y),
        ]);
    };
    count("账号", "accounts", |g| g.accounts);
    count("有结果", "with a result", |g| g.with_result);
    if !c.totals_only {
        count("合格", "passed", |g| g.passed);
        count("不合格", "failed", |g| g.failed);
        count("单项否决", "vetoed", |g| g.vetoed);
        count("满分", "full marks", |g| g.full_marks);
        let r = &o.pass_rate;
        tb.rows.push(vec![
            Cell::text(t(lang, "合格率（%）", "pass rate (%)")),
            Cell::rate(r.before),
            Cell::rate(r.after),
            Cell::rate(r.change),
        ]);
    }
    let m = &o.mean;
    tb.rows.push(vec![
        Cell::text(t(lang, "平均分", "mean")),
        Cell::fig(m.before),
        Cell::fig(m.after),
        Cell::fig(m.change),
    ]);
    let mut single = |zh: &str, en: &str, n: usize| {
        tb.rows.push(vec![
            Cell::text(t(lang, zh, en)),
            Cell::Empty,
            Cell::int(n),
            Cell::Empty,
        ]);
    };
    if !c.totals_only {
        single(
            "新增不合格（合格→不合格）",
            "new failures (passed → failed)",
            o.new_failures,
        );
        single(
            "恢复合格（不合格→合格）",
            "recoveries (failed → passed)",
            o.recoveries,
        );
    }
    single("新增账号", "new accounts", o.added);
    single("退出账号", "accounts gone", o.left);
    tb
}

fn delta_cells(d: &Delta, rate: bool) -> [Cell; 3] {
    let cell = if rate { Cell::rate } else { Cell::fig };
    [cell(d.before), cell(d.after), cell(d.change)]
}

fn counts(g: &GroupChange, f: fn(&GroupSide) -> usize) -> [Cell; 3] {
    let b = g.before.as_ref().map_or(0, f);
    let a = g.after.as_ref().map_or(0, f);
    [Cell::int(b), Cell::int(a), int_change(b, a)]
}

/// One row per group of either side.
pub fn group_table(c: &Comparison, dims: &[String], lang: Lang) -> Table {
    let mut header: Vec<String> = dims.to_vec();
    let names = |zh: &str, en: &str| -> [String; 3] {
        match lang {
            Lang::Zh => [
                format!("基期{zh}"),
                format!("本期{zh}"),
                format!("{zh}变化"),
            ],
            Lang::En => [
                format!("base {en}"),
                format!("current {en}"),
                format!("{en} change"),
            ],
        }
    };
    header.extend(names("账号", "accounts"));
    header.extend(names("平均分", "mean"));
    if !c.totals_only {
        header.extend(names("合格率%", "pass rate %"));
        header.extend(names("否决", "vetoed"));
        header.extend(names("满分", "full marks"));
        header.push(t(lang, "新增不合格", "new failures"));
        header.push(t(lang, "恢复合格", "recoveries"));
    }
    header.push(t(lang, "新增", "new"));
    header.push(t(lang, "退出", "gone"));
    let mut tb = Table::new(t(lang, "分组对比", "Groups"), header);
    for g in &c.groups {
        let mut row: Vec<Cell> = g.key.iter().map(|k| Cell::text(k.clone())).collect();
        row.extend(counts(g, |s| s.accounts));
        row.extend(delta_cells(&g.mean, false));
        if !c.totals_only {
            row.extend(delta_cells(&g.pass_rate, true));
            row.extend(counts(g, |s| s.vetoed));
            row.extend(counts(g, |s| s.full_marks));
            row.push(Cell::int(g.new_failures));
            row.push(Cell::int(g.recoveries));
        }
        row.push(Cell::int(g.added));
        row.push(Cell::int(g.left));
        tb.rows.push(row);
    }
    tb
}

/// 新增 / 退出 for an account on one side only; empty for one on both.
fn presence(p: Presence, lang: Lang) -> Cell {
    Cell::text(match p {
        Presence::Both => "",
        Presence::New => lang.pick("新增", "new"),
        Presence::Gone => lang.pick("退出", "gone"),
    })
}

/// 新增不合格 / 恢复合格, or nothing.
fn turn(a: &AccountChange, lang: Lang) -> Cell {
    Cell::text(if a.new_failure {
        lang.pick("新增不合格", "new failure")
    } else if a.recovery {
        lang.pick("恢复合格", "recovered")
    } else {
        ""
    })
}

fn account_header(c: &Comparison, lang: Lang) -> Vec<String> {
    let mut h: Vec<String> = [
        ("编号", "id"),
        ("账号名称", "account"),
        ("平台", "platform"),
        ("主办单位", "host unit"),
        ("新增/退出", "new/gone"),
        ("基期总分", "base total"),
        ("本期总分", "current total"),
        ("总分变化", "change"),
        ("基期排名", "base rank"),
        ("本期排名", "current rank"),
        ("名次变化（正为上升）", "places moved (up > 0)"),
    ]
    .iter()
    .map(|(z, e)| t(lang, z, e))
    .collect();
    if !c.totals_only {
        for (z, e) in [
            ("基期结论", "base verdict"),
            ("本期结论", "current verdict"),
            ("结论变化", "verdict change"),
        ] {
            h.push(t(lang, z, e));
        }
    }
    h
}

fn account_row(c: &Comparison, a: &AccountChange, lang: Lang) -> Vec<Cell> {
    let total = |s: &Option<super::compare::Side>| {
        s.as_ref()
            .map_or(Cell::Empty, |s| total_of(s.total, s.verdict.is_final()))
    };
    let rank = |s: &Option<super::compare::Side>| {
        s.as_ref()
            .and_then(|s| s.rank)
            .map_or(Cell::Empty, Cell::int)
    };
    let mut row = vec![
        Cell::Int(a.account_id),
        Cell::text(a.name.clone()),
        Cell::text(lang.pick(a.platform.label_zh(), a.platform.label_en())),
        Cell::text(a.unit.clone()),
        presence(a.presence, lang),
        total(&a.before),
        total(&a.after),
        Cell::fig(a.change),
        rank(&a.before),
        rank(&a.after),
        a.moved.map_or(Cell::Empty, Cell::Int),
    ];
    if !c.totals_only {
        let verdict = |s: &Option<super::compare::Side>| {
            s.as_ref().map_or(Cell::Empty, |s| {
                Cell::text(verdict_text(s.verdict, s.vetoed, lang))
            })
        };
        row.extend([verdict(&a.before), verdict(&a.after), turn(a, lang)]);
    }
    row
}

fn account_list(c: &Comparison, list: &[AccountChange], name: String, lang: Lang) -> Table {
    let mut tb = Table::new(name, account_header(c, lang));
    tb.rows = list.iter().map(|a| account_row(c, a, lang)).collect();
    tb
}

/// Every account: those on both sides by the current ranking, then 新增, then 退出.
pub fn accounts_table(c: &Comparison, lang: Lang) -> Table {
    account_list(c, &c.accounts, t(lang, "账号对比", "Accounts"), lang)
}

/// The largest rises in total.
pub fn risers_table(c: &Comparison, lang: Lang) -> Table {
    account_list(c, &c.risers, t(lang, "进步最大", "Largest rises"), lang)
}

/// The largest falls in total.
pub fn fallers_table(c: &Comparison, lang: Lang) -> Table {
    account_list(c, &c.fallers, t(lang, "退步最大", "Largest falls"), lang)
}

/// Risers and fallers as bars either side of the middle.
fn movers_chart(c: &Comparison, lang: Lang) -> String {
    let bars: Vec<Bar> = (c.risers.iter().chain(c.fallers.iter().rev()))
        .map(|a| Bar {
            label: a.name.clone(),
            value: a.change.map_or(0.0, |x| x.to_f64()),
            note: a.change.map_or_else(String::new, |x| x.signed()),
        })
        .collect();
    let title = t(
        lang,
        "总分变化最大的账号（右为上升）",
        "Largest changes in total (right: up)",
    );
    diverging(
        &title,
        &bars,
        lang.pick("没有账号的总分变化", "no total changed"),
    )
}

/// Each group's change in mean as bars either side of the middle.
fn groups_chart(c: &Comparison, lang: Lang) -> String {
    let bars: Vec<Bar> = (c.groups.iter())
        .filter_map(|g| {
            let x = g.mean.change?;
            Some(Bar {
                label: g.key.join("·"),
                value: x.to_f64(),
                note: x.signed(),
            })
        })
        .collect();
    let title = t(lang, "各组平均分变化", "Change in each group's mean");
    diverging(
        &title,
        &bars,
        lang.pick("没有可比的分组", "no group on both sides"),
    )
}

/// Relative widths of the account columns.
const ACCOUNT_WIDTHS: [u32; 14] = [4, 9, 5, 11, 4, 5, 5, 5, 4, 4, 5, 6, 6, 5];

fn doc_table(t: Table, widths: &[u32]) -> Block {
    let widths = widths.iter().copied().take(t.header.len()).collect();
    Block::Table {
        caption: Some(Text::plain(t.name.clone())),
        table: DocTable {
            header: t.header,
            rows: t.rows,
            widths,
        },
    }
}

/// The whole comparison as a document (Markdown, HTML with charts, XLSX sheets); `dims` are
/// the group columns' headers (empty: no groups).
pub fn document(c: &Comparison, dims: &[String], lang: Lang) -> Doc {
    let mut blocks: Vec<Block> = notes(c, lang)
        .into_iter()
        .map(|n| Block::Note(Text::plain(n)))
        .collect();
    blocks.push(doc_table(overall_table(c, lang), &[]));
    if !c.groups.is_empty() {
        blocks.push(Block::Chart(groups_chart(c, lang)));
        blocks.push(doc_table(group_table(c, dims, lang), &[]));
    }
    blocks.push(Block::Chart(movers_chart(c, lang)));
    blocks.push(doc_table(risers_table(c, lang), &ACCOUNT_WIDTHS));
    blocks.push(doc_table(fallers_table(c, lang), &ACCOUNT_WIDTHS));
    blocks.push(doc_table(accounts_table(c, lang), &ACCOUNT_WIDTHS));
    Doc {
        lang: if lang == Lang::En { "en" } else { "zh-CN" },
        masthead: None,
        title: Text::plain(title(c, lang)),
        blocks,
    }
}
