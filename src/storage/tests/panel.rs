//! Tests of the panel's storage: batch writes all or nothing with history, merge steps in one
//! transaction, panel settings, members and assignments.

use super::*;
use crate::domain::panel::{Method, PanelPolicy, VetoRule};
use crate::storage::*;

fn write(account_id: i64, evaluator: &str, value: f64) -> EntryWrite {
    EntryWrite {
        account_id,
        evaluator: evaluator.into(),
        entry: Entry {
            value: Some(value),
            ..Entry::new("update")
        },
    }
}

#[test]
fn a_batch_is_all_or_nothing_and_writes_history_per_change() {
    let (mut s, r) = store_with_round();
    let a = s.find_account("丽水发布").unwrap().id;
    let err = s.set_entries(r.id, &[write(a, "张三", 8.0), write(999_999, "张三", 7.0)]);
    assert!(err.is_err());
    assert!(
        s.entries(r.id, a, None).unwrap().is_empty(),
        "the first row was rolled back"
    );
    assert!(s.history(r.id, None).unwrap().is_empty());
    assert_eq!(s.set_entries(r.id, &[write(a, "张三", 8.0)]).unwrap(), 1);
    assert_eq!(
        s.set_entries(r.id, &[write(a, "张三", 8.0)]).unwrap(),
        0,
        "identical: no change"
    );
    assert_eq!(s.history(r.id, None).unwrap().len(), 1);
}

#[test]
fn merge_steps_apply_together_or_not_at_all() {
    let (mut s, r) = store_with_round();
    let a = s.find_account("丽水发布").unwrap().id;
    let record = MergeWrite::Record {
        round_id: r.id,
        account_id: a,
        evaluator: "组长".into(),
        indicator: "@merge:update".into(),
        old: None,
        new: Some("{}".into()),
    };
    let bad = MergeWrite::Entry(r.id, write(999_999, "张三", 1.0));
    assert!(
        s.apply_merge(&[
            MergeWrite::Entry(r.id, write(a, "张三", 8.0)),
            record.clone(),
            bad
        ])
        .is_err()
    );
    assert!(s.history(r.id, None).unwrap().is_empty());
    let sub = MergeWrite::Submission(r.id, a, "张三".into(), Submission::Submitted);
    assert_eq!(
        s.apply_merge(&[MergeWrite::Entry(r.id, write(a, "张三", 8.0)), record, sub])
            .unwrap(),
        1
    );
    let h = s.history(r.id, None).unwrap();
    let kinds: Vec<&str> = h.iter().map(|x| x.indicator.as_str()).collect();
    assert_eq!(kinds, ["update", "@merge:update", SUBMISSION_INDICATOR]);
    assert_eq!(
        s.submission(r.id, a, "张三").unwrap(),
        Submission::Submitted
    );
}

#[test]
fn panel_settings_members_and_assignments_round_trip() {
    let (mut s, r) = store_with_round();
    assert_eq!(s.panel_policy(r.id).unwrap(), PanelPolicy::default());
    let p = PanelPolicy {
        method: Method::Trimmed,
        quorum: 3,
        veto: VetoRule::Majority,
    };
    s.set_panel_policy(r.id, &p).unwrap();
    assert_eq!(s.panel_policy(r.id).unwrap(), p);
    for (name, role) in [
        ("李四", "evaluator"),
        ("王主任", "chair"),
        ("张三", "evaluator"),
    ] {
        let m = Member {
            name: name.into(),
            role: role.into(),
            affiliation: "丽水市政府办".into(),
        };
        s.set_member(r.id, &m).unwrap();
    }
    let names: Vec<String> = s
        .members(r.id)
        .unwrap()
        .into_iter()
        .map(|m| m.name)
        .collect();
    assert_eq!(names[0], "王主任", "chair first");
    let a = s.round_accounts(r.id).unwrap();
    s.replace_assignments(r.id, &[(a[0].id, "张三".into()), (a[1].id, "李四".into())])
        .unwrap();
    s.replace_assignments(r.id, &[(a[1].id, "张三".into())])
        .unwrap();
    assert_eq!(
        s.assignments(r.id).unwrap(),
        vec![(a[1].id, "张三".to_string())]
    );
    assert!(
        s.replace_assignments(r.id, &[(999_999, "张三".into())])
            .is_err()
    );
    assert_eq!(
        s.assignments(r.id).unwrap().len(),
        1,
        "a failed replacement keeps the old one"
    );
}
