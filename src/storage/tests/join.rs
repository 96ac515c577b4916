//! Joining a round package: the accounts, the round with exactly the package's accounts, the
//! evaluator assigned all of them, the settings and the chair's key; a second package updates.

use super::*;
use crate::domain::panel::{Method, PanelPolicy, VetoRule};
use crate::storage::tests::sample;

fn round(text: &str) -> NewRound {
    NewRound {
        name: "R".into(),
        rubric_id: "four".into(),
        rubric_version: "1".into(),
        rubric_text: text.into(),
        monitoring_date: chrono::NaiveDate::from_ymd_opt(2024, 12, 1).unwrap(),
        scope: joined_scope(),
    }
}

fn source() -> RoundSource {
    RoundSource {
        public: "ab".repeat(32),
        fingerprint: "abab abab".into(),
        evaluator: "甲".into(),
    }
}

#[test]
fn a_package_makes_the_round_and_a_second_one_updates_it() {
    let mut s = Store::open_in_memory().unwrap();
    let accounts = sample();
    let policy = PanelPolicy {
        method: Method::Median,
        quorum: 2,
        veto: VetoRule::Majority,
    };
    let config = PanelConfig {
        policy: Some(policy),
        category: None,
        calibration: Some(true),
    };
    let r = round("(id: \"four\")");
    let j = Join {
        round: &r,
        evaluator: "甲",
        accounts: &accounts[..3],
        config: &config,
        categories: &[("c".into(), Method::Trimmed)],
        source: &source(),
    };
    let joined = s.join_package(&j).unwrap();
    assert!(joined.created);
    assert_eq!(joined.accounts_added, 3);
    let id = joined.round_id;
    assert_eq!(s.round_accounts(id).unwrap().len(), 3);
    assert_eq!(s.panel_policy(id).unwrap(), policy);
    assert!(s.is_calibration(id).unwrap());
    assert_eq!(s.assignments(id).unwrap().len(), 3);
    assert_eq!(s.round_source(id).unwrap(), Some(source()));
    // An entry on the first account, then a package without it: kept, named; the others move.
    let first = s.round_accounts(id).unwrap()[0].id;
    s.set_entry(
        id,
        first,
        "甲",
        &crate::domain::entry::Entry {
            value: Some(1.0),
            ..crate::domain::entry::Entry::new("i1")
        },
    )
    .unwrap();
    let j2 = Join {
        accounts: &accounts[3..5],
        ..j
    };
    let again = s.join_package(&j2).unwrap();
    assert!(!again.created);
    assert_eq!(again.round_id, id);
    assert_eq!(again.kept, vec![accounts[0].name.clone()]);
    assert_eq!(s.round_accounts(id).unwrap().len(), 3);
    // Another rubric under the same round name: refused, nothing written.
    let other = round("(id: \"other\")");
    let j3 = Join {
        round: &other,
        ..j2
    };
    assert!(s.join_package(&j3).is_err());
    assert_eq!(s.round_accounts(id).unwrap().len(), 3);
}
