//! Score sheets as XLSX (rust_xlsxwriter): a workbook with a summary sheet first and one sheet
//! per account, A4 portrait, repeated header row, borders, merged title, frozen panes, a CJK
//! font; numbers stay numbers. `write_split` writes one file per account instead.

use std::path::{Path, PathBuf};

use rust_xlsxwriter::{Color, Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError};

use super::names::{SheetNames, safe_file_stem};
use super::{Cell, RowKind, Sheet};
use crate::i18n::Lang;

/// The font every cell uses (宋体: present wherever Chinese Office or WPS is).
const FONT: &str = "宋体";
/// Excel's paper code for A4.
const A4: u8 = 9;

struct Formats {
    title: Format,
    fact: Format,
    head: Format,
    text: Format,
    num: Format,
    strong: Format,
    strong_num: Format,
    wrap: Format,
}

impl Formats {
    fn new() -> Formats {
        let base = Format::new().set_font_name(FONT).set_font_size(10.5);
        let cell = base
            .clone()
            .set_border(FormatBorder::Thin)
            .set_align(FormatAlign::VerticalCenter);
        Formats {
            title: base
                .clone()
                .set_bold()
                .set_font_size(14)
                .set_align(FormatAlign::Center),
            fact: base.clone(),
            head: cell
                .clone()
                .set_bold()
                .set_background_color(Color::RGB(0xEEF1F5))
                .set_text_wrap(),
            text: cell.clone(),
            num: cell.clone().set_num_format("0.00"),
            strong: cell
                .clone()
                .set_bold()
                .set_background_color(Color::RGB(0xF7F7F7)),
            strong_num: cell
                .clone()
                .set_bold()
                .set_num_format("0.00")
                .set_background_color(Color::RGB(0xF7F7F7)),
            wrap: cell.set_text_wrap(),
        }
    }
}

/// A summary line for the first sheet.
#[derive(Debug, Clone)]
pub struct SummaryLine {
    pub cells: Vec<Cell>,
    /// The account's worksheet, linked from the summary.
    pub sheet: String,
}

/// A workbook of score sheets being written.
pub struct SheetBook {
    wb: Workbook,
    names: SheetNames,
    formats: Formats,
    summary_title: String,
    summary_columns: Vec<String>,
    summary: Vec<SummaryLine>,
    lang: Lang,
}

impl SheetBook {
    /// A workbook whose first sheet will list the accounts (`columns`, then a link column).
    pub fn new(summary_title: &str, columns: Vec<String>, lang: Lang) -> SheetBook {
        let mut wb = Workbook::new();
        let mut names = SheetNames::default();
        let first = lang.pick("汇总", "Summary");
        names.reserve(first);
        // The summary is added first so that it is the first tab; it is filled in at save.
        let _ = wb.add_worksheet().set_name(first);
        SheetBook {
            wb,
            names,
            formats: Formats::new(),
            summary_title: summary_title.to_string(),
            summary_columns: columns,
            summary: Vec::new(),
            lang,
        }
    }

    /// Adds one account's sheet and its summary line.
    pub fn add(&mut self, sheet: &Sheet, summary: Vec<Cell>) -> Result<(), XlsxError> {
        let name = self.names.legal(&sheet.account);
        let ws = self.wb.add_worksheet();
        ws.set_name(&name)?;
        write_sheet(ws, sheet, &self.formats)?;
        self.summary.push(SummaryLine {
            cells: summary,
            sheet: name,
        });
        Ok(())
    }

    /// Writes the summary sheet and saves the workbook.
    pub fn save(mut self, path: &Path) -> Result<(), XlsxError> {
        let f = &self.formats;
        let ws = self.wb.worksheet_from_index(0)?;
        let cols = self.summary_columns.len() as u16 + 1;
        ws.merge_range(0, 0, 0, cols - 1, &self.summary_title, &f.title)?;
        for (c, h) in self.summary_columns.iter().enumerate() {
            ws.write_string_with_format(2, c as u16, h, &f.head)?;
        }
        ws.write_string_with_format(2, cols - 1, self.lang.pick("评分表", "Sheet"), &f.head)?;
        for (i, line) in self.summary.iter().enumerate() {
            let r = 3 + i as u32;
            for (c, cell) in line.cells.iter().enumerate() {
                write_cell(ws, r, c as u16, cell, &f.text, &f.num)?;
            }
            let link = format!("internal:'{}'!A1", line.sheet.replace('\'', "''"));
            ws.write_url_with_text(r, cols - 1, link.as_str(), &line.sheet)?;
        }
        page_setup(ws, 2)?;
        ws.set_landscape();
        ws.set_column_range_width(0, cols - 1, 12)?;
        crate::io::out::save_xlsx(&mut self.wb, path)
    }
}

fn write_cell(
    ws: &mut Worksheet,
    r: u32,
    c: u16,
    cell: &Cell,
    text: &Format,
    num: &Format,
) -> Result<(), XlsxError> {
    match cell {
        Cell::Text(s) => ws.write_string_with_format(r, c, s, text).map(|_| ()),
        Cell::Num(x) => ws.write_number_with_format(r, c, *x, num).map(|_| ()),
        Cell::Empty => ws.write_blank(r, c, text).map(|_| ()),
    }
}

fn page_setup(ws: &mut Worksheet, header_row: u32) -> Result<(), XlsxError> {
    ws.set_paper_size(A4);
    ws.set_portrait();
    ws.set_print_fit_to_pages(1, 0);
    ws.set_margins(0.5, 0.5, 0.6, 0.6, 0.3, 0.3);
    ws.set_repeat_rows(header_row, header_row)?;
    ws.set_freeze_panes(header_row + 1, 2)?;
    ws.set_header("&C&\"宋体\"&A");
    ws.set_footer("&C&P / &N");
    Ok(())
}

/// Lays one sheet out on a worksheet.
fn write_sheet(ws: &mut Worksheet, sheet: &Sheet, f: &Formats) -> Result<(), XlsxError> {
    let cols = sheet.columns.len().max(2) as u16;
    ws.merge_range(0, 0, 0, cols - 1, &sheet.title, &f.title)?;
    let mut r = 1u32;
    for (k, v) in &sheet.facts {
        ws.write_string_with_format(r, 0, k, &f.fact)?;
        ws.merge_range(r, 1, r, cols - 1, v, &f.fact)?;
        r += 1;
    }
    r += 1;
    let header = r;
    for (c, h) in sheet.columns.iter().enumerate() {
        ws.write_string_with_format(r, c as u16, h, &f.head)?;
    }
    for row in &sheet.rows {
        r += 1;
        let strong = !matches!(row.kind, RowKind::Item);
        for c in 0..cols.max(row.cells.len() as u16) {
            let cell = row.cells.get(c as usize).unwrap_or(&Cell::Empty);
            let last = c + 1 == cols;
            let (t, n) = match (strong, last) {
                (_, true) => (&f.wrap, &f.num),
                (true, false) => (&f.strong, &f.strong_num),
                (false, false) => (&f.text, &f.num),
            };
            write_cell(ws, r, c, cell, t, n)?;
        }
    }
    r += 2;
    for (i, s) in sheet.signatures.iter().enumerate() {
        ws.write_string_with_format(r, (i as u16) * (cols / 3).max(1), s, &f.fact)?;
    }
    ws.set_column_width(0, 12)?;
    ws.set_column_width(1, 30)?;
    ws.set_column_range_width(2, cols.saturating_sub(2), 9)?;
    ws.set_column_width(cols - 1, 36)?;
    page_setup(ws, header)
}

/// Writes one workbook per account into a directory, with safe file names that stay unique
/// across the whole run (`<round>-<platform>-<account>.xlsx`).
pub struct SplitWriter {
    dir: PathBuf,
    prefix: String,
    used: std::collections::HashSet<String>,
    formats: Formats,
    pub written: usize,
}

impl SplitWriter {
    pub fn new(dir: &Path, prefix: &str) -> SplitWriter {
        SplitWriter {
            dir: dir.to_path_buf(),
            prefix: prefix.to_string(),
            used: std::collections::HashSet::new(),
            formats: Formats::new(),
            written: 0,
        }
    }

    /// Writes one sheet as its own workbook; returns its path.
    pub fn write(&mut self, sheet: &Sheet) -> Result<PathBuf, XlsxError> {
        let stem = safe_file_stem(&format!(
            "{}-{}-{}",
            self.prefix, sheet.platform, sheet.account
        ));
        let mut name = format!("{stem}.xlsx");
        let mut n = 2;
        while !self.used.insert(name.to_lowercase()) {
            name = format!("{stem}~{n}.xlsx");
            n += 1;
        }
        let mut wb = Workbook::new();
        let ws = wb.add_worksheet();
        ws.set_name(SheetNames::default().legal(&sheet.account))?;
        write_sheet(ws, sheet, &self.formats)?;
        let path = self.dir.join(name);
        crate::io::out::save_xlsx(&mut wb, &path)?;
        self.written += 1;
        Ok(path)
    }
}
