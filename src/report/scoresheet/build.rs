//! Builds one account's [`Sheet`] from its evaluators' entries: the engine scores each sheet,
//! the one aggregation combines them, and this module lays the figures out in rows.

use std::collections::HashMap;

use super::{Cell, Row, RowKind, Sheet};
use crate::domain::account::Account;
use crate::domain::engine::{self, ItemState, Outcome};
use crate::domain::entry::Entry;
use crate::domain::figure::{Figure, dec};
use crate::domain::rubric::Rubric;
use crate::i18n::Lang;
use crate::report::{AccountResult, Scheme, SheetFigures, SheetResult, account_result};
use crate::storage::Round;

/// One evaluator's sheet for the account.
#[derive(Debug, Clone, PartialEq)]
pub struct EvaluatorSheet {
    pub name: String,
    pub submitted: bool,
    pub entries: Vec<Entry>,
}

/// Everything a score sheet is built from.
pub struct SheetInput<'a> {
    pub round: &'a Round,
    pub rubric: &'a Rubric,
    pub scheme: &'a Scheme,
    pub account: &'a Account,
    pub evaluators: Vec<EvaluatorSheet>,
    pub lang: Lang,
    /// The chair's consensus per indicator (empty when nothing was reconciled).
    pub consensus: HashMap<String, crate::storage::ConsensusRow>,
    /// A calibration round: said beside the round's name.
    pub calibration: bool,
}

struct Scored {
    name: String,
    outcome: Outcome,
    entries: HashMap<String, Entry>,
    counts: bool,
    status: String,
}

/// Builds the sheet and returns it with the combined result it shows.
pub fn build_sheet(input: &SheetInput<'_>) -> (Sheet, AccountResult) {
    let (a, lang) = (input.account, input.lang);
    let scored: Vec<Scored> = input
        .evaluators
        .iter()
        .map(|e| score_one(input, e))
        .collect();
    let mut results: Vec<SheetResult> = scored
        .iter()
        .zip(&input.evaluators)
        .filter_map(|(s, e)| {
            SheetFigures::of(&s.outcome).into_sheet(a.id, s.name.clone(), e.submitted)
        })
        .collect();
    super::consensus::with_consensus(input, &mut results);
    let refs: Vec<&SheetResult> = results.iter().collect();
    let combined = account_result(input.scheme, a, &refs);
    let skeleton = engine::score(input.rubric, a.platform, a.level, &[]);
    let mut columns: Vec<String> = [
        lang.pick("编号", "Id"),
        lang.pick("指标", "Indicator"),
        lang.pick("类型", "Kind"),
        lang.pick("满分", "Max"),
    ]
    .map(String::from)
    .to_vec();
    for s in &scored {
        columns.push(format!("{} {}", s.name, lang.pick("录入", "entry")));
        columns.push(format!("{} {}", s.name, lang.pick("得分", "points")));
    }
    columns.push(lang.pick("综合", "Combined").into());
    columns.push(lang.pick("备注与证据", "Notes and evidence").into());
    let rows = rows(input, &skeleton, &scored, &combined);
    let mut sheet = Sheet {
        title: format!("{} · {}", a.name, lang.pick("评分表", "score sheet")),
        facts: facts(input, &scored),
        columns,
        rows,
        signatures: vec![
            lang.pick("评估人：__________", "Evaluator: __________")
                .into(),
            lang.pick("复核人：__________", "Reviewer: __________")
                .into(),
            lang.pick("日期：__________", "Date: __________").into(),
        ],
        account: a.name.clone(),
        platform: a.platform_label.clone(),
        total: combined.total,
    };
    super::consensus::add_columns(&mut sheet, &skeleton, &input.consensus, lang);
    (sheet, combined)
}

fn score_one(input: &SheetInput<'_>, e: &EvaluatorSheet) -> Scored {
    let a = input.account;
    let outcome = engine::score(input.rubric, a.platform, a.level, &e.entries);
    let status = SheetFigures::of(&outcome)
        .into_sheet(a.id, e.name.clone(), e.submitted)
        .map(|s| s.status);
    let lang = input.lang;
    let label = match status {
        Some(crate::report::SheetStatus::Submitted) => lang.pick("已提交", "submitted"),
        Some(crate::report::SheetStatus::Complete) => lang.pick("已完成", "complete"),
        Some(crate::report::SheetStatus::InProgress) => {
            lang.pick("进行中（不计入）", "in progress (not counted)")
        }
        None => lang.pick("未开始", "not started"),
    };
    Scored {
        name: e.name.clone(),
        entries: e
            .entries
            .iter()
            .map(|x| (x.indicator.clone(), x.clone()))
            .collect(),
        counts: status.is_some_and(|s| s.counts()),
        status: label.into(),
        outcome,
    }
}

fn facts(input: &SheetInput<'_>, scored: &[Scored]) -> Vec<(String, String)> {
    let (a, r, lang) = (input.account, input.round, input.lang);
    let who: Vec<String> = scored
        .iter()
        .map(|s| format!("{}（{}）", s.name, s.status))
        .collect();
    let pick = |zh: &str, en: &str| lang.pick(zh, en).to_string();
    vec![
        (pick("账号", "Account"), a.name.clone()),
        (pick("平台", "Platform"), a.platform_label.clone()),
        (pick("主办单位", "Host unit"), a.unit.clone()),
        (
            pick("层级", "Level"),
            lang.pick(a.level.label_zh(), a.level.label_en()).into(),
        ),
        (pick("地区", "Region"), a.region.clone()),
        (
            pick("评估轮次", "Round"),
            if input.calibration {
                format!(
                    "{}（{}）",
                    r.name,
                    pick(
                        "校准轮次，不计入正式结果",
                        "calibration round, not a live result"
                    )
                )
            } else {
                r.name.clone()
            },
        ),
        (
            pick("监测时间点", "Monitoring date"),
            r.monitoring_date.to_string(),
        ),
        (
            pick("评估体系", "Rubric"),
            format!("{} {}", input.rubric.name, r.rubric_version),
        ),
        (
            pick("计分规则", "Rounding"),
            crate::i18n::figure_msg::combining_note(
                lang,
                input.rubric.decimals,
                input.scheme.panel.method.code(),
            ),
        ),
        (pick("体系哈希", "Rubric hash"), r.rubric_hash.clone()),
        (
            pick("评估人", "Evaluators"),
            if who.is_empty() {
                "—".into()
            } else {
                who.join("、")
            },
        ),
    ]
}

fn rows(
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
            cells: vec![
                Cell::text(&cat.id),
                Cell::text(format!(
                    "{}（{} {}）",
                    cat.name,
                    lang.pick("权重", "weight"),
                    dec(cat.weight)
                )),
            ],
        });
        for (ii, item) in skeleton
            .items
            .iter()
            .enumerate()
            .filter(|(_, i)| i.category == cat.id)
        {
            out.push(item_row(input, ii, item, scored));
        }
        let mut cells = vec![
            Cell::Empty,
            Cell::text(lang.pick("小计", "Subtotal")),
            Cell::Empty,
            Cell::Fig(dec(cat.weight)),
        ];
        let na = || Cell::text(lang.pick("不适用", "n/a"));
        for s in scored {
            cells.push(Cell::Empty);
            cells.push(match s.outcome.categories.get(ci) {
                Some(c) if c.subtotal.is_some() => Cell::opt(c.subtotal),
                Some(_) if s.outcome.scored > 0 => na(),
                _ => Cell::Empty,
            });
        }
        cells.push(match combined.subtotals.get(ci).copied().flatten() {
            Some(x) => Cell::Fig(x),
            None if combined.points.is_some() => na(),
            None => Cell::Empty,
        });
        out.push(Row {
            kind: RowKind::Subtotal,
            cells,
        });
    }
    section(
        &mut out,
        input,
        skeleton,
        scored,
        "bonus",
        &bonus_title(input),
    );
    section(
        &mut out,
        input,
        skeleton,
        scored,
        "veto",
        lang.pick("单项否决", "Single vetoes"),
    );
    totals(&mut out, input, scored, combined);
    out
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
        cells: vec![Cell::Empty, Cell::text(title)],
    });
    for (ii, item) in items {
        out.push(item_row(input, ii, item, scored));
    }
}

fn item_row(
    input: &SheetInput<'_>,
    ii: usize,
    item: &engine::ItemResult,
    scored: &[Scored],
) -> Row {
    let lang = input.lang;
    let veto = item.kind == "Veto";
    let mut cells = vec![
        Cell::text(&item.id),
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
    for s in scored {
        let entry = s.entries.get(&item.id);
        let r = s.outcome.items.get(ii);
        cells.push(Cell::text(
            entry.map_or_else(String::new, |e| entry_text(e, &item.kind, lang)),
        ));
        // An item's points are exact (an entry as typed is never rounded).
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
    // The evaluators' mean for the item, published at the rubric's decimals (for reading: the
    // result combines the sheets' totals).
    let mean = crate::domain::stats::mean(&counted).map(|m| m.publish(input.rubric.decimals));
    cells.push(Cell::opt(
        mean.filter(|_| counted.len() > 1)
            .or(counted.first().copied()),
    ));
    cells.push(Cell::text(notes.join("\n")));
    Row {
        kind: RowKind::Item,
        cells,
    }
}

fn totals(out: &mut Vec<Row>, input: &SheetInput<'_>, scored: &[Scored], combined: &AccountResult) {
    let lang = input.lang;
    let line = |label: &str, per: &dyn Fn(&Scored) -> Cell, comb: Cell| {
        let mut cells = vec![Cell::Empty, Cell::text(label), Cell::Empty, Cell::Empty];
        for s in scored {
            cells.push(Cell::Empty);
            cells.push(per(s));
        }
        cells.push(comb);
        Row {
            kind: RowKind::Total,
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
    let dash_or = |t: Option<Figure>, final_result: bool| match t {
        Some(t) => Cell::Fig(t),
        None if final_result => Cell::text("—"),
        None => Cell::Empty,
    };
    out.push(line(
        lang.pick("总分", "Total"),
        &|s| dash_or(s.outcome.total, true),
        dash_or(combined.total, combined.has_result()),
    ));
    out.push(line(
        lang.pick("等级", "Grade"),
        &|s| Cell::text(s.outcome.grade.clone().unwrap_or_default()),
        Cell::text(combined.grade.clone().unwrap_or_else(|| "—".into())),
    ));
    let verdict = crate::report::tables::verdict_label(combined, lang);
    let mut v = line(
        lang.pick("结论", "Verdict"),
        &|s| {
            Cell::text(if s.counts {
                ""
            } else {
                lang.pick("不计入", "not counted")
            })
        },
        Cell::text(verdict),
    );
    if !combined.vetoes.is_empty() {
        let why: Vec<String> = combined.vetoes.iter().map(|x| x.label()).collect();
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
/// indicator, value, count, veto, na, note, evidence) plus the item's name and kind as a guide:
/// one row per item that applies to the account.
pub fn blank_rows(
    round: &Round,
    rubric: &Rubric,
    a: &Account,
    evaluator: &str,
) -> Vec<Vec<String>> {
    rubric
        .items()
        .into_iter()
        .filter(|i| i.common().applies(a.platform, a.level))
        .map(|i| {
            let c = i.common();
            vec![
                round.name.clone(),
                a.platform_label.clone(),
                a.name.clone(),
                evaluator.to_string(),
                c.id.clone(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                c.name.clone(),
            ]
        })
        .collect()
}
