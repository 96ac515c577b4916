//! The "no English sentence" heuristic the shared runner applies to every command run in Chinese:
//! three or more ASCII words of two letters or more in a row, once the things that are
//! legitimately Latin are set aside (quoted values, paths, flags, ids and numbers, product and
//! format names, URLs, and `assay …` command lines).

/// Names that stay Latin in a Chinese sentence.
const LATIN_NAMES: &[&str] = &[
    "WeChat",
    "Weibo",
    "Douyin",
    "Toutiao",
    "App",
    "MiniProgram",
    "WCI",
    "BCI",
    "XLSX",
    "CSV",
    "UTF",
    "GBK",
    "GB",
    "RON",
    "JSON",
    "HTML",
    "Markdown",
    "PDF",
    "Excel",
    "SQLite",
    "SQL",
    "URL",
    "README",
    "ICC",
    "TUI",
    "CLI",
    "HOME",
    "WAL",
    "Ctrl",
    "Esc",
    "Enter",
    "Tab",
    "ASSAY_DB",
    "ASSAY_LANG",
    "ASSAY_CONFIG",
    "Fleiss",
    "Shrout",
    "Kappa",
    "Cronbach",
    "Krippendorff",
    "Rubric",
    "Category",
    "Range",
    "Deduct",
    "Check",
    "Some",
    "None",
];

/// Removes text between paired quotes of each kind (a user's value or a quoted name).
fn strip_quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut closing: Option<char> = None;
    let mut prev = ' ';
    for c in text.chars() {
        match closing {
            Some(end) if c == end => {
                closing = None;
                out.push(' ');
            }
            Some(_) => {}
            None => {
                let end = match c {
                    '`' => Some('`'),
                    '"' => Some('"'),
                    '「' => Some('」'),
                    '“' => Some('”'),
                    '‘' => Some('’'),
                    '《' => Some('》'),
                    // An apostrophe inside a word ("don't") opens nothing.
                    '\'' if !prev.is_ascii_alphanumeric() => Some('\''),
                    _ => None,
                };
                match end {
                    Some(e) => {
                        closing = Some(e);
                        out.push(' ');
                    }
                    None => out.push(c),
                }
            }
        }
        prev = c;
    }
    out
}

/// Whether `token` (trimmed of punctuation) is a word that would make an English sentence.
fn is_word(token: &str) -> bool {
    token.len() >= 2
        && token.chars().all(|c| c.is_ascii_alphabetic() || c == '\'')
        && !LATIN_NAMES.iter().any(|n| n.eq_ignore_ascii_case(token))
}

/// The first run of three or more English words in `text`, if any.
pub fn english_run(text: &str) -> Option<String> {
    let text = strip_quoted(text);
    // Each stretch of ASCII between non-ASCII characters (Chinese text, full-width
    // punctuation) is read on its own: Chinese ends a run.
    for stretch in text.split(|c: char| !c.is_ascii()) {
        let mut run: Vec<&str> = Vec::new();
        let mut command = false;
        for raw in stretch.split_whitespace() {
            let token =
                raw.trim_matches(|c: char| c.is_ascii_punctuation() && c != '-' && c != '\'');
            if token == "assay" {
                // A command line to type: its words are the command's, up to the next Chinese.
                command = true;
                run.clear();
            }
            if command {
                continue;
            }
            if raw.contains('/') || raw.contains('\\') || raw.contains("://") {
                run.clear();
            } else if is_word(token) {
                run.push(token);
                if run.len() >= 3 {
                    return Some(run.join(" "));
                }
            } else if token.starts_with('-') || token.chars().any(|c| c.is_ascii_digit()) {
                // Flags, numbers, ranges and ids are neutral: `value 25 is outside` is a run.
            } else if token.len() <= 1 {
                // Punctuation alone or a single letter.
            } else {
                run.clear();
            }
        }
    }
    None
}
