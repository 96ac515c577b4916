//! Finds where a value of the rubric model sits in the RON source text (line and column), by
//! reading the text into a loose tree of groups and fields that mirrors the model's structure.

/// A 1-based line and column (columns count characters, as `ron` does).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Pos {
    pub line: usize,
    pub column: usize,
}

/// One step of a path into the model: a named field or a list/tuple element.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Seg<'a> {
    Field(&'a str),
    Index(usize),
}

/// A value in the source: where it starts and, for groups (`(…)`, `[…]`, `{…}`), its fields
/// (`name: value`, with the name's offset) and its positional elements.
#[derive(Debug, Clone, Default)]
struct Node {
    start: usize,
    fields: Vec<(String, usize, Node)>,
    items: Vec<Node>,
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Ident(String),
    Atom,
    Open,
    Close,
    Colon,
    Comma,
}

/// Positions of model values in one source text.
#[derive(Debug, Clone)]
pub struct Locator {
    line_starts: Vec<usize>,
    src: String,
    root: Node,
}

impl Locator {
    pub fn new(src: &str) -> Locator {
        let toks = tokenize(src);
        let mut i = 0;
        let root = parse_value(&toks, &mut i, 0).unwrap_or_default();
        let mut line_starts = vec![0];
        line_starts.extend(src.match_indices('\n').map(|(o, _)| o + 1));
        Locator {
            line_starts,
            src: src.to_string(),
            root,
        }
    }

    /// Line and column of a byte offset.
    pub fn pos(&self, offset: usize) -> Pos {
        let offset = offset.min(self.src.len());
        let line = self.line_starts.partition_point(|&s| s <= offset).max(1);
        let start = self.line_starts[line - 1];
        let column = self
            .src
            .get(start..offset)
            .map_or(1, |s| s.chars().count() + 1);
        Pos { line, column }
    }

    /// Position of the value at `path`. A field points at its name; a missing step (a field left
    /// to its default) falls back to the deepest value found, so errors still land on the item.
    pub fn at(&self, path: &[Seg<'_>]) -> Pos {
        let mut node = &self.root;
        let mut off = node.start;
        for seg in path {
            match seg {
                Seg::Field(name) => match node.fields.iter().find(|(n, _, _)| n == name) {
                    Some((_, name_off, v)) => {
                        off = *name_off;
                        node = v;
                    }
                    None => break,
                },
                Seg::Index(i) => match node.items.get(*i) {
                    Some(v) => {
                        off = v.start;
                        node = v;
                    }
                    None => break,
                },
            }
        }
        self.pos(off)
    }
}

fn tokenize(src: &str) -> Vec<(Tok, usize)> {
    let b = src.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        let start = i;
        match c {
            b' ' | b'\t' | b'\r' | b'\n' => i += 1,
            b'/' if b.get(i + 1) == Some(&b'/') => {
                while i < b.len() && b[i] != b'\n' {
                    i += 1;
                }
            }
            b'/' if b.get(i + 1) == Some(&b'*') => i = skip_block_comment(b, i),
            b'"' => {
                i = skip_string(b, i);
                out.push((Tok::Atom, start));
            }
            b'\'' => {
                i += 1;
                while i < b.len() && b[i] != b'\'' {
                    i += if b[i] == b'\\' { 2 } else { 1 };
                }
                i += 1;
                out.push((Tok::Atom, start));
            }
            b'r' if matches!(b.get(i + 1), Some(b'"') | Some(b'#')) => {
                i = skip_raw_string(b, i);
                out.push((Tok::Atom, start));
            }
            b'(' | b'[' | b'{' => {
                i += 1;
                out.push((Tok::Open, start));
            }
            b')' | b']' | b'}' => {
                i += 1;
                out.push((Tok::Close, start));
            }
            b':' => {
                i += 1;
                out.push((Tok::Colon, start));
            }
            b',' => {
                i += 1;
                out.push((Tok::Comma, start));
            }
            _ if c == b'_' || c.is_ascii_alphabetic() => {
                while i < b.len() && (b[i] == b'_' || b[i].is_ascii_alphanumeric()) {
                    i += 1;
                }
                out.push((Tok::Ident(src[start..i].to_string()), start));
            }
            _ => {
                // Numbers, signs and anything else: one atom up to the next delimiter.
                i += 1;
                while i < b.len() && !b" \t\r\n,:()[]{}\"/".contains(&b[i]) {
                    i += 1;
                }
                out.push((Tok::Atom, start));
            }
        }
    }
    out
}

fn skip_block_comment(b: &[u8], mut i: usize) -> usize {
    let mut depth = 0;
    while i < b.len() {
        if b[i] == b'/' && b.get(i + 1) == Some(&b'*') {
            depth += 1;
            i += 2;
        } else if b[i] == b'*' && b.get(i + 1) == Some(&b'/') {
            depth -= 1;
            i += 2;
            if depth == 0 {
                return i;
            }
        } else {
            i += 1;
        }
    }
    i
}

fn skip_string(b: &[u8], mut i: usize) -> usize {
    i += 1;
    while i < b.len() && b[i] != b'"' {
        i += if b[i] == b'\\' { 2 } else { 1 };
    }
    (i + 1).min(b.len())
}

fn skip_raw_string(b: &[u8], mut i: usize) -> usize {
    i += 1;
    let mut hashes = 0;
    while b.get(i) == Some(&b'#') {
        hashes += 1;
        i += 1;
    }
    i += 1; // the opening quote
    while i < b.len() {
        if b[i] == b'"'
            && b[i + 1..]
                .iter()
                .take(hashes)
                .filter(|&&c| c == b'#')
                .count()
                == hashes
        {
            return (i + 1 + hashes).min(b.len());
        }
        i += 1;
    }
    i
}

const MAX_DEPTH: usize = 128;

/// Reads one value: an atom, an identifier optionally followed by a group (`Name(…)`), or a group.
fn parse_value(toks: &[(Tok, usize)], i: &mut usize, depth: usize) -> Option<Node> {
    let (tok, start) = toks.get(*i)?.clone();
    match tok {
        Tok::Ident(_) => {
            *i += 1;
            if matches!(toks.get(*i), Some((Tok::Open, _))) {
                let mut n = parse_group(toks, i, depth)?;
                n.start = start;
                Some(n)
            } else {
                Some(Node {
                    start,
                    ..Node::default()
                })
            }
        }
        Tok::Atom => {
            *i += 1;
            Some(Node {
                start,
                ..Node::default()
            })
        }
        Tok::Open => parse_group(toks, i, depth),
        _ => None,
    }
}

fn parse_group(toks: &[(Tok, usize)], i: &mut usize, depth: usize) -> Option<Node> {
    let start = toks.get(*i)?.1;
    *i += 1;
    let mut node = Node {
        start,
        ..Node::default()
    };
    if depth > MAX_DEPTH {
        return None;
    }
    loop {
        match toks.get(*i) {
            None => return Some(node),
            Some((Tok::Close, _)) => {
                *i += 1;
                return Some(node);
            }
            Some((Tok::Comma, _)) | Some((Tok::Colon, _)) => *i += 1,
            Some((Tok::Ident(name), off)) if matches!(toks.get(*i + 1), Some((Tok::Colon, _))) => {
                let (name, off) = (name.clone(), *off);
                *i += 2;
                let v = parse_value(toks, i, depth + 1).unwrap_or(Node {
                    start: off,
                    ..Node::default()
                });
                node.fields.push((name, off, v));
            }
            Some(_) => match parse_value(toks, i, depth + 1) {
                Some(v) => node.items.push(v),
                None => *i += 1,
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SRC: &str = "// c: (\nRubric(\n  id: \"r\", /* x: [ */\n  categories: [\n    Category(id: \"会\", indicators: [\n      Range(id: \"a\", max: 5, step: Some(0.5)),\n      Check(name: \"括号)\", id: \"b\"),\n    ]),\n  ],\n)";

    #[test]
    fn finds_fields_by_path() {
        let l = Locator::new(SRC);
        use Seg::*;
        assert_eq!(l.at(&[Field("id")]), Pos { line: 3, column: 3 });
        let ind = [Field("categories"), Index(0), Field("indicators")];
        let b = [&ind[..], &[Index(1), Field("id")]].concat();
        assert_eq!(
            l.at(&b),
            Pos {
                line: 7,
                column: 26
            }
        );
        let step = [&ind[..], &[Index(0), Field("step")]].concat();
        assert_eq!(
            l.at(&step),
            Pos {
                line: 6,
                column: 30
            }
        );
    }

    #[test]
    fn missing_field_falls_back_to_the_item() {
        let l = Locator::new(SRC);
        use Seg::*;
        let p = l.at(&[
            Field("categories"),
            Index(0),
            Field("indicators"),
            Index(0),
            Field("min"),
        ]);
        assert_eq!(p, Pos { line: 6, column: 7 });
    }

    #[test]
    fn columns_count_characters() {
        let l = Locator::new("(a: \"会会\", b: 1)");
        assert_eq!(
            l.at(&[Seg::Field("b")]),
            Pos {
                line: 1,
                column: 11
            }
        );
    }

    #[test]
    fn broken_text_does_not_panic() {
        for s in ["", "(", "r#\"", "\"abc", "/* (", "((((", "a: : ,)", "r#"] {
            let l = Locator::new(s);
            let _ = l.at(&[Seg::Field("x"), Seg::Index(3)]);
        }
    }
}
