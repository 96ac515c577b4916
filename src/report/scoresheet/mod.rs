//! Score sheets (评分表): one account's sheet as a table model — header facts, every item by its
//! Chinese name with the rubric's maximum, each evaluator's entry and points beside the
//! combined value (不适用 where the item does not apply), category subtotals, bonus with its
//! gate, vetoes, total, grade, verdict, and signature lines; the indicator id only in the last
//! column. Renderers (XLSX, CSV, Markdown) only lay the model out, so every format shows the
//! same numbers.

mod build;
pub mod consensus;
mod input;
pub mod load;
pub mod names;
mod rows;
mod text;
mod xlsx;

pub use build::build_sheet;
pub use input::{EvaluatorSheet, SheetInput};
pub use rows::{blank_rows, entry_text};
pub use text::{render_csv_rows, render_md};
pub use xlsx::{SheetBook, SplitWriter};

use serde::Serialize;

/// A cell of the sheet: text or a number (numbers stay numbers in every format).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Cell {
    Text(String),
    Num(f64),
    Empty,
}

impl Cell {
    pub fn text(s: impl Into<String>) -> Cell {
        Cell::Text(s.into())
    }

    pub fn opt(x: Option<f64>) -> Cell {
        x.map_or(Cell::Empty, Cell::Num)
    }

    /// The cell as plain text (numbers without float noise).
    pub fn plain(&self) -> String {
        match self {
            Cell::Text(s) => s.clone(),
            Cell::Num(x) => crate::report::bulletin::num(Some(*x)),
            Cell::Empty => String::new(),
        }
    }
}

/// What a row is, for styling.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum RowKind {
    Category,
    Item,
    Subtotal,
    Section,
    Total,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Row {
    pub kind: RowKind,
    /// The indicator (or category) the row is about, printed in the last column.
    pub id: Option<String>,
    /// The cells up to the notes column (the id column is added by [`Row::cells_with_id`]).
    pub cells: Vec<Cell>,
}

impl Row {
    /// The row's cells in the sheet's columns: `width - 1` cells, then the id.
    pub fn cells_with_id(&self, width: usize) -> Vec<Cell> {
        let mut c = self.cells.clone();
        c.resize(width.saturating_sub(1), Cell::Empty);
        c.push(self.id.clone().map_or(Cell::Empty, Cell::Text));
        c
    }
}

/// One account's score sheet, ready to render.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Sheet {
    pub title: String,
    /// (label, value) lines above the table.
    pub facts: Vec<(String, String)>,
    pub columns: Vec<String>,
    pub rows: Vec<Row>,
    /// Lines under the table: 评估人（签字）／日期, 复核人（签字）／日期.
    pub signatures: Vec<String>,
    /// The rubric's decimals (numbers print at them).
    pub decimals: usize,
    /// The account's name and platform as filed (for sheet and file names).
    pub account: String,
    pub platform: String,
    /// The combined total at the rubric's precision (None: unfinished or no score).
    pub total: Option<f64>,
}
