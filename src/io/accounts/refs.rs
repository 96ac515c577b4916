//! A streaming check of the cell references in a worksheet's XML (`r="B7"`, `ref="A1:D9"`,
//! `<row r="7">`) before calamine parses them: positions beyond Excel's grid (XFD1048576) or
//! that are not positions at all make its arithmetic overflow, so they are refused first.

/// Longest reference checked: `XFD1048576:XFD1048576` with `$` signs fits.
const MAX_REF: usize = 32;

/// Finds the first bad reference in a worksheet's XML, fed in chunks of any size.
#[derive(Default)]
pub(super) struct RefScanner {
    carry: Vec<u8>,
}

impl RefScanner {
    /// Scans one chunk; `Err` holds the offending reference (lossy UTF-8, shortened). An
    /// attribute that starts in the last bytes of a chunk is scanned with the next one.
    pub fn feed(&mut self, chunk: &[u8], last: bool) -> Result<(), String> {
        let mut buf = std::mem::take(&mut self.carry);
        buf.extend_from_slice(chunk);
        let safe_end = if last {
            buf.len()
        } else {
            buf.len().saturating_sub(MAX_REF + 8)
        };
        let mut consumed = 0;
        while let Some((k, value_at, is_range)) = find_attr(&buf[consumed..]) {
            if consumed + k >= safe_end {
                break;
            }
            let rest = &buf[consumed + value_at..];
            let Some(end) = rest.iter().take(MAX_REF + 1).position(|&b| b == b'"') else {
                return Err(shorten(rest));
            };
            if !valid(&rest[..end], is_range) {
                return Err(shorten(&rest[..end]));
            }
            consumed += value_at + end + 1;
        }
        self.carry = buf[safe_end.max(consumed).min(buf.len())..].to_vec();
        Ok(())
    }
}

/// The next ` r="` or ` ref="` attribute: where it starts, where its value starts, and whether
/// it is a range.
fn find_attr(buf: &[u8]) -> Option<(usize, usize, bool)> {
    let mut k = 0;
    while k + 4 <= buf.len() {
        let ws = matches!(buf[k], b' ' | b'\t' | b'\n' | b'\r');
        if ws && buf[k + 1..].starts_with(b"r=\"") {
            return Some((k, k + 4, false));
        }
        if ws && buf[k + 1..].starts_with(b"ref=\"") {
            return Some((k, k + 6, true));
        }
        k += 1;
    }
    None
}

fn shorten(b: &[u8]) -> String {
    String::from_utf8_lossy(&b[..b.len().min(MAX_REF)]).into_owned()
}

/// `A1`, `$B$7`, `7` (a row), or for ranges `A1:D9`: at most three letters up to XFD and a
/// row from 1 to 1048576; a range never ends before it starts (calamine subtracts the corners).
fn valid(v: &[u8], is_range: bool) -> bool {
    if !is_range {
        return position(v).is_some();
    }
    let parts: Vec<&[u8]> = v.split(|&b| b == b':').collect();
    match parts.as_slice() {
        [one] => position(one).is_some(),
        [a, b] => match (position(a), position(b)) {
            (Some((ra, ca)), Some((rb, cb))) => ra <= rb && ca <= cb,
            _ => false,
        },
        _ => false,
    }
}

/// A reference's (row, column), 1-based, the column 0 when only a row is given; `None` when
/// it is not a position on Excel's grid.
fn position(p: &[u8]) -> Option<(u32, u32)> {
    let p: Vec<u8> = p.iter().copied().filter(|&b| b != b'$').collect();
    let letters = p.iter().take_while(|b| b.is_ascii_uppercase()).count();
    let digits = &p[letters..];
    if letters > 3 || (letters == 3 && p[..3] > b"XFD"[..]) {
        return None;
    }
    if digits.is_empty() || digits.len() > 7 || !digits.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let row = std::str::from_utf8(digits).ok()?.parse::<u32>().ok()?;
    if !(1..=1_048_576).contains(&row) {
        return None;
    }
    let col = p[..letters]
        .iter()
        .fold(0u32, |c, &b| c * 26 + u32::from(b - b'A' + 1));
    Some((row, col))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scan(xml: &str, chunk: usize) -> Result<(), String> {
        let mut s = RefScanner::default();
        let bytes = xml.as_bytes();
        for (n, c) in bytes.chunks(chunk.max(1)).enumerate() {
            s.feed(c, (n + 1) * chunk >= bytes.len())?;
        }
        if bytes.is_empty() {
            s.feed(&[], true)?;
        }
        Ok(())
    }

    #[test]
    fn real_references_pass_at_any_chunking() {
        let xml = r#"<dimension ref="A1:XFD1048576"/><row r="1" spans="1:4"><c r="A1" t="s"><v>0</v></c><c r="$B$1"/></row><mergeCell ref="A1:B1"/>"#;
        for chunk in [1, 3, 7, 50, 1000] {
            assert_eq!(scan(xml, chunk), Ok(()), "chunk {chunk}");
        }
    }

    #[test]
    fn references_off_the_grid_are_caught_at_any_chunking() {
        for bad in [
            r#"<dimension ref="ZZZZZZZ99999999999999"/>"#,
            r#"<row r="99999999999">"#,
            r#"<c r="A0"/>"#,
            r#"<c r="XFE1"/>"#,
            r#"<c r="!!"/>"#,
            r#"<c r="A1:B2:C3"/>"#,
            r#"<c r="A1048577"/>"#,
            r#"<dimension ref="B5:A1"/>"#,
            r#"<dimension ref="A5:B1"/>"#,
            r#"<mergeCell ref="C1:A1"/>"#,
        ] {
            let xml = format!("<sheetData>{}{bad}</sheetData>", " ".repeat(40));
            for chunk in [1, 5, 64, 1000] {
                assert!(scan(&xml, chunk).is_err(), "{bad} chunk {chunk}");
            }
        }
    }
}
