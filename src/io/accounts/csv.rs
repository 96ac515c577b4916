//! CSV registries: decode (UTF-8, BOM, GBK), sniff the delimiter, read every record as text,
//! within the limits of [`super::limits`] (file size, rows, columns, field length).

use std::path::Path;

use super::detect::{Encoding, decode, delimiter};
use super::limits::{self, MAX_CELLS, MAX_COLUMNS, MAX_FIELD_BYTES, MAX_ROWS};
use super::{Cell, ImportError, Said, Table};

pub(super) fn read_table(path: &Path) -> Result<(Table, Encoding), ImportError> {
    let bytes = limits::read_file(path)?;
    table_from_bytes(path, bytes)
}

/// A CSV table from a file's bytes already read (within the limits).
pub(super) fn table_from_bytes(
    path: &Path,
    bytes: Vec<u8>,
) -> Result<(Table, Encoding), ImportError> {
    let (text, encoding) = decode(&bytes).ok_or_else(|| ImportError::Encoding {
        path: path.to_path_buf(),
    })?;
    drop(bytes);
    Ok((parse(path, &text)?, encoding))
}

/// Where a quoted field opens and is never closed: (record, line, column), 1-based; the
/// column counts characters. Quotes follow the reader's rules: a field is quoted only when it
/// starts with `"`, and `""` inside it is a literal quote.
fn unclosed_quote(text: &str, delim: u8) -> Option<(usize, usize, usize)> {
    let delim = char::from(delim);
    let (mut record, mut line, mut col) = (1usize, 1usize, 0usize);
    let mut field_start = true;
    let mut open: Option<(usize, usize, usize)> = None;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        col += 1;
        if c == '\n' {
            line += 1;
            col = 0;
        }
        if open.is_some() {
            if c == '"' {
                if chars.peek() == Some(&'"') {
                    chars.next();
                    col += 1;
                } else {
                    open = None;
                }
            }
            continue;
        }
        match c {
            '"' if field_start => open = Some((record, line, col)),
            '\n' => {
                record += 1;
                field_start = true;
                continue;
            }
            c if c == delim => {
                field_start = true;
                continue;
            }
            '\r' => continue,
            _ => {}
        }
        field_start = false;
    }
    open
}

/// Parses decoded CSV text; record N (1-based, header included) is spreadsheet row N.
pub(super) fn parse(path: &Path, text: &str) -> Result<Table, ImportError> {
    let delim = delimiter(text);
    if let Some((row, line, col)) = unclosed_quote(text, delim) {
        return Err(ImportError::Csv {
            path: path.to_path_buf(),
            message: Said::new(
                format!(
                    "row {row} (line {line}, character {col}): the quote \" that opens a field there is never closed, so the rest of the file would be read as one cell; close it or remove it"
                ),
                format!(
                    "第 {row} 行（文本第 {line} 行第 {col} 个字符）：这里开始的引号 \" 没有闭合，其后的内容会被读成一个单元格；请补上或删去它"
                ),
            ),
        });
    }
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delim)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    let mut cells = 0u64;
    for (i, record) in reader.records().enumerate() {
        let record = record.map_err(|e| ImportError::Csv {
            path: path.to_path_buf(),
            message: Said::quoting(
                &format!("row {}: ", i + 1),
                &format!("第 {} 行有误，请检查该行的引号：", i + 1),
                &e.to_string(),
            ),
        })?;
        if i as u64 >= MAX_ROWS {
            return Err(limits::too_large(
                path,
                Said::new(
                    format!("it has more than {MAX_ROWS} rows"),
                    format!("超过 {MAX_ROWS} 行"),
                ),
                Said::new(format!("{MAX_ROWS} rows"), format!("{MAX_ROWS} 行")),
            ));
        }
        if record.len() as u64 > MAX_COLUMNS {
            return Err(limits::too_large(
                path,
                Said::new(
                    format!("row {} has {} columns", i + 1, record.len()),
                    format!("第 {} 行有 {} 列", i + 1, record.len()),
                ),
                Said::new(
                    format!("{MAX_COLUMNS} columns"),
                    format!("{MAX_COLUMNS} 列"),
                ),
            ));
        }
        cells += record.len() as u64;
        if cells > MAX_CELLS {
            return Err(limits::too_large(
                path,
                Said::new(
                    format!("it has more than {MAX_CELLS} cells (by row {})", i + 1),
                    format!("到第 {} 行已超过 {MAX_CELLS} 个单元格", i + 1),
                ),
                Said::new(
                    format!("{MAX_CELLS} cells"),
                    format!("{MAX_CELLS} 个单元格"),
                ),
            ));
        }
        if let Some(f) = record.iter().position(|f| f.len() > MAX_FIELD_BYTES) {
            return Err(limits::too_large(
                path,
                Said::new(
                    format!(
                        "row {}, column {} holds {} bytes",
                        i + 1,
                        f + 1,
                        record[f].len()
                    ),
                    format!("第 {} 行第 {} 列有 {} 字节", i + 1, f + 1, record[f].len()),
                ),
                Said::new(
                    format!("{} KB per cell", MAX_FIELD_BYTES / 1024),
                    format!("每个单元格 {} KB", MAX_FIELD_BYTES / 1024),
                ),
            ));
        }
        rows.push(record.iter().map(Cell::text).collect());
    }
    Ok(Table { first_row: 1, rows })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unclosed_quote_is_named_with_its_row() {
        let text = "平台,名称,单位\n微信,\"云和发布,县委\n微博,丽水,市委\n";
        let e = parse(Path::new("a.csv"), text).unwrap_err().to_string();
        assert!(e.contains("row 2") && e.contains("quote"), "{e}");
        assert!(!e.contains("missing"), "{e}");
    }

    #[test]
    fn quotes_that_close_or_sit_inside_a_field_are_fine() {
        let text = "a,b\n\"x, \"\"y\"\"\",5\"屏\n\"多\n行\",z\n";
        assert_eq!(unclosed_quote(text, b','), None);
        let t = parse(Path::new("a.csv"), text).unwrap();
        assert_eq!(t.rows.len(), 3);
        assert_eq!(unclosed_quote("a\n\"b", b','), Some((2, 2, 1)));
    }

    #[test]
    fn too_many_columns_are_refused_with_the_limit() {
        let text = format!("{}\n", vec!["x"; 1500].join(","));
        let e = parse(Path::new("w.csv"), &text).unwrap_err().to_string();
        assert!(
            e.contains("1500 columns") && e.contains("limit 1000"),
            "{e}"
        );
    }
}
