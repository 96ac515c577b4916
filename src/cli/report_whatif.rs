//! `assay report --round R --weights fit=30,…` (or `--weights-from variant.ron`): the round's
//! results recomputed under other category weights, with the sensitivity view, marked 「模拟」
//! everywhere and never written: the database is opened read-only and every sheet is scored
//! again from its entries (the kept results are not read, so nothing needs refreshing).

use crate::domain::whatif::{self, WeightChange};
use crate::i18n::{Lang, whatif_msg};
use crate::io::export::{Sheet, Table, csv_bytes};
use crate::report::build::{Options, build_from};
use crate::report::source::{Source, load_under, round_rubric};
use crate::report::whatif::{Sensitivity, sensitivity};
use crate::report::whatif_tables as tables;
use crate::storage::{Round, Store};

use super::output::{book_out, emit};
use super::report_args::{ReportArgs, ReportFormat};

/// Movers listed in the sensitivity view.
const MOVERS: usize = 10;

/// Whether the arguments ask for a what-if run.
pub fn asked(args: &ReportArgs) -> bool {
    args.weights.is_some() || args.weights_from.is_some()
}

/// Options a what-if run cannot take: it writes nothing and checks nothing.
fn conflicts(args: &ReportArgs, lang: Lang) -> anyhow::Result<()> {
    let other = if args.weights.is_some() && args.weights_from.is_some() {
        Some("--weights-from")
    } else if args.compare.is_some() {
        Some("--compare")
    } else if args.verify {
        Some("--verify")
    } else if !args.rollup.is_empty() {
        Some("--rollup")
    } else {
        None
    };
    match other {
        Some(o) => Err(crate::i18n::errors::said(whatif_msg::conflicts(lang, o))),
        None => Ok(()),
    }
}

/// The what-if weights, checked against the round's rubric.
fn weights(
    args: &ReportArgs,
    rubric: &crate::domain::rubric::Rubric,
) -> anyhow::Result<(crate::domain::rubric::Rubric, Vec<WeightChange>)> {
    let given = match (&args.weights, &args.weights_from) {
        (Some(w), _) => whatif::parse(w, rubric)?,
        (None, Some(file)) => {
            let variant = crate::io::rubric_file::load(file)?.rubric;
            whatif::of_variant(&variant, rubric, &file.display().to_string())?
        }
        (None, None) => whatif::parse("", rubric)?,
    };
    Ok(whatif::apply(rubric, &given)?)
}

/// The sensitivity of `round` to the asked weights.
pub fn compute(
    store: &mut Store,
    round: &Round,
    args: &ReportArgs,
    lang: Lang,
) -> anyhow::Result<Sensitivity> {
    let rubric = round_rubric(round)?;
    let (simulated, changes) = weights(args, &rubric)?;
    let opts = Options {
        lang,
        ..Options::default()
    };
    let official = load_under(store, round, rubric, Source::Recompute, args.combine)?;
    let official = build_from(&official.scheme, official.accounts, &official.sheets, &opts);
    let whatif = load_under(store, round, simulated, Source::Recompute, args.combine)?;
    let whatif = build_from(&whatif.scheme, whatif.accounts, &whatif.sheets, &opts);
    Ok(sensitivity(&official, &whatif, changes, MOVERS))
}

/// `report --weights …` / `--weights-from …`.
pub fn run(store: &mut Store, args: &ReportArgs, lang: Lang) -> anyhow::Result<()> {
    conflicts(args, lang)?;
    if let Some(p) = &args.out {
        crate::io::out::file_target(p)?;
    }
    let round = store.round(&args.round)?;
    let s = compute(store, &round, args, lang)?;
    let name = round.name.as_str();
    let bytes = match args.format {
        ReportFormat::Table => text(&s, name, lang).into_bytes(),
        ReportFormat::Json => json(&s, &round)?.into_bytes(),
        ReportFormat::Csv => {
            let mut bytes = csv_bytes(&tables::accounts_table(&s, lang))?;
            let summary = csv_bytes(&tables::summary_table(&s, lang))?;
            bytes.extend_from_slice(b"\n");
            bytes.extend_from_slice(summary.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&summary));
            bytes
        }
        ReportFormat::Md => {
            crate::io::document::md::render(&tables::document(&s, name, lang)).into_bytes()
        }
        ReportFormat::Html => {
            crate::io::document::html::render(&tables::document(&s, name, lang)).into_bytes()
        }
        ReportFormat::Xlsx => {
            let doc = tables::document(&s, name, lang);
            let sheets: Vec<Sheet> =
                crate::io::document::xlsx::sheets(&doc, whatif_msg::mark(lang));
            return book_out(args.out.as_deref(), &sheets, lang);
        }
    };
    emit(args.out.as_deref(), &bytes)
}

fn text(s: &Sensitivity, round: &str, lang: Lang) -> String {
    let mut out = format!(
        "{}\n{}\n\n",
        tables::title(lang, round),
        whatif_msg::nothing_written(lang)
    );
    let mut table = |t: Table| {
        let h: Vec<&str> = t.header.iter().map(String::as_str).collect();
        out.push_str(&t.name);
        out.push('\n');
        out.push_str(&super::output::table(&h, &t.text_rows()));
        out.push('\n');
    };
    table(tables::weights_table(s, lang));
    table(tables::accounts_table(s, lang));
    table(tables::summary_table(s, lang));
    table(tables::movers_table(s, lang));
    out
}

#[derive(serde::Serialize)]
struct WhatIfJson<'a> {
    simulated: bool,
    round_id: i64,
    round: &'a str,
    #[serde(flatten)]
    sensitivity: &'a Sensitivity,
}

fn json(s: &Sensitivity, round: &Round) -> anyhow::Result<String> {
    let mut out = serde_json::to_string_pretty(&WhatIfJson {
        simulated: true,
        round_id: round.id,
        round: &round.name,
        sensitivity: s,
    })?;
    out.push('\n');
    Ok(out)
}
