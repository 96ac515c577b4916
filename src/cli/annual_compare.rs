//! `assay annual --year Y --compare Y2`: the year's annual assessment against an earlier year's
//! (the base), per account and per host unit: the change in annual score, results, vetoes and
//! full marks, new failures and recoveries, accounts new or gone, the largest risers and
//! fallers. `--weights` may name rounds of either year. Years whose rounds were scored on
//! different rubrics compare totals only and say so.

use super::annual_args::{AnnualArgs, AnnualFormat};
use super::annual_year::{named, year_of, year_rounds};
use super::report::ReportFormat;
use crate::i18n::{Lang, compare_msg};
use crate::report::compare::compare;
use crate::report::compare_sides::of_annual;
use crate::storage::{Round, Store};

fn format(f: AnnualFormat) -> ReportFormat {
    match f {
        AnnualFormat::Table => ReportFormat::Table,
        AnnualFormat::Json => ReportFormat::Json,
        AnnualFormat::Csv => ReportFormat::Csv,
        AnnualFormat::Md => ReportFormat::Md,
        AnnualFormat::Html => ReportFormat::Html,
        AnnualFormat::Xlsx => ReportFormat::Xlsx,
    }
}

/// The rubrics a year's rounds were scored on (id and version), sorted.
fn rubrics(rounds: &[Round]) -> Vec<(String, String)> {
    let mut r: Vec<(String, String)> = rounds
        .iter()
        .map(|r| (r.rubric_id.clone(), r.rubric_version.clone()))
        .collect();
    r.sort();
    r.dedup();
    r
}

/// `annual --year Y --compare BASE`.
pub fn run(
    store: &mut Store,
    args: &AnnualArgs,
    base: i32,
    weights: &[(String, f64)],
    lang: Lang,
) -> anyhow::Result<()> {
    if base == args.year {
        return Err(crate::i18n::errors::said(compare_msg::same_year(
            lang, base,
        )));
    }
    if let Some(p) = &args.out {
        crate::io::out::file_target(p)?;
    }
    // Each year takes the weights naming its rounds; the rest must name the other year's.
    let base_rounds = year_rounds(store, base, &[], lang)?;
    let (of_base, of_year): (Vec<_>, Vec<_>) = weights.iter().cloned().partition(|w| {
        base_rounds
            .iter()
            .any(|r| named(std::slice::from_ref(w), r).is_some())
    });
    let (then, then_rounds) = year_of(store, base, &of_base, args, lang)?;
    let (now, now_rounds) = year_of(store, args.year, &of_year, args, lang)?;
    let before = of_annual(&compare_msg::year_label(lang, base), &then);
    let after = of_annual(&compare_msg::year_label(lang, args.year), &now);
    let totals_only = rubrics(&then_rounds) != rubrics(&now_rounds);
    let c = compare(&before, &after, totals_only, super::report_compare::MOVERS);
    let dims = vec![lang.pick("主办单位", "host unit").to_owned()];
    super::report_compare::output(&c, &dims, format(args.format), args.out.as_deref(), lang)
}
