//! A rubric as the sheets of a workbook: 指标 (one row per indicator, bonus and veto item),
//! 基本信息 (the header), 维度 (each dimension's own settings) and 填写说明 (what every column
//! and item means and which values it takes).

use super::columns::{COLUMNS, Col, Kind, exact, na_word};
use super::header::{ITEMS, number, value};
use super::{CATEGORY_SHEET, GUIDE_SHEET, HEADER_SHEET, INDICATOR_SHEET};
use crate::domain::platform::{Level, Platform};
use crate::domain::rubric::{Category, Common, Indicator, NaPolicy, Rubric};
use crate::io::export::{Cell, Table};

/// The workbook's sheets, in order.
pub fn tables(r: &Rubric) -> Vec<Table> {
    vec![indicators(r), header(r), categories(r), guide()]
}

fn indicators(r: &Rubric) -> Table {
    let mut t = Table::new(
        INDICATOR_SHEET,
        COLUMNS.iter().map(|c| c.header.to_string()).collect(),
    );
    for c in &r.categories {
        for ind in &c.indicators {
            t.rows.push(row(|col| indicator_cell(c, ind, col)));
        }
    }
    for b in &r.bonus {
        t.rows.push(row(|col| match col {
            Col::Kind => Cell::text(Kind::Bonus.word()),
            Col::Per => number(b.per),
            Col::Cap => number(b.cap),
            Col::Gate => b.gate.map_or(Cell::Empty, number),
            other => common_cell(&b.common, other),
        }));
    }
    for v in &r.vetoes {
        t.rows.push(row(|col| match col {
            Col::Kind => Cell::text(Kind::Veto.word()),
            Col::Reasons => Cell::text(v.reasons.join("\n")),
            other => common_cell(&v.common, other),
        }));
    }
    t
}

/// A row with a cell for every column, in order.
fn row(cell: impl Fn(Col) -> Cell) -> Vec<Cell> {
    COLUMNS.iter().map(|s| cell(s.col)).collect()
}

fn indicator_cell(c: &Category, ind: &Indicator, col: Col) -> Cell {
    match (col, ind) {
        (Col::Category, _) => Cell::text(&c.name),
        (Col::CategoryId, _) => Cell::text(&c.id),
        (Col::Weight, _) => number(c.weight),
        (Col::Kind, Indicator::Range(_)) => Cell::text(Kind::Range.word()),
        (Col::Kind, Indicator::Deduct(_)) => Cell::text(Kind::Deduct.word()),
        (Col::Kind, Indicator::Check(_)) => Cell::text(Kind::Check.word()),
        (Col::Points, Indicator::Range(s)) => number(s.max),
        (Col::Min, Indicator::Range(s)) => number(s.min),
        (Col::Step, Indicator::Range(s)) => s.step.map_or(Cell::Empty, number),
        (Col::Grades, Indicator::Range(s)) => Cell::text(levels_text(&s.levels)),
        (Col::Points, Indicator::Deduct(s)) => s.points.map_or(Cell::Empty, number),
        (Col::Per, Indicator::Deduct(s)) => number(s.per),
        (Col::Cap, Indicator::Deduct(s)) => number(s.cap),
        (Col::Points, Indicator::Check(s)) => number(s.points),
        (other, _) => common_cell(ind.common(), other),
    }
}

/// The cells every item has: id, name, applicability, rule, guide, evidence.
fn common_cell(k: &Common, col: Col) -> Cell {
    match col {
        Col::Id => Cell::text(&k.id),
        Col::Name => Cell::text(&k.name),
        Col::Platforms => Cell::text(platforms_text(&k.platforms)),
        Col::Levels => Cell::text(levels_of(&k.admin_levels)),
        Col::Na => na_cell(k.when_not_applicable),
        Col::Rule => k.rule.as_deref().map_or(Cell::Empty, Cell::text),
        Col::Guide => Cell::text(&k.guide),
        Col::Evidence => Cell::text(k.evidence.join("\n")),
        _ => Cell::Empty,
    }
}

fn na_cell(na: Option<NaPolicy>) -> Cell {
    na.map_or(Cell::Empty, |n| Cell::text(na_word(n)))
}

/// `微信公众号、移动客户端`: the names offices write.
pub(super) fn platforms_text(p: &[Platform]) -> String {
    let names: Vec<&str> = p.iter().map(|p| p.label_office()).collect();
    names.join("、")
}

fn levels_of(l: &[Level]) -> String {
    let names: Vec<&str> = l.iter().map(|l| l.label_zh()).collect();
    names.join("、")
}

/// `优=10；良=8`.
pub(super) fn levels_text(levels: &[(String, f64)]) -> String {
    let parts: Vec<String> = levels
        .iter()
        .map(|(n, v)| format!("{n}={}", exact(*v)))
        .collect();
    parts.join("；")
}

fn header(r: &Rubric) -> Table {
    let mut t = Table::new(
        HEADER_SHEET,
        vec!["项目".into(), "内容".into(), "说明".into()],
    );
    for (item, name, about) in ITEMS {
        t.rows
            .push(vec![Cell::text(*name), value(r, *item), Cell::text(*about)]);
    }
    t
}

/// Each dimension's id, name, description and applicability (its weight is on the 指标 sheet).
fn categories(r: &Rubric) -> Table {
    let header = [
        "维度编号",
        "维度",
        "说明",
        "适用平台",
        "适用层级",
        "不适用时",
    ];
    let mut t = Table::new(
        CATEGORY_SHEET,
        header.iter().map(|h| h.to_string()).collect(),
    );
    for c in &r.categories {
        t.rows.push(vec![
            Cell::text(&c.id),
            Cell::text(&c.name),
            Cell::text(&c.description),
            Cell::text(platforms_text(&c.platforms)),
            Cell::text(levels_of(&c.admin_levels)),
            na_cell(c.when_not_applicable),
        ]);
    }
    t
}

/// What every column of 指标 and every sheet means: read by people, ignored on import.
fn guide() -> Table {
    let mut t = Table::new(GUIDE_SHEET, vec!["列或工作表".into(), "填写说明".into()]);
    let sheets = [
        (
            INDICATOR_SHEET,
            "每行一个指标（含加分项和否决项）；下列各列的含义见本表。",
        ),
        (
            HEADER_SHEET,
            "评分标准的名称、满分、合格线、等次等，每行一项。",
        ),
        (
            CATEGORY_SHEET,
            "各维度的编号、说明和适用范围（可不填；权重写在“指标”表）。",
        ),
    ];
    for (name, about) in sheets {
        t.rows.push(vec![
            Cell::text(format!("工作表“{name}”")),
            Cell::text(about),
        ]);
    }
    for c in COLUMNS {
        let mut about = c.about.to_string();
        if !c.aliases.is_empty() {
            about.push_str(&format!("（也可写作：{}）", c.aliases.join("、")));
        }
        if c.col == Col::Platforms {
            about.push_str(&format!(
                "可填：{}。",
                Platform::accepted(crate::i18n::Lang::Zh)
            ));
        }
        t.rows.push(vec![Cell::text(c.header), Cell::text(about)]);
    }
    t
}
