//! Errors of the library in the interface's language: the typed errors are matched here and
//! worded through the catalogue; anything not matched keeps its own (English) text.

pub use super::io_errors::io_reason;
use super::io_errors::{config, import, rubric_file};
use super::{Lang, msg};
use crate::domain::entry::EntryError;
use crate::storage::StoreError;

/// A user-facing error already worded in the interface's language.
#[derive(Debug)]
pub struct Said(pub String);

impl std::fmt::Display for Said {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Said {}

/// Builds an [`anyhow::Error`] carrying a worded message.
pub fn said(text: String) -> anyhow::Error {
    anyhow::Error::new(Said(text))
}

/// The text of an error chain for `lang`: the first link this catalogue knows is worded in
/// `lang`; otherwise the chain as anyhow prints it.
pub fn render(err: &anyhow::Error, lang: Lang) -> String {
    for cause in err.chain() {
        if let Some(s) = cause.downcast_ref::<Said>() {
            return s.0.clone();
        }
        if let Some(e) = cause.downcast_ref::<EntryError>() {
            return entry(e, lang);
        }
        if let Some(e) = cause.downcast_ref::<StoreError>()
            && let Some(t) = store(e, lang)
        {
            return t;
        }
        if let Some(e) = cause.downcast_ref::<crate::io::rubric_file::RubricFileError>()
            && let Some(t) = rubric_file(e, lang)
        {
            return t;
        }
        if let Some(e) = cause.downcast_ref::<crate::io::accounts::ImportError>()
            && let Some(t) = import(e, lang)
        {
            return t;
        }
        if let Some(e) = cause.downcast_ref::<crate::config::ConfigError>()
            && let Some(t) = config(e, lang)
        {
            return t;
        }
    }
    format!("{err:#}")
}

/// The label of an error line.
pub fn prefix(lang: Lang) -> &'static str {
    lang.pick("错误", "error")
}

fn entry(e: &EntryError, lang: Lang) -> String {
    match (e, lang) {
        (EntryError::VetoNa { .. } | EntryError::NotApplicable { .. }, _) => e.localized(lang),
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
            format!("{id}: the entry records nothing; give a value, a count, a veto reason or N/A")
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

fn store(e: &StoreError, lang: Lang) -> Option<String> {
    let t = match e {
        StoreError::Ambiguous { key, candidates } => msg::account_ambiguous(lang, key, candidates),
        StoreError::Submitted {
            evaluator,
            account_id,
            ..
        } => msg::sheet_submitted(lang, &account_id.to_string(), evaluator),
        // The errors about the database file are worded by storage itself (one text per
        // language, used by the TUI too).
        other if lang == Lang::Zh => other.message(lang),
        _ => return None,
    };
    Some(t)
}

/// A storage error as the TUI shows it: in `lang`, and a locked sheet points at the reopen key.
pub fn for_tui(e: &StoreError, lang: Lang) -> String {
    match e {
        StoreError::Submitted { .. } => lang
            .pick(
                "这份评分表已提交，不能修改；按 S 重新打开后再改（会记入修改记录）",
                "this sheet is submitted and cannot be edited; press S to reopen it first (kept in the history)",
            )
            .to_string(),
        other => store(other, lang).unwrap_or_else(|| other.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entry_errors_read_in_chinese_with_ranges_in_words() {
        let e = anyhow::Error::new(EntryError::OutOfRange {
            id: "reply".into(),
            value: 25.0,
            min: 0.0,
            max: 20.0,
        });
        let zh = render(&e, Lang::Zh);
        assert!(
            zh.contains("0–20") && zh.contains("25") && !zh.contains("..="),
            "{zh}"
        );
        let en = render(&e, Lang::En);
        assert!(en.contains("outside 0–20"), "{en}");
    }

    #[test]
    fn a_locked_sheet_in_the_tui_points_at_the_reopen_key() {
        let e = StoreError::Submitted {
            round_id: 1,
            account_id: 2,
            evaluator: "王敏".into(),
        };
        assert!(for_tui(&e, Lang::Zh).contains("按 S"));
        assert!(for_tui(&e, Lang::En).contains("press S"));
        let nf = StoreError::NotFound("x".into());
        assert_eq!(for_tui(&nf, Lang::Zh), "x");
    }
}
