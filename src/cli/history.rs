//! `assay history`: the change history of a round — who, when, which item, old → new in words.

use std::collections::HashMap;

use serde::Serialize;

use crate::domain::entry::Entry;
use crate::domain::entry_words as words;
use crate::domain::rubric::ItemRef;
use crate::i18n::{Lang, panel_msg};
use crate::storage::{
    BULK_INDICATOR, CARRIED_PREFIX, CONSENSUS_PREFIX, Consensus, HistoryRow, SUBMISSION_INDICATOR,
    Store,
};
use crate::text_safety::escape_text;

use super::output::{self, Format};
use super::panel::MERGE_PREFIX;
use super::{HistoryArgs, resolve};

/// One history row as printed: words for people, the raw entries for scripts.
#[derive(Serialize)]
struct Change {
    id: i64,
    /// When, as kept: UTC (RFC 3339).
    at: String,
    /// When, in the reader's time zone with its offset (what the table shows).
    at_local: String,
    evaluator: String,
    account_id: i64,
    account: String,
    indicator: String,
    indicator_name: String,
    old: String,
    new: String,
    old_entry: Option<serde_json::Value>,
    new_entry: Option<serde_json::Value>,
    /// Carried from the evaluator's own database by `panel merge` (their change, their time).
    carried: bool,
}

pub fn run(store: &Store, args: &HistoryArgs, lang: Lang) -> anyhow::Result<()> {
    let round = resolve::round(store, &args.round, lang)?;
    let rubric = resolve::rubric(&round)?;
    let account = match &args.account {
        Some(key) => Some(resolve::account_in_round(store, &round, key, lang)?),
        None => None,
    };
    let names: HashMap<i64, String> = store
        .round_accounts(round.id)?
        .into_iter()
        .map(|a| (a.id, a.name))
        .collect();
    let rows: Vec<HistoryRow> = store
        .history(round.id, account.as_ref().map(|a| a.id))?
        .into_iter()
        .filter(|h| {
            args.evaluator
                .as_deref()
                .is_none_or(|e| h.evaluator == e.trim())
        })
        .collect();
    let rows = blind_filter(store, &round, account.as_ref(), args, rows, lang)?;
    let changes: Vec<Change> = rows
        .iter()
        .map(|h| change(h, &rubric, &names, lang))
        .collect();
    match args.format {
        Format::Json => println!("{}", serde_json::to_string_pretty(&changes)?),
        Format::Csv => print!("{}", output::csv(&header(Lang::En), &cells(&changes))?),
        Format::Table => {
            print!("{}", output::table(&header(lang), &cells(&changes)));
            eprintln!(
                "{}",
                match lang {
                    Lang::Zh => format!("共 {} 条修改记录", changes.len()),
                    Lang::En => format!("{} changes", changes.len()),
                }
            );
        }
    }
    Ok(())
}

/// Blind scoring: drops other evaluators' changes on accounts the viewer may not see yet (the
/// one rule, [`super::blind::Blind`]); refuses when the user asked for exactly such a sheet
/// (`--evaluator` and `--account`), and says how many rows were left out otherwise.
fn blind_filter(
    store: &Store,
    round: &crate::storage::Round,
    account: Option<&crate::domain::account::Account>,
    args: &HistoryArgs,
    rows: Vec<HistoryRow>,
    lang: Lang,
) -> anyhow::Result<Vec<HistoryRow>> {
    let blind = super::blind::Blind::of(store, round.id, args.viewer.as_deref())?;
    let (seen, hidden): (Vec<HistoryRow>, Vec<HistoryRow>) = rows
        .into_iter()
        .partition(|h| blind.sees(&h.evaluator, h.account_id));
    if let (Some(h), Some(a), Some(_)) = (hidden.first(), account, &args.evaluator) {
        let msg = panel_msg::blind_refused(lang, blind.who.as_deref(), &h.evaluator, &a.name);
        anyhow::bail!("{}", escape_text(&msg));
    }
    if !hidden.is_empty() {
        let msg = panel_msg::blind_hidden(lang, hidden.len(), blind.who.as_deref());
        eprintln!("{}", escape_text(&msg));
    }
    Ok(seen)
}

fn header(lang: Lang) -> [&'static str; 6] {
    match lang {
        Lang::Zh => ["时间", "评估人", "账号", "指标", "原值", "新值"],
        Lang::En => ["at", "evaluator", "account", "indicator", "old", "new"],
    }
}

fn cells(changes: &[Change]) -> Vec<Vec<String>> {
    changes
        .iter()
        .map(|c| {
            // The item by its name (its id only when the rubric has no such item).
            let ind = if c.indicator_name.is_empty() {
                c.indicator.clone()
            } else {
                c.indicator_name.clone()
            };
            vec![
                c.at_local.clone(),
                c.evaluator.clone(),
                c.account.clone(),
                ind,
                c.old.clone(),
                c.new.clone(),
            ]
        })
        .collect()
}

/// A consensus's agreed judgement in words (a 0 on a veto item is "no veto").
pub fn agreed(c: &Consensus, item: Option<ItemRef<'_>>, lang: Lang) -> String {
    let clean = matches!(item, Some(ItemRef::Veto(_)));
    words::agreed(c.veto.as_deref(), c.count, c.value, clean, lang)
}

fn change(
    h: &HistoryRow,
    rubric: &crate::domain::rubric::Rubric,
    names: &HashMap<i64, String>,
    lang: Lang,
) -> Change {
    let parse = |s: &Option<String>| -> Option<serde_json::Value> {
        s.as_deref().and_then(|t| serde_json::from_str(t).ok())
    };
    let (old_entry, new_entry) = (parse(&h.old), parse(&h.new));
    // A change carried from the evaluator's own database by `panel merge`: shown as theirs.
    let (indicator, carried) = match h.indicator.strip_prefix(CARRIED_PREFIX) {
        Some(b) => (b, true),
        None => (h.indicator.as_str(), false),
    };
    let item_name = |id: &str| (rubric.item(id)).map_or(String::new(), |i| i.common().name.clone());
    let entry = |v: &Option<serde_json::Value>| -> Option<Entry> {
        v.clone().and_then(|v| serde_json::from_value(v).ok())
    };
    let mut account = names.get(&h.account_id).cloned().unwrap_or_default();
    let (mut indicator_name, old, new) = if indicator == SUBMISSION_INDICATOR {
        let code =
            |v: &Option<serde_json::Value>| v.as_ref().and_then(|v| v.as_str()).map(str::to_string);
        (
            lang.pick("提交状态", "submission").to_string(),
            words::submission(code(&old_entry).as_deref(), lang),
            words::submission(code(&new_entry).as_deref(), lang),
        )
    } else if indicator == BULK_INDICATOR {
        // One row stands for a whole bulk load of the round: no account, no before.
        account = lang.pick("（全轮次）", "(whole round)").to_string();
        let rows = (new_entry.as_ref()).and_then(|v| v["rows"].as_u64());
        (
            lang.pick("批量载入评分", "bulk load of entries")
                .to_string(),
            lang.pick("（无）", "(none)").to_string(),
            words::bulk(rows, lang),
        )
    } else if let Some(id) = indicator.strip_prefix(CONSENSUS_PREFIX) {
        let c: Option<Consensus> = new_entry
            .clone()
            .and_then(|v| serde_json::from_value(v).ok());
        (
            format!(
                "{}{}",
                item_name(id),
                lang.pick("（协调结果）", " (consensus)")
            ),
            lang.pick("（各评估人意见不一）", "(the evaluators disagreed)")
                .to_string(),
            c.map_or_else(
                || words::unreadable(lang),
                |c| words::consensus(&agreed(&c, rubric.item(id), lang), &c.rationale, lang),
            ),
        )
    } else if let Some(id) = indicator.strip_prefix(MERGE_PREFIX) {
        let item = rubric.item(id);
        let theirs =
            (new_entry.as_ref()).and_then(|v| serde_json::from_value(v["theirs"].clone()).ok());
        let took_theirs = new_entry.as_ref().and_then(|v| v["take"].as_str()) == Some("theirs");
        let reason = (new_entry.as_ref())
            .and_then(|v| v["reason"].as_str())
            .unwrap_or_default();
        (
            format!(
                "{}{}",
                item_name(id),
                lang.pick("（合并冲突的决定）", " (merge conflict decided)")
            ),
            words::describe(entry(&old_entry).as_ref(), item, lang),
            words::merge_decision(theirs.as_ref(), item, took_theirs, reason, lang),
        )
    } else {
        let item = rubric.item(indicator);
        (
            item_name(indicator),
            words::describe(entry(&old_entry).as_ref(), item, lang),
            words::describe(entry(&new_entry).as_ref(), item, lang),
        )
    };
    if carried {
        indicator_name.push_str(lang.pick("（评估人本机记录）", " (on their own database)"));
    }
    Change {
        carried,
        id: h.id,
        at: h.at.clone(),
        at_local: crate::domain::when::local(&h.at),
        evaluator: h.evaluator.clone(),
        account_id: h.account_id,
        account,
        indicator: indicator.to_string(),
        indicator_name,
        old,
        new,
        old_entry,
        new_entry,
    }
}
