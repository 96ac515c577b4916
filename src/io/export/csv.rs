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
    let mut w = ::csv::Writer::from_writer(b"\xEF\xBB\xBF".to_vec());
    w.write_record(header.iter().map(|h| defuse(h)))?;
    for row in rows {
        w.write_record(row.iter().map(|c| {
            if c.trim().parse::<f64>().is_ok() {
                c.clone()
            } else {
                defuse(c)
            }
        }))?;
    }
    let bytes = w.into_inner().map_err(|e| e.into_error())?;
    String::from_utf8(bytes).map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bom_defused_text_and_numbers_stay_numbers() {
        let mut t = Table::new("x", vec!["名称".into(), "分".into()]);
        t.rows
            .push(vec![Cell::text("=HYPERLINK(\"x\")"), Cell::Num(-3.456, 2)]);
        t.rows
            .push(vec![Cell::text("-1 not a number"), Cell::Int(-4)]);
        t.rows.push(vec![Cell::text("@x\t"), Cell::Empty]);
        t.rows.push(vec![Cell::text("\tTab"), Cell::Num(99.25, 1)]);
        t.rows.push(vec![Cell::text("\rCR"), Cell::text("+1")]);
        let s = String::from_utf8(csv_bytes(&t).unwrap()).unwrap();
        assert!(s.starts_with('\u{feff}'));
        let lines: Vec<&str> = s.trim_start_matches('\u{feff}').lines().collect();
        assert_eq!(lines[0], "名称,分");
        assert_eq!(lines[1], "\"'=HYPERLINK(\"\"x\"\")\",-3.46");
        assert_eq!(lines[2], "'-1 not a number,-4");
        assert_eq!(lines[3], "'@x\t,");
        assert_eq!(lines[4], "'\tTab,99.2");
        assert!(s.contains("\"'\rCR\",'+1"), "{s:?}");
    }

    #[test]
    fn listing_numbers_are_not_quoted_but_formulas_are() {
        let s = csv_string(&["a", "b"], &[vec!["-3".into(), "=1+2".into()]]).unwrap();
        assert_eq!(s, "\u{feff}a,b\n-3,'=1+2\n");
    }
}
