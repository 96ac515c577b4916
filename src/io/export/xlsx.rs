//! XLSX through rust_xlsxwriter, the one workbook writer: every worksheet prints on A4 without
//! touching Excel's page setup (landscape when wider than portrait, fit to one page wide, the
//! header row repeated on every page), the header frozen and filterable, columns as wide as
//! their content (CJK counted double) with long text wrapped, numbers as numbers at their
//! decimals, rates as fractions with a % format, dates as dates, legal and unique tab names.

use std::collections::HashSet;
use std::path::Path;

use rust_xlsxwriter::{
    Color, ExcelDateTime, Format, FormatAlign, FormatBorder, Url, Workbook, Worksheet,
};

use super::xlsx_layout::{LINE_PT, Layout, layout, lines_in};
use super::{Cell, Sheet, Table};

type Xr<T> = Result<T, rust_xlsxwriter::XlsxError>;

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
    #[error("cannot lay out the worksheet {sheet}: {source}")]
    Sheet {
        sheet: String,
        source: rust_xlsxwriter::XlsxError,
    },
}

/// A legal, unique worksheet name: at most 31 characters, none of `[]:*?/\`, not empty, not
/// starting or ending with an apostrophe, not Excel's reserved "History", unique
/// case-insensitively among `taken`.
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
    let base: String = if clean.is_empty() || clean.eq_ignore_ascii_case("history") {
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

/// The font every cell uses (宋体: present wherever Chinese Office or WPS is).
const FONT: &str = "宋体";
const SIZE: f64 = 10.5;
/// Excel's paper code for A4.
const A4: u8 = 9;

struct Formats {
    title: Format,
    label: Format,
    para: Format,
    caption: Format,
    head: Format,
    /// [plain, strong] × [no wrap, wrap] text.
    text: [[Format; 2]; 2],
    link: Format,
    date: Format,
    /// A date or number among the facts (no border, as the facts' text).
    fact_date: Format,
    fact_num: Format,
}

impl Formats {
    fn new() -> Formats {
        let base = Format::new().set_font_name(FONT).set_font_size(SIZE);
        let cell = base
            .clone()
            .set_border(FormatBorder::Thin)
            .set_align(FormatAlign::Top);
        let strong = cell
            .clone()
            .set_bold()
            .set_background_color(Color::RGB(0xF2F2F2));
        Formats {
            title: base
                .clone()
                .set_bold()
                .set_font_size(14)
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter)
                .set_text_wrap(),
            label: base.clone().set_bold().set_align(FormatAlign::Top),
            para: base.clone().set_text_wrap().set_align(FormatAlign::Top),
            caption: base.clone().set_bold(),
            head: cell
                .clone()
                .set_bold()
                .set_background_color(Color::RGB(0xDDEBF7))
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter)
                .set_text_wrap(),
            text: [
                [cell.clone(), cell.clone().set_text_wrap()],
                [strong.clone(), strong.clone().set_text_wrap()],
            ],
            link: cell
                .clone()
                .set_font_color(Color::RGB(0x0563C1))
                .set_underline(rust_xlsxwriter::FormatUnderline::Single),
            date: cell.set_num_format("yyyy-mm-dd"),
            fact_date: base
                .clone()
                .set_num_format("yyyy-mm-dd")
                .set_align(FormatAlign::Left),
            fact_num: base.set_align(FormatAlign::Left),
        }
    }

    /// The number format of `d` decimals (a percentage when `rate`), plain or strong.
    fn number(&self, d: usize, rate: bool, strong: bool) -> Format {
        let digits = digits(d);
        let f = if rate { format!("{digits}%") } else { digits };
        self.text[usize::from(strong)][0].clone().set_num_format(f)
    }
}

/// Excel's number format for `d` decimals: `0`, `0.0`, `0.00`, …
fn digits(d: usize) -> String {
    if d == 0 {
        "0".to_string()
    } else {
        format!("0.{}", "0".repeat(d.min(10)))
    }
}

fn excel_date(d: &chrono::NaiveDate) -> Xr<ExcelDateTime> {
    use chrono::Datelike;
    ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8)
}

/// A workbook being written, one [`Sheet`] at a time.
pub struct Book {
    wb: Workbook,
    taken: HashSet<String>,
    formats: Formats,
}

impl Default for Book {
    fn default() -> Self {
        Book::new()
    }
}

impl Book {
    pub fn new() -> Book {
        Book {
            wb: Workbook::new(),
            taken: HashSet::new(),
            formats: Formats::new(),
        }
    }

    /// Keeps the first tab for a sheet written last (a summary that links to the others);
    /// returns the tab's name.
    pub fn reserve_first(&mut self, name: &str) -> Result<String, XlsxError> {
        let name = sheet_name(name, &mut self.taken);
        let ws = self.wb.add_worksheet();
        ws.set_name(&name).map_err(|source| XlsxError::Sheet {
            sheet: name.clone(),
            source,
        })?;
        Ok(name)
    }

    /// Fills the tab kept by [`Book::reserve_first`].
    pub fn fill_first(&mut self, sheet: &Sheet) -> Result<(), XlsxError> {
        let f = &self.formats;
        self.wb
            .worksheet_from_index(0)
            .and_then(|ws| write_sheet(ws, sheet, f))
            .map_err(|source| XlsxError::Sheet {
                sheet: sheet.name.clone(),
                source,
            })
    }

    /// The name a sheet wanting `name` would get next (for links written before it).
    pub fn add(&mut self, sheet: &Sheet) -> Result<String, XlsxError> {
        let name = sheet_name(&sheet.name, &mut self.taken);
        let ws = self.wb.add_worksheet();
        ws.set_name(&name)
            .and_then(|ws| write_sheet(ws, sheet, &self.formats))
            .map_err(|source| XlsxError::Sheet {
                sheet: name.clone(),
                source,
            })?;
        Ok(name)
    }

    /// Saves the workbook through the one file writer (`io::out`: a temporary file and a
    /// rename, a FIFO written in place, a folder refused).
    pub fn save(mut self, path: &Path) -> Result<(), XlsxError> {
        crate::io::out::file_target(path)?;
        let bytes = self
            .wb
            .save_to_buffer()
            .map_err(|source| XlsxError::Write {
                path: path.display().to_string(),
                source,
            })?;
        Ok(crate::io::out::write_file(path, &bytes)?)
    }

    pub fn bytes(mut self) -> Result<Vec<u8>, XlsxError> {
        self.wb.save_to_buffer().map_err(|source| XlsxError::Write {
            path: "-".into(),
            source,
        })
    }
}

fn book(sheets: &[Sheet]) -> Result<Book, XlsxError> {
    let mut b = Book::new();
    for s in sheets {
        b.add(s)?;
    }
    Ok(b)
}

/// Writes the sheets as one workbook at `path`.
pub fn write_book(path: &Path, sheets: &[Sheet]) -> Result<(), XlsxError> {
    book(sheets)?.save(path)
}

/// The sheets as one workbook's bytes (a workbook piped to another program).
pub fn book_bytes(sheets: &[Sheet]) -> Result<Vec<u8>, XlsxError> {
    book(sheets)?.bytes()
}

/// Writes the tables as one workbook at `path`, one plain list per tab.
pub fn write_xlsx(path: &Path, tables: &[Table]) -> Result<(), XlsxError> {
    let sheets: Vec<Sheet> = tables.iter().cloned().map(Sheet::from).collect();
    write_book(path, &sheets)
}

/// The workbook of tables as bytes (for `--out -` or tests).
pub fn xlsx_bytes(tables: &[Table]) -> Result<Vec<u8>, XlsxError> {
    let sheets: Vec<Sheet> = tables.iter().cloned().map(Sheet::from).collect();
    book(&sheets)?.bytes()
}

/// Writes a line across the sheet's width (title, fact value, paragraph, closing line), with
/// the height its wrapped text needs (Excel never grows a merged row by itself).
fn across(ws: &mut Worksheet, r: u32, from: u16, lay: &Layout, s: &str, f: &Format) -> Xr<()> {
    let last = lay.widths.len().saturating_sub(1) as u16;
    if last > from {
        ws.merge_range(r, from, r, last, s, f)?;
    } else {
        ws.write_string_with_format(r, from, s, f)?;
    }
    let lines = lines_in(s, lay.span(from as usize));
    if lines > 1 {
        ws.set_row_height(r, lines as f64 * LINE_PT + 2.0)?;
    }
    Ok(())
}

fn write_cell(
    ws: &mut Worksheet,
    r: u32,
    c: u16,
    cell: &Cell,
    f: &Formats,
    st: (bool, bool),
) -> Xr<()> {
    let (strong, wrap) = st;
    let text = &f.text[usize::from(strong)][usize::from(wrap)];
    match cell {
        Cell::Text(s) => ws.write_string_with_format(r, c, s, text).map(|_| ()),
        // The published value with a format showing exactly its decimals.
        Cell::Fig(x) => ws
            .write_number_with_format(
                r,
                c,
                x.to_f64(),
                &f.number(x.decimals() as usize, false, strong),
            )
            .map(|_| ()),
        // The fraction with a % format showing the digits the percentage has (0.993 → 99.3%).
        Cell::Rate(x) => ws
            .write_number_with_format(
                r,
                c,
                x.to_f64(),
                &f.number(x.percent().decimals() as usize, true, strong),
            )
            .map(|_| ()),
        Cell::Int(n) => ws
            .write_number_with_format(r, c, *n as f64, &f.number(0, false, strong))
            .map(|_| ()),
        Cell::Date(d) => ws
            .write_date_with_format(r, c, &excel_date(d)?, &f.date)
            .map(|_| ()),
        Cell::Link { text: t, sheet } => {
            let url = Url::new(format!("internal:'{}'!A1", sheet.replace('\'', "''")))
                .set_text(t.as_str());
            ws.write_url_with_format(r, c, url, &f.link).map(|_| ())
        }
        Cell::Empty => ws.write_blank(r, c, text).map(|_| ()),
    }
}

/// Gives a row whose wrapped text runs over several lines the height it needs: Excel grows
/// such rows by itself, LibreOffice and WPS keep the default height and overprint the next row.
fn fit_height<'a>(
    ws: &mut Worksheet,
    r: u32,
    lay: &Layout,
    texts: impl Iterator<Item = &'a str>,
    all_wrap: bool,
) -> Xr<()> {
    let lines = texts
        .enumerate()
        .filter(|(c, t)| !t.is_empty() && (all_wrap || lay.wrap.get(*c).copied().unwrap_or(false)))
        .map(|(c, t)| lines_in(t, lay.widths.get(c).copied().unwrap_or(8.43)))
        .max()
        .unwrap_or(1);
    if lines > 1 {
        ws.set_row_height(r, lines as f64 * LINE_PT + 2.0)?;
    }
    Ok(())
}

/// A fact's value that is not text: a date as a date, a number as a number.
fn write_fact(ws: &mut Worksheet, r: u32, v: &Cell, f: &Formats) -> Xr<()> {
    match v {
        Cell::Date(d) => ws
            .write_date_with_format(r, 1, &excel_date(d)?, &f.fact_date)
            .map(|_| ()),
        Cell::Fig(x) => {
            let fmt = f
                .fact_num
                .clone()
                .set_num_format(digits(x.decimals() as usize));
            ws.write_number_with_format(r, 1, x.to_f64(), &fmt)
                .map(|_| ())
        }
        other => write_cell(ws, r, 1, other, f, (false, false)),
    }
}

/// Lays one sheet out: title, facts, paragraphs, sections, closing lines; then widths and the
/// page setup.
fn write_sheet(ws: &mut Worksheet, sheet: &Sheet, f: &Formats) -> Xr<()> {
    let lay = layout(sheet);
    let mut r = 0u32;
    if let Some(t) = &sheet.title {
        across(ws, r, 0, &lay, t, &f.title)?;
        ws.set_row_height(r, (lines_in(t, lay.total() * 0.75) as f64 * 20.0).max(24.0))?;
        r += 1;
    }
    for (k, v) in &sheet.facts {
        ws.write_string_with_format(r, 0, k, &f.label)?;
        match v {
            Cell::Text(s) => across(ws, r, 1, &lay, s, &f.para)?,
            other => {
                // A number or date across the rest of the row too, so it never shows ###.
                let last = lay.widths.len().saturating_sub(1) as u16;
                if last > 1 {
                    ws.merge_range(r, 1, r, last, "", &f.para)?;
                }
                write_fact(ws, r, other, f)?;
            }
        }
        r += 1;
    }
    for p in &sheet.paragraphs {
        across(ws, r, 0, &lay, p, &f.para)?;
        r += 1;
    }
    if r > 0 && !sheet.sections.is_empty() {
        r += 1;
    }
    let main = main_section(sheet);
    for (i, sec) in sheet.sections.iter().enumerate() {
        if let Some(c) = &sec.caption {
            ws.write_string_with_format(r, 0, c, &f.caption)?;
            r += 1;
        }
        let header = r;
        for (c, h) in sec.table.header.iter().enumerate() {
            ws.write_string_with_format(r, c as u16, h, &f.head)?;
        }
        fit_height(
            ws,
            r,
            &lay,
            sec.table.header.iter().map(String::as_str),
            true,
        )?;
        for (k, row) in sec.table.rows.iter().enumerate() {
            r += 1;
            let strong = sec.strong.contains(&k);
            for (c, cell) in row.iter().enumerate() {
                let wrap = lay.wrap.get(c).copied().unwrap_or(false);
                write_cell(ws, r, c as u16, cell, f, (strong, wrap))?;
            }
            let texts = row.iter().map(|c| match c {
                Cell::Text(s) => s.as_str(),
                _ => "",
            });
            fit_height(ws, r, &lay, texts, false)?;
        }
        if Some(i) == main {
            let cols = sec.table.header.len().max(1) as u16;
            ws.set_freeze_panes(header + 1, 0)?;
            ws.set_repeat_rows(header, header)?;
            if sec.filter && r > header {
                ws.autofilter(header, 0, r, cols - 1)?;
            }
        }
        r += 2;
    }
    for line in &sheet.closing {
        across(ws, r, 0, &lay, line, &f.para)?;
        ws.set_row_height(r, (lines_in(line, lay.total()) as f64 * LINE_PT).max(24.0))?;
        r += 1;
    }
    for (c, w) in lay.widths.iter().enumerate() {
        ws.set_column_width(c as u16, *w)?;
    }
    page_setup(ws, &lay);
    Ok(())
}

/// The section whose header is frozen, filtered and repeated on every printed page: the only
/// one, or the longest once it runs past a screen.
fn main_section(sheet: &Sheet) -> Option<usize> {
    if sheet.sections.len() == 1 {
        return Some(0);
    }
    sheet
        .sections
        .iter()
        .enumerate()
        .filter(|(_, s)| s.table.rows.len() >= 15)
        .max_by_key(|(_, s)| s.table.rows.len())
        .map(|(i, _)| i)
}

fn page_setup(ws: &mut Worksheet, lay: &Layout) {
    ws.set_paper_size(A4);
    if lay.landscape {
        ws.set_landscape();
    } else {
        ws.set_portrait();
    }
    ws.set_print_fit_to_pages(1, 0);
    ws.set_print_center_horizontally(true);
    ws.set_margins(0.4, 0.4, 0.55, 0.55, 0.25, 0.25);
    ws.set_footer("&C&P / &N");
}

#[cfg(test)]
mod tests;
