//! Score sheets as Markdown (printable, readable in any editor) and as CSV rows (for the one
//! CSV writer, which adds the BOM and neutralises formula-like cells).

use std::fmt::Write;

use super::{Cell, RowKind, Sheet};

/// A cell escaped for Markdown, its lines joined by `<br>`.
fn md_cell(s: &str) -> String {
    s.lines()
        .map(crate::io::document::md::escape)
        .collect::<Vec<_>>()
        .join("<br>")
}

/// One sheet as Markdown: title, facts, the table, signature lines.
pub fn render_md(sheet: &Sheet) -> String {
    let mut s = format!("## {}\n\n", md_cell(&sheet.title));
    for (k, v) in &sheet.facts {
        let _ = writeln!(s, "- {}：{}", md_cell(k), md_cell(v));
    }
    s.push('\n');
    let _ = writeln!(
        s,
        "| {} |",
        sheet
            .columns
            .iter()
            .map(|c| md_cell(c))
            .collect::<Vec<_>>()
            .join(" | ")
    );
    let _ = writeln!(s, "|{}", "---|".repeat(sheet.columns.len()));
    let width = sheet.columns.len();
    for r in &sheet.rows {
        let mut cells: Vec<String> = r
            .cells_with_id(width)
            .iter()
            .map(|c| md_cell(&c.plain()))
            .collect();
        let strong = matches!(
            r.kind,
            RowKind::Category | RowKind::Section | RowKind::Total
        );
        if let Some(c) = cells.first_mut().filter(|c| strong && !c.is_empty()) {
            *c = format!("**{c}**");
        }
        let _ = writeln!(s, "| {} |", cells.join(" | "));
    }
    s.push('\n');
    for line in &sheet.signatures {
        let _ = writeln!(s, "{}\n", md_cell(line));
    }
    s
}

/// The sheet as rows of cells: facts, a blank row, the header, the table, the signatures.
pub fn render_csv_rows(sheet: &Sheet) -> Vec<Vec<Cell>> {
    let mut rows: Vec<Vec<Cell>> = vec![vec![Cell::text(&sheet.title)]];
    rows.extend(
        sheet
            .facts
            .iter()
            .map(|(k, v)| vec![Cell::text(k), Cell::text(v)]),
    );
    rows.push(Vec::new());
    rows.push(sheet.columns.iter().map(Cell::text).collect());
    let width = sheet.columns.len();
    rows.extend(sheet.rows.iter().map(|r| r.cells_with_id(width)));
    rows.push(Vec::new());
    rows.extend(sheet.signatures.iter().map(|l| vec![Cell::text(l)]));
    rows
}
