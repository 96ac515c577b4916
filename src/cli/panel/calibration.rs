//! `assay panel calibration`: a calibration round read back for the panel — the agreement per
//! indicator and each evaluator's offset from the others, on the accounts everyone scored.

use serde::Serialize;

use super::CalibrationArgs;
use crate::app::reconcile::n;
use crate::cli::output::{self, Format};
use crate::domain::agreement::{Calibration, calibration};
use crate::domain::rubric;
use crate::i18n::Lang;
use crate::storage::Store;

#[derive(Serialize)]
struct Out<'a> {
    round: &'a str,
    calibration_round: bool,
    #[serde(flatten)]
    result: &'a Calibration,
}

/// Whether the round is a calibration round, in words.
pub fn state_text(store: &Store, round_id: i64, name: &str, lang: Lang) -> anyhow::Result<String> {
    let on = store.is_calibration(round_id)?;
    Ok(match (on, lang) {
        (true, Lang::Zh) => format!("轮次「{name}」是校准轮次"),
        (false, Lang::Zh) => format!("轮次「{name}」是正式评估轮次（非校准）"),
        (true, Lang::En) => format!("round \"{name}\" is a calibration round"),
        (false, Lang::En) => format!("round \"{name}\" is a live round (not calibration)"),
    })
}

fn opt(x: Option<f64>) -> String {
    x.filter(|v| v.is_finite()).map_or("—".into(), n)
}

pub fn run(store: &mut Store, args: &CalibrationArgs, lang: Lang) -> anyhow::Result<()> {
    let round = store.round(&args.round)?;
    let rubric = rubric::parse(&round.rubric_text, &format!("round {}", round.name))?;
    let sheets = store.panel_sheets(round.id)?;
    let c = calibration(&rubric, &round.name, &sheets);
    let on = store.is_calibration(round.id)?;
    if args.format == Format::Json {
        let out = Out {
            round: &round.name,
            calibration_round: on,
            result: &c,
        };
        crate::io::out::outln!("{}", serde_json::to_string_pretty(&out)?)?;
        return Ok(());
    }
    let (rows, rows2) = (indicator_rows(&c), offset_rows(&c));
    if args.format == Format::Csv {
        crate::io::out::out!("{}", output::csv(&offset_header(lang), &rows2)?)?;
        return Ok(());
    }
    crate::io::out::outln!("{}", state_text(store, round.id, &round.name, lang)?)?;
    crate::io::out::outln!(
        "{}",
        match lang {
            Lang::Zh => format!(
                "比较 {} 个所有评估人都评过的账号（{} 位评估人），另有 {} 个账号未被全部评估人评分",
                c.accounts.len(),
                c.evaluators.len(),
                c.left_out.len()
            ),
            Lang::En => format!(
                "{} accounts scored by all {} evaluators compared; {} accounts left out (not scored by everyone)",
                c.accounts.len(),
                c.evaluators.len(),
                c.left_out.len()
            ),
        }
    )?;
    crate::io::out::out!("{}", output::table(&indicator_header(lang), &rows))?;
    crate::io::out::outln!()?;
    crate::io::out::out!("{}", output::table(&offset_header(lang), &rows2))?;
    Ok(())
}

fn indicator_header(lang: Lang) -> [&'static str; 6] {
    [
        lang.pick("指标", "indicator"),
        lang.pick("名称", "name"),
        lang.pick("账号", "accounts"),
        "ICC2",
        "W",
        lang.pick("α定距", "alpha_interval"),
    ]
}

fn offset_header(lang: Lang) -> [&'static str; 4] {
    [
        lang.pick("评估人", "evaluator"),
        lang.pick("比较格数", "cells"),
        lang.pick("平均偏差", "mean deviation"),
        lang.pick("与他人均值相关", "correlation with the others"),
    ]
}

fn indicator_rows(c: &Calibration) -> Vec<Vec<String>> {
    (c.indicators.iter())
        .map(|i| {
            let a = &i.agreement;
            vec![
                i.indicator.clone(),
                i.name.clone(),
                a.complete_targets.to_string(),
                opt(a.icc.as_ref().map(|x| x.ICC2.value)),
                opt(a.kendall_w.map(|w| w.w)),
                opt(a.krippendorff_alpha.interval),
            ]
        })
        .collect()
}

fn offset_rows(c: &Calibration) -> Vec<Vec<String>> {
    (c.offsets.iter())
        .map(|o| {
            vec![
                o.rater.clone(),
                o.targets.to_string(),
                opt(o.mean_deviation),
                opt(o.correlation),
            ]
        })
        .collect()
}
