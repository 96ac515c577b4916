//! `assay panel config` and `assay panel result`: the round's panel settings, and per account
//! the panel result from the evaluators' complete sheets, the veto split, and the z-score
//! normalised result beside the raw one (never applied silently).

use std::collections::BTreeMap;

use anyhow::bail;
use serde::Serialize;

use super::agreement::sheets;
use super::{ConfigArgs, ResultArgs};
use crate::cli::output::{self, Format};
use crate::domain::agreement::Matrix;
use crate::domain::engine::score_totals;
use crate::domain::panel::{self, Method, PanelPolicy, PanelResult, SheetScore, VetoRule};
use crate::domain::rubric;
use crate::i18n::Lang;
use crate::storage::Store;

pub fn config(store: &mut Store, args: &ConfigArgs, lang: Lang) -> anyhow::Result<()> {
    let round = store.round(&args.round)?;
    let mut p = store.panel_policy(round.id)?;
    if let Some(m) = args.method {
        p.method = m;
    }
    if let Some(q) = args.quorum {
        p.quorum = q;
    }
    if let Some(v) = args.veto {
        p.veto = v;
    }
    if p.quorum == 0 {
        bail!(
            "{}",
            lang.pick("--quorum 至少为 1", "--quorum must be at least 1")
        );
    }
    if p.method == Method::Trimmed && p.quorum < 3 {
        bail!("{}", lang.pick(
            "去掉最高分和最低分的平均需要每个账号至少 3 份完整评分：请同时设 --quorum 3（或更多）",
            "the trimmed mean drops the highest and lowest score and needs 3 complete sheets per account: set --quorum 3 (or more) with it"));
    }
    store.set_panel_policy(round.id, &p)?;
    if let Some(c) = args.calibration {
        store.set_calibration(round.id, c == super::OnOff::On)?;
    }
    println!("{}", serde_json::to_string(&p)?);
    if args.calibration.is_some() {
        println!(
            "{}",
            super::calibration::state_text(store, round.id, &round.name, lang)?
        );
    }
    Ok(())
}

#[derive(Debug, Serialize)]
struct Row {
    account: String,
    /// Each evaluator's total (complete sheets only).
    totals: BTreeMap<String, f64>,
    #[serde(flatten)]
    result: PanelResult,
    /// The result on the original scale after per-evaluator z-scores.
    z_normalised: Option<f64>,
    status: &'static str,
}

#[derive(Debug, Serialize)]
struct Out {
    round: String,
    policy: PanelPolicy,
    accounts: Vec<Row>,
}

pub fn result(store: &mut Store, args: &ResultArgs, lang: Lang) -> anyhow::Result<()> {
    let round = store.round(&args.round)?;
    let rubric = rubric::parse(&round.rubric_text, &format!("round {}", round.name))?;
    let policy = store.panel_policy(round.id)?;
    let mut by_account: BTreeMap<String, Vec<SheetScore>> = BTreeMap::new();
    let mut order: Vec<String> = Vec::new();
    for s in sheets(store, round.id)? {
        let o = score_totals(&rubric, s.platform, s.level, &s.entries);
        if !by_account.contains_key(&s.account) {
            order.push(s.account.clone());
        }
        by_account.entry(s.account).or_default().push(SheetScore {
            evaluator: s.evaluator,
            // Before the veto effect and publishing: both apply to the panel result.
            total: o.unrounded,
            complete: o.scored == o.applicable,
            vetoed: !o.vetoes.is_empty(),
        });
    }
    let mut raters: Vec<String> = by_account
        .values()
        .flatten()
        .map(|s| s.evaluator.clone())
        .collect();
    raters.sort();
    raters.dedup();
    let matrix = Matrix {
        targets: order.clone(),
        raters: raters.clone(),
        cells: order
            .iter()
            .map(|a| {
                raters
                    .iter()
                    .map(|r| {
                        by_account[a]
                            .iter()
                            .find(|s| s.evaluator == *r && s.complete)
                            .map(|s| s.total)
                    })
                    .collect()
            })
            .collect(),
    };
    let z = panel::z_scores(&matrix);
    let mut rows = Vec::new();
    for (i, a) in order.iter().enumerate() {
        let sheets = &by_account[a];
        let r = panel::panel_result(&policy, sheets).map_err(|e| anyhow::anyhow!("{a}: {e}"))?;
        let status = match (&r, r.total) {
            (r, _) if r.unfinished => lang.pick("未完成", "unfinished"),
            (r, _) if r.vetoed => lang.pick("否决", "vetoed"),
            (_, Some(t)) if t + 1e-9 >= rubric.pass_mark => lang.pick("合格", "pass"),
            _ => lang.pick("不合格", "fail"),
        };
        rows.push(Row {
            account: a.clone(),
            totals: sheets
                .iter()
                .filter(|s| s.complete)
                .map(|s| (s.evaluator.clone(), s.total))
                .collect(),
            z_normalised: if r.unfinished { None } else { z.rescaled[i] },
            result: r,
            status,
        });
    }
    let out = Out {
        round: round.name.clone(),
        policy,
        accounts: rows,
    };
    match args.format {
        Format::Json => println!("{}", crate::cli::output::json(&out)?),
        f => {
            let header = [
                lang.pick("账号", "account"),
                lang.pick("完整/份", "complete"),
                lang.pick("各评估人", "evaluators"),
                lang.pick("结果", "result"),
                lang.pick("z标准化", "z-normalised"),
                lang.pick("否决票", "veto votes"),
                lang.pick("状态", "status"),
            ];
            let num = |x: Option<f64>| x.map_or("—".to_string(), |v| format!("{v:.2}"));
            let rows: Vec<Vec<String>> = out
                .accounts
                .iter()
                .map(|r| {
                    vec![
                        r.account.clone(),
                        format!("{}/{}", r.result.complete, r.result.sheets),
                        r.totals
                            .iter()
                            .map(|(e, t)| format!("{e} {t:.2}"))
                            .collect::<Vec<_>>()
                            .join(", "),
                        num(r.result.total),
                        num(r.z_normalised),
                        format!("{}/{}", r.result.veto_votes, r.result.complete),
                        r.status.to_string(),
                    ]
                })
                .collect();
            if f == Format::Csv {
                print!("{}", output::csv(&header, &rows)?)
            } else {
                print!("{}", output::table(&header, &rows))
            }
        }
    }
    Ok(())
}

/// Parses a method for clap.
pub fn parse_method(s: &str) -> Result<Method, String> {
    match s.trim() {
        "mean" | "平均" => Ok(Method::Mean),
        "median" | "中位数" => Ok(Method::Median),
        "trimmed" | "去极值" => Ok(Method::Trimmed),
        _ => Err(format!(
            "unknown method \"{s}\"; use mean, median or trimmed"
        )),
    }
}

/// Parses a veto rule for clap.
pub fn parse_veto(s: &str) -> Result<VetoRule, String> {
    match s.trim() {
        "any" => Ok(VetoRule::Any),
        "majority" => Ok(VetoRule::Majority),
        "all" => Ok(VetoRule::All),
        _ => Err(format!(
            "unknown veto rule \"{s}\"; use any, majority or all"
        )),
    }
}
