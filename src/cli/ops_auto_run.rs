//! `assay ops auto --round R`: places the automatic values of rule-named items in every started
//! sheet of the round (so they count in totals, reports and kept results through the one entry
//! writer), keeps the evaluators' own entries, and prints what changed since the last run.

use std::collections::HashMap;

use clap::Args;
use serde::Serialize;

use crate::domain::entry::Entry;
use crate::domain::ops::auto::{AutoEvidence, AutoStep, automatic, step};
use crate::i18n::Lang;
use crate::storage::{AutoRecord, Reopen, Store};
use crate::text_safety::escape_cell;

#[derive(Debug, Args)]
pub struct OpsAutoArgs {
    /// Round id or name
    #[arg(long)]
    pub round: String,
    /// Only show what would change; write nothing
    #[arg(long)]
    pub dry_run: bool,
    /// Print JSON instead of a table
    #[arg(long)]
    pub json: bool,
}

/// One rule-named item of one sheet and what the run does with it.
#[derive(Debug, Serialize)]
struct Line {
    account_id: i64,
    platform: &'static str,
    account: String,
    evaluator: String,
    indicator: String,
    rule: String,
    #[serde(flatten)]
    step: AutoStep,
    now: Entry,
    evidence: AutoEvidence,
}

/// Every (account, evaluator) sheet of the round with an entry, and its entries by indicator.
type Sheets = HashMap<(i64, String), HashMap<String, Entry>>;

/// Every started sheet, keeping only the entries of rule-named items (`rule_ids`): memory grows
/// with the sheets, not with every entry of the round.
fn sheets(store: &Store, round_id: i64, rule_ids: &[String]) -> anyhow::Result<Sheets> {
    let mut out: Sheets = HashMap::new();
    store.for_each_entry(round_id, &mut |e| {
        let sheet = out.entry((e.account_id, e.evaluator)).or_default();
        if rule_ids.contains(&e.entry.indicator) {
            sheet.insert(e.entry.indicator.clone(), e.entry);
        }
    })?;
    Ok(out)
}

pub fn run(store: &mut Store, args: &OpsAutoArgs, lang: Lang) -> anyhow::Result<()> {
    let round = super::resolve::round(store, &args.round, lang)?;
    let rubric = super::resolve::rubric(&round)?;
    if !super::ops_auto::names_rules(&rubric) {
        println!(
            "{}",
            lang.pick(
                "该轮次的评分表没有引用运营规则的指标，无自动值",
                "the round's rubric has no item that names a rule: nothing automatic"
            )
        );
        return Ok(());
    }
    super::ops_read::refresh_index(store, lang);
    let plan = plan(store, &round, &rubric, lang)?;
    if !args.dry_run && !plan.records.is_empty() {
        store.place_auto(round.id, &plan.records, Reopen::No)?;
    }
    let (lines, records, skipped) = (plan.lines, plan.records, plan.skipped);
    if args.json {
        return super::ops_read::write_stdout(&(serde_json::to_string_pretty(&lines)? + "\n"));
    }
    super::ops_read::write_stdout(&render(&lines, records.len(), skipped, args.dry_run, lang))
}

/// What a run does in one round: every rule-named item of every started sheet with its step,
/// the entries to write (filled and changed values), and the submitted sheets skipped.
struct Plan {
    lines: Vec<Line>,
    records: Vec<AutoRecord>,
    skipped: usize,
}

fn plan(
    store: &Store,
    round: &crate::storage::Round,
    rubric: &crate::domain::rubric::Rubric,
    lang: Lang,
) -> anyhow::Result<Plan> {
    let report = super::ops_auto::round_report(store, round)?;
    let rule_ids: Vec<String> = rubric
        .items()
        .iter()
        .filter(|i| i.common().rule.is_some())
        .map(|i| i.common().id.clone())
        .collect();
    let sheets = sheets(store, round.id, &rule_ids)?;
    let placed: HashMap<(i64, String, String), Entry> = store
        .auto_records(round.id)?
        .into_iter()
        .map(|r| ((r.account_id, r.evaluator, r.indicator), r.entry))
        .collect();
    let mut keys: Vec<&(i64, String)> = sheets.keys().collect();
    keys.sort();
    let rows: HashMap<i64, _> = report.accounts.iter().map(|r| (r.id, r)).collect();
    let (mut lines, mut skipped) = (Vec::new(), 0usize);
    for (account_id, evaluator) in keys {
        let Some(row) = rows.get(account_id) else {
            continue;
        };
        if store.is_submitted(round.id, *account_id, evaluator)? {
            skipped += 1;
            continue;
        }
        let entries = &sheets[&(*account_id, evaluator.clone())];
        for v in automatic(rubric, row) {
            let mut now = v.entry.clone();
            now.note = lang
                .pick("自动（运营数据）", "automatic (metrics)")
                .to_string();
            let current = entries.get(&v.indicator).filter(|e| e.is_scored());
            let was = placed.get(&(*account_id, evaluator.clone(), v.indicator.clone()));
            lines.push(Line {
                account_id: *account_id,
                platform: row.platform,
                account: row.name.clone(),
                evaluator: evaluator.clone(),
                indicator: v.indicator.clone(),
                rule: v.rule.clone(),
                step: step(current, was, &now),
                now,
                evidence: v.evidence.clone(),
            });
        }
    }
    let records: Vec<AutoRecord> = lines
        .iter()
        .filter(|l| matches!(l.step, AutoStep::Fill | AutoStep::Change { .. }))
        .map(|l| AutoRecord {
            account_id: l.account_id,
            evaluator: l.evaluator.clone(),
            indicator: l.indicator.clone(),
            rule: l.rule.clone(),
            entry: l.now.clone(),
            evidence: serde_json::to_string(&l.evidence).unwrap_or_default(),
        })
        .collect();
    Ok(Plan {
        lines,
        records,
        skipped,
    })
}

/// After a metrics import that changed something: the automatic values of every round whose
/// look-back (the 26 weeks before its monitoring date) meets `from..=to` and whose rubric names
/// a rule are placed again, as `assay ops auto` would; one summary line per round touched.
pub fn after_metrics(
    store: &mut Store,
    from: chrono::NaiveDate,
    to: chrono::NaiveDate,
    lang: Lang,
) -> anyhow::Result<Vec<String>> {
    let mut out = Vec::new();
    for round in store.rounds()? {
        let start = round.monitoring_date - chrono::Duration::weeks(27);
        if to < start || from > round.monitoring_date {
            continue;
        }
        let Ok(rubric) = super::resolve::rubric(&round) else {
            continue;
        };
        if !super::ops_auto::names_rules(&rubric) {
            continue;
        }
        let plan = plan(store, &round, &rubric, lang)?;
        if !plan.records.is_empty() {
            store.place_auto(round.id, &plan.records, Reopen::No)?;
        }
        let [filled, changed, overridden, _] = counts(&plan.lines);
        out.push(match lang {
            Lang::Zh => format!(
                "轮次 {}：自动值填入 {filled}，变化 {changed}，评估人覆盖的保留 {overridden}（明细见 assay ops auto --round {} --dry-run）",
                round.name, round.id
            ),
            Lang::En => format!(
                "round {}: automatic values {filled} filled, {changed} changed, {overridden} overridden by evaluators kept (details: assay ops auto --round {} --dry-run)",
                round.name, round.id
            ),
        });
    }
    Ok(out)
}

/// How many lines were filled, changed, overridden by the evaluator, and left as they were.
fn counts(lines: &[Line]) -> [usize; 4] {
    let mut n = [0; 4];
    for l in lines {
        n[match l.step {
            AutoStep::Fill => 0,
            AutoStep::Change { .. } => 1,
            AutoStep::Overridden => 2,
            AutoStep::Same | AutoStep::Agrees => 3,
        }] += 1;
    }
    n
}

fn judged(e: &Entry, lang: Lang) -> String {
    match (&e.veto, e.count, e.value) {
        (Some(r), _, _) => format!("{} {r}", lang.pick("否决", "veto")),
        (None, Some(n), _) => format!("{} {n}", lang.pick("次数", "count")),
        (None, None, Some(x)) => format!("{} {x}", lang.pick("值", "value")),
        _ => lang.pick("不适用", "n/a").to_string(),
    }
}

/// The changes (filled, changed, overridden) one a line each, then the counts.
fn render(lines: &[Line], written: usize, skipped: usize, dry: bool, lang: Lang) -> String {
    let mut out = String::new();
    for l in lines {
        let what = match &l.step {
            AutoStep::Fill => format!("{} → {}", lang.pick("填入", "filled"), judged(&l.now, lang)),
            AutoStep::Change { was } => format!(
                "{} {} → {}",
                lang.pick("变化", "changed"),
                judged(was, lang),
                judged(&l.now, lang)
            ),
            AutoStep::Overridden => format!(
                "{} {}",
                lang.pick(
                    "评估人已覆盖，保留；自动值为",
                    "overridden by the evaluator, kept; automatic value"
                ),
                judged(&l.now, lang)
            ),
            AutoStep::Same | AutoStep::Agrees => continue,
        };
        out += &format!(
            "{}  {}  {}  {}  {what}\n",
            escape_cell(&l.account),
            escape_cell(&l.evaluator),
            l.indicator,
            l.rule
        );
    }
    let [filled, changed, overridden, same] = counts(lines);
    out += &match lang {
        Lang::Zh => format!(
            "自动值：填入 {filled}，变化 {changed}，评估人覆盖 {overridden}，不变 {same}；已提交的评分表跳过 {skipped}{}\n",
            if dry {
                "（试运行，未写入）".to_string()
            } else {
                format!("；写入 {written} 条")
            }
        ),
        Lang::En => format!(
            "automatic values: {filled} filled, {changed} changed, {overridden} overridden by evaluators, {same} unchanged; {skipped} submitted sheets skipped{}\n",
            if dry {
                " (dry run, nothing written)".to_string()
            } else {
                format!("; {written} written")
            }
        ),
    };
    out
}
