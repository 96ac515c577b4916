//! Repeat offenders as typed tables and as a document: one row per flagged account (advice and
//! reasons), then its history round by round (verdict, total, findings).

use super::offenders::{Advice, HistoryRow, Item, Offender, Reason};
use super::tables::{total_of, verdict_text};
use crate::domain::finding::Kind;
use crate::i18n::{Lang, compare_msg as msg};
use crate::io::document::{Block, Doc, DocTable, Text};
use crate::io::export::{Cell, Table};

fn t(lang: Lang, zh: &str, en: &str) -> String {
    lang.pick(zh, en).to_owned()
}

/// The title.
pub fn title(lang: Lang) -> String {
    t(
        lang,
        "重复问题账号（建议关停或整合）",
        "Repeat offenders (to close or merge)",
    )
}

fn advice(a: Advice, lang: Lang) -> &'static str {
    let code = match a {
        Advice::Close => "close",
        Advice::Merge => "merge",
        Advice::CloseOrMerge => "either",
    };
    msg::advice(lang, code)
}

/// A reason in words.
pub fn reason(r: &Reason, lang: Lang) -> String {
    match r {
        Reason::SameFinding {
            name,
            kind,
            times,
            of,
            ..
        } => msg::same_finding(lang, name, *kind == Kind::Veto, *times, *of),
        Reason::FailedInYear { year, times, .. } => msg::failed_in_year(lang, *year, *times),
    }
}

/// A finding in a history line: 「名称（否决）」 or 「名称（扣 2 分）」.
fn item(i: &Item, lang: Lang) -> String {
    match (lang, i.kind, i.lost) {
        (Lang::Zh, Kind::Veto, _) => format!("{}（否决）", i.name),
        (Lang::Zh, _, Some(l)) => format!("{}（扣 {} 分）", i.name, l.text()),
        (Lang::Zh, _, None) => format!("{}（扣分）", i.name),
        (Lang::En, Kind::Veto, _) => format!("{} (vetoed)", i.name),
        (Lang::En, _, Some(l)) => format!("{} (−{})", i.name, l.text()),
        (Lang::En, _, None) => format!("{} (deducted)", i.name),
    }
}

/// One row per flagged account.
pub fn offenders_table(list: &[Offender], lang: Lang) -> Table {
    let header = [
        ("编号", "id"),
        ("账号名称", "account"),
        ("平台", "platform"),
        ("主办单位", "host unit"),
        ("建议", "advice"),
        ("原因", "reasons"),
    ]
    .iter()
    .map(|(z, e)| t(lang, z, e))
    .collect();
    let mut tb = Table::new(t(lang, "重复问题账号", "Repeat offenders"), header);
    for o in list {
        let a = &o.account;
        let reasons: Vec<String> = o.reasons.iter().map(|r| reason(r, lang)).collect();
        tb.rows.push(vec![
            Cell::Int(a.id),
            Cell::text(a.name.clone()),
            Cell::text(lang.pick(a.platform.label_zh(), a.platform.label_en())),
            Cell::text(a.unit.clone()),
            Cell::text(advice(o.advice, lang)),
            Cell::text(reasons.join(lang.pick("；", "; "))),
        ]);
    }
    tb
}

fn history_cells(h: &HistoryRow, lang: Lang) -> [Cell; 5] {
    let verdict = match h.verdict {
        Some(v) => Cell::text(verdict_text(v, h.vetoed, lang)),
        None => Cell::text(t(lang, "不在该轮次", "not in the round")),
    };
    let items: Vec<String> = h.items.iter().map(|i| item(i, lang)).collect();
    [
        Cell::text(h.round.clone()),
        Cell::Date(h.date),
        verdict,
        total_of(h.total, h.verdict.is_some_and(|v| v.is_final())),
        Cell::text(items.join(lang.pick("；", "; "))),
    ]
}

/// Each flagged account's history, round by round.
pub fn history_table(list: &[Offender], lang: Lang) -> Table {
    let header = [
        ("编号", "id"),
        ("账号名称", "account"),
        ("轮次", "round"),
        ("监测日期", "monitoring date"),
        ("结论", "verdict"),
        ("总分", "total"),
        ("问题", "findings"),
    ]
    .iter()
    .map(|(z, e)| t(lang, z, e))
    .collect();
    let mut tb = Table::new(t(lang, "历次情况", "History"), header);
    for o in list {
        for h in &o.history {
            let mut row = vec![Cell::Int(o.account.id), Cell::text(o.account.name.clone())];
            row.extend(history_cells(h, lang));
            tb.rows.push(row);
        }
    }
    tb
}

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

/// The whole list as a document (Markdown, XLSX sheets); `rule` is the rule in words.
pub fn document(list: &[Offender], rule: &str, lang: Lang) -> Doc {
    let mut blocks = vec![Block::Note(Text::plain(rule))];
    if list.is_empty() {
        blocks.push(Block::Para(Text::plain(msg::no_offenders(lang))));
    } else {
        blocks.push(doc_table(
            offenders_table(list, lang),
            &[4, 10, 5, 12, 6, 20],
        ));
        blocks.push(doc_table(
            history_table(list, lang),
            &[4, 10, 12, 7, 7, 5, 20],
        ));
    }
    Doc {
        lang: if lang == Lang::En { "en" } else { "zh-CN" },
        masthead: None,
        title: Text::plain(title(lang)),
        blocks,
    }
}
