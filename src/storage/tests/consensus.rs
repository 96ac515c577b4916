//! Tests of the consensus and calibration storage on in-memory SQLite: a consensus is one history
//! row read back with its chair and rationale (the latest last), the chair is recognised only by
//! role, and a round is marked and unmarked as a calibration round.

use super::*;
use crate::storage::*;

#[test]
fn a_consensus_is_a_history_row_read_back_with_chair_and_rationale() {
    let (mut s, r) = store_with_round();
    let a = s.find_account("丽水发布").unwrap().id;
    assert!(s.consensus_rows(r.id).unwrap().is_empty());
    let c = Consensus {
        value: Some(3.0),
        count: None,
        veto: None,
        rationale: "  复核后取中  ".into(),
    };
    s.record_consensus(r.id, a, "主任", "update", &c).unwrap();
    let later = Consensus {
        value: Some(4.0),
        ..c.clone()
    };
    s.record_consensus(r.id, a, "主任", "update", &later)
        .unwrap();
    let rows = s.consensus_rows(r.id).unwrap();
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0].consensus.value, Some(3.0));
    assert_eq!(rows[1].consensus.value, Some(4.0), "the latest comes last");
    assert_eq!(rows[1].consensus.rationale, "复核后取中", "trimmed");
    assert_eq!((rows[1].chair.as_str(), rows[1].account_id), ("主任", a));
    let hist = s.history(r.id, Some(a)).unwrap();
    assert_eq!(hist.len(), 2);
    assert!(hist.iter().all(|h| h.indicator == "@consensus:update"));
}

#[test]
fn only_a_member_with_role_chair_is_the_chair() {
    let (mut s, r) = store_with_round();
    assert!(!s.is_chair(r.id, "主任").unwrap());
    let m = |name: &str, role: &str| Member {
        name: name.into(),
        role: role.into(),
        affiliation: String::new(),
    };
    s.set_member(r.id, &m("张三", "evaluator")).unwrap();
    s.set_member(r.id, &m("主任", "chair")).unwrap();
    assert!(s.is_chair(r.id, "主任").unwrap());
    assert!(!s.is_chair(r.id, "张三").unwrap());
}

#[test]
fn a_round_is_marked_and_unmarked_as_calibration() {
    let (mut s, r) = store_with_round();
    assert!(!s.is_calibration(r.id).unwrap());
    s.set_calibration(r.id, true).unwrap();
    s.set_calibration(r.id, true).unwrap();
    assert!(s.is_calibration(r.id).unwrap());
    s.set_calibration(r.id, false).unwrap();
    assert!(!s.is_calibration(r.id).unwrap());
}
