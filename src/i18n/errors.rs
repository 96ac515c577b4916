//! How errors speak the interface's language: the [`Localized`] trait each error type of the
//! crate implements in its own module, and [`Said`], an error already worded. This module knows
//! no error type of the crate; the edge (`crate::error_chain`) asks each link of a chain.

use super::Lang;
pub use super::io_errors::io_reason;

/// An error that words itself in the interface's language.
pub trait Localized {
    /// The message in `lang`, naming what was wrong and what to do; `None` when this error's
    /// own text (or a link further down the chain) says it better in `lang`.
    fn say(&self, lang: Lang) -> Option<String>;
}

/// A user-facing error already worded in the interface's language.
#[derive(Debug)]
pub struct Said(pub String);

impl std::fmt::Display for Said {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Said {}

impl Localized for Said {
    fn say(&self, _lang: Lang) -> Option<String> {
        Some(self.0.clone())
    }
}

/// Builds an [`anyhow::Error`] carrying a worded message.
pub fn said(text: String) -> anyhow::Error {
    anyhow::Error::new(Said(text))
}

/// The label of an error line.
pub fn prefix(lang: Lang) -> &'static str {
    lang.pick("错误", "error")
}
