//! The document as a workbook: its text on the first sheet (the title, then every heading and
//! paragraph in order), then each table on its own sheet, named and titled by its caption or by
//! the annex it belongs to. The cells stay typed, so the one XLSX writer prints numbers as
//! numbers, rates as percentages and lays every sheet out for A4.

use super::{Block, Doc};
use crate::io::export::{Sheet, Table};

/// The sheets; `text_sheet` names the first.
pub fn sheets(doc: &Doc, text_sheet: &str) -> Vec<Sheet> {
    let mut text = Sheet::new(text_sheet);
    text.title = Some(doc.title.printed());
    let mut out = Vec::new();
    let mut annex: Option<String> = None;
    for b in &doc.blocks {
        match b {
            Block::Addressee(t)
            | Block::Para(t)
            | Block::Heading(t)
            | Block::Subheading(t)
            | Block::Note(t) => text.paragraphs.push(t.printed()),
            Block::AnnexList(items) => {
                for (i, t) in items.iter().enumerate() {
                    let lead = if i == 0 { "附件：" } else { "　　　" };
                    text.paragraphs
                        .push(format!("{lead}{}. {}", i + 1, t.printed()));
                }
            }
            Block::Signature { issuer, date } => {
                text.paragraphs.push(issuer.printed());
                text.paragraphs.push(date.printed());
            }
            Block::Annex { label, title } => annex = Some(format!("{label} {}", title.printed())),
            Block::Table { caption, table } => {
                let name = caption
                    .as_ref()
                    .map(|c| c.printed())
                    .or_else(|| annex.clone())
                    .unwrap_or_else(|| format!("{}{}", text_sheet, out.len() + 1));
                let mut t = Table::new(name.clone(), table.header.clone());
                t.rows = table.rows.clone();
                let mut s = Sheet::from(t);
                s.title = Some(name);
                out.push(s);
            }
            Block::Chart(_) => {}
        }
    }
    out.insert(0, text);
    out
}
