//! How a worksheet is laid out for print: column widths from the content (a CJK character
//! counts as two units, Excel's width unit being one digit of the default font), which columns
//! wrap, heights of the rows that span the width, and the orientation that needs the least
//! shrinking to fit one page wide.

use unicode_width::UnicodeWidthChar;

use super::{Cell, Sheet};

/// Widest a text column grows before its text wraps (unless the sheet says otherwise).
pub const DEFAULT_CAP: f64 = 40.0;
/// Narrowest column.
const MIN_WIDTH: f64 = 4.0;
/// Room for the cell's inner margins.
const PAD: f64 = 1.5;
/// A header longer than its column's data wraps once wider than this.
const HEADER_SOFT: f64 = 8.0;
/// The same two limits for a table wider than A4 landscape.
const WIDE_CAP: f64 = 24.0;
const WIDE_HEADER_SOFT: f64 = 7.0;
/// Widest table that prints on A4 landscape at full size.
pub const LANDSCAPE_UNITS: f64 = 146.0;
/// Widest table that prints on A4 portrait without shrinking the type below nine tenths (about
/// 190 mm of printable width holds 102 units); Excel adds 0.71 of cell margin to each width.
pub const PORTRAIT_UNITS: f64 = 108.0;
const EXCEL_MARGIN: f64 = 0.71;
/// The width of a sheet that holds only text.
const TEXT_COLUMN: f64 = 96.0;
/// Points per printed line of the body font, and of a wrapped line.
pub const LINE_PT: f64 = 14.25;

/// Display units of a text: its widest line, a wide (CJK) character counting two.
pub fn units(s: &str) -> f64 {
    s.lines()
        .map(|l| {
            l.chars()
                .map(|c| c.width().unwrap_or(0).max(usize::from(!c.is_control())))
                .sum::<usize>()
        })
        .max()
        .unwrap_or(0) as f64
}

/// Units of a cell as Excel shows it (numbers at their decimals, rates with `%`).
pub fn cell_units(c: &Cell) -> f64 {
    match c {
        Cell::Empty => 0.0,
        Cell::Date(_) => 10.0,
        // The percent sign the cell's format adds.
        Cell::Rate(..) => units(&c.display()) + 1.0,
        other => units(&other.display()),
    }
}

/// Lines a text takes in a column `width` units wide (at least one).
pub fn lines_in(s: &str, width: f64) -> usize {
    let room = width.max(1.0);
    s.split('\n')
        .map(|l| ((units(l) / room).ceil() as usize).max(1))
        .sum::<usize>()
        .max(1)
}

/// The computed layout of one sheet.
#[derive(Debug, Clone, PartialEq)]
pub struct Layout {
    pub widths: Vec<f64>,
    /// Columns whose text is wider than the column and wraps.
    pub wrap: Vec<bool>,
    pub landscape: bool,
}

impl Layout {
    /// Total width of the used columns.
    pub fn total(&self) -> f64 {
        self.widths.iter().sum()
    }

    /// Width of columns `from..` (what a line spanning from there has).
    pub fn span(&self, from: usize) -> f64 {
        self.widths.iter().skip(from).sum::<f64>().max(1.0)
    }
}

/// Widths from the content of every section; the facts' labels count in the first column.
pub fn layout(sheet: &Sheet) -> Layout {
    let ncols = sheet
        .sections
        .iter()
        .flat_map(|s| {
            std::iter::once(s.table.header.len()).chain(s.table.rows.iter().map(Vec::len))
        })
        .max()
        .unwrap_or(0)
        .max(if sheet.facts.is_empty() { 1 } else { 2 });
    let mut data = vec![0.0f64; ncols];
    let mut text = vec![0.0f64; ncols];
    let mut nums = vec![0.0f64; ncols];
    let mut head = vec![0.0f64; ncols];
    for s in &sheet.sections {
        for (c, h) in s.table.header.iter().enumerate() {
            head[c] = head[c].max(units(h));
        }
        for row in &s.table.rows {
            for (c, cell) in row.iter().enumerate() {
                let u = cell_units(cell);
                data[c] = data[c].max(u);
                if matches!(cell, Cell::Text(_) | Cell::Link { .. }) {
                    text[c] = text[c].max(u);
                } else {
                    nums[c] = nums[c].max(u);
                }
            }
        }
    }
    for (k, _) in &sheet.facts {
        data[0] = data[0].max(units(k));
    }
    // A sheet of text alone: one column as wide as a portrait page.
    if sheet.sections.is_empty() && !sheet.paragraphs.is_empty() {
        data[0] = data[0].max(TEXT_COLUMN);
    }
    if sheet.sections.is_empty() && !sheet.facts.is_empty() {
        let longest = sheet
            .facts
            .iter()
            .map(|(_, v)| cell_units(v))
            .fold(0.0, f64::max);
        data[1] = data[1].max(longest.min(60.0));
    }
    let cols = Columns {
        data,
        text,
        nums,
        head,
    };
    let cap = |default: f64| {
        move |c: usize| {
            sheet
                .caps
                .iter()
                .find(|(k, _)| *k == c)
                .map_or(default, |(_, w)| *w)
        }
    };
    let (mut widths, mut wrap) = cols.fit(cap(DEFAULT_CAP), HEADER_SOFT);
    // A register too wide for A4 landscape at full size: long text wraps sooner and headers
    // wrap over their numbers, so that fitting the page shrinks the type less.
    if widths.iter().sum::<f64>() > LANDSCAPE_UNITS {
        (widths, wrap) = cols.fit(cap(WIDE_CAP), WIDE_HEADER_SOFT);
    }
    let landscape = widths.iter().map(|w| w + EXCEL_MARGIN).sum::<f64>() > PORTRAIT_UNITS;
    Layout {
        widths,
        wrap,
        landscape,
    }
}

/// The widest content of each column: any cell, text cells, number cells, the header.
struct Columns {
    data: Vec<f64>,
    text: Vec<f64>,
    nums: Vec<f64>,
    head: Vec<f64>,
}

impl Columns {
    /// Widths and wrapping: a column is as wide as its content up to its cap (numbers are
    /// never cut), a header wider than the column's content wraps beyond `soft`.
    fn fit(&self, cap: impl Fn(usize) -> f64, soft: f64) -> (Vec<f64>, Vec<bool>) {
        let mut widths = Vec::with_capacity(self.data.len());
        let mut wrap = Vec::with_capacity(self.data.len());
        for c in 0..self.data.len() {
            let numbers = self.nums[c] + PAD;
            let body = self.data[c] + PAD;
            let header = (self.head[c] + PAD).min(body.max(soft));
            let w = body.max(header).min(cap(c)).max(numbers).max(MIN_WIDTH);
            widths.push((w * 4.0).ceil() / 4.0);
            wrap.push(self.text[c] + PAD > w + 0.01);
        }
        (widths, wrap)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::export::{Section, Table};

    fn sheet(header: &[&str], rows: Vec<Vec<Cell>>) -> Sheet {
        let mut t = Table::new("t", header.iter().map(|h| h.to_string()).collect());
        t.rows = rows;
        Sheet {
            sections: vec![Section::new(t)],
            ..Sheet::default()
        }
    }

    #[test]
    fn cjk_counts_double_and_numbers_fit() {
        assert_eq!(units("莲都发布"), 8.0);
        assert_eq!(units("ab\n莲都"), 4.0);
        let s = sheet(
            &["账号", "与组内其他均分差"],
            vec![vec![
                Cell::text("莲都发布"),
                Cell::Fig(crate::domain::figure::Figure::new(10000, 2)),
            ]],
        );
        let l = layout(&s);
        assert_eq!(l.widths[0], 9.5);
        // The number (6 units) fits; the long header wraps at the soft limit.
        assert!(
            l.widths[1] >= 7.5 && l.widths[1] <= HEADER_SOFT + 0.25,
            "{l:?}"
        );
        assert!(!l.landscape);
    }

    #[test]
    fn long_text_wraps_at_the_cap_and_wide_tables_turn() {
        let long = "很长的主办单位名称".repeat(6);
        let mut s = sheet(&["单位"], vec![vec![Cell::text(&long)]]);
        s.caps = vec![(0, 20.0)];
        let l = layout(&s);
        assert_eq!((l.widths[0], l.wrap[0]), (20.0, true));
        assert_eq!(lines_in(&long, 20.0), 6);
        let wide = sheet(&["a"; 12], vec![vec![Cell::text("一二三四五"); 12]]);
        assert!(layout(&wide).landscape);
    }
}
