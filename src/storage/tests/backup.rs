//! The online backup: a copy taken between writes is whole, audits clean and leaves no WAL.

use super::*;

#[test]
fn a_backup_taken_between_writes_is_whole_and_passes_the_audit() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("a.db");
    let (mut s, r) = crate::storage::tests::file_store_with_round(&src);
    let acc = s.round_accounts(r.id).unwrap()[0].id;
    s.set_entry(
        r.id,
        acc,
        "张三",
        &crate::domain::entry::Entry {
            value: Some(1.0),
            ..crate::domain::entry::Entry::new("i1")
        },
    )
    .unwrap();
    let copy = dir.path().join("b.db");
    assert_eq!(s.backup_to(&copy).unwrap(), "ok");
    // One file is the whole backup: no WAL of its own beside it.
    assert!(!dir.path().join("b.db-wal").exists());
    // A write after the backup is not in the copy; the copy opens and audits clean.
    s.set_entry(
        r.id,
        acc,
        "张三",
        &crate::domain::entry::Entry {
            value: Some(2.0),
            ..crate::domain::entry::Entry::new("i1")
        },
    )
    .unwrap();
    let c = Store::open(&copy).unwrap();
    assert_eq!(c.audit(None).unwrap().findings, vec![]);
    let e = c.entries(r.id, acc, Some("张三")).unwrap();
    assert_eq!(e[0].entry.value, Some(1.0));
}
