//! A write the database refuses because another program holds its lock (issue 19 §3): the
//! typed note stays on screen, the status bar says 「数据库正忙，正在重试」, the keys keep
//! working, and the writes go through in order once the lock is gone.

mod common_tui;

use assay::app::{Action, MemBackend};
use assay::i18n::Lang;
use common_tui::{app, run, screen, typed};

#[test]
fn a_locked_write_keeps_the_typed_value_and_is_retried_in_order() {
    let mut b = MemBackend::default();
    let mut a = app(Lang::Zh, &b);
    b.locked = 3;
    run(&mut a, &mut b, &[Action::Enter, Action::EditNote]);
    run(&mut a, &mut b, &typed("锁住时写的备注"));
    run(&mut a, &mut b, &[Action::Enter]);
    // Refused by the lock: nothing reached the backend, the note is on screen and waits.
    assert!(b.log.is_empty());
    assert!(a.busy());
    assert!(a.popup.is_none(), "no error popup: {:?}", a.popup);
    let e = &a.scoring.as_ref().expect("scoring").entries["pos"];
    assert_eq!(e.note, "锁住时写的备注");
    let shown = screen(&mut a, &mut b, 100, 30);
    assert!(shown.contains("数据库正忙，正在重试"), "{shown}");
    assert!(shown.contains("锁住时写的备注"), "{shown}");
    // A second edit while waiting queues behind the first (the keys still work).
    run(&mut a, &mut b, &[Action::EditEvidence]);
    run(&mut a, &mut b, &typed("https://a.example/2"));
    run(&mut a, &mut b, &[Action::Enter]);
    assert!(b.log.is_empty());
    // Two retries still locked out, the third goes through: both writes, in order.
    run(&mut a, &mut b, &[Action::RetryWrites, Action::RetryWrites]);
    assert!(a.busy() && b.log.is_empty());
    run(&mut a, &mut b, &[Action::RetryWrites]);
    assert!(!a.busy());
    assert_eq!(b.log.len(), 2);
    let last = b.log[1].2.as_ref().expect("an entry");
    assert_eq!(last.note, "锁住时写的备注");
    assert_eq!(last.evidence, ["https://a.example/2"]);
    let shown = screen(&mut a, &mut b, 100, 30);
    assert!(!shown.contains("数据库正忙"), "{shown}");
}
