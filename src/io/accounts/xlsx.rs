//! Spreadsheet registries (XLSX, and XLS/ODS through calamine): the first or a named sheet.
//! XLSX sheets are streamed cell by cell within the limits of [`super::limits`]; a sheet's
//! declared or used area is never allocated before it is checked.

use std::path::Path;

use calamine::{Data, DataRef, Reader, Xlsx, open_workbook, open_workbook_auto};

use super::limits::{self, MAX_CELLS};
use super::{Cell, ImportError, Said, Table};

/// A workbook reader's own diagnostic (English), quoted as it is in the Chinese message.
fn workbook_err(path: &Path) -> impl Fn(String) -> ImportError + '_ {
    move |raw| ImportError::Workbook {
        path: path.to_path_buf(),
        message: Said::quoting("", "工作簿已损坏或不是所支持的格式（读取器报告：", &raw)
            .closed("）"),
    }
}

/// The sheet to read: the named one, else the first.
fn pick_sheet(path: &Path, names: Vec<String>, sheet: Option<&str>) -> Result<String, ImportError> {
    match sheet {
        Some(s) => names
            .iter()
            .find(|n| n.as_str() == s)
            .cloned()
            .ok_or_else(|| ImportError::NoSheet {
                path: path.to_path_buf(),
                sheet: s.to_string(),
                available: names.clone(),
            }),
        None => names.first().cloned().ok_or_else(|| ImportError::Empty {
            path: path.to_path_buf(),
        }),
    }
}

/// The names of a workbook's sheets, in order (after the same size checks as a read).
pub(super) fn sheet_names(path: &Path) -> Result<Vec<String>, ImportError> {
    limits::check_file_size(path)?;
    limits::check_zip(path)?;
    let book = open_workbook_auto(path).map_err(|e| workbook_err(path)(e.to_string()))?;
    Ok(book.sheet_names())
}

pub(super) fn read_table(path: &Path, sheet: Option<&str>) -> Result<(Table, String), ImportError> {
    limits::check_file_size(path)?;
    limits::check_zip(path)?;
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    if matches!(ext.as_deref(), Some("xlsx" | "xlsm"))
        && let Ok(book) = open_workbook::<Xlsx<_>, _>(path)
    {
        return read_xlsx(path, book, sheet);
    }
    read_other(path, sheet)
}

/// Streams an XLSX sheet: the declared dimension, then every cell's position, are checked
/// against the limits before the table is built.
fn read_xlsx<RS: std::io::Read + std::io::Seek>(
    path: &Path,
    mut book: Xlsx<RS>,
    sheet: Option<&str>,
) -> Result<(Table, String), ImportError> {
    let err = workbook_err(path);
    let name = pick_sheet(path, book.sheet_names(), sheet)?;
    let mut reader = book
        .worksheet_cells_reader(&name)
        .map_err(|e| err(e.to_string()))?;
    let dim = reader.dimensions();
    limits::check_area(path, true, dim.start, dim.end)?;
    // Rows are filled as cells stream in (in sheet order, usually ascending); the area is
    // checked whenever it grows, so nothing beyond the limits is ever allocated.
    let mut rows: Vec<Vec<Cell>> = Vec::new();
    let (mut first, mut last, mut max_col, mut count) = (u32::MAX, 0u32, 0u32, 0u64);
    while let Some(c) = reader.next_cell().map_err(|e| err(e.to_string()))? {
        let value = cell_ref(c.get_value());
        if value == Cell::Empty {
            continue; // Formatted but empty cells do not widen the table.
        }
        let (row, col) = c.get_position();
        count += 1;
        if row < first || row > last || col > max_col || count > MAX_CELLS {
            let new_first = first.min(row);
            last = last.max(row);
            max_col = max_col.max(col);
            limits::check_area(path, false, (new_first, 0), (last, max_col))?;
            if count > MAX_CELLS {
                return Err(limits::too_large(
                    path,
                    Said::new(
                        format!("the sheet holds more than {MAX_CELLS} cells"),
                        format!("工作表超过 {MAX_CELLS} 个单元格"),
                    ),
                    Said::new(
                        format!("{MAX_CELLS} cells"),
                        format!("{MAX_CELLS} 个单元格"),
                    ),
                ));
            }
            if new_first < first && !rows.is_empty() {
                let shift = (first - new_first) as usize;
                rows.splice(0..0, std::iter::repeat_n(Vec::new(), shift));
            }
            first = new_first;
            rows.resize((last - first + 1) as usize, Vec::new());
        }
        let r = &mut rows[(row - first) as usize];
        if r.len() <= col as usize {
            r.resize(col as usize + 1, Cell::Empty);
        }
        r[col as usize] = value;
    }
    let first_row = if rows.is_empty() {
        1
    } else {
        first as usize + 1
    };
    Ok((Table { first_row, rows }, name))
}

/// XLS and ODS (and anything calamine recognises by content) through its whole-sheet reader;
/// the file size and decompressed parts were checked before.
fn read_other(path: &Path, sheet: Option<&str>) -> Result<(Table, String), ImportError> {
    let err = workbook_err(path);
    let mut book = open_workbook_auto(path).map_err(|e| err(e.to_string()))?;
    let name = pick_sheet(path, book.sheet_names(), sheet)?;
    let range = book
        .worksheet_range(&name)
        .map_err(|e| err(e.to_string()))?;
    if let (Some(start), Some(end)) = (range.start(), range.end()) {
        limits::check_area(path, false, start, end)?;
    }
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

fn text_cell(s: &str) -> Cell {
    Cell::text(s)
}

fn cell_ref(d: &DataRef<'_>) -> Cell {
    match d {
        DataRef::Empty | DataRef::Error(_) => Cell::Empty,
        DataRef::String(s) | DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => text_cell(s),
        DataRef::SharedString(s) => text_cell(s),
        DataRef::Int(i) => Cell::Number(*i as f64),
        DataRef::Float(f) => Cell::Number(*f),
        DataRef::Bool(b) => Cell::Text(b.to_string()),
        // An Excel serial; as a date it is interpreted by the date column.
        DataRef::DateTime(dt) => Cell::Number(dt.as_f64()),
    }
}

fn cell(d: &Data) -> Cell {
    match d {
        Data::Empty | Data::Error(_) => Cell::Empty,
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => text_cell(s),
        Data::Int(i) => Cell::Number(*i as f64),
        Data::Float(f) => Cell::Number(*f),
        Data::Bool(b) => Cell::Text(b.to_string()),
        Data::DateTime(dt) => Cell::Number(dt.as_f64()),
    }
}
