//! The rows of a score sheet: each category with its items and subtotal, the bonus and veto
//! sections, then base, bonus, total, grade and verdict. Cells run up to the notes column; the
//! indicator id rides on the row and prints in the last column.

use super::input::{Scored, SheetInput};
use super::{Cell, Row, RowKind};
use crate::domain::engine::{self, ItemState, Outcome};
use crate::domain::entry::Entry;
use crate::domain::figure::{Figure, dec};
use crate::domain::rubric::Rubric;
use crate::i18n::Lang;
use crate::report::AccountResult;
use crate::storage::Round;

pub(super) fn rows(
    input: &SheetInput<'_>,
    skeleton: &Outcome,
    scored: &[Scored],
    combined: &AccountResult,
) -> Vec<Row> {
    let lang = input.lang;
    let mut out = Vec::new();
    for (ci, cat) in skeleton.categories.iter().enumerate() {
        out.push(Row {
            kind: RowKind::Category,
            id: Some(cat.id.clone()),
            cells: vec![Cell::text(format!(
                "{}（{} {}）",
                cat.name,
                lang.pick("权重", "weight"),
                dec(cat.weight)
            ))],
        });
        for (ii, item) in skeleton
            .items
            .iter()
            .enumerate()
            .filter(|(_, i)| i.category == cat.id)
        {
            out.push(item_row(input, ii, item, scored));
        }
        out.push(subtotal(input, ci, scored, combined));
    }
    section(
        &mut out,
        input,
        skeleton,
        scored,
        "bonus",
        &bonus_title(input),
    );
    let vetoes = lang.pick("单项否决", "Single vetoes");
    section(&mut out, input, skeleton, scored, "veto", vetoes);
    totals(&mut out, input, scored, combined);
    out
}

fn subtotal(input: &SheetInput<'_>, ci: usize, scored: &[Scored], combined: &AccountResult) -> Row {
    let weight = input.rubric.categories.get(ci).map(|c| dec(c.weight));
    let mut cells = vec![
        Cell::text(input.lang.pick("小计", "Subtotal")),
        Cell::Empty,
        Cell::opt(weight),
    ];
    // A category that does not apply is 不适用, never 0: its subtotal is left out.
    let na = || Cell::text(input.lang.pick("不适用", "N/A"));
    for s in scored {
        cells.push(Cell::Empty);
        cells.push(
            s.outcome
                .categories
                .get(ci)
                .map_or(Cell::Empty, |c| match c.subtotal {
                    Some(x) => Cell::Fig(x),
                    None => na(),
                }),
        );
    }
    cells.push(match combined.subtotals.get(ci).copied().flatten() {
        Some(x) => Cell::Fig(x),
        None if combined.points.is_some() => na(),
        None => Cell::Empty,
    });
    Row {
        kind: RowKind::Subtotal,
        id: None,
        cells,
    }
}

fn bonus_title(input: &SheetInput<'_>) -> String {
    let (rubric, lang) = (input.rubric, input.lang);
    match rubric.bonus.iter().find_map(|b| b.gate) {
        Some(g) => format!(
            "{}（{}）",
            lang.pick("加分项", "Bonus"),
            engine::words::gate_rule(rubric.gate_side, g, lang)
        ),
        None => lang.pick("加分项", "Bonus").into(),
    }
}

fn section(
    out: &mut Vec<Row>,
    input: &SheetInput<'_>,
    skeleton: &Outcome,
    scored: &[Scored],
    cat: &str,
    title: &str,
) {
    let items: Vec<(usize, &engine::ItemResult)> = skeleton
        .items
        .iter()
        .enumerate()
        .filter(|(_, i)| i.category == cat)
        .collect();
    if items.is_empty() {
        return;
    }
    out.push(Row {
        kind: RowKind::Section,
        id: None,
        cells: vec![Cell::text(title)],
    });
    for (ii, item) in items {
        out.push(item_row(input, ii, item, scored));
    }
}

/// One item: its name, kind and maximum; each evaluator's entry and points; the combined
/// points (不适用 where the item does not apply to the account); notes and evidence.
fn item_row(
    input: &SheetInput<'_>,
    ii: usize,
    item: &engine::ItemResult,
    scored: &[Scored],
) -> Row {
    let lang = input.lang;
    let na_word = lang.pick("不适用", "N/A");
    let veto = item.kind == "Veto";
    let inapplicable = matches!(item.state, ItemState::NotApplicable(_));
    let mut cells = vec![
        Cell::text(&item.name),
        Cell::text(kind_label(&item.kind, lang)),
        if veto {
            Cell::Empty
        } else {
            Cell::Fig(dec(item.max))
        },
    ];
    let mut counted = Vec::new();
    let mut notes = Vec::new();
    let mut all_na = !scored.is_empty();
    for s in scored {
        let entry = s.entries.get(&item.id);
        let r = s.outcome.items.get(ii);
        let na = r.is_some_and(|r| matches!(r.state, ItemState::NotApplicable(_)));
        all_na &= na;
        let shown = match entry {
            Some(e) => entry_text(e, &item.kind, lang),
            None if na => na_word.to_string(),
            None => String::new(),
        };
        cells.push(Cell::text(shown));
        // An item's points exactly (an entry as typed is never rounded).
        let pts = r
            .filter(|r| !veto && r.state == ItemState::Scored)
            .map(|r| r.points);
        if s.counts {
            counted.extend(pts);
        }
        cells.push(Cell::opt(pts));
        if let Some(e) = entry.filter(|e| !e.note.is_empty() || !e.evidence.is_empty()) {
            let mut t = format!("{}：{}", s.name, e.note);
            if !e.evidence.is_empty() {
                t.push_str(&format!(" [{}]", e.evidence.join(" | ")));
            }
            notes.push(t);
        }
    }
    // One evaluator: their points as entered; several: their mean, published at the rubric's
    // decimals (for reading — the result combines the sheets' totals).
    let mean: Option<Figure> = match counted.as_slice() {
        [] => None,
        [one] => Some(*one),
        many => crate::domain::stats::mean(many).map(|m| m.publish(input.rubric.decimals)),
    };
    cells.push(match mean {
        None if inapplicable || all_na => Cell::text(na_word),
        m => Cell::opt(m),
    });
    cells.push(Cell::text(notes.join("\n")));
    Row {
        kind: RowKind::Item,
        id: Some(item.id.clone()),
        cells,
    }
}

fn totals(out: &mut Vec<Row>, input: &SheetInput<'_>, scored: &[Scored], combined: &AccountResult) {
    let lang = input.lang;
    let line = |label: &str, per: &dyn Fn(&Scored) -> Cell, comb: Cell| {
        let mut cells = vec![Cell::text(label), Cell::Empty, Cell::Empty];
        for s in scored {
            cells.push(Cell::Empty);
            cells.push(per(s));
        }
        cells.push(comb);
        Row {
            kind: RowKind::Total,
            id: None,
            cells,
        }
    };
    out.push(line(
        lang.pick("基础分", "Base"),
        &|s| Cell::Fig(s.outcome.base),
        Cell::Empty,
    ));
    out.push(line(
        lang.pick("加分", "Bonus"),
        &|s| Cell::Fig(s.outcome.bonus),
        Cell::Empty,
    ));
    // 「—」 where a veto leaves no total; empty without a final result.
    let total = |t: Option<Figure>, final_result: bool| match t {
        Some(t) => Cell::Fig(t),
        None if final_result => Cell::text("—"),
        None => Cell::Empty,
    };
    let mut t = line(
        lang.pick("总分", "Total"),
        &|s| total(s.outcome.total, true),
        total(combined.total, combined.has_result()),
    );
    t.cells[2] = Cell::Fig(dec(input.scheme.full));
    out.push(t);
    out.push(line(
        lang.pick("等级", "Grade"),
        &|s| Cell::text(s.outcome.grade.clone().unwrap_or_default()),
        Cell::text(combined.grade.clone().unwrap_or_else(|| "—".into())),
    ));
    let verdict = crate::report::tables::verdict_label(combined, lang);
    let not_counted = lang.pick("不计入", "not counted");
    let mut v = line(
        lang.pick("结论", "Verdict"),
        &|s| Cell::text(if s.counts { "" } else { not_counted }),
        Cell::text(verdict),
    );
    if !combined.vetoes.is_empty() {
        let why: Vec<String> = combined.vetoes.iter().map(|x| x.label(lang)).collect();
        v.cells.push(Cell::text(format!(
            "{}{}",
            lang.pick("单项否决：", "Single veto: "),
            why.join("；")
        )));
    }
    out.push(v);
}

fn kind_label(kind: &str, lang: Lang) -> &'static str {
    match kind {
        "Range" => lang.pick("评分", "range"),
        "Deduct" => lang.pick("扣分", "deduction"),
        "Check" => lang.pick("是否", "yes/no"),
        "Bonus" => lang.pick("加分", "bonus"),
        "Veto" => lang.pick("否决", "veto"),
        _ => "",
    }
}

/// An entry as a person reads it: 8 / 3处 / 是 / 不适用 / 否决：reason / 无问题.
pub fn entry_text(e: &Entry, kind: &str, lang: Lang) -> String {
    if e.na {
        return lang.pick("不适用", "N/A").into();
    }
    if let Some(r) = &e.veto {
        return format!("{}{}", lang.pick("否决：", "veto: "), r);
    }
    match (kind, e.value, e.count) {
        ("Veto", Some(_), _) => lang.pick("无问题", "clean").into(),
        ("Check", Some(v), _) => lang
            .pick(
                if v >= 0.5 { "是" } else { "否" },
                if v >= 0.5 { "yes" } else { "no" },
            )
            .into(),
        (_, Some(v), _) => dec(v).text(),
        (_, _, Some(n)) => match lang {
            Lang::Zh => format!("{n}处"),
            Lang::En => format!("{n}×"),
        },
        _ => String::new(),
    }
}

/// Rows for a blank sheet in the score-import columns (round, platform, account, evaluator,
/// indicator, value, count, veto, na, note, evidence) plus the item's name as a guide: one row
/// per item that applies to the account.
pub fn blank_rows(
    round: &Round,
    rubric: &Rubric,
    a: &crate::domain::account::Account,
    evaluator: &str,
) -> Vec<Vec<String>> {
    rubric
        .items()
        .into_iter()
        .filter(|i| i.common().applies(a.platform, a.level))
        .map(|i| {
            let c = i.common();
            let mut row = vec![
                round.name.clone(),
                a.platform_label.clone(),
                a.name.clone(),
                evaluator.to_string(),
                c.id.clone(),
            ];
            row.resize(11, String::new());
            row.push(c.name.clone());
            row
        })
        .collect()
}
