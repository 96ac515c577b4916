//! Tests of entries, history, submissions and the bulk loader.

use super::*;
use crate::storage::*;

#[test]
fn every_edit_writes_history() {
    let (mut s, r) = store_with_round();
    let a = s.find_account("丽水发布").unwrap().id;
    let mut e = Entry::new("update");
    e.value = Some(8.0);
    s.set_entry(r.id, a, "张三", &e).unwrap();
    e.value = Some(9.0);
    e.evidence = vec!["https://example.org/1".into()];
    s.set_entry(r.id, a, "张三", &e).unwrap();
    s.set_entry(r.id, a, "张三", &e).unwrap(); // unchanged: no new row
    s.clear_entry(r.id, a, "张三", "update").unwrap();
    s.set_submission(r.id, a, "张三", Submission::Submitted)
        .unwrap();
    let h = s.history(r.id, Some(a)).unwrap();
    assert_eq!(h.len(), 4);
    assert!(h[0].old.is_none() && h[0].new.as_deref().unwrap().contains("8.0"));
    assert!(
        h[1].old.as_deref().unwrap().contains("8.0")
            && h[1].new.as_deref().unwrap().contains("example.org")
    );
    assert!(h[2].old.is_some() && h[2].new.is_none());
    assert_eq!(h[3].indicator, SUBMISSION_INDICATOR);
    assert!(
        h.iter()
            .all(|x| x.evaluator == "张三" && x.at.ends_with('Z'))
    );
    assert!(s.entries(r.id, a, None).unwrap().is_empty());
    assert_eq!(
        s.submission(r.id, a, "张三").unwrap(),
        Submission::Submitted
    );
    assert_eq!(s.submission(r.id, a, "李四").unwrap(), Submission::Draft);
    // The history cannot be rewritten.
    assert!(s.conn.execute("DELETE FROM history", []).is_err());
}

#[test]
fn entries_round_trip_and_stream() {
    let (mut s, r) = store_with_round();
    let accounts = s.round_accounts(r.id).unwrap();
    let mut e = Entry::new("veto.silent");
    e.veto = Some("内容不更新".into());
    e.note = "两周未更新".into();
    s.set_entry(r.id, accounts[1].id, "李四", &e).unwrap();
    let mut c = Entry::new("ded.typo");
    c.count = Some(3);
    s.set_entry(r.id, accounts[0].id, "张三", &c).unwrap();
    s.set_entry(
        r.id,
        accounts[0].id,
        "李四",
        &Entry {
            na: true,
            ..Entry::new("ipv6")
        },
    )
    .unwrap();
    let got = s.entries(r.id, accounts[1].id, Some("李四")).unwrap();
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].entry, e);
    assert!(
        s.entries(r.id, accounts[1].id, Some("张三"))
            .unwrap()
            .is_empty()
    );
    let mut seen = Vec::new();
    s.for_each_entry(r.id, &mut |x| {
        seen.push((x.account_id, x.evaluator, x.entry.indicator))
    })
    .unwrap();
    let a0 = accounts[0].id;
    // Evaluators come in id order: 李四 was created first.
    assert_eq!(
        seen,
        [
            (a0, "李四".into(), "ipv6".into()),
            (a0, "张三".into(), "ded.typo".into()),
            (accounts[1].id, "李四".into(), "veto.silent".into()),
        ]
    );
    assert_eq!(s.round_evaluators(r.id).unwrap(), ["张三", "李四"]);
}

#[test]
fn edits_outside_the_round_are_refused() {
    let (mut s, r) = store_with_round();
    let err = s
        .set_entry(r.id, 999, "张三", &Entry::new("x"))
        .unwrap_err();
    assert!(err.to_string().contains("not in the scope"), "{err}");
    assert!(s.set_entry(r.id, 1, " ", &Entry::new("x")).is_err());
    assert!(s.history(r.id, None).unwrap().is_empty());
}

#[test]
fn bulk_entries_all_or_nothing() {
    let (mut s, r) = store_with_round();
    let ev = s.evaluator_id("gen").unwrap();
    let accounts: Vec<i64> = s
        .round_accounts(r.id)
        .unwrap()
        .iter()
        .map(|a| a.id)
        .collect();
    let mut rows = accounts.iter().flat_map(|&a| {
        (0..10).map(move |i| {
            (
                a,
                ev,
                Entry {
                    value: Some(f64::from(i)),
                    ..Entry::new(format!("i{i:02}"))
                },
            )
        })
    });
    assert_eq!(s.bulk_entries(r.id, &mut rows).unwrap(), 60);
    let mut n = 0;
    s.for_each_entry(r.id, &mut |_| n += 1).unwrap();
    assert_eq!(n, 60);
    // One chained row names the whole batch (count and digest), not one row per entry.
    let h = s.history(r.id, None).unwrap();
    assert_eq!(h.len(), 1, "{h:?}");
    assert_eq!(h[0].indicator, crate::storage::BULK_INDICATOR);
    assert!(
        h[0].new.as_deref().unwrap().contains("\"rows\":60"),
        "{h:?}"
    );
    let mut again = vec![
        (accounts[0], ev, Entry::new("new")),
        (accounts[0], ev, Entry::new("i00")),
    ]
    .into_iter();
    let err = s.bulk_entries(r.id, &mut again).unwrap_err().to_string();
    assert!(err.contains("row 2") && err.contains("duplicates"), "{err}");
    let mut outside = vec![(999, ev, Entry::new("z"))].into_iter();
    assert!(
        s.bulk_entries(r.id, &mut outside)
            .unwrap_err()
            .to_string()
            .contains("not in the round")
    );
    n = 0;
    s.for_each_entry(r.id, &mut |_| n += 1).unwrap();
    assert_eq!(n, 60);
}
