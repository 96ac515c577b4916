//! CSV registries: decode (UTF-8, BOM, GBK), sniff the delimiter, read every record as text.

use std::path::Path;

use super::detect::{Encoding, decode, delimiter};
use super::{Cell, ImportError, Table};

pub(super) fn read_table(path: &Path) -> Result<(Table, Encoding), ImportError> {
    let bytes = std::fs::read(path).map_err(|source| ImportError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    let (text, encoding) = decode(&bytes).ok_or_else(|| ImportError::Encoding {
        path: path.to_path_buf(),
    })?;
    Ok((parse(path, &text)?, encoding))
}

/// Parses decoded CSV text; record N (1-based, header included) is spreadsheet row N.
pub(super) fn parse(path: &Path, text: &str) -> Result<Table, ImportError> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter(text))
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let record = record.map_err(|e| ImportError::Csv {
            path: path.to_path_buf(),
            message: format!("row {}: {e}; check the quotes on that line", i + 1),
        })?;
        rows.push(
            record
                .iter()
                .map(|f| {
                    let f = f.trim();
                    if f.is_empty() {
                        Cell::Empty
                    } else {
                        Cell::Text(f.to_string())
                    }
                })
                .collect(),
        );
    }
    Ok(Table { first_row: 1, rows })
}
