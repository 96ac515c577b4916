//! `assay panel config` and `assay panel result`: the round's panel settings, and per account
//! the panel result from the evaluators' complete sheets, the veto split, and the z-score
//! normalised result beside the raw one (never applied silently).

use std::collections::BTreeMap;

use anyhow::bail;
use serde::Serialize;

use super::{ConfigArgs, ResultArgs};
use crate::cli::output::{self, Format};
use crate::domain::agreement::Matrix;
use crate::domain::panel::{self, Method, PanelPolicy, PanelResult, VetoRule};
use crate::i18n::Lang;
use crate::report::source::{Source, load};
use crate::report::{AccountResult, Verdict, account_results};
use crate::storage::Store;

pub fn config(store: &mut Store, args: &ConfigArgs, lang: Lang) -> anyhow::Result<()> {
    let round = store.round(&args.round)?;
    let mut p = store.panel_policy(round.id)?;
    if let (Some(m), None) = (args.method, &args.category) {
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
    if let Some(key) = &args.category {
        if args.method.is_none() && !args.inherit {
            bail!("{}", lang.pick(
                "--category 需要同时给出 --method mean|median|trimmed，或用 --inherit 恢复为本轮方法",
                "--category needs --method mean|median|trimmed, or --inherit to go back to the round's method"));
        }
        super::categories::set(store, &round, &p, key, args.method, lang)?;
    }
    if let Some(c) = args.calibration {
        store.set_calibration(round.id, c == super::OnOff::On)?;
    }
    println!("{}", super::categories::policy_words(&p, lang));
    println!("{}", super::categories::line(store, &round, lang)?);
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
    /// Each evaluator's total (complete sheets only), counting the chair's consensus.
    totals: BTreeMap<String, f64>,
    /// Where the chair's consensus changed a sheet: the evaluator's own total before it.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    own_totals: BTreeMap<String, f64>,
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

/// Per account with any sheet: the one aggregation's account result (`report::account_results`,
/// under the round's panel settings), so `panel result` and every report agree.
pub fn result(store: &mut Store, args: &ResultArgs, lang: Lang) -> anyhow::Result<()> {
    let round = store.round(&args.round)?;
    let loaded = load(store, &round, Source::Kept, None)?;
    let policy = loaded.scheme.panel;
    let results = account_results(&loaded.scheme, &loaded.accounts, &loaded.sheets);
    let results: Vec<&AccountResult> = results.iter().filter(|r| r.panel.sheets > 0).collect();
    let order: Vec<String> = results
        .iter()
        .map(|r| format!("{}:{}", r.account.platform.code(), r.account.name))
        .collect();
    let mut counted: BTreeMap<(i64, String), f64> = BTreeMap::new();
    for s in loaded.sheets.iter().filter(|s| s.status.counts()) {
        counted.insert((s.account_id, s.evaluator.clone()), s.points);
    }
    let mut raters: Vec<String> = counted.keys().map(|(_, e)| e.clone()).collect();
    raters.sort();
    raters.dedup();
    let matrix = Matrix {
        targets: order.clone(),
        raters: raters.clone(),
        cells: results
            .iter()
            .map(|r| {
                raters
                    .iter()
                    .map(|e| counted.get(&(r.account.id, e.clone())).copied())
                    .collect()
            })
            .collect(),
    };
    let z = panel::z_scores(&matrix);
    let mut rows = Vec::new();
    for (i, r) in results.iter().enumerate() {
        let status = match r.verdict {
            Verdict::Unfinished => lang.pick("未完成", "unfinished"),
            _ if r.vetoed() => lang.pick("否决", "vetoed"),
            Verdict::Passed => lang.pick("合格", "pass"),
            Verdict::Failed => lang.pick("不合格", "fail"),
        };
        rows.push(Row {
            account: order[i].clone(),
            totals: raters
                .iter()
                .filter_map(|e| {
                    let t = counted.get(&(r.account.id, e.clone()))?;
                    Some((e.clone(), *t))
                })
                .collect(),
            own_totals: raters
                .iter()
                .filter_map(|e| {
                    let t = loaded.own_points.get(&(r.account.id, e.clone()))?;
                    Some((e.clone(), *t))
                })
                .collect(),
            z_normalised: if r.panel.unfinished {
                None
            } else {
                z.rescaled[i]
            },
            result: r.panel.clone(),
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
                            .map(|(e, t)| match r.own_totals.get(e) {
                                Some(o) if (o - t).abs() > 1e-9 => {
                                    format!("{e} {t:.2} ({}{o:.2})", lang.pick("本人 ", "own "))
                                }
                                _ => format!("{e} {t:.2}"),
                            })
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
    Method::parse(s).ok_or_else(|| {
        let choices = ["mean", "median", "trimmed"];
        crate::i18n::msg::unknown_choice(
            crate::i18n::current(),
            ("合并方法", "method"),
            s,
            &choices,
        )
    })
}

/// Parses a veto rule for clap.
pub fn parse_veto(s: &str) -> Result<VetoRule, String> {
    match s.trim() {
        "any" => Ok(VetoRule::Any),
        "majority" => Ok(VetoRule::Majority),
        "all" => Ok(VetoRule::All),
        _ => Err(crate::i18n::msg::unknown_choice(
            crate::i18n::current(),
            ("否决规则", "veto rule"),
            s,
            &["any", "majority", "all"],
        )),
    }
}
