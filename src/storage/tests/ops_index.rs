//! The weekly index values kept per account and week give the same report as the metrics they
//! come from, stay fresh through every kind of write, and are recomputed when stale.

use chrono::{Duration, NaiveDate, Weekday};

use crate::domain::ops::activity::ActivityRules;
use crate::domain::ops::formula::{self, Formula};
use crate::domain::ops::report::{GroupBy, OpsReport};
use crate::storage::Store;
use crate::storage::ops_scan::OpsQuery;

fn gov_ops() -> Vec<Formula> {
    formula::shipped()
        .into_iter()
        .filter(|f| f.id == "gov-ops")
        .collect()
}

fn stale(s: &Store) -> i64 {
    s.conn
        .query_row("SELECT count(*) FROM ops_index_stale", [], |r| r.get(0))
        .unwrap()
}

fn kept_rows(s: &Store) -> i64 {
    s.conn
        .query_row(
            "SELECT coalesce(sum(accounts), 0) FROM ops_week_index",
            [],
            |r| r.get(0),
        )
        .unwrap()
}

/// Round 2's report over `weeks` weeks before its monitoring date (a cut-short last week), as
/// JSON with the weekly series.
fn report(s: &Store, by: GroupBy, weeks: i64) -> String {
    report_split(s, by, weeks, usize::MAX)
}

/// [`report`] with the later half on a second connection from `parallel_rows` account-weeks.
fn report_split(s: &Store, by: GroupBy, weeks: i64, parallel_rows: usize) -> String {
    let round = s.round("2").unwrap();
    let accounts = s.round_accounts(round.id).unwrap();
    let formulas = gov_ops();
    let rules = ActivityRules::default();
    let to = round.monitoring_date;
    let from = crate::domain::ops::week::week_start(to - Duration::weeks(weeks), Weekday::Mon);
    let q = OpsQuery {
        roster: std::sync::Arc::new(crate::domain::ops::roster::Roster::of(&accounts, by)),
        formulas: &formulas,
        rules: &rules,
        from,
        to,
        first: Weekday::Mon,
        series: true,
    };
    let r: OpsReport = s.ops_table_split(&q, parallel_rows).unwrap().into_report();
    let series: Vec<_> = r.accounts.iter().map(|a| a.series.clone()).collect();
    format!("{}{:?}", serde_json::to_string(&r).unwrap(), series)
}

/// Marks every (week, account) stale without recomputing: the report reads the metrics.
fn mark_all_stale(s: &Store) {
    s.conn
        .execute_batch(
            "INSERT OR IGNORE INTO ops_index_stale
             SELECT date(week, 'weekday 0', '-6 days'), account_id FROM metric_weeks
             UNION SELECT week, account_id FROM metric_post_weeks",
        )
        .unwrap();
}

#[test]
fn kept_values_give_the_report_the_metrics_give() {
    let mut s = Store::open_in_memory().unwrap();
    super::city::load(&mut s);
    // The city is imported through the metrics importer, which refreshes in its
    // transaction: nothing is stale and every (account, week) with figures is kept.
    assert_eq!(stale(&s), 0);
    assert!(kept_rows(&s) > 2_000, "{}", kept_rows(&s));
    for by in [GroupBy::All, GroupBy::Platform, GroupBy::City] {
        let kept = report(&s, by, 26);
        mark_all_stale(&s);
        assert!(stale(&s) > 2_000);
        let read = report(&s, by, 26);
        assert_eq!(kept, read, "{by:?}");
        assert!(s.refresh_ops_index().unwrap() > 2_000);
        assert_eq!(stale(&s), 0);
        assert_eq!(report(&s, by, 26), kept, "{by:?} after the refresh");
    }
    // The kept values are what the report reads when they are fresh: without each week's
    // first record, that account's weeks read as empty.
    let kept = report(&s, GroupBy::All, 26);
    s.conn
        .execute_batch("UPDATE ops_week_index SET data = substr(data, 34)")
        .unwrap();
    assert_ne!(report(&s, GroupBy::All, 26), kept);
    // A row that is not whole records is read from the metrics instead.
    s.conn
        .execute_batch("UPDATE ops_week_index SET data = X'0102'")
        .unwrap();
    assert_eq!(report(&s, GroupBy::All, 26), kept);
    // A refresh rebuilds damaged weeks whole, even when only one account of them is stale.
    s.conn
        .execute_batch(
            "INSERT INTO ops_index_stale SELECT week, min(account_id) FROM metric_post_weeks
             WHERE week = (SELECT max(week) FROM metric_post_weeks)",
        )
        .unwrap();
    s.refresh_ops_index().unwrap();
    let damaged: i64 = s
        .conn
        .query_row(
            "SELECT count(*) FROM ops_week_index WHERE length(data) % 33 != 0",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!((damaged, stale(&s)), (0, 0));
    assert_eq!(report(&s, GroupBy::All, 26), kept);
    s.conn
        .execute_batch("UPDATE ops_week_index SET data = substr(data, 34)")
        .unwrap();
    assert_ne!(
        report(&s, GroupBy::All, 26),
        kept,
        "read from the rebuilt rows"
    );
}

#[test]
fn writes_that_bypass_the_importer_are_marked_and_read_from_the_metrics() {
    let mut s = Store::open_in_memory().unwrap();
    super::city::load(&mut s);
    let before = report(&s, GroupBy::All, 8);
    // A post, a changed weekly row and a weekly row dated on a Wednesday, written by hand.
    let (account, week): (i64, String) = s
        .conn
        .query_row(
            "SELECT account_id, max(week) FROM metric_weeks
             WHERE account_id = (SELECT min(account_id) FROM metric_weeks)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    let monday = NaiveDate::parse_from_str(&week, "%Y-%m-%d").unwrap();
    let wednesday = (monday - Duration::days(12)).to_string();
    s.conn
        .execute_batch(&format!(
            "INSERT INTO metric_posts (account_id, post_key, published_at, reads)
                 VALUES ({account}, 'by-hand', '{week} 09:00', 123456);
             UPDATE metric_weeks SET replies = replies + 40, followers = followers * 3
                 WHERE account_id = {account} AND week = '{week}';
             DELETE FROM metric_weeks WHERE account_id = {account} AND week = '{}';
             INSERT INTO metric_weeks (account_id, week, followers, messages, replies)
                 VALUES ({account}, '{wednesday}', 77, 5, 0);",
            monday - Duration::days(14)
        ))
        .unwrap();
    let stale_weeks: Vec<String> = s
        .conn
        .prepare("SELECT week FROM ops_index_stale ORDER BY week")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    // The Wednesday row and the deleted row belong to the same Monday week.
    let two_back = (monday - Duration::days(14)).to_string();
    assert_eq!(stale_weeks, vec![two_back, week.clone()]);
    let read = report(&s, GroupBy::All, 8);
    assert_ne!(read, before, "the hand-written figures change the report");
    mark_all_stale(&s);
    assert_eq!(report(&s, GroupBy::All, 8), read);
    s.refresh_ops_index().unwrap();
    assert_eq!(stale(&s), 0);
    assert_eq!(report(&s, GroupBy::All, 8), read, "kept after the refresh");
}

#[test]
fn a_changed_formula_definition_recomputes_every_kept_value() {
    let mut s = Store::open_in_memory().unwrap();
    super::city::load(&mut s);
    let want = report(&s, GroupBy::All, 26);
    // Kept values of another definition (an older release's gov-ops): all wrong.
    s.conn
        .execute_batch(
            "UPDATE ops_index_formulas SET hash = 'old';
             UPDATE ops_week_index SET data = substr(data, 34);",
        )
        .unwrap();
    // Not used for reading (the definition differs): the report reads the metrics.
    assert_eq!(report(&s, GroupBy::All, 26), want);
    let n = s.refresh_ops_index().unwrap();
    assert!(n > 2_000, "{n}");
    let ids: i64 = s
        .conn
        .query_row(
            "SELECT count(*) FROM ops_index_formulas WHERE hash != 'old'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(ids, 1);
    assert_eq!(report(&s, GroupBy::All, 26), want);
}

#[test]
fn the_later_half_on_a_second_connection_gives_the_same_report() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Store::create_or_open(&dir.path().join("d.db")).unwrap();
    super::city::load(&mut s);
    for weeks in [1, 2, 7, 26] {
        let one = report_split(&s, GroupBy::Platform, weeks, usize::MAX);
        let two = report_split(&s, GroupBy::Platform, weeks, 0);
        assert_eq!(one, two, "{weeks} weeks");
    }
}

#[test]
fn a_kept_row_deleted_by_hand_is_read_from_the_metrics_and_rebuilt() {
    let mut s = Store::open_in_memory().unwrap();
    super::city::load(&mut s);
    let want = report(&s, GroupBy::All, 26);
    s.conn
        .execute_batch(
            "DELETE FROM ops_week_index WHERE week = (SELECT min(week) FROM ops_week_index
                 WHERE week >= (SELECT date(monitoring_date, '-70 days') FROM rounds WHERE id = 2))",
        )
        .unwrap();
    assert!(stale(&s) > 100, "the whole week is stale: {}", stale(&s));
    assert_eq!(report(&s, GroupBy::All, 26), want);
    s.refresh_ops_index().unwrap();
    assert_eq!(stale(&s), 0);
    assert_eq!(report(&s, GroupBy::All, 26), want);
    // Read from the rebuilt rows, not the metrics: a record cut from each changes the report.
    s.conn
        .execute_batch("UPDATE ops_week_index SET data = substr(data, 34)")
        .unwrap();
    assert_ne!(report(&s, GroupBy::All, 26), want);
}

#[test]
fn the_index_is_fresh_only_when_nothing_waits_for_a_refresh() {
    let mut s = Store::open_in_memory().unwrap();
    super::city::load(&mut s);
    s.refresh_ops_index().unwrap();
    assert!(s.ops_index_fresh().unwrap());
    // A stale week, another definition kept, a damaged row: each wants the refresh.
    mark_all_stale(&s);
    assert!(!s.ops_index_fresh().unwrap());
    s.refresh_ops_index().unwrap();
    assert!(s.ops_index_fresh().unwrap());
    s.conn
        .execute_batch("UPDATE ops_index_formulas SET hash = 'old'")
        .unwrap();
    assert!(!s.ops_index_fresh().unwrap());
    s.refresh_ops_index().unwrap();
    assert!(s.ops_index_fresh().unwrap());
    s.conn
        .execute_batch(
            "UPDATE ops_week_index SET data = substr(data, 2)
             WHERE id = (SELECT min(id) FROM ops_week_index)",
        )
        .unwrap();
    assert!(!s.ops_index_fresh().unwrap());
    s.refresh_ops_index().unwrap();
    assert!(s.ops_index_fresh().unwrap());
}
