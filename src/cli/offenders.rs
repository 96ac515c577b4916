//! `assay offenders`: repeat offenders across rounds — the same finding in N of the last M
//! rounds, or failed twice in the year under review — flagged 建议关停/整合 with their history,
//! with the rules of seed 000 and seed 003 as presets.

use std::path::PathBuf;

use chrono::Datelike;
use clap::{Args, ValueEnum};

use crate::i18n::{Lang, compare_msg as msg};
use crate::io::export::{Sheet, Table, csv_bytes};
use crate::report::findings::round_findings;
use crate::report::offenders::{Advice, Offender, RoundFacts, Rule, offenders};
use crate::report::offenders_tables as tables;
use crate::storage::{Round, Store};

use super::output::{book_out, emit};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OffendersFormat {
    Table,
    Json,
    Csv,
    Md,
    Xlsx,
}

/// A seed document's rule: seed 000 (四川, 多次发现突出问题 → 关停: the same finding in 2 of the
/// last 4 rounds) or seed 003 (云和, 连续 2 次被通报 → 清理整合: in both of the last 2 rounds).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Preset {
    Seed000,
    Seed003,
}

#[derive(Debug, Args)]
pub struct OffendersArgs {
    /// Rounds the same-finding rule looks back over: the last M (default 4; seed003: 2)
    #[arg(long, value_name = "M")]
    pub rounds: Option<usize>,
    /// How many of those rounds must find the same problem (default 2)
    #[arg(long, value_name = "N")]
    pub times: Option<usize>,
    /// The rule of a seed document: seed000 (2 of the last 4, 建议关停) or seed003 (2 in a row,
    /// 建议清理整合); --rounds and --times override it
    #[arg(long, value_enum)]
    pub preset: Option<Preset>,
    /// The year under review: its rounds only, and failures counted in it (default: the last M
    /// rounds, failures counted in the latest round's year)
    #[arg(long)]
    pub year: Option<i32>,
    /// The day 整改 is judged on: a finding whose deadline has passed by then without a re-check
    /// that closed it in time counts as not rectified (default: today), YYYY-MM-DD
    #[arg(long)]
    pub on: Option<chrono::NaiveDate>,
    /// Output format
    #[arg(long, value_enum, default_value_t = OffendersFormat::Table)]
    pub format: OffendersFormat,
    /// Output file (default: standard output; required for xlsx on a terminal)
    #[arg(long)]
    pub out: Option<PathBuf>,
}

/// The rule the arguments ask for.
fn rule(args: &OffendersArgs, lang: Lang) -> anyhow::Result<Rule> {
    let (rounds, advice) = match args.preset {
        Some(Preset::Seed000) => (4, Advice::Close),
        Some(Preset::Seed003) => (2, Advice::Merge),
        None => (4, Advice::CloseOrMerge),
    };
    let rule = Rule {
        rounds: args.rounds.unwrap_or(rounds),
        times: args.times.unwrap_or(2),
        failures: 2,
        not_rectified: 2,
        advice,
    };
    if rule.times == 0 || rule.times > rule.rounds {
        return Err(crate::i18n::errors::said(msg::bad_window(
            lang,
            rule.times,
            rule.rounds,
        )));
    }
    Ok(rule)
}

/// The live rounds read, oldest first: the year's, or the last M with the latest year's.
fn rounds(store: &Store, rule: &Rule, year: Option<i32>, lang: Lang) -> anyhow::Result<Vec<Round>> {
    let mut all = Vec::new();
    for r in store.rounds()? {
        if !store.is_calibration(r.id)? && year.is_none_or(|y| r.monitoring_date.year() == y) {
            all.push(r);
        }
    }
    all.sort_by_key(|r| (r.monitoring_date, r.id));
    let Some(latest) = all.last().map(|r| r.monitoring_date.year()) else {
        return Err(crate::i18n::errors::said(msg::no_rounds(lang, year)));
    };
    let first = all.len().saturating_sub(rule.rounds);
    Ok((all.into_iter().enumerate())
        .filter(|(i, r)| *i >= first || r.monitoring_date.year() == latest)
        .map(|(_, r)| r)
        .collect())
}

/// `assay offenders`.
pub fn run(store: &mut Store, args: &OffendersArgs, lang: Lang) -> anyhow::Result<()> {
    let rule = rule(args, lang)?;
    if let Some(p) = &args.out {
        crate::io::out::file_target(p)?;
    }
    let read = rounds(store, &rule, args.year, lang)?;
    let mut facts = Vec::with_capacity(read.len());
    let on = args.on.unwrap_or_else(super::values::today);
    for r in &read {
        let f = round_findings(store, r)?;
        let not_rectified = not_rectified(store, r, &f, on)?;
        facts.push(RoundFacts {
            id: r.id,
            name: r.name.clone(),
            date: r.monitoring_date,
            results: f.results,
            findings: f.findings,
            not_rectified,
        });
    }
    let year = args
        .year
        .unwrap_or_else(|| read.last().map_or(0, |r| r.monitoring_date.year()));
    let list = offenders(&facts, &rule, Some(year));
    let rule_text = msg::offenders_rule(lang, rule.times, rule.rounds, rule.failures, year);
    output(&list, &rule, &rule_text, &read, args, lang)
}

/// The round's findings overdue on `on` (整改不力), by the rectify lane's tracking.
fn not_rectified(
    store: &mut Store,
    round: &Round,
    f: &crate::report::findings::RoundFindings,
    on: chrono::NaiveDate,
) -> anyhow::Result<Vec<(i64, String)>> {
    use crate::report::rectify::{deadline, track};
    let due = deadline(
        &store.round_document(round.id)?,
        &store.follow(round.id)?,
        &store.calendar()?,
    );
    let records = store.rectifications(round.id)?;
    Ok(track(f, &records, due, on)
        .into_iter()
        .filter(|t| t.overdue)
        .map(|t| (t.finding.account_id, t.finding.item))
        .collect())
}

#[derive(serde::Serialize)]
struct OffendersJson<'a> {
    rule: &'a Rule,
    year: Option<i32>,
    rounds: Vec<&'a str>,
    offenders: &'a [Offender],
}

fn output(
    list: &[Offender],
    rule: &Rule,
    rule_text: &str,
    read: &[Round],
    args: &OffendersArgs,
    lang: Lang,
) -> anyhow::Result<()> {
    let out = args.out.as_deref();
    let bytes = match args.format {
        OffendersFormat::Table => {
            let mut s = format!("{}\n{rule_text}\n\n", tables::title(lang));
            if list.is_empty() {
                s.push_str(msg::no_offenders(lang));
                s.push('\n');
            }
            for t in [
                tables::offenders_table(list, lang),
                tables::history_table(list, lang),
            ] {
                if list.is_empty() {
                    break;
                }
                s.push_str(&text_table(&t));
            }
            s.into_bytes()
        }
        OffendersFormat::Json => {
            let j = OffendersJson {
                rule,
                year: args.year,
                rounds: read.iter().map(|r| r.name.as_str()).collect(),
                offenders: list,
            };
            (serde_json::to_string_pretty(&j)? + "\n").into_bytes()
        }
        OffendersFormat::Csv => {
            let mut bytes = csv_bytes(&tables::offenders_table(list, lang))?;
            let more = csv_bytes(&tables::history_table(list, lang))?;
            bytes.extend_from_slice(b"\n");
            bytes.extend_from_slice(more.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&more));
            bytes
        }
        OffendersFormat::Md => {
            crate::io::document::md::render(&tables::document(list, rule_text, lang)).into_bytes()
        }
        OffendersFormat::Xlsx => {
            let doc = tables::document(list, rule_text, lang);
            let sheets: Vec<Sheet> =
                crate::io::document::xlsx::sheets(&doc, lang.pick("说明", "About"));
            return book_out(out, &sheets, lang);
        }
    };
    emit(out, &bytes)
}

fn text_table(t: &Table) -> String {
    let h: Vec<&str> = t.header.iter().map(String::as_str).collect();
    format!("{}\n{}\n", t.name, super::output::table(&h, &t.text_rows()))
}
