//! The sensitivity of a round's results to its category weights: the official report against
//! the one recomputed under what-if weights — accounts whose verdict (合格/不合格) or grade
//! changes, Kendall's τ-b between the two rankings, and the largest rank movers. Pure: both
//! reports come from the one aggregation ([`super::build`]).

use std::collections::HashMap;

use serde::Serialize;

use super::build::{AccountLine, Report};
use super::combine::Verdict;
use crate::domain::agreement::kendall_tau_b;
use crate::domain::figure::Figure;
use crate::domain::whatif::WeightChange;

/// Decimals τ is published at.
pub const TAU_DECIMALS: u32 = 4;

/// One account under both weightings.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Shift {
    pub account_id: i64,
    pub name: String,
    pub platform: crate::domain::platform::Platform,
    pub unit: String,
    pub verdict_before: Verdict,
    pub verdict_after: Verdict,
    pub vetoed: bool,
    pub total_before: Option<Figure>,
    pub total_after: Option<Figure>,
    pub grade_before: Option<String>,
    pub grade_after: Option<String>,
    pub rank_before: Option<usize>,
    pub rank_after: Option<usize>,
}

impl Shift {
    /// Places gained (positive: up the ranking); `None` without a rank in both.
    pub fn moved(&self) -> Option<i64> {
        Some(self.rank_before? as i64 - self.rank_after? as i64)
    }

    pub fn verdict_changed(&self) -> bool {
        self.verdict_before != self.verdict_after
    }

    pub fn grade_changed(&self) -> bool {
        self.grade_before != self.grade_after
    }
}

/// The sensitivity view.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Sensitivity {
    pub weights: Vec<WeightChange>,
    /// Accounts ranked under both weightings (the ones τ and the movers are about).
    pub ranked: usize,
    pub verdict_changed: usize,
    /// 合格 → 不合格 and 不合格 → 合格.
    pub newly_failed: usize,
    pub newly_passed: usize,
    pub grade_changed: usize,
    /// Accounts whose rank changed.
    pub rank_changed: usize,
    /// Kendall's τ-b between the rankings; `None` when undefined (fewer than two ranked
    /// accounts, or every account tied in a ranking).
    pub tau: Option<Figure>,
    /// The largest movers, most places first (then by account id).
    pub movers: Vec<Shift>,
    /// Every account, in the what-if ranking's order (unranked last).
    pub accounts: Vec<Shift>,
}

fn shift(before: &AccountLine, after: &AccountLine) -> Shift {
    let (b, a) = (&before.result, &after.result);
    Shift {
        account_id: b.account.id,
        name: b.account.name.clone(),
        platform: b.account.platform,
        unit: b.account.unit.clone(),
        verdict_before: b.verdict,
        verdict_after: a.verdict,
        vetoed: b.vetoed(),
        total_before: b.total,
        total_after: a.total,
        grade_before: b.grade.clone(),
        grade_after: a.grade.clone(),
        rank_before: before.standing.rank,
        rank_after: after.standing.rank,
    }
}

/// Compares the official report with the what-if one (the same round, the same accounts);
/// `top` movers are kept (only accounts that moved).
pub fn sensitivity(
    official: &Report,
    whatif: &Report,
    weights: Vec<WeightChange>,
    top: usize,
) -> Sensitivity {
    let after: HashMap<i64, &AccountLine> = whatif
        .accounts
        .iter()
        .map(|l| (l.result.account.id, l))
        .collect();
    let mut accounts: Vec<Shift> = official
        .accounts
        .iter()
        .filter_map(|b| Some(shift(b, after.get(&b.result.account.id)?)))
        .collect();
    let (mut xs, mut ys) = (Vec::new(), Vec::new());
    for s in &accounts {
        if let (Some(x), Some(y)) = (s.rank_before, s.rank_after) {
            xs.push(x as f64);
            ys.push(y as f64);
        }
    }
    let tau = kendall_tau_b(&xs, &ys).and_then(|t| Figure::measured(t, TAU_DECIMALS));
    let count = |f: &dyn Fn(&Shift) -> bool| accounts.iter().filter(|s| f(s)).count();
    let was = |s: &Shift, v: Verdict, w: Verdict| s.verdict_before == v && s.verdict_after == w;
    let mut movers: Vec<Shift> = accounts
        .iter()
        .filter(|s| s.moved().is_some_and(|m| m != 0))
        .cloned()
        .collect();
    movers.sort_by_key(|s| {
        (
            std::cmp::Reverse(s.moved().map_or(0, i64::abs)),
            s.account_id,
        )
    });
    movers.truncate(top);
    let out = Sensitivity {
        weights,
        ranked: xs.len(),
        verdict_changed: count(&|s| s.verdict_changed()),
        newly_failed: count(&|s| was(s, Verdict::Passed, Verdict::Failed)),
        newly_passed: count(&|s| was(s, Verdict::Failed, Verdict::Passed)),
        grade_changed: count(&|s| s.grade_changed()),
        rank_changed: count(&|s| s.moved().is_some_and(|m| m != 0)),
        tau,
        movers,
        accounts: Vec::new(),
    };
    accounts.sort_by_key(|s| (s.rank_after.is_none(), s.rank_after, s.account_id));
    Sensitivity { accounts, ..out }
}

#[cfg(test)]
#[path = "whatif_tests.rs"]
mod tests;
