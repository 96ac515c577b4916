//! The summary's drill-down: down and back up, and steps made from what their parent listed
//! equal to steps made on the spot.

use super::*;
use crate::domain::rubric::VetoPolicy;
use crate::report::combine::tests::scheme;
use crate::report::sheet::SheetStatus;
use crate::report::tests::{account, sheet};

#[test]
fn drill_down_and_back_up() {
    let mut a = account(1, "甲");
    a.unit = "一局".into();
    let mut b = account(2, "乙");
    b.unit = "二局".into();
    let sheets = vec![
        sheet(1, "张", SheetStatus::Complete, 90.0),
        sheet(2, "李", SheetStatus::Complete, 70.0),
        sheet(2, "王", SheetStatus::InProgress, 10.0),
    ];
    let mut s = Summary::of(
        &scheme(VetoPolicy::FailKeepScore),
        vec![a, b],
        &sheets,
        Lang::Zh,
    );
    assert_eq!(s.evaluators, vec!["张", "李"]);
    assert_eq!(s.evaluators_in_progress, vec!["王"]);
    assert_eq!(
        s.overall.spread.mean.map(|m| m.text()).as_deref(),
        Some("80.00")
    );
    assert_eq!(s.lines.len(), 1, "one level");
    assert!(s.drill() && s.drill());
    assert_eq!(
        s.path,
        vec!["县级".to_string(), "浙江省/丽水市/莲都区".into()]
    );
    assert_eq!(s.lines.len(), 2, "two units");
    s.move_by(1);
    assert!(s.drill());
    let Line::Account(i, st) = &s.lines[0] else {
        panic!("accounts at the last step");
    };
    assert_eq!(s.results[*i].account.name, "乙");
    assert_eq!(st.vs_mean.map(|m| m.text()).as_deref(), Some("0.00"));
    assert!(!s.drill(), "nothing below an account");
    assert_eq!(
        s.selected_shares()[0].1.map(|m| m.text()).as_deref(),
        Some("0.700")
    );
    assert!(s.up());
    assert_eq!(s.selected, 1, "back on the unit we left");
    assert!(s.up() && s.up() && !s.up());
}

/// Every step computed from what its parent listed equals the step computed on the spot from
/// its path alone: groups, their statistics and standings.
#[test]
fn steps_computed_when_first_shown_equal_steps_computed_on_the_spot() {
    let mut accounts = Vec::new();
    let mut sheets = Vec::new();
    for i in 1..=12 {
        let mut a = account(i, &format!("号{i}"));
        a.unit = ["一局", "二局", "三局"][i as usize % 3].into();
        if i % 4 == 0 {
            a.level = crate::domain::platform::Level::City;
        }
        accounts.push(a);
        let status = if i % 5 == 0 {
            SheetStatus::InProgress
        } else {
            SheetStatus::Complete
        };
        sheets.push(sheet(i, "张", status, 50.0 + (i * 7 % 40) as f64));
    }
    let mut s = Summary::of(
        &scheme(VetoPolicy::FailKeepScore),
        accounts,
        &sheets,
        Lang::Zh,
    );
    let levels = s.lines.len();
    assert_eq!(
        s.steps.len(),
        1 + levels,
        "the top step and each level's, up front"
    );
    // Every step, shown once.
    while let Some(path) = s.pending.keys().next().cloned() {
        s.path = path;
        s.refresh();
    }
    assert!(
        s.steps.len() > 4,
        "levels, regions and units: {}",
        s.steps.len()
    );
    let paths: Vec<Vec<String>> = s.steps.keys().cloned().collect();
    for path in paths {
        s.path = path.clone();
        let (fresh, _) = s.step(&path, &s.members(), None);
        assert_eq!(s.steps[&path], fresh, "{path:?}");
    }
}
