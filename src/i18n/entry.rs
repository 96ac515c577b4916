//! An entry in words, as the history and other listings show it: value, count, veto reason,
//! N/A, note and evidence links, in the interface's language.

use super::{Lang, msg};
use crate::domain::entry::Entry;
use crate::domain::rubric::{Indicator, ItemRef};

/// The judgement part of an entry in words (`3 分`, `2 次`, `是`, `否决：…`, `不适用`).
fn judgement(e: &Entry, item: Option<ItemRef<'_>>, lang: Lang) -> Option<String> {
    if e.na {
        return Some(lang.pick("不适用", "N/A").into());
    }
    if let Some(r) = &e.veto {
        return Some(format!("{}{r}", lang.pick("否决：", "veto: ")));
    }
    if let Some(n) = e.count {
        return Some(match lang {
            Lang::Zh => format!("{n} 次"),
            Lang::En => format!("{n} instance{}", if n == 1 { "" } else { "s" }),
        });
    }
    let v = e.value?;
    Some(match item {
        Some(ItemRef::Indicator(_, Indicator::Check(_))) => {
            if v >= 0.5 {
                lang.pick("是", "yes").into()
            } else {
                lang.pick("否", "no").into()
            }
        }
        Some(ItemRef::Veto(_)) => lang.pick("已检查，无问题", "checked, clean").into(),
        _ => match lang {
            Lang::Zh => format!("{} 分", msg::num(v)),
            Lang::En => format!("{} points", msg::num(v)),
        },
    })
}

/// An entry in words; `None` (no entry) reads as a dash.
pub fn describe(e: Option<&Entry>, item: Option<ItemRef<'_>>, lang: Lang) -> String {
    let Some(e) = e else {
        return "—".into();
    };
    let mut parts: Vec<String> = judgement(e, item, lang).into_iter().collect();
    if !e.note.is_empty() {
        parts.push(format!("{}{}", lang.pick("备注：", "note: "), e.note));
    }
    if !e.evidence.is_empty() {
        parts.push(format!(
            "{}{}",
            lang.pick("链接：", "links: "),
            crate::domain::evidence::join(&e.evidence)
        ));
    }
    if parts.is_empty() {
        "—".into()
    } else {
        parts.join(lang.pick("；", "; "))
    }
}

/// A submission state code (`draft`, `submitted`) in words.
pub fn submission(code: Option<&str>, lang: Lang) -> String {
    match code {
        Some("submitted") => lang.pick("已提交", "submitted").into(),
        Some("draft") => lang.pick("未提交（已重新打开）", "draft (reopened)").into(),
        Some(other) => other.into(),
        None => "—".into(),
    }
}
