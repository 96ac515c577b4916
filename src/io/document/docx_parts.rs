//! The parts of the Word document that docx-rs does not write as GB/T 9704 needs: the styles
//! (fonts, sizes, spacing of each kind of paragraph), a font table that names each Chinese font
//! with the font Word and WPS substitute when it is missing (w:altName: 仿宋_GB2312 → 仿宋,
//! 方正小标宋简体 → 宋体, 楷体_GB2312 → 楷体), and the table header rows repeated on every page.
//! docx-rs writes a fixed font table and has no repeated-header property, so [`finish`] replaces
//! the one part and marks the other in the package docx-rs made.

use std::io::{Read, Write};

/// One character of 3号 (16 pt) body text, in twips, as the document grid spaces it.
pub(super) const CHAR: i32 = 316;
/// 22 lines in the 225 mm 版心: 28.95 pt a line.
pub(super) const LINE: i32 = 579;

/// Line spacing of body text: exactly one grid line.
pub(super) fn body_spacing() -> LineSpacing {
    LineSpacing::new()
        .line_rule(LineSpacingType::Exact)
        .line(LINE)
        .before(0)
        .after(0)
}

/// Two characters of first-line indent.
pub(super) fn first_line() -> SpecialIndentType {
    SpecialIndentType::FirstLine(2 * CHAR)
}

/// Four characters (the signature's right indent).
pub(super) const FOUR_CHARS: i32 = 4 * CHAR;

use docx_rs::{
    AlignmentType, LineSpacing, LineSpacingType, RunFonts, SpecialIndentType, Style, StyleType,
    Styles,
};

/// The fonts of GB/T 9704 and the ones Word/WPS use in their place.
#[derive(Debug, Clone, Copy)]
pub enum Font {
    /// 仿宋 (body).
    Body,
    /// 小标宋 (title).
    Title,
    /// 黑体 (first-level headings, annex labels).
    Heading,
    /// 楷体 (second-level headings).
    Kai,
    /// 宋体 (page numbers).
    Song,
}

const LATIN: &str = "Times New Roman";

impl Font {
    pub fn name(self) -> &'static str {
        match self {
            Font::Body => "仿宋_GB2312",
            Font::Title => "方正小标宋简体",
            Font::Heading => "黑体",
            Font::Kai => "楷体_GB2312",
            Font::Song => "宋体",
        }
    }

    pub fn fonts(self) -> RunFonts {
        RunFonts::new()
            .ascii(LATIN)
            .hi_ansi(LATIN)
            .cs(LATIN)
            .east_asia(self.name())
            .hint("eastAsia")
    }
}

/// The style ids of each kind of paragraph.
pub struct StyleIds {
    pub body: &'static str,
    pub addressee: &'static str,
    pub title: &'static str,
    pub heading: &'static str,
    pub subheading: &'static str,
    pub signature: &'static str,
    pub annex_label: &'static str,
    pub annex_list: &'static str,
    pub caption: &'static str,
    pub table: &'static str,
    pub table_head: &'static str,
    pub note: &'static str,
    pub page_number: &'static str,
    pub masthead: &'static str,
    pub number: &'static str,
}

pub const STYLES: StyleIds = StyleIds {
    body: "GwBody",
    addressee: "GwAddressee",
    title: "GwTitle",
    heading: "GwHeading1",
    subheading: "GwHeading2",
    signature: "GwSignature",
    annex_label: "GwAnnexLabel",
    annex_list: "GwAnnexList",
    caption: "GwCaption",
    table: "GwTable",
    table_head: "GwTableHead",
    note: "GwNote",
    page_number: "GwPageNumber",
    masthead: "GwMasthead",
    number: "GwNumber",
};

/// 28 characters on the 156 mm (442 pt) line: each 16 pt character set 0.25 pt tighter
/// (w:spacing in twentieths of a point), so that 28 of them take 441 pt in Word, WPS and
/// LibreOffice alike (a character grid alone is not honoured the same way by all three).
pub const CHAR_TIGHTEN: i32 = -5;

/// The row height (twips, at least) that marks a table's header row for [`finish`].
pub const HEADER_ROW_MARK: f32 = 431.0;

fn style(id: &str, name: &str, font: Font, half_points: usize) -> Style {
    Style::new(id, StyleType::Paragraph)
        .name(name)
        .fonts(font.fonts())
        .size(half_points)
        .q_format(true)
}

fn exact(twips: i32) -> LineSpacing {
    LineSpacing::new()
        .line_rule(LineSpacingType::Exact)
        .line(twips)
        .before(0)
        .after(0)
}

/// Adds the document's paragraph styles.
pub fn styles(s: Styles) -> Styles {
    let body = |id: &str, name: &str, font: Font| {
        let mut st = style(id, name, font, 32)
            .line_spacing(body_spacing())
            .align(AlignmentType::Both);
        st.run_property = st.run_property.character_spacing(CHAR_TIGHTEN);
        st
    };
    // Half points → an exact line of 1.3 times the size, in twips.
    let small = |id: &str, name: &str, font: Font, size: usize| {
        style(id, name, font, size)
            .line_spacing(exact(size as i32 * 13))
            .snap_to_grid(false)
    };
    s.add_style(body(STYLES.body, "公文正文", Font::Body).indent(
        Some(0),
        Some(first_line()),
        None,
        None,
    ))
    .add_style(body(STYLES.addressee, "主送机关", Font::Body).align(AlignmentType::Left))
    .add_style(
        style(STYLES.title, "公文标题", Font::Title, 44)
            .align(AlignmentType::Center)
            .line_spacing(exact(700))
            .snap_to_grid(false),
    )
    .add_style(
        body(STYLES.heading, "一级标题", Font::Heading)
            .indent(Some(0), Some(first_line()), None, None)
            .outline_lvl(0),
    )
    .add_style(
        body(STYLES.subheading, "二级标题", Font::Kai)
            .indent(Some(0), Some(first_line()), None, None)
            .outline_lvl(1),
    )
    .add_style(
        body(STYLES.signature, "落款", Font::Body)
            .align(AlignmentType::Right)
            .indent(None, None, Some(FOUR_CHARS), None),
    )
    .add_style(body(STYLES.annex_label, "附件标识", Font::Heading).align(AlignmentType::Left))
    .add_style(
        body(STYLES.annex_list, "附件说明", Font::Body)
            .align(AlignmentType::Left)
            .indent(Some(FOUR_CHARS / 2), None, None, None),
    )
    .add_style(small(STYLES.caption, "表题", Font::Heading, 28).align(AlignmentType::Center))
    .add_style(small(STYLES.table, "表格文字", Font::Body, 24))
    .add_style(small(STYLES.table_head, "表头", Font::Heading, 24).align(AlignmentType::Center))
    .add_style(small(STYLES.note, "注释", Font::Body, 24))
    .add_style(small(STYLES.page_number, "页码", Font::Song, 28))
    .add_style(
        style(STYLES.masthead, "发文机关标志", Font::Title, 72)
            .color("C00000")
            .align(AlignmentType::Center)
            .line_spacing(exact(1300))
            .snap_to_grid(false),
    )
    .add_style(body(STYLES.number, "发文字号", Font::Body).align(AlignmentType::Center))
}

/// The font table: each font with its family and the font used in its place.
fn font_table() -> String {
    let font = |name: &str, alt: Option<&str>, family: &str, pitch: &str, charset: &str| {
        let alt = alt.map_or(String::new(), |a| format!(r#"<w:altName w:val="{a}"/>"#));
        format!(
            r#"<w:font w:name="{name}">{alt}<w:charset w:val="{charset}"/><w:family w:val="{family}"/><w:pitch w:val="{pitch}"/></w:font>"#
        )
    };
    let fonts = [
        font(LATIN, None, "roman", "variable", "00"),
        font("仿宋_GB2312", Some("仿宋"), "modern", "fixed", "86"),
        font("仿宋", Some("FangSong"), "modern", "fixed", "86"),
        font("方正小标宋简体", Some("宋体"), "script", "variable", "86"),
        font("宋体", Some("SimSun"), "auto", "variable", "86"),
        font("黑体", Some("SimHei"), "modern", "fixed", "86"),
        font("楷体_GB2312", Some("楷体"), "modern", "fixed", "86"),
        font("楷体", Some("KaiTi"), "modern", "fixed", "86"),
    ];
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">{}</w:fonts>"#,
        fonts.concat()
    )
}

/// Marks each table's header row to repeat on every page (w:tblHeader after w:trHeight).
fn repeat_headers(document: &str) -> String {
    let mark = format!(
        r#"<w:trHeight w:val="{}" w:hRule="atLeast" />"#,
        HEADER_ROW_MARK
    );
    document.replace(&mark, &format!("{mark}<w:tblHeader />"))
}

/// Rewrites docx-rs's package with the font table and the repeated header rows.
pub fn finish(raw: Vec<u8>) -> zip::result::ZipResult<Vec<u8>> {
    let mut zin = zip::ZipArchive::new(std::io::Cursor::new(raw))?;
    let mut zout = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for i in 0..zin.len() {
        let mut f = zin.by_index(i)?;
        let name = f.name()?.to_string();
        match name.as_str() {
            "word/fontTable.xml" => {
                zout.start_file(name, opts)?;
                zout.write_all(font_table().as_bytes())?;
            }
            "word/document.xml" => {
                let mut s = String::new();
                f.read_to_string(&mut s)?;
                zout.start_file(name, opts)?;
                zout.write_all(repeat_headers(&s).as_bytes())?;
            }
            _ => zout.raw_copy_file(f)?,
        }
    }
    Ok(zout.finish()?.into_inner())
}
