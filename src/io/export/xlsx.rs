//! XLSX through rust_xlsxwriter: one worksheet per table, bold frozen header, numbers as numbers
//! with a display format, a font with CJK glyphs, legal and unique sheet names.

use std::collections::HashSet;
use std::path::Path;

use rust_xlsxwriter::{Format, Workbook};

use super::{Cell, Table};

#[derive(Debug, thiserror::Error)]
pub enum XlsxError {
    #[error("cannot write the workbook {path}: {source}")]
    Write {
        path: String,
        source: rust_xlsxwriter::XlsxError,
    },
    /// The workbook was built; the file could not be written.
    #[error(transparent)]
    Out(#[from] crate::io::out::OutError),
}

/// A legal, unique worksheet name: at most 31 characters, none of `[]:*?/\`, not empty, not
/// starting or ending with an apostrophe, unique case-insensitively among `taken`.
pub fn sheet_name(wanted: &str, taken: &mut HashSet<String>) -> String {
    let clean: String = wanted
        .chars()
        .map(|c| {
            if "[]:*?/\\".contains(c) || c.is_control() {
                '_'
            } else {
                c
            }
        })
        .collect();
    let clean = clean.trim_matches('\'').trim();
    let base: String = if clean.is_empty() {
        "Sheet".into()
    } else {
        clean.chars().take(31).collect()
    };
    let mut name = base.clone();
    let mut n = 2;
    while taken.contains(&name.to_lowercase()) {
        let suffix = format!("~{n}");
        let keep = 31 - suffix.chars().count();
        name = format!("{}{suffix}", base.chars().take(keep).collect::<String>());
        n += 1;
    }
    taken.insert(name.to_lowercase());
    name
}

fn workbook(tables: &[Table]) -> Result<Workbook, rust_xlsxwriter::XlsxError> {
    let mut wb = Workbook::new();
    let font = "等线";
    let head = Format::new()
        .set_bold()
        .set_font_name(font)
        .set_background_color("#DDEBF7");
    let text = Format::new().set_font_name(font);
    let mut taken = HashSet::new();
    for t in tables {
        let ws = wb.add_worksheet();
        ws.set_name(sheet_name(&t.name, &mut taken))?;
        for (c, h) in t.header.iter().enumerate() {
            ws.write_string_with_format(0, c as u16, h, &head)?;
        }
        ws.set_freeze_panes(1, 0)?;
        for (r, row) in t.rows.iter().enumerate() {
            let r = r as u32 + 1;
            for (c, cell) in row.iter().enumerate() {
                let c = c as u16;
                match cell {
                    Cell::Text(s) => {
                        ws.write_string_with_format(r, c, s, &text)?;
                    }
                    Cell::Num(x, d) => {
                        let f = if *d == 0 {
                            "0".to_string()
                        } else {
                            format!("0.{}", "0".repeat(*d))
                        };
                        ws.write_number_with_format(r, c, *x, &text.clone().set_num_format(f))?;
                    }
                    Cell::Int(n) => {
                        ws.write_number_with_format(r, c, *n as f64, &text)?;
                    }
                    Cell::Empty => {}
                }
            }
        }
        ws.set_autofit_max_width(400);
        ws.autofit();
    }
    Ok(wb)
}

/// Writes the tables as one workbook at `path`, through the one file writer.
pub fn write_xlsx(path: &Path, tables: &[Table]) -> Result<(), XlsxError> {
    crate::io::out::file_target(path)?;
    let err = |source| XlsxError::Write {
        path: path.display().to_string(),
        source,
    };
    let bytes = workbook(tables)
        .and_then(|mut wb| wb.save_to_buffer())
        .map_err(err)?;
    Ok(crate::io::out::write_file(path, &bytes)?)
}

/// The workbook as bytes (for `--out -` or tests).
pub fn xlsx_bytes(tables: &[Table]) -> Result<Vec<u8>, XlsxError> {
    let err = |source| XlsxError::Write {
        path: "-".into(),
        source,
    };
    workbook(tables)
        .and_then(|mut wb| wb.save_to_buffer())
        .map_err(err)
}

#[cfg(test)]
mod tests {
    use super::*;
    use calamine::{Data, Reader, Xlsx};

    #[test]
    fn sheet_names_are_legal_and_unique() {
        let mut taken = HashSet::new();
        assert_eq!(sheet_name("a/b:c", &mut taken), "a_b_c");
        assert_eq!(sheet_name("A/B:C", &mut taken), "A_B_C~2");
        let long = "浙".repeat(40);
        assert_eq!(sheet_name(&long, &mut taken).chars().count(), 31);
        assert_eq!(sheet_name(&long, &mut taken).chars().count(), 31);
        assert_eq!(sheet_name("''", &mut taken), "Sheet");
    }

    #[test]
    fn numbers_read_back_as_numbers() {
        let mut t = Table::new("汇总", vec!["名称".into(), "平均分".into(), "账号".into()]);
        t.rows.push(vec![
            Cell::text("=1+1"),
            Cell::Num(96.8412, 2),
            Cell::Int(445),
        ]);
        t.rows
            .push(vec![Cell::text("县级"), Cell::Empty, Cell::Int(0)]);
        let bytes = xlsx_bytes(&[t]).unwrap();
        let mut wb: Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
        let range = wb.worksheet_range("汇总").unwrap();
        assert_eq!(range.get_value((1, 0)), Some(&Data::String("=1+1".into())));
        assert_eq!(range.get_value((1, 1)), Some(&Data::Float(96.8412)));
        assert_eq!(range.get_value((1, 2)), Some(&Data::Float(445.0)));
        assert_eq!(range.get_value((2, 0)), Some(&Data::String("县级".into())));
    }
}
