//! Score sheets as XLSX through the one workbook writer ([`crate::io::export`]): a workbook
//! with a summary sheet first (linking to each account's sheet) and one sheet per account, or
//! one workbook per account (`--split`). The writer prints them on A4, landscape when wide.

use std::path::{Path, PathBuf};

use super::names::safe_file_stem;
use super::{Cell, RowKind, Sheet};
use crate::i18n::Lang;
use crate::io::export::{self, Book, Section, Table, XlsxError};

/// Widest the text columns grow before wrapping: the indicator's name, each evaluator's entry,
/// the consensus, the notes and evidence, the id. Three evaluators stay within A4 landscape at
/// full size (about 140 character units).
const NAME: f64 = 20.0;
const ENTRY: f64 = 9.0;
const NOTES: f64 = 30.0;
const ID: f64 = 15.0;

fn cell(c: &Cell, decimals: usize) -> export::Cell {
    match c {
        Cell::Text(s) => export::Cell::Text(s.clone()),
        Cell::Num(x) => export::Cell::Num(*x, decimals),
        Cell::Empty => export::Cell::Empty,
    }
}

/// One account's sheet as the writer lays it out.
pub fn printed(sheet: &Sheet) -> export::Sheet {
    let width = sheet.columns.len();
    let mut t = Table::new(sheet.account.clone(), sheet.columns.clone());
    let mut strong = Vec::new();
    for (i, r) in sheet.rows.iter().enumerate() {
        if r.kind != RowKind::Item {
            strong.push(i);
        }
        let cells = r.cells_with_id(width);
        t.rows
            .push(cells.iter().map(|c| cell(c, sheet.decimals)).collect());
    }
    let mut caps = vec![
        (0, NAME),
        (width.saturating_sub(2), NOTES),
        (width.saturating_sub(1), ID),
    ];
    // Evaluators' entry and points columns, and the consensus (between 综合 and the notes).
    caps.extend((3..width.saturating_sub(2)).map(|c| (c, ENTRY)));
    let mut section = Section::new(t);
    section.strong = strong;
    section.filter = false;
    export::Sheet {
        name: sheet.account.clone(),
        title: Some(sheet.title.clone()),
        facts: sheet
            .facts
            .iter()
            .map(|(k, v)| (k.clone(), export::Cell::date_or_text(v)))
            .collect(),
        sections: vec![section],
        closing: sheet.signatures.clone(),
        caps,
        ..export::Sheet::default()
    }
}

/// A workbook of score sheets being written: the accounts' sheets as they come, the summary
/// (first tab) at the end.
pub struct SheetBook {
    book: Book,
    summary_title: String,
    summary: Table,
}

impl SheetBook {
    /// A workbook whose first sheet will list the accounts (`columns`, then a link column).
    pub fn new(
        summary_title: &str,
        columns: Vec<String>,
        lang: Lang,
    ) -> Result<SheetBook, XlsxError> {
        let mut book = Book::new();
        let name = book.reserve_first(lang.pick("汇总", "Summary"))?;
        let mut head = columns;
        head.push(lang.pick("评分表", "Sheet").into());
        Ok(SheetBook {
            book,
            summary_title: summary_title.to_string(),
            summary: Table::new(name, head),
        })
    }

    /// Adds one account's sheet and its summary line.
    pub fn add(&mut self, sheet: &Sheet, summary: Vec<Cell>) -> Result<(), XlsxError> {
        let name = self.book.add(&printed(sheet))?;
        let mut row: Vec<export::Cell> = summary.iter().map(|c| cell(c, sheet.decimals)).collect();
        row.push(export::Cell::Link {
            text: name.clone(),
            sheet: name,
        });
        self.summary.rows.push(row);
        Ok(())
    }

    /// Writes the summary sheet and saves the workbook.
    pub fn save(mut self, path: &Path) -> Result<(), XlsxError> {
        let mut s = export::Sheet::from(self.summary);
        s.title = Some(self.summary_title);
        s.caps = vec![(0, 24.0), (2, 24.0), (4, 24.0)];
        self.book.fill_first(&s)?;
        self.book.save(path)
    }
}

/// Writes one workbook per account into a directory, with safe file names that stay unique
/// across the whole run (`<round>-<platform>-<account>.xlsx`).
pub struct SplitWriter {
    dir: PathBuf,
    prefix: String,
    used: std::collections::HashSet<String>,
    pub written: usize,
}

impl SplitWriter {
    pub fn new(dir: &Path, prefix: &str) -> SplitWriter {
        SplitWriter {
            dir: dir.to_path_buf(),
            prefix: prefix.to_string(),
            used: std::collections::HashSet::new(),
            written: 0,
        }
    }

    /// Writes one sheet as its own workbook; returns its path.
    pub fn write(&mut self, sheet: &Sheet) -> Result<PathBuf, XlsxError> {
        let stem = safe_file_stem(&format!(
            "{}-{}-{}",
            self.prefix, sheet.platform, sheet.account
        ));
        let mut name = format!("{stem}.xlsx");
        let mut n = 2;
        while !self.used.insert(name.to_lowercase()) {
            name = format!("{stem}~{n}.xlsx");
            n += 1;
        }
        let path = self.dir.join(name);
        export::write_book(&path, &[printed(sheet)])?;
        self.written += 1;
        Ok(path)
    }
}
