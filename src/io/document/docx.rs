//! The document as Word (DOCX) through docx-rs, laid out after GB/T 9704-2012 《党政机关公文格式》:
//! A4, margins top 37 mm, bottom 35 mm, left 28 mm, right 26 mm (版心 156 × 225 mm), 22 lines of
//! 28 characters (a line grid of 28.95 pt, characters set 0.25 pt tight), title in 2号 小标宋, body in 3号 仿宋 with its first line
//! indented two characters, headings 一、 in 黑体 and （一） in 楷体, the issuer and date
//! right-aligned four characters in, page numbers 「— 1 —」 in 4号 宋体 (odd pages right, even
//! pages left), every annex on a new page with its tables' header repeated. Placeholders are
//! highlighted so that the office sees what to fill in. WPS and Word open and edit it.

use std::path::Path;

use docx_rs::{
    AlignmentType, BorderType, Docx, Footer, PageMargin, PageNum, Paragraph, ParagraphBorder,
    ParagraphBorderPosition, Run, Shading, Table, TableCell, TableRow, VAlignType, WidthType,
};

use super::docx_parts::{self, CHAR, Font, LINE, STYLES};
use super::{Block, Doc, DocTable, Span, Text, is_number, shown};

#[derive(Debug, thiserror::Error)]
pub enum DocxError {
    #[error("cannot build the Word document: {0}")]
    Pack(String),
    #[error("cannot write {path}: {source}")]
    Write {
        path: String,
        source: std::io::Error,
    },
}

/// Twips (1/1440 inch) in a millimetre.
const MM: f64 = 56.692_913;
const A4_W: u32 = 11906;
const A4_H: u32 = 16838;
/// 版心 width: 156 mm.
pub const TEXT_WIDTH: u32 = 8844;

fn mm(x: f64) -> i32 {
    (x * MM).round() as i32
}

/// The runs of a text: placeholders highlighted.
fn runs(p: Paragraph, t: &Text, style: Option<&str>) -> Paragraph {
    t.0.iter().fold(p, |p, s| {
        let r = match s {
            Span::Plain(x) => Run::new().add_text(x),
            Span::Blank(x) => Run::new().add_text(format!("【{x}】")).highlight("yellow"),
        };
        p.add_run(match style {
            Some(st) => r.style(st),
            None => r,
        })
    })
}

fn para(style: &str, t: &Text) -> Paragraph {
    runs(Paragraph::new().style(style), t, None)
}

/// Paragraphs of the body, one per block.
fn blocks(mut d: Docx, doc: &Doc) -> Docx {
    for b in &doc.blocks {
        d = match b {
            Block::Addressee(t) => d.add_paragraph(para(STYLES.addressee, t)),
            Block::Para(t) => d.add_paragraph(para(STYLES.body, t)),
            Block::Heading(t) => d.add_paragraph(para(STYLES.heading, t)),
            Block::Subheading(t) => d.add_paragraph(para(STYLES.subheading, t)),
            Block::Note(t) => d.add_paragraph(para(STYLES.note, t)),
            Block::Table { caption, table } => {
                if let Some(c) = caption {
                    d = d.add_paragraph(para(STYLES.caption, c).keep_next(true));
                }
                d.add_table(table_of(table))
            }
            Block::Chart(_) => d,
            Block::AnnexList(items) => annex_list(d, items),
            Block::Signature { issuer, date } => d
                .add_paragraph(Paragraph::new().style(STYLES.body))
                .add_paragraph(para(STYLES.signature, issuer))
                .add_paragraph(para(STYLES.signature, date)),
            Block::Annex { label, title } => d
                .add_paragraph(
                    para(STYLES.annex_label, &Text::plain(label)).page_break_before(true),
                )
                .add_paragraph(para(STYLES.title, title))
                .add_paragraph(Paragraph::new().style(STYLES.body)),
        };
    }
    d
}

/// 附件：1. … with the following items aligned under the first.
fn annex_list(mut d: Docx, items: &[Text]) -> Docx {
    d = d.add_paragraph(Paragraph::new().style(STYLES.body));
    for (i, t) in items.iter().enumerate() {
        let lead = if i == 0 { "附件：" } else { "" };
        let p = Paragraph::new()
            .style(STYLES.annex_list)
            .add_run(Run::new().add_text(format!("{lead}{}. ", i + 1)));
        let p = runs(p, t, None);
        // Every line starts two characters in; the items after the first line up under it.
        let p = if i == 0 {
            p
        } else {
            p.indent(Some(CHAR * 5), None, None, None)
        };
        d = d.add_paragraph(p);
    }
    d
}

/// A cell of `width` twips; numbers aligned right, the header as its style centres it.
fn cell(text: &str, style: &str, align: Option<AlignmentType>, width: usize) -> TableCell {
    let p = Paragraph::new()
        .style(style)
        .add_run(Run::new().add_text(text));
    let p = match align {
        Some(a) => p.align(a),
        None => p,
    };
    TableCell::new()
        .add_paragraph(p)
        .vertical_align(VAlignType::Center)
        .width(width, WidthType::Dxa)
}

/// A table across the 版心, its header row repeated on every page and no row split.
fn table_of(t: &DocTable) -> Table {
    let n = t.header.len().max(1);
    let rel: Vec<u32> = if t.widths.len() == n {
        t.widths.clone()
    } else {
        vec![1; n]
    };
    let sum: u32 = rel.iter().sum::<u32>().max(1);
    let grid: Vec<usize> = rel
        .iter()
        .map(|w| (u64::from(TEXT_WIDTH) * u64::from(*w) / u64::from(sum)) as usize)
        .collect();
    let head = TableRow::new(
        t.header
            .iter()
            .enumerate()
            .map(|(c, h)| {
                cell(h, STYLES.table_head, None, grid[c]).shading(Shading::new().fill("E7E6E6"))
            })
            .collect(),
    )
    .row_height(docx_parts::HEADER_ROW_MARK)
    .height_rule(docx_rs::HeightRule::AtLeast)
    .cant_split();
    let mut rows = vec![head];
    for r in &t.rows {
        rows.push(
            TableRow::new(
                (0..n)
                    .map(|c| {
                        let (v, n) = r
                            .get(c)
                            .map_or((String::new(), false), |v| (shown(v), is_number(v)));
                        cell(&v, STYLES.table, n.then_some(AlignmentType::Right), grid[c])
                    })
                    .collect(),
            )
            .cant_split(),
        );
    }
    Table::new(rows)
        .set_grid(grid)
        .width(TEXT_WIDTH as usize, WidthType::Dxa)
        .margins(docx_rs::TableCellMargins::new().margin(20, 70, 20, 70))
}

/// 「— 1 —」: odd pages on the right, even pages on the left, one character in.
fn footer(right: bool) -> Footer {
    let p = Paragraph::new()
        .style(STYLES.page_number)
        .add_run(Run::new().add_text("— "))
        .add_page_num(PageNum::new())
        .add_run(Run::new().add_text(" —"));
    let p = if right {
        p.align(AlignmentType::Right)
            .indent(None, None, Some(CHAR), None)
    } else {
        p.align(AlignmentType::Left)
            .indent(Some(CHAR), None, None, None)
    };
    Footer::new().add_paragraph(p)
}

/// The 版头: the issuer in red, the number, a red line.
fn masthead(d: Docx, doc: &Doc) -> Docx {
    let Some(m) = &doc.masthead else {
        return d;
    };
    let issuer = runs(Paragraph::new().style(STYLES.masthead), &m.issuer, None);
    let mut number = runs(Paragraph::new().style(STYLES.number), &m.number, None);
    number.property = number.property.set_border(
        ParagraphBorder::new(ParagraphBorderPosition::Bottom)
            .val(BorderType::Single)
            .size(18)
            .space(8)
            .color("C00000"),
    );
    d.add_paragraph(issuer)
        .add_paragraph(number)
        .add_paragraph(Paragraph::new().style(STYLES.body))
}

fn build(doc: &Doc) -> Docx {
    let mut d = Docx::new()
        .page_size(A4_W, A4_H)
        .page_margin(
            PageMargin::new()
                .top(mm(37.0))
                .bottom(mm(35.0))
                .left(mm(28.0))
                .right(mm(26.0))
                .header(mm(15.0))
                .footer(mm(22.0)),
        )
        .footer(footer(true))
        .even_footer(footer(false));
    d.settings = d.settings.even_and_odd_headers();
    d.document = d.document.doc_grid(
        docx_rs::DocGrid::new()
            .grid_type(docx_rs::DocGridType::Lines)
            .line_pitch(LINE as usize),
    );
    d.styles = docx_parts::styles(d.styles);
    d = d.default_fonts(Font::Body.fonts()).default_size(32);
    d = masthead(d, doc);
    let title = runs(Paragraph::new().style(STYLES.title), &doc.title, None);
    d = d
        .add_paragraph(title)
        .add_paragraph(Paragraph::new().style(STYLES.body));
    blocks(d, doc)
}

/// The document as DOCX bytes.
pub fn docx_bytes(doc: &Doc) -> Result<Vec<u8>, DocxError> {
    let mut raw = std::io::Cursor::new(Vec::new());
    build(doc)
        .build()
        .pack(&mut raw)
        .map_err(|e| DocxError::Pack(e.to_string()))?;
    docx_parts::finish(raw.into_inner()).map_err(|e| DocxError::Pack(e.to_string()))
}

/// Writes the document at `path`.
pub fn write_docx(path: &Path, doc: &Doc) -> Result<(), DocxError> {
    let bytes = docx_bytes(doc)?;
    // Through the one file writer; its refusal travels inside the I/O error.
    crate::io::out::write_file(path, &bytes).map_err(|e| DocxError::Write {
        path: path.display().to_string(),
        source: std::io::Error::new(
            e.io()
                .map_or(std::io::ErrorKind::Other, std::io::Error::kind),
            e,
        ),
    })
}
