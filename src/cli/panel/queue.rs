//! `assay panel queue` and `assay panel reconcile`: indicators where the evaluators disagree
//! (spread, SD, split veto) and the chair's consensus recorded with a rationale in the history.

use anyhow::bail;
use serde::Serialize;

use super::{QueueArgs, ReconcileArgs};
use crate::app::reconcile::{n, why_text};
use crate::cli::output::{self, Format};
use crate::domain::entry::Entry;
use crate::domain::panel::{Disagreement, QueueRule, Vote};
use crate::domain::rubric::{self, Rubric};
use crate::i18n::Lang;
use crate::storage::{Consensus, Store};

/// The open queue (without items the chair has reconciled) and the reconciled count.
pub(super) fn open_queue(
    store: &Store,
    round_id: i64,
    rubric: &Rubric,
    rule: &QueueRule,
) -> anyhow::Result<(Vec<Disagreement>, usize)> {
    Ok(store.open_queue(round_id, rubric, rule)?)
}

#[derive(Serialize)]
struct QueueOut<'a> {
    round: &'a str,
    open: usize,
    reconciled: usize,
    /// Open items left out by blind scoring (their votes include sheets the viewer may not see).
    hidden: usize,
    items: &'a [Disagreement],
}

/// Blind scoring on the queue: an item shows every evaluator's vote, so it is listed only when
/// the viewer may see every one of them (the one rule, [`crate::cli::blind::Blind`]).
fn blind_items(
    store: &Store,
    round_id: i64,
    viewer: Option<&str>,
    open: Vec<Disagreement>,
) -> anyhow::Result<(Vec<Disagreement>, usize, Option<String>)> {
    let blind = crate::cli::blind::Blind::of(store, round_id, viewer)?;
    let ids: std::collections::HashMap<String, i64> = store
        .round_accounts(round_id)?
        .iter()
        .map(|a| (crate::storage::account_label(a), a.id))
        .collect();
    let (seen, hidden): (Vec<_>, Vec<_>) = open.into_iter().partition(|d| {
        let id = ids.get(&d.item.account).copied().unwrap_or(-1);
        d.item.votes.iter().all(|v| blind.sees(&v.evaluator, id))
    });
    Ok((seen, hidden.len(), blind.who))
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
    let (open, hidden, who) = blind_items(store, round.id, args.viewer.as_deref(), open)?;
    if hidden > 0 {
        let msg = crate::i18n::panel_msg::blind_hidden(lang, hidden, who.as_deref());
        eprintln!("{}", crate::text_safety::escape_text(&msg));
    }
    match args.format {
        Format::Json => println!(
            "{}",
            serde_json::to_string_pretty(&QueueOut {
                round: &round.name,
                open: open.len(),
                reconciled,
                hidden,
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
            // People read names: 「莲都发布（微信）」 and the item's name, not codes and ids.
            let names = shown_accounts(store, round.id, lang)?;
            let rows: Vec<Vec<String>> = open
                .iter()
                .map(|d| {
                    vec![
                        (names.get(&d.item.account)).map_or(d.item.account.clone(), Clone::clone),
                        (rubric.item(&d.item.indicator))
                            .map_or(d.item.indicator.clone(), |i| i.common().name.clone()),
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

/// The round's accounts by their queue label (`platform:name`), as people name them:
/// 「莲都发布（微信）」.
fn shown_accounts(
    store: &Store,
    round_id: i64,
    lang: Lang,
) -> anyhow::Result<std::collections::HashMap<String, String>> {
    Ok((store.round_accounts(round_id)?.iter())
        .map(|a| {
            let p = lang.pick(a.platform.label_zh(), a.platform.label_en());
            let shown = match lang {
                Lang::Zh => format!("{}（{p}）", a.name),
                Lang::En => format!("{} ({p})", a.name),
            };
            (crate::storage::account_label(a), shown)
        })
        .collect())
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
            "{}",
            crate::i18n::msg::unknown_indicator_in(lang, &args.indicator, &rubric.id)
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
    let chairs: Vec<String> = store
        .members(round.id)?
        .into_iter()
        .filter(|m| m.role == "chair")
        .map(|m| m.name)
        .collect();
    if !chairs.iter().any(|c| c == args.chair.trim()) {
        bail!(
            "{}",
            crate::text_safety::escape_text(&crate::i18n::panel_msg::not_chair(
                lang,
                args.chair.trim(),
                &round.name,
                &chairs
            ))
        );
    }
    let mut consensus = Entry {
        value: args.value,
        count: args.count,
        veto: args.veto.clone(),
        ..Entry::new(&args.indicator)
    };
    consensus.check(item)?;
    let c = Consensus {
        value: consensus.value,
        count: consensus.count,
        veto: consensus.veto.clone(),
        rationale: args.rationale.trim().to_string(),
    };
    store.record_consensus(round.id, account.id, &args.chair, &args.indicator, &c)?;
    println!(
        "{}",
        match lang {
            Lang::Zh => format!(
                "已记录「{}」{} 的协调结果",
                account.name,
                item.common().name
            ),
            Lang::En => format!(
                "consensus recorded for {} {}",
                account.name,
                item.common().name
            ),
        }
    );
    Ok(())
}
