//! The readable derivation of an [`Outcome`]: one line per step, per category its indicators with
//! points/max and how they came about, then scaling, base, bonus gate, bonus, vetoes, total,
//! verdict, grade and completeness. Chinese by default, English on request; CJK-aware alignment.

use unicode_width::UnicodeWidthStr;

pub use super::words::{
    describe, fmt_num, gate_rule, na_policy, pass_rule, status_label, veto_policy,
};
use super::{ItemDetail, ItemResult, Outcome, Step};
use crate::domain::figure::{Exact, Figure, text_or_dash, unrounded_text};
use crate::domain::rubric::{NaPolicy, Rubric};
use crate::i18n::Lang;

/// Width of the name column (display cells); longer names are not cut, only not padded.
const NAME_COLS: usize = 34;

/// The whole derivation as aligned text (the score sheet and `assay explain` print this).
pub fn render_text(outcome: &Outcome, rubric: &Rubric, lang: Lang) -> String {
    let mut r = Render {
        out: String::new(),
        lang,
        outcome,
        rubric,
        section: String::new(),
    };
    let rule = "─".repeat(NAME_COLS + 20);
    // The rubric by its name and version (its id is a code, for files and filters).
    r.line(match lang {
        Lang::Zh => format!("{}（版本 {}）", rubric.name, rubric.version),
        Lang::En => format!("{} ({} {})", rubric.name, rubric.id, rubric.version),
    });
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
                    _ => format!("{points} / {max}"),
                };
                let detail = match how {
                    ItemDetail::Missing { .. } if self.outcome.left_by_veto() => self
                        .t("因单项否决未评", "not scored: the veto settles the sheet")
                        .to_owned(),
                    _ => describe(how, lang),
                };
                self.item_line(id, &p, &detail);
            }
            Step::Category {
                id,
                raw,
                raw_max,
                weight,
                subtotal,
                unrounded,
            } => {
                self.enter(id);
                let (r, m, w) = (raw, raw_max, weight);
                let mut s = subtotal.text();
                if *unrounded != subtotal.exact() {
                    s += &self.unrounded(unrounded);
                }
                let scaled = raw_max != weight;
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
                let (w, s, p) = (weight, text_or_dash(*subtotal), na_policy(*policy, lang));
                self.line(match (lang, policy) {
                    (Lang::Zh, NaPolicy::Rescale) => {
                        "  本维度不适用，不计入基础分，其余维度按比例折算".to_owned()
                    }
                    (Lang::En, NaPolicy::Rescale) => {
                        "  not applicable: dropped, the base is rescaled".to_owned()
                    }
                    (Lang::Zh, _) => format!("  本维度不适用（{p}），计 {s} / {w}"),
                    (Lang::En, _) => format!("  category not applicable ({p}), counts {s} / {w}"),
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
                let (s, k, t, b) = (unrounded_text(sum), kept_weight, total, base);
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
                self.line(format!("{label} {:>9}", format!("{base} / {total}")));
            }
            Step::BonusGate {
                base,
                gate,
                side,
                open,
                ..
            } => {
                self.enter("bonus");
                let rule = gate_rule(*side, gate.to_f64(), lang);
                self.line(match (lang, open) {
                    (Lang::Zh, true) => format!("  门槛：{rule}；基础分 {base}，计入加分"),
                    (Lang::Zh, false) => format!("  门槛：{rule}；基础分 {base}，不计加分"),
                    (Lang::En, true) => format!("  gate: {rule}; base {base}, bonus counts"),
                    (Lang::En, false) => format!("  gate: {rule}; base {base}, no bonus"),
                });
            }
            Step::Bonus {
                id,
                count,
                per,
                cap,
                points,
                open,
            } => {
                let raw = per
                    .exact()
                    .mul(&Exact::int(i128::from(*count)))
                    .publish(crate::domain::figure::MAX_DECIMALS)
                    .trimmed();
                let mut d = match lang {
                    Lang::Zh => format!("{count} 次 × {per} = {raw}"),
                    Lang::En => format!("{count} × {per} = {raw}"),
                };
                if !open {
                    d += self.t("，门槛未达，不计", ", gate closed, not counted");
                } else if raw > *cap {
                    d += &format!("{}{cap}", self.t("，封顶 ", ", capped at "));
                }
                let p = format!("{points} / {cap}");
                self.item_line(id, &p, &d);
            }
            Step::BonusCap { sum, cap } => {
                self.enter("bonus");
                let b = self.outcome.bonus;
                self.line(match lang {
                    Lang::Zh => format!("  加分合计 {sum}（上限 {cap}），计 {b}"),
                    Lang::En => format!("  bonus total {sum} (cap {cap}), counts {b}"),
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
            Step::VetoEffect {
                policy,
                computed,
                total,
                unscored,
            } => {
                self.section.clear();
                let (c, p) = (computed, veto_policy(*policy, lang));
                let t = text_or_dash(*total);
                self.line(match (lang, *unscored) {
                    (Lang::Zh, 0) => format!("单项否决：{p}；计算得分 {c}，总分 {t}"),
                    (Lang::En, 0) => format!("vetoed: {p}; computed {c}, total {t}"),
                    (Lang::Zh, n) => format!("单项否决：{p}；其余 {n} 项因单项否决未评，总分 {t}"),
                    (Lang::En, n) => {
                        format!("vetoed: {p}; {n} other items left unscored by the veto, total {t}")
                    }
                });
            }
            Step::Verdict {
                total,
                unrounded,
                passed,
                provisional,
                grade,
                ..
            } => self.total_lines(*total, unrounded, *passed, *provisional, grade.as_deref()),
            _ => {}
        }
    }

    /// The total (provisional while incomplete, — when a veto leaves none, the unrounded value
    /// beside the published one when they differ), then the verdict with the pass rule in words.
    fn total_lines(
        &mut self,
        total: Option<Figure>,
        unrounded: &Exact,
        passed: bool,
        provisional: bool,
        grade: Option<&str>,
    ) {
        self.section.clear();
        let o = self.outcome;
        let vetoed = !o.vetoes.is_empty();
        let label = match provisional {
            true => self.t("暂计总分", "Total (provisional)"),
            false => self.t("总分", "Total"),
        };
        // 「—（单项否决）」 where a veto leaves no total; a vetoed total says so beside it.
        let mut shown = text_or_dash(total);
        if total == Some(o.points) && o.points.exact() != *unrounded {
            shown += &self.unrounded(unrounded);
        }
        if vetoed {
            shown += self.t("（单项否决）", " (vetoed)");
        }
        let label = pad(label, NAME_COLS + 2);
        self.line(format!("{label} {shown:>9}"));
        let rule = pass_rule(self.rubric, self.lang);
        let v = match (vetoed, provisional, passed) {
            (true, _, _) => self.t("不合格（单项否决）", "fail (vetoed)"),
            (false, true, _) => self.t("尚未评完，暂不下结论", "not yet complete, no verdict"),
            (false, false, true) => self.t("合格", "pass"),
            (false, false, false) => self.t("不合格", "fail"),
        };
        let g = grade.unwrap_or("—");
        self.line(match self.lang {
            Lang::Zh => format!("结论：{v}（{rule}）；等级：{g}"),
            Lang::En => format!("verdict: {v} ({rule}); grade: {g}"),
        });
        let note = crate::i18n::figure_msg::rounding_note(self.lang, self.rubric.decimals);
        self.line(note);
    }

    /// 「（未修约 59.985）」 beside a published figure.
    fn unrounded(&self, x: &Exact) -> String {
        match self.lang {
            Lang::Zh => format!("（未修约 {}）", unrounded_text(x)),
            Lang::En => format!(" (unrounded {})", unrounded_text(x)),
        }
    }
}
