//! Kept sheet results: kept by every edit, caught by triggers when a write bypasses the store,
//! recomputed for another engine version.
use crate::domain::account::Account;
use crate::domain::entry::Entry;
use crate::domain::platform::{Level, Platform};
use crate::storage::{NewRound, Store};

const RUBRIC: &str = r#"Rubric(id: "k", name: "k", version: "1", total: 10, pass_mark: 6,
    categories: [Category(id: "c", name: "类", weight: 10, indicators: [
        Range(id: "a", name: "甲", max: 5),
        Check(id: "b", name: "乙", points: 5, admin_levels: [City]),
    ])])"#;

fn store() -> (Store, i64, i64) {
    let mut s = Store::open_in_memory().unwrap();
    let ids = s
        .insert_accounts(&[Account {
            id: 0,
            platform: Platform::WeChat,
            platform_label: String::new(),
            name: "号".into(),
            unit: String::new(),
            level: Level::County,
            region: String::new(),
            domain: String::new(),
            status: String::new(),
            opened: None,
        }])
        .unwrap();
    let r = s
        .create_round(&NewRound {
            name: "R".into(),
            rubric_id: "k".into(),
            rubric_version: "1".into(),
            rubric_text: RUBRIC.into(),
            monitoring_date: chrono::NaiveDate::from_ymd_opt(2024, 1, 1).unwrap(),
            scope: Default::default(),
        })
        .unwrap();
    let e = Entry {
        value: Some(4.0),
        ..Entry::new("a")
    };
    s.set_entry(r.id, ids[0], "甲", &e).unwrap();
    (s, r.id, ids[0])
}

fn points(s: &mut Store, round: i64) -> Vec<(f64, usize)> {
    s.kept_sheets(round)
        .unwrap()
        .into_iter()
        .map(|(_, _, _, f)| (f.points, f.applicable))
        .collect()
}

#[test]
fn an_edit_keeps_its_sheet_in_the_same_transaction() {
    let (mut s, round, _) = store();
    assert_eq!(s.stale_sheets(round).unwrap(), 0);
    // County: only "a" applies, 4 of 5 scaled to 10.
    assert_eq!(points(&mut s, round), vec![(8.0, 1)]);
}

#[test]
fn writes_that_bypass_the_store_are_caught_by_triggers() {
    let (mut s, round, account) = store();
    s.conn.execute("UPDATE entries SET value = 5", []).unwrap();
    assert_eq!(s.stale_sheets(round).unwrap(), 1);
    assert_eq!(points(&mut s, round), vec![(10.0, 1)]);
    assert_eq!(s.stale_sheets(round).unwrap(), 0);
    // A level corrected to City makes "b" apply: 5 of 10.
    s.conn
        .execute(
            "UPDATE accounts SET level = 'city' WHERE id = ?1",
            [account],
        )
        .unwrap();
    assert_eq!(points(&mut s, round), vec![(5.0, 2)]);
    s.conn.execute("DELETE FROM entries", []).unwrap();
    assert_eq!(points(&mut s, round), vec![]);
}

#[test]
fn rows_of_another_engine_version_are_recomputed() {
    let (mut s, round, _) = store();
    s.conn
        .execute("UPDATE sheet_results SET engine = 'old', points = 1", [])
        .unwrap();
    assert_eq!(points(&mut s, round), vec![(8.0, 1)]);
    let engine: String = s
        .conn
        .query_row("SELECT engine FROM sheet_results", [], |r| r.get(0))
        .unwrap();
    assert_eq!(engine, crate::domain::sheet_result::ENGINE_VERSION);
}

#[test]
fn round_progress_counts_completed_sheets_apart_from_submitted_ones() {
    let (mut s, round, account) = store();
    // The county account's one applicable item is scored: complete, not submitted.
    let p = &s.round_progress("甲").unwrap()[0];
    assert_eq!(
        (p.accounts, p.complete, p.submitted, p.done()),
        (1, 1, 0, 1)
    );
    s.set_submission(round, account, "甲", crate::storage::Submission::Submitted)
        .unwrap();
    let p = &s.round_progress("甲").unwrap()[0];
    assert_eq!((p.complete, p.submitted, p.done()), (0, 1, 1));
    // Another evaluator has done nothing.
    let p = &s.round_progress("乙").unwrap()[0];
    assert_eq!((p.complete, p.submitted, p.done()), (0, 0, 0));
}
