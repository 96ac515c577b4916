//! Rendering of the operations report: aligned table, JSON, CSV (Excel-safe) and Markdown.

use crate::domain::figure::{Figure, index};
use crate::domain::ops::table::{OpsLine, OpsTable};
use crate::i18n::Lang;

use super::ops_read::OpsFormat;

fn flag_label(f: &str, lang: Lang) -> &'static str {
    match (f, lang) {
        ("dormant", Lang::Zh) => "睡眠",
        ("zombie", Lang::Zh) => "僵尸",
        ("below_average", Lang::Zh) => "低于平均",
        ("under_floor", Lang::Zh) => "更新不足",
        ("no_interaction", Lang::Zh) => "无互动",
        ("dormant", _) => "dormant",
        ("zombie", _) => "zombie",
        ("below_average", _) => "below average",
        ("under_floor", _) => "under floor",
        ("no_interaction", _) => "no interaction",
        _ => "?",
    }
}

/// A platform's stored code as the reader's language names it (微信, 快手, …).
fn platform_label(code: &str, lang: Lang) -> &str {
    crate::domain::platform::Platform::parse(code)
        .map_or(code, |p| lang.pick(p.label_zh(), p.label_en()))
}

/// A group's key as a reader names it: 全部 for the whole round, a platform or level in words,
/// a region path as it is.
fn group_label(key: &str, lang: Lang) -> &str {
    use crate::domain::platform::{Level, Platform};
    if key == "all" {
        return lang.pick("全部", "all");
    }
    if let Some(p) = Platform::ALL.into_iter().find(|p| p.code() == key) {
        return lang.pick(p.label_zh(), p.label_en());
    }
    Level::ALL
        .into_iter()
        .find(|l| l.code() == key)
        .map_or(key, |l| lang.pick(l.label_zh(), l.label_en()))
}

fn header(lang: Lang) -> [&'static str; 11] {
    match lang {
        Lang::Zh => [
            "标记",
            "平台",
            "账号",
            "分组",
            "指数",
            "组均值",
            "差值",
            "连续低于(当前/最长)",
            "平均指数",
            "最后发布",
            "最长间隔(天)",
        ],
        Lang::En => [
            "flags",
            "platform",
            "account",
            "group",
            "index",
            "group mean",
            "diff",
            "streak (now/longest)",
            "mean index",
            "last post",
            "longest gap (days)",
        ],
    }
}

/// A row's cells in order, each handed to `emit` from `buf` (no string per cell): the one
/// definition of what the table, Markdown and CSV show.
fn each_cell(
    r: &OpsLine<'_>,
    lang: Lang,
    codes: bool,
    buf: &mut String,
    emit: &mut dyn FnMut(&str) -> std::io::Result<()>,
) -> std::io::Result<()> {
    buf.clear();
    if r.no_data {
        buf.push_str(if codes {
            "no_data"
        } else {
            lang.pick("无数据", "no data")
        });
    }
    for (k, f) in r.flags().enumerate() {
        if k > 0 {
            buf.push_str(if codes { ";" } else { "、" });
        }
        buf.push_str(if codes { f } else { flag_label(f, lang) });
    }
    emit(buf)?;
    emit(if codes {
        r.platform
    } else {
        platform_label(r.platform, lang)
    })?;
    emit(r.name)?;
    emit(if codes {
        r.group
    } else {
        group_label(r.group, lang)
    })?;
    let st = r.standing.as_ref();
    // Every statistic as published ([`index`]: half-up at four decimals); none without figures.
    let numbers: [(Option<Figure>, bool); 3] = [
        (index(r.index), false),
        (st.and_then(|s| index(s.mean)), false),
        (st.and_then(|s| index(s.diff)), true),
    ];
    for (n, plus) in numbers {
        buf.clear();
        match n {
            Some(x) if plus => x.write_signed(buf),
            Some(x) => x.write_to(buf),
            None if r.no_data || !r.index.is_finite() => buf.push_str(no_data(lang, codes)),
            None => {}
        }
        emit(buf)?;
    }
    buf.clear();
    let mut digits = itoa::Buffer::new();
    buf.push_str(digits.format(r.streak.current));
    buf.push('/');
    buf.push_str(digits.format(r.streak.longest));
    emit(buf)?;
    buf.clear();
    match index(r.mean_index) {
        Some(x) => x.write_to(buf),
        None => buf.push_str(no_data(lang, codes)),
    }
    emit(buf)?;
    buf.clear();
    match r.last_post {
        Some(d) => write_date(d, buf),
        None => buf.push('-'),
    }
    emit(buf)?;
    emit(digits.format(r.longest_gap))
}

/// A date as chrono prints it (2024-12-10), without the formatting machinery for the years
/// 0–9999 (chrono's own text for any other).
fn write_date(d: chrono::NaiveDate, buf: &mut String) {
    use chrono::Datelike;
    let (y, m, day) = (d.year(), d.month(), d.day());
    if !(0..=9999).contains(&y) {
        use std::fmt::Write;
        let _ = write!(buf, "{d}");
        return;
    }
    let mut digits = itoa::Buffer::new();
    for (n, width) in [(y as u32, 4), (m, 2), (day, 2)] {
        if width == 2 {
            buf.push('-');
        }
        let s = digits.format(n);
        buf.extend(std::iter::repeat_n('0', width - s.len()));
        buf.push_str(s);
    }
}

/// 「无数据」 where a figure would stand (empty in CSV: the flags column says no_data).
fn no_data(lang: Lang, codes: bool) -> &'static str {
    if codes {
        ""
    } else {
        lang.pick("无数据", "no data")
    }
}

fn cells(r: &OpsLine<'_>, lang: Lang, codes: bool) -> Vec<String> {
    let mut out = Vec::with_capacity(11);
    let mut buf = String::new();
    let _ = each_cell(r, lang, codes, &mut buf, &mut |c| {
        out.push(c.to_string());
        Ok(())
    });
    out
}

fn findings(rep: &OpsTable<'_>, lang: Lang) -> String {
    use crate::domain::ops::activity::Finding;
    let mut out = String::new();
    for f in &rep.findings {
        let line = match (f, lang) {
            (
                Finding::CountyOverLimit {
                    county,
                    accounts,
                    limit,
                },
                Lang::Zh,
            ) => {
                format!("整合建议：{county} 有 {accounts} 个账号，超过 {limit} 个")
            }
            (
                Finding::CountyOverLimit {
                    county,
                    accounts,
                    limit,
                },
                Lang::En,
            ) => {
                format!("consolidation: {county} has {accounts} accounts, more than {limit}")
            }
            (
                Finding::DuplicateUnit {
                    unit,
                    platform,
                    accounts,
                },
                Lang::Zh,
            ) => {
                format!(
                    "整合建议：{unit} 在{}有 {} 个账号（{}）",
                    platform_label(platform, Lang::Zh),
                    accounts.len(),
                    accounts.join("、")
                )
            }
            (
                Finding::DuplicateUnit {
                    unit,
                    platform,
                    accounts,
                },
                Lang::En,
            ) => {
                format!(
                    "consolidation: {unit} has {} accounts on {} ({})",
                    accounts.len(),
                    platform_label(platform, Lang::En),
                    accounts.join(", ")
                )
            }
        };
        out += &line;
        out.push('\n');
    }
    out
}

/// Writes the report in the chosen format to `out`, row by row, each row made as it is
/// written (the aligned table makes each twice: to measure its columns, then to write it).
pub fn render_to(
    rep: &OpsTable<'_>,
    format: OpsFormat,
    lang: Lang,
    out: &mut dyn std::io::Write,
) -> anyhow::Result<()> {
    match format {
        OpsFormat::Csv => write_csv(rep, lang, out),
        OpsFormat::Json => write_json(rep, out),
        OpsFormat::Table => write_table(rep, lang, out),
        OpsFormat::Md => write_markdown(rep, lang, out),
    }
}

/// Rows of a CSV listing written as one piece (a second thread writes every other piece).
const CSV_PIECE: usize = 8192;

/// The CSV (codes for flags), one row at a time through the one listing writer. A long listing
/// is made in pieces of [`CSV_PIECE`] rows, every other piece on a second thread, and written
/// in order: the same bytes, two pieces in memory at a time.
fn write_csv(rep: &OpsTable<'_>, lang: Lang, out: &mut dyn std::io::Write) -> anyhow::Result<()> {
    use crate::io::export::CsvOut;
    let mut w = CsvOut::new(out, &header(lang))?;
    if rep.len() <= CSV_PIECE {
        csv_rows(rep, lang, 0..rep.len(), &mut w)?;
        w.finish()?;
        return Ok(());
    }
    let out = w.into_inner()?;
    let pieces = rep.len().div_ceil(CSV_PIECE);
    let made = |p: usize| {
        let mut c = CsvOut::continued(Vec::new());
        let rows = p * CSV_PIECE..((p + 1) * CSV_PIECE).min(rep.len());
        csv_rows(rep, lang, rows, &mut c).and_then(|()| c.into_inner())
    };
    std::thread::scope(|scope| -> anyhow::Result<()> {
        let (tx, rx) = std::sync::mpsc::sync_channel(1);
        scope.spawn(move || {
            for p in (1..pieces).step_by(2) {
                if tx.send(made(p)).is_err() {
                    return;
                }
            }
        });
        for p in 0..pieces {
            let bytes = if p % 2 == 0 {
                made(p)?
            } else {
                rx.recv().map_err(|e| anyhow::anyhow!("{e}"))??
            };
            out.write_all(&bytes)?;
        }
        Ok(())
    })?;
    out.flush()?;
    Ok(())
}

/// The rows at listed positions `range` into `w`.
fn csv_rows<W: std::io::Write>(
    rep: &OpsTable<'_>,
    lang: Lang,
    range: std::ops::Range<usize>,
    w: &mut crate::io::export::CsvOut<W>,
) -> std::io::Result<()> {
    let mut buf = String::new();
    for k in range {
        each_cell(&rep.line(k), lang, true, &mut buf, &mut |c| w.field(c))?;
        w.end_row()?;
    }
    Ok(())
}

/// The same bytes as [`super::output::json`] of the whole report plus a newline, with one
/// account row in memory as JSON at a time (a national report is 100 MB of JSON): the report
/// without its rows, then each row at the rows' place, indented as the whole would be.
fn write_json(rep: &OpsTable<'_>, out: &mut dyn std::io::Write) -> anyhow::Result<()> {
    let skeleton = rep.skeleton();
    let text = super::output::json(&skeleton)?;
    let slot = "\n  \"accounts\": [";
    let mut days = Vec::new();
    let Some(at) = text.find(&format!("{slot}]")) else {
        let mut whole = skeleton;
        whole.accounts = (0..rep.len()).map(|k| rep.row(k, &mut days)).collect();
        out.write_all(super::output::json(&whole)?.as_bytes())?;
        out.write_all(b"\n")?;
        return Ok(());
    };
    let at = at + slot.len();
    out.write_all(&text.as_bytes()[..at])?;
    for k in 0..rep.len() {
        out.write_all(if k == 0 { b"\n" } else { b",\n" })?;
        let row = super::output::json(&rep.row(k, &mut days))?;
        for (k, line) in row.lines().enumerate() {
            if k > 0 {
                out.write_all(b"\n")?;
            }
            out.write_all(b"    ")?;
            out.write_all(line.as_bytes())?;
        }
    }
    if !rep.is_empty() {
        out.write_all(b"\n  ")?;
    }
    out.write_all(&text.as_bytes()[at..])?;
    out.write_all(b"\n")?;
    Ok(())
}

/// The aligned table with its heading line and the consolidation findings, each row made as
/// it is measured and again as it is written.
fn write_table(rep: &OpsTable<'_>, lang: Lang, out: &mut dyn std::io::Write) -> anyhow::Result<()> {
    let flagged = rep.flagged;
    let head = match lang {
        Lang::Zh => format!(
            "{} 至 {}，{} 周，{} 个账号，{} 个有标记，{} 个无数据（未导入运营数据，不作判断）\n",
            rep.from,
            rep.to,
            rep.weeks.len(),
            rep.len(),
            flagged,
            rep.no_data
        ),
        Lang::En => format!(
            "{} to {}, {} weeks, {} accounts, {} flagged, {} with no data (no metrics imported, nothing judged)\n",
            rep.from,
            rep.to,
            rep.weeks.len(),
            rep.len(),
            flagged,
            rep.no_data
        ),
    };
    out.write_all(head.as_bytes())?;
    let row = |k| cells(&rep.line(k), lang, false);
    super::output::write_table(&header(lang), rep.len(), row, out)?;
    out.write_all(findings(rep, lang).as_bytes())?;
    Ok(())
}

/// The Markdown table, the findings as a list under it; each row written as it is made.
fn write_markdown(
    rep: &OpsTable<'_>,
    lang: Lang,
    out: &mut dyn std::io::Write,
) -> anyhow::Result<()> {
    let h = header(lang);
    write!(out, "| {} |\n|{}\n", h.join(" | "), "---|".repeat(h.len()))?;
    for k in 0..rep.len() {
        let c: Vec<String> = cells(&rep.line(k), lang, false)
            .iter()
            .map(|c| c.replace('|', "\\|"))
            .collect();
        writeln!(out, "| {} |", c.join(" | "))?;
    }
    let f = findings(rep, lang);
    if !f.is_empty() {
        out.write_all(b"\n")?;
        for l in f.lines() {
            writeln!(out, "- {l}")?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn dates_are_written_as_chrono_prints_them() {
        use chrono::Datelike;
        let mut d = chrono::NaiveDate::from_ymd_opt(-3, 1, 1).unwrap();
        let mut buf = String::new();
        let mut seen = 0;
        while d.year() <= 10_020 {
            buf.clear();
            super::write_date(d, &mut buf);
            assert_eq!(buf, d.to_string());
            d += chrono::Duration::days(97);
            seen += 1;
        }
        assert!(seen > 30_000, "{seen}");
    }
}
