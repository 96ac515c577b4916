//! The scan: sheets grouped in key order without notes, account ranges, the evaluator filter,
//! query plans without a temporary B-tree, and damaged rows read as errors.

use crate::domain::account::Account;
use crate::domain::entry::Entry;
use crate::domain::platform::{Level, Platform};
use crate::storage::{NewRound, Round, Store};

/// An in-memory store with accounts of these names and a round over them.
fn store_with(names: &[&str]) -> (Store, Vec<i64>, Round) {
    let mut s = Store::open_in_memory().unwrap();
    let accounts: Vec<Account> = names
        .iter()
        .map(|n| Account {
            id: 0,
            platform: Platform::WeChat,
            platform_label: "微信公众号".into(),
            name: (*n).into(),
            unit: "单位".into(),
            level: Level::County,
            region: "省/市/县".into(),
            domain: String::new(),
            status: String::new(),
            opened: None,
        })
        .collect();
    let ids = s.insert_accounts(&accounts).unwrap();
    let round = s
        .create_round(&NewRound {
            name: "R".into(),
            rubric_id: "x".into(),
            rubric_version: "1".into(),
            rubric_text: "Rubric()".into(),
            monitoring_date: chrono::NaiveDate::from_ymd_opt(2024, 1, 1).unwrap(),
            scope: Default::default(),
        })
        .unwrap();
    (s, ids, round)
}

#[test]
fn sheets_group_by_account_and_evaluator_without_notes() {
    let (mut s, ids, round) = store_with(&["甲", "乙"]);
    let e = |i: &str, v: f64| Entry {
        value: Some(v),
        note: "说明".into(),
        ..Entry::new(i)
    };
    s.set_entry(round.id, ids[1], "王", &e("a", 1.0)).unwrap();
    s.set_entry(round.id, ids[0], "王", &e("b", 2.0)).unwrap();
    s.set_entry(round.id, ids[0], "王", &e("a", 3.0)).unwrap();
    s.set_entry(round.id, ids[0], "李", &e("a", 4.0)).unwrap();
    let mut seen = Vec::new();
    s.for_each_sheet(round.id, &mut |a, ev, sheet| {
        let vals: Vec<(String, f64)> = sheet
            .iter()
            .map(|x| (x.indicator.clone(), x.value.unwrap_or(-1.0)))
            .collect();
        assert!(sheet.iter().all(|x| x.note.is_empty()));
        seen.push((a, ev, vals));
    })
    .unwrap();
    assert_eq!(seen.len(), 3);
    assert_eq!(seen[0].0, ids[0]);
    assert_eq!(seen[0].2, vec![("a".into(), 3.0), ("b".into(), 2.0)]);
    assert_eq!(seen[1].2, vec![("a".to_string(), 4.0)]);
    assert_eq!(seen[2].0, ids[1]);
    let mut li = Vec::new();
    s.for_each_sheet_of(round.id, "李", &mut |a, sheet| li.push((a, sheet.len())))
        .unwrap();
    assert_eq!(li, vec![(ids[0], 1)]);
    s.for_each_sheet_of(round.id, "无名", &mut |_, _| panic!("no sheets"))
        .unwrap();
    let mut first = Vec::new();
    s.try_for_each_sheet_of(round.id, "王", &mut |a, _| {
        first.push(a);
        false
    })
    .unwrap();
    assert_eq!(first, vec![ids[0]], "stops after the first sheet");
}

#[test]
fn scans_follow_the_key_without_sorting() {
    let s = Store::open_in_memory().unwrap();
    for (sql, params) in [
        (super::SCAN_ALL, &[1, 1][..]),
        (super::SCAN_ONE, &[1, 1, 1]),
    ] {
        let mut stmt = s
            .conn
            .prepare(&format!("EXPLAIN QUERY PLAN {sql}"))
            .unwrap();
        let plan: Vec<String> = stmt
            .query_map(rusqlite::params_from_iter(params), |r| {
                r.get::<_, String>(3)
            })
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        let plan = plan.join(" / ");
        assert!(plan.contains("PRIMARY KEY"), "{plan}");
        assert!(!plan.contains("TEMP B-TREE"), "{plan}");
    }
}

#[test]
fn a_range_scan_stops_at_its_last_account() {
    let (mut s, ids, round) = store_with(&["号0", "号1", "号2", "号3", "号4"]);
    for (n, id) in ids.iter().enumerate() {
        for ev in ["王", "李"] {
            s.set_entry(round.id, *id, ev, &Entry::new(format!("i{n}")))
                .unwrap();
        }
    }
    let mut seen = Vec::new();
    s.for_each_sheet_in(round.id, ids[1]..=ids[3], &mut |a, _, sheet| {
        seen.push((a, sheet[0].indicator.clone()));
    })
    .unwrap();
    let want: Vec<(i64, String)> = (1..=3)
        .flat_map(|n| [(ids[n], format!("i{n}")), (ids[n], format!("i{n}"))])
        .collect();
    assert_eq!(seen, want);
    let mut one = Vec::new();
    s.for_each_sheet_of(round.id, "李", &mut |a, sheet| one.push((a, sheet.len())))
        .unwrap();
    assert_eq!(one, ids.iter().map(|&a| (a, 1)).collect::<Vec<_>>());
}

#[test]
fn a_damaged_entry_row_is_an_error_naming_its_column() {
    let (mut s, ids, round) = store_with(&["甲"]);
    s.set_entry(round.id, ids[0], "王", &Entry::new("a"))
        .unwrap();
    // Values SQLite stores although no command of ours writes them.
    // (change, column name, column index): type errors name the column, conversion errors
    // (bad UTF-8, a count out of range) give its index, as rusqlite's `Row::get` does.
    for (set, column, index) in [
        ("indicator = x'ff'", "\"indicator\"", "(2,"),
        ("indicator = CAST(x'ff' AS TEXT)", "\"indicator\"", "(2,"),
        ("value = 'high'", "\"value\"", "(3,"),
        ("count = -1", "\"count\"", "(4,"),
        ("count = 4294967296", "\"count\"", "(4,"),
        ("veto = x'00'", "\"veto\"", "(5,"),
        ("na = 'yes'", "\"na\"", "(6,"),
    ] {
        let sp = s.conn.unchecked_transaction().unwrap();
        sp.execute(&format!("UPDATE entries SET {set}"), [])
            .unwrap();
        let err = s
            .for_each_sheet(round.id, &mut |_, _, _| {
                panic!("no sheet from a damaged row")
            })
            .expect_err(set);
        let text = format!("{err:?}");
        assert!(text.contains(index), "{set}: {text}");
        if !text.contains("Utf8") && !text.contains("OutOfRange") {
            assert!(text.contains(column), "{set}: {text}");
        }
        drop(sp);
    }
    let mut n = 0;
    s.for_each_sheet(round.id, &mut |_, _, sheet| n += sheet.len())
        .unwrap();
    assert_eq!(n, 1, "rolled back: the row reads again");
}
