//! Tests of the submit lock: refused edits, reopening kept in the history.

use super::*;
use crate::storage::*;

#[test]
fn a_submitted_sheet_refuses_edits_until_reopened() {
    let (mut s, r) = store_with_round();
    let a = s.find_account("丽水发布").unwrap().id;
    let mut e = Entry::new("update");
    e.value = Some(8.0);
    s.set_entry(r.id, a, "张三", &e).unwrap();
    s.set_submission(r.id, a, "张三", Submission::Submitted)
        .unwrap();
    e.value = Some(9.0);
    let err = s.set_entry(r.id, a, "张三", &e).unwrap_err();
    assert!(matches!(err, StoreError::Submitted { .. }), "{err}");
    let err = s.clear_entry(r.id, a, "张三", "update").unwrap_err();
    assert!(matches!(err, StoreError::Submitted { .. }), "{err}");
    // Another evaluator's sheet of the same account is not locked.
    s.set_entry(r.id, a, "李四", &e).unwrap();
    // Nothing changed for 张三.
    assert_eq!(
        s.entries(r.id, a, Some("张三")).unwrap()[0].entry.value,
        Some(8.0)
    );
    s.set_entry_with(r.id, a, "张三", &e, Reopen::Yes).unwrap();
    assert_eq!(
        s.entries(r.id, a, Some("张三")).unwrap()[0].entry.value,
        Some(9.0)
    );
    assert!(!s.is_submitted(r.id, a, "张三").unwrap());
    let h: Vec<_> = s
        .history(r.id, Some(a))
        .unwrap()
        .into_iter()
        .filter(|h| h.evaluator == "张三")
        .collect();
    // set, submit, reopen, set — the reopening precedes the edit.
    let kinds: Vec<&str> = h.iter().map(|h| h.indicator.as_str()).collect();
    assert_eq!(
        kinds,
        [
            "update",
            SUBMISSION_INDICATOR,
            SUBMISSION_INDICATOR,
            "update"
        ]
    );
    assert_eq!(h[2].new.as_deref(), Some("\"draft\""));
}

#[test]
fn a_refused_edit_leaves_no_trace_and_reopen_is_explicit() {
    let (mut s, r) = store_with_round();
    let a = s.find_account("丽水发布").unwrap().id;
    s.set_submission(r.id, a, "张三", Submission::Submitted)
        .unwrap();
    let before = s.history(r.id, Some(a)).unwrap().len();
    let mut e = Entry::new("update");
    e.value = Some(8.0);
    assert!(s.set_entry(r.id, a, "张三", &e).is_err());
    assert_eq!(s.history(r.id, Some(a)).unwrap().len(), before);
    assert!(s.entries(r.id, a, None).unwrap().is_empty());
    s.reopen(r.id, a, "张三").unwrap();
    s.set_entry(r.id, a, "张三", &e).unwrap();
    assert_eq!(s.history(r.id, Some(a)).unwrap().len(), before + 2);
}
