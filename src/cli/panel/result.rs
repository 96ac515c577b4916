//! `assay panel config` and `assay panel result`: the round's panel settings, and per account
//! the panel result from the evaluators' complete sheets, the veto split, and the z-score
//! normalised result beside the raw one (never applied silently).

use std::collections::{BTreeMap, BTreeSet};

use anyhow::bail;
use serde::Serialize;

use super::{ConfigArgs, ResultArgs};
use crate::cli::output::{self, Format};
use crate::domain::agreement::Matrix;
use crate::domain::figure::{Figure, text_or_dash};
use crate::domain::panel::{self, Method, PanelPolicy, VetoRule};
use crate::i18n::Lang;
use crate::report::source::{Source, load};
use crate::report::{AccountResult, account_results};
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
    // Everything is checked before anything is written: a refusal leaves the database as it was.
    let category = match &args.category {
        Some(key) => {
            if args.method.is_none() && !args.inherit {
                bail!("{}", lang.pick(
                    "--category 需要同时给出 --method mean|median|trimmed，或用 --inherit 恢复为本轮方法",
                    "--category needs --method mean|median|trimmed, or --inherit to go back to the round's method"));
            }
            Some(super::categories::checked(
                &round,
                &p,
                key,
                args.method,
                lang,
            )?)
        }
        None => None,
    };
    let rules_given = args.quorum.is_some()
        || args.veto.is_some()
        || (args.method.is_some() && args.category.is_none());
    store.configure_panel(
        round.id,
        &crate::storage::PanelConfig {
            policy: rules_given.then_some(p),
            category,
            calibration: args.calibration.map(|c| c == super::OnOff::On),
        },
    )?;
    crate::io::out::outln!("{}", super::categories::policy_words(&p, lang))?;
    crate::io::out::outln!("{}", super::categories::line(store, &round, lang)?)?;
    if args.calibration.is_some() {
        crate::io::out::outln!(
            "{}",
            super::calibration::state_text(store, round.id, &round.name, lang)?
        )?;
    }
    Ok(())
}

#[derive(Debug, Serialize)]
struct Row {
    /// The account's key, `platform-code:name` (as `--account` takes it).
    account: String,
    /// The account as the table shows it: the platform as offices write it, then the name.
    #[serde(skip)]
    shown: String,
    /// Each evaluator's published total (complete sheets only), counting the chair's consensus.
    totals: BTreeMap<String, Figure>,
    /// Where the chair's consensus changed a sheet: the evaluator's own total before it.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    own_totals: BTreeMap<String, Figure>,
    /// The combined points before the veto policy, published (what the panel combined).
    points: Option<Figure>,
    /// The account's published total after the veto policy: what every report prints (「—」/null
    /// where a veto leaves no score or there is no final result).
    total: Option<Figure>,
    sheets: usize,
    complete: usize,
    veto_votes: usize,
    vetoed: bool,
    pending: bool,
    unfinished: bool,
    values: Vec<Figure>,
    /// The result on the original scale after per-evaluator z-scores (not applied).
    z_normalised: Option<Figure>,
    status: &'static str,
    /// Evaluators whose sheet a veto settled with items unscored (no total of their own).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    vetoed_alone: Vec<String>,
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
    // A sheet a veto settled with items unscored has no total of its own (「—（单项否决）」):
    // it is shown as such and left out of the z-scores.
    let mut counted: BTreeMap<(i64, String), Figure> = BTreeMap::new();
    let mut left_by_veto: BTreeSet<(i64, String)> = BTreeSet::new();
    for s in loaded.sheets.iter().filter(|s| s.status.counts()) {
        if s.left_by_veto {
            left_by_veto.insert((s.account_id, s.evaluator.clone()));
        } else {
            counted.insert((s.account_id, s.evaluator.clone()), s.points);
        }
    }
    let mut raters: Vec<String> = counted
        .keys()
        .chain(left_by_veto.iter())
        .map(|(_, e)| e.clone())
        .collect();
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
                    .map(|e| counted.get(&(r.account.id, e.clone())).map(|f| f.to_f64()))
                    .collect()
            })
            .collect(),
    };
    let z = panel::z_scores(&matrix);
    let mut rows = Vec::new();
    for (i, r) in results.iter().enumerate() {
        let status = crate::report::tables::verdict_label(r, lang);
        let d = loaded.scheme.decimals;
        rows.push(Row {
            account: order[i].clone(),
            shown: format!(
                "{}:{}",
                lang.pick(r.account.platform.label_zh(), r.account.platform.label_en()),
                r.account.name
            ),
            vetoed_alone: raters
                .iter()
                .filter(|e| left_by_veto.contains(&(r.account.id, (*e).clone())))
                .cloned()
                .collect(),
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
                z.rescaled[i].and_then(|x| Figure::measured(x, d))
            },
            points: r.points,
            total: r.total,
            sheets: r.panel.sheets,
            complete: r.panel.complete,
            veto_votes: r.panel.veto_votes,
            vetoed: r.vetoed(),
            pending: r.panel.pending,
            unfinished: r.panel.unfinished,
            values: r.panel.values.clone(),
            status,
        });
    }
    let out = Out {
        round: round.name.clone(),
        policy,
        accounts: rows,
    };
    match args.format {
        Format::Json => crate::io::out::outln!("{}", crate::cli::output::json(&out)?)?,
        f => {
            let header = [
                lang.pick("账号", "account"),
                lang.pick("完整/份", "complete"),
                lang.pick("各评估人", "evaluators"),
                lang.pick("否决前得分", "before veto"),
                lang.pick("结果", "result"),
                lang.pick("z标准化", "z-normalised"),
                lang.pick("否决票", "veto votes"),
                lang.pick("状态", "status"),
            ];
            let num = text_or_dash;
            let rows: Vec<Vec<String>> = out
                .accounts
                .iter()
                .map(|r| {
                    vec![
                        r.shown.clone(),
                        format!("{}/{}", r.complete, r.sheets),
                        r.totals
                            .iter()
                            .map(|(e, t)| match r.own_totals.get(e) {
                                Some(o) if o != t => {
                                    format!("{e} {t} ({}{o})", lang.pick("本人 ", "own "))
                                }
                                _ => format!("{e} {t}"),
                            })
                            .chain(r.vetoed_alone.iter().map(|e| {
                                format!("{e} {}", crate::i18n::figure_msg::vetoed_no_score(lang))
                            }))
                            .collect::<Vec<_>>()
                            .join(lang.pick("，", ", ")),
                        num(r.points),
                        num(r.total),
                        num(r.z_normalised),
                        format!("{}/{}", r.veto_votes, r.complete),
                        r.status.to_string(),
                    ]
                })
                .collect();
            if f == Format::Csv {
                crate::io::out::out!("{}", output::csv(&header, &rows)?)?
            } else {
                crate::io::out::out!("{}", output::table(&header, &rows))?
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
