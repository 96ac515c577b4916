//! The rows' orders (and the background orders built from them) checked against the reference
//! row comparison.
use super::*;
use crate::app::text_orders::{ScoreOrders, TextOrders};
use crate::domain::platform::{Level, Platform};

fn row(id: i64, scored: usize, applicable: usize, total: f64, pending: bool) -> Row {
    let account = Account {
        id,
        platform: Platform::WeChat,
        platform_label: String::new(),
        name: format!("a{id}"),
        unit: String::new(),
        level: Level::County,
        region: String::new(),
        domain: String::new(),
        status: String::new(),
        opened: None,
    };
    let status = STATUSES[(id as usize) % STATUSES.len()];
    Row {
        scored,
        applicable,
        // Account 7 has no total (a veto under FailNoScore): it ranks below every total.
        total: (id != 7).then_some(total),
        status,
        pending,
        ..Row::pending(account)
    }
}

#[test]
fn score_key_orders_like_the_row_comparison() {
    let rows = vec![
        row(0, 3, 6, 19.5, false),
        row(1, 1, 2, -2.0, false),
        row(2, 0, 6, 0.0, true),
        row(3, 2, 7, 19.5, false),
        row(4, 0, 0, -0.0, false),
        row(5, 5, 5, 100.0, true),
        row(6, 4, 8, 7.25, false),
        row(7, 1, 3, 0.0, false),
    ];
    for col in [Column::Progress, Column::Total, Column::Status] {
        let mut want: Vec<u32> = (0..rows.len() as u32).collect();
        want.sort_by(|&a, &b| col.cmp(&rows[a as usize], &rows[b as usize]));
        assert_eq!(col.order(&rows), want, "{col:?}");
        assert!(want.ends_with(&[2, 5]), "pending last: {want:?}");
    }
}

#[test]
fn every_column_orders_like_the_row_comparison() {
    // Names that agree on their first 16 bytes, duplicates, a prefix of another, empty.
    let names = [
        "云和公安局12号",
        "云和公安局1号",
        "云和公安局1",
        "云和公安局1号",
        "",
        "a\u{0}b",
        "a",
        "Zz",
        "云和县文化和旅游局",
        "云和县文化和旅游",
    ];
    let mut rows: Vec<Row> = Vec::new();
    for (i, n) in names.iter().enumerate() {
        let mut r = row(i as i64, i % 3, 3, i as f64, i == 4);
        r.account.name = n.to_string();
        r.account.unit = names[names.len() - 1 - i].to_string();
        r.account.region = names[(i * 7) % names.len()].to_string();
        r.account.platform = Platform::ALL[(i * 5) % Platform::ALL.len()];
        r.account.level = Level::ALL[(i * 3) % Level::ALL.len()];
        r.submitted = i == 6;
        rows.push(r);
    }
    let ready = TextOrders::start(&rows);
    ready.wait();
    let scored = ScoreOrders::start(&rows);
    scored.wait();
    for col in Column::ALL {
        let mut want: Vec<u32> = (0..rows.len() as u32).collect();
        want.sort_by(|&a, &b| col.cmp(&rows[a as usize], &rows[b as usize]));
        assert_eq!(col.order(&rows), want, "{col:?}");
        if let Some(bg) = ready.get(col).or_else(|| scored.get(col)) {
            assert_eq!(bg, &want, "background {col:?}");
        }
    }
    assert!(ready.get(Column::Name).is_some() && ready.get(Column::Total).is_none());
    assert!(scored.get(Column::Total).is_some() && scored.get(Column::Progress).is_some());
    assert!(scored.get(Column::Name).is_none() && scored.get(Column::Status).is_none());
}

/// The radix order is the comparison sort's, on keys that share high bits, differ only in low
/// bits, tie, span the whole range (the float bit patterns of the score columns) or are empty.
#[test]
fn radix_order_equals_the_comparison_sort() {
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let shapes: [&dyn Fn(u64) -> u64; 5] = [
        &|r| r,
        &|r| r % 7,
        &|r| (1 << 63) | (r % 100_000) << 20,
        &|r| if r % 3 == 0 { u64::MAX } else { r >> 40 },
        &|r| (-(r as f64 % 1e4) / 7.0).to_bits(),
    ];
    for shape in shapes {
        for n in [0, 1, 2, 1000, 5000] {
            let keyed: Vec<(u64, u32)> = (0..n).map(|i| (shape(next()), i)).collect();
            let mut want = keyed.clone();
            want.sort_unstable();
            let want: Vec<u32> = want.into_iter().map(|k| k.1).collect();
            assert_eq!(order::radix_order(keyed), want, "n {n}");
        }
    }
}
