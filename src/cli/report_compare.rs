//! `assay report --round R --compare R2`: the round against an earlier one (the base), per
//! account and per group (`--by`): the change in total, pass rate, vetoes and full marks, new
//! failures and recoveries, accounts new or gone, the largest risers and fallers. Rounds of
//! different rubrics compare totals only and say so.

use crate::i18n::Lang;
use crate::io::export::{Sheet, Table, csv_bytes};
use crate::report::build::{Options, build_from};
use crate::report::compare::{Comparison, compare};
use crate::report::compare_sides::of_report;
use crate::report::compare_tables as tables;
use crate::report::source::{Source, load};
use crate::storage::{Round, Store};

use super::output::{book_out, emit};
use super::report_args::{ReportArgs, ReportFormat};

/// Risers and fallers listed.
pub const MOVERS: usize = 10;

/// The same rubric (id and version): everything compares; otherwise totals only.
pub fn same_rubric(a: &Round, b: &Round) -> bool {
    a.rubric_id == b.rubric_id && a.rubric_version == b.rubric_version
}

fn side(
    store: &mut Store,
    round: &Round,
    args: &ReportArgs,
    lang: Lang,
) -> anyhow::Result<crate::report::compare::Input> {
    let source = if args.recompute {
        Source::Recompute
    } else {
        Source::Kept
    };
    let mut loaded = load(store, round, source, args.combine)?;
    let opts = Options {
        by: args.by.clone(),
        rollup: None,
        lang,
    };
    let accounts = std::mem::take(&mut loaded.accounts);
    let report = build_from(&loaded.scheme, accounts, &loaded.sheets, &opts);
    Ok(of_report(&round.name, &report))
}

fn conflicts(args: &ReportArgs, lang: Lang) -> anyhow::Result<()> {
    let other = if args.weights.is_some() {
        Some("--weights")
    } else if args.weights_from.is_some() {
        Some("--weights-from")
    } else if args.verify {
        Some("--verify")
    } else if !args.rollup.is_empty() {
        Some("--rollup")
    } else {
        None
    };
    match other {
        Some(o) => Err(crate::i18n::errors::said(
            crate::i18n::compare_msg::conflicts(lang, o),
        )),
        None => Ok(()),
    }
}

/// `report --round R --compare R2`.
pub fn run(store: &mut Store, args: &ReportArgs, base: &str, lang: Lang) -> anyhow::Result<()> {
    conflicts(args, lang)?;
    if let Some(p) = &args.out {
        crate::io::out::file_target(p)?;
    }
    let now = store.round(&args.round)?;
    let then = store.round(base)?;
    let before = side(store, &then, args, lang)?;
    let after = side(store, &now, args, lang)?;
    let c = compare(&before, &after, !same_rubric(&then, &now), MOVERS);
    let dims: Vec<String> = args.by.iter().map(|d| d.label(lang)).collect();
    output(&c, &dims, args.format, args.out.as_deref(), lang)
}

/// Writes a comparison (of rounds or of years) in `format`.
pub fn output(
    c: &Comparison,
    dims: &[String],
    format: ReportFormat,
    out: Option<&std::path::Path>,
    lang: Lang,
) -> anyhow::Result<()> {
    let bytes = match format {
        ReportFormat::Table => text(c, dims, lang).into_bytes(),
        ReportFormat::Json => {
            let mut s = serde_json::to_string_pretty(c)?;
            s.push('\n');
            s.into_bytes()
        }
        ReportFormat::Csv => {
            let mut bytes = csv_bytes(&tables::accounts_table(c, lang))?;
            for t in [tables::overall_table(c, lang)]
                .into_iter()
                .chain((!c.groups.is_empty()).then(|| tables::group_table(c, dims, lang)))
            {
                let more = csv_bytes(&t)?;
                bytes.extend_from_slice(b"\n");
                bytes.extend_from_slice(more.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&more));
            }
            bytes
        }
        ReportFormat::Md => {
            crate::io::document::md::render(&tables::document(c, dims, lang)).into_bytes()
        }
        ReportFormat::Html => {
            crate::io::document::html::render(&tables::document(c, dims, lang)).into_bytes()
        }
        ReportFormat::Xlsx => {
            let doc = tables::document(c, dims, lang);
            let sheets: Vec<Sheet> =
                crate::io::document::xlsx::sheets(&doc, lang.pick("对比说明", "About"));
            return book_out(out, &sheets, lang);
        }
    };
    emit(out, &bytes)
}

fn text(c: &Comparison, dims: &[String], lang: Lang) -> String {
    let mut out = tables::title(c, lang);
    out.push('\n');
    for n in tables::notes(c, lang) {
        out.push_str(&n);
        out.push('\n');
    }
    out.push('\n');
    let mut table = |t: Table| {
        let h: Vec<&str> = t.header.iter().map(String::as_str).collect();
        out.push_str(&t.name);
        out.push('\n');
        out.push_str(&super::output::table(&h, &t.text_rows()));
        out.push('\n');
    };
    table(tables::overall_table(c, lang));
    if !c.groups.is_empty() {
        table(tables::group_table(c, dims, lang));
    }
    table(tables::risers_table(c, lang));
    table(tables::fallers_table(c, lang));
    table(tables::accounts_table(c, lang));
    out
}
