//! A document as an office issues it (a 公文: a 通报, a 整改报告 …) in one small model — title,
//! addressee, paragraphs, headings, tables, signature and date, annexes — and its three writers:
//! Word (DOCX after GB/T 9704-2012), Markdown and printable HTML. Text may hold placeholders
//! (【…】) for what the office has to fill in; every writer shows them and
//! [`Doc::placeholders`] lists them.

pub use crate::io::export::Cell;

pub mod docx;
mod docx_parts;
pub mod html;
pub mod md;
pub mod xlsx;

/// A run of document text.
#[derive(Debug, Clone, PartialEq)]
pub enum Span {
    Plain(String),
    /// Something the office fills in, shown as 【what】.
    Blank(String),
}

/// A line or paragraph of text: plain runs and placeholders.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Text(pub Vec<Span>);

impl Text {
    pub fn plain(s: impl Into<String>) -> Text {
        Text(vec![Span::Plain(s.into())])
    }

    pub fn blank(what: impl Into<String>) -> Text {
        Text(vec![Span::Blank(what.into())])
    }

    /// Given text, or a placeholder naming what is missing.
    pub fn given_or(given: Option<&str>, what: &str) -> Text {
        match given.map(str::trim).filter(|s| !s.is_empty()) {
            Some(s) => Text::plain(s),
            None => Text::blank(what),
        }
    }

    pub fn push(mut self, s: impl Into<String>) -> Text {
        self.0.push(Span::Plain(s.into()));
        self
    }

    pub fn push_text(mut self, t: &Text) -> Text {
        self.0.extend(t.0.iter().cloned());
        self
    }

    /// The text as printed, placeholders as 【…】.
    pub fn printed(&self) -> String {
        self.0
            .iter()
            .map(|s| match s {
                Span::Plain(p) => p.clone(),
                Span::Blank(b) => format!("【{b}】"),
            })
            .collect()
    }

    fn blanks<'a>(&'a self, out: &mut Vec<&'a str>) {
        for s in &self.0 {
            if let Span::Blank(b) = s {
                out.push(b);
            }
        }
    }
}

/// A table: header, rows of typed cells (numbers are aligned right, rates print with %), and
/// relative column widths. The same cells go to a workbook as numbers, rates and dates.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct DocTable {
    pub header: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
    /// Relative widths (any scale); empty: equal.
    pub widths: Vec<u32>,
}

/// A cell as a document prints it: rates with a percent sign, nothing for an empty cell.
pub fn shown(c: &Cell) -> String {
    match c {
        Cell::Rate(..) => format!("{}%", c.display()),
        other => other.display(),
    }
}

/// Whether a cell is a number (aligned right).
pub fn is_number(c: &Cell) -> bool {
    matches!(c, Cell::Fig(_) | Cell::Int(_) | Cell::Rate(_))
}

/// One block of the document, in reading order.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// The addressee line (主送机关), flush left.
    Addressee(Text),
    /// A body paragraph, its first line indented two characters.
    Para(Text),
    /// A first-level heading (一、…, 黑体).
    Heading(Text),
    /// A second-level heading (（一）…, 楷体).
    Subheading(Text),
    /// A table with a caption above it.
    Table {
        caption: Option<Text>,
        table: DocTable,
    },
    /// A chart drawn as inline SVG (HTML only; the same figures are in a table beside it).
    Chart(String),
    /// The list of annexes (附件：1. … 2. …) under the body.
    AnnexList(Vec<Text>),
    /// The issuer (落款) and the date, right-aligned.
    Signature { issuer: Text, date: Text },
    /// An annex starts on a new page: its label (附件1) and its title.
    Annex { label: String, title: Text },
    /// A note in small print.
    Note(Text),
}

/// The 版头: the issuing office's name and the document number (文号).
#[derive(Debug, Clone, PartialEq)]
pub struct Masthead {
    pub issuer: Text,
    pub number: Text,
}

/// A document.
#[derive(Debug, Clone, PartialEq)]
pub struct Doc {
    /// `zh-CN` or `en` (HTML's language; Chinese fonts either way).
    pub lang: &'static str,
    pub masthead: Option<Masthead>,
    pub title: Text,
    pub blocks: Vec<Block>,
}

impl Doc {
    /// Every placeholder left, in reading order, each once.
    pub fn placeholders(&self) -> Vec<String> {
        let mut all: Vec<&str> = Vec::new();
        if let Some(m) = &self.masthead {
            m.issuer.blanks(&mut all);
            m.number.blanks(&mut all);
        }
        self.title.blanks(&mut all);
        for b in &self.blocks {
            match b {
                Block::Addressee(t)
                | Block::Para(t)
                | Block::Heading(t)
                | Block::Subheading(t)
                | Block::Note(t) => t.blanks(&mut all),
                Block::Table { caption, .. } => {
                    if let Some(c) = caption {
                        c.blanks(&mut all);
                    }
                }
                Block::AnnexList(ts) => ts.iter().for_each(|t| t.blanks(&mut all)),
                Block::Signature { issuer, date } => {
                    issuer.blanks(&mut all);
                    date.blanks(&mut all);
                }
                Block::Annex { title, .. } => title.blanks(&mut all),
                Block::Chart(_) => {}
            }
        }
        let mut seen = std::collections::HashSet::new();
        all.into_iter()
            .filter(|b| seen.insert(*b))
            .map(String::from)
            .collect()
    }
}

#[cfg(test)]
mod tests;
