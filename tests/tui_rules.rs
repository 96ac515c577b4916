//! The scoring rules in the TUI: a veto cannot be marked N/A by hand (`x`), an item that does not
//! apply to the account takes no entry, and the header shows a provisional total with no verdict
//! until the sheet is complete.

mod common_tui;

use assay::app::{Action, Backend, MemBackend};
use assay::i18n::Lang;
use common_tui::{app, run};

/// Opens the first account (云和发布, WeChat, county) and moves the cursor down `n` items.
fn open_at(n: usize) -> (assay::app::App, MemBackend) {
    let mut b = MemBackend::default();
    let mut a = app(Lang::Zh, &b);
    run(&mut a, &mut b, &[Action::Enter]);
    run(&mut a, &mut b, &vec![Action::Down; n]);
    (a, b)
}

fn stored(b: &MemBackend) -> Vec<assay::domain::entry::Entry> {
    b.entries(1, 1, "张三").expect("entries")
}

#[test]
fn x_on_a_veto_is_refused_with_a_reason() {
    // Items: pos, off, ipv6, read, menu, orig, stale.
    let (mut a, mut b) = open_at(6);
    run(&mut a, &mut b, &[Action::ToggleNa]);
    assert!(stored(&b).is_empty(), "nothing stored: {:?}", stored(&b));
    let flash = a.flash.clone().unwrap_or_default();
    assert!(flash.contains("不能手工标为不适用"), "{flash}");
    // Checked clean is fine.
    run(&mut a, &mut b, &[Action::No]);
    assert_eq!(stored(&b).len(), 1);
    assert_eq!(stored(&b)[0].value, Some(0.0));
}

#[test]
fn an_item_that_does_not_apply_takes_no_entry() {
    // ipv6 is for apps only; 云和发布 is a WeChat account.
    let (mut a, mut b) = open_at(2);
    run(&mut a, &mut b, &[Action::Yes]);
    assert!(stored(&b).is_empty(), "nothing stored: {:?}", stored(&b));
    let flash = a.flash.clone().unwrap_or_default();
    assert!(
        flash.contains("ipv6") && flash.contains("移动客户端"),
        "{flash}"
    );
}

#[test]
fn the_verdict_waits_for_a_complete_sheet() {
    let (mut a, mut b) = open_at(0);
    // pos 5, off 0, read (typed below), menu yes, orig 0, stale clean: 6 applicable items.
    run(&mut a, &mut b, &[Action::NextLevel]);
    let o = &a.scoring.as_ref().expect("scoring").outcome;
    assert!(!o.complete && !o.passed && o.grade.is_none(), "{o:?}");
    // Every other applicable item entered (through the backend, then the sheet reopened), read
    // left out.
    let e = |id: &str, value: Option<f64>, count: Option<u32>| assay::domain::entry::Entry {
        indicator: id.into(),
        value,
        count,
        ..Default::default()
    };
    for x in [
        e("pos", Some(5.0), None),
        e("off", None, Some(0)),
        e("menu", Some(1.0), None),
        e("orig", None, Some(0)),
        e("stale", Some(0.0), None),
    ] {
        b.set_entry(1, 1, "张三", &x).expect("entry");
    }
    let row = a.scoring.as_ref().expect("scoring").row;
    assert_eq!(a.rows[row].account.id, 1);
    a.open_account(row, &b).expect("reopen");
    let o = &a.scoring.as_ref().expect("scoring").outcome;
    // read is still missing: provisional.
    assert_eq!((o.scored, o.applicable), (5, 6), "{o:?}");
    assert!(!o.complete && o.grade.is_none());
    assert!(!a.rows[0].complete);
}
