//! The readable derivation of an [`Outcome`]: one line per step, per category its indicators with
//! points/max and how they came about, then scaling, base, bonus gate, bonus, vetoes, total,
//! verdict, grade and completeness. Chinese by default, English on request; CJK-aware alignment.

use std::fmt::Write as _;

use unicode_width::UnicodeWidthStr;

use super::{ItemDetail, ItemResult, Outcome, Status, Step};
use crate::domain::rubric::{NaPolicy, Rubric};
use crate::i18n::Lang;

/// Width of the name column (display cells); longer names are not cut, only not padded.
const NAME_COLS: usize = 34;

/// A number as people read it: integers bare, otherwise at most two decimals (`4.5`, `8.65`).
pub fn fmt_num(x: f64) -> String {
    let s = format!("{:.2}", x);
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" {
        "0".to_owned()
    } else {
        s.to_owned()
    }
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

/// The whole derivation as aligned text (the score sheet and `assay explain` print this).
pub fn render_text(outcome: &Outcome, rubric: &Rubric, lang: Lang) -> String {
    let mut r = Render {
        out: String::new(),
        lang,
        outcome,
        rubric,
        section: String::new(),
        gate_open: true,
    };
    let rule = "─".repeat(NAME_COLS + 20);
    r.line(format!(
        "{}（{} {}）",
        rubric.name, rubric.id, rubric.version
    ));
    r.line(rule.clone());
    for step in &outcome.steps {
        r.step(step);
    }
    r.line(rule);
    let (s, a) = (outcome.scored, outcome.applicable);
    let status = status_label(outcome.status, lang);
    r.line(match lang {
        Lang::Zh => format!("完成度 {s} / {a}（{status}）"),
        Lang::En => format!("completeness {s} / {a} ({status})"),
    });
    r.out
}

/// Display-width-aware padding (CJK characters take two cells).
fn pad(s: &str, cols: usize) -> String {
    let w = UnicodeWidthStr::width(s);
    format!("{s}{}", " ".repeat(cols.saturating_sub(w)))
}

struct Render<'a> {
    out: String,
    lang: Lang,
    outcome: &'a Outcome,
    rubric: &'a Rubric,
    /// Category id, "bonus" or "veto" of the last header printed.
    section: String,
    /// Whether the last bonus gate seen was open.
    gate_open: bool,
}

impl Render<'_> {
    fn line(&mut self, s: String) {
        self.out.push_str(s.trim_end());
        self.out.push('\n');
    }

    fn t(&self, zh: &'static str, en: &'static str) -> &'static str {
        self.lang.pick(zh, en)
    }

    fn enter(&mut self, section: &str) {
        if self.section == section {
            return;
        }
        self.section = section.to_owned();
        let header = match section {
            "bonus" => self.t("加分项", "Bonus").to_owned(),
            "veto" => self.t("单项否决", "Single veto").to_owned(),
            id => match self.rubric.categories.iter().find(|c| c.id == id) {
                Some(c) => match self.lang {
                    Lang::Zh => format!("{}（权重 {}）", c.name, fmt_num(c.weight)),
                    Lang::En => format!("{} (weight {})", c.name, fmt_num(c.weight)),
                },
                None => id.to_owned(),
            },
        };
        self.line(header);
    }

    fn item(&self, id: &str) -> Option<&ItemResult> {
        self.outcome.items.iter().find(|i| i.id == id)
    }

    fn item_line(&mut self, id: &str, points: &str, detail: &str) {
        let (name, section) = match self.item(id) {
            Some(i) => (i.name.clone(), i.category.clone()),
            None => (id.to_owned(), self.section.clone()),
        };
        self.enter(&section);
        self.line(format!("  {} {points:>9}  {detail}", pad(&name, NAME_COLS)));
    }

    fn step(&mut self, step: &Step) {
        let lang = self.lang;
        match step {
            Step::Item {
                id,
                points,
                max,
                how,
                ..
            } => {
                let p = match how {
                    ItemDetail::NotApplicable {
                        policy: NaPolicy::Rescale,
                        ..
                    } => "—".to_owned(),
                    ItemDetail::VetoClean => String::new(),
                    _ if self.item(id).is_some_and(|i| i.kind == "Veto") => String::new(),
                    _ => format!("{} / {}", fmt_num(*points), fmt_num(*max)),
                };
                self.item_line(id, &p, &describe(how, lang));
            }
            Step::Category {
                id,
                raw,
                raw_max,
                weight,
                subtotal,
            } => {
                self.enter(id);
                let (r, m, w, s) = (
                    fmt_num(*raw),
                    fmt_num(*raw_max),
                    fmt_num(*weight),
                    fmt_num(*subtotal),
                );
                let scaled = (raw_max - weight).abs() > 1e-9;
                self.line(match (lang, scaled) {
                    (Lang::Zh, true) => format!("  小计 {r} / {m}，折算 {r} × {w} / {m} = {s}"),
                    (Lang::Zh, false) => format!("  小计 {s} / {w}"),
                    (Lang::En, true) => {
                        format!("  subtotal {r} / {m}, scaled {r} × {w} / {m} = {s}")
                    }
                    (Lang::En, false) => format!("  subtotal {s} / {w}"),
                });
            }
            Step::CategoryNa {
                id,
                weight,
                policy,
                subtotal,
            } => {
                self.enter(id);
                let (w, s, p) = (
                    fmt_num(*weight),
                    fmt_num(*subtotal),
                    na_policy(*policy, lang),
                );
                self.line(match lang {
                    Lang::Zh => format!("  本维度不适用（{p}），计 {s} / {w}"),
                    Lang::En => format!("  category not applicable ({p}), counts {s} / {w}"),
                });
            }
            other => self.after_base(other),
        }
    }

    fn after_base(&mut self, step: &Step) {
        let lang = self.lang;
        match step {
            Step::BaseRescale {
                sum,
                kept_weight,
                total,
                base,
            } => {
                self.section.clear();
                let (s, k, t, b) = (
                    fmt_num(*sum),
                    fmt_num(*kept_weight),
                    fmt_num(*total),
                    fmt_num(*base),
                );
                self.line(match lang {
                    Lang::Zh => format!(
                        "不适用折算：{s} × {t} / {k} = {b}（按适用维度满分 {k} 折算为 {t}）"
                    ),
                    Lang::En => {
                        format!("N/A rescaling: {s} × {t} / {k} = {b} (out of {k}, scaled to {t})")
                    }
                });
            }
            Step::Base { base, total } => {
                self.section.clear();
                let label = pad(self.t("基础分", "Base"), NAME_COLS + 2);
                self.line(format!(
                    "{label} {:>9}",
                    format!("{} / {}", fmt_num(*base), fmt_num(*total))
                ));
            }
            Step::BonusGate { base, gate, open } => {
                self.enter("bonus");
                self.gate_open = *open;
                let (b, g) = (fmt_num(*base), fmt_num(*gate));
                self.line(match (lang, open) {
                    (Lang::Zh, true) => format!("  门槛：基础分 {b} 高于 {g}，计入加分"),
                    (Lang::Zh, false) => format!("  门槛：基础分 {b} 未高于 {g}，不计加分"),
                    (Lang::En, true) => format!("  gate: base {b} is above {g}, bonus counts"),
                    (Lang::En, false) => format!("  gate: base {b} is not above {g}, no bonus"),
                });
            }
            Step::Bonus {
                id,
                count,
                per,
                cap,
                points,
            } => {
                let raw = per * f64::from(*count);
                let mut d = match lang {
                    Lang::Zh => format!("{count} 次 × {} = {}", fmt_num(*per), fmt_num(raw)),
                    Lang::En => format!("{count} × {} = {}", fmt_num(*per), fmt_num(raw)),
                };
                if !self.gate_open {
                    d += self.t("，门槛未达，不计", ", gate closed, not counted");
                } else if raw > cap + 1e-9 {
                    d += &format!("{}{}", self.t("，封顶 ", ", capped at "), fmt_num(*cap));
                }
                self.gate_open = true;
                let p = format!("{} / {}", fmt_num(*points), fmt_num(*cap));
                self.item_line(id, &p, &d);
            }
            Step::BonusCap { sum, cap } => {
                self.enter("bonus");
                let (s, c, b) = (fmt_num(*sum), fmt_num(*cap), fmt_num(self.outcome.bonus));
                self.line(match lang {
                    Lang::Zh => format!("  加分合计 {s}（上限 {c}），计 {b}"),
                    Lang::En => format!("  bonus total {s} (cap {c}), counts {b}"),
                });
            }
            Step::Veto { id, reason } => {
                let d = format!("{}{reason}", self.t("否决：", "veto: "));
                self.item_line(id, "", &d);
            }
            other => self.verdict(other),
        }
    }

    fn verdict(&mut self, step: &Step) {
        let lang = self.lang;
        match step {
            Step::VetoScore { forced } => {
                self.section.clear();
                let f = fmt_num(*forced);
                self.line(match lang {
                    Lang::Zh => format!("单项否决：总分按 {f} 计"),
                    Lang::En => format!("vetoed: total forced to {f}"),
                });
            }
            Step::Verdict {
                total,
                pass_mark,
                passed,
                grade,
            } => {
                self.section.clear();
                let label = pad(self.t("总分", "Total"), NAME_COLS + 2);
                self.line(format!("{label} {:>9}", fmt_num(*total)));
                let vetoed = !self.outcome.vetoes.is_empty();
                let v = match (vetoed, passed) {
                    (true, _) => self.t("不合格（单项否决）", "fail (vetoed)"),
                    (false, true) => self.t("合格", "pass"),
                    (false, false) => self.t("不合格", "fail"),
                };
                let provisional =
                    matches!(self.outcome.status, Status::InProgress | Status::NotStarted);
                let prov = if provisional {
                    self.t("（暂计，尚未评完）", " (provisional)")
                } else {
                    ""
                };
                let pm = fmt_num(*pass_mark);
                let g = grade.as_deref().unwrap_or("—");
                self.line(match lang {
                    Lang::Zh => format!("结论：{v}{prov}，及格线 {pm}；等级：{g}"),
                    Lang::En => format!("verdict: {v}{prov}, pass mark {pm}; grade: {g}"),
                });
            }
            _ => {}
        }
    }
}
