//! `assay explain`: the derivation of an account's score, per evaluator, as text or JSON.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::domain::engine::{self, Outcome, explain};
use crate::domain::entry::Entry;
use crate::domain::rubric;
use crate::i18n::{Lang, panel_msg};
use crate::storage::Store;
use crate::text_safety::{escape_cell, escape_text};

use super::{ExplainArgs, ExplainFormat};

#[derive(Serialize)]
struct Explained<'a> {
    round: &'a str,
    account_id: i64,
    account: &'a str,
    platform: &'static str,
    level: &'static str,
    evaluator: String,
    outcome: Outcome,
    /// Values of rule-named items computed from the metrics (see `cli::ops_auto`).
    automatic: Vec<super::ops_auto::AutoShown>,
    /// Each item's note and evidence links, in rubric order (items with neither are left out).
    notes: Vec<Noted>,
}

/// An item's note and evidence links.
#[derive(Serialize)]
struct Noted {
    indicator: String,
    name: String,
    note: String,
    evidence: Vec<String>,
}

/// The notes and links of `entries`, in the rubric's item order.
fn notes(rubric: &rubric::Rubric, entries: &[Entry]) -> Vec<Noted> {
    rubric
        .items()
        .iter()
        .filter_map(|item| {
            let id = &item.common().id;
            let e = entries.iter().find(|e| &e.indicator == id)?;
            (!e.note.is_empty() || !e.evidence.is_empty()).then(|| Noted {
                indicator: id.clone(),
                name: item.common().name.clone(),
                note: e.note.clone(),
                evidence: e.evidence.clone(),
            })
        })
        .collect()
}

/// The notes section of the text output.
fn render_notes(notes: &[Noted], lang: Lang) -> String {
    let mut out = format!("{}\n", lang.pick("备注与证据：", "Notes and evidence:"));
    for n in notes {
        // The item by its name; its id (a code) only in English, where names may be Chinese.
        match lang {
            Lang::Zh => out.push_str(&format!("  {}\n", n.name)),
            Lang::En => out.push_str(&format!("  {} {}\n", n.indicator, n.name)),
        }
        if !n.note.is_empty() {
            out.push_str(&format!(
                "    {}{}\n",
                lang.pick("备注：", "note: "),
                n.note
            ));
        }
        for link in &n.evidence {
            out.push_str(&format!("    {}{link}\n", lang.pick("链接：", "link: ")));
        }
    }
    out
}

/// The error for `--evaluator` naming someone without a sheet for this account: who has one.
fn no_sheet(
    store: &Store,
    round_id: i64,
    account: &crate::domain::account::Account,
    who: &str,
    lang: Lang,
) -> anyhow::Result<anyhow::Error> {
    let mut names: Vec<String> = store
        .entries(round_id, account.id, None)?
        .into_iter()
        .map(|e| e.evaluator)
        .collect();
    names.dedup();
    let names: Vec<String> = names.iter().map(|n| escape_cell(n).into_owned()).collect();
    let (who, name) = (escape_cell(who), escape_cell(&account.name));
    Ok(anyhow::anyhow!(
        "{}",
        match (lang, names.is_empty()) {
            (Lang::Zh, true) =>
                format!("评估人「{who}」没有「{name}」的评分表，本轮还没有人评过这个账号"),
            (Lang::En, true) => format!(
                "evaluator \"{who}\" has no sheet for \"{name}\"; nobody has scored this account in this round yet"
            ),
            (Lang::Zh, false) => format!(
                "评估人「{who}」没有「{name}」的评分表；有评分表的评估人：{}",
                names.join("、")
            ),
            (Lang::En, false) => format!(
                "evaluator \"{who}\" has no sheet for \"{name}\"; evaluators with sheets: {}",
                names.join(", ")
            ),
        }
    ))
}

pub fn run(store: &Store, args: &ExplainArgs, lang: Lang) -> anyhow::Result<()> {
    let round = super::resolve::round(store, &args.round, lang)?;
    let rubric = super::resolve::rubric(&round)?;
    let account = super::resolve::account(store, &args.account, lang)?;
    let mut by_evaluator: BTreeMap<String, Vec<Entry>> = BTreeMap::new();
    for e in store.entries(round.id, account.id, args.evaluator.as_deref())? {
        by_evaluator.entry(e.evaluator).or_default().push(e.entry);
    }
    if let (true, Some(who)) = (by_evaluator.is_empty(), &args.evaluator) {
        return Err(no_sheet(store, round.id, &account, who, lang)?);
    }
    let blind = super::blind::Blind::of(store, round.id, args.viewer.as_deref())?;
    let hidden: Vec<String> = by_evaluator
        .keys()
        .filter(|owner| !blind.sees(owner, account.id))
        .cloned()
        .collect();
    if let (Some(owner), true) = (hidden.first(), args.evaluator.is_some()) {
        let msg = panel_msg::blind_refused(lang, blind.who.as_deref(), owner, &account.name);
        anyhow::bail!("{}", escape_text(&msg));
    }
    by_evaluator.retain(|owner, _| !hidden.contains(owner));
    if !hidden.is_empty() {
        let msg = panel_msg::blind_hidden(lang, hidden.len(), blind.who.as_deref());
        eprintln!("{}", escape_text(&msg));
    }
    if by_evaluator.is_empty() {
        // Nothing scored (or seen) yet: explain the empty sheet, so the user sees what is missing.
        let who = args.evaluator.clone().or(blind.who.clone());
        by_evaluator.insert(who.unwrap_or_default(), Vec::new());
    }
    let auto = super::ops_auto::for_account(store, &round, &rubric, &account)?;
    let placed = store.auto_records(round.id)?;
    let placed_in = |who: &str| -> Vec<&crate::storage::AutoRecord> {
        placed
            .iter()
            .filter(|p| p.account_id == account.id && p.evaluator == who)
            .collect()
    };
    let explained: Vec<Explained<'_>> = by_evaluator
        .into_iter()
        .map(|(evaluator, entries)| Explained {
            round: &round.name,
            account_id: account.id,
            account: &account.name,
            platform: account.platform.code(),
            level: account.level.code(),
            outcome: engine::score(&rubric, account.platform, account.level, &entries),
            notes: notes(&rubric, &entries),
            automatic: super::ops_auto::shown(&auto, &entries, &placed_in(&evaluator)),
            evaluator,
        })
        .collect();
    match args.format {
        ExplainFormat::Json => {
            // Published figures as published, items and unrounded values exactly: nothing is
            // rounded here.
            crate::io::out::outln!("{}", serde_json::to_string_pretty(&explained)?)?
        }
        ExplainFormat::Text => {
            for x in &explained {
                let who = if x.evaluator.is_empty() {
                    "—"
                } else {
                    &x.evaluator
                };
                let head = format!(
                    "{} · {} ({} · {}) · {} {}",
                    escape_cell(&round.name),
                    escape_cell(&account.name),
                    escape_cell(match lang {
                        Lang::Zh => account.platform_label.as_str(),
                        Lang::En => account.platform.label_en(),
                    }),
                    lang.pick(account.level.label_zh(), account.level.label_en()),
                    lang.pick("评估人", "evaluator"),
                    escape_cell(who)
                );
                crate::io::out::outln!("{head}")?;
                let body = explain::render_text(&x.outcome, &rubric, lang);
                crate::io::out::outln!("{}", escape_text(&body))?;
                if !x.notes.is_empty() {
                    crate::io::out::outln!("{}", escape_text(&render_notes(&x.notes, lang)))?;
                }
                crate::io::out::out!(
                    "{}",
                    escape_text(&super::ops_auto::render_text(&x.automatic, &rubric, lang))
                )?;
            }
        }
    }
    Ok(())
}
