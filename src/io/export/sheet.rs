//! A worksheet as it is printed: a title, facts (label and value), paragraphs, one or more
//! tables each with an optional caption, and closing lines (signatures). The XLSX writer lays
//! it out; callers only say what is on the sheet.

use super::{Cell, Table};

/// A table on a sheet, with a caption line above it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Section {
    pub caption: Option<String>,
    pub table: Table,
    /// Rows set in bold (categories, subtotals, totals), by index into `table.rows`.
    pub strong: Vec<usize>,
    /// Whether the header gets Excel's filter buttons (lists of accounts, units, …; not a score
    /// sheet, whose subtotal rows a filter would scatter).
    pub filter: bool,
}

impl Section {
    pub fn new(table: Table) -> Section {
        Section {
            caption: None,
            table,
            strong: Vec::new(),
            filter: true,
        }
    }

    pub fn caption(mut self, c: impl Into<String>) -> Section {
        self.caption = Some(c.into());
        self
    }
}

/// One worksheet.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Sheet {
    /// The tab's name (made legal and unique by the writer).
    pub name: String,
    /// A bold line across the top.
    pub title: Option<String>,
    /// Label and value lines under the title (the value spans the rest of the width).
    pub facts: Vec<(String, Cell)>,
    /// Paragraphs under the facts, each across the width and wrapped.
    pub paragraphs: Vec<String>,
    pub sections: Vec<Section>,
    /// Lines under the tables (notes, signature lines), each across the width.
    pub closing: Vec<String>,
    /// Widest a column may grow before its text wraps, by column (others: the default).
    pub caps: Vec<(usize, f64)>,
}

impl Sheet {
    pub fn new(name: impl Into<String>) -> Sheet {
        Sheet {
            name: name.into(),
            ..Sheet::default()
        }
    }
}

impl From<Table> for Sheet {
    /// A plain list: the table alone, its name the tab's.
    fn from(t: Table) -> Sheet {
        Sheet {
            name: t.name.clone(),
            sections: vec![Section::new(t)],
            ..Sheet::default()
        }
    }
}
