//! Import of account registries from CSV (UTF-8, UTF-8 with BOM, GBK) and XLSX as offices keep
//! them: header aliases, defaults for missing columns, and an all-or-nothing row-level report.

mod csv;
mod detect;
mod error;
mod headers;
pub mod limits;
mod refs;
mod rows;
mod words;
mod xlsx;

use std::path::Path;

use serde::Serialize;

pub use detect::Encoding;
pub use error::{ImportError, RowProblem, Said};
pub use headers::Field;

use crate::domain::account::Account;
use crate::domain::platform::Level;

/// Values for columns a file lacks (or leaves empty), as given on the command line
/// (`--level county --region 浙江省/丽水市/云和县`).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ImportDefaults {
    pub level: Option<Level>,
    pub region: Option<String>,
    pub domain: Option<String>,
    pub status: Option<String>,
}

/// One cell as read from a file, before it is interpreted for its column.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Cell {
    Empty,
    Text(String),
    /// A spreadsheet number (an Excel serial in a date column).
    Number(f64),
}

impl Cell {
    /// A text cell, trimmed; empty when nothing visible is left (only spaces, control or bidi
    /// characters), so such a name or unit is reported as missing rather than imported.
    pub(crate) fn text(s: &str) -> Cell {
        let t = s.trim();
        if t.chars()
            .all(|c| c.is_whitespace() || crate::text_safety::is_unsafe(c))
        {
            Cell::Empty
        } else {
            Cell::Text(t.to_string())
        }
    }
}

/// Rows read from a file; `first_row` is the spreadsheet row number (1-based) of `rows[0]`.
#[derive(Debug, Clone, Default)]
pub(crate) struct Table {
    pub first_row: usize,
    pub rows: Vec<Vec<Cell>>,
}

/// What an import read: the accounts and how the file was understood.
#[derive(Debug, Clone, Serialize)]
pub struct ImportReport {
    pub accounts: Vec<Account>,
    /// Text encoding of a CSV file; `None` for spreadsheets.
    pub encoding: Option<Encoding>,
    /// The sheet read from a workbook.
    pub sheet: Option<String>,
    /// Spreadsheet row number of the header row.
    pub header_row: usize,
    /// Columns that were not used (unknown or repeated headers).
    pub ignored_columns: Vec<String>,
    /// Fields taken from the defaults because the file has no column for them.
    pub defaulted: Vec<&'static str>,
    /// Cells holding control or bidi characters (imported as they are, shown escaped).
    pub warnings: Vec<RowProblem>,
}

/// Reads any CSV or spreadsheet file as a table of cells, with the registry importer's encoding
/// detection and delimiter sniffing (for other importers: metrics). Returns the table, the text
/// encoding (CSV) and the sheet read (workbooks).
pub(crate) fn read_any_table(
    path: &Path,
    sheet: Option<&str>,
) -> Result<(Table, Option<Encoding>, Option<String>), ImportError> {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    match ext.as_str() {
        "xlsx" | "xlsm" | "xls" | "ods" => {
            let (table, sheet) = xlsx::read_table(path, sheet)?;
            Ok((table, None, Some(sheet)))
        }
        "csv" | "txt" | "tsv" => {
            let (table, encoding) = csv::read_table(path)?;
            Ok((table, Some(encoding), None))
        }
        _ => Err(ImportError::Format {
            path: path.to_path_buf(),
            ext,
        }),
    }
}

/// The sheet names of a workbook (.xlsx, .xls, .ods), in order.
pub(crate) fn workbook_sheets(path: &Path) -> Result<Vec<String>, ImportError> {
    xlsx::sheet_names(path)
}

/// Parses CSV text already in memory (embedded sample data) as a table of cells.
pub(crate) fn parse_csv_text(name: &str, text: &str) -> Result<Table, ImportError> {
    csv::parse(Path::new(name), text.trim_start_matches('\u{feff}'))
}

/// Reads the accounts of a CSV or XLSX registry (first sheet). Parses only; nothing is stored.
pub fn read_accounts(path: &Path, defaults: &ImportDefaults) -> Result<Vec<Account>, ImportError> {
    Ok(read_accounts_report(path, defaults, None)?.accounts)
}

/// Reads accounts from CSV text already in memory (e.g. embedded sample data); `name` is what
/// row-level errors call the file.
pub fn read_accounts_csv_text(
    name: &str,
    text: &str,
    defaults: &ImportDefaults,
) -> Result<Vec<Account>, ImportError> {
    let path = Path::new(name);
    let table = csv::parse(path, text.trim_start_matches('\u{feff}'))?;
    Ok(rows::to_accounts(path, &table, defaults)?.accounts)
}

/// Like [`read_accounts`], with a named sheet for workbooks and a report of the encoding,
/// header row, ignored columns, defaults used and cells with terminal control characters.
pub fn read_accounts_report(
    path: &Path,
    defaults: &ImportDefaults,
    sheet: Option<&str>,
) -> Result<ImportReport, ImportError> {
    let (table, encoding, sheet) = read_table(path, sheet)?;
    let warnings = unsafe_cells(&table);
    let parsed = rows::to_accounts(path, &table, defaults)?;
    Ok(ImportReport {
        accounts: parsed.accounts,
        encoding,
        sheet,
        header_row: parsed.header_row,
        ignored_columns: parsed.ignored,
        defaulted: parsed.defaulted,
        warnings,
    })
}

/// The cells of a CSV file (any supported encoding) or of a workbook's first or named sheet,
/// with the encoding or sheet read: the shared reader of every tabular import.
pub(crate) fn read_table(
    path: &Path,
    sheet: Option<&str>,
) -> Result<(Table, Option<Encoding>, Option<String>), ImportError> {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    Ok(match ext.as_str() {
        "xlsx" | "xlsm" | "xls" | "ods" => {
            let (table, sheet) = xlsx::read_table(path, sheet)?;
            (table, None, Some(sheet))
        }
        "csv" | "txt" | "tsv" => {
            let (table, encoding) = csv::read_table(path)?;
            (table, Some(encoding), None)
        }
        _ => {
            return Err(ImportError::Format {
                path: path.to_path_buf(),
                ext,
            });
        }
    })
}

/// Every text cell with a control or bidi character, by spreadsheet row and column letter.
fn unsafe_cells(table: &Table) -> Vec<RowProblem> {
    let mut found = Vec::new();
    for (i, row) in table.rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            let Cell::Text(s) = cell else { continue };
            if let Some(chars) = crate::text_safety::describe_unsafe(s) {
                found.push(RowProblem {
                    row: table.first_row + i,
                    column: limits::column_name(c as u32),
                    value: crate::text_safety::escape_cell(s).into_owned(),
                    message: format!(
                        "control or bidi characters {chars}: imported as they are and shown escaped; remove them if they were not meant"
                    ),
                });
            }
        }
    }
    found
}
