//! Bulk paths of the store: 100,000 accounts in one transaction, and the throughput of
//! `bulk_entries` (ignored by default; run in release to measure).

use std::time::Instant;

use assay::domain::account::Account;
use assay::domain::entry::Entry;
use assay::domain::platform::{Level, Platform};
use assay::storage::{AccountFilter, NewRound, Store};
use chrono::NaiveDate;

fn accounts(n: usize) -> Vec<Account> {
    (0..n)
        .map(|i| Account {
            id: 0,
            platform: Platform::ALL[i % Platform::ALL.len()],
            platform_label: Platform::ALL[i % Platform::ALL.len()].label_zh().into(),
            name: format!("账号{i:06}"),
            unit: format!("单位{}", i / 3),
            level: Level::ALL[i % Level::ALL.len()],
            region: format!("浙江省/市{}/县{}", i % 11, i % 97),
            domain: ["公安", "教育", "卫健"][i % 3].into(),
            status: "正常".into(),
            opened: NaiveDate::from_ymd_opt(2020, 1, 1),
        })
        .collect()
}

#[test]
fn insert_100k_accounts_quickly() {
    let mut store = Store::open_in_memory().unwrap();
    let batch = accounts(100_000);
    let t = Instant::now();
    let ids = store.insert_accounts(&batch).unwrap();
    let took = t.elapsed();
    assert_eq!(ids.len(), 100_000);
    assert_eq!(
        store
            .list_accounts(&AccountFilter::default())
            .unwrap()
            .len(),
        100_000
    );
    let f = AccountFilter {
        levels: vec![Level::County],
        ..Default::default()
    };
    assert_eq!(store.list_accounts(&f).unwrap().len(), 25_000);
    eprintln!("100,000 accounts inserted in {took:?}");
    // Generous bound for a loaded 2-core machine in a debug build; typical is well under 2 s.
    assert!(
        took.as_secs() < 30,
        "inserting 100,000 accounts took {took:?}"
    );
}

/// `BULK_ACCOUNTS=10000 cargo test --release --test storage_bulk -- --ignored --nocapture`
/// inserts BULK_ACCOUNTS × 40 indicators × 3 evaluators entries into a WAL file and prints rows/s.
#[test]
#[ignore = "throughput measurement; run in release"]
fn bulk_entries_throughput() {
    let n: usize = std::env::var("BULK_ACCOUNTS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10_000);
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::create_or_open(&dir.path().join("bulk.db")).unwrap();
    store.insert_accounts(&accounts(n)).unwrap();
    let round = store
        .create_round(&NewRound {
            name: "bench".into(),
            rubric_id: "four".into(),
            rubric_version: "1".into(),
            rubric_text: "()".into(),
            monitoring_date: NaiveDate::from_ymd_opt(2024, 12, 1).unwrap(),
            scope: AccountFilter::default(),
        })
        .unwrap();
    let evaluators: Vec<i64> = ["甲", "乙", "丙"]
        .iter()
        .map(|e| store.evaluator_id(e).unwrap())
        .collect();
    let ids: Vec<i64> = store
        .round_accounts(round.id)
        .unwrap()
        .iter()
        .map(|a| a.id)
        .collect();
    let indicators: Vec<String> = (0..40)
        .map(|i| format!("dim{}.ind{:02}", i / 10, i))
        .collect();
    let mut rows = ids.iter().flat_map(|&a| {
        let indicators = &indicators;
        evaluators.iter().flat_map(move |&ev| {
            indicators.iter().enumerate().map(move |(i, ind)| {
                let mut e = Entry::new(ind.as_str());
                if i % 4 == 0 {
                    e.count = Some((a % 3) as u32);
                } else {
                    e.value = Some(((a + i as i64) % 10) as f64);
                }
                (a, ev, e)
            })
        })
    });
    let t = Instant::now();
    let inserted = store.bulk_entries(round.id, &mut rows).unwrap();
    let secs = t.elapsed().as_secs_f64();
    assert_eq!(inserted as usize, n * 3 * 40);
    let rate = inserted as f64 / secs;
    eprintln!(
        "bulk_entries: {inserted} rows in {secs:.2} s = {rate:.0} rows/s; 12,000,000 rows ≈ {:.1} s",
        12_000_000.0 / rate
    );
    let t = Instant::now();
    let mut seen = 0u64;
    store.for_each_entry(round.id, &mut |_| seen += 1).unwrap();
    eprintln!(
        "for_each_entry streamed {seen} rows in {:.2} s",
        t.elapsed().as_secs_f64()
    );
    assert_eq!(seen, inserted);
}
