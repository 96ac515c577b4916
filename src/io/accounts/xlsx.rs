//! Spreadsheet registries (XLSX, and XLS/ODS through calamine): the first or a named sheet.

use std::path::Path;

use calamine::{Data, Reader, open_workbook_auto};

use super::{Cell, ImportError, Table};

pub(super) fn read_table(path: &Path, sheet: Option<&str>) -> Result<(Table, String), ImportError> {
    let workbook_err = |e: calamine::Error| ImportError::Workbook {
        path: path.to_path_buf(),
        message: e.to_string(),
    };
    let mut book = open_workbook_auto(path).map_err(workbook_err)?;
    let names = book.sheet_names();
    let name = match sheet {
        Some(s) => names
            .iter()
            .find(|n| n.as_str() == s)
            .cloned()
            .ok_or_else(|| ImportError::NoSheet {
                path: path.to_path_buf(),
                sheet: s.to_string(),
                available: names.clone(),
            })?,
        None => names.first().cloned().ok_or_else(|| ImportError::Empty {
            path: path.to_path_buf(),
        })?,
    };
    let range = book.worksheet_range(&name).map_err(workbook_err)?;
    let first_row = range.start().map_or(1, |(r, _)| r as usize + 1);
    let first_col = range.start().map_or(0, |(_, c)| c as usize);
    let rows = range
        .rows()
        .map(|r| {
            // Keep column positions stable when the used range does not start in column A.
            std::iter::repeat_n(Cell::Empty, first_col)
                .chain(r.iter().map(cell))
                .collect()
        })
        .collect();
    Ok((Table { first_row, rows }, name))
}

fn cell(d: &Data) -> Cell {
    match d {
        Data::Empty | Data::Error(_) => Cell::Empty,
        Data::String(s) if s.trim().is_empty() => Cell::Empty,
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => {
            Cell::Text(s.trim().to_string())
        }
        Data::Int(i) => Cell::Number(*i as f64),
        Data::Float(f) => Cell::Number(*f),
        Data::Bool(b) => Cell::Text(b.to_string()),
        Data::DateTime(dt) => {
            // An Excel serial; as a date it is interpreted by the date column.
            Cell::Number(dt.as_f64())
        }
    }
}
