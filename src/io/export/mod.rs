//! The one CSV writer and the one XLSX writer every command exports through: tables of typed
//! cells (numbers stay numbers), CSV in UTF-8 with a BOM and formula injection neutralised,
//! XLSX with a bold frozen header and a CJK-capable font.

mod csv;
mod xlsx;

pub use csv::{CsvOut, csv_bytes, csv_string, defuse, write_csv};
pub use xlsx::{XlsxError, sheet_name, write_xlsx, xlsx_bytes};

use crate::domain::figure::Figure;

/// One cell of an exported table.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    /// A published figure: CSV and text print it through [`Figure::text`]; XLSX writes the
    /// same value as a number with a format showing exactly its decimals.
    Fig(Figure),
    Int(i64),
    Empty,
}

impl Cell {
    pub fn text(s: impl Into<String>) -> Cell {
        Cell::Text(s.into())
    }

    /// A figure, or an empty cell for `None`.
    pub fn fig(x: Option<Figure>) -> Cell {
        x.map_or(Cell::Empty, Cell::Fig)
    }

    pub fn int(n: usize) -> Cell {
        Cell::Int(n as i64)
    }

    /// How the cell reads in a text table or CSV.
    pub fn display(&self) -> String {
        match self {
            Cell::Text(s) => s.clone(),
            Cell::Fig(f) => f.text(),
            Cell::Int(n) => n.to_string(),
            Cell::Empty => String::new(),
        }
    }
}

/// A named table: a header row and rows of cells.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Table {
    /// Sheet name in a workbook (made legal by [`sheet_name`]).
    pub name: String,
    pub header: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
}

impl Table {
    pub fn new(name: impl Into<String>, header: Vec<String>) -> Table {
        Table {
            name: name.into(),
            header,
            rows: Vec::new(),
        }
    }

    /// The rows as display strings (for aligned text tables and Markdown).
    pub fn text_rows(&self) -> Vec<Vec<String>> {
        self.rows
            .iter()
            .map(|r| r.iter().map(Cell::display).collect())
            .collect()
    }
}
