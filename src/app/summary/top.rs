//! A summary's top step as the database keeps it (`storage::summary_tops`): the round's
//! figures and each level's, which a TUI started later shows at once while the accounts'
//! results for the drill-down are computed.

use serde::{Deserialize, Serialize};

use super::{Line, Step, Summary};
use crate::i18n::Lang;
use crate::report::Scheme;
use crate::report::group::GroupStats;

/// What the top step shows.
#[derive(Debug, Serialize, Deserialize)]
struct Top {
    overall: GroupStats,
    evaluators: Vec<String>,
    evaluators_in_progress: Vec<String>,
    lines: Vec<GroupStats>,
    calibration: bool,
}

/// The program and engine a kept top was computed by: a top of another build is computed
/// afresh rather than shown.
pub fn version() -> String {
    format!(
        "{} {} top-1",
        env!("CARGO_PKG_VERSION"),
        crate::domain::sheet_result::ENGINE_VERSION
    )
}

impl Summary {
    /// The top step as kept (JSON).
    pub fn top_body(&self) -> Option<String> {
        let step = self.steps.get(&Vec::new())?;
        let lines = step
            .lines
            .iter()
            .map(|l| match l {
                Line::Group(g) => Some((**g).clone()),
                Line::Account(..) => None,
            })
            .collect::<Option<Vec<_>>>()?;
        let top = Top {
            overall: self.overall.clone(),
            evaluators: self.evaluators.clone(),
            evaluators_in_progress: self.evaluators_in_progress.clone(),
            lines,
            calibration: self.calibration,
        };
        serde_json::to_string(&top).ok()
    }

    /// The summary's top step from a kept body, `partial` until the accounts' results arrive
    /// (nothing to drill into before); `None` if the body does not read.
    pub fn from_top(scheme: Scheme, body: &str, lang: Lang) -> Option<Summary> {
        let top: Top = serde_json::from_str(body)
            .inspect_err(|e| tracing::warn!("a kept summary top does not read: {e}"))
            .ok()?;
        let lines: Vec<Line> = top
            .lines
            .into_iter()
            .map(|g| Line::Group(Box::new(g)))
            .collect();
        let step = Step {
            here: top.overall.clone(),
            lines: lines.clone(),
        };
        Some(Summary {
            scheme,
            results: Vec::new(),
            here: top.overall.clone(),
            overall: top.overall,
            evaluators: top.evaluators,
            evaluators_in_progress: top.evaluators_in_progress,
            path: Vec::new(),
            lines,
            selected: 0,
            calibration: top.calibration,
            partial: true,
            lang,
            steps: [(Vec::new(), step)].into_iter().collect(),
            pending: Default::default(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::rubric::VetoPolicy;
    use crate::report::combine::tests::scheme;
    use crate::report::sheet::SheetStatus;
    use crate::report::tests::{account, sheet};

    /// The kept top reads back as the same top step: figures, lines, evaluators, shares.
    #[test]
    fn a_kept_top_shows_the_same_top_step() {
        let mut accounts = Vec::new();
        let mut sheets = Vec::new();
        for i in 1..=9 {
            let mut a = account(i, &format!("号{i}"));
            if i % 3 == 0 {
                a.level = crate::domain::platform::Level::City;
            }
            accounts.push(a);
            let status = if i == 5 {
                SheetStatus::InProgress
            } else {
                SheetStatus::Complete
            };
            sheets.push(sheet(i, "张", status, 55.0 + (i * 7 % 40) as f64 + 0.25));
        }
        sheets.push(sheet(2, "李", SheetStatus::InProgress, 10.0));
        let scheme = scheme(VetoPolicy::FailKeepScore);
        let mut full = Summary::of(&scheme, accounts, &sheets, Lang::Zh);
        full.calibration = true;
        let body = full.top_body().expect("top");
        let mut top = Summary::from_top(scheme, &body, Lang::Zh).expect("reads");
        assert!(top.partial && !full.partial);
        assert_eq!(top.overall, full.overall);
        assert_eq!(top.here, full.here);
        assert_eq!(top.lines, full.lines);
        assert_eq!(top.lines.len(), 2, "two levels");
        assert_eq!(top.evaluators, full.evaluators);
        assert_eq!(top.evaluators_in_progress, full.evaluators_in_progress);
        assert!(top.evaluators_in_progress.contains(&"李".to_string()));
        assert!(top.calibration);
        top.move_by(1);
        full.move_by(1);
        assert_eq!(top.selected_shares(), full.selected_shares());
        assert!(!top.drill(), "nothing to drill into before the results");
        assert!(top.path.is_empty());
        assert!(Summary::from_top(top.scheme.clone(), "{", Lang::Zh).is_none());
    }
}
