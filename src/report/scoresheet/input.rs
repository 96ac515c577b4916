//! What a score sheet is built from: the round, the rubric, the account and each evaluator's
//! entries ([`SheetInput`]), and each evaluator's sheet scored by the engine ([`Scored`]). The
//! builder, its rows and the consensus columns all read these.

use std::collections::HashMap;

use crate::domain::account::Account;
use crate::domain::engine::{self, Outcome};
use crate::domain::entry::Entry;
use crate::domain::rubric::Rubric;
use crate::i18n::Lang;
use crate::report::{Scheme, SheetFigures};
use crate::storage::Round;

/// One evaluator's sheet for the account.
#[derive(Debug, Clone, PartialEq)]
pub struct EvaluatorSheet {
    pub name: String,
    pub submitted: bool,
    pub entries: Vec<Entry>,
}

/// Everything a score sheet is built from.
pub struct SheetInput<'a> {
    pub round: &'a Round,
    pub rubric: &'a Rubric,
    pub scheme: &'a Scheme,
    pub account: &'a Account,
    pub evaluators: Vec<EvaluatorSheet>,
    pub lang: Lang,
    /// The chair's consensus per indicator (empty when nothing was reconciled).
    pub consensus: HashMap<String, crate::storage::ConsensusRow>,
    /// A calibration round: said beside the round's name.
    pub calibration: bool,
}

pub(super) struct Scored {
    pub name: String,
    pub outcome: Outcome,
    pub entries: HashMap<String, Entry>,
    pub counts: bool,
    pub status: String,
}

pub(super) fn score_one(input: &SheetInput<'_>, e: &EvaluatorSheet) -> Scored {
    let a = input.account;
    let outcome = engine::score(input.rubric, a.platform, a.level, &e.entries);
    let status = SheetFigures::of(&outcome)
        .into_sheet(a.id, e.name.clone(), e.submitted)
        .map(|s| s.status);
    let lang = input.lang;
    let label = match status {
        Some(crate::report::SheetStatus::Submitted) => lang.pick("已提交", "submitted"),
        Some(crate::report::SheetStatus::Complete) => lang.pick("已完成", "complete"),
        Some(crate::report::SheetStatus::InProgress) => {
            lang.pick("进行中（不计入）", "in progress (not counted)")
        }
        None => lang.pick("未开始", "not started"),
    };
    Scored {
        name: e.name.clone(),
        entries: e
            .entries
            .iter()
            .map(|x| (x.indicator.clone(), x.clone()))
            .collect(),
        counts: status.is_some_and(|s| s.counts()),
        status: label.into(),
        outcome,
    }
}
