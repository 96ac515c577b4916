//! CSV for Excel and WPS: UTF-8 with a BOM (Chinese opens intact), any text cell starting with
//! `=`, `+`, `-`, `@`, tab or CR prefixed with a single quote (no formula injection), numbers
//! written as plain numbers.

use super::{Cell, Table};

/// Neutralises spreadsheet formula injection in one text cell.
pub fn defuse(cell: &str) -> String {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{cell}"),
        _ => cell.to_string(),
    }
}

/// The cell as it was before [`defuse`]: a `'` followed by a character `defuse` acts on is
/// taken off (a text that merely starts with `'` is left as it is).
pub fn undefuse(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest)
            if matches!(
                rest.chars().next(),
                Some('=' | '+' | '-' | '@' | '\t' | '\r')
            ) =>
        {
            rest
        }
        _ => cell,
    }
}

fn field(c: &Cell) -> String {
    match c {
        Cell::Text(s) => defuse(s),
        other => other.display(),
    }
}

/// The table as CSV bytes, BOM first.
pub fn csv_bytes(t: &Table) -> std::io::Result<Vec<u8>> {
    let mut w = ::csv::Writer::from_writer(b"\xEF\xBB\xBF".to_vec());
    let header: Vec<String> = t.header.iter().map(|h| defuse(h)).collect();
    w.write_record(&header)?;
    for row in &t.rows {
        w.write_record(row.iter().map(field))?;
    }
    w.into_inner().map_err(|e| e.into_error())
}

/// Text header and rows (listings) as CSV text, BOM first: a cell that parses as a number is
/// written as it is, every other cell is neutralised.
pub fn csv_string(header: &[&str], rows: &[Vec<String>]) -> std::io::Result<String> {
    let mut bytes = Vec::new();
    write_csv(&mut bytes, header, rows)?;
    String::from_utf8(bytes).map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e))
}

/// The same CSV as [`csv_string`], written to `out` row by row (a national report is never
/// held as one string).
pub fn write_csv<W, I, R, S>(out: W, header: &[&str], rows: I) -> std::io::Result<()>
where
    W: std::io::Write,
    I: IntoIterator<Item = R>,
    R: AsRef<[S]>,
    S: AsRef<str>,
{
    let mut w = CsvOut::new(out, header)?;
    for row in rows {
        for c in row.as_ref() {
            w.field(c.as_ref())?;
        }
        w.end_row()?;
    }
    w.finish()
}

/// A listing written cell by cell with the rules of [`csv_string`] (BOM, numbers as they are,
/// text neutralised), for rows built without a string per cell.
pub struct CsvOut<W: std::io::Write> {
    w: ::csv::Writer<W>,
}

impl<W: std::io::Write> CsvOut<W> {
    /// Starts the file: BOM and header.
    pub fn new(mut out: W, header: &[&str]) -> std::io::Result<Self> {
        out.write_all(b"\xEF\xBB\xBF")?;
        let mut w = ::csv::Writer::from_writer(out);
        w.write_record(header.iter().map(|h| defuse(h)))?;
        Ok(CsvOut { w })
    }

    /// A listing's later rows written elsewhere (no BOM, no header): the same bytes as if
    /// they had been written through the writer that began the listing.
    pub fn continued(out: W) -> Self {
        CsvOut {
            w: ::csv::Writer::from_writer(out),
        }
    }

    /// Writes out what is buffered and hands back the output.
    pub fn into_inner(self) -> std::io::Result<W> {
        self.w.into_inner().map_err(|e| e.into_error())
    }

    /// One cell of the current row.
    pub fn field(&mut self, cell: &str) -> std::io::Result<()> {
        Ok(self.w.write_field(listing_cell(cell))?)
    }

    /// Ends the current row.
    pub fn end_row(&mut self) -> std::io::Result<()> {
        Ok(self.w.write_record(None::<&[u8]>)?)
    }

    /// Writes out what is buffered.
    pub fn finish(mut self) -> std::io::Result<()> {
        self.w.flush()
    }
}

/// A listing cell as written: numbers as they are, text neutralised (only a cell starting with
/// a character [`defuse`] acts on can change, so only those are parsed).
fn listing_cell(c: &str) -> std::borrow::Cow<'_, [u8]> {
    match c.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') if c.trim().parse::<f64>().is_err() => {
            std::borrow::Cow::Owned(defuse(c).into_bytes())
        }
        _ => std::borrow::Cow::Borrowed(c.as_bytes()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bom_defused_text_and_numbers_stay_numbers() {
        let mut t = Table::new("x", vec!["名称".into(), "分".into()]);
        t.rows.push(vec![
            Cell::text("=HYPERLINK(\"x\")"),
            Cell::Fig(crate::domain::figure::Figure::new(-346, 2)),
        ]);
        t.rows
            .push(vec![Cell::text("-1 not a number"), Cell::Int(-4)]);
        t.rows.push(vec![Cell::text("@x\t"), Cell::Empty]);
        t.rows.push(vec![
            Cell::text("\tTab"),
            Cell::Fig(crate::domain::figure::Figure::new(993, 1)),
        ]);
        t.rows.push(vec![Cell::text("\rCR"), Cell::text("+1")]);
        let s = String::from_utf8(csv_bytes(&t).unwrap()).unwrap();
        assert!(s.starts_with('\u{feff}'));
        let lines: Vec<&str> = s.trim_start_matches('\u{feff}').lines().collect();
        assert_eq!(lines[0], "名称,分");
        assert_eq!(lines[1], "\"'=HYPERLINK(\"\"x\"\")\",-3.46");
        assert_eq!(lines[2], "'-1 not a number,-4");
        assert_eq!(lines[3], "'@x\t,");
        assert_eq!(lines[4], "'\tTab,99.3");
        assert!(s.contains("\"'\rCR\",'+1"), "{s:?}");
    }

    #[test]
    fn undefuse_takes_off_only_the_writers_quote() {
        for s in ["-测试", "=1+1", "@x", "'abc", "''", "普通", "'"] {
            assert_eq!(undefuse(&defuse(s)), s);
        }
    }

    #[test]
    fn a_listing_continued_elsewhere_has_the_same_bytes() {
        let rows: Vec<Vec<&str>> = (0..50)
            .map(|i| match i % 4 {
                0 => vec!["=1+2", "a,b"],
                1 => vec!["-3", "say \"hi\""],
                2 => vec!["", "two\nlines"],
                _ => vec!["普通", "x"],
            })
            .collect();
        let mut whole = Vec::new();
        write_csv(&mut whole, &["a", "b"], &rows).unwrap();
        let mut parts = CsvOut::new(Vec::new(), &["a", "b"]).unwrap();
        for r in &rows[..20] {
            r.iter().for_each(|c| parts.field(c).unwrap());
            parts.end_row().unwrap();
        }
        let mut joined = parts.into_inner().unwrap();
        let mut rest = CsvOut::continued(Vec::new());
        for r in &rows[20..] {
            r.iter().for_each(|c| rest.field(c).unwrap());
            rest.end_row().unwrap();
        }
        joined.extend(rest.into_inner().unwrap());
        assert_eq!(joined, whole);
    }

    #[test]
    fn listing_numbers_are_not_quoted_but_formulas_are() {
        let s = csv_string(&["a", "b"], &[vec!["-3".into(), "=1+2".into()]]).unwrap();
        assert_eq!(s, "\u{feff}a,b\n-3,'=1+2\n");
    }
}
