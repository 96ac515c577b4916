//! The tamper-evident history: edits behind the tool's back, on entries and on history rows,
//! are each caught by `audit` with the row or entry named; the guards refuse REPLACE and
//! backdated rows; a changed pinned rubric is refused.

use super::*;
use crate::storage::Finding;

/// A round with one edited entry (two history rows) on account 1 and a bulk batch on the others.
fn edited() -> (Store, Round, i64) {
    let (mut s, r) = store_with_round();
    let accounts: Vec<i64> = s
        .round_accounts(r.id)
        .unwrap()
        .iter()
        .map(|a| a.id)
        .collect();
    let a = accounts[0];
    s.set_entry(
        r.id,
        a,
        "张三",
        &Entry {
            value: Some(1.0),
            ..Entry::new("i1")
        },
    )
    .unwrap();
    s.set_entry(
        r.id,
        a,
        "张三",
        &Entry {
            value: Some(2.0),
            note: "复核".into(),
            ..Entry::new("i1")
        },
    )
    .unwrap();
    s.set_entry(
        r.id,
        a,
        "张三",
        &Entry {
            count: Some(3),
            ..Entry::new("i2")
        },
    )
    .unwrap();
    let ev = s.evaluator_id("gen").unwrap();
    let mut rows = accounts[1..].iter().map(|&id| {
        (
            id,
            ev,
            Entry {
                value: Some(0.5),
                ..Entry::new("i1")
            },
        )
    });
    s.bulk_entries(r.id, &mut rows).unwrap();
    assert_eq!(
        s.audit(None).unwrap().findings,
        vec![],
        "clean before tampering"
    );
    (s, r, a)
}

fn first(s: &Store) -> Finding {
    let audit = s.audit(None).unwrap();
    audit
        .findings
        .first()
        .cloned()
        .expect("the tampering must be caught")
}

const UNGUARD: &str = "DROP TRIGGER history_no_update; DROP TRIGGER history_no_delete; DROP TRIGGER history_append_only;";

#[test]
fn a_clean_round_passes_and_reports_its_head() {
    let (s, r, _) = edited();
    let audit = s.audit(Some(r.id)).unwrap();
    assert_eq!(audit.rounds.len(), 1);
    assert_eq!(audit.rounds[0].history_rows, 4);
    assert_eq!(audit.rounds[0].head.len(), 64);
    // Clearing and re-setting keeps it clean; a bulk value later edited is still explained.
    let mut s = s;
    let acc = s.round_accounts(r.id).unwrap()[1].id;
    s.set_entry(
        r.id,
        acc,
        "gen",
        &Entry {
            value: Some(0.9),
            ..Entry::new("i1")
        },
    )
    .unwrap();
    s.clear_entry(r.id, acc, "gen", "i1").unwrap();
    s.set_submission(r.id, acc, "gen", Submission::Submitted)
        .unwrap();
    assert_eq!(s.audit(None).unwrap().findings, vec![]);
}

#[test]
fn an_entry_changed_behind_the_tools_back_is_named() {
    let (s, r, a) = edited();
    s.conn
        .execute(
            "UPDATE entries SET value = 9 WHERE account_id = ?1 AND indicator = 'i1'",
            [a],
        )
        .unwrap();
    match first(&s) {
        Finding::Entry {
            round,
            account,
            evaluator,
            indicator,
            last_row,
            missing: false,
        } => {
            assert_eq!(
                (
                    round,
                    account,
                    evaluator.as_str(),
                    indicator.as_str(),
                    last_row
                ),
                (r.id, a, "张三", "i1", 2)
            );
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn an_entry_deleted_or_added_behind_the_tools_back_is_caught() {
    let (s, _, a) = edited();
    s.conn
        .execute(
            "DELETE FROM entries WHERE account_id = ?1 AND indicator = 'i2'",
            [a],
        )
        .unwrap();
    assert!(
        matches!(
            first(&s),
            Finding::Entry {
                missing: true,
                last_row: 3,
                ..
            }
        ),
        "{:?}",
        first(&s)
    );
    let (s, r, a) = edited();
    s.conn
        .execute(
            "INSERT INTO entries (round_id, account_id, evaluator_id, indicator, value, updated_at) VALUES (?1, ?2, 1, 'i9', 1, 'x')",
            [r.id, a],
        )
        .unwrap();
    assert!(matches!(first(&s), Finding::Bulk { .. }), "{:?}", first(&s));
}

#[test]
fn a_bulk_loaded_entry_changed_behind_the_tools_back_names_its_batch() {
    let (s, _, _) = edited();
    s.conn.execute("UPDATE entries SET value = 0.75 WHERE value = 0.5 AND account_id = (SELECT max(account_id) FROM entries)", []).unwrap();
    match first(&s) {
        Finding::Bulk {
            batch_rows,
            loaded,
            found,
            ..
        } => {
            assert_eq!(batch_rows, vec![4]);
            assert_eq!(loaded, found);
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn the_guards_refuse_update_delete_replace_and_backdating() {
    let (s, _, _) = edited();
    for sql in [
        "UPDATE history SET new = NULL WHERE id = 1",
        "DELETE FROM history WHERE id = 1",
        "INSERT OR REPLACE INTO history (id, round_id, account_id, evaluator_id, indicator, at) VALUES (1, 1, 1, 1, 'i1', 'x')",
        "INSERT INTO history (round_id, account_id, evaluator_id, indicator, at) VALUES (1, 1, 1, 'i1', 'x')",
        "INSERT INTO history (id, round_id, account_id, evaluator_id, indicator, at) VALUES (0, 1, 1, 1, 'i1', 'x')",
    ] {
        let err = s.conn.execute(sql, []).unwrap_err().to_string();
        assert!(err.contains("append-only"), "{sql}: {err}");
    }
    assert_eq!(s.audit(None).unwrap().findings, vec![]);
}

#[test]
fn an_edited_history_row_is_named() {
    let (s, r, _) = edited();
    s.conn.execute_batch(UNGUARD).unwrap();
    s.conn
        .execute(
            "UPDATE history SET new = replace(new, '2.0', '3.0') WHERE id = 2",
            [],
        )
        .unwrap();
    assert_eq!(first(&s), Finding::RowHash { round: r.id, id: 2 });
}

#[test]
fn a_replaced_history_row_is_named() {
    let (s, r, _) = edited();
    s.conn.execute_batch(UNGUARD).unwrap();
    s.conn
        .execute(
            "INSERT OR REPLACE INTO history (id, round_id, account_id, evaluator_id, indicator, old, new, at, hash)
             SELECT id, round_id, account_id, evaluator_id, indicator, NULL, new, at, hash FROM history WHERE id = 2",
            [],
        )
        .unwrap();
    assert_eq!(first(&s), Finding::RowHash { round: r.id, id: 2 });
}

#[test]
fn an_inserted_history_row_is_named() {
    let (s, r, a) = edited();
    s.conn.execute_batch(UNGUARD).unwrap();
    s.conn
        .execute(
            "INSERT INTO history (id, round_id, account_id, evaluator_id, indicator, old, new, at, hash)
             VALUES (100, ?1, ?2, 1, 'i1', NULL, NULL, '2024-01-01T00:00:00Z', 'forged')",
            [r.id, a],
        )
        .unwrap();
    assert_eq!(
        first(&s),
        Finding::RowHash {
            round: r.id,
            id: 100
        }
    );
}

#[test]
fn deleted_history_rows_are_seen_in_the_middle_and_at_the_end() {
    let (s, r, _) = edited();
    s.conn.execute_batch(UNGUARD).unwrap();
    s.conn
        .execute("DELETE FROM history WHERE id = 2", [])
        .unwrap();
    assert_eq!(first(&s), Finding::RowHash { round: r.id, id: 3 });
    let (s, r, _) = edited();
    s.conn.execute_batch(UNGUARD).unwrap();
    s.conn
        .execute("DELETE FROM history WHERE id = 4", [])
        .unwrap();
    assert_eq!(
        first(&s),
        Finding::Head {
            round: r.id,
            recorded: Some((4, 4)),
            found: Some((3, 3))
        }
    );
}

#[test]
fn a_changed_pinned_rubric_is_refused_and_reported() {
    let (s, r, _) = edited();
    s.conn
        .execute(
            "UPDATE rounds SET rubric_text = rubric_text || ' ' WHERE id = ?1",
            [r.id],
        )
        .unwrap();
    let err = s.round(&r.id.to_string()).unwrap_err();
    assert!(matches!(err, StoreError::RubricChanged { .. }), "{err}");
    assert!(err.to_string().contains("2024Q4"), "{err}");
    assert!(s.round("2024Q4").is_err());
    assert_eq!(first(&s), Finding::RubricHash { round: r.id });
}

#[test]
fn update_entry_reads_and_writes_in_one_transaction() {
    let (mut s, r, a) = edited();
    let mut seen = None;
    s.update_entry(r.id, a, "张三", "i1", &mut |old| {
        seen = old.map(|e| e.note.clone());
        Ok(Entry {
            value: Some(1.5),
            note: old.map(|e| e.note.clone()).unwrap_or_default(),
            ..Entry::new("i1")
        })
    })
    .unwrap();
    assert_eq!(seen.as_deref(), Some("复核"));
    let e = s.entries(r.id, a, Some("张三")).unwrap();
    assert_eq!(e[0].entry.note, "复核");
    // A refusal writes nothing.
    let err = s
        .update_entry(r.id, a, "张三", "i1", &mut |_| {
            Err(StoreError::Invalid("no".into()))
        })
        .unwrap_err();
    assert_eq!(err.to_string(), "no");
    assert_eq!(s.history(r.id, None).unwrap().len(), 5);
    assert_eq!(s.audit(None).unwrap().findings, vec![]);
}

#[test]
fn a_database_from_before_the_chain_is_sealed_on_upgrade() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.db");
    let chain_at = MIGRATIONS
        .iter()
        .position(|m| m.sql == crate::storage::chain::MIGRATION_SQL)
        .unwrap();
    {
        let c = rusqlite::Connection::open(&path).unwrap();
        for m in &MIGRATIONS[..chain_at] {
            c.execute_batch(m.sql).unwrap();
        }
        c.pragma_update(None, "user_version", chain_at as i64)
            .unwrap();
        let edited = Entry {
            value: Some(2.0),
            note: "旧".into(),
            ..Entry::new("i1")
        };
        let json = crate::storage::scores::entry_json(&edited);
        let text = "(id: \"x\")";
        c.execute_batch(&format!(
            "INSERT INTO accounts (id, platform, platform_label, name, level) VALUES (1, 'wechat', '微信', '甲', 'county'), (2, 'wechat', '微信', '乙', 'county');
             INSERT INTO rounds VALUES (1, 'R', 'x', '1', '{text}', '{}', '2024-12-01', '{{}}', 'now');
             INSERT INTO round_accounts VALUES (1, 1), (1, 2);
             INSERT INTO evaluators VALUES (1, '张三');
             INSERT INTO entries (round_id, account_id, evaluator_id, indicator, value, note, updated_at) VALUES (1, 1, 1, 'i1', 2.0, '旧', 'now');
             INSERT INTO entries (round_id, account_id, evaluator_id, indicator, count, updated_at) VALUES (1, 2, 1, 'i2', 3, 'now');
             INSERT INTO history (round_id, account_id, evaluator_id, indicator, old, new, at) VALUES (1, 1, 1, 'i1', NULL, '{json}', 'now');",
            crate::storage::rounds::sha256_hex(text)
        ))
        .unwrap();
    }
    let s = Store::open(&path).unwrap();
    let audit = s.audit(None).unwrap();
    assert_eq!(audit.findings, vec![]);
    let h = s.history(1, None).unwrap();
    assert_eq!(h.len(), 2, "the edit and one baseline batch: {h:?}");
    assert_eq!(h[1].indicator, BULK_INDICATOR);
    s.conn
        .execute("UPDATE entries SET count = 4 WHERE account_id = 2", [])
        .unwrap();
    assert!(matches!(first(&s), Finding::Bulk { .. }));
}

#[test]
fn a_removed_head_or_a_whole_removed_history_is_caught() {
    let (s, r, _) = edited();
    s.conn.execute("DELETE FROM history_heads", []).unwrap();
    assert_eq!(
        first(&s),
        Finding::Head {
            round: r.id,
            recorded: None,
            found: Some((4, 4))
        }
    );
    let (s, r, a) = edited();
    s.conn.execute_batch(UNGUARD).unwrap();
    s.conn
        .execute_batch("DELETE FROM history; DELETE FROM history_heads;")
        .unwrap();
    let audit = s.audit(None).unwrap();
    // With no history at all, every entry is unexplained: the bulk check names the round.
    assert!(
        audit.findings.iter().any(|f| matches!(f, Finding::Bulk { round, batch_rows, .. } if *round == r.id && batch_rows.is_empty())),
        "{:?} (account {a})",
        audit.findings
    );
}

#[test]
fn a_submission_changed_behind_the_tools_back_is_named() {
    let (mut s, r, a) = edited();
    s.set_submission(r.id, a, "张三", Submission::Submitted)
        .unwrap();
    assert_eq!(s.audit(None).unwrap().findings, vec![]);
    s.conn
        .execute("UPDATE submissions SET state = 'draft'", [])
        .unwrap();
    assert!(
        matches!(
            first(&s),
            Finding::Submission {
                last_row: Some(5),
                ..
            }
        ),
        "{:?}",
        first(&s)
    );
}
