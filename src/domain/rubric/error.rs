//! Rubric errors: each names the file, line and column, says what is wrong and how to fix it.

use std::fmt;

use super::locate::Pos;
use crate::i18n::Lang;

/// One problem in a rubric file. Displayed as `file:line:column: message — hint`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct RubricError {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub message: String,
    pub hint: String,
    /// The message and hint in Chinese, when this error kind has a Chinese wording
    /// (see [`RubricError::localized`]); `None` falls back to the English text.
    pub zh: Option<(String, String)>,
}

impl RubricError {
    pub fn new(file: &str, pos: Pos, message: impl Into<String>, hint: impl Into<String>) -> Self {
        RubricError {
            file: file.to_string(),
            line: pos.line,
            column: pos.column,
            message: message.into(),
            hint: hint.into(),
            zh: None,
        }
    }

    /// The same error with its Chinese message and hint.
    pub fn with_zh(mut self, message: impl Into<String>, hint: impl Into<String>) -> Self {
        self.zh = Some((message.into(), hint.into()));
        self
    }

    /// `file:line:column: message — hint` in `lang` (English when no Chinese wording exists).
    pub fn localized(&self, lang: Lang) -> String {
        match (&self.zh, lang) {
            (Some((m, h)), Lang::Zh) => {
                let mut s = format!("{}:{}:{}：{m}", self.file, self.line, self.column);
                if !h.is_empty() {
                    s.push_str("——");
                    s.push_str(h);
                }
                s
            }
            _ => self.to_string(),
        }
    }

    /// `line:column`, as quoted inside other messages ("first at 8:9").
    pub fn at(&self) -> String {
        format!("{}:{}", self.line, self.column)
    }
}

impl fmt::Display for RubricError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.file, self.line, self.column, self.message
        )?;
        if !self.hint.is_empty() {
            write!(f, " — {}", self.hint)?;
        }
        Ok(())
    }
}

/// Every problem found in one rubric file, in file order (one per line when displayed).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct RubricErrors {
    pub errors: Vec<RubricError>,
}

impl fmt::Display for RubricErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.errors.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{e}")?;
        }
        Ok(())
    }
}

impl RubricErrors {
    /// Every error in `lang`, one per line.
    pub fn localized(&self, lang: Lang) -> String {
        let lines: Vec<String> = self.errors.iter().map(|e| e.localized(lang)).collect();
        lines.join("\n")
    }
}

impl crate::i18n::errors::Localized for RubricErrors {
    fn say(&self, lang: Lang) -> Option<String> {
        Some(self.localized(lang))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn displays_position_message_and_hint() {
        let e = RubricError::new(
            "four.ron",
            Pos {
                line: 12,
                column: 9,
            },
            "duplicate indicator id \"naming\" (first at 8:9)",
            "rename one of them",
        );
        assert_eq!(
            e.to_string(),
            "four.ron:12:9: duplicate indicator id \"naming\" (first at 8:9) — rename one of them"
        );
        let all = RubricErrors {
            errors: vec![e.clone(), e],
        };
        assert_eq!(all.to_string().lines().count(), 2);
    }
}
