//! One sheet of a rubric workbook as read: its header row mapped to columns, its data rows with
//! their spreadsheet numbers, and the readers of a cell (text, number, lists, platforms, levels)
//! that note every cell that does not read, by sheet, row and column.

use std::collections::HashMap;
use std::hash::Hash;

use super::CellProblem;
use crate::domain::platform::{Level, Platform};
use crate::i18n::{Lang, msg};
use crate::io::accounts::{Cell, Said, Table};

/// A sheet: columns found in its header row, and its non-empty rows below it.
pub(super) struct Sheet<C> {
    pub name: String,
    pub cols: HashMap<C, usize>,
    pub headers: Vec<String>,
    /// (spreadsheet row number, cells)
    pub rows: Vec<(usize, Vec<Cell>)>,
}

/// Problems found so far, in the order met.
#[derive(Default)]
pub(super) struct Problems(pub Vec<CellProblem>);

impl<C: Copy + Eq + Hash> Sheet<C> {
    /// The sheet with its header row: the first of the top 20 rows that names every column in
    /// `needed` (through `col_of`); `None` when no row does.
    pub fn find(
        name: &str,
        table: Table,
        col_of: impl Fn(&str) -> Option<C>,
        needed: &[C],
    ) -> Option<Sheet<C>> {
        let at = table.rows.iter().take(20).position(|r| {
            let found: Vec<C> = r.iter().filter_map(|c| col_of(&text(c))).collect();
            needed.iter().all(|n| found.contains(n))
        })?;
        let headers: Vec<String> = table.rows[at].iter().map(text).collect();
        let mut cols = HashMap::new();
        for (i, h) in headers.iter().enumerate() {
            if let Some(c) = col_of(h) {
                cols.entry(c).or_insert(i);
            }
        }
        let rows = table
            .rows
            .into_iter()
            .enumerate()
            .skip(at + 1)
            .filter(|(_, r)| r.iter().any(|c| *c != Cell::Empty))
            .map(|(k, r)| (table.first_row + k, r))
            .collect();
        Some(Sheet {
            name: name.to_string(),
            cols,
            headers,
            rows,
        })
    }

    /// The cell's text (a number as it reads), trimmed; empty when the column is missing.
    pub fn text(&self, row: &[Cell], col: C) -> String {
        self.cols
            .get(&col)
            .and_then(|&i| row.get(i))
            .map(text)
            .unwrap_or_default()
    }

    /// Notes a problem in this cell.
    pub fn bad(&self, p: &mut Problems, n: usize, col: C, en: String, zh: String) {
        let i = self.cols.get(&col).copied().unwrap_or(0);
        let letter = crate::io::accounts::limits::column_name(i as u32);
        let header = self.headers.get(i).cloned().unwrap_or_default();
        p.0.push(CellProblem {
            sheet: self.name.clone(),
            row: n,
            col: Some((letter, header)),
            message: Said::new(en, zh),
        });
    }

    /// A number: `Ok(None)` for an empty cell, `Err(())` (noted) for one that is not a number.
    /// A trailing 分 is allowed (10分).
    #[allow(clippy::result_unit_err)]
    pub fn number(
        &self,
        p: &mut Problems,
        n: usize,
        row: &[Cell],
        col: C,
    ) -> Result<Option<f64>, ()> {
        let Some(cell) = self.cols.get(&col).and_then(|&i| row.get(i)) else {
            return Ok(None);
        };
        match cell {
            Cell::Empty => Ok(None),
            Cell::Number(x) if x.is_finite() => Ok(Some(*x)),
            other => {
                let t = text(other);
                let trimmed = t.trim_end_matches('分').trim();
                match trimmed.parse::<f64>() {
                    Ok(x) if x.is_finite() => Ok(Some(x)),
                    _ => {
                        let say = |l| msg::cell_not_number(l, &t);
                        self.bad(p, n, col, say(Lang::En), say(Lang::Zh));
                        Err(())
                    }
                }
            }
        }
    }

    /// Platforms named in the cell (顿号, commas or semicolons between them).
    pub fn platforms(&self, p: &mut Problems, n: usize, row: &[Cell], col: C) -> Vec<Platform> {
        let mut out = Vec::new();
        for part in list(&self.text(row, col), true) {
            match Platform::parse(&part) {
                Some(x) if !out.contains(&x) => out.push(x),
                Some(_) => {}
                None => self.bad(
                    p,
                    n,
                    col,
                    Platform::unknown_message(Lang::En, &part),
                    Platform::unknown_message(Lang::Zh, &part),
                ),
            }
        }
        out
    }

    /// Administrative levels named in the cell.
    pub fn levels(&self, p: &mut Problems, n: usize, row: &[Cell], col: C) -> Vec<Level> {
        let mut out = Vec::new();
        for part in list(&self.text(row, col), true) {
            match Level::parse(&part) {
                Some(x) if !out.contains(&x) => out.push(x),
                Some(_) => {}
                None => self.bad(
                    p,
                    n,
                    col,
                    msg::bad_level(Lang::En, &part),
                    msg::bad_level(Lang::Zh, &part),
                ),
            }
        }
        out
    }

    /// A word from a fixed set read by `parse`, or `None` for an empty cell (noted when bad).
    pub fn word<T>(
        &self,
        p: &mut Problems,
        (n, row): (usize, &[Cell]),
        col: C,
        parse: impl Fn(&str) -> Option<T>,
        choices: &str,
    ) -> Option<T> {
        let t = self.text(row, col);
        if t.is_empty() {
            return None;
        }
        let v = parse(&t);
        if v.is_none() {
            let say = |l| msg::cell_not_one_of(l, &t, choices);
            self.bad(p, n, col, say(Lang::En), say(Lang::Zh));
        }
        v
    }
}

/// A cell as text: trimmed text, a number in its shortest exact form, or empty.
pub(super) fn text(c: &Cell) -> String {
    match c {
        Cell::Text(s) => s.trim().to_string(),
        Cell::Number(x) => format!("{x}"),
        Cell::Empty => String::new(),
    }
}

/// The parts of a list cell: one a line; without line breaks, split at ；; (and, for names,
/// at 、，, and /). Empty parts are dropped.
pub(super) fn list(s: &str, names: bool) -> Vec<String> {
    let lines = s.contains('\n');
    s.split(|c: char| {
        c == '\n'
            || (!lines && (c == '；' || c == ';'))
            || (names && matches!(c, '、' | '，' | ',' | '/' | '；' | ';'))
    })
    .map(|t| t.trim().to_string())
    .filter(|t| !t.is_empty())
    .collect()
}

/// `优=10；良=8` (also `优 10`, `优：10`, `优≥90`): names with numbers, or `None`.
pub(super) fn pairs(s: &str) -> Option<Vec<(String, f64)>> {
    let mut out = Vec::new();
    for part in list(s, false) {
        let cut = part
            .char_indices()
            .rev()
            .find(|(_, c)| matches!(c, '=' | '＝' | '：' | ':' | '≥' | ' ' | '>'))?;
        let name = part[..cut.0].trim().trim_end_matches(['>', '＞']).trim();
        let value: f64 = part[cut.0 + cut.1.len_utf8()..]
            .trim()
            .trim_end_matches('分')
            .parse()
            .ok()?;
        if name.is_empty() || !value.is_finite() {
            return None;
        }
        out.push((name.to_string(), value));
    }
    Some(out)
}
