//! An entry in words, as the history and other listings show it: value, count, veto reason,
//! N/A, note and evidence links, in the interface's language.

use crate::domain::entry::Entry;
use crate::domain::rubric::{Indicator, ItemRef};
use crate::i18n::{Lang, msg};

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
        return lang.pick("（未评）", "(not scored)").into();
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

/// A bulk load of a round's entries in words: how many rows it brought.
pub fn bulk(rows: Option<u64>, lang: Lang) -> String {
    match (rows, lang) {
        (Some(n), Lang::Zh) => format!("载入 {n} 条评分"),
        (Some(n), Lang::En) => format!("{n} entries loaded"),
        (None, _) => lang
            .pick("载入评分（条数未记）", "entries loaded (count not kept)")
            .into(),
    }
}

/// A stored record that cannot be read back (damaged by hand) in words.
pub fn unreadable(lang: Lang) -> String {
    lang.pick(
        "（记录无法读取：请运行 assay audit verify）",
        "(record unreadable: run assay audit verify)",
    )
    .into()
}

/// The chair's agreed judgement in words: a veto with its reason, a number of instances, a
/// value, or "checked clean" (`clean_veto`: a value 0 on a veto item).
pub fn agreed(
    veto: Option<&str>,
    count: Option<u32>,
    value: Option<f64>,
    clean_veto: bool,
    lang: Lang,
) -> String {
    match (veto, count, value) {
        (Some(r), _, _) => format!("{}{r}", lang.pick("否决：", "veto: ")),
        (None, Some(n), _) => format!("{n} {}", lang.pick("次", "instances")),
        (None, None, Some(_)) if clean_veto => lang.pick("不否决", "no veto").into(),
        (None, None, Some(v)) => msg::num(v),
        (None, None, None) => lang.pick("（无值）", "(no value)").into(),
    }
}

/// The chair's consensus in words: the agreed judgement, then the rationale.
pub fn consensus(agreed: &str, rationale: &str, lang: Lang) -> String {
    format!(
        "{agreed}{}{rationale}",
        lang.pick("；理由：", "; rationale: ")
    )
}

/// A merge conflict's decision in words: which side was kept, their entry, and why.
pub fn merge_decision(
    theirs: Option<&Entry>,
    item: Option<ItemRef<'_>>,
    took_theirs: bool,
    reason: &str,
    lang: Lang,
) -> String {
    let side = match took_theirs {
        true => lang.pick("采用对方：", "took theirs: "),
        false => lang.pick("保留本库，对方为：", "kept ours; theirs was: "),
    };
    let why = match reason.is_empty() {
        true => String::new(),
        false => format!("{}{reason}", lang.pick("；理由：", "; reason: ")),
    };
    format!("{side}{}{why}", describe(theirs, item, lang))
}

/// A submission state code (`draft`, `submitted`) in words.
pub fn submission(code: Option<&str>, lang: Lang) -> String {
    match code {
        Some("submitted") => lang.pick("已提交", "submitted").into(),
        Some("draft") => lang.pick("未提交（已重新打开）", "draft (reopened)").into(),
        Some(other) => other.into(),
        None => lang.pick("（未提交）", "(not submitted)").into(),
    }
}
