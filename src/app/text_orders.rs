//! The orders of the free-text columns (name, host unit, region) and the search buffer, built
//! once per round on a background thread right after the first frame, so that the first sort
//! or search is a copy rather than 100k string operations on the key press. Until the thread is
//! done (or if it could not start) a sort or search builds what it needs in place. Likewise the
//! orders of the progress and total columns ([`ScoreOrders`]), once every total is known; an
//! edit drops them (the next sort by them computes in place).

use std::sync::{Arc, OnceLock};

use super::row::{Column, Row};
use super::search::SearchIndex;

/// Shared by clones of the app; filled once by the background thread.
#[derive(Debug, Clone, Default)]
pub struct TextOrders(Arc<OnceLock<[Vec<u32>; 3]>>, Arc<OnceLock<SearchIndex>>);

/// The three texts of every row, packed into one buffer (the thread owns it).
struct Packed {
    text: String,
    /// Per row and column: (start, end) in `text`.
    spans: Vec<[(u32, u32); 3]>,
}

impl Packed {
    fn of(rows: &[Row]) -> Packed {
        let mut text = String::new();
        let mut spans = Vec::with_capacity(rows.len());
        for r in rows {
            let a = &r.account;
            let mut span = [(0, 0); 3];
            for (k, s) in [&a.name, &a.unit, &a.region].into_iter().enumerate() {
                let start = text.len() as u32;
                text.push_str(s);
                span[k] = (start, text.len() as u32);
            }
            spans.push(span);
        }
        Packed { text, spans }
    }

    fn get(&self, row: u32, k: usize) -> &str {
        let (a, b) = self.spans[row as usize][k];
        &self.text[a as usize..b as usize]
    }

    /// Row indices by column `k`, ascending; ties keep row order.
    fn order(&self, k: usize) -> Vec<u32> {
        let mut v: Vec<u32> = (0..self.spans.len() as u32).collect();
        v.sort_by(|&a, &b| self.get(a, k).cmp(self.get(b, k)));
        v
    }
}

fn slot(col: Column) -> Option<usize> {
    match col {
        Column::Name => Some(0),
        Column::Unit => Some(1),
        Column::Region => Some(2),
        _ => None,
    }
}

impl TextOrders {
    /// Starts sorting the rows' texts in the background.
    pub fn start(rows: &[Row]) -> TextOrders {
        let orders = TextOrders::default();
        if rows.len() < 2 {
            return orders;
        }
        let packed = Packed::of(rows);
        let (cell, index) = (Arc::clone(&orders.0), Arc::clone(&orders.1));
        let spawned = std::thread::Builder::new()
            .name("assay-sort".into())
            .spawn(move || {
                let n = packed.spans.len() as u32;
                let pairs = (0..n).map(|i| (packed.get(i, 0), packed.get(i, 1)));
                let _ = index.set(SearchIndex::of(n as usize, pairs));
                let _ = cell.set([packed.order(0), packed.order(1), packed.order(2)]);
            });
        if let Err(e) = spawned {
            tracing::warn!("no background sort thread ({e}); sorts compute in place");
        }
        orders
    }

    /// The order of a free-text column, when the background sort has finished.
    pub fn get(&self, col: Column) -> Option<&Vec<u32>> {
        Some(&self.0.get()?[slot(col)?])
    }

    /// The search buffer, when the background thread has built it.
    pub fn index(&self) -> Option<&SearchIndex> {
        self.1.get()
    }

    /// Waits for the background sort (tests and benchmarks that measure the sorted case).
    pub fn wait(&self) {
        wait_for(&self.0);
    }
}

/// The progress and total columns' orders, sorted on a background thread from the score keys
/// read once every total is known. Replaced (never updated) when scores change, so an order
/// that arrives late lands in a discarded cell.
#[derive(Debug, Clone, Default)]
pub struct ScoreOrders(Arc<OnceLock<[Vec<u32>; 2]>>);

fn score_slot(col: Column) -> Option<usize> {
    match col {
        Column::Progress => Some(0),
        Column::Total => Some(1),
        _ => None,
    }
}

impl ScoreOrders {
    /// Reads the score keys here (a pass over the rows) and sorts them in the background.
    pub fn start(rows: &[Row]) -> ScoreOrders {
        let orders = ScoreOrders::default();
        if rows.len() < 2 {
            return orders;
        }
        let keys = [Column::Progress.keyed(rows), Column::Total.keyed(rows)];
        let cell = Arc::clone(&orders.0);
        let spawned = std::thread::Builder::new()
            .name("assay-score-sort".into())
            .spawn(move || {
                let [p, t] = keys;
                let _ = cell.set([super::row::radix_order(p), super::row::radix_order(t)]);
            });
        if let Err(e) = spawned {
            tracing::warn!("no background score sort thread ({e}); sorts compute in place");
        }
        orders
    }

    /// The order of the progress or total column, when the background sort has finished.
    pub fn get(&self, col: Column) -> Option<&Vec<u32>> {
        Some(&self.0.get()?[score_slot(col)?])
    }

    /// Waits for the background sort (tests and benchmarks), at most 30 s.
    pub fn wait(&self) {
        wait_for(&self.0);
    }
}

/// Waits until a background thread has filled `cell`, at most 30 s.
fn wait_for<T>(cell: &OnceLock<T>) {
    let start = std::time::Instant::now();
    while cell.get().is_none() && start.elapsed() < std::time::Duration::from_secs(30) {
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
}
