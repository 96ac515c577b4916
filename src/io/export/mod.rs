//! The one CSV writer and the one XLSX writer every command exports through: tables of typed
//! cells (numbers stay numbers, rates stay fractions, dates stay dates), CSV in UTF-8 with a BOM
//! and formula injection neutralised, XLSX laid out to print on A4 (see [`xlsx`]).

mod csv;
mod sheet;
mod xlsx;
mod xlsx_layout;

pub use csv::{CsvOut, csv_bytes, csv_string, defuse, undefuse, write_csv};
pub use sheet::{Section, Sheet};
pub use xlsx::{Book, XlsxError, book_bytes, sheet_name, write_book, write_xlsx, xlsx_bytes};

use crate::domain::figure::Figure;

/// One cell of an exported table.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    /// A published figure: CSV and text print it through [`Figure::text`]; XLSX writes the
    /// same value as a number with a format showing exactly its decimals.
    Fig(Figure),
    Int(i64),
    /// A published rate (a fraction, [`Figure::rate`]) shown as a percentage: text and CSV print
    /// the percentage (0.993 → 99.3, under a header that says %), XLSX keeps the fraction with a
    /// % format showing the same digits (99.3%).
    Rate(Figure),
    /// A calendar date (XLSX: a date cell formatted yyyy-mm-dd).
    Date(chrono::NaiveDate),
    /// Text that links to another worksheet of the same workbook (XLSX); plain text elsewhere.
    Link {
        text: String,
        sheet: String,
    },
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

    /// A rate as a percentage, or an empty cell for `None`.
    pub fn rate(x: Option<Figure>) -> Cell {
        x.map_or(Cell::Empty, Cell::Rate)
    }

    pub fn int(n: usize) -> Cell {
        Cell::Int(n as i64)
    }

    /// 是 / 否 (yes / no): never a TRUE/FALSE cell.
    pub fn yes_no(b: bool, lang: crate::i18n::Lang) -> Cell {
        Cell::text(if b {
            lang.pick("是", "yes")
        } else {
            lang.pick("否", "no")
        })
    }

    /// A date written as `YYYY-MM-DD` becomes a date cell; anything else stays text.
    pub fn date_or_text(s: &str) -> Cell {
        chrono::NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
            .map_or_else(|_| Cell::text(s), Cell::Date)
    }

    /// How the cell reads in a text table or CSV.
    pub fn display(&self) -> String {
        match self {
            Cell::Text(s) => s.clone(),
            Cell::Fig(f) => f.text(),
            Cell::Rate(f) => f.percent().text(),
            Cell::Int(n) => n.to_string(),
            Cell::Date(d) => d.format("%Y-%m-%d").to_string(),
            Cell::Link { text, .. } => text.clone(),
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

/// A workbook that could not be written, in words: the operating system's reason when it is
/// one, otherwise the writer's own text quoted.
impl crate::i18n::errors::Localized for XlsxError {
    fn say(&self, lang: crate::i18n::Lang) -> Option<String> {
        use crate::i18n::{Lang, msg};
        let XlsxError::Write { path, source } = self else {
            return None;
        };
        let path = std::path::Path::new(path);
        Some(match source {
            rust_xlsxwriter::XlsxError::IoError(e) => msg::cannot_write(lang, path, e),
            other => match lang {
                Lang::Zh => format!("无法写出工作簿 {}（「{other}」）", path.display()),
                Lang::En => format!("cannot write the workbook {}: {other}", path.display()),
            },
        })
    }
}
