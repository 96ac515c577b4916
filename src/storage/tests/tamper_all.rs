//! Every kind of hand edit of a table behind a published figure (issue 19 §2), made the way a
//! careful insider would with the sqlite3 shell: the guard triggers that refuse it are dropped
//! first and put back after, exactly as they were. Each must be named by `audit` (the kept
//! per-sheet results are checked by a recomputation in `report`, see tests/cli_trust_audit.rs).

use super::*;
use crate::domain::entry::Entry;
use crate::domain::ops::metrics::{Post, WeekMetric};

const RUBRIC: &str = r#"Rubric(id: "t", name: "检验", version: "1", total: 20, pass_mark: 12,
    grades: [("合格", 12), ("不合格", 0)],
    categories: [
        Category(id: "c", name: "内容", weight: 10, indicators: [Range(id: "x", name: "内容", max: 10, step: 1)]),
        Category(id: "d", name: "互动", weight: 10, indicators: [Range(id: "y", name: "互动", max: 10, step: 1)])])"#;

/// A round with edits, a bulk batch, a submission, a whole panel, a key, automatic entries,
/// two weeks of metrics and the kept operations index: clean before any tampering.
fn fixture() -> Store {
    let mut s = Store::open_in_memory().unwrap();
    s.insert_accounts(&sample()).unwrap();
    let r = s
        .create_round(&NewRound {
            name: "R".into(),
            rubric_id: "t".into(),
            rubric_version: "1".into(),
            rubric_text: RUBRIC.into(),
            monitoring_date: NaiveDate::from_ymd_opt(2024, 12, 15).unwrap(),
            scope: AccountFilter::default(),
        })
        .unwrap();
    let ids: Vec<i64> = s
        .round_accounts(r.id)
        .unwrap()
        .iter()
        .map(|a| a.id)
        .collect();
    let e = |ind: &str, v: f64| Entry {
        value: Some(v),
        ..Entry::new(ind)
    };
    s.set_entry(r.id, ids[0], "张三", &e("x", 8.0)).unwrap();
    s.set_entry(r.id, ids[0], "张三", &e("x", 9.0)).unwrap();
    s.set_entry(r.id, ids[0], "张三", &e("y", 7.0)).unwrap();
    s.set_submission(r.id, ids[0], "张三", Submission::Submitted)
        .unwrap();
    let bulk = s.evaluator_id("李四").unwrap();
    let mut rows = ids[1..].iter().map(|&id| (id, bulk, e("x", 5.0)));
    s.bulk_entries(r.id, &mut rows).unwrap();
    s.set_member(
        r.id,
        &Member {
            name: "张三".into(),
            role: "evaluator".into(),
            affiliation: String::new(),
        },
    )
    .unwrap();
    s.replace_assignments(r.id, &[(ids[0], "张三".into()), (ids[1], "张三".into())])
        .unwrap();
    s.configure_panel(
        r.id,
        &PanelConfig {
            policy: Some(crate::domain::panel::PanelPolicy::default()),
            category: Some(("c".into(), Some(crate::domain::panel::Method::Median))),
            calibration: Some(true),
        },
    )
    .unwrap();
    s.give_panel_key(
        r.id,
        "张三",
        &PanelKey {
            public: Some("ab".repeat(32)),
            fingerprint: "abcd abcd abcd abcd abcd abcd abcd abcd".into(),
            source: "merge".into(),
            sequence: 4,
        },
    )
    .unwrap();
    s.place_auto(
        r.id,
        &[AutoRecord {
            account_id: ids[2],
            evaluator: "张三".into(),
            indicator: "y".into(),
            rule: "dormant".into(),
            entry: e("y", 0.0),
            evidence: r#"{"weeks":2}"#.into(),
        }],
        Reopen::No,
    )
    .unwrap();
    let t = |d: u32, h: u32| {
        NaiveDate::from_ymd_opt(2024, 12, d)
            .unwrap()
            .and_hms_opt(h, 0, 0)
            .unwrap()
    };
    let mut posts = [(ids[0], t(2, 9)), (ids[0], t(4, 9)), (ids[1], t(10, 9))]
        .into_iter()
        .map(|(account_id, published)| Post {
            account_id,
            published,
            headline: true,
            reads: 1200,
            reads_capped: false,
            likes: 30,
            wow: Some(4),
            shares: 5,
            comments: 2,
        });
    s.bulk_posts(&mut posts).unwrap();
    let mut weeks =
        [(ids[0], 2u32), (ids[1], 2), (ids[0], 9)]
            .into_iter()
            .map(|(account_id, d)| WeekMetric {
                account_id,
                week: NaiveDate::from_ymd_opt(2024, 12, d).unwrap(),
                followers: 5000,
                messages: 6,
                replies: 5,
                posts: None,
                reads: None,
                likes: None,
                comments: None,
                reply_hours: None,
            });
    s.bulk_weeks(&mut weeks).unwrap();
    s.refresh_ops_index().unwrap();
    assert_eq!(
        s.audit(None).unwrap().findings,
        vec![],
        "clean before tampering"
    );
    s
}

/// Runs `sql` as the sqlite3 shell would (foreign keys off, its default), after dropping the
/// triggers that refuse it, and puts them back exactly as they were.
fn hand(s: &Store, sql: &str) {
    let guards: Vec<(String, String)> = {
        let mut st = s
            .conn
            .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND lower(sql) LIKE '%raise%'")
            .unwrap();
        let rows = st.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).unwrap();
        rows.map(Result::unwrap).collect()
    };
    for (name, _) in &guards {
        s.conn
            .execute_batch(&format!("DROP TRIGGER \"{name}\";"))
            .unwrap();
    }
    s.conn.execute_batch("PRAGMA foreign_keys = OFF;").unwrap();
    s.conn
        .execute_batch(sql)
        .unwrap_or_else(|e| panic!("{sql}: {e}"));
    s.conn.execute_batch("PRAGMA foreign_keys = ON;").unwrap();
    for (_, sql) in &guards {
        s.conn.execute_batch(sql).unwrap();
    }
}

/// Every tampering kind: (what, SQL).
const KINDS: &[(&str, &str)] = &[
    (
        "an entry's value",
        "UPDATE entries SET value = 0 WHERE indicator = 'x' AND evaluator_id = 1;",
    ),
    (
        "an entry deleted",
        "DELETE FROM entries WHERE indicator = 'y';",
    ),
    (
        "an entry inserted",
        "INSERT INTO entries (round_id, account_id, evaluator_id, indicator, value, updated_at) VALUES (1, 1, 1, 'z', 3, 'x');",
    ),
    (
        "a bulk-loaded entry",
        "UPDATE entries SET value = 9 WHERE evaluator_id = 2 AND account_id = 2;",
    ),
    (
        "a history row edited",
        "UPDATE history SET new = replace(new, '9.0', '3.0') WHERE id = 2;",
    ),
    (
        "a history row replaced",
        "INSERT OR REPLACE INTO history (id, round_id, account_id, evaluator_id, indicator, old, new, at, hash) SELECT id, round_id, account_id, evaluator_id, indicator, NULL, new, at, hash FROM history WHERE id = 2;",
    ),
    (
        "a history row inserted",
        "INSERT INTO history (id, round_id, account_id, evaluator_id, indicator, old, new, at, hash) VALUES (100, 1, 1, 1, 'x', NULL, NULL, '2024', 'forged');",
    ),
    ("a history row deleted", "DELETE FROM history WHERE id = 2;"),
    (
        "the last history row deleted",
        "DELETE FROM history WHERE id = (SELECT max(id) FROM history);",
    ),
    ("the history heads removed", "DELETE FROM history_heads;"),
    (
        "the whole history removed",
        "DELETE FROM history; DELETE FROM history_heads;",
    ),
    (
        "a submission state",
        "UPDATE submissions SET state = 'draft';",
    ),
    (
        "a submission inserted",
        "INSERT INTO submissions VALUES (1, 2, 2, 'submitted', 'x');",
    ),
    (
        "the pinned rubric text",
        "UPDATE rounds SET rubric_text = replace(rubric_text, 'pass_mark: 12', 'pass_mark: 16');",
    ),
    (
        "the pinned rubric with its hash recomputed",
        "UPDATE rounds SET rubric_text = 'Rubric()', rubric_hash = '9f0b7fd8c1c2a1cb52ef8d5ba1a7a1f5e3b6c7d8e9f0a1b2c3d4e5f6a7b8c9d0';",
    ),
    (
        "the monitoring date",
        "UPDATE rounds SET monitoring_date = '2024-12-31';",
    ),
    ("a round renamed", "UPDATE rounds SET name = '另一轮';"),
    (
        "an account removed from the round",
        "DELETE FROM round_accounts WHERE account_id = (SELECT max(account_id) FROM round_accounts);",
    ),
    (
        "an account's level",
        "UPDATE accounts SET level = 'province' WHERE id = 1;",
    ),
    (
        "an account's platform",
        "UPDATE accounts SET platform = 'app' WHERE id = 2;",
    ),
    (
        "an account retired",
        "INSERT INTO account_retirements VALUES (3, 'x');",
    ),
    (
        "two evaluators' names swapped",
        "UPDATE evaluators SET name = '~' WHERE name = '张三'; UPDATE evaluators SET name = '张三' WHERE name = '李四'; UPDATE evaluators SET name = '李四' WHERE name = '~';",
    ),
    (
        "the panel's method",
        "UPDATE panel_settings SET method = 'trimmed', quorum = 3;",
    ),
    (
        "a category's method",
        "UPDATE panel_category_methods SET method = 'mean';",
    ),
    (
        "a panel member's role",
        "UPDATE panel_members SET role = 'chair';",
    ),
    (
        "an assignment deleted",
        "DELETE FROM assignments WHERE account_id = 2;",
    ),
    ("the calibration mark", "DELETE FROM calibration_rounds;"),
    (
        "an evaluator's key",
        "UPDATE panel_keys SET public_key = 'cd' || substr(public_key, 3), fingerprint = 'f00d';",
    ),
    (
        "an automatic entry's evidence",
        "UPDATE auto_entries SET evidence = '{\"weeks\":0}';",
    ),
    (
        "a post's reads",
        "UPDATE metric_posts SET reads = 99999 WHERE id = 1;",
    ),
    ("a post deleted", "DELETE FROM metric_posts WHERE id = 3;"),
    (
        "a week's followers",
        "UPDATE metric_weeks SET followers = 1;",
    ),
    (
        "a post aggregate",
        "UPDATE metric_post_weeks SET reads = 1;",
    ),
    (
        "the kept operations index",
        "UPDATE ops_week_index SET data = zeroblob(length(data));",
    ),
    (
        "the kept index formula",
        "UPDATE ops_index_formulas SET definition = replace(definition, '0.', '9.'), hash = 'x';",
    ),
    (
        "a ledger record edited",
        "UPDATE ledger SET digest = '00' WHERE id = 1;",
    ),
    (
        "the last ledger record deleted",
        "DELETE FROM ledger WHERE id = (SELECT max(id) FROM ledger);",
    ),
    (
        "a trigger replaced by another body",
        "DROP TRIGGER entries_stale_update; CREATE TRIGGER entries_stale_update AFTER UPDATE ON entries BEGIN SELECT 1; END;",
    ),
    ("a trigger dropped", "DROP TRIGGER entries_stale_insert;"),
    (
        "a trigger added",
        "CREATE TRIGGER sneaky AFTER INSERT ON entries BEGIN UPDATE entries SET value = 0 WHERE rowid = NEW.rowid; END;",
    ),
];

#[test]
fn every_kind_of_hand_edit_is_named_by_the_audit() {
    // The editor's own steps (guards dropped and put back) leave nothing to name.
    let s = fixture();
    hand(&s, "SELECT 1;");
    assert_eq!(s.audit(None).unwrap().findings, vec![]);
    let mut missed = Vec::new();
    for (what, sql) in KINDS {
        let s = fixture();
        hand(&s, sql);
        let findings = s.audit(None).unwrap().findings;
        if findings.is_empty() {
            missed.push(*what);
        }
    }
    assert!(missed.is_empty(), "not caught: {missed:?}");
    assert!(KINDS.len() >= 31, "{} kinds", KINDS.len());
}

#[test]
fn the_rewritten_pinned_rubric_is_named_with_both_hashes() {
    let s = fixture();
    let text = RUBRIC.replace("pass_mark: 12", "pass_mark: 16");
    let hash = crate::storage::rounds::sha256_hex(&text);
    hand(
        &s,
        &format!(
            "UPDATE rounds SET rubric_text = '{}', rubric_hash = '{hash}';",
            text.replace('\'', "''")
        ),
    );
    let findings = s.audit(None).unwrap().findings;
    assert!(
        findings
            .iter()
            .any(|f| matches!(f, Finding::RubricPinned { round: 1, found, .. } if *found == hash)),
        "{findings:?}"
    );
}

#[test]
fn the_programs_own_writes_keep_the_ledger_clean() {
    let mut s = fixture();
    s.rename_round(1, "新名").unwrap();
    s.retire_account(3).unwrap();
    s.set_calibration(1, false).unwrap();
    s.rename_account(1, "改名").unwrap();
    s.set_member(
        1,
        &Member {
            name: "王五".into(),
            role: "chair".into(),
            affiliation: String::new(),
        },
    )
    .unwrap();
    assert_eq!(s.audit(None).unwrap().findings, vec![]);
}
