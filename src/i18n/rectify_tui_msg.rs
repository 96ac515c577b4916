//! The catalogue's messages of the TUI's findings screen when it records: the prompts of a unit's
//! 整改说明 and of a re-check (复查), the confirmation, what was recorded, and the refusals
//! worded with the screen's keys.

use super::Lang;

/// The title of the 整改说明 prompt.
pub fn note_title(lang: Lang) -> &'static str {
    lang.pick(
        " 整改说明：单位做了哪些整改 ",
        " Rectification report: what the unit did ",
    )
}

/// The title of the 整改说明's evidence prompt.
pub fn evidence_title(lang: Lang) -> &'static str {
    lang.pick(
        " 整改佐证（可留空；多个用 | 分隔） ",
        " Evidence of the rectification (optional; separate several with |) ",
    )
}

/// The title of the re-check result choice.
pub fn result_title(lang: Lang) -> &'static str {
    lang.pick(" 复查结果 ", " Re-check result ")
}

/// The title of the re-check's remarks prompt.
pub fn recheck_note_title(lang: Lang) -> &'static str {
    lang.pick(" 复查说明（可留空） ", " Re-check remarks (optional) ")
}

/// The title of the re-check's evidence prompt.
pub fn recheck_evidence_title(lang: Lang) -> &'static str {
    lang.pick(
        " 复查佐证（必填；多个用 | 分隔） ",
        " Re-check evidence (required; separate several with |) ",
    )
}

/// The hint under a prompt that leads to another.
pub fn next_hint(lang: Lang) -> &'static str {
    lang.pick("Enter 下一步 · Esc 取消", "Enter next · Esc cancels")
}

/// The hint under the last prompt of a record.
pub fn save_hint(lang: Lang) -> &'static str {
    lang.pick("Enter 保存 · Esc 取消", "Enter saves · Esc cancels")
}

/// The 整改说明 typed, shown while its evidence is asked.
pub fn note_shown(lang: Lang, note: &str) -> String {
    match lang {
        Lang::Zh => format!("整改说明：{note}"),
        Lang::En => format!("Report: {note}"),
    }
}

/// No finding is selected (the filter shows none).
pub fn no_finding(lang: Lang) -> &'static str {
    lang.pick(
        "没有选中的问题：按 f 换一个筛选",
        "No finding is selected: press f for another filter",
    )
}

/// An empty 整改说明.
pub fn empty_note(lang: Lang) -> &'static str {
    lang.pick(
        "整改说明不能为空：请写明单位做了哪些整改（按 m 重新录入）",
        "The rectification report is empty: say what the unit did (press m to type it again)",
    )
}

/// A re-check without evidence.
pub fn recheck_needs_evidence(lang: Lang) -> &'static str {
    lang.pick(
        "复查须附佐证：请写明截图、链接或文件名（按 c 重新录入）",
        "A re-check needs its evidence: give a screenshot, link or file name (press c to start again)",
    )
}

/// The TUI's evaluator is not one of the database's (re-checks are recorded by evaluators).
pub fn unknown_checker(lang: Lang, who: &str, known: &[String]) -> String {
    match lang {
        Lang::Zh => format!(
            "「{who}」不是本数据库的评估人，不能记录复查；复查须由评估人记录（{}）：请以评估人身份打开 assay tui --evaluator 姓名",
            known.join("、")
        ),
        Lang::En => format!(
            "\"{who}\" is not an evaluator of this database and cannot record a re-check; re-checks are recorded by an evaluator ({}): open assay tui --evaluator NAME as one",
            known.join(", ")
        ),
    }
}

/// The confirmation of a re-check before it is recorded.
pub fn confirm_recheck(lang: Lang, what: &str, result: &str, c: &Checked<'_>) -> String {
    let note = if c.note.is_empty() { "—" } else { c.note };
    let evidence = c.evidence.join(lang.pick("、", ", "));
    match lang {
        Lang::Zh => format!(
            "记录复查：{what}\n结果：{result}\n说明：{note}\n佐证：{evidence}\n复查人：{} · 日期：{}",
            c.by, c.day
        ),
        Lang::En => format!(
            "Record the re-check: {what}\nResult: {result}\nRemarks: {note}\nEvidence: {evidence}\nBy: {} · date: {}",
            c.by, c.day
        ),
    }
}

/// What a re-check states besides its result, for [`confirm_recheck`].
pub struct Checked<'a> {
    pub note: &'a str,
    pub evidence: &'a [String],
    pub by: &'a str,
    pub day: &'a str,
}
