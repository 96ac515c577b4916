//! The document as one self-contained HTML page that prints on A4 as the Word document does:
//! the same margins (`@page`), 3号 仿宋 body with a two-character indent, 2号 小标宋 title, 黑体
//! and 楷体 headings, the signature right-aligned, each annex on a new page, page numbers in
//! the bottom margin, tables that repeat their header and never split a row. No external
//! resource; every piece of data escaped.

use std::fmt::Write;

use super::{Block, Doc, DocTable, Span, Text, is_number, shown};

/// Escapes text for HTML content and attribute values.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if c.is_control() && c != '\n' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

const CSS: &str = r#"
@page { size: A4 portrait; margin: 37mm 26mm 35mm 28mm;
        @bottom-center { content: "— " counter(page) " —"; font: 14pt "宋体", "SimSun", "Noto Serif CJK SC", serif; } }
body { font-family: "仿宋_GB2312", "仿宋", "FangSong", "STFangsong", "Noto Serif CJK SC", "Source Han Serif SC", serif;
       font-size: 16pt; line-height: 28.95pt; color: #000; margin: 0; }
@media screen { body { max-width: 156mm; margin: 12mm auto; padding: 0 6mm; } }
.masthead { color: #c00000; text-align: center; font-size: 36pt; line-height: 1.3;
            font-family: "方正小标宋简体", "FZXiaoBiaoSong-B05S", "小标宋", "宋体", "SimSun", "Noto Serif CJK SC", serif; }
.number { text-align: center; border-bottom: 2px solid #c00000; padding-bottom: 4mm; margin-bottom: 12mm; }
h1 { font-family: "方正小标宋简体", "FZXiaoBiaoSong-B05S", "小标宋", "宋体", "SimSun", "Noto Serif CJK SC", serif;
     font-size: 22pt; line-height: 35pt; font-weight: normal; text-align: center; margin: 0 0 28.95pt; }
p { margin: 0; text-indent: 2em; text-align: justify; }
p.to, p.annexes { text-indent: 0; }
p.annexes { padding-left: 5em; text-indent: -3em; }
h2, h3 { font-size: 16pt; line-height: 28.95pt; font-weight: normal; margin: 0; text-indent: 2em; break-after: avoid; }
h2 { font-family: "黑体", "SimHei", "Noto Sans CJK SC", "Source Han Sans SC", sans-serif; }
h3 { font-family: "楷体_GB2312", "楷体", "KaiTi", "STKaiti", "Noto Serif CJK SC", serif; }
.signature { text-align: right; padding-right: 4em; margin-top: 28.95pt; }
.signature p { text-indent: 0; text-align: right; }
section.annex { break-before: page; page-break-before: always; }
.label { font-family: "黑体", "SimHei", "Noto Sans CJK SC", sans-serif; text-indent: 0; }
.caption { text-align: center; font-family: "黑体", "SimHei", "Noto Sans CJK SC", sans-serif; font-size: 14pt; margin: 4mm 0 2mm; text-indent: 0; }
.note { font-size: 12pt; line-height: 1.5; text-indent: 0; }
.blank { background: #fff2a8; }
table { border-collapse: collapse; width: 100%; margin: 0 0 5mm; font-size: 10.5pt; line-height: 1.3; }
thead { display: table-header-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
th, td { border: 1px solid #000; padding: 0.6mm 1.5mm; text-align: left; vertical-align: middle; }
th { font-family: "黑体", "SimHei", "Noto Sans CJK SC", sans-serif; font-weight: normal; background: #eee; text-align: center; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
.chart { break-inside: avoid; margin: 2mm 0 5mm; text-align: center; }
svg.chart { max-width: 100%; height: auto; }
svg .ct { font-size: 12px; font-weight: bold; fill: #1b1b1b; }
svg .cl, svg .cn { font-size: 11px; fill: #333; }
svg .cb { fill: #3f6fb5; }
svg .cb.neg { fill: #c0504d; }
"#;

fn text(t: &Text) -> String {
    t.0.iter()
        .map(|s| match s {
            Span::Plain(p) => esc(p),
            Span::Blank(b) => format!("<span class=\"blank\">【{}】</span>", esc(b)),
        })
        .collect()
}

/// A table with its header in `<thead>` (repeated on every printed page).
pub fn table(t: &DocTable) -> String {
    let mut s = String::from("<table>");
    let sum: u32 = t.widths.iter().sum();
    if t.widths.len() == t.header.len() && sum > 0 {
        s.push_str("<colgroup>");
        for w in &t.widths {
            let _ = write!(
                s,
                "<col style=\"width:{:.1}%\">",
                f64::from(*w) * 100.0 / f64::from(sum)
            );
        }
        s.push_str("</colgroup>");
    }
    s.push_str("<thead><tr>");
    for h in &t.header {
        let _ = write!(s, "<th>{}</th>", esc(h));
    }
    s.push_str("</tr></thead><tbody>\n");
    for r in &t.rows {
        s.push_str("<tr>");
        for c in 0..t.header.len() {
            let (v, n) = r
                .get(c)
                .map_or((String::new(), false), |v| (shown(v), is_number(v)));
            let class = if n { " class=\"n\"" } else { "" };
            let _ = write!(s, "<td{class}>{}</td>", esc(&v));
        }
        s.push_str("</tr>\n");
    }
    s.push_str("</tbody></table>\n");
    s
}

fn block(s: &mut String, b: &Block, in_annex: &mut bool) {
    match b {
        Block::Addressee(t) => {
            let _ = writeln!(s, "<p class=\"to\">{}</p>", text(t));
        }
        Block::Para(t) => {
            let _ = writeln!(s, "<p>{}</p>", text(t));
        }
        Block::Heading(t) => {
            let _ = writeln!(s, "<h2>{}</h2>", text(t));
        }
        Block::Subheading(t) => {
            let _ = writeln!(s, "<h3>{}</h3>", text(t));
        }
        Block::Note(t) => {
            let _ = writeln!(s, "<p class=\"note\">{}</p>", text(t));
        }
        Block::Table { caption, table: t } => {
            if let Some(c) = caption {
                let _ = writeln!(s, "<p class=\"caption\">{}</p>", text(c));
            }
            s.push_str(&table(t));
        }
        Block::Chart(svg) => {
            let _ = writeln!(s, "<div class=\"chart\">{svg}</div>");
        }
        Block::AnnexList(items) => {
            for (i, t) in items.iter().enumerate() {
                let lead = if i == 0 { "附件：" } else { "" };
                let _ = writeln!(s, "<p class=\"annexes\">{lead}{}. {}</p>", i + 1, text(t));
            }
        }
        Block::Signature { issuer, date } => {
            let _ = writeln!(
                s,
                "<div class=\"signature\"><p>{}</p><p>{}</p></div>",
                text(issuer),
                text(date)
            );
        }
        Block::Annex { label, title } => {
            if *in_annex {
                s.push_str("</section>\n");
            }
            *in_annex = true;
            let _ = writeln!(
                s,
                "<section class=\"annex\"><p class=\"label\">{}</p>\n<h1>{}</h1>",
                esc(label),
                text(title)
            );
        }
    }
}

/// The whole page.
pub fn render(doc: &Doc) -> String {
    let title = esc(&doc.title.printed());
    let mut s = String::with_capacity(64 * 1024);
    let _ = writeln!(
        s,
        "<!DOCTYPE html>\n<html lang=\"{}\"><head><meta charset=\"utf-8\"><title>{title}</title><style>{CSS}</style></head><body>",
        doc.lang
    );
    if let Some(m) = &doc.masthead {
        let _ = writeln!(
            s,
            "<div class=\"masthead\">{}</div>\n<p class=\"number\">{}</p>",
            text(&m.issuer),
            text(&m.number)
        );
    }
    let _ = writeln!(s, "<h1>{}</h1>", text(&doc.title));
    let mut in_annex = false;
    for b in &doc.blocks {
        block(&mut s, b, &mut in_annex);
    }
    if in_annex {
        s.push_str("</section>\n");
    }
    s.push_str("</body></html>\n");
    s
}
