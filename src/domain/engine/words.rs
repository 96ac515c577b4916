//! Words for the derivation: numbers as people read them, one item's derivation, N/A policies
//! and statuses, in Chinese or English.

use std::fmt::Write as _;

use super::{ItemDetail, Status};
use crate::domain::figure::{Figure, dec};
use crate::domain::rubric::{NaPolicy, Rubric, Side, VetoPolicy};
use crate::i18n::Lang;

/// A rubric's number or an entry as written (`25`, `4.5`, `0.005`): the decimal it stands for,
/// through the one formatting function ([`Figure::text`]).
pub fn fmt_num(x: f64) -> String {
    dec(x).text()
}

/// A bonus gate in words: 「基础分高于80分计加分」 / 「基础分达到80分及以上计加分」.
pub fn gate_rule(side: Side, gate: f64, lang: Lang) -> String {
    let g = fmt_num(gate);
    match (lang, side) {
        (Lang::Zh, Side::Above) => format!("基础分高于{g}分计加分"),
        (Lang::Zh, Side::AtLeast) => format!("基础分达到{g}分及以上计加分"),
        (Lang::En, Side::Above) => format!("bonus counts when the base is above {g}"),
        (Lang::En, Side::AtLeast) => format!("bonus counts when the base is {g} or more"),
    }
}

/// The pass rule in words: 「60分及以上合格」 / 「高于60分合格」.
pub fn pass_rule(rubric: &Rubric, lang: Lang) -> String {
    let m = fmt_num(rubric.pass_mark);
    match (lang, rubric.pass_side) {
        (Lang::Zh, Side::AtLeast) => format!("{m}分及以上合格"),
        (Lang::Zh, Side::Above) => format!("高于{m}分合格，{m}分及以下不合格"),
        (Lang::En, Side::AtLeast) => format!("{m} or more passes"),
        (Lang::En, Side::Above) => format!("more than {m} passes; {m} or less fails"),
    }
}

/// What a veto hit does to the total, in words.
pub fn veto_policy(policy: VetoPolicy, lang: Lang) -> String {
    match (lang, policy) {
        (Lang::Zh, VetoPolicy::FailKeepScore) => "不合格，保留计算得分供参考".to_owned(),
        (Lang::Zh, VetoPolicy::FailWithScore(x)) => format!("不合格，总分记为 {}", fmt_num(x)),
        (Lang::Zh, VetoPolicy::FailCapScore(x)) => {
            format!("不合格，总分最高计 {}（低于则按实得）", fmt_num(x))
        }
        (Lang::Zh, VetoPolicy::FailNoScore) => "不合格，不再评分（无总分，排在最后）".to_owned(),
        (Lang::En, VetoPolicy::FailKeepScore) => {
            "fail, the computed total kept for reference".to_owned()
        }
        (Lang::En, VetoPolicy::FailWithScore(x)) => format!("fail, total set to {}", fmt_num(x)),
        (Lang::En, VetoPolicy::FailCapScore(x)) => {
            format!("fail, total capped at {}", fmt_num(x))
        }
        (Lang::En, VetoPolicy::FailNoScore) => "fail, no total (ranked last)".to_owned(),
    }
}

/// One item's derivation in words.
pub fn describe(how: &ItemDetail, lang: Lang) -> String {
    let zh = lang == Lang::Zh;
    match how {
        ItemDetail::Missing { points } => match (zh, !points.is_zero()) {
            (true, true) => format!("未录入（无扣分记录，暂按 {points} 分计）"),
            (true, false) => "未录入（按 0 分计）".to_owned(),
            (false, true) => format!("not entered (no deductions recorded, counts {points})"),
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
        } => deduct(*count, (*per, *start, *raw), *cap, *deducted, lang),
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

fn range(
    value: Figure,
    clamped: Option<(Figure, Figure)>,
    level: Option<&str>,
    lang: Lang,
) -> String {
    let mut out = String::new();
    let points = match clamped {
        Some((min, max)) => {
            let p = value.clamp(min.min(max), max);
            match lang {
                Lang::Zh => write!(out, "录入 {value} 超出 [{min}, {max}]，按 {p} 计"),
                Lang::En => write!(
                    out,
                    "entered {value}, outside [{min}, {max}], counted as {p}"
                ),
            }
            .ok();
            p
        }
        None => value,
    };
    match (level, clamped.is_some()) {
        (Some(l), true) => format!("{out}（{l}）"),
        (Some(l), false) => format!("{l} {points}"),
        (None, true) => out,
        (None, false) => points.text(),
    }
}

fn deduct(
    count: u32,
    (per, start, raw): (Figure, Figure, Figure),
    cap: Figure,
    deducted: Figure,
    lang: Lang,
) -> String {
    let zh = lang == Lang::Zh;
    let s = start;
    if count == 0 {
        return if zh {
            format!("无扣分情形，{s} 分")
        } else {
            format!("no deductions, {s}")
        };
    }
    let capped = deducted < raw;
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
    let left = start.exact().sub(&deducted.exact());
    if left.is_negative() {
        out += &if zh {
            format!("，{s} − {deducted} < 0，扣完为止：0")
        } else {
            format!(", {s} − {deducted} < 0, floored at 0")
        };
    } else {
        let left = left.publish(crate::domain::figure::MAX_DECIMALS).trimmed();
        out += &format!("{}{s} − {deducted} = {left}", lang.pick("，", ", "));
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
