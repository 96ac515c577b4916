//! Rankings (within the round and within a group; ties share a rank; vetoed accounts after every
//! other account, those without a score last) and each account against its group: difference
//! from the group's published mean and from the mean without it, z-score, percentile rank and a
//! below-average flag, each a published figure.

use serde::{Deserialize, Serialize};

use super::combine::AccountResult;
use super::stats::{mean, percentile_in_sorted, sorted};
use crate::domain::figure::{Exact, Figure};

/// An account's standing. All `None` without a final result.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub struct Standing {
    /// Rank in the whole round, highest total first, vetoed accounts after all others.
    pub rank: Option<usize>,
    /// Rank in its group, by the same order.
    pub group_rank: Option<usize>,
    /// total − group mean (published).
    pub vs_mean: Option<Figure>,
    /// total − mean of the rest of the group (leave-one-out); `None` in a group of one.
    pub vs_others: Option<Figure>,
    /// (total − group mean) / group sample SD, at 2 decimals; 0 when every total is equal,
    /// `None` below two.
    pub z: Option<Figure>,
    /// Mid-rank percentile in the group, a rate in [0, 1].
    pub percentile: Option<Figure>,
    /// Below the group's published mean.
    pub below_average: bool,
}

/// The order ranks follow: unvetoed accounts by total, then vetoed ones by total, then vetoed
/// ones without a score; `None` (no rank) without a final result.
fn rank_key(r: &AccountResult) -> Option<(u8, Option<Figure>)> {
    if !r.has_result() {
        return None;
    }
    Some(match (r.vetoed(), r.total) {
        (false, t) => (0, t),
        (true, Some(t)) => (1, Some(t)),
        (true, None) => (2, None),
    })
}

/// Competition ranks ("1224") by [`rank_key`]; `None` keys get no rank.
pub fn ranks(keys: &[Option<(u8, Option<Figure>)>]) -> Vec<Option<usize>> {
    let mut order: Vec<(usize, (u8, Option<Figure>))> = keys
        .iter()
        .enumerate()
        .filter_map(|(i, k)| k.map(|k| (i, k)))
        .collect();
    // Tier first, then the higher total (a missing total after every total of its tier).
    order.sort_by(|a, b| a.1.0.cmp(&b.1.0).then_with(|| b.1.1.cmp(&a.1.1)));
    let mut out = vec![None; keys.len()];
    let mut prev: Option<((u8, Option<Figure>), usize)> = None;
    for (pos, (i, k)) in order.into_iter().enumerate() {
        let rank = match prev {
            Some((pk, r)) if pk == k => r,
            _ => pos + 1,
        };
        prev = Some((k, rank));
        out[i] = Some(rank);
    }
    out
}

/// Standings of every account: `groups` lists the indices of each group's members; the group
/// statistics come from the members' published totals (as [`super::GroupStats`] has them).
pub fn standings(rs: &[AccountResult], groups: &[Vec<usize>], decimals: u32) -> Vec<Standing> {
    let keys: Vec<Option<(u8, Option<Figure>)>> = rs.iter().map(rank_key).collect();
    let totals: Vec<Option<Figure>> = rs
        .iter()
        .map(|r| r.total.filter(|_| r.has_result()))
        .collect();
    let mut out: Vec<Standing> = ranks(&keys)
        .into_iter()
        .map(|rank| Standing {
            rank,
            ..Standing::default()
        })
        .collect();
    for members in groups {
        let member_keys: Vec<_> = members.iter().map(|&i| keys[i]).collect();
        let scored: Vec<Figure> = members.iter().filter_map(|&i| totals[i]).collect();
        let Some(m) = mean(&scored) else {
            for (&i, rank) in members.iter().zip(ranks(&member_keys)) {
                out[i].group_rank = rank;
            }
            continue;
        };
        let published = m.publish(decimals);
        let sd = super::stats::sample_sd(&scored, 12.min(crate::domain::figure::MAX_DECIMALS));
        let sum: Exact = scored.iter().map(|x| x.exact()).sum();
        let ascending = sorted(&scored);
        let n = scored.len();
        for (&i, rank) in members.iter().zip(ranks(&member_keys)) {
            let s = &mut out[i];
            s.group_rank = rank;
            let Some(x) = totals[i] else { continue };
            s.vs_mean = Some(x.exact().sub(&published.exact()).publish(decimals));
            s.vs_others = (n > 1).then(|| {
                let rest = sum.sub(&x.exact()).div(&Exact::int(n as i128 - 1));
                x.exact().sub(&rest.unwrap_or_default()).publish(decimals)
            });
            s.z = sd.map(|sd| {
                if sd.is_zero() {
                    Figure::new(0, 2)
                } else {
                    let z = x.exact().sub(&m).to_f64() / sd.to_f64();
                    Figure::measured(z, 2).unwrap_or(Figure::new(0, 2))
                }
            });
            s.percentile = percentile_in_sorted(x, &ascending);
            s.below_average = x < published;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::rubric::VetoPolicy;
    use crate::report::combine::account_result;
    use crate::report::combine::tests::scheme;
    use crate::report::sheet::{SheetStatus, VetoReason};
    use crate::report::tests::{account, sheet};

    fn results(points: &[Option<f64>], policy: VetoPolicy) -> Vec<AccountResult> {
        let sc = scheme(policy);
        points
            .iter()
            .enumerate()
            .map(|(i, p)| {
                let id = i as i64 + 1;
                let s: Vec<_> = p
                    .iter()
                    .map(|p| sheet(id, "甲", SheetStatus::Complete, *p))
                    .collect();
                account_result(&sc, &account(id, "号"), &s.iter().collect::<Vec<_>>())
            })
            .collect()
    }

    fn t(f: Option<Figure>) -> Option<String> {
        f.map(|f| f.text())
    }

    #[test]
    fn standing_against_the_group_by_hand() {
        // Group A: 90, 80, 80, 70 (mean 80, SD sqrt(200/3) = 8.1650); group B: 60 alone;
        // one account without a result.
        let rs = results(
            &[
                Some(90.0),
                Some(80.0),
                Some(80.0),
                Some(70.0),
                Some(60.0),
                None,
            ],
            VetoPolicy::FailKeepScore,
        );
        let st = standings(&rs, &[vec![0, 1, 2, 3], vec![4], vec![5]], 2);
        let ranks: Vec<Option<usize>> = st.iter().map(|s| s.rank).collect();
        assert_eq!(
            ranks,
            vec![Some(1), Some(2), Some(2), Some(4), Some(5), None]
        );
        assert_eq!(st[1].group_rank, Some(2));
        assert_eq!(t(st[0].vs_mean).as_deref(), Some("10.00"));
        // 90 against the mean of 80, 80, 70 = 76.667.
        assert_eq!(t(st[0].vs_others).as_deref(), Some("13.33"));
        // 10 / 8.16497 = 1.2247
        assert_eq!(t(st[0].z).as_deref(), Some("1.22"));
        assert_eq!(t(st[0].percentile).as_deref(), Some("0.875"));
        assert_eq!(t(st[1].percentile).as_deref(), Some("0.500"));
        assert!(st[3].below_average && !st[1].below_average);
        // A group of one: no leave-one-out mean, no SD, difference 0, rank 1.
        assert_eq!(t(st[4].vs_mean).as_deref(), Some("0.00"));
        assert_eq!(st[4].vs_others, None);
        assert_eq!(st[4].z, None);
        assert_eq!(st[4].group_rank, Some(1));
        assert_eq!(t(st[4].percentile).as_deref(), Some("0.500"));
        assert_eq!(st[5], Standing::default());
    }

    #[test]
    fn equal_totals_have_z_zero() {
        let rs = results(&[Some(75.0), Some(75.0)], VetoPolicy::FailKeepScore);
        let st = standings(&rs, &[vec![0, 1]], 2);
        assert_eq!(t(st[0].z).as_deref(), Some("0.00"));
        assert_eq!(st[0].rank, Some(1));
        assert_eq!(st[1].rank, Some(1));
    }

    #[test]
    fn vetoed_accounts_rank_after_every_other_and_never_without_a_rank() {
        // The issue: a vetoed 100 ranked 31st of 445, and a veto without a score ranked null.
        for policy in [VetoPolicy::FailKeepScore, VetoPolicy::FailNoScore] {
            let mut rs = results(&[Some(100.0), Some(70.0), Some(95.0), Some(40.0)], policy);
            for i in [0, 2] {
                let sc = scheme(policy);
                let mut s = sheet(
                    rs[i].account.id,
                    "甲",
                    SheetStatus::Complete,
                    [100.0, 0.0, 95.0][i],
                );
                s.vetoes = vec![VetoReason {
                    id: "v".into(),
                    name: "严重表述错误".into(),
                    reason: "严重表述错误".into(),
                }];
                rs[i] = account_result(&sc, &rs[i].account.clone(), &[&s]);
            }
            let st = standings(&rs, &[vec![0, 1, 2, 3]], 2);
            let ranks: Vec<Option<usize>> = st.iter().map(|s| s.rank).collect();
            let want = match policy {
                // Kept scores: 100 then 95 among the vetoed, after 70 and 40.
                VetoPolicy::FailKeepScore => vec![Some(3), Some(1), Some(4), Some(2)],
                // No score: both vetoed share the last rank.
                _ => vec![Some(3), Some(1), Some(3), Some(2)],
            };
            assert_eq!(ranks, want, "{policy:?}");
            assert_eq!(st[0].group_rank, want[0]);
        }
    }
}
