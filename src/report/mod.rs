//! Reports built from stored rounds: the one aggregation (per-sheet results → account results,
//! groups, statistics, standings, roll-ups) in pure code, and the round summary on top of it.
//! Storage only feeds [`SheetResult`]s and accounts; every command and screen calls [`build`].

pub mod agreed;
pub mod annual;
pub mod blind;
pub mod build;
pub mod bulletin;
pub mod changes;
pub mod combine;
pub mod compare;
pub mod compare_sides;
pub mod compare_tables;
pub mod findings;
pub mod group;
pub mod group_acc;
pub mod group_key;
pub mod model;
pub mod offenders;
pub mod offenders_tables;
pub mod rank;
pub mod rectify;
pub mod rectify_doc;
pub mod rectify_record;
pub mod rollup;
pub mod scoresheet;
pub mod sheet;
pub mod sink;
pub mod source;
pub mod stats;
pub mod stream;
pub mod summary;
pub mod svg;
pub mod tables;
pub mod whatif;
pub mod whatif_tables;

#[cfg(test)]
mod panel_tests;

pub use build::{AccountLine, Failure, Options, Report, RollupLevel, account_results, build};
pub use combine::{AccountResult, Verdict, account_result, apply_veto};
pub use group::{Dim, GroupStats};
pub use rank::Standing;
pub use rollup::{Node, RollupRule};
pub use sheet::{Combine, Scheme, SheetFigures, SheetResult, SheetStatus, VetoReason};

#[cfg(test)]
pub(crate) mod tests {
    use super::sheet::{SheetResult, SheetStatus};
    use crate::domain::account::Account;
    use crate::domain::platform::{Level, Platform};

    pub fn account(id: i64, name: &str) -> Account {
        Account {
            id,
            platform: Platform::WeChat,
            platform_label: "微信公众号".into(),
            name: name.into(),
            unit: "单位".into(),
            level: Level::County,
            region: "浙江省/丽水市/莲都区".into(),
            domain: String::new(),
            status: String::new(),
            opened: None,
        }
    }

    pub fn sheet(
        account_id: i64,
        evaluator: &str,
        status: SheetStatus,
        points: f64,
    ) -> SheetResult {
        let f = |x: f64| Some(crate::domain::figure::dec(x).at(2));
        SheetResult {
            account_id,
            evaluator: evaluator.into(),
            status,
            points: crate::domain::figure::dec(points).at(2),
            subtotals: vec![f(points * 0.6), f(points * 0.4)],
            vetoes: Vec::new(),
            left_by_veto: false,
        }
    }

    /// A published figure at two decimals, for comparing results.
    pub fn f(x: f64) -> Option<crate::domain::figure::Figure> {
        Some(crate::domain::figure::dec(x).at(2))
    }
}
