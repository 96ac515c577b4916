//! The document as Markdown: the same blocks in the same order; every piece of data escaped so
//! that a name such as `<b>x</b>` or `a|b` reads as written and never becomes markup.

use std::fmt::Write;

use super::{Block, Doc, DocTable, Text, is_number, shown};

/// Escapes text for Markdown: backslash before every character that could start markup
/// (`\ ` * _ [ ] < > | # ~ !`), line breaks as spaces, control characters replaced. Digits and
/// their decimal points stay as they are (a table of figures reads as figures).
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    for c in s.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#' | '~' | '!' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            c if c.is_control() => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

/// Escapes a paragraph: [`escape`], and a leading `-`, `+` or `1.` that would start a list.
pub fn escape_line(s: &str) -> String {
    let digits = s.chars().take_while(char::is_ascii_digit).count();
    if s.starts_with(['-', '+']) {
        format!("\\{}", escape(s))
    } else if digits > 0 && s[digits..].starts_with(['.', ')']) {
        format!("{}\\{}", &s[..digits], escape(&s[digits..]))
    } else {
        escape(s)
    }
}

fn text(t: &Text) -> String {
    escape_line(&t.printed())
}

/// A table in GitHub style, numbers right-aligned.
pub fn table(t: &DocTable) -> String {
    let mut s = format!(
        "| {} |\n|",
        t.header
            .iter()
            .map(|h| escape(h))
            .collect::<Vec<_>>()
            .join(" | ")
    );
    for c in 0..t.header.len() {
        let numeric = t.rows.iter().any(|r| r.get(c).is_some_and(is_number));
        s.push_str(if numeric { "---:|" } else { "---|" });
    }
    s.push('\n');
    for r in &t.rows {
        let cells: Vec<String> = (0..t.header.len())
            .map(|c| r.get(c).map_or_else(String::new, |v| escape(&shown(v))))
            .collect();
        let _ = writeln!(s, "| {} |", cells.join(" | "));
    }
    s
}

/// The whole document.
pub fn render(doc: &Doc) -> String {
    let mut s = String::new();
    if let Some(m) = &doc.masthead {
        let _ = writeln!(s, "**{}**\n\n{}\n\n---\n", text(&m.issuer), text(&m.number));
    }
    let _ = writeln!(s, "# {}\n", text(&doc.title));
    for b in &doc.blocks {
        match b {
            Block::Addressee(t) | Block::Para(t) => {
                let _ = writeln!(s, "{}\n", text(t));
            }
            Block::Heading(t) => {
                let _ = writeln!(s, "## {}\n", text(t));
            }
            Block::Subheading(t) => {
                let _ = writeln!(s, "### {}\n", text(t));
            }
            Block::Note(t) => {
                let _ = writeln!(s, "*{}*\n", text(t));
            }
            Block::Table { caption, table: t } => {
                if let Some(c) = caption {
                    let _ = writeln!(s, "**{}**\n", text(c));
                }
                let _ = writeln!(s, "{}", table(t));
            }
            Block::Chart(_) => {}
            Block::AnnexList(items) => {
                for (i, t) in items.iter().enumerate() {
                    let lead = if i == 0 { "附件：" } else { "　　　" };
                    let _ = writeln!(s, "{lead}{}. {}  ", i + 1, text(t));
                }
                s.push('\n');
            }
            Block::Signature { issuer, date } => {
                let _ = writeln!(s, "{}  \n{}\n", text(issuer), text(date));
            }
            Block::Annex { label, title } => {
                let _ = writeln!(s, "---\n\n**{}**\n\n## {}\n", escape(label), text(title));
            }
        }
    }
    s
}
