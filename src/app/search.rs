//! Searching account names and host units at 100k accounts within a keystroke: every name and
//! unit, lowercased once, lives in one buffer (`name \u{1} unit \u{0}` per row) that a single
//! SIMD substring search runs over; a hit skips to the next row. A query that only grew narrows
//! the rows already shown instead, with the same prepared searcher.

use std::sync::Arc;

use memchr::memmem::Finder;

use super::row::Row;

/// The lowercased text of every row, shared by clones of the app (accounts never change while
/// the TUI runs).
#[derive(Debug, Clone, Default)]
pub struct SearchIndex(Arc<Inner>);

#[derive(Debug, Default)]
struct Inner {
    text: Vec<u8>,
    /// Where each row's text ends (exclusive), ascending.
    ends: Vec<u32>,
}

/// A query as searched: lowercased, trimmed, without control characters (which separate the
/// fields in the buffer).
pub fn normalize(query: &str) -> String {
    query
        .trim()
        .to_lowercase()
        .chars()
        .filter(|c| !c.is_control())
        .collect()
}

impl SearchIndex {
    pub fn build(rows: &[Row]) -> SearchIndex {
        let pairs = rows
            .iter()
            .map(|r| (r.account.name.as_str(), r.account.unit.as_str()));
        SearchIndex::of(rows.len(), pairs)
    }

    /// From (name, unit) per row, in row order.
    pub fn of<'a>(n: usize, pairs: impl Iterator<Item = (&'a str, &'a str)>) -> SearchIndex {
        let mut text = Vec::with_capacity(n * 48);
        let mut ends = Vec::with_capacity(n);
        for (name, unit) in pairs {
            push_lower(&mut text, name);
            text.push(1);
            push_lower(&mut text, unit);
            text.push(0);
            ends.push(text.len() as u32);
        }
        SearchIndex(Arc::new(Inner { text, ends }))
    }

    /// Whether row `i` matches (`q` normalized and not empty).
    pub fn matches(&self, finder: &Finder<'_>, i: u32) -> bool {
        let start = if i == 0 {
            0
        } else {
            self.0.ends[i as usize - 1]
        };
        let end = self.0.ends[i as usize];
        (self.0.text.get(start as usize..end as usize)).is_some_and(|t| finder.find(t).is_some())
    }

    /// One flag per row: true where the name or the unit contains `q` (normalized, not empty).
    pub fn hits(&self, finder: &Finder<'_>) -> Vec<bool> {
        let (text, ends) = (&self.0.text, &self.0.ends);
        let mut hit = vec![false; ends.len()];
        let mut pos = 0usize;
        while pos < text.len() {
            let Some(k) = finder.find(&text[pos..]) else {
                break;
            };
            let row = ends.partition_point(|&e| e as usize <= pos + k);
            if row >= hit.len() {
                break;
            }
            hit[row] = true;
            pos = ends[row] as usize;
        }
        hit
    }

    pub fn len(&self) -> usize {
        self.0.ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.ends.is_empty()
    }
}

fn push_lower(out: &mut Vec<u8>, s: &str) {
    // Most names are CJK: only strings with an ASCII capital, a control character or any
    // non-ASCII character that may have a lowercase form take the slow path.
    let plain = |c: char| match c {
        'A'..='Z' => false,
        c if c.is_ascii() => !c.is_control(),
        c => !(c.is_uppercase() || c.is_control()),
    };
    if !s.chars().all(plain) {
        let low: String = s
            .to_lowercase()
            .chars()
            .filter(|c| !c.is_control())
            .collect();
        out.extend_from_slice(low.as_bytes());
    } else {
        out.extend_from_slice(s.as_bytes());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::account::Account;
    use crate::domain::platform::{Level, Platform};

    fn row(name: &str, unit: &str) -> Row {
        Row::pending(Account {
            id: 1,
            platform: Platform::WeChat,
            platform_label: String::new(),
            name: name.into(),
            unit: unit.into(),
            level: Level::County,
            region: String::new(),
            domain: String::new(),
            status: String::new(),
            opened: None,
        })
    }

    #[test]
    fn finds_names_and_units_case_blind_never_across_fields() {
        let rows = vec![
            row("云和发布", "云和县委宣传部"),
            row("Lishui POLICE", "丽水市公安局"),
            row("abc", "def"),
            row("云和", "县"),
        ];
        let idx = SearchIndex::build(&rows);
        let find = |q: &str| -> Vec<usize> {
            let q = normalize(q);
            let f = Finder::new(q.as_bytes());
            let full: Vec<usize> = (idx.hits(&f).iter().enumerate())
                .filter(|h| *h.1)
                .map(|h| h.0)
                .collect();
            let each: Vec<usize> = (0..rows.len())
                .filter(|&i| idx.matches(&f, i as u32))
                .collect();
            assert_eq!(full, each, "{q}");
            full
        };
        assert_eq!(find("云和"), vec![0, 3]);
        assert_eq!(find("police"), vec![1]);
        assert_eq!(find(" POL "), vec![1]);
        assert_eq!(find("公安"), vec![1]);
        assert_eq!(find("cd"), Vec::<usize>::new(), "not across name and unit");
        assert_eq!(find("和县"), vec![0], "row 3 only across name and unit");
        assert_eq!(find("c\u{1}d"), Vec::<usize>::new());
        assert_eq!(find("宣传部"), vec![0]);
    }
}
