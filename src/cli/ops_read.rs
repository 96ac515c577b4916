//! What every operations command shares, below the commands themselves: the output formats,
//! building the report from the kept index, and refreshing an index left stale.

use chrono::{NaiveDate, Weekday};
use clap::ValueEnum;

use crate::domain::ops::activity::ActivityRules;
use crate::domain::ops::formula::Formula;
use crate::domain::ops::roster::Roster;
use crate::domain::ops::table::OpsTable;
use crate::i18n::Lang;
use crate::storage::Store;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OpsFormat {
    Table,
    Json,
    Csv,
    Md,
}

/// Recomputes the weekly index values left stale by a write that bypassed the metric writers
/// (or an upgrade: every week once, saying so when that is many). When that cannot be written
/// (a read-only file, a lock), the report reads those weeks from the metrics instead: slower,
/// the same figures.
pub fn refresh_index(store: &mut Store, lang: Lang) {
    if store.ops_index_fresh().unwrap_or(false) {
        return;
    }
    if store.ops_index_stale().unwrap_or(0) >= 100_000 {
        eprintln!(
            "{}",
            lang.pick(
                "正在更新运营指数（每周每账号一次，之后直接读取）…",
                "updating the kept operations index (once per account and week; read directly afterwards)…"
            )
        );
    }
    if let Err(e) = store.refresh_ops_index() {
        tracing::warn!("ops index not refreshed: {e}");
    }
}

/// Reads the metrics week by week and builds the report over `from..=to`, its rows made as
/// they are listed.
pub fn build<'a>(
    store: &Store,
    roster: Roster,
    formulas: &'a [Formula],
    rules: &'a ActivityRules,
    from: NaiveDate,
    to: NaiveDate,
    first: Weekday,
) -> anyhow::Result<OpsTable<'a>> {
    Ok(store.ops_table(&crate::storage::ops_scan::OpsQuery {
        roster: std::sync::Arc::new(roster),
        formulas,
        rules,
        from,
        to,
        first,
        series: false,
    })?)
}
