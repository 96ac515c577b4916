//! Which group an account falls in, for a report fed one account at a time: each dimension's
//! values are interned once, so an account is placed with look-ups on borrowed text and no
//! allocation; a group's sort key and label are made once, from its first account (as
//! [`super::group::partition`] makes them).

use std::collections::HashMap;

use super::group::{Dim, Part};
use crate::domain::account::Account;
use crate::i18n::Lang;

/// A group met so far: its sort key and labels.
pub struct Found {
    pub sort: Vec<String>,
    pub label: Vec<String>,
}

/// Groups by `dims`, numbered in the order first met.
pub struct Keyer {
    dims: Vec<Dim>,
    lang: Lang,
    texts: HashMap<Box<str>, u32>,
    pairs: HashMap<Box<str>, HashMap<Box<str>, u32>>,
    /// Interned values so far (every value gets its own number, whatever its dimension).
    next: u32,
    key: Vec<u32>,
    index: HashMap<Box<[u32]>, usize>,
    pub found: Vec<Found>,
}

impl Keyer {
    pub fn new(dims: &[Dim], lang: Lang) -> Keyer {
        Keyer {
            dims: dims.to_vec(),
            lang,
            texts: HashMap::new(),
            pairs: HashMap::new(),
            next: 0,
            key: Vec::with_capacity(dims.len()),
            index: HashMap::new(),
            found: Vec::new(),
        }
    }

    /// The group of `a` (a new one when its key is new).
    pub fn group(&mut self, a: &Account) -> usize {
        self.key.clear();
        for &d in &self.dims {
            let id = match Part::of(d, a) {
                Part::Code(c) => u32::from(c),
                Part::Text(t) => intern(&mut self.texts, &mut self.next, &t),
                Part::Pair(x, y) => {
                    let inner = match self.pairs.get_mut(&*x) {
                        Some(m) => m,
                        None => self.pairs.entry(x.as_ref().into()).or_default(),
                    };
                    intern(inner, &mut self.next, &y)
                }
            };
            self.key.push(id);
        }
        if let Some(&g) = self.index.get(self.key.as_slice()) {
            return g;
        }
        let g = self.found.len();
        self.index.insert(self.key.as_slice().into(), g);
        let (sort, label) = self.dims.iter().map(|d| d.key(a, self.lang)).unzip();
        self.found.push(Found { sort, label });
        g
    }
}

/// The number of `s` in `m`, a new one from `next` when it is not there yet (a key keeps its
/// dimensions apart by position; a host unit's regions are numbered within its own map).
fn intern(m: &mut HashMap<Box<str>, u32>, next: &mut u32, s: &str) -> u32 {
    if let Some(&i) = m.get(s) {
        return i;
    }
    let i = *next;
    *next += 1;
    m.insert(s.into(), i);
    i
}
