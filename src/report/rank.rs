//! Rankings (within the round and within a group; ties share a rank) and each account against
//! its group: difference from the group mean and from the mean without it, z-score, percentile
//! rank and a below-average flag.

use serde::{Deserialize, Serialize};

use super::combine::AccountResult;
use super::stats::{competition_ranks, mean, percentile_in_sorted, sample_sd, sorted};

/// An account's standing. All `None` when it has no scored total.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub struct Standing {
    /// Rank in the whole round, highest total first.
    pub rank: Option<usize>,
    /// Rank in its group.
    pub group_rank: Option<usize>,
    /// total − group mean.
    pub vs_mean: Option<f64>,
    /// total − mean of the rest of the group (leave-one-out); `None` in a group of one.
    pub vs_others: Option<f64>,
    /// (total − group mean) / group sample SD; 0 when every total is equal, `None` below two.
    pub z: Option<f64>,
    /// Mid-rank percentile in the group, in [0, 1].
    pub percentile: Option<f64>,
    /// Below the group mean.
    pub below_average: bool,
}

/// Standings of every account: `groups` lists the indices of each group's members.
pub fn standings(rs: &[AccountResult], groups: &[Vec<usize>]) -> Vec<Standing> {
    let totals: Vec<Option<f64>> = rs.iter().map(|r| r.total).collect();
    let overall = competition_ranks(&totals);
    let mut out: Vec<Standing> = overall
        .iter()
        .map(|&rank| Standing {
            rank,
            ..Standing::default()
        })
        .collect();
    for members in groups {
        let vals: Vec<Option<f64>> = members.iter().map(|&i| totals[i]).collect();
        let scored: Vec<f64> = vals.iter().flatten().copied().collect();
        let (m, sd) = (mean(&scored), sample_sd(&scored));
        let sum: f64 = scored.iter().sum();
        let ascending = sorted(&scored);
        for (&i, rank) in members.iter().zip(competition_ranks(&vals)) {
            let (Some(x), Some(m)) = (totals[i], m) else {
                continue;
            };
            let s = &mut out[i];
            s.group_rank = rank;
            s.vs_mean = Some(x - m);
            let n = scored.len();
            s.vs_others = (n > 1).then(|| x - (sum - x) / (n - 1) as f64);
            s.z = sd.map(|sd| if sd > 1e-12 { (x - m) / sd } else { 0.0 });
            s.percentile = percentile_in_sorted(x, &ascending);
            s.below_average = x < m - 1e-9;
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
    use crate::report::sheet::SheetStatus;
    use crate::report::tests::{account, sheet};

    fn results(points: &[Option<f64>]) -> Vec<AccountResult> {
        let sc = scheme(VetoPolicy::FailKeepScore);
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

    #[test]
    fn standing_against_the_group_by_hand() {
        // Group A: 90, 80, 80, 70 (mean 80, SD sqrt(200/3) = 8.1650); group B: 60 alone;
        // one account without a result.
        let rs = results(&[
            Some(90.0),
            Some(80.0),
            Some(80.0),
            Some(70.0),
            Some(60.0),
            None,
        ]);
        let st = standings(&rs, &[vec![0, 1, 2, 3], vec![4], vec![5]]);
        let ranks: Vec<Option<usize>> = st.iter().map(|s| s.rank).collect();
        assert_eq!(
            ranks,
            vec![Some(1), Some(2), Some(2), Some(4), Some(5), None]
        );
        assert_eq!(st[1].group_rank, Some(2));
        assert_eq!(st[0].vs_mean, Some(10.0));
        // 90 against the mean of 80, 80, 70 = 76.667.
        assert!((st[0].vs_others.unwrap() - (90.0 - 230.0 / 3.0)).abs() < 1e-9);
        assert!((st[0].z.unwrap() - 10.0 / (200.0f64 / 3.0).sqrt()).abs() < 1e-9);
        assert_eq!(st[0].percentile, Some(3.5 / 4.0));
        assert_eq!(st[1].percentile, Some(0.5));
        assert!(st[3].below_average && !st[1].below_average);
        // A group of one: no leave-one-out mean, no SD, difference 0, rank 1.
        assert_eq!(st[4].vs_mean, Some(0.0));
        assert_eq!(st[4].vs_others, None);
        assert_eq!(st[4].z, None);
        assert_eq!(st[4].group_rank, Some(1));
        assert_eq!(st[4].percentile, Some(0.5));
        assert_eq!(st[5], Standing::default());
    }

    #[test]
    fn equal_totals_have_z_zero() {
        let rs = results(&[Some(75.0), Some(75.0)]);
        let st = standings(&rs, &[vec![0, 1]]);
        assert_eq!(st[0].z, Some(0.0));
        assert_eq!(st[0].rank, Some(1));
        assert_eq!(st[1].rank, Some(1));
    }
}
