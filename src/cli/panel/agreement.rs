//! `assay panel agreement`: the round's sheets as matrices per round, category or indicator,
//! and every agreement figure for each, as a table, JSON or CSV.

use serde::Serialize;

use super::{AgreementArgs, By};
use crate::cli::output::{self, Format};
use crate::domain::agreement::{self, Agreement, GroupBy, Sheet};
use crate::domain::rubric;
use crate::i18n::Lang;
use crate::storage::Store;

#[derive(Debug, Serialize)]
struct GroupOut {
    key: String,
    name: String,
    #[serde(flatten)]
    agreement: Agreement,
}

#[derive(Debug, Serialize)]
struct Report {
    round: String,
    by: GroupBy,
    groups: Vec<GroupOut>,
}

/// Every evaluator's sheet of the round, with the account's platform and level.
pub(super) fn sheets(store: &Store, round_id: i64) -> anyhow::Result<Vec<Sheet>> {
    Ok(store.panel_sheets(round_id)?)
}

pub fn run(store: &mut Store, args: &AgreementArgs, lang: Lang) -> anyhow::Result<()> {
    let round = store.round(&args.round)?;
    let rubric = rubric::parse(&round.rubric_text, &format!("round {}", round.name))?;
    let by = match args.by {
        By::Round => GroupBy::Round,
        By::Category => GroupBy::Category,
        By::Indicator => GroupBy::Indicator,
    };
    let sheets = sheets(store, round.id)?;
    let groups: Vec<GroupOut> = agreement::groups(&rubric, &round.name, &sheets, by)
        .into_iter()
        .map(|g| GroupOut {
            key: g.key,
            name: g.name,
            agreement: agreement::agreement(&g.matrix),
        })
        .collect();
    let report = Report {
        round: round.name.clone(),
        by,
        groups,
    };
    match args.format {
        Format::Json => crate::io::out::outln!("{}", serde_json::to_string_pretty(&report)?)?,
        Format::Table => crate::io::out::out!("{}", output::table(&header(lang), &rows(&report)))?,
        Format::Csv => crate::io::out::out!("{}", output::csv(&header(lang), &rows(&report))?)?,
    }
    Ok(())
}

fn header(lang: Lang) -> Vec<&'static str> {
    vec![
        lang.pick("分组", "key"),
        lang.pick("名称", "name"),
        lang.pick("对象", "targets"),
        lang.pick("评估人", "raters"),
        lang.pick("剔除", "dropped"),
        "ICC1",
        "ICC2",
        "ICC3",
        "ICC1k",
        "ICC2k",
        "ICC3k",
        "W",
        "p(W)",
        lang.pick("α定序", "alpha_ordinal"),
        lang.pick("α定距", "alpha_interval"),
    ]
}

/// An agreement statistic as published: half-up at four decimals from its decimal reading
/// (the one formatting function), 「—」 when there is none.
fn num(x: Option<f64>) -> String {
    crate::domain::figure::text_or_dash(
        x.and_then(|v| crate::domain::figure::Figure::measured(v, 4)),
    )
}

fn rows(r: &Report) -> Vec<Vec<String>> {
    r.groups
        .iter()
        .map(|g| {
            let a = &g.agreement;
            let icc = |f: fn(&agreement::Icc) -> f64| num(a.icc.as_ref().map(f));
            vec![
                g.key.clone(),
                g.name.clone(),
                a.targets.to_string(),
                a.raters.to_string(),
                a.dropped_targets.to_string(),
                icc(|i| i.ICC1.value),
                icc(|i| i.ICC2.value),
                icc(|i| i.ICC3.value),
                icc(|i| i.ICC1k.value),
                icc(|i| i.ICC2k.value),
                icc(|i| i.ICC3k.value),
                num(a.kendall_w.map(|w| w.w)),
                num(a.kendall_w.map(|w| w.p)),
                num(a.krippendorff_alpha.ordinal),
                num(a.krippendorff_alpha.interval),
            ]
        })
        .collect()
}
