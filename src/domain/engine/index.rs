//! Each item's entry in one sheet, found two ways with the same result: for one sheet, the
//! entries sorted once and each item's id searched for ([`Slots::search`]); for many sheets, the
//! rubric's ids mapped once to item positions (indicators category by category, then bonus, then
//! veto items: [`ItemIndex`]) and each entry placed at its item with one comparison when entries
//! come sorted by id, as storage reads them.

use std::ops::Range;

use crate::domain::entry::Entry;
use crate::domain::rubric::Rubric;

/// The positions of a rubric's items: where each category's indicators, the bonus items and
/// the veto items start.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Layout {
    /// Position of each category's first indicator.
    categories: Vec<usize>,
    bonus: usize,
    vetoes: usize,
    len: usize,
}

impl Layout {
    pub fn of(rubric: &Rubric) -> Layout {
        let categories = rubric
            .categories
            .iter()
            .scan(0, |at, c| {
                let start = *at;
                *at += c.indicators.len();
                Some(start)
            })
            .collect();
        let bonus = rubric.categories.iter().map(|c| c.indicators.len()).sum();
        let vetoes = bonus + rubric.bonus.len();
        Layout {
            categories,
            bonus,
            vetoes,
            len: vetoes + rubric.vetoes.len(),
        }
    }
}

/// Every item id of a rubric in position order.
fn item_ids(rubric: &Rubric) -> impl Iterator<Item = &str> {
    let indicators = rubric.categories.iter().flat_map(|c| &c.indicators);
    (indicators.map(|i| i.common().id.as_str()))
        .chain(rubric.bonus.iter().map(|b| b.common.id.as_str()))
        .chain(rubric.vetoes.iter().map(|v| v.common.id.as_str()))
}

/// A rubric's item ids mapped to positions, built once per rubric ([`ItemIndex::of`]).
#[derive(Debug, Clone, PartialEq)]
pub struct ItemIndex<'r> {
    layout: Layout,
    /// Each distinct id, sorted, with the range of its item positions in `positions`.
    ids: Vec<(&'r str, Range<usize>)>,
    /// Item positions grouped by id: one, or several for an id the rubric repeats (refused by
    /// rubric validation, possible in a rubric built in code), in rubric order.
    positions: Vec<usize>,
}

impl<'r> ItemIndex<'r> {
    pub fn of(rubric: &'r Rubric) -> ItemIndex<'r> {
        let mut ids: Vec<(&str, usize)> = item_ids(rubric).zip(0..).collect();
        // Stable: positions of one id stay in rubric order.
        ids.sort_by(|a, b| a.0.cmp(b.0));
        let positions = ids.iter().map(|(_, p)| *p).collect();
        let mut runs: Vec<(&str, Range<usize>)> = Vec::with_capacity(ids.len());
        for (k, (id, _)) in ids.iter().enumerate() {
            match runs.last_mut() {
                Some((last, range)) if last == id => range.end = k + 1,
                _ => runs.push((id, k..k + 1)),
            }
        }
        ItemIndex {
            layout: Layout::of(rubric),
            ids: runs,
            positions,
        }
    }

    /// Number of items (indicators, bonus and veto items).
    pub fn len(&self) -> usize {
        self.layout.len
    }

    pub fn is_empty(&self) -> bool {
        self.layout.len == 0
    }

    /// Places `entries` at their items' positions; the last entry for an id wins, entries for
    /// ids the rubric does not have are left out. Entries sorted by indicator id (as storage
    /// reads them) cost one comparison each; any order gives the same slots.
    pub(super) fn place<'e>(&self, entries: &'e [Entry]) -> Slots<'_, 'e> {
        let mut slots = vec![None; self.layout.len];
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
        Slots::Placed {
            layout: &self.layout,
            slots,
        }
    }
}

/// One sheet's entries by item: placed at item positions, or sorted by id and searched.
pub(super) enum Slots<'i, 'e> {
    Placed {
        layout: &'i Layout,
        slots: Vec<Option<&'e Entry>>,
    },
    /// The last entry of each id, sorted by id.
    Sorted(Vec<&'e Entry>),
}

impl<'e> Slots<'_, 'e> {
    /// The same entries per item as [`ItemIndex::place`] without an index (one sheet: cheaper
    /// than building one).
    pub fn search(entries: &'e [Entry]) -> Slots<'static, 'e> {
        // Reversed, then a stable sort: of several entries for one id the last comes first and
        // is the one kept.
        let mut sorted: Vec<&Entry> = entries.iter().rev().collect();
        sorted.sort_by(|a, b| a.indicator.cmp(&b.indicator));
        sorted.dedup_by(|later, earlier| later.indicator == earlier.indicator);
        Slots::Sorted(sorted)
    }

    /// The entry at `pos` (placed) or with `id` (sorted).
    fn get(&self, pos: impl FnOnce(&Layout) -> usize, id: &str) -> Option<&'e Entry> {
        match self {
            Slots::Placed { layout, slots } => slots[pos(layout)],
            Slots::Sorted(sorted) => (sorted.binary_search_by(|e| e.indicator.as_str().cmp(id)))
                .ok()
                .map(|i| sorted[i]),
        }
    }

    /// The entry of indicator `i` (id `id`) of category `c`.
    pub fn indicator(&self, c: usize, i: usize, id: &str) -> Option<&'e Entry> {
        self.get(|l| l.categories[c] + i, id)
    }

    /// The entry of bonus item `i` (id `id`).
    pub fn bonus(&self, i: usize, id: &str) -> Option<&'e Entry> {
        self.get(|l| l.bonus + i, id)
    }

    /// The entry of veto item `i` (id `id`).
    pub fn veto(&self, i: usize, id: &str) -> Option<&'e Entry> {
        self.get(|l| l.vetoes + i, id)
    }
}
