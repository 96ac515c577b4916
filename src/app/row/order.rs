//! Sort orders of the list's columns: plain keys in the vector being sorted (comparing rows
//! through the index misses the cache on every comparison), counting sorts for the columns with
//! a handful of values.

use super::{Column, Row, STATUSES, SheetState};
use crate::domain::engine::Status;
use crate::domain::platform::{Level, Platform};

impl Column {
    /// For the score columns, a key that orders like `cmp` (pending rows last): sorting 100k
    /// plain keys is several times faster than comparing rows through the index.
    fn score_key(self, r: &Row) -> Option<u64> {
        // The bit pattern of `f64::total_cmp` as an unsigned integer.
        let ordered = |x: f64| {
            let b = x.to_bits();
            if b >> 63 == 1 { !b } else { b | (1 << 63) }
        };
        let k = match self {
            Column::Progress => ordered(r.scored as f64 / r.applicable.max(1) as f64),
            // No total (a veto under FailNoScore) ranks below every total.
            Column::Total => ordered(r.total.unwrap_or(f64::NEG_INFINITY)),
            Column::Status => status_rank(r.status) as u64,
            Column::Sheet => sheet_rank(r),
            _ => return None,
        };
        Some(if self.unknown(r) {
            u64::MAX
        } else {
            k.min(u64::MAX - 1)
        })
    }

    /// The score key of every row with its index, in row order: what [`radix_order`] sorts
    /// (on the key, or on the background thread of [`super::super::text_orders::ScoreOrders`]).
    pub(crate) fn keyed(self, rows: &[Row]) -> Vec<(u64, u32)> {
        (0..rows.len() as u32)
            .map(|i| (self.score_key(&rows[i as usize]).unwrap_or(0), i))
            .collect()
    }

    /// Every row index in ascending order of this column (ties keep row order). Columns other
    /// than the free-text ones sort plain keys held in the vector (comparing rows through the
    /// index misses the cache on every comparison); the free-text orders normally come ready
    /// from [`TextOrders`].
    pub(crate) fn order(self, rows: &[Row]) -> Vec<u32> {
        let idx = 0..rows.len() as u32;
        let text = |i: u32| -> &str {
            let a = &rows[i as usize].account;
            match self {
                Column::Name => &a.name,
                Column::Unit => &a.unit,
                _ => &a.region,
            }
        };
        match self {
            Column::Name | Column::Unit | Column::Region => {
                let mut v: Vec<u32> = idx.collect();
                v.sort_by(|&a, &b| text(a).cmp(text(b)));
                v
            }
            Column::Progress | Column::Total => radix_order(self.keyed(rows)),
            _ => {
                // A handful of values: a counting sort (stable, two passes, no comparisons).
                let (mut platforms, mut levels) = (Platform::ALL, Level::ALL);
                platforms.sort();
                levels.sort();
                let rank = |r: &Row| -> u8 {
                    let a = &r.account;
                    let pos = match self {
                        Column::Platform => platforms.iter().position(|p| *p == a.platform),
                        Column::Level => levels.iter().position(|l| *l == a.level),
                        // Status and sheet ranks are small; unknown (u64::MAX) goes last.
                        c => Some(c.score_key(r).map_or(0, |k| k.min(255) as usize)),
                    };
                    pos.unwrap_or(0) as u8
                };
                let keys: Vec<u8> = rows.iter().map(rank).collect();
                counting_order(&keys)
            }
        }
    }
}

/// Row indices ordered by a byte key, ties in row order.
pub(super) fn counting_order(keys: &[u8]) -> Vec<u32> {
    let mut start = [0usize; 257];
    for &k in keys {
        start[usize::from(k) + 1] += 1;
    }
    for b in 1..257 {
        start[b] += start[b - 1];
    }
    let mut out = vec![0u32; keys.len()];
    for (i, &k) in keys.iter().enumerate() {
        let slot = &mut start[usize::from(k)];
        out[*slot] = i as u32;
        *slot += 1;
    }
    out
}

/// Row indices of `(key, index)` pairs (indices ascending) ordered by key, ties in index order:
/// the order `sort_unstable` gives, by a stable LSD radix sort of 11-bit digits that skips the
/// digits every key shares (at 100k rows a few scatter passes instead of 1.7 M comparisons).
pub(crate) fn radix_order(mut keyed: Vec<(u64, u32)>) -> Vec<u32> {
    const BITS: u32 = 11;
    const BUCKETS: usize = 1 << BITS;
    let (and, or) = keyed
        .iter()
        .fold((u64::MAX, 0u64), |(a, o), &(k, _)| (a & k, o | k));
    let varying = and ^ or; // Bits where the keys differ.
    let mut spare = vec![(0u64, 0u32); keyed.len()];
    let mut shift = 0;
    while shift < 64 {
        let mask = ((BUCKETS - 1) as u64) << shift;
        if varying & mask != 0 {
            let digit = |k: u64| ((k >> shift) as usize) & (BUCKETS - 1);
            let mut start = vec![0usize; BUCKETS + 1];
            for &(k, _) in &keyed {
                start[digit(k) + 1] += 1;
            }
            for b in 1..=BUCKETS {
                start[b] += start[b - 1];
            }
            for &p in &keyed {
                let slot = &mut start[digit(p.0)];
                spare[*slot] = p;
                *slot += 1;
            }
            std::mem::swap(&mut keyed, &mut spare);
        }
        shift += BITS;
    }
    keyed.into_iter().map(|k| k.1).collect()
}

/// A sheet's rank for sorting (pending rows are handled by the callers).
pub(super) fn sheet_rank(r: &Row) -> u64 {
    r.sheet().map_or(u64::MAX, SheetState::rank)
}

pub(super) fn status_rank(s: Status) -> usize {
    STATUSES.iter().position(|x| *x == s).unwrap_or(0)
}
