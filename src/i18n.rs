//! Interface language: Chinese (zh-CN, the default) or English.

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

    /// Picks the Chinese or English text.
    pub fn pick<'a>(self, zh: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }
}
