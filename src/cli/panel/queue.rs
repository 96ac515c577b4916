//! `assay panel queue` and `assay panel reconcile`: indicators where the evaluators disagree
//! (spread, SD, split veto) and the chair's consensus recorded with a rationale in the history.

use std::collections::{BTreeMap, HashSet};

use anyhow::bail;
use serde::Serialize;

use super::agreement::sheets;
use super::{QueueArgs, ReconcileArgs};
use crate::cli::output::{self, Format};
use crate::domain::agreement::Sheet;
use crate::domain::engine::{ItemState, score_totals};
use crate::domain::entry::Entry;
use crate::domain::panel::{self, Disagreement, Item, QueueRule, Vote, Why};
use crate::domain::rubric::{self, ItemRef, Rubric};
use crate::i18n::Lang;
use crate::storage::{MergeWrite, Store};

/// The history `indicator` of a consensus: `@consensus:INDICATOR`.
pub const CONSENSUS_PREFIX: &str = "@consensus:";

/// One account's items with every evaluator's vote.
fn items_of(rubric: &Rubric, account: &str, sheets: &[&Sheet]) -> Vec<Item> {
    let mut items: BTreeMap<usize, Item> = BTreeMap::new();
    let order: Vec<String> = rubric
        .items()
        .iter()
        .map(|i| i.common().id.clone())
        .collect();
    for s in sheets {
        let o = score_totals(rubric, s.platform, s.level, &s.entries);
        for r in &o.items {
            let Some(pos) = order.iter().position(|id| *id == r.id) else {
                continue;
            };
            let entry = s.entries.iter().find(|e| e.indicator == r.id);
            let is_veto = matches!(rubric.item(&r.id), Some(ItemRef::Veto(_)));
            let vote = match (is_veto, entry) {
                (true, Some(e)) if !e.na && (e.veto.is_some() || e.value.is_some()) => {
                    vote(s, None, Some(e.veto.is_some()), e)
                }
                (false, Some(e)) if r.state == ItemState::Scored && r.category != "bonus" => {
                    vote(s, Some(r.points), None, e)
                }
                _ => continue,
            };
            items
                .entry(pos)
                .or_insert_with(|| Item {
                    account: account.to_string(),
                    indicator: r.id.clone(),
                    max: r.max,
                    votes: Vec::new(),
                })
                .votes
                .push(vote);
        }
    }
    items.into_values().collect()
}

fn vote(s: &Sheet, points: Option<f64>, veto: Option<bool>, e: &Entry) -> Vote {
    Vote {
        evaluator: s.evaluator.clone(),
        points,
        veto,
        note: e.note.clone(),
        evidence: e.evidence.clone(),
    }
}

/// The open queue (without items the chair has reconciled) and the reconciled count.
pub(super) fn open_queue(
    store: &Store,
    round_id: i64,
    rubric: &Rubric,
    rule: &QueueRule,
) -> anyhow::Result<(Vec<Disagreement>, usize)> {
    let all = sheets(store, round_id)?;
    let mut by_account: BTreeMap<&str, Vec<&Sheet>> = BTreeMap::new();
    let mut order = Vec::new();
    for s in &all {
        if !by_account.contains_key(s.account.as_str()) {
            order.push(s.account.as_str());
        }
        by_account.entry(&s.account).or_default().push(s);
    }
    let items: Vec<Item> = order
        .iter()
        .flat_map(|a| items_of(rubric, a, &by_account[a]))
        .collect();
    let done = reconciled(store, round_id)?;
    let (closed, open): (Vec<_>, Vec<_>) = panel::queue(rule, items)
        .into_iter()
        .partition(|d| done.contains(&(d.item.account.clone(), d.item.indicator.clone())));
    Ok((open, closed.len()))
}

/// (account label, indicator) pairs with a recorded consensus.
fn reconciled(store: &Store, round_id: i64) -> anyhow::Result<HashSet<(String, String)>> {
    let labels: std::collections::HashMap<i64, String> = store
        .round_accounts(round_id)?
        .into_iter()
        .map(|a| (a.id, format!("{}:{}", a.platform.code(), a.name)))
        .collect();
    Ok(store
        .history(round_id, None)?
        .into_iter()
        .filter_map(|h| {
            let ind = h.indicator.strip_prefix(CONSENSUS_PREFIX)?.to_string();
            Some((labels.get(&h.account_id)?.clone(), ind))
        })
        .collect())
}

#[derive(Serialize)]
struct QueueOut<'a> {
    round: &'a str,
    open: usize,
    reconciled: usize,
    items: &'a [Disagreement],
}

pub fn run(store: &mut Store, args: &QueueArgs, lang: Lang) -> anyhow::Result<()> {
    let round = store.round(&args.round)?;
    let rubric = rubric::parse(&round.rubric_text, &format!("round {}", round.name))?;
    let rule = QueueRule {
        share_of_max: if args.sd.is_some() && args.spread.is_none() {
            None
        } else {
            Some(args.spread.unwrap_or(0.3))
        },
        sd: args.sd,
    };
    let (open, reconciled) = open_queue(store, round.id, &rubric, &rule)?;
    match args.format {
        Format::Json => println!(
            "{}",
            serde_json::to_string_pretty(&QueueOut {
                round: &round.name,
                open: open.len(),
                reconciled,
                items: &open
            })?
        ),
        f => {
            let header = [
                lang.pick("账号", "account"),
                lang.pick("指标", "indicator"),
                lang.pick("原因", "why"),
                lang.pick("各评估人", "evaluators"),
            ];
            let rows: Vec<Vec<String>> = open
                .iter()
                .map(|d| {
                    vec![
                        d.item.account.clone(),
                        d.item.indicator.clone(),
                        why_text(&d.why, lang),
                        votes_text(&d.item.votes, lang),
                    ]
                })
                .collect();
            if f == Format::Csv {
                print!("{}", output::csv(&header, &rows)?);
            } else {
                print!("{}", output::table(&header, &rows));
                println!(
                    "{}",
                    match lang {
                        Lang::Zh => format!("待协调 {} 项，已协调 {reconciled} 项", open.len()),
                        Lang::En => format!("{} open, {reconciled} reconciled", open.len()),
                    }
                );
            }
        }
    }
    Ok(())
}

fn why_text(why: &[Why], lang: Lang) -> String {
    why.iter()
        .map(|w| match (w, lang) {
            (Why::Spread { range, limit }, Lang::Zh) => {
                format!("极差 {} > {}", n(*range), n(*limit))
            }
            (Why::Spread { range, limit }, Lang::En) => {
                format!("range {} > {}", n(*range), n(*limit))
            }
            (Why::Sd { sd, limit }, Lang::Zh) => format!("标准差 {} > {}", n(*sd), n(*limit)),
            (Why::Sd { sd, limit }, Lang::En) => format!("SD {} > {}", n(*sd), n(*limit)),
            (Why::SplitVeto { hits, of }, Lang::Zh) => format!("否决分歧 {hits}/{of}"),
            (Why::SplitVeto { hits, of }, Lang::En) => format!("split veto {hits}/{of}"),
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// A number with at most two decimals, without trailing zeros.
fn n(x: f64) -> String {
    let s = format!("{x:.2}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

fn votes_text(votes: &[Vote], lang: Lang) -> String {
    votes
        .iter()
        .map(|v| match (v.points, v.veto) {
            (Some(p), _) => format!("{} {}", v.evaluator, n(p)),
            (None, Some(true)) => format!("{} {}", v.evaluator, lang.pick("否决", "veto")),
            _ => format!("{} {}", v.evaluator, lang.pick("不否决", "clean")),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

pub fn reconcile(store: &mut Store, args: &ReconcileArgs, lang: Lang) -> anyhow::Result<()> {
    let round = store.round(&args.round)?;
    let rubric = rubric::parse(&round.rubric_text, &format!("round {}", round.name))?;
    let account = store.find_account(&args.account)?;
    let Some(item) = rubric.item(&args.indicator) else {
        bail!(
            "unknown indicator \"{}\" in rubric {}",
            args.indicator,
            rubric.id
        );
    };
    if args.rationale.trim().is_empty() {
        bail!(
            "{}",
            lang.pick(
                "请用 --rationale 写明协调理由",
                "give the rationale with --rationale"
            )
        );
    }
    let mut consensus = Entry {
        value: args.value,
        veto: args.veto.clone(),
        ..Entry::new(&args.indicator)
    };
    consensus.check(item)?;
    let step = MergeWrite::Record {
        round_id: round.id,
        account_id: account.id,
        evaluator: args.chair.clone(),
        indicator: format!("{CONSENSUS_PREFIX}{}", args.indicator),
        old: None,
        new: Some(serde_json::to_string(&serde_json::json!({
            "value": consensus.value, "veto": consensus.veto, "rationale": args.rationale.trim(),
        }))?),
    };
    store.apply_merge(&[step])?;
    println!(
        "{}",
        match lang {
            Lang::Zh => format!("已记录「{}」{} 的协调结果", account.name, args.indicator),
            Lang::En => format!("consensus recorded for {} {}", account.name, args.indicator),
        }
    );
    Ok(())
}
