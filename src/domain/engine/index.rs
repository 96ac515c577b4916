//! Where each of a rubric's items sits: its item ids mapped once to positions (indicators
//! category by category, then bonus, then veto items), and one sheet's entries placed in those
//! positions, so scoring many sheets against one rubric does no string search per item.

use crate::domain::entry::Entry;
use crate::domain::rubric::Rubric;

/// A rubric's item ids and positions, built once per rubric ([`ItemIndex::of`]).
#[derive(Debug, Clone, PartialEq)]
pub struct ItemIndex<'r> {
    /// Each distinct id, sorted, with the range of its item positions in `positions`.
    ids: Vec<(&'r str, std::ops::Range<usize>)>,
    /// Item positions grouped by id: one, or several for an id the rubric repeats (refused by
    /// rubric validation, possible in a rubric built in code), in rubric order.
    positions: Vec<usize>,
    /// Position of each category's first indicator.
    categories: Vec<usize>,
    bonus: usize,
    vetoes: usize,
    len: usize,
}

impl<'r> ItemIndex<'r> {
    pub fn of(rubric: &'r Rubric) -> ItemIndex<'r> {
        let mut ids = Vec::new();
        let mut categories = Vec::with_capacity(rubric.categories.len());
        for cat in &rubric.categories {
            categories.push(ids.len());
            for ind in &cat.indicators {
                ids.push((ind.common().id.as_str(), ids.len()));
            }
        }
        let bonus = ids.len();
        for b in &rubric.bonus {
            ids.push((b.common.id.as_str(), ids.len()));
        }
        let vetoes = ids.len();
        for v in &rubric.vetoes {
            ids.push((v.common.id.as_str(), ids.len()));
        }
        let len = ids.len();
        // Stable: positions of one id stay in rubric order.
        ids.sort_by(|a, b| a.0.cmp(b.0));
        let positions: Vec<usize> = ids.iter().map(|(_, p)| *p).collect();
        let mut runs: Vec<(&str, std::ops::Range<usize>)> = Vec::with_capacity(len);
        for (k, (id, _)) in ids.iter().enumerate() {
            match runs.last_mut() {
                Some((last, range)) if last == id => range.end = k + 1,
                _ => runs.push((id, k..k + 1)),
            }
        }
        ItemIndex {
            ids: runs,
            positions,
            categories,
            bonus,
            vetoes,
            len,
        }
    }

    /// Number of items (indicators, bonus and veto items).
    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Places `entries` at their items' positions; the last entry for an id wins, entries for
    /// ids the rubric does not have are left out. Entries sorted by indicator id (as storage
    /// reads them) cost one comparison each; any order gives the same slots.
    pub(super) fn place<'e>(&self, entries: &'e [Entry]) -> Slots<'_, 'e> {
        let mut slots = vec![None; self.len];
        // The id expected next: entries sorted by id meet the index's ids in order, now and then
        // skipping an item that has no entry; anything else is searched for.
        let mut next = 0;
        for e in entries {
            let id = e.indicator.as_str();
            let mut ahead = self.ids.get(next..).unwrap_or_default().iter().take(3);
            let at = match ahead.position(|(known, _)| *known == id) {
                Some(k) => next + k,
                None => {
                    let at = self.ids.partition_point(|(known, _)| *known < id);
                    next = at;
                    match self.ids.get(at) {
                        Some((known, _)) if *known == id => at,
                        _ => continue,
                    }
                }
            };
            for &pos in &self.positions[self.ids[at].1.clone()] {
                slots[pos] = Some(e);
            }
            next = at + 1;
        }
        Slots { index: self, slots }
    }
}

/// One sheet's entries by item position (see [`ItemIndex::place`]).
pub(super) struct Slots<'i, 'e> {
    index: &'i ItemIndex<'i>,
    slots: Vec<Option<&'e Entry>>,
}

impl<'e> Slots<'_, 'e> {
    /// The entry of indicator `i` of category `c` (positions as in the rubric).
    pub fn indicator(&self, c: usize, i: usize) -> Option<&'e Entry> {
        self.slots[self.index.categories[c] + i]
    }

    /// The entry of bonus item `i`.
    pub fn bonus(&self, i: usize) -> Option<&'e Entry> {
        self.slots[self.index.bonus + i]
    }

    /// The entry of veto item `i`.
    pub fn veto(&self, i: usize) -> Option<&'e Entry> {
        self.slots[self.index.vetoes + i]
    }
}
