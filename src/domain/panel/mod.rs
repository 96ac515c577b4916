//! The panel's rules, pure: the panel result of an account from its evaluators' sheets (mean,
//! median or trimmed mean, quorum, veto across the panel), per-evaluator z-scores shown beside
//! the raw result, the disagreement queue, and who sees whose sheets (blind scoring).

mod assign;
mod blind;
mod categories;
mod items;
mod queue;
mod result;
mod zscore;

pub use assign::{AssignError, Assignee, Target, assign, assigned_to, unassigned};
pub use blind::{Viewer, may_see, sees_others, viewer};
pub use categories::{Parts, combine_by_category, method_of};
pub use items::{account_items, round_items};
pub use queue::{Disagreement, Item, QueueRule, Vote, Why, queue};
pub use result::{
    Method, PanelError, PanelPolicy, PanelResult, SheetScore, VetoRule, combine_in_place,
    combine_values, panel_result,
};
pub use zscore::{ZScores, z_scores};

#[cfg(test)]
mod tests;
