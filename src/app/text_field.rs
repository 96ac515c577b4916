//! A line of text being typed (search, value, note, evidence, names) with a cursor: characters go
//! in at the cursor, ←/→ move it, Home/End jump to the ends, Backspace and Delete remove the
//! character before or after it.

use super::Action;

/// Text with a cursor (a byte offset, always on a character boundary).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TextField {
    text: String,
    cursor: usize,
}

impl TextField {
    /// A field holding `text`, the cursor at its end.
    pub fn new(text: impl Into<String>) -> TextField {
        let text = text.into();
        let cursor = text.len();
        TextField { text, cursor }
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn into_text(self) -> String {
        self.text
    }

    /// The text before and after the cursor (for drawing it).
    pub fn split(&self) -> (&str, &str) {
        self.text.split_at(self.cursor)
    }

    /// The text as it would be with `c` typed at the cursor (to check a value before taking it).
    pub fn with(&self, c: char) -> String {
        let mut t = self.text.clone();
        t.insert(self.cursor, c);
        t
    }

    pub fn insert(&mut self, c: char) {
        self.text.insert(self.cursor, c);
        self.cursor += c.len_utf8();
    }

    pub fn clear(&mut self) {
        self.text.clear();
        self.cursor = 0;
    }

    fn prev(&self) -> Option<usize> {
        self.text[..self.cursor]
            .char_indices()
            .last()
            .map(|(i, _)| i)
    }

    fn next(&self) -> Option<usize> {
        let c = self.text[self.cursor..].chars().next()?;
        Some(self.cursor + c.len_utf8())
    }

    /// Applies an editing key; false for any other action (left to the caller).
    pub fn edit(&mut self, action: &Action) -> bool {
        match action {
            Action::Type(c) => self.insert(*c),
            Action::Backspace => {
                if let Some(at) = self.prev() {
                    self.text.replace_range(at..self.cursor, "");
                    self.cursor = at;
                }
            }
            Action::DeleteForward => {
                if let Some(end) = self.next() {
                    self.text.replace_range(self.cursor..end, "");
                }
            }
            Action::CursorLeft => self.cursor = self.prev().unwrap_or(self.cursor),
            Action::CursorRight => self.cursor = self.next().unwrap_or(self.cursor),
            Action::CursorStart => self.cursor = 0,
            Action::CursorEnd => self.cursor = self.text.len(),
            _ => return false,
        }
        true
    }
}

impl std::ops::Deref for TextField {
    type Target = str;

    fn deref(&self) -> &str {
        &self.text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn apply(f: &mut TextField, actions: &[Action]) {
        for a in actions {
            assert!(f.edit(a), "{a:?} is an editing key");
        }
    }

    #[test]
    fn edits_in_the_middle_of_chinese_text() {
        let mut f = TextField::new("截图1.png");
        apply(&mut f, &[Action::CursorStart, Action::CursorRight]);
        assert_eq!(f.split(), ("截", "图1.png"));
        apply(&mut f, &[Action::Type('屏')]);
        assert_eq!(f.text(), "截屏图1.png");
        apply(&mut f, &[Action::DeleteForward]);
        assert_eq!(f.text(), "截屏1.png");
        apply(
            &mut f,
            &[Action::Backspace, Action::Backspace, Action::Backspace],
        );
        assert_eq!((f.text(), f.split().0), ("1.png", ""));
        apply(
            &mut f,
            &[Action::CursorEnd, Action::CursorLeft, Action::Type(' ')],
        );
        assert_eq!(f.text(), "1.pn g");
        apply(
            &mut f,
            &[
                Action::CursorEnd,
                Action::DeleteForward,
                Action::CursorRight,
            ],
        );
        assert_eq!(f.split(), ("1.pn g", ""));
        assert_eq!(f.with('!'), "1.pn g!");
        assert!(!f.edit(&Action::Enter));
    }
}
