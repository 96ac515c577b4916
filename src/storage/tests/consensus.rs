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

fn appeal_on(s: &mut Store, round_id: i64, account_id: i64) -> i64 {
    let day = NaiveDate::from_ymd_opt(2025, 1, 8).unwrap();
    let appeal = Appeal {
        id: 0,
        round_id,
        account_id,
        item: "update".into(),
        reason: "监测前一周有更新".into(),
        evidence: vec![],
        filed: day,
        at: String::new(),
        decision: None,
    };
    s.file_appeal(&appeal).unwrap()
}

fn changed(day: NaiveDate) -> (Decision, Consensus) {
    let c = Consensus {
        value: Some(4.0),
        count: None,
        veto: None,
        rationale: "核实有更新".into(),
    };
    let d = Decision {
        changed: Some("4".into()),
        rationale: "核实有更新".into(),
        chair: "主任".into(),
        day,
        outcome: "{}".into(),
    };
    (d, c)
}

#[test]
fn a_changed_decision_and_its_consensus_are_kept_together_or_not_at_all() {
    let (mut s, r) = store_with_round();
    let a = s.find_account("丽水发布").unwrap().id;
    let id = appeal_on(&mut s, r.id, a);
    let (d, c) = changed(NaiveDate::from_ymd_opt(2025, 1, 9).unwrap());
    // The ledger refuses the decision's record: the consensus must not stay behind.
    s.conn
        .execute_batch(
            "CREATE TRIGGER refuse_follow BEFORE INSERT ON ledger
             WHEN NEW.subject LIKE 'follow:%'
             BEGIN SELECT RAISE(ABORT, 'refused by the test'); END",
        )
        .unwrap();
    assert!(s.decide_appeal(id, &d, Some(&c)).is_err());
    assert!(
        s.consensus_rows(r.id).unwrap().is_empty(),
        "no consensus kept"
    );
    assert!(s.history(r.id, Some(a)).unwrap().is_empty());
    assert!(s.appeals(Some(r.id)).unwrap()[0].decision.is_none());
    // Once the ledger takes it, both are kept.
    s.conn.execute_batch("DROP TRIGGER refuse_follow").unwrap();
    s.decide_appeal(id, &d, Some(&c)).unwrap();
    let rows = s.consensus_rows(r.id).unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(
        (rows[0].indicator.as_str(), rows[0].chair.as_str()),
        ("update", "主任")
    );
    assert_eq!(rows[0].consensus, c);
    let kept = s.appeals(Some(r.id)).unwrap().remove(0).decision;
    assert_eq!(kept, Some(d.clone()));
    // A decided appeal is refused, and refusing it writes no second consensus.
    assert!(s.decide_appeal(id, &d, Some(&c)).is_err());
    assert_eq!(s.consensus_rows(r.id).unwrap().len(), 1);
}
