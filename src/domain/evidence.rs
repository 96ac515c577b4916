//! Evidence links as typed by people: one per line or separated by `|`, never split on spaces
//! (a file name such as `截图 1.png` keeps its space). The single parser for the CLI and the TUI.

/// The separator used when links are shown in one line for editing; [`parse`] reads it back.
pub const SEPARATOR: &str = " | ";

/// Splits `text` into links at line breaks and `|`, trimming each and dropping empty ones.
pub fn parse(text: &str) -> Vec<String> {
    text.split(['\n', '\r', '|'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

/// [`parse`] over several inputs (e.g. a repeated `--evidence`), in order.
pub fn parse_all(inputs: &[String]) -> Vec<String> {
    inputs.iter().flat_map(|s| parse(s)).collect()
}

/// Links in one line for an input field; `parse(&join(x)) == x` for links without `|`.
pub fn join(links: &[String]) -> String {
    links.join(SEPARATOR)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spaces_survive_and_lines_and_bars_separate() {
        assert_eq!(
            parse("截图 1.png | https://example.org/a b\n  \nD:\\证据\\检查 记录.pdf\r\n"),
            [
                "截图 1.png",
                "https://example.org/a b",
                "D:\\证据\\检查 记录.pdf"
            ]
        );
        assert!(parse("  |\n| ").is_empty());
        let links = vec!["my file.png".to_string(), "https://x.org/?q=1".to_string()];
        assert_eq!(parse(&join(&links)), links);
        assert_eq!(
            parse_all(&["a b.png".into(), "c|d e".into()]),
            ["a b.png", "c", "d e"]
        );
    }
}
