//! Tests of registry and round corrections.

use super::*;
use crate::storage::*;

#[test]
fn update_reports_each_changed_field_and_never_blanks() {
    let (mut s, _) = store_with_round();
    let mut a = s.find_account("丽水发布").unwrap();
    a.unit = "新单位".into();
    a.domain = String::new(); // an empty cell says nothing
    let mut b = a.clone();
    b.name = "全新账号".into();
    let u = s.update_accounts(&[a.clone(), b]).unwrap();
    assert_eq!(u.changed.len(), 1, "{u:?}");
    assert_eq!(u.changed[0].field, "unit");
    assert_eq!(u.changed[0].new, "新单位");
    assert_eq!(u.added.len(), 1);
    let stored = s.find_account("丽水发布").unwrap();
    assert_eq!(stored.unit, "新单位");
    assert!(!stored.domain.is_empty());
    // Run again: nothing changes.
    let again = s.update_accounts(&[a]).unwrap();
    assert!(again.changed.is_empty() && again.added.is_empty() && again.unchanged == 1);
}

#[test]
fn renames_retire_and_round_deletion_keep_what_must_be_kept() {
    let (mut s, r) = store_with_round();
    let a = s.find_account("丽水发布").unwrap();
    s.rename_account(a.id, "丽水发布2").unwrap();
    assert_eq!(s.account(a.id).unwrap().name, "丽水发布2");
    let before = s.list_accounts(&Default::default()).unwrap().len();
    assert!(s.retire_account(a.id).unwrap());
    assert!(!s.retire_account(a.id).unwrap());
    assert_eq!(
        s.list_accounts(&Default::default()).unwrap().len(),
        before - 1
    );
    // Past rounds keep a retired account.
    assert!(s.round_accounts(r.id).unwrap().iter().any(|x| x.id == a.id));
    s.rename_round(r.id, "改名轮次").unwrap();
    assert_eq!(s.round("改名轮次").unwrap().id, r.id);
    let mut e = Entry::new("update");
    e.value = Some(8.0);
    let b = s.round_accounts(r.id).unwrap()[0].id;
    s.set_entry(r.id, b, "张三", &e).unwrap();
    assert!(s.delete_round(r.id, false).is_err());
    assert!(s.round("改名轮次").is_ok());
    assert_eq!(s.delete_round(r.id, true).unwrap(), RoundDeletion::Hidden);
    assert!(s.round("改名轮次").is_err() && s.rounds().unwrap().is_empty());
    // The history stays, and the name can be used again.
    assert!(!s.history(r.id, None).unwrap().is_empty());
    let created = s
        .create_round(&NewRound {
            name: "改名轮次".into(),
            ..new_round_like(&r)
        })
        .unwrap();
    assert_eq!(
        s.delete_round(created.id, false).unwrap(),
        RoundDeletion::Removed
    );
}

fn new_round_like(r: &Round) -> NewRound {
    NewRound {
        name: r.name.clone(),
        rubric_id: r.rubric_id.clone(),
        rubric_version: r.rubric_version.clone(),
        rubric_text: r.rubric_text.clone(),
        monitoring_date: r.monitoring_date,
        scope: r.scope.clone(),
    }
}
