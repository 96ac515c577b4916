//! Comparing two results of the same accounts — a round with an earlier round, a year with an
//! earlier year: per account the change in total, verdict, veto and full marks, new failures
//! (合格 → 不合格) and recoveries (不合格 → 合格), accounts in one side only (新增 / 退出, never a
//! change from 0), and per group and overall the change in pass rate, mean, vetoes and full
//! marks, with the largest risers and fallers. When the two sides were scored on different
//! rubrics only totals are compared (`totals_only`). Pure: both sides come from the one
//! aggregation (a round's [`super::Report`]) or the annual assessment.

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;

use super::combine::Verdict;
use crate::domain::account::Account;
use crate::domain::figure::Figure;

/// One account's result on one side.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Side {
    pub total: Option<Figure>,
    pub verdict: Verdict,
    pub vetoed: bool,
    pub full_marks: bool,
    pub rank: Option<usize>,
}

/// An account as one side has it: the account, its group and its result.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub account: Account,
    pub group: Vec<String>,
    pub side: Side,
}

/// A group (or the whole side) as one side has it.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct GroupSide {
    pub accounts: usize,
    pub with_result: usize,
    pub passed: usize,
    pub failed: usize,
    pub pass_rate: Option<Figure>,
    pub mean: Option<Figure>,
    pub vetoed: usize,
    pub full_marks: usize,
}

/// One side of a comparison: its name (a round's, a year), its accounts and groups.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Input {
    pub label: String,
    pub entries: Vec<Entry>,
    pub groups: Vec<(Vec<String>, GroupSide)>,
    pub overall: GroupSide,
}

/// Where an account is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Presence {
    /// On both sides.
    Both,
    /// Only on the later side (新增).
    New,
    /// Only on the earlier side (退出).
    Gone,
}

/// One account across the two sides.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AccountChange {
    pub account_id: i64,
    pub name: String,
    pub platform: crate::domain::platform::Platform,
    pub unit: String,
    pub group: Vec<String>,
    pub presence: Presence,
    pub before: Option<Side>,
    pub after: Option<Side>,
    /// after − before, when both sides have a total.
    pub change: Option<Figure>,
    /// Places gained (positive: up), when both sides rank it.
    pub moved: Option<i64>,
    /// 合格 → 不合格 and 不合格 → 合格 (never counted when only totals compare).
    pub new_failure: bool,
    pub recovery: bool,
}

/// A figure on both sides and its change.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Default)]
pub struct Delta {
    pub before: Option<Figure>,
    pub after: Option<Figure>,
    pub change: Option<Figure>,
}

impl Delta {
    fn of(before: Option<Figure>, after: Option<Figure>) -> Delta {
        let change = match (before, after) {
            (Some(b), Some(a)) => {
                let d = b.decimals().max(a.decimals());
                Some(a.exact().sub(&b.exact()).publish(d))
            }
            _ => None,
        };
        Delta {
            before,
            after,
            change,
        }
    }
}

/// A group (or the whole) across the two sides.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GroupChange {
    pub key: Vec<String>,
    pub before: Option<GroupSide>,
    pub after: Option<GroupSide>,
    pub pass_rate: Delta,
    pub mean: Delta,
    pub new_failures: usize,
    pub recoveries: usize,
    /// Accounts only on the later side (新增) and only on the earlier one (退出).
    pub added: usize,
    pub left: usize,
}

/// The whole comparison.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Comparison {
    pub before: String,
    pub after: String,
    /// The sides were scored on different rubrics: only totals (and ranks) compare.
    pub totals_only: bool,
    pub overall: GroupChange,
    pub groups: Vec<GroupChange>,
    /// Accounts on both sides (by the later ranking), then 新增, then 退出.
    pub accounts: Vec<AccountChange>,
    /// The largest rises and falls in total, largest first.
    pub risers: Vec<AccountChange>,
    pub fallers: Vec<AccountChange>,
}

fn account_change(
    before: Option<&Entry>,
    after: Option<&Entry>,
    totals_only: bool,
) -> Option<AccountChange> {
    let e = after.or(before)?;
    let presence = match (before, after) {
        (Some(_), Some(_)) => Presence::Both,
        (None, Some(_)) => Presence::New,
        _ => Presence::Gone,
    };
    let (b, a) = (before.map(|e| &e.side), after.map(|e| &e.side));
    let turned = |from: Verdict, to: Verdict| {
        !totals_only && b.is_some_and(|b| b.verdict == from) && a.is_some_and(|a| a.verdict == to)
    };
    let moved = b
        .and_then(|b| b.rank)
        .zip(a.and_then(|a| a.rank))
        .map(|(x, y)| x as i64 - y as i64);
    Some(AccountChange {
        account_id: e.account.id,
        name: e.account.name.clone(),
        platform: e.account.platform,
        unit: e.account.unit.clone(),
        group: e.group.clone(),
        presence,
        before: b.cloned(),
        after: a.cloned(),
        change: Delta::of(b.and_then(|s| s.total), a.and_then(|s| s.total)).change,
        moved,
        new_failure: turned(Verdict::Passed, Verdict::Failed),
        recovery: turned(Verdict::Failed, Verdict::Passed),
    })
}

fn group_change(
    key: Vec<String>,
    before: Option<&GroupSide>,
    after: Option<&GroupSide>,
    members: &[&AccountChange],
    totals_only: bool,
) -> GroupChange {
    let count = |f: &dyn Fn(&AccountChange) -> bool| members.iter().filter(|m| f(m)).count();
    let rate = |g: Option<&GroupSide>| g.and_then(|g| g.pass_rate).filter(|_| !totals_only);
    GroupChange {
        key,
        before: before.cloned(),
        after: after.cloned(),
        pass_rate: Delta::of(rate(before), rate(after)),
        mean: Delta::of(before.and_then(|g| g.mean), after.and_then(|g| g.mean)),
        new_failures: count(&|m| m.new_failure),
        recoveries: count(&|m| m.recovery),
        added: count(&|m| m.presence == Presence::New),
        left: count(&|m| m.presence == Presence::Gone),
    }
}

/// Compares `before` (the earlier side) with `after`; `top` risers and fallers are kept.
pub fn compare(before: &Input, after: &Input, totals_only: bool, top: usize) -> Comparison {
    let b: HashMap<i64, &Entry> = before.entries.iter().map(|e| (e.account.id, e)).collect();
    let a: HashMap<i64, &Entry> = after.entries.iter().map(|e| (e.account.id, e)).collect();
    let mut accounts: Vec<AccountChange> = after
        .entries
        .iter()
        .filter_map(|e| account_change(b.get(&e.account.id).copied(), Some(e), totals_only))
        .collect();
    accounts.extend(
        (before.entries.iter())
            .filter(|e| !a.contains_key(&e.account.id))
            .filter_map(|e| account_change(Some(e), None, totals_only)),
    );
    accounts.sort_by_key(|c| {
        let rank = c.after.as_ref().or(c.before.as_ref()).and_then(|s| s.rank);
        (c.presence, rank.is_none(), rank, c.account_id)
    });
    let all: Vec<&AccountChange> = accounts.iter().collect();
    let overall = group_change(
        Vec::new(),
        Some(&before.overall),
        Some(&after.overall),
        &all,
        totals_only,
    );
    let groups = groups(before, after, &accounts, totals_only);
    let mut risers: Vec<AccountChange> = (accounts.iter())
        .filter(|c| c.change.is_some_and(|x| x.units() > 0))
        .cloned()
        .collect();
    risers.sort_by(|x, y| {
        y.change
            .cmp(&x.change)
            .then(x.account_id.cmp(&y.account_id))
    });
    risers.truncate(top);
    let mut fallers: Vec<AccountChange> = (accounts.iter())
        .filter(|c| c.change.is_some_and(|x| x.units() < 0))
        .cloned()
        .collect();
    fallers.sort_by(|x, y| {
        x.change
            .cmp(&y.change)
            .then(x.account_id.cmp(&y.account_id))
    });
    fallers.truncate(top);
    Comparison {
        before: before.label.clone(),
        after: after.label.clone(),
        totals_only,
        overall,
        groups,
        accounts,
        risers,
        fallers,
    }
}

/// Every group of either side, in key order, with the accounts it holds (by the later side's
/// group, or the earlier one's for an account that left).
fn groups(
    before: &Input,
    after: &Input,
    accounts: &[AccountChange],
    totals_only: bool,
) -> Vec<GroupChange> {
    let mut keys: BTreeMap<&Vec<String>, (Option<&GroupSide>, Option<&GroupSide>)> =
        BTreeMap::new();
    for (k, g) in &before.groups {
        keys.entry(k).or_default().0 = Some(g);
    }
    for (k, g) in &after.groups {
        keys.entry(k).or_default().1 = Some(g);
    }
    keys.into_iter()
        .map(|(k, (b, a))| {
            let members: Vec<&AccountChange> = accounts.iter().filter(|c| &c.group == k).collect();
            group_change(k.clone(), b, a, &members, totals_only)
        })
        .collect()
}

#[cfg(test)]
#[path = "compare_tests.rs"]
mod tests;
