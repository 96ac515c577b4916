//! The rubric's rules about thresholds and vetoes: which side of a threshold is in, and what a
//! veto hit does to the total (one pure function, usable after evaluators are combined).

use serde::{Deserialize, Serialize};

use crate::domain::figure::{Figure, dec};

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
    /// The published total of a vetoed account from its published `computed` total (base +
    /// bonus), at `decimals`, or `None` when the policy gives no total. Pure, so that it also
    /// applies after several evaluators' totals were combined.
    pub fn apply(self, computed: Figure, decimals: u32) -> Option<Figure> {
        match self {
            VetoPolicy::FailKeepScore => Some(computed.at(decimals)),
            VetoPolicy::FailWithScore(x) => Some(dec(x).at(decimals)),
            VetoPolicy::FailCapScore(x) => Some(computed.min(dec(x)).at(decimals)),
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
    pub fn settle(self, computed: Figure, decimals: u32, all_scored: bool) -> Option<Figure> {
        if !all_scored && self.needs_computed() {
            return None;
        }
        self.apply(computed, decimals)
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

    /// True when a published `value` is on the admitted side of `mark` (compared exactly: the
    /// figure that is printed is the figure that is judged).
    pub fn admits(self, value: Figure, mark: f64) -> bool {
        let mark = dec(mark);
        match self {
            Side::Above => value > mark,
            Side::AtLeast => value >= mark,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn veto_policies_apply_to_a_computed_total() {
        let f = |x: f64| dec(x).at(2);
        assert_eq!(VetoPolicy::FailKeepScore.apply(f(30.0), 2), Some(f(30.0)));
        assert_eq!(
            VetoPolicy::FailWithScore(59.0).apply(f(30.0), 2),
            Some(f(59.0))
        );
        assert_eq!(
            VetoPolicy::FailCapScore(59.0).apply(f(30.0), 2),
            Some(f(30.0))
        );
        assert_eq!(
            VetoPolicy::FailCapScore(59.0).apply(f(88.5), 2),
            Some(f(59.0))
        );
        assert_eq!(VetoPolicy::FailNoScore.apply(f(88.5), 2), None);
        assert_eq!(
            VetoPolicy::FailWithScore(59.0)
                .apply(f(30.0), 2)
                .unwrap()
                .text(),
            "59.00"
        );
    }

    #[test]
    fn a_veto_with_items_unscored_keeps_only_totals_it_does_not_need() {
        let f = |x: f64| dec(x).at(2);
        assert_eq!(VetoPolicy::FailKeepScore.settle(f(30.0), 2, false), None);
        assert_eq!(
            VetoPolicy::FailCapScore(59.0).settle(f(30.0), 2, false),
            None
        );
        assert_eq!(
            VetoPolicy::FailWithScore(59.0).settle(f(30.0), 2, false),
            Some(f(59.0))
        );
        assert_eq!(VetoPolicy::FailNoScore.settle(f(30.0), 2, false), None);
        assert_eq!(
            VetoPolicy::FailCapScore(59.0).settle(f(88.5), 2, true),
            Some(f(59.0))
        );
    }

    #[test]
    fn sides_include_or_exclude_their_mark() {
        let f = |x: f64| dec(x).at(3);
        assert!(!Side::Above.admits(f(80.0), 80.0) && Side::Above.admits(f(80.001), 80.0));
        assert!(Side::AtLeast.admits(f(60.0), 60.0) && !Side::AtLeast.admits(f(59.999), 60.0));
        // 5.999 at three decimals is below 6: printed and judged alike.
        assert!(!Side::AtLeast.admits(Figure::new(5999, 3), 6.0));
    }
}
