//! The what-if view as typed tables and as a document: the weights, the sensitivity figures,
//! the largest movers and every account under both weightings. Every title, caption and
//! simulated column says 「模拟」 (SIMULATED); the table, CSV, JSON, Markdown, HTML and XLSX
//! outputs all print these, so they cannot disagree.

use super::svg::{Bar, diverging};
use super::tables::{total_of, verdict_text};
use super::whatif::{Sensitivity, Shift};
use crate::i18n::{Lang, whatif_msg};
use crate::io::document::{Block, Doc, DocTable, Text};
use crate::io::export::{Cell, Table};

fn t(lang: Lang, zh: &str, en: &str) -> String {
    lang.pick(zh, en).to_owned()
}

/// 「模拟」 before a name: 「模拟权重」, "SIMULATED weights".
fn marked(lang: Lang, zh: &str, en: &str) -> String {
    match lang {
        Lang::Zh => format!("{}{zh}", whatif_msg::mark(lang)),
        Lang::En => format!("{} {en}", whatif_msg::mark(lang)),
    }
}

/// The title of every simulated output.
pub fn title(lang: Lang, round: &str) -> String {
    match lang {
        Lang::Zh => format!("【模拟】{round} 权重敏感性分析"),
        Lang::En => format!("SIMULATED — {round}: sensitivity to the category weights"),
    }
}

/// Each category's official and what-if weight. The category ids (what `--weights` takes)
/// are shown in English only: a Chinese output names the categories.
pub fn weights_table(s: &Sensitivity, lang: Lang) -> Table {
    let mut header = vec![
        t(lang, "类别", "name"),
        t(lang, "正式权重", "official weight"),
        marked(lang, "权重", "weight"),
        t(lang, "变化", "change"),
    ];
    if lang == Lang::En {
        header.insert(0, "category".to_owned());
    }
    let mut tb = Table::new(marked(lang, "权重", "weights"), header);
    for w in &s.weights {
        let change = w.whatif.exact().sub(&w.official.exact());
        let places = w.whatif.decimals().max(w.official.decimals());
        let mut row = vec![
            Cell::text(w.name.clone()),
            Cell::Fig(w.official),
            Cell::Fig(w.whatif),
            Cell::Fig(change.publish(places)),
        ];
        if lang == Lang::En {
            row.insert(0, Cell::text(w.id.clone()));
        }
        tb.rows.push(row);
    }
    tb
}

/// The sensitivity figures as a two-column table.
pub fn summary_table(s: &Sensitivity, lang: Lang) -> Table {
    let header = vec![t(lang, "项目", "item"), t(lang, "数值", "value")];
    let mut tb = Table::new(marked(lang, "敏感性", "sensitivity"), header);
    let mut row = |zh: &str, en: &str, v: Cell| tb.rows.push(vec![Cell::text(t(lang, zh, en)), v]);
    row(
        "两次均有排名的账号",
        "accounts ranked both ways",
        Cell::int(s.ranked),
    );
    row(
        "结论改变（合格/不合格）",
        "verdict changed (passed/failed)",
        Cell::int(s.verdict_changed),
    );
    row(
        "其中合格→不合格",
        "of which passed → failed",
        Cell::int(s.newly_failed),
    );
    row(
        "其中不合格→合格",
        "of which failed → passed",
        Cell::int(s.newly_passed),
    );
    row("等级改变", "grade changed", Cell::int(s.grade_changed));
    row("名次改变", "rank changed", Cell::int(s.rank_changed));
    let tau = s
        .tau
        .map_or_else(|| Cell::text(t(lang, "无法计算", "undefined")), Cell::Fig);
    row(
        "正式与模拟排名的肯德尔 τ-b",
        "Kendall's τ-b, official vs simulated ranking",
        tau,
    );
    tb
}

fn grade(g: &Option<String>) -> Cell {
    Cell::text(g.clone().unwrap_or_default())
}

/// Places moved, a number (3 up, −2 down); empty without a rank both ways.
fn moved(s: &Shift) -> Cell {
    s.moved().map_or(Cell::Empty, Cell::Int)
}

fn shift_row(s: &Shift, lang: Lang) -> Vec<Cell> {
    let final_before = s.verdict_before.is_final();
    let final_after = s.verdict_after.is_final();
    vec![
        Cell::Int(s.account_id),
        Cell::text(s.name.clone()),
        Cell::text(lang.pick(s.platform.label_zh(), s.platform.label_en())),
        Cell::text(s.unit.clone()),
        s.rank_before.map_or(Cell::Empty, Cell::int),
        s.rank_after.map_or(Cell::Empty, Cell::int),
        moved(s),
        total_of(s.total_before, final_before),
        total_of(s.total_after, final_after),
        Cell::text(verdict_text(s.verdict_before, s.vetoed, lang)),
        Cell::text(verdict_text(s.verdict_after, s.vetoed, lang)),
        grade(&s.grade_before),
        grade(&s.grade_after),
    ]
}

fn shift_header(lang: Lang) -> Vec<String> {
    vec![
        t(lang, "编号", "id"),
        t(lang, "账号名称", "account"),
        t(lang, "平台", "platform"),
        t(lang, "主办单位", "host unit"),
        t(lang, "正式排名", "official rank"),
        marked(lang, "排名", "rank"),
        t(lang, "名次变化（正为上升）", "places moved (up > 0)"),
        t(lang, "正式总分", "official total"),
        marked(lang, "总分", "total"),
        t(lang, "正式结论", "official verdict"),
        marked(lang, "结论", "verdict"),
        t(lang, "正式等级", "official grade"),
        marked(lang, "等级", "grade"),
    ]
}

/// The largest movers, most places first.
pub fn movers_table(s: &Sensitivity, lang: Lang) -> Table {
    let mut tb = Table::new(
        marked(lang, "名次变动最大", "largest movers"),
        shift_header(lang),
    );
    tb.rows = s.movers.iter().map(|m| shift_row(m, lang)).collect();
    tb
}

/// Every account under both weightings, in the simulated ranking's order.
pub fn accounts_table(s: &Sensitivity, lang: Lang) -> Table {
    let mut tb = Table::new(marked(lang, "结果", "results"), shift_header(lang));
    tb.rows = s.accounts.iter().map(|m| shift_row(m, lang)).collect();
    tb
}

/// The movers as bars either side of the middle (places gained to the right).
fn movers_chart(s: &Sensitivity, lang: Lang) -> String {
    let bars: Vec<Bar> = s
        .movers
        .iter()
        .map(|m| Bar {
            label: m.name.clone(),
            value: m.moved().unwrap_or(0) as f64,
            note: format!(
                "{} → {}",
                m.rank_before.map_or_else(String::new, |r| r.to_string()),
                m.rank_after.map_or_else(String::new, |r| r.to_string())
            ),
        })
        .collect();
    let title = marked(lang, "名次变化（右为上升）", "places moved (right: up)");
    diverging(&title, &bars, lang.pick("名次没有变化", "no rank changed"))
}

/// Relative widths of the account columns: names and units wide, figures narrow.
const SHIFT_WIDTHS: [u32; 13] = [4, 9, 5, 11, 4, 4, 5, 5, 5, 5, 5, 4, 4];

fn doc_table(t: Table, widths: &[u32]) -> Block {
    Block::Table {
        caption: Some(Text::plain(t.name.clone())),
        table: DocTable {
            header: t.header,
            rows: t.rows,
            widths: widths.to_vec(),
        },
    }
}

/// The whole view as a document (Markdown, HTML with the movers chart, XLSX sheets).
pub fn document(s: &Sensitivity, round: &str, lang: Lang) -> Doc {
    Doc {
        lang: if lang == Lang::En { "en" } else { "zh-CN" },
        masthead: None,
        title: Text::plain(title(lang, round)),
        blocks: vec![
            Block::Note(Text::plain(whatif_msg::nothing_written(lang))),
            doc_table(weights_table(s, lang), &[]),
            doc_table(summary_table(s, lang), &[3, 1]),
            Block::Chart(movers_chart(s, lang)),
            doc_table(movers_table(s, lang), &SHIFT_WIDTHS),
            doc_table(accounts_table(s, lang), &SHIFT_WIDTHS),
        ],
    }
}
