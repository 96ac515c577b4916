//! Terminal safety of text from files and users: control characters (C0, DEL, C1 — ESC starts
//! terminal escape sequences, OSC sets titles and links) and bidirectional overrides (RLO and
//! friends reorder what is shown) are escaped as `\u{..}` before they reach a terminal, and
//! found with their position for the importers' and rubric check's warnings. JSON output needs
//! none of this: serde_json already escapes control characters.

use std::borrow::Cow;
use std::fmt::Write as _;

/// Bidirectional formatting characters: ALM, LRM, RLM, LRE…RLO, LRI…PDI.
fn is_bidi(c: char) -> bool {
    matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// True for a character that must not reach a terminal raw: a control character (C0 including
/// NUL, tab and newline, DEL, C1) or a bidirectional formatting character.
pub fn is_unsafe(c: char) -> bool {
    c.is_control() || is_bidi(c)
}

fn escape_with(s: &str, keep: impl Fn(char) -> bool) -> Cow<'_, str> {
    if !s.chars().any(|c| is_unsafe(c) && !keep(c)) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if is_unsafe(c) && !keep(c) {
            let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// One value (a table cell, a name): every unsafe character escaped, newlines and tabs too,
/// so one value stays on one line.
pub fn escape_cell(s: &str) -> Cow<'_, str> {
    escape_with(s, |_| false)
}

/// A block of text the program composed (a derivation, a tree, a message): unsafe characters
/// escaped, its own line breaks and tabs kept.
pub fn escape_text(s: &str) -> Cow<'_, str> {
    escape_with(s, |c| c == '\n' || c == '\t')
}

/// The unsafe characters of a one-line value, described for a warning: `U+001B, U+202E`.
pub fn describe_unsafe(s: &str) -> Option<String> {
    let found: Vec<String> = s
        .chars()
        .filter(|c| is_unsafe(*c))
        .map(|c| format!("U+{:04X}", u32::from(c)))
        .collect();
    (!found.is_empty()).then(|| found.join(", "))
}

/// Each line (1-based) and character column (1-based) of a text file holding an unsafe
/// character other than tab and line ends, with the character.
pub fn unsafe_positions(text: &str) -> Vec<(usize, usize, char)> {
    text.lines()
        .enumerate()
        .flat_map(|(l, line)| {
            line.chars()
                .enumerate()
                .filter(|(_, c)| is_unsafe(*c) && !matches!(c, '\t' | '\r'))
                .map(move |(i, c)| (l + 1, i + 1, c))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_controls_and_bidi_only() {
        assert!(matches!(escape_cell("云和发布 abc"), Cow::Borrowed(_)));
        assert_eq!(escape_cell("a\u{1b}[31mb"), "a\\u{1b}[31mb");
        assert_eq!(escape_cell("\u{1b}]0;title\u{7}"), "\\u{1b}]0;title\\u{7}");
        assert_eq!(escape_cell("x\u{202e}y\u{2066}z"), "x\\u{202e}y\\u{2066}z");
        assert_eq!(
            escape_cell("\0\u{85}\u{9b}\u{7f}"),
            "\\u{0}\\u{85}\\u{9b}\\u{7f}"
        );
        assert_eq!(escape_cell("a\nb\tc"), "a\\u{a}b\\u{9}c");
        assert_eq!(escape_text("a\nb\tc\u{1b}"), "a\nb\tc\\u{1b}");
    }

    #[test]
    fn positions_and_descriptions_for_warnings() {
        assert_eq!(
            unsafe_positions("ok\n\tname: \"a\u{202e}b\"\n"),
            vec![(2, 10, '\u{202e}')]
        );
        assert_eq!(
            describe_unsafe("a\u{1b}b\u{202e}").as_deref(),
            Some("U+001B, U+202E")
        );
        assert_eq!(describe_unsafe("云和"), None);
    }
}
