//! The year an annual assessment covers: its live rounds (calibration rounds left out), the
//! checks on `--weights` (only the year's rounds; every round named when rubrics differ) and
//! the assessment itself from each round's results.

use super::annual_args::AnnualArgs;
use super::sheet::loaded;
use crate::i18n::{Lang, figure_msg, panel_msg};
use crate::report::annual::Annual;
use crate::storage::{Round, Store};

/// The live rounds of `year` (by monitoring date; calibration rounds left out, and said so).
pub(super) fn year_rounds(
    store: &Store,
    year: i32,
    weights: &[(String, f64)],
    lang: Lang,
) -> anyhow::Result<Vec<Round>> {
    use chrono::Datelike;
    let all: Vec<Round> = store
        .rounds()?
        .into_iter()
        .filter(|r| r.monitoring_date.year() == year)
        .collect();
    let (rounds, practice) = live_rounds(store, all)?;
    if let Some(r) = practice.iter().find(|r| named(weights, r).is_some()) {
        anyhow::bail!("{}", panel_msg::calibration_weighted(lang, &r.name));
    }
    if !practice.is_empty() {
        let names: Vec<String> = practice.iter().map(|r| r.name.clone()).collect();
        eprintln!("{}", panel_msg::calibration_left_out(lang, &names));
    }
    Ok(rounds)
}

/// The annual assessment of `year` under `weights` (naming only that year's rounds), and its
/// rounds.
pub(super) fn year_of(
    store: &mut Store,
    year: i32,
    weights: &[(String, f64)],
    args: &AnnualArgs,
    lang: Lang,
) -> anyhow::Result<(Annual, Vec<Round>)> {
    use crate::report::annual::{YearRound, annual};
    let rounds = year_rounds(store, year, weights, lang)?;
    check_rounds(&rounds, weights, year, lang)?;
    let mut infos = Vec::new();
    let mut results = Vec::new();
    let mut decimals = 0;
    for r in &rounds {
        let l = loaded(store, r)?;
        decimals = decimals.max(l.rubric.decimals);
        infos.push(YearRound {
            id: r.id,
            name: r.name.clone(),
            monitoring_date: r.monitoring_date.to_string(),
            weight: named(weights, r).unwrap_or(1.0),
            rubric: format!("{}（{}）", l.rubric.name, l.rubric.id),
            pass_mark: l.rubric.pass_mark,
            pass_side: l.rubric.pass_side,
        });
        results.push(crate::report::account_results(
            &l.scheme,
            &l.accounts,
            &l.sheets,
        ));
    }
    let y = annual(year, infos, &results, decimals, args.veto_year, lang);
    Ok((y, rounds))
}

/// The weight `--weights` gives the round, if it names it (by id or name).
pub(super) fn named(weights: &[(String, f64)], r: &Round) -> Option<f64> {
    weights
        .iter()
        .find(|(k, _)| *k == r.name || *k == r.id.to_string())
        .map(|(_, w)| *w)
}

/// The year has rounds; `--weights` names only its rounds; rounds of different rubrics are
/// combined only when `--weights` names every one of them.
fn check_rounds(
    rounds: &[Round],
    weights: &[(String, f64)],
    year: i32,
    lang: Lang,
) -> anyhow::Result<()> {
    if rounds.is_empty() {
        anyhow::bail!(
            "{}",
            match lang {
                Lang::Zh => format!(
                    "{} 年没有监测时间点在该年的评估轮次；用 `assay round list` 查看各轮次的日期",
                    year
                ),
                Lang::En => format!(
                    "no round has its monitoring date in {}; see `assay round list` for the dates",
                    year
                ),
            }
        );
    }
    for (k, _) in weights {
        if !rounds
            .iter()
            .any(|r| r.name == *k || r.id.to_string() == *k)
        {
            anyhow::bail!(
                "{}",
                match lang {
                    Lang::Zh => format!("--weights 中的轮次「{k}」不是 {} 年的轮次", year),
                    Lang::En =>
                        format!("--weights names \"{k}\", which is not a round of {}", year),
                }
            );
        }
    }
    let mut rubrics: Vec<&str> = rounds.iter().map(|r| r.rubric_id.as_str()).collect();
    rubrics.sort_unstable();
    rubrics.dedup();
    if rubrics.len() < 2 {
        return Ok(());
    }
    if weights.is_empty() {
        let list: Vec<(String, String)> = rounds
            .iter()
            .map(|r| (r.name.clone(), r.rubric_id.clone()))
            .collect();
        let example: Vec<String> = rounds.iter().map(|r| format!("{}=1", r.id)).collect();
        anyhow::bail!(
            "{}",
            figure_msg::annual_mixed_rubrics(lang, year, &list, &example.join(","))
        );
    }
    let missing: Vec<String> = rounds
        .iter()
        .filter(|r| named(weights, r).is_none())
        .map(|r| r.name.clone())
        .collect();
    if !missing.is_empty() {
        anyhow::bail!("{}", figure_msg::annual_weights_missing(lang, &missing));
    }
    Ok(())
}

/// The year's live rounds and, apart, its calibration rounds (never part of the assessment).
fn live_rounds(store: &Store, year: Vec<Round>) -> anyhow::Result<(Vec<Round>, Vec<Round>)> {
    let mut live = Vec::new();
    let mut practice = Vec::new();
    for r in year {
        if store.is_calibration(r.id)? {
            practice.push(r);
        } else {
            live.push(r);
        }
    }
    Ok((live, practice))
}
