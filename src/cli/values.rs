//! The command line's value parsers: languages, levels, platforms, dates and counts, each with a
//! message in the interface's language that names the bad value and what to type instead.

use crate::domain::platform::{Level, Platform};
use crate::i18n::Lang;

pub(crate) fn parse_lang(s: &str) -> Result<Lang, String> {
    Lang::parse(s).ok_or_else(|| crate::i18n::msg::bad_lang(crate::i18n::current(), s))
}

pub(crate) fn parse_level(s: &str) -> Result<Level, String> {
    Level::parse(s).ok_or_else(|| crate::i18n::msg::bad_level(crate::i18n::current(), s))
}

pub(crate) fn parse_platform(s: &str) -> Result<Platform, String> {
    Platform::parse(s).ok_or_else(|| Platform::unknown_message(crate::i18n::current(), s))
}

pub(crate) fn parse_date(s: &str) -> Result<chrono::NaiveDate, String> {
    crate::domain::dates::iso_date(s)
        .ok_or_else(|| crate::i18n::msg::bad_date(crate::i18n::current(), s))
}

pub(crate) fn parse_count(s: &str) -> Result<u32, String> {
    let lang = crate::i18n::current();
    match s.trim().parse::<i64>() {
        Ok(n) if n < 0 => Err(lang
            .pick(
                "次数不能为负数；请输入 0 或更大的整数（0 表示没有发现问题）",
                "a count cannot be negative; enter a whole number, 0 or more (0 means no instances)",
            )
            .to_string()),
        Ok(n) => u32::try_from(n).map_err(|_| {
            lang.pick("次数过大", "the count is too large")
                .to_string()
        }),
        Err(_) => Err(match lang {
            crate::i18n::Lang::Zh => format!("次数“{s}”不是整数；请输入 0 或更大的整数"),
            crate::i18n::Lang::En => {
                format!("count \"{s}\" is not a whole number; enter 0 or more")
            }
        }),
    }
}

/// Today, as the office's clock says: the default date of records, re-checks and appeals.
pub(crate) fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}
