//! The message catalogue of the command line: every sentence a user reads, in Chinese and
//! English, one function per message (the arguments are the facts it quotes).

use super::Lang;

pub use super::msg_admin::*;
pub use super::msg_rubric::*;
pub use super::msg_words::*;

/// A number as people write it: no trailing `.0`, no float noise.
pub fn num(x: f64) -> String {
    let r = (x * 1e6).round() / 1e6;
    let s = format!("{r}");
    if s == "-0" { "0".into() } else { s }
}

/// A range as people read it: `0–20` (never Rust's `0..=20`).
pub fn range(min: f64, max: f64) -> String {
    format!("{}–{}", num(min), num(max))
}

pub fn round_not_found(lang: Lang, key: &str) -> String {
    match lang {
        Lang::Zh => format!("没有编号或名称为“{key}”的轮次；用 `assay round list` 查看已有轮次"),
        Lang::En => format!("no round with id or name \"{key}\"; see `assay round list`"),
    }
}

pub fn account_not_found(lang: Lang, key: &str) -> String {
    match lang {
        Lang::Zh => format!(
            "没有与“{key}”对应的账号；请给出账号编号、完整名称或“平台:名称”（用 `assay account list --search 文字` 查找）"
        ),
        Lang::En => format!(
            "no account matches \"{key}\"; give its id, its exact name or platform:name (find it with `assay account list --search TEXT`)"
        ),
    }
}

pub fn account_ambiguous(lang: Lang, key: &str, candidates: &[String]) -> String {
    let first = candidates
        .first()
        .map(String::as_str)
        .unwrap_or("微信:name");
    match lang {
        Lang::Zh => format!(
            "“{key}”对应多个账号：{}；请写成“平台:名称”（如 {first}）或给出账号编号",
            candidates.join("、")
        ),
        Lang::En => format!(
            "\"{key}\" matches several accounts: {}; name one as platform:name (e.g. {first}) or by its id",
            candidates.join(", ")
        ),
    }
}

pub fn not_in_round(lang: Lang, account: &str, platform: &str, round: &str) -> String {
    match lang {
        Lang::Zh => {
            format!("账号 {account}（{platform}）不在轮次“{round}”的范围内；请选该轮次的账号")
        }
        Lang::En => format!(
            "account {account} ({platform}) is not in the scope of round \"{round}\"; pick an account of that round"
        ),
    }
}

pub fn unknown_indicator(lang: Lang, id: &str, rubric: &str, known: &[String]) -> String {
    match lang {
        Lang::Zh => format!(
            "评分标准 {rubric} 中没有指标“{id}”；已有指标：{}",
            known.join("、")
        ),
        Lang::En => format!(
            "unknown indicator \"{id}\" in rubric {rubric}; known ids: {}",
            known.join(", ")
        ),
    }
}

pub fn sheet_submitted(lang: Lang, account: &str, evaluator: &str) -> String {
    match lang {
        Lang::Zh => format!(
            "{evaluator} 已提交账号 {account} 的评分表，不能再修改；如需修改，请加 --reopen 重新打开（会记入修改记录）"
        ),
        Lang::En => format!(
            "{evaluator} has submitted the sheet of {account}; it cannot be edited — add --reopen to reopen it (kept in the history)"
        ),
    }
}

pub fn sheet_incomplete(lang: Lang, account: &str, missing: &[String]) -> String {
    match lang {
        Lang::Zh => format!(
            "账号 {account} 的评分表尚未完成，不能提交；还缺 {} 项：{}。请用 assay score set 录入这些项；若某项单项否决成立，录入该否决即可提交，其余项不必再评",
            missing.len(),
            missing.join("、")
        ),
        Lang::En => format!(
            "the sheet of {account} is not complete and cannot be submitted; {} missing: {}. Enter them with assay score set; if a single veto applies, recording that veto is enough to submit",
            missing.len(),
            missing.join(", ")
        ),
    }
}

pub fn submitted(lang: Lang, account: &str, evaluator: &str, round: &str) -> String {
    match lang {
        Lang::Zh => format!("已提交：{round} · {account} · 评估人 {evaluator}"),
        Lang::En => format!("submitted: {round} · {account} · evaluator {evaluator}"),
    }
}

/// The question before a change replaces a veto hit (`clear`: the item is being cleared).
pub fn overwrite_veto(lang: Lang, reason: &str, clear: bool) -> String {
    match (lang, clear) {
        (Lang::Zh, false) => {
            format!(
                "本项已判单项否决（{reason}）。确定改掉这个否决？否决改掉后本账号可能不再不合格"
            )
        }
        (Lang::Zh, true) => format!("本项已判单项否决（{reason}）。确定清除这个否决？"),
        (Lang::En, false) => format!(
            "This item holds a veto ({reason}). Replace the veto? Without it the account may no longer fail"
        ),
        (Lang::En, true) => format!("This item holds a veto ({reason}). Clear the veto?"),
    }
}

/// The question before `S` submits a sheet; `unscored` items a veto left unscored.
pub fn confirm_submit(lang: Lang, account: &str, unscored: usize) -> String {
    match (lang, unscored) {
        (Lang::Zh, 0) => format!("提交「{account}」的评分表？提交后要修改须先重新打开"),
        (Lang::Zh, n) => format!(
            "单项否决成立，其余 {n} 项因单项否决未评，结论不合格。提交「{account}」的评分表？提交后要修改须先重新打开"
        ),
        (Lang::En, 0) => {
            format!("Submit the sheet of {account}? To edit it later, reopen it first")
        }
        (Lang::En, n) => format!(
            "The veto settles it: {n} other items left unscored, verdict fail. Submit the sheet of {account}? To edit it later, reopen it first"
        ),
    }
}

/// The question before `C` clears every entry of the open account.
pub fn confirm_clear_account(lang: Lang, account: &str, entries: usize) -> String {
    match lang {
        Lang::Zh => format!("清空「{account}」的全部 {entries} 项评分？按 u 可一次恢复"),
        Lang::En => format!("Clear all {entries} entries of {account}? u restores them all"),
    }
}

/// Added to the submission message when a veto settled the sheet with items left unscored.
pub fn submitted_by_veto(lang: Lang, unscored: usize) -> String {
    match lang {
        Lang::Zh => format!("单项否决，结论不合格；其余 {unscored} 项因单项否决未评"),
        Lang::En => {
            format!("vetoed, verdict fail; {unscored} other items left unscored by the veto")
        }
    }
}

pub fn already_submitted(lang: Lang, account: &str) -> String {
    match lang {
        Lang::Zh => format!("账号 {account} 的评分表已是提交状态，未作改动"),
        Lang::En => format!("the sheet of {account} was already submitted; nothing changed"),
    }
}

pub fn reopened(lang: Lang, account: &str, evaluator: &str) -> String {
    match lang {
        Lang::Zh => format!("已重新打开：{account} · 评估人 {evaluator}（已记入修改记录）"),
        Lang::En => format!("reopened: {account} · evaluator {evaluator} (kept in the history)"),
    }
}

pub fn not_submitted(lang: Lang, account: &str) -> String {
    match lang {
        Lang::Zh => format!("账号 {account} 的评分表尚未提交，无需重新打开"),
        Lang::En => format!("the sheet of {account} is not submitted; nothing to reopen"),
    }
}

pub fn bad_lang(lang: Lang, s: &str) -> String {
    match lang {
        Lang::Zh => format!("未知语言“{s}”；请用 zh（中文）或 en（英文）"),
        Lang::En => format!("unknown language \"{s}\"; use zh or en"),
    }
}

pub fn bad_level(lang: Lang, s: &str) -> String {
    match lang {
        Lang::Zh => format!(
            "未知层级“{s}”；可选：省级、市级、县级、乡镇级（或 province、city、county、township）"
        ),
        Lang::En => format!(
            "unknown level \"{s}\"; use province, city, county, township (省级, 市级, 县级, 乡镇级)"
        ),
    }
}

/// A platform name nobody accepts: the nearest accepted name when one is near, and the list.
pub fn bad_platform(lang: Lang, s: &str, closest: Option<&str>, accepted: &str) -> String {
    match (lang, closest) {
        (Lang::Zh, Some(c)) => format!("未知平台“{s}”；是不是“{c}”？可填写：{accepted}"),
        (Lang::Zh, None) => {
            format!("未知平台“{s}”；可填写：{accepted}；不在其中的平台请填“其他类型”")
        }
        (Lang::En, Some(c)) => {
            format!("unknown platform \"{s}\"; did you mean {c}? accepted: {accepted}")
        }
        (Lang::En, None) => format!(
            "unknown platform \"{s}\"; accepted: {accepted}; write 其他类型 (other) for a platform not listed"
        ),
    }
}

/// A row without a platform.
pub fn missing_platform(lang: Lang, accepted: &str) -> String {
    match lang {
        Lang::Zh => format!("缺少平台；请填写：{accepted}"),
        Lang::En => format!("missing platform; fill in one of: {accepted}"),
    }
}

pub fn bad_date(lang: Lang, s: &str) -> String {
    match lang {
        Lang::Zh => format!("日期“{s}”有误；请写成 年-月-日，如 2024-12-16"),
        Lang::En => format!("bad date \"{s}\"; write it as YYYY-MM-DD, e.g. 2024-12-16"),
    }
}

/// Why a typed value is refused (the TUI's value input).
pub fn value_not_number(lang: Lang, s: &str) -> String {
    match lang {
        Lang::Zh => format!("“{s}”不是数字"),
        Lang::En => format!("\"{s}\" is not a number"),
    }
}

pub fn value_out_of_range(lang: Lang, v: f64, min: f64, max: f64) -> String {
    match lang {
        Lang::Zh => format!("{} 超出范围 {}", num(v), range(min, max)),
        Lang::En => format!("{} is outside {}", num(v), range(min, max)),
    }
}

pub fn value_off_step(lang: Lang, v: f64, step: f64, min: f64) -> String {
    match lang {
        Lang::Zh => format!(
            "{} 不在从 {} 起、步长 {} 的刻度上",
            num(v),
            num(min),
            num(step)
        ),
        Lang::En => format!(
            "{} is not on the step {} from {}",
            num(v),
            num(step),
            num(min)
        ),
    }
}

pub fn evaluator_empty(lang: Lang) -> String {
    lang.pick(
        "评估人姓名为空；请用 --evaluator 姓名 给出",
        "the evaluator name is empty; give one with --evaluator NAME",
    )
    .into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_ranges_read_as_people_write_them() {
        assert_eq!(num(68.224_691_357_999_99), "68.224691");
        assert_eq!(num(3.0), "3");
        assert_eq!(num(-0.0), "0");
        assert_eq!(range(0.0, 20.0), "0–20");
        let m = value_out_of_range(Lang::Zh, 25.0, 0.0, 20.0);
        assert!(m.contains("0–20") && !m.contains("..="), "{m}");
        let m = value_off_step(Lang::Zh, 3.3, 0.5, 0.0);
        assert!(m.contains("步长 0.5") && !m.contains("step"), "{m}");
    }
}
