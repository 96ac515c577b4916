//! `assay annual` and its output: the accounts in rank order (per-round totals, weighted annual
//! score, annual result 合格/不合格 with 单项否决 marked), the host units and every veto of the
//! year, as typed tables through the one CSV/XLSX writer, a terminal table, JSON or Markdown.

use std::path::Path;

pub use super::annual_args::{AnnualArgs, AnnualFormat};
use crate::domain::figure::{Figure, dec};
use crate::i18n::{Lang, figure_msg};
use crate::io::export::{Cell, Sheet, Table, csv_bytes, write_book};
use crate::report::Verdict;
use crate::report::annual::{Annual, VetoYear, YearAccount};
use crate::report::tables::markdown;
use crate::storage::Store;

/// `assay annual`.
pub fn annual(store: &mut Store, args: &AnnualArgs, lang: Lang) -> anyhow::Result<()> {
    let weights = match &args.weights {
        Some(w) => crate::report::annual::parse_weights(w, lang).map_err(|e| anyhow::anyhow!(e))?,
        None => Vec::new(),
    };
    if let Some(base) = args.compare {
        return super::annual_compare::run(store, args, base, &weights, lang);
    }
    let (y, _) = super::annual_year::year_of(store, args.year, &weights, args, lang)?;
    emit(&y, args.format, args.out.as_deref(), lang)
}

/// The year's result of an account in words: 「不合格（单项否决）」 when a veto failed it.
fn result_label(a: &YearAccount, lang: Lang) -> &'static str {
    match a.result {
        Verdict::Failed if a.rounds_vetoed > 0 => {
            lang.pick("不合格（单项否决）", "failed (vetoed)")
        }
        Verdict::Passed if a.rounds_vetoed > 0 => {
            lang.pick("合格（有单项否决）", "passed (with a veto)")
        }
        v => v.label(lang),
    }
}

/// One round's cell: the published total, 「—」 where a veto left no score, or the state.
fn round_cell(total: Option<Figure>, state: Option<Verdict>, lang: Lang) -> Cell {
    match (total, state) {
        (Some(t), _) => Cell::Fig(t),
        (None, Some(v)) if v.is_final() => Cell::text("—"),
        (None, Some(v)) => Cell::text(v.label(lang)),
        (None, None) => Cell::Empty,
    }
}

fn account_table(y: &Annual, lang: Lang) -> Table {
    let t = |z: &str, e: &str| lang.pick(z, e).to_string();
    let mut head = vec![
        t("年度排名", "Rank"),
        t("账号", "Account"),
        t("平台", "Platform"),
        t("主办单位", "Host unit"),
    ];
    for r in &y.rounds {
        head.push(format!("{}（×{}）", r.name, dec(r.weight)));
    }
    head.extend([
        t("年度得分", "Annual score"),
        t("年度结论", "Annual result"),
        t("单项否决", "Vetoes"),
        t("不合格次数", "Rounds failed"),
        t("历次满分", "Full marks every check"),
    ]);
    let mut tb = Table::new(t("账号", "Accounts"), head);
    for a in &y.accounts {
        let mut row = vec![
            a.rank.map_or(Cell::Empty, Cell::int),
            Cell::text(a.account.name.clone()),
            Cell::text(a.account.platform_label.clone()),
            Cell::text(a.account.unit.clone()),
        ];
        row.extend(
            a.totals
                .iter()
                .zip(&a.states)
                .map(|(t, s)| round_cell(*t, *s, lang)),
        );
        row.extend([
            Cell::fig(a.annual),
            Cell::text(result_label(a, lang)),
            Cell::text(a.vetoes.join("；")),
            Cell::int(a.rounds_failed),
            Cell::yes_no(a.full_every_check, lang),
        ]);
        tb.rows.push(row);
    }
    tb
}

fn unit_table(y: &Annual, lang: Lang) -> Table {
    let t = |z: &str, e: &str| lang.pick(z, e).to_string();
    let mut tb = Table::new(
        t("单位", "Units"),
        vec![
            t("主办单位", "Host unit"),
            t("账号数", "Accounts"),
            t("有得分", "With score"),
            t("年度平均", "Annual mean"),
            t("否决次数", "Vetoes"),
        ],
    );
    for u in &y.units {
        tb.rows.push(vec![
            Cell::text(u.unit.clone()),
            Cell::int(u.accounts),
            Cell::int(u.with_score),
            Cell::fig(u.annual),
            Cell::int(u.vetoes),
        ]);
    }
    tb
}

fn veto_table(y: &Annual, lang: Lang) -> Table {
    let t = |z: &str, e: &str| lang.pick(z, e).to_string();
    let mut tb = Table::new(
        t("单项否决", "Vetoes"),
        vec![
            t("轮次", "Round"),
            t("账号", "Account"),
            t("平台", "Platform"),
            t("主办单位", "Host unit"),
            t("原因", "Reasons"),
        ],
    );
    for v in &y.vetoes {
        tb.rows.push(vec![
            Cell::text(v.round.clone()),
            Cell::text(v.account.clone()),
            Cell::text(v.platform.clone()),
            Cell::text(v.unit.clone()),
            Cell::text(v.reasons.join("；")),
        ]);
    }
    tb
}

fn headline(y: &Annual, lang: Lang) -> String {
    let note = figure_msg::rounding_note(lang, y.decimals);
    match lang {
        Lang::Zh => format!(
            "{} 年度考核：{} 个评估轮次，{} 个账号；合格 {}，不合格 {}，未评分 {}；{} 个账号在历次检查中均为满分；单项否决 {} 次（任一轮次单项否决的账号{}）。{note}。",
            y.year,
            y.rounds.len(),
            y.accounts.len(),
            y.passed,
            y.failed,
            y.unscored,
            y.full_every_check,
            y.vetoes.len(),
            match y.veto_year {
                VetoYear::Fail => "年度不合格，排在其他账号之后",
                VetoYear::Score => "按年度得分评定，排在其他账号之后",
            }
        ),
        Lang::En => format!(
            "Annual assessment {}: {} rounds, {} accounts; {} passed, {} failed, {} unscored; {} at full marks in every check; {} vetoes (an account vetoed in any round {}). {note}.",
            y.year,
            y.rounds.len(),
            y.accounts.len(),
            y.passed,
            y.failed,
            y.unscored,
            y.full_every_check,
            y.vetoes.len(),
            match y.veto_year {
                VetoYear::Fail => "fails the year and ranks after all others",
                VetoYear::Score => "is judged on its score and ranks after all others",
            }
        ),
    }
}

#[derive(serde::Serialize)]
struct AnnualJson<'a> {
    #[serde(flatten)]
    annual: &'a Annual,
    rule_note: String,
}

pub fn emit(
    y: &Annual,
    format: AnnualFormat,
    out: Option<&Path>,
    lang: Lang,
) -> anyhow::Result<()> {
    let accounts = account_table(y, lang);
    let tables = [accounts.clone(), unit_table(y, lang), veto_table(y, lang)];
    let bytes = match format {
        AnnualFormat::Json => {
            let j = AnnualJson {
                annual: y,
                rule_note: figure_msg::rounding_note(lang, y.decimals),
            };
            (serde_json::to_string_pretty(&j)? + "\n").into_bytes()
        }
        AnnualFormat::Csv => csv_bytes(&accounts)?,
        AnnualFormat::Table => {
            let mut s = format!("{}\n", headline(y, lang));
            for t in &tables {
                let h: Vec<&str> = t.header.iter().map(String::as_str).collect();
                s.push('\n');
                s.push_str(&super::output::table(&h, &t.text_rows()));
            }
            s.into_bytes()
        }
        AnnualFormat::Md => {
            let mut s = format!(
                "# {}\n\n{}\n",
                lang.pick("年度考核", "Annual assessment"),
                headline(y, lang)
            );
            for t in &tables {
                s.push_str(&format!("\n## {}\n\n{}", t.name, markdown(t)));
            }
            s.into_bytes()
        }
        AnnualFormat::Html => {
            return Err(crate::i18n::errors::said(
                crate::i18n::compare_msg::annual_html_only(lang).to_owned(),
            ));
        }
        AnnualFormat::Xlsx => {
            let path = out.ok_or_else(|| {
                anyhow::anyhow!(
                    "{}",
                    lang.pick("xlsx 格式需要 --out 文件路径", "xlsx needs --out FILE")
                )
            })?;
            // The one workbook writer: the headline under the title, long names wrapped.
            let mut sheets: Vec<Sheet> = tables.into_iter().map(Sheet::from).collect();
            sheets[0].title = Some(format!(
                "{} {}",
                y.year,
                lang.pick("年度考核", "annual assessment")
            ));
            sheets[0].paragraphs = vec![headline(y, lang)];
            sheets[0].caps = vec![(1, 24.0), (3, 24.0)];
            sheets[1].caps = vec![(0, 30.0)];
            write_book(path, &sheets)?;
            return Ok(());
        }
    };
    match out {
        Some(p) => crate::io::out::write_file(p, &bytes)?,
        None => crate::io::out::print_bytes(&bytes)?,
    }
    Ok(())
}
