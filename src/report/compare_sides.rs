//! The sides a comparison takes: a round's report (accounts with their `--by` group, the
//! report's own group statistics) and a year's annual assessment (accounts grouped by host
//! unit, each unit's annual mean as the annual has it).

use std::collections::BTreeMap;

use super::annual::Annual;
use super::build::Report;
use super::combine::Verdict;
use super::compare::{Entry, GroupSide, Input, Side};
use super::group::GroupStats;
use crate::domain::figure::Figure;

fn group_side(g: &GroupStats) -> GroupSide {
    GroupSide {
        accounts: g.accounts,
        with_result: g.with_result,
        passed: g.passed,
        failed: g.failed,
        pass_rate: g.pass_rate,
        mean: g.spread.mean,
        vetoed: g.vetoed,
        full_marks: g.full_marks,
    }
}

/// A round's report as a side (`label`: the round's name).
pub fn of_report(label: &str, r: &Report) -> Input {
    let entries = r
        .accounts
        .iter()
        .map(|l| Entry {
            account: l.result.account.clone(),
            group: l.group.clone(),
            side: Side {
                total: l.result.total.filter(|_| l.result.has_result()),
                verdict: l.result.verdict,
                vetoed: l.result.vetoed(),
                full_marks: l.result.full_marks,
                rank: l.standing.rank,
            },
        })
        .collect();
    Input {
        label: label.to_owned(),
        entries,
        groups: r
            .groups
            .iter()
            .map(|g| (g.key.clone(), group_side(g)))
            .collect(),
        overall: group_side(&r.overall),
    }
}

/// Counts of a set of sides; `mean` as the source publishes it.
fn counted(sides: &[&Side], mean: Option<Figure>) -> GroupSide {
    let n = |f: &dyn Fn(&Side) -> bool| sides.iter().filter(|s| f(s)).count();
    let passed = n(&|s| s.verdict == Verdict::Passed);
    let failed = n(&|s| s.verdict == Verdict::Failed);
    GroupSide {
        accounts: sides.len(),
        with_result: passed + failed,
        passed,
        failed,
        pass_rate: Figure::rate(passed, passed + failed),
        mean,
        vetoed: n(&|s| s.vetoed),
        full_marks: n(&|s| s.full_marks),
    }
}

/// A year's annual assessment as a side: each account's annual score and result; groups are
/// host units with the annual's unit mean; the whole year's mean is the mean of the published
/// annual scores, published at the annual's decimals.
pub fn of_annual(label: &str, y: &Annual) -> Input {
    let entries: Vec<Entry> = y
        .accounts
        .iter()
        .map(|a| Entry {
            account: a.account.clone(),
            group: vec![a.account.unit.clone()],
            side: Side {
                total: a.annual.filter(|_| a.result.is_final()),
                verdict: a.result,
                vetoed: a.rounds_vetoed > 0,
                full_marks: a.full_every_check,
                rank: a.rank,
            },
        })
        .collect();
    let mut by_unit: BTreeMap<&str, Vec<&Side>> = BTreeMap::new();
    for e in &entries {
        by_unit.entry(&e.account.unit).or_default().push(&e.side);
    }
    let groups = y
        .units
        .iter()
        .map(|u| {
            let sides = by_unit.get(u.unit.as_str()).map_or(&[][..], Vec::as_slice);
            (vec![u.unit.clone()], counted(sides, u.annual))
        })
        .collect();
    let all: Vec<&Side> = entries.iter().map(|e| &e.side).collect();
    let scores: Vec<Figure> = all.iter().filter_map(|s| s.total).collect();
    let mean = super::stats::mean(&scores).map(|m| m.publish(y.decimals));
    Input {
        label: label.to_owned(),
        overall: counted(&all, mean),
        entries,
        groups,
    }
}
