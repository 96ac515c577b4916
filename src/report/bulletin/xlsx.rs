//! The bulletin as a workbook: an overview sheet (levels, platforms), failures, full marks,
//! host units and categories, each a plain table with numbers as numbers.

use std::path::Path;

use rust_xlsxwriter::{Format, FormatBorder, Workbook, Worksheet, XlsxError};

use super::{Bulletin, Words, key};
use crate::domain::figure::Figure;
use crate::i18n::Lang;
use crate::report::GroupStats;

/// A cell: text, a count, or a published figure (its value, formatted at its decimals; 「—」
/// when there is none).
enum V {
    T(String),
    I(i64),
    F(Option<Figure>),
}

fn table(
    ws: &mut Worksheet,
    row: &mut u32,
    head: &[&str],
    rows: Vec<Vec<V>>,
) -> Result<(), XlsxError> {
    let h = Format::new()
        .set_bold()
        .set_border(FormatBorder::Thin)
        .set_font_name("宋体");
    let t = Format::new()
        .set_border(FormatBorder::Thin)
        .set_font_name("宋体");
    for (c, s) in head.iter().enumerate() {
        ws.write_string_with_format(*row, c as u16, *s, &h)?;
    }
    for r in rows {
        *row += 1;
        for (c, v) in r.into_iter().enumerate() {
            match v {
                V::T(s) => ws.write_string_with_format(*row, c as u16, s, &t)?,
                V::I(n) => ws.write_number_with_format(*row, c as u16, n as f64, &t)?,
                V::F(Some(x)) => {
                    let n = t.clone().set_num_format(x.number_format());
                    ws.write_number_with_format(*row, c as u16, x.to_f64(), &n)?
                }
                V::F(None) => ws.write_string_with_format(*row, c as u16, "—", &t)?,
            };
        }
    }
    *row += 2;
    Ok(())
}

fn group_rows(gs: &[GroupStats]) -> Vec<Vec<V>> {
    gs.iter()
        .map(|g| {
            vec![
                V::T(key(g)),
                V::I(g.accounts as i64),
                V::I(g.with_result as i64),
                V::I(g.passed as i64),
                V::I(g.failed as i64),
                V::F(g.pass_rate.map(Figure::percent)),
                V::F(g.spread.mean),
                V::I(g.full_marks as i64),
            ]
        })
        .collect()
}

/// Writes the bulletin workbook.
pub fn write_xlsx(b: &Bulletin, path: &Path, lang: Lang) -> Result<(), XlsxError> {
    let w = Words { lang };
    let mut wb = Workbook::new();
    let gh = [
        w.t("类别", "Group"),
        w.t("账号数", "Accounts"),
        w.t("已评", "With result"),
        w.t("合格", "Passed"),
        w.t("不合格", "Failed"),
        w.t("合格率%", "Pass rate %"),
        w.t("平均分", "Mean"),
        w.t("满分", "Full marks"),
    ];
    let ws = wb.add_worksheet();
    ws.set_name(w.t("总体情况", "Overview"))?;
    ws.write_string(0, 0, w.overview(b))?;
    let mut r = 2;
    ws.write_string(r, 0, w.t("按层级", "By level"))?;
    r += 1;
    table(ws, &mut r, &gh, group_rows(&b.by_level))?;
    ws.write_string(r, 0, w.t("按平台类型", "By platform"))?;
    r += 1;
    table(ws, &mut r, &gh, group_rows(&b.by_platform))?;
    // The footer: the chain heads a chair keeps to pin this database's history.
    if let Some(c) = &b.chain_head {
        ws.write_string(r, 0, c.line(lang))?;
    }
    ws.set_column_width(0, 18)?;

    let ws = wb.add_worksheet();
    ws.set_name(w.t("不合格账号", "Failed"))?;
    let mut r = 0;
    let rows = b
        .failures
        .iter()
        .map(|f| {
            vec![
                V::T(f.name.clone()),
                V::T(
                    lang.pick(f.platform.label_zh(), f.platform.label_en())
                        .into(),
                ),
                V::T(f.unit.clone()),
                V::F(f.total),
                V::T(w.failure_reason(b, f)),
            ]
        })
        .collect();
    table(
        ws,
        &mut r,
        &[
            w.t("账号", "Account"),
            w.t("平台", "Platform"),
            w.t("主办单位", "Host unit"),
            w.t("得分", "Total"),
            w.t("原因", "Reason"),
        ],
        rows,
    )?;

    let ws = wb.add_worksheet();
    ws.set_name(w.t("满分账号", "Full marks"))?;
    let mut r = 0;
    let rows = b
        .full_marks
        .iter()
        .map(|f| {
            vec![
                V::T(f.name.clone()),
                V::T(f.platform.clone()),
                V::T(f.unit.clone()),
                V::F(Some(f.total)),
            ]
        })
        .collect();
    table(
        ws,
        &mut r,
        &[
            w.t("账号", "Account"),
            w.t("平台", "Platform"),
            w.t("主办单位", "Host unit"),
            w.t("得分", "Total"),
        ],
        rows,
    )?;

    let ws = wb.add_worksheet();
    ws.set_name(w.t("主办单位", "Host units"))?;
    let mut r = 0;
    ws.write_string(r, 0, w.t("平均分最高的单位", "Strongest host units"))?;
    r += 1;
    table(ws, &mut r, &gh, group_rows(&b.strongest_units))?;
    ws.write_string(r, 0, w.t("平均分最低的单位", "Weakest host units"))?;
    r += 1;
    table(ws, &mut r, &gh, group_rows(&b.weakest_units))?;

    let ws = wb.add_worksheet();
    ws.set_name(w.t("分维度", "Categories"))?;
    let mut r = 0;
    for (i, c) in b.overall.categories.iter().enumerate() {
        ws.write_string(
            r,
            0,
            format!(
                "{}（{} {}）",
                c.name,
                w.t("权重", "weight"),
                super::param(c.weight)
            ),
        )?;
        r += 1;
        let rows = b
            .categories_by_level
            .iter()
            .filter_map(|g| {
                let m = g.categories.get(i)?;
                let label = if g.key.is_empty() {
                    w.t("全部", "All").to_string()
                } else {
                    key(g)
                };
                if m.n == 0 && g.with_result > 0 {
                    let na = || V::T(w.t("不适用", "n/a").to_owned());
                    return Some(vec![V::T(label), na(), na()]);
                }
                Some(vec![
                    V::T(label),
                    V::F(m.mean),
                    V::F(m.share.map(Figure::percent)),
                ])
            })
            .collect();
        table(
            ws,
            &mut r,
            &[
                w.t("层级", "Level"),
                w.t("平均得分", "Mean"),
                w.t("得分率%", "Share %"),
            ],
            rows,
        )?;
    }
    if let Some(o) = &b.operations {
        ops_sheet(wb.add_worksheet(), o, w)?;
    }
    crate::io::out::save_xlsx(&mut wb, path)
}

/// The operations sheet: the same section as the Markdown and HTML bulletin (its intro, the
/// flagged accounts with flags, streaks and days silent, the rest counted, the findings).
fn ops_sheet(ws: &mut Worksheet, o: &super::ops::OpsSection, w: Words) -> Result<(), XlsxError> {
    ws.set_name(w.t("运营监测", "Operations"))?;
    ws.write_string(0, 0, o.intro(w.lang))?;
    let mut r = 2;
    let rows = o
        .flagged
        .iter()
        .map(|a| {
            vec![
                V::T(a.name.clone()),
                V::T(a.region.clone()),
                V::T(a.flags.join(w.t("、", ", "))),
                V::I(i64::from(a.streak)),
                V::I(i64::from(a.longest)),
                V::I(a.silent_days),
            ]
        })
        .collect();
    table(
        ws,
        &mut r,
        &[
            w.t("账号", "Account"),
            w.t("地区", "Region"),
            w.t("预警", "Flags"),
            w.t("连续低于均值(周)", "Weeks below (running)"),
            w.t("最长(周)", "Longest run (weeks)"),
            w.t("未更新天数", "Days silent"),
        ],
        rows,
    )?;
    if let Some(more) = o.more(w.lang) {
        ws.write_string(r, 0, more)?;
        r += 2;
    }
    ws.write_string(r, 0, w.t("整合提示", "Consolidation findings"))?;
    for f in &o.findings {
        r += 1;
        ws.write_string(r, 0, f)?;
    }
    ws.set_column_width(0, 18)?;
    ws.set_column_width(1, 28)?;
    ws.set_column_width(2, 30)?;
    Ok(())
}
