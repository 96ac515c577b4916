//! Output formats for listings: aligned tables (CJK-width aware), JSON, and Excel-safe CSV.

use std::path::Path;

use clap::ValueEnum;
use unicode_width::UnicodeWidthStr;

use crate::i18n::Lang;
use crate::io::export::{Sheet, book_bytes, write_book};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Table,
    Json,
    Csv,
}

/// Renders rows as a table whose columns line up in a terminal, counting CJK as two columns.
/// Every cell passes through [`crate::text_safety::escape_cell`]: no control or bidi character
/// reaches the terminal raw.
pub fn table(header: &[&str], rows: &[Vec<String>]) -> String {
    let mut out = Vec::new();
    // Writing to memory cannot fail.
    let _ = write_table(header, rows.len(), |k| &rows[k], &mut out);
    String::from_utf8(out).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// [`table`] written to `out`, its `n` rows made by `row(k)`, each twice: once to measure the
/// columns, once to write it. One row is in memory at a time (a national listing's table would
/// otherwise hold every cell).
pub fn write_table<R: AsRef<[String]>>(
    header: &[&str],
    n: usize,
    row: impl Fn(usize) -> R,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    use crate::text_safety::escape_cell;
    let header: Vec<String> = header.iter().map(|h| escape_cell(h).into_owned()).collect();
    let mut widths: Vec<usize> = header.iter().map(|h| h.width()).collect();
    for k in 0..n {
        for (w, cell) in widths.iter_mut().zip(row(k).as_ref()) {
            *w = (*w).max(escape_cell(cell).width());
        }
    }
    let mut buf = String::new();
    let mut line = |cells: &mut dyn Iterator<Item = &str>, out: &mut dyn std::io::Write| {
        buf.clear();
        for (i, (c, w)) in cells.zip(&widths).enumerate() {
            if i > 0 {
                buf.push_str("  ");
            }
            buf.push_str(c);
            buf.extend(std::iter::repeat_n(' ', w.saturating_sub(c.width())));
        }
        buf.truncate(buf.trim_end().len());
        buf.push('\n');
        out.write_all(buf.as_bytes())
    };
    line(&mut header.iter().map(String::as_str), out)?;
    let rule: Vec<String> = widths.iter().map(|w| "─".repeat(*w)).collect();
    out.write_all(rule.join("  ").as_bytes())?;
    out.write_all(b"\n")?;
    for k in 0..n {
        let r = row(k);
        let cells: Vec<std::borrow::Cow<'_, str>> =
            r.as_ref().iter().map(|c| escape_cell(c)).collect();
        line(&mut cells.iter().map(|c| c.as_ref()), out)?;
    }
    Ok(())
}

/// CSV that Excel opens with Chinese intact (UTF-8 BOM) and that cannot inject formulas: the
/// one writer in `io::export`.
pub fn csv(header: &[&str], rows: &[Vec<String>]) -> anyhow::Result<String> {
    Ok(crate::io::export::csv_string(header, rows)?)
}

/// Pretty JSON. Published figures serialize as the numbers they are ([`Figure`]); nothing is
/// rounded here.
///
/// [`Figure`]: crate::domain::figure::Figure
pub fn json<T: serde::Serialize>(value: &T) -> anyhow::Result<String> {
    Ok(serde_json::to_string_pretty(value)?)
}

/// Bytes to `out`, or to standard output.
pub(super) fn emit(out: Option<&Path>, bytes: &[u8]) -> anyhow::Result<()> {
    match out {
        Some(p) => Ok(crate::io::out::write_file(p, bytes)?),
        None => Ok(crate::io::out::print_bytes(bytes)?),
    }
}

/// A workbook to `out`, or to standard output when it is not a terminal.
pub(super) fn book_out(out: Option<&Path>, sheets: &[Sheet], lang: Lang) -> anyhow::Result<()> {
    use std::io::IsTerminal;
    match out {
        Some(p) => Ok(write_book(p, sheets)?),
        None if std::io::stdout().is_terminal() => xlsx_refused(lang),
        None => emit(None, &book_bytes(sheets)?),
    }
}

/// A workbook asked for without `--out` on a terminal.
pub(super) fn xlsx_refused(lang: Lang) -> anyhow::Result<()> {
    anyhow::bail!(
        "{}",
        lang.pick(
            "XLSX 是二进制文件，不能输出到终端；请用 --out 文件.xlsx 指定文件",
            "an XLSX workbook is binary and cannot go to a terminal; give --out FILE.xlsx"
        )
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_aligns_cjk() {
        let t = table(
            &["名称", "x"],
            &[vec!["云和木玩童话小镇".into(), "1".into()]],
        );
        let lines: Vec<&str> = t.lines().collect();
        assert_eq!(lines[0].find('x').map(|i| lines[0][..i].width()), Some(18));
        assert_eq!(lines[2].find('1').map(|i| lines[2][..i].width()), Some(18));
    }

    #[test]
    fn table_escapes_terminal_controls() {
        let t = table(&["名称"], &[vec!["a\u{1b}]0;x\u{7}\u{202e}b".into()]]);
        assert!(
            !t.chars()
                .any(|c| c != '\n' && crate::text_safety::is_unsafe(c)),
            "{t:?}"
        );
        assert!(t.contains("a\\u{1b}]0;x\\u{7}\\u{202e}b"), "{t}");
    }

    #[test]
    fn listing_csv_goes_through_the_one_writer() {
        let s = csv(&["a"], &[vec!["云和".into()], vec!["=1+2".into()]]).unwrap();
        assert_eq!(s, "\u{feff}a\n云和\n'=1+2\n");
    }
}
