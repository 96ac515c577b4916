//! The columns of a scores file, their header spellings, and the reading of one row.

use super::{ScoreRow, problem, says, text};
use crate::domain::entry::Entry;
use crate::domain::platform::Platform;
use crate::io::accounts::{Cell, RowProblem};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    Round,
    Platform,
    Account,
    Evaluator,
    Indicator,
    Value,
    Count,
    Veto,
    Na,
    Note,
    Evidence,
}

impl Column {
    pub const ALL: [Column; 11] = [
        Column::Round,
        Column::Platform,
        Column::Account,
        Column::Evaluator,
        Column::Indicator,
        Column::Value,
        Column::Count,
        Column::Veto,
        Column::Na,
        Column::Note,
        Column::Evidence,
    ];

    /// Accepted header spellings; the first is the canonical one.
    pub fn aliases(self) -> &'static [&'static str] {
        match self {
            Column::Round => &["round", "轮次", "评估轮次"],
            Column::Platform => &["platform", "平台", "新媒体类型", "类型"],
            Column::Account => &["account", "账号", "账号名称", "新媒体名称", "名称"],
            Column::Evaluator => &["evaluator", "评估人", "评分人", "评估员"],
            Column::Indicator => &["indicator", "指标", "指标编号", "指标id"],
            Column::Value => &["value", "分值", "得分", "评分"],
            Column::Count => &["count", "次数", "处数"],
            Column::Veto => &["veto", "否决", "一票否决", "否决理由"],
            Column::Na => &["na", "n/a", "不适用"],
            Column::Note => &["note", "备注", "说明"],
            Column::Evidence => &["evidence", "佐证", "证据", "佐证材料"],
        }
    }

    fn required(self) -> bool {
        matches!(
            self,
            Column::Platform | Column::Account | Column::Evaluator | Column::Indicator
        )
    }
}

/// Column positions by [`Column::ALL`] order; `Err` lists the missing required columns.
pub(super) fn map(header: &[String]) -> Result<[Option<usize>; 11], Vec<String>> {
    let mut at = [None; 11];
    for (slot, col) in at.iter_mut().zip(Column::ALL) {
        *slot = header.iter().position(|h| {
            let h = h.trim().to_lowercase();
            col.aliases().iter().any(|a| *a == h)
        });
    }
    let missing: Vec<String> = Column::ALL
        .iter()
        .zip(at)
        .filter(|(c, a)| c.required() && a.is_none())
        .map(|(c, _)| c.aliases()[0].to_string())
        .collect();
    if missing.is_empty() {
        Ok(at)
    } else {
        Err(missing)
    }
}

/// Reads one data row; every problem of the row is returned.
pub(super) fn parse_row(
    at: &[Option<usize>; 11],
    header: &[String],
    row: usize,
    cells: &[Cell],
) -> Result<ScoreRow, Vec<RowProblem>> {
    let get = |c: Column| -> (String, String) {
        let i = at[c as usize];
        let name = i.map_or(c.aliases()[0].to_string(), |i| header[i].clone());
        let value = i.and_then(|i| cells.get(i)).map(text).unwrap_or_default();
        (name, value.trim().to_string())
    };
    let mut problems = Vec::new();
    let need = |c: Column, problems: &mut Vec<RowProblem>| {
        let (name, v) = get(c);
        if v.is_empty() {
            problems.push(problem(
                row,
                &name,
                "",
                says("is empty; every row needs it", "为空；每一行都要填写"),
            ));
        }
        v
    };
    let platform_text = need(Column::Platform, &mut problems);
    let account = need(Column::Account, &mut problems);
    let evaluator = need(Column::Evaluator, &mut problems);
    let indicator = need(Column::Indicator, &mut problems);
    let platform = Platform::parse(&platform_text);
    if platform.is_none() && !platform_text.is_empty() {
        let (name, _) = get(Column::Platform);
        let message = Platform::unknown_message(crate::i18n::current(), &platform_text);
        problems.push(problem(row, &name, &platform_text, message));
    }
    let value = number(get(Column::Value), row, &mut problems);
    let count = count(get(Column::Count), row, &mut problems);
    let na = flag(get(Column::Na), row, &mut problems);
    let (_, veto) = get(Column::Veto);
    let (_, evidence) = get(Column::Evidence);
    let (_, round) = get(Column::Round);
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(ScoreRow {
        row,
        round: (!round.is_empty()).then_some(round),
        platform: platform.unwrap_or(Platform::Other),
        account,
        evaluator,
        entry: Entry {
            indicator,
            value,
            count,
            veto: (!veto.is_empty()).then_some(veto),
            na,
            note: get(Column::Note).1,
            evidence: evidence
                .split(['|', '\n'])
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(String::from)
                .collect(),
        },
    })
}

fn number((name, v): (String, String), row: usize, p: &mut Vec<RowProblem>) -> Option<f64> {
    if v.is_empty() {
        return None;
    }
    match v.parse::<f64>() {
        Ok(x) if x.is_finite() => Some(x),
        _ => {
            p.push(problem(
                row,
                &name,
                &v,
                says(
                    "is not a number; write points such as 8 or 7.5",
                    "不是数字；请写分值，例如 8 或 7.5",
                ),
            ));
            None
        }
    }
}

fn count((name, v): (String, String), row: usize, p: &mut Vec<RowProblem>) -> Option<u32> {
    if v.is_empty() {
        return None;
    }
    match v.parse::<u32>() {
        Ok(n) => Some(n),
        Err(_) => {
            p.push(problem(
                row,
                &name,
                &v,
                says(
                    "is not a whole number of instances (0, 1, 2, …)",
                    "不是次数（0、1、2……的整数）",
                ),
            ));
            None
        }
    }
}

fn flag((name, v): (String, String), row: usize, p: &mut Vec<RowProblem>) -> bool {
    match v.to_lowercase().as_str() {
        "" | "0" | "false" | "no" | "n" | "否" => false,
        "1" | "true" | "yes" | "y" | "是" | "√" => true,
        _ => {
            p.push(problem(
                row,
                &name,
                &v,
                says(
                    "write 1 or 是 for not applicable, leave it empty otherwise",
                    "不适用时写 1 或 是，否则留空",
                ),
            ));
            false
        }
    }
}
