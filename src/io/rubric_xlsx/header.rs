//! The header sheet (基本信息) of a rubric workbook: one row per field of the rubric that is not
//! an indicator — id, name, total, pass mark, grades, the veto policy, … — with what it means.

use super::columns::{exact, gate_word, na_word, pass_word, veto_word};
use crate::domain::rubric::Rubric;
use crate::io::export::Cell;

/// A field of the header sheet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Item {
    Id,
    Name,
    Version,
    Description,
    Total,
    PassMark,
    PassSide,
    GateSide,
    Decimals,
    Grades,
    OnVeto,
    Na,
    BonusCap,
}

/// An item: the name in the 项目 column, and what the 说明 column says about it.
pub(super) const ITEMS: &[(Item, &str, &str)] = &[
    (
        Item::Id,
        "编号",
        "程序识别评分标准用的英文编号（字母、数字、连字符），轮次会记住它。",
    ),
    (
        Item::Name,
        "名称",
        "评分标准的中文全称，显示在界面、评分表和通报上。",
    ),
    (
        Item::Version,
        "版本",
        "改动指标或分值后请改版本号，如 2024.2。",
    ),
    (
        Item::Description,
        "简介",
        "一两句话说明评什么、怎样计分，可不填。",
    ),
    (
        Item::Total,
        "满分",
        "基础部分的总分（通常 100），等于各维度权重之和。",
    ),
    (Item::PassMark, "合格线", "总分达到多少为合格（通常 60）。"),
    (
        Item::PassSide,
        "合格规则",
        "达到即合格（60分及以上合格）或 高于才合格。",
    ),
    (
        Item::GateSide,
        "加分规则",
        "高于门槛才加分（“高于80分”）或 达到门槛即加分。",
    ),
    (
        Item::Decimals,
        "小数位数",
        "结果四舍五入后公布的位数（0 到 6，通常 2）。",
    ),
    (
        Item::Grades,
        "等次",
        "每行一个：名称≥下限，从高到低，如 优秀≥90；不分等次则不填。",
    ),
    (
        Item::OnVeto,
        "否决后总分",
        "命中单项否决后（一律不合格）的总分：保留计算分、记为59分、最高59分 或 不计分。",
    ),
    (
        Item::Na,
        "不适用时",
        "指标不适用时的默认处理：按比例折算、计满分 或 计零分。",
    ),
    (
        Item::BonusCap,
        "加分总上限",
        "所有加分项合计最多加的分数；不填则为各项上限之和。",
    ),
];

/// The item a 项目 cell names (also a few other names offices use).
pub(super) fn item_of(name: &str) -> Option<Item> {
    let n: String = name.chars().filter(|c| !c.is_whitespace()).collect();
    let other = match n.as_str() {
        "标准名称" | "评分标准名称" => Some(Item::Name),
        "总分" => Some(Item::Total),
        "合格分" | "及格线" => Some(Item::PassMark),
        "等级" => Some(Item::Grades),
        _ => None,
    };
    other.or_else(|| ITEMS.iter().find(|(_, w, _)| *w == n).map(|(i, _, _)| *i))
}

pub(super) fn item_name(item: Item) -> &'static str {
    ITEMS
        .iter()
        .find(|(i, _, _)| *i == item)
        .map_or("", |(_, w, _)| w)
}

/// The value cell of an item for a rubric.
pub(super) fn value(r: &Rubric, item: Item) -> Cell {
    match item {
        Item::Id => Cell::text(&r.id),
        Item::Name => Cell::text(&r.name),
        Item::Version => Cell::text(&r.version),
        Item::Description => Cell::text(&r.description),
        Item::Total => number(r.total),
        Item::PassMark => number(r.pass_mark),
        Item::PassSide => Cell::text(pass_word(r.pass_side)),
        Item::GateSide => Cell::text(gate_word(r.gate_side)),
        Item::Decimals => Cell::Int(i64::from(r.decimals)),
        Item::Grades => Cell::text(grades_text(&r.grades)),
        Item::OnVeto => Cell::text(veto_word(r.on_veto)),
        Item::Na => Cell::text(na_word(r.when_not_applicable)),
        Item::BonusCap => r.bonus_cap.map_or(Cell::Empty, number),
    }
}

/// `优秀≥90`, one band a line.
pub(super) fn grades_text(g: &[(String, f64)]) -> String {
    let lines: Vec<String> = g
        .iter()
        .map(|(n, lo)| format!("{n}≥{}", exact(*lo)))
        .collect();
    lines.join("\n")
}

/// A number cell showing as many decimals as the value has (the cell keeps the exact value).
pub(super) fn number(x: f64) -> Cell {
    let d = (0..=6)
        .find(|d| format!("{x:.d$}").parse::<f64>() == Ok(x))
        .unwrap_or(6);
    Cell::Num(x, d)
}
