//! Words for the derivation: numbers as people read them, one item's derivation, N/A policies
//! and statuses, in Chinese or English.

use std::fmt::Write as _;

use super::{ItemDetail, Status};
use crate::domain::rubric::NaPolicy;
use crate::i18n::Lang;

/// A number as people read it: integers bare, otherwise at most two decimals (`4.5`, `8.65`).
pub fn fmt_num(x: f64) -> String {
    let r = (x * 100.0).round() / 100.0;
    if r == r.trunc() && r.abs() < 1e15 {
        return (r as i64).to_string();
    }
    let mut s = format!("{r:.2}");
    while s.ends_with('0') {
        s.pop();
    }
    s
}

/// One item's derivation in words.
pub fn describe(how: &ItemDetail, lang: Lang) -> String {
    let zh = lang == Lang::Zh;
    match how {
        ItemDetail::Missing { points } => match (zh, *points > 0.0) {
            (true, true) => format!("未录入（无扣分记录，暂按 {} 分计）", fmt_num(*points)),
            (true, false) => "未录入（按 0 分计）".to_owned(),
            (false, true) => format!(
                "not entered (no deductions recorded, counts {})",
                fmt_num(*points)
            ),
            (false, false) => "not entered (counts 0)".to_owned(),
        },
        ItemDetail::NotApplicable { policy, declared } => {
            let why = match (zh, declared) {
                (true, true) => "不适用（评估人标注）",
                (true, false) => "不适用（平台或层级）",
                (false, true) => "not applicable (marked by the evaluator)",
                (false, false) => "not applicable (platform or level)",
            };
            format!("{why}{}{}", lang.pick("，", ", "), na_policy(*policy, lang))
        }
        ItemDetail::Range {
            value,
            clamped,
            level,
        } => range(*value, *clamped, level.as_deref(), lang),
        ItemDetail::Deduct {
            count,
            per,
            start,
            raw,
            cap,
            deducted,
        } => deduct(*count, *per, *start, *raw, *cap, *deducted, lang),
        ItemDetail::Check { yes } => match (zh, yes) {
            (true, true) => "是".to_owned(),
            (true, false) => "否".to_owned(),
            (false, true) => "yes".to_owned(),
            (false, false) => "no".to_owned(),
        },
        ItemDetail::VetoClean => lang
            .pick("已核查，无否决情形", "checked, no veto")
            .to_owned(),
    }
}

/// What an N/A policy does, in words.
pub fn na_policy(policy: NaPolicy, lang: Lang) -> &'static str {
    match policy {
        NaPolicy::Rescale => lang.pick("不计入分母，按比例折算", "dropped and rescaled"),
        NaPolicy::FullMarks => lang.pick("按满分计", "counted as full marks"),
        NaPolicy::Zero => lang.pick("按 0 分计", "counted as zero"),
    }
}

fn range(value: f64, clamped: Option<(f64, f64)>, level: Option<&str>, lang: Lang) -> String {
    let mut out = String::new();
    let points = match clamped {
        Some((min, max)) => {
            let p = value.clamp(min.min(max), max);
            let (v, lo, hi, pn) = (fmt_num(value), fmt_num(min), fmt_num(max), fmt_num(p));
            match lang {
                Lang::Zh => write!(out, "录入 {v} 超出 [{lo}, {hi}]，按 {pn} 计"),
                Lang::En => write!(out, "entered {v}, outside [{lo}, {hi}], counted as {pn}"),
            }
            .ok();
            p
        }
        None => value,
    };
    match (level, clamped.is_some()) {
        (Some(l), true) => format!("{out}（{l}）"),
        (Some(l), false) => format!("{l} {}", fmt_num(points)),
        (None, true) => out,
        (None, false) => fmt_num(points),
    }
}

fn deduct(
    count: u32,
    per: f64,
    start: f64,
    raw: f64,
    cap: f64,
    deducted: f64,
    lang: Lang,
) -> String {
    let zh = lang == Lang::Zh;
    let s = fmt_num(start);
    if count == 0 {
        return if zh {
            format!("无扣分情形，{s} 分")
        } else {
            format!("no deductions, {s}")
        };
    }
    let capped = deducted + 1e-9 < raw;
    let (per, raw, cap, d) = (fmt_num(per), fmt_num(raw), fmt_num(cap), fmt_num(deducted));
    let mut out = if zh {
        format!("{count} 处 × {per} = {raw}")
    } else {
        format!("{count} × {per} = {raw}")
    };
    if capped {
        out += &if zh {
            format!("，封顶扣 {cap}")
        } else {
            format!(", capped at {cap}")
        };
    }
    let left = start - deducted;
    if left < -1e-9 {
        out += &if zh {
            format!("，{s} − {d} < 0，扣完为止：0")
        } else {
            format!(", {s} − {d} < 0, floored at 0")
        };
    } else {
        out += &format!("{}{s} − {d} = {}", lang.pick("，", ", "), fmt_num(left));
    }
    out
}

/// A status as the lists show it.
pub fn status_label(status: Status, lang: Lang) -> &'static str {
    match status {
        Status::NotStarted => lang.pick("未开始", "not started"),
        Status::InProgress => lang.pick("进行中", "in progress"),
        Status::Vetoed => lang.pick("单项否决", "vetoed"),
        Status::Pass => lang.pick("合格", "pass"),
        Status::Fail => lang.pick("不合格", "fail"),
    }
}
