//! Width-aware text fitting: CJK characters take two columns, so truncation and padding count
//! display columns (unicode-width), never bytes or chars.

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Display width of `s`.
pub fn width(s: &str) -> usize {
    s.width()
}

/// `s` cut to at most `w` columns, ending in `…` when cut; control and bidi characters are
/// escaped first (see [`crate::text_safety`]).
pub fn truncate(s: &str, w: usize) -> String {
    let s = crate::text_safety::escape_cell(s);
    let s = s.as_ref();
    if s.width() <= w {
        return s.to_string();
    }
    if w == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let cw = c.width().unwrap_or(0);
        if used + cw > w - 1 {
            break;
        }
        out.push(c);
        used += cw;
    }
    out.push('…');
    out
}

/// `s` cut or padded with spaces to exactly `w` columns (left-aligned).
pub fn fit(s: &str, w: usize) -> String {
    let mut t = truncate(s, w);
    let pad = w.saturating_sub(t.width());
    t.extend(std::iter::repeat_n(' ', pad));
    t
}

/// `s` cut or padded to exactly `w` columns, right-aligned.
pub fn fit_right(s: &str, w: usize) -> String {
    let t = truncate(s, w);
    let pad = w.saturating_sub(t.width());
    let mut out: String = std::iter::repeat_n(' ', pad).collect();
    out.push_str(&t);
    out
}

/// `s` broken into lines of at most `w` columns: Chinese text may break between any two
/// characters, a Latin word moves whole to the next line when it can.
pub fn wrap(s: &str, w: usize) -> Vec<String> {
    let w = w.max(2);
    let mut lines = Vec::new();
    let mut line = String::new();
    for c in s.chars() {
        let cw = c.width().unwrap_or(0);
        if line.width() + cw > w {
            // Carry a Latin word that started on this line over, when the line keeps some text.
            let cut = (line.rfind(' ')).filter(|_| c.is_ascii_alphanumeric() && c != ' ');
            let carry = match cut {
                Some(at) if at > 0 => line.split_off(at + 1),
                _ => String::new(),
            };
            lines.push(line.trim_end().to_string());
            line = carry;
            if c == ' ' {
                continue;
            }
        }
        line.push(c);
    }
    lines.push(line);
    lines
}

/// A field label followed by the language's colon: `备注：` or `Note: `.
pub fn label(lang: crate::i18n::Lang, zh: &str, en: &str) -> String {
    match lang {
        crate::i18n::Lang::Zh => format!("{zh}："),
        crate::i18n::Lang::En => format!("{en}: "),
    }
}

/// A number with at most one decimal, without a trailing `.0`.
pub fn num(v: f64) -> String {
    // The one published-precision rule (2 decimals, half-up), as explain and reports print.
    crate::domain::engine::explain::fmt_num(v)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cjk_counts_two_columns() {
        assert_eq!(fit("云和木玩童话小镇", 9), "云和木玩…");
        assert_eq!(fit("云和木玩童话小镇", 10), "云和木玩… ");
        assert_eq!(width(&fit("云和木玩童话小镇", 10)), 10);
        assert_eq!(fit("ab", 4), "ab  ");
        assert_eq!(fit_right("合格", 6), "  合格");
        assert_eq!(truncate("abc", 0), "");
        assert_eq!(num(4.0), "4");
        assert_eq!(num(4.55), "4.55");
        assert_eq!(num(59.995), "60");
        assert_eq!(num(59.994), "59.99");
    }

    #[test]
    fn wraps_chinese_anywhere_and_latin_between_words() {
        let t = "单项否决成立，其余 5 项因单项否决未评，结论不合格";
        let lines = wrap(t, 20);
        assert!(lines.iter().all(|l| width(l) <= 20), "{lines:?}");
        assert_eq!(lines.concat().replace(' ', ""), t.replace(' ', ""));
        assert_eq!(lines[0], "单项否决成立，其余 5");
        assert_eq!(
            wrap("reopen it first please", 10),
            ["reopen it", "first", "please"]
        );
    }
}
