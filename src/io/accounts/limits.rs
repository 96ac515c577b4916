//! Resource limits for registry files, checked before anything large is allocated: the size of
//! a file, of each part of a workbook once decompressed, the cells a sheet declares and holds.
//! The limits keep the peak memory of an import under about 300 MB whatever the file: a
//! registry of [`MAX_ROWS`] accounts is several times any real one (a province keeps tens of
//! thousands), and every limit is named in the refusal.

use std::io::Read;
use std::path::Path;

use super::{ImportError, Said};

/// Largest registry file read at all (CSV text or a workbook on disk): the cap of tables in
/// [`crate::io::input::Kind`].
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;
/// Largest part of a workbook (a sheet's XML, the shared strings) once decompressed.
pub const MAX_PART_BYTES: u64 = 256 * 1024 * 1024;
/// Largest shared-strings part once decompressed: the workbook reader holds it in memory.
pub const MAX_SHARED_STRINGS_BYTES: u64 = 64 * 1024 * 1024;
/// Most parts (files) inside a workbook's zip.
pub const MAX_PARTS: usize = 10_000;
/// Most cells a sheet may span (rows × columns of its used area), declared or read.
pub const MAX_CELLS: u64 = 2_000_000;
/// Most columns a registry row may have.
pub const MAX_COLUMNS: u64 = 1_000;
/// Most rows a registry may have (a CSV's records or a sheet's rows).
pub const MAX_ROWS: u64 = 250_000;
/// Longest single CSV field.
pub const MAX_FIELD_BYTES: usize = 1024 * 1024;

pub(super) fn too_large(path: &Path, what: Said, limit: Said) -> ImportError {
    ImportError::TooLarge {
        path: path.to_path_buf(),
        what,
        limit,
    }
}

/// An input refusal as an import error: the size and the limit in words.
pub(super) fn from_input(e: crate::io::input::InputError) -> ImportError {
    use crate::io::input::{InputError as E, size_words};
    match e {
        E::Io { path, source } => ImportError::Io { path, source },
        E::TooLarge {
            path, size, cap, ..
        } => too_large(
            &path,
            match size {
                Some(n) => Said::new(
                    format!("the file is {}", size_words(n, false)),
                    format!("文件有 {}", size_words(n, true)),
                ),
                None => Said::new(
                    format!("it goes on past {}", size_words(cap, false)),
                    format!("读到 {} 仍未结束", size_words(cap, true)),
                ),
            },
            Said::new(
                format!("{} per file", size_words(cap, false)),
                format!("每个文件 {}", size_words(cap, true)),
            ),
        ),
        E::NotRegular { path, .. } => ImportError::Workbook {
            message: Said::new(
                "it is not a regular file (a device or a pipe); save the workbook as a file",
                "它不是普通文件（设备或管道）；请把工作簿保存为文件",
            ),
            path,
        },
    }
}

/// Reads a CSV-like file whole, refusing it past [`MAX_FILE_BYTES`] (a device or FIFO is read
/// up to the limit and no further).
pub(super) fn read_file(path: &Path) -> Result<Vec<u8>, ImportError> {
    use crate::io::input::{Kind, read_capped};
    read_capped(path, Kind::Registry, MAX_FILE_BYTES).map_err(from_input)
}

/// Refuses a workbook that is not a regular file or is larger than [`MAX_FILE_BYTES`], before
/// any reader opens it (a workbook is read by seeking).
pub(super) fn check_file_size(path: &Path) -> Result<(), ImportError> {
    crate::io::input::check_regular(path, crate::io::input::Kind::Registry)
        .map(|_| ())
        .map_err(from_input)
}

/// For zip-based workbooks (XLSX, XLSM, ODS): counts the parts and decompresses each one into
/// nothing, stopping at [`MAX_PART_BYTES`], so a zip bomb is refused before a reader holds it.
/// The sizes the zip declares are not trusted; each part is actually inflated and counted.
/// Files that are not zips are left to the workbook reader.
pub(super) fn check_zip(path: &Path) -> Result<(), ImportError> {
    let file = std::fs::File::open(path).map_err(|source| ImportError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    let Ok(mut zip) = zip::ZipArchive::new(std::io::BufReader::new(file)) else {
        return Ok(());
    };
    if zip.len() > MAX_PARTS {
        return Err(too_large(
            path,
            Said::new(
                format!("the workbook holds {} parts", zip.len()),
                format!("工作簿含 {} 个部件", zip.len()),
            ),
            Said::new(format!("{MAX_PARTS} parts"), format!("{MAX_PARTS} 个部件")),
        ));
    }
    let mut total = 0u64;
    for i in 0..zip.len() {
        let Ok(mut part) = zip.by_index(i) else {
            continue; // An unreadable part is the workbook reader's error to report.
        };
        let name = part.name().map(|n| n.into_owned()).unwrap_or_default();
        let limit = if name.ends_with("sharedStrings.xml") {
            MAX_SHARED_STRINGS_BYTES
        } else {
            MAX_PART_BYTES
        };
        let declared = part.size();
        let worksheet = name.starts_with("xl/worksheets/") || name.starts_with("xl/chartsheets/");
        let size = if declared > limit {
            declared
        } else {
            inflate_and_scan(path, &name, &mut part, limit, worksheet)?
        };
        if size > limit {
            return Err(too_large(
                path,
                Said::new(
                    format!(
                        "its part {name} decompresses to more than {} MB",
                        limit / (1024 * 1024)
                    ),
                    format!("其中的部件 {name} 解压后超过 {} MB", limit / (1024 * 1024)),
                ),
                Said::new(
                    format!("{} MB per decompressed part", limit / (1024 * 1024)),
                    format!("每个部件解压后 {} MB", limit / (1024 * 1024)),
                ),
            ));
        }
        total += size;
        if total > 2 * limit {
            return Err(too_large(
                path,
                Said::new(
                    format!(
                        "it decompresses to more than {} MB",
                        2 * limit / (1024 * 1024)
                    ),
                    format!("解压后超过 {} MB", 2 * limit / (1024 * 1024)),
                ),
                Said::new(
                    format!("{} MB decompressed per workbook", 2 * limit / (1024 * 1024)),
                    format!("每个工作簿解压后 {} MB", 2 * limit / (1024 * 1024)),
                ),
            ));
        }
    }
    Ok(())
}

/// Inflates one part into nothing, counting up to `limit + 1` bytes; a worksheet's cell
/// references are checked on the way (see [`super::refs`]).
fn inflate_and_scan(
    path: &Path,
    name: &str,
    part: &mut impl Read,
    limit: u64,
    worksheet: bool,
) -> Result<u64, ImportError> {
    let mut scanner = super::refs::RefScanner::default();
    let mut buf = vec![0u8; 64 * 1024];
    let mut size = 0u64;
    loop {
        let n = match part.read(&mut buf) {
            Ok(0) | Err(_) => 0, // A damaged part is the workbook reader's error to report.
            Ok(n) => n,
        };
        size += n as u64;
        if worksheet {
            scanner.feed(&buf[..n], n == 0).map_err(|r| ImportError::Workbook {
                path: path.to_path_buf(),
                message: Said::new(
                    format!(
                        "{name} has the cell reference \"{r}\", which is not a position in a sheet (columns A to XFD, rows 1 to 1048576)"
                    ),
                    format!(
                        "{name} 中的单元格引用“{r}”不是工作表中的位置（列 A–XFD，行 1–1048576）"
                    ),
                ),
            })?;
        }
        if n == 0 || size > limit {
            return Ok(size);
        }
    }
}

/// Refuses a sheet area (first/last row and column, 0-based and inclusive) beyond the limits.
pub(super) fn check_area(
    path: &Path,
    declared: bool,
    start: (u32, u32),
    end: (u32, u32),
) -> Result<(), ImportError> {
    let rows = u64::from(end.0.saturating_sub(start.0)) + 1;
    let cols = u64::from(end.1) + 1;
    let kind = if declared { "declares" } else { "uses" };
    let kind_zh = if declared { "声明了" } else { "用到了" };
    let area = format!(
        "{}{}:{}{}",
        column_name(start.1),
        start.0 + 1,
        column_name(end.1),
        end.0 + 1
    );
    if rows > MAX_ROWS {
        return Err(too_large(
            path,
            Said::new(
                format!("the sheet {kind} {rows} rows ({area})"),
                format!("工作表{kind_zh} {rows} 行（{area}）"),
            ),
            Said::new(format!("{MAX_ROWS} rows"), format!("{MAX_ROWS} 行")),
        ));
    }
    if cols > MAX_COLUMNS {
        return Err(too_large(
            path,
            Said::new(
                format!("the sheet {kind} {cols} columns ({area})"),
                format!("工作表{kind_zh} {cols} 列（{area}）"),
            ),
            Said::new(
                format!("{MAX_COLUMNS} columns"),
                format!("{MAX_COLUMNS} 列"),
            ),
        ));
    }
    if rows * cols > MAX_CELLS {
        return Err(too_large(
            path,
            Said::new(
                format!("the sheet {kind} {} cells ({area})", rows * cols),
                format!("工作表{kind_zh} {} 个单元格（{area}）", rows * cols),
            ),
            Said::new(
                format!("{MAX_CELLS} cells"),
                format!("{MAX_CELLS} 个单元格"),
            ),
        ));
    }
    Ok(())
}

/// Spreadsheet column letters for a 0-based column index (0 → A, 16383 → XFD).
pub fn column_name(col: u32) -> String {
    let mut n = u64::from(col) + 1;
    let mut s = Vec::new();
    while n > 0 {
        let r = ((n - 1) % 26) as u8;
        s.push(b'A' + r);
        n = (n - 1) / 26;
    }
    s.reverse();
    String::from_utf8(s).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_names() {
        assert_eq!(column_name(0), "A");
        assert_eq!(column_name(25), "Z");
        assert_eq!(column_name(26), "AA");
        assert_eq!(column_name(16383), "XFD");
    }

    #[test]
    fn areas_beyond_the_limits_are_refused_naming_them() {
        let p = Path::new("r.xlsx");
        assert!(check_area(p, true, (0, 0), (999, 11)).is_ok());
        let e = check_area(p, true, (0, 0), (1_048_575, 16_383))
            .unwrap_err()
            .to_string();
        assert!(e.contains("A1:XFD1048576") && e.contains("limit"), "{e}");
        let e = check_area(p, false, (0, 0), (99_999, 99))
            .unwrap_err()
            .to_string();
        assert!(e.contains("cells") && e.contains("2000000"), "{e}");
    }
}
