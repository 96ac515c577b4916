//! The rectification report (问题整改情况) as one document for the Word, Markdown, HTML and
//! workbook writers, in the bulletin's style: the count of findings by kind and status on the
//! day, the overdue ones first, then every host unit's tally and the full list (overdue first,
//! then by unit).

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::bulletin::date_words;
use super::rectify::{Tracked, status_label};
use crate::domain::finding::Kind;
use crate::domain::rectify::{Recheck, Status};
use crate::i18n::Lang;
use crate::i18n::rectify_msg as m;
use crate::io::document::{Block, Cell, Doc, DocTable, Text};

/// What the report is about.
pub struct Heading<'a> {
    pub round: &'a str,
    pub issuer: Option<&'a str>,
    pub on: NaiveDate,
    pub deadline: Option<NaiveDate>,
}

const STATUSES: [Status; 5] = [
    Status::Checked(Recheck::Rectified),
    Status::Checked(Recheck::Partial),
    Status::Checked(Recheck::NotRectified),
    Status::Reported,
    Status::Open,
];

/// The report as a document.
pub fn document(h: &Heading<'_>, rows: &[Tracked], lang: Lang) -> Doc {
    let title = match lang {
        Lang::Zh => format!("{}问题整改情况", h.round),
        Lang::En => format!("Rectification of the findings of {}", h.round),
    };
    let mut blocks = vec![Block::Para(Text::plain(summary(h, rows, lang)))];
    let overdue: Vec<&Tracked> = rows.iter().filter(|t| t.overdue).collect();
    let mut part = 0;
    let mut heading = |zh: &str, en: &str| {
        part += 1;
        let n = ["一", "二", "三", "四"][part - 1];
        Block::Heading(Text::plain(match lang {
            Lang::Zh => format!("{n}、{zh}"),
            Lang::En => format!("{part}. {en}"),
        }))
    };
    if !overdue.is_empty() {
        blocks.push(heading("逾期未销号的问题", "Overdue findings"));
        blocks.push(list_table(&overdue, lang));
    }
    blocks.push(heading("各单位整改情况", "By host unit"));
    blocks.push(unit_table(rows, lang));
    blocks.push(heading("问题清单", "Every finding"));
    let all: Vec<&Tracked> = rows.iter().collect();
    if all.is_empty() {
        blocks.push(Block::Para(Text::plain(
            lang.pick("本轮检查未发现问题。", "The round found no problem."),
        )));
    } else {
        blocks.push(list_table(&all, lang));
    }
    blocks.push(Block::Signature {
        issuer: Text::given_or(h.issuer, lang.pick("发文机关", "issuing office")),
        date: Text::plain(date_words(h.on, lang)),
    });
    Doc {
        lang: if lang == Lang::En { "en" } else { "zh-CN" },
        masthead: None,
        title: Text::plain(title),
        blocks,
    }
}

fn count(rows: &[Tracked], f: impl Fn(&Tracked) -> bool) -> usize {
    rows.iter().filter(|t| f(t)).count()
}

/// 截至…，共发现问题…个（单项否决…个，扣分…个），涉及…个账号、…个单位；已整改…; 逾期….
fn summary(h: &Heading<'_>, rows: &[Tracked], lang: Lang) -> String {
    let vetoes = count(rows, |t| t.finding.kind == Kind::Veto);
    let mut accounts: Vec<i64> = rows.iter().map(|t| t.account.id).collect();
    accounts.sort_unstable();
    accounts.dedup();
    let mut units: Vec<&str> = rows.iter().map(|t| t.account.unit.as_str()).collect();
    units.sort_unstable();
    units.dedup();
    let by_status: Vec<String> = (STATUSES.iter())
        .map(|s| {
            let n = count(rows, |t| t.status == *s);
            match lang {
                Lang::Zh => format!("{}{n}个", status_label(*s, lang)),
                Lang::En => format!("{n} {}", status_label(*s, lang)),
            }
        })
        .collect();
    let overdue = count(rows, |t| t.overdue);
    let due = h.deadline.map_or_else(
        || lang.pick("未设定", "not set").to_string(),
        |d| date_words(d, lang),
    );
    match lang {
        Lang::Zh => format!(
            "截至{}，本轮检查共发现问题{}个（单项否决{vetoes}个，扣分{}个），涉及{}个政务新媒体、{}个主办单位。其中{}；逾期未销号{overdue}个。整改期限：{due}。",
            date_words(h.on, lang),
            rows.len(),
            rows.len() - vetoes,
            accounts.len(),
            units.len(),
            by_status.join("，"),
        ),
        Lang::En => format!(
            "As of {}, the round found {} problems ({vetoes} vetoes, {} deductions) with {} accounts of {} host units: {}; {overdue} overdue. Deadline: {due}.",
            date_words(h.on, lang),
            rows.len(),
            rows.len() - vetoes,
            accounts.len(),
            units.len(),
            by_status.join(", "),
        ),
    }
}

fn unit_table(rows: &[Tracked], lang: Lang) -> Block {
    let mut units: BTreeMap<&str, Vec<&Tracked>> = BTreeMap::new();
    for t in rows {
        units.entry(&t.account.unit).or_default().push(t);
    }
    let mut lines: Vec<(&str, Vec<&Tracked>)> = units.into_iter().collect();
    // Units with overdue findings first, most overdue first; then by name.
    lines.sort_by_key(|(u, ts)| {
        (
            std::cmp::Reverse(ts.iter().filter(|t| t.overdue).count()),
            *u,
        )
    });
    let table_rows = (lines.iter())
        .map(|(unit, ts)| {
            let mut row = vec![Cell::text(*unit), Cell::int(ts.len())];
            for s in STATUSES {
                row.push(Cell::int(ts.iter().filter(|t| t.status == s).count()));
            }
            row.push(Cell::int(ts.iter().filter(|t| t.overdue).count()));
            row
        })
        .collect();
    let mut header = vec![
        lang.pick("主办单位", "Host unit").to_string(),
        lang.pick("问题数", "Findings").to_string(),
    ];
    header.extend(STATUSES.iter().map(|s| status_label(*s, lang).to_string()));
    header.push(m::overdue(lang).to_string());
    Block::Table {
        caption: None,
        table: DocTable {
            header,
            rows: table_rows,
            widths: vec![30, 10, 10, 10, 10, 10, 10, 10],
        },
    }
}

fn list_table(rows: &[&Tracked], lang: Lang) -> Block {
    let table_rows = (rows.iter().enumerate())
        .map(|(i, t)| {
            let f = &t.finding;
            let mut status = status_label(t.status, lang).to_string();
            if t.overdue {
                status = format!("{status}（{}）", m::overdue(lang));
            }
            vec![
                Cell::int(i + 1),
                Cell::text(&t.account.unit),
                Cell::text(format!(
                    "{}（{}）",
                    t.account.name,
                    lang.pick(t.account.platform.label_zh(), t.account.platform.label_en())
                )),
                Cell::text(&f.name),
                Cell::text(m::kind(lang, f.kind.code())),
                f.lost.map_or_else(|| Cell::text("—"), Cell::Fig),
                Cell::text(status),
                Cell::text(t.latest().map_or_else(String::new, |r| latest(r, lang))),
            ]
        })
        .collect();
    let header = [
        lang.pick("序号", "No."),
        lang.pick("主办单位", "Host unit"),
        lang.pick("账号", "Account"),
        lang.pick("指标", "Item"),
        lang.pick("类型", "Kind"),
        lang.pick("扣分", "Lost"),
        lang.pick("状态", "Status"),
        lang.pick("最近记录", "Latest record"),
    ];
    Block::Table {
        caption: None,
        table: DocTable {
            header: header.iter().map(|h| h.to_string()).collect(),
            rows: table_rows,
            widths: vec![5, 17, 17, 17, 8, 9, 15, 20],
        },
    }
}

/// A record in a few words: 2025-01-20 复查：部分整改（王敏）.
pub fn latest(r: &crate::storage::Rectification, lang: Lang) -> String {
    match r.result {
        Some(x) => format!(
            "{} {}{}{}（{}）",
            r.day,
            lang.pick("复查", "re-check"),
            lang.pick("：", ": "),
            status_label(Status::Checked(x), lang),
            r.by
        ),
        None => format!("{} {}", r.day, m::reported_words(lang)),
    }
}
