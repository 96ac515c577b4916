//! Text encoding detection for registry files: UTF-8, UTF-8 with BOM, UTF-16 (Excel "Unicode
//! text") and GBK/GB18030, plus the field delimiter.

use serde::Serialize;

/// The encoding a text file turned out to be in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Encoding {
    Utf8,
    Utf8Bom,
    Utf16Le,
    /// GBK, decoded with the GB18030 decoder (a superset).
    Gbk,
}

impl Encoding {
    pub fn label(self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Utf8Bom => "UTF-8 with BOM",
            Encoding::Utf16Le => "UTF-16LE",
            Encoding::Gbk => "GBK",
        }
    }
}

/// Decodes bytes, trying a BOM first, then strict UTF-8, then strict GB18030. `None` when the
/// bytes are none of these.
pub fn decode(bytes: &[u8]) -> Option<(String, Encoding)> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return std::str::from_utf8(rest)
            .ok()
            .map(|s| (s.to_string(), Encoding::Utf8Bom));
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        let (text, had_errors) = encoding_rs::UTF_16LE.decode_without_bom_handling(rest);
        return (!had_errors).then(|| (text.into_owned(), Encoding::Utf16Le));
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Some((s.to_string(), Encoding::Utf8));
    }
    encoding_rs::GB18030
        .decode_without_bom_handling_and_without_replacement(bytes)
        .map(|s| (s.into_owned(), Encoding::Gbk))
}

/// The delimiter used in the first non-empty line: tab, semicolon or (default) comma.
pub fn delimiter(text: &str) -> u8 {
    let line = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let count = |c: char| line.matches(c).count();
    let (commas, tabs, semis) = (count(','), count('\t'), count(';'));
    if tabs > commas && tabs >= semis {
        b'\t'
    } else if semis > commas {
        b';'
    } else {
        b','
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_each_encoding() {
        let text = "新媒体类型,新媒体名称\n微信,云和发布\n";
        assert_eq!(
            decode(text.as_bytes()).unwrap(),
            (text.to_string(), Encoding::Utf8)
        );
        let bom = [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat();
        assert_eq!(decode(&bom).unwrap(), (text.to_string(), Encoding::Utf8Bom));
        let (gbk, _, _) = encoding_rs::GBK.encode(text);
        assert_ne!(gbk.as_ref(), text.as_bytes());
        assert_eq!(decode(&gbk).unwrap(), (text.to_string(), Encoding::Gbk));
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain(text.encode_utf16().flat_map(|u| u.to_le_bytes()))
            .collect();
        assert_eq!(
            decode(&utf16).unwrap(),
            (text.to_string(), Encoding::Utf16Le)
        );
        assert!(decode(&[0xFF, 0xFF, 0xFF, 0x80]).is_none());
    }

    #[test]
    fn sniffs_the_delimiter() {
        assert_eq!(delimiter("a,b,c\n1,2,3"), b',');
        assert_eq!(delimiter("\na\tb\tc"), b'\t');
        assert_eq!(delimiter("a;b;c"), b';');
    }
}
