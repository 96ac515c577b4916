//! The rubric's rules about thresholds and vetoes: which side of a threshold is in, and what a
//! veto hit does to the total (one pure function, usable after evaluators are combined).

use serde::{Deserialize, Serialize};

/// What a veto hit does to the total. Every policy fails the account.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub enum VetoPolicy {
    /// The computed total is kept for reference.
    #[default]
    FailKeepScore,
    /// The total is SET to this value whatever was computed (肇庆 scores a vetoed county 59).
    FailWithScore(f64),
    /// The total is capped at this value: min(computed, x).
    FailCapScore(f64),
    /// No total at all ("其他指标不再评分"): shown as —, null in JSON, ranked last.
    FailNoScore,
}

impl VetoPolicy {
    /// The total of a vetoed account from its `computed` total (base + bonus), or `None` when
    /// the policy gives no total. Pure, so that it also applies after several evaluators'
    /// totals were combined.
    pub fn apply(self, computed: f64) -> Option<f64> {
        match self {
            VetoPolicy::FailKeepScore => Some(computed),
            VetoPolicy::FailWithScore(x) => Some(x),
            VetoPolicy::FailCapScore(x) => Some(computed.min(x)),
            VetoPolicy::FailNoScore => None,
        }
    }

    /// Whether the policy needs the computed total: keeping or capping it does, setting a value
    /// or giving none does not.
    pub fn needs_computed(self) -> bool {
        matches!(
            self,
            VetoPolicy::FailKeepScore | VetoPolicy::FailCapScore(_)
        )
    }

    /// The total of a vetoed sheet (or account) whose items are `all_scored` or not: a veto
    /// settles the verdict with items left unscored (「因单项否决未评」), and then a policy that
    /// needs the computed total has none to work from, so there is no total (「—（单项否决）」).
    pub fn settle(self, computed: f64, all_scored: bool) -> Option<f64> {
        if !all_scored && self.needs_computed() {
            return None;
        }
        self.apply(computed)
    }

    /// The value the policy names (set or cap), if any.
    pub fn value(self) -> Option<f64> {
        match self {
            VetoPolicy::FailWithScore(x) | VetoPolicy::FailCapScore(x) => Some(x),
            VetoPolicy::FailKeepScore | VetoPolicy::FailNoScore => None,
        }
    }
}

/// Which side of a threshold is in: `Above` the mark only, or `AtLeast` the mark.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Side {
    Above,
    AtLeast,
}

impl Side {
    pub(super) fn above() -> Side {
        Side::Above
    }

    pub(super) fn at_least() -> Side {
        Side::AtLeast
    }

    /// True when `value` (already at published precision) is on the admitted side of `mark`.
    pub fn admits(self, value: f64, mark: f64) -> bool {
        match self {
            Side::Above => value > mark + 1e-9,
            Side::AtLeast => value + 1e-9 >= mark,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn veto_policies_apply_to_a_computed_total() {
        assert_eq!(VetoPolicy::FailKeepScore.apply(30.0), Some(30.0));
        assert_eq!(VetoPolicy::FailWithScore(59.0).apply(30.0), Some(59.0));
        assert_eq!(VetoPolicy::FailCapScore(59.0).apply(30.0), Some(30.0));
        assert_eq!(VetoPolicy::FailCapScore(59.0).apply(88.5), Some(59.0));
        assert_eq!(VetoPolicy::FailNoScore.apply(88.5), None);
    }

    #[test]
    fn a_veto_with_items_unscored_keeps_only_totals_it_does_not_need() {
        assert_eq!(VetoPolicy::FailKeepScore.settle(30.0, false), None);
        assert_eq!(VetoPolicy::FailCapScore(59.0).settle(30.0, false), None);
        assert_eq!(
            VetoPolicy::FailWithScore(59.0).settle(30.0, false),
            Some(59.0)
        );
        assert_eq!(VetoPolicy::FailNoScore.settle(30.0, false), None);
        assert_eq!(
            VetoPolicy::FailCapScore(59.0).settle(88.5, true),
            Some(59.0)
        );
    }

    #[test]
    fn sides_include_or_exclude_their_mark() {
        assert!(!Side::Above.admits(80.0, 80.0) && Side::Above.admits(80.01, 80.0));
        assert!(Side::AtLeast.admits(60.0, 60.0) && !Side::AtLeast.admits(59.99, 60.0));
    }
}
