//! Interface language: Chinese (zh-CN, the default) or English, and the message catalogue.
//! The bottom layer: it imports nothing of the crate; every other module words its messages
//! through it (errors through [`errors::Localized`]).

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Lang {
    #[default]
    Zh,
    En,
}

impl Lang {
    /// Parses `zh`, `zh-CN`, `cn`, `en`, `en-US`, … (case-insensitive).
    pub fn parse(s: &str) -> Option<Lang> {
        let l = s.trim().to_lowercase();
        if l.starts_with("zh") || l == "cn" || l == "chinese" || l == "中文" {
            Some(Lang::Zh)
        } else if l.starts_with("en") || l == "english" {
            Some(Lang::En)
        } else {
            None
        }
    }

    /// The language's code where it is kept (`zh`, `en`): an identifier, never shown.
    pub fn code(self) -> &'static str {
        const CODES: [&str; 2] = ["zh", "en"];
        CODES[self as usize]
    }

    /// Picks the Chinese or English text.
    pub fn pick<'a>(self, zh: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }
}

pub mod appeal_msg;
pub mod compare_msg;
pub mod errors;
pub mod figure_msg;
mod io_errors;
pub mod msg;
mod msg_admin;
mod msg_rubric;
mod msg_words;
pub mod panel_msg;
pub mod rectify_msg;
pub mod rectify_tui_msg;
pub mod trust_msg;
pub mod whatif_msg;

static CURRENT: std::sync::OnceLock<Lang> = std::sync::OnceLock::new();

/// Sets the language for code that cannot be handed one (clap value parsers); first call wins.
pub fn set_current(lang: Lang) {
    let _ = CURRENT.set(lang);
}

/// The language set by [`set_current`], Chinese when never set.
pub fn current() -> Lang {
    CURRENT.get().copied().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::Lang;

    /// Each language's code parses back to it, and the two differ.
    #[test]
    fn codes_parse_back() {
        for l in [Lang::Zh, Lang::En] {
            assert_eq!(Lang::parse(l.code()), Some(l));
        }
        assert_ne!(Lang::Zh.code(), Lang::En.code());
    }
}
