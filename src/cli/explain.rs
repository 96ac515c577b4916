//! `assay explain`: the derivation of an account's score, per evaluator, as text or JSON.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::domain::engine::{self, Outcome, explain};
use crate::domain::entry::Entry;
use crate::domain::rubric;
use crate::i18n::Lang;
use crate::storage::Store;

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
}

pub fn run(store: &Store, args: &ExplainArgs, lang: Lang) -> anyhow::Result<()> {
    let round = store.round(&args.round)?;
    let rubric = rubric::parse(&round.rubric_text, &format!("round {}", round.name))?;
    let account = store.find_account(&args.account)?;
    let mut by_evaluator: BTreeMap<String, Vec<Entry>> = BTreeMap::new();
    for e in store.entries(round.id, account.id, args.evaluator.as_deref())? {
        by_evaluator.entry(e.evaluator).or_default().push(e.entry);
    }
    if by_evaluator.is_empty() {
        // Nothing scored yet: explain the empty sheet, so the user sees what is missing.
        by_evaluator.insert(args.evaluator.clone().unwrap_or_default(), Vec::new());
    }
    let auto = super::ops_auto::for_account(store, &round, &rubric, &account)?;
    let explained: Vec<Explained<'_>> = by_evaluator
        .into_iter()
        .map(|(evaluator, entries)| Explained {
            round: &round.name,
            account_id: account.id,
            account: &account.name,
            platform: account.platform.code(),
            level: account.level.code(),
            outcome: engine::score(&rubric, account.platform, account.level, &entries),
            automatic: super::ops_auto::shown(&auto, &entries),
            evaluator,
        })
        .collect();
    match args.format {
        ExplainFormat::Json => println!("{}", serde_json::to_string_pretty(&explained)?),
        ExplainFormat::Text => {
            for x in &explained {
                let who = if x.evaluator.is_empty() {
                    "—"
                } else {
                    &x.evaluator
                };
                println!(
                    "{} · {} ({} · {}) · {} {}",
                    round.name,
                    account.name,
                    account.platform_label,
                    lang.pick(account.level.label_zh(), account.level.label_en()),
                    lang.pick("评估员", "evaluator"),
                    who
                );
                println!("{}", explain::render_text(&x.outcome, &rubric, lang));
                print!("{}", super::ops_auto::render_text(&x.automatic, lang));
            }
        }
    }
    Ok(())
}
