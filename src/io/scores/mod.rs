//! Import of score entries from CSV (UTF-8, BOM, GBK) or XLSX in the columns of
//! `sample-data/scores-*.csv`: reading and row-level checks of the cells; [`resolve`] then
//! checks each row against the round (accounts, rubric items, entry bounds). All or nothing:
//! any problem returns every problem found and nothing is written.

mod columns;
mod resolve;

use std::path::Path;

pub use columns::Column;
pub use resolve::{ResolvedEntry, resolve};

use super::accounts::{Cell, Encoding, ImportError, RowProblem, Said, read_table};
use crate::domain::entry::Entry;
use crate::domain::platform::Platform;

/// One row of a scores file, as read.
#[derive(Debug, Clone, PartialEq)]
pub struct ScoreRow {
    /// Spreadsheet row number (header = its own row).
    pub row: usize,
    /// The round named in the row, when the file has a round column.
    pub round: Option<String>,
    pub platform: Platform,
    pub account: String,
    pub evaluator: String,
    pub entry: Entry,
}

/// What a scores file held.
#[derive(Debug, Clone)]
pub struct ScoreFile {
    pub rows: Vec<ScoreRow>,
    pub encoding: Option<Encoding>,
    pub sheet: Option<String>,
}

/// Reads and checks the cells of a scores file; nothing is stored.
pub fn read_scores(path: &Path) -> Result<ScoreFile, ImportError> {
    let (table, encoding, sheet) = read_table(path, None)?;
    let header_at = table
        .rows
        .iter()
        .position(|r| r.iter().any(|c| *c != Cell::Empty))
        .ok_or_else(|| ImportError::Empty {
            path: path.to_path_buf(),
        })?;
    let header: Vec<String> = table.rows[header_at].iter().map(text).collect();
    let cols = columns::map(&header).map_err(|missing| ImportError::Csv {
        path: path.to_path_buf(),
        message: Said::new(
            format!(
                "no column for {}; found headers: {}. A scores file has the columns round, platform, account, evaluator, indicator, value, count, veto, na, note, evidence (or 轮次, 平台, 账号, 评估人, 指标, 分值, 次数, 否决, 不适用, 备注, 佐证)",
                missing.join(", "),
                header.join(", ")
            ),
            format!(
                "缺少列 {}；已有表头：{}。评分文件的列为 轮次、平台、账号、评估人、指标、分值、次数、否决、不适用、备注、佐证（或 round、platform、account、evaluator、indicator、value、count、veto、na、note、evidence）",
                missing.join("、"),
                header.join("、")
            ),
        ),
    })?;
    let mut rows = Vec::new();
    let mut problems = Vec::new();
    let first = table.first_row + header_at + 1;
    for (i, cells) in table.rows[header_at + 1..].iter().enumerate() {
        if cells.iter().all(|c| *c == Cell::Empty) {
            continue;
        }
        match columns::parse_row(&cols, &header, first + i, cells) {
            Ok(r) => rows.push(r),
            Err(mut p) => problems.append(&mut p),
        }
    }
    if !problems.is_empty() {
        return Err(ImportError::Rows {
            path: path.to_path_buf(),
            problems: capped(problems),
            data_rows: rows.len() + table.rows.len().saturating_sub(header_at + 1 + rows.len()),
        });
    }
    if rows.is_empty() {
        return Err(ImportError::Empty {
            path: path.to_path_buf(),
        });
    }
    Ok(ScoreFile {
        rows,
        encoding,
        sheet,
    })
}

/// A cell as text (spreadsheet numbers without a trailing ".0").
/// A cell as text; a `'` that our CSV writer put before a formula-like cell (see
/// [`crate::io::export::defuse`]) is taken off again, so a sheet round-trips.
pub(crate) fn text(c: &Cell) -> String {
    match c {
        Cell::Empty => String::new(),
        // The error value itself, refused by the column's parser with the row and column.
        Cell::Error(e) => e.clone(),
        Cell::Text(s) => crate::io::export::undefuse(s).to_string(),
        Cell::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => format!("{}", *n as i64),
        Cell::Number(n) => n.to_string(),
    }
}

/// At most 50 problems, the last saying how many more there were.
pub fn capped(mut problems: Vec<RowProblem>) -> Vec<RowProblem> {
    const MAX: usize = 50;
    if problems.len() > MAX {
        let more = problems.len() - MAX;
        let row = problems[MAX].row;
        problems.truncate(MAX);
        problems.push(problem(
            row,
            "…",
            "",
            says(
                &format!("and {more} more problems like these"),
                &format!("另有 {more} 处类似问题"),
            ),
        ));
    }
    problems
}

/// A row problem's reason in the interface's language (the importer runs inside a command
/// whose language is set once, see [`crate::i18n::current`]).
pub(crate) fn says(en: &str, zh: &str) -> String {
    crate::i18n::current().pick(zh, en).to_string()
}

/// A problem in one cell.
pub(crate) fn problem(row: usize, column: &str, value: &str, message: String) -> RowProblem {
    RowProblem {
        row,
        column: column.to_string(),
        value: value.to_string(),
        message,
        zh: None,
    }
}

#[cfg(test)]
mod tests;
