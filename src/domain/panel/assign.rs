//! Assignment of evaluators to accounts: everyone everything, or K per account, balanced
//! (least-loaded first), never an evaluator to an account of their own host unit, and
//! reproducible from a seed.

use rand::SeedableRng;
use rand::seq::SliceRandom;
use rand_chacha::ChaCha8Rng;
use serde::Serialize;

/// An evaluator who may be assigned, with the host unit they belong to (may be empty).
#[derive(Debug, Clone, PartialEq)]
pub struct Assignee {
    pub name: String,
    pub affiliation: String,
}

/// An account to assign: its id and host unit.
#[derive(Debug, Clone, PartialEq)]
pub struct Target {
    pub id: i64,
    pub unit: String,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize)]
pub enum AssignError {
    #[error(
        "account {account} has only {eligible} evaluators without a conflict of interest (its host unit {unit}); {wanted} are needed. Add evaluators or lower --per-account"
    )]
    TooFewEligible {
        account: i64,
        unit: String,
        eligible: usize,
        wanted: usize,
    },
    #[error("the round has no evaluators on its panel; add them with assay panel member")]
    NoEvaluators,
}

fn conflict(e: &Assignee, t: &Target) -> bool {
    !e.affiliation.trim().is_empty() && e.affiliation.trim() == t.unit.trim()
}

/// `(account id, evaluator index)` pairs: `per_account = None` assigns every eligible evaluator
/// to every account.
pub fn assign(
    evaluators: &[Assignee],
    targets: &[Target],
    per_account: Option<usize>,
    seed: u64,
) -> Result<Vec<(i64, usize)>, AssignError> {
    if evaluators.is_empty() {
        return Err(AssignError::NoEvaluators);
    }
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut load = vec![0usize; evaluators.len()];
    let mut order: Vec<usize> = (0..targets.len()).collect();
    order.shuffle(&mut rng);
    let mut out = Vec::new();
    for &t in &order {
        let target = &targets[t];
        let mut eligible: Vec<usize> = (0..evaluators.len())
            .filter(|&e| !conflict(&evaluators[e], target))
            .collect();
        let wanted = per_account.unwrap_or(eligible.len());
        if eligible.len() < wanted || eligible.is_empty() {
            return Err(AssignError::TooFewEligible {
                account: target.id,
                unit: target.unit.clone(),
                eligible: eligible.len(),
                wanted: wanted.max(1),
            });
        }
        eligible.shuffle(&mut rng);
        eligible.sort_by_key(|&e| load[e]);
        for &e in &eligible[..wanted] {
            load[e] += 1;
            out.push((target.id, e));
        }
    }
    out.sort_unstable();
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn people(units: &[&str]) -> Vec<Assignee> {
        units
            .iter()
            .enumerate()
            .map(|(i, u)| Assignee {
                name: format!("e{i}"),
                affiliation: u.to_string(),
            })
            .collect()
    }

    fn targets(n: i64) -> Vec<Target> {
        (1..=n)
            .map(|id| Target {
                id,
                unit: format!("单位{}", id % 4),
            })
            .collect()
    }

    #[test]
    fn k_per_account_is_balanced_reproducible_and_avoids_own_units() {
        let ev = people(&["单位1", "单位2", "", "", ""]);
        let t = targets(40);
        let a = assign(&ev, &t, Some(2), 7).unwrap();
        assert_eq!(a.len(), 80);
        assert_eq!(a, assign(&ev, &t, Some(2), 7).unwrap());
        assert_ne!(a, assign(&ev, &t, Some(2), 8).unwrap());
        for (acc, e) in &a {
            let unit = &t[(*acc - 1) as usize].unit;
            assert_ne!(
                &ev[*e].affiliation, unit,
                "account {acc} given to its own unit"
            );
        }
        let mut load = [0; 5];
        for (_, e) in &a {
            load[*e] += 1;
        }
        let (lo, hi) = (load.iter().min().unwrap(), load.iter().max().unwrap());
        assert!(hi - lo <= 1, "unbalanced: {load:?}");
    }

    #[test]
    fn everyone_everything_except_conflicts_and_too_few_is_an_error() {
        let ev = people(&["单位1", ""]);
        let t = targets(4);
        let a = assign(&ev, &t, None, 1).unwrap();
        assert_eq!(a.len(), 7, "e0 skips the account of 单位1");
        let err = assign(&ev, &t, Some(2), 1).unwrap_err();
        assert!(matches!(
            err,
            AssignError::TooFewEligible {
                account: 1,
                eligible: 1,
                wanted: 2,
                ..
            }
        ));
        assert_eq!(assign(&[], &t, None, 1), Err(AssignError::NoEvaluators));
    }
}

/// Whether `evaluator` scoring `account` is outside the round's assignment: only when the round
/// has an assignment at all (`(account id, evaluator)` pairs) and the pair is not in it.
pub fn unassigned(assignment: &[(i64, String)], account: i64, evaluator: &str) -> bool {
    !assignment.is_empty()
        && !assignment
            .iter()
            .any(|(a, e)| *a == account && e == evaluator)
}

/// The accounts an evaluator's list shows: `None` (every account) when the round has no
/// assignment or gives this evaluator nothing (the chair, an observer); else their accounts.
pub fn assigned_to(
    assignment: &[(i64, String)],
    evaluator: &str,
) -> Option<std::collections::HashSet<i64>> {
    let mine: std::collections::HashSet<i64> = assignment
        .iter()
        .filter(|(_, e)| e == evaluator)
        .map(|(a, _)| *a)
        .collect();
    (!mine.is_empty()).then_some(mine)
}

#[cfg(test)]
mod unassigned_tests {
    use super::{assigned_to, unassigned};

    #[test]
    fn an_evaluator_with_an_assignment_sees_only_theirs() {
        let a = [
            (1, "甲".to_string()),
            (2, "乙".to_string()),
            (3, "甲".to_string()),
        ];
        assert_eq!(assigned_to(&a, "甲"), Some([1, 3].into_iter().collect()));
        assert_eq!(assigned_to(&a, "组长"), None);
        assert_eq!(assigned_to(&[], "甲"), None);
    }

    #[test]
    fn only_a_round_with_an_assignment_has_unassigned_work() {
        assert!(!unassigned(&[], 1, "甲"));
        let a = [(1, "甲".to_string()), (2, "乙".to_string())];
        assert!(!unassigned(&a, 1, "甲"));
        assert!(unassigned(&a, 1, "乙"));
        assert!(unassigned(&a, 3, "甲"));
    }
}
