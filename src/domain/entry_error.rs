//! Why an entry does not fit its rubric item ([`EntryError`]), and the message of each case in
//! the interface's language: the bad value quoted, what fits, and where the item applies.

use crate::domain::platform::{Level, Platform};
use crate::domain::rubric::ItemRef;
use crate::i18n::Lang;

/// Why an entry does not fit its rubric item. Messages quote the bad value and say what fits.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum EntryError {
    #[error("{id}: value {value} is outside {min}–{max}; enter a value in that range")]
    OutOfRange {
        id: String,
        value: f64,
        min: f64,
        max: f64,
    },
    #[error("{id}: value {value} is not on the step {step} from {min}; use a multiple of {step}")]
    OffStep {
        id: String,
        value: f64,
        step: f64,
        min: f64,
    },
    #[error("{id}: a check takes 1 (yes) or 0 (no), not {value}")]
    NotYesNo { id: String, value: f64 },
    #[error("{id}: {kind} items take {takes}, not {given}")]
    WrongKind {
        id: String,
        kind: &'static str,
        takes: &'static str,
        given: &'static str,
    },
    #[error("{id}: unknown veto reason \"{reason}\"; choose one of: {choices}")]
    UnknownReason {
        id: String,
        reason: String,
        choices: String,
    },
    #[error("{id}: the entry records nothing; give a value, a count, a veto reason or N/A")]
    Empty { id: String },
    #[error(
        "{id}: a veto item cannot be marked N/A by hand; record it as checked (value 0) or as hit with a reason"
    )]
    VetoNa { id: String },
    #[error(
        "{id} ({name}) does not apply to this account: it applies to {scope}; remove the entry"
    )]
    NotApplicable {
        id: String,
        name: String,
        /// The item's platforms and levels in words (Chinese).
        scope_zh: String,
        scope: String,
    },
}

impl crate::i18n::errors::Localized for EntryError {
    fn say(&self, lang: Lang) -> Option<String> {
        Some(self.localized(lang))
    }
}

impl EntryError {
    /// The message in the interface's language (Chinese by default).
    pub fn localized(&self, lang: Lang) -> String {
        match (lang, self) {
            (Lang::Zh, EntryError::VetoNa { id }) => format!(
                "{id}：单项否决项不能手工标为不适用；请记为已核查（--value 0）或否决（--veto 原因）"
            ),
            (
                Lang::Zh,
                EntryError::NotApplicable {
                    id, name, scope_zh, ..
                },
            ) => format!("{id}（{name}）不适用于该账号：仅适用于{scope_zh}；不能录入此项"),
            (_, EntryError::VetoNa { .. } | EntryError::NotApplicable { .. }) => self.to_string(),
            _ => self.worded(lang),
        }
    }

    /// Range, step, kind and reason errors in words, numbers without float noise and ranges
    /// as 0–20 (never Rust's `0..=20`).
    fn worded(&self, lang: Lang) -> String {
        use crate::i18n::msg;
        let e = self;
        match (e, lang) {
            (
                EntryError::OutOfRange {
                    id,
                    value,
                    min,
                    max,
                },
                Lang::Zh,
            ) => format!(
                "{id}：数值 {} 超出范围 {}，请输入该范围内的数值",
                msg::num(*value),
                msg::range(*min, *max)
            ),
            (
                EntryError::OutOfRange {
                    id,
                    value,
                    min,
                    max,
                },
                Lang::En,
            ) => format!(
                "{id}: value {} is outside {}; enter a value in that range",
                msg::num(*value),
                msg::range(*min, *max)
            ),
            (
                EntryError::OffStep {
                    id,
                    value,
                    step,
                    min,
                },
                Lang::Zh,
            ) => format!(
                "{id}：数值 {} 不在从 {} 起、步长 {} 的刻度上；请输入 {} 的整数倍",
                msg::num(*value),
                msg::num(*min),
                msg::num(*step),
                msg::num(*step)
            ),
            (
                EntryError::OffStep {
                    id,
                    value,
                    step,
                    min,
                },
                Lang::En,
            ) => format!(
                "{id}: value {} is not on the step {} from {}; use a multiple of {}",
                msg::num(*value),
                msg::num(*step),
                msg::num(*min),
                msg::num(*step)
            ),
            (EntryError::NotYesNo { id, value }, Lang::Zh) => {
                format!(
                    "{id}：是否项只接受 1（是）或 0（否），不能是 {}",
                    msg::num(*value)
                )
            }
            (EntryError::NotYesNo { id, value }, Lang::En) => {
                format!(
                    "{id}: a check takes 1 (yes) or 0 (no), not {}",
                    msg::num(*value)
                )
            }
            (
                EntryError::WrongKind {
                    id,
                    kind,
                    takes,
                    given,
                },
                Lang::Zh,
            ) => format!(
                "{id}：{}指标只接受{}，不接受{}",
                kind_zh(kind),
                input_zh(takes),
                input_zh(given)
            ),
            (
                EntryError::WrongKind {
                    id,
                    kind,
                    takes,
                    given,
                },
                Lang::En,
            ) => {
                format!("{id}: {kind} items take {takes}, not {given}")
            }
            (
                EntryError::UnknownReason {
                    id,
                    reason,
                    choices,
                },
                Lang::Zh,
            ) => {
                format!("{id}：没有否决理由“{reason}”；可选：{choices}")
            }
            (
                EntryError::UnknownReason {
                    id,
                    reason,
                    choices,
                },
                Lang::En,
            ) => {
                format!("{id}: unknown veto reason \"{reason}\"; choose one of: {choices}")
            }
            (EntryError::Empty { id }, Lang::Zh) => {
                format!("{id}：没有录入任何内容；请给出数值、次数、否决理由或“不适用”")
            }
            (EntryError::Empty { id }, Lang::En) => {
                format!(
                    "{id}: the entry records nothing; give a value, a count, a veto reason or N/A"
                )
            }
            (EntryError::VetoNa { .. } | EntryError::NotApplicable { .. }, _) => self.to_string(),
        }
    }
}

/// Chinese name of an item kind as [`EntryError::WrongKind`] writes it.
fn kind_zh(kind: &str) -> &'static str {
    match kind {
        "range" | "Range" => "评分区间",
        "deduction" | "Deduct" | "deduct" => "扣分",
        "check" | "Check" => "是否",
        "bonus" | "Bonus" => "加分",
        "veto" | "Veto" => "否决",
        _ => "该",
    }
}

/// Chinese name of an input kind as [`EntryError::WrongKind`] writes it.
fn input_zh(what: &str) -> &'static str {
    match what {
        "a value" => "数值（--value）",
        "a count" => "次数（--count）",
        "a veto reason" => "否决理由（--veto）",
        "N/A" => "“不适用”（--na）",
        "nothing" => "空输入",
        "several kinds of input at once" => "同时给出的多种输入",
        "a value (1 or 0)" => "数值 1 或 0（--value）",
        "a veto reason, or value 0 for \"checked, no problem\"" => {
            "否决理由（--veto）或数值 0（已检查、无问题）"
        }
        _ => "这种输入",
    }
}

/// Where an item applies, in words: its category's and its own platforms and levels.
pub(super) fn scope_words(item: ItemRef<'_>, lang: Lang) -> String {
    let mut platforms: Vec<Platform> = item.common().platforms.clone();
    let mut levels: Vec<Level> = item.common().admin_levels.clone();
    if let ItemRef::Indicator(cat, _) = item {
        platforms.extend(&cat.platforms);
        levels.extend(&cat.admin_levels);
    }
    let p: Vec<&str> = platforms
        .iter()
        .map(|p| lang.pick(p.label_zh(), p.label_en()))
        .collect();
    let l: Vec<&str> = levels
        .iter()
        .map(|l| lang.pick(l.label_zh(), l.label_en()))
        .collect();
    let mut parts = Vec::new();
    if !p.is_empty() {
        parts.push(format!(
            "{}{}",
            lang.pick("平台 ", "platforms "),
            p.join("/")
        ));
    }
    if !l.is_empty() {
        parts.push(format!("{}{}", lang.pick("层级 ", "levels "), l.join("/")));
    }
    parts.join(lang.pick("、", ", "))
}
