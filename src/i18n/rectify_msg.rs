//! The catalogue's messages about what follows a bulletin: findings and their status, the units'
//! 整改说明 and the evaluators' re-checks, appeals against a draft (征求意见稿) and the chair's
//! decisions, and the refusals that name what to fix.

use super::Lang;

/// A finding's status by its code: 待整改, 已报送, 已整改, 部分整改, 未整改.
pub fn status(lang: Lang, code: &str) -> &'static str {
    match code {
        "open" => lang.pick("待整改", "open"),
        "reported" => lang.pick("已报送", "reported"),
        "rectified" => lang.pick("已整改", "rectified"),
        "partial" => lang.pick("部分整改", "partly rectified"),
        "not_rectified" => lang.pick("未整改", "not rectified"),
        _ => lang.pick("未知", "unknown"),
    }
}

/// A finding's kind by its code: 单项否决 or 扣分.
pub fn kind(lang: Lang, code: &str) -> &'static str {
    match code {
        "veto" => lang.pick("单项否决", "veto"),
        _ => lang.pick("扣分", "deduction"),
    }
}

/// 逾期 / overdue.
pub fn overdue(lang: Lang) -> &'static str {
    lang.pick("逾期", "overdue")
}

/// The header of the findings list.
pub fn list_header(lang: Lang) -> [&'static str; 10] {
    [
        lang.pick("单位", "Unit"),
        lang.pick("账号", "Account"),
        lang.pick("平台", "Platform"),
        lang.pick("指标", "Item"),
        lang.pick("类型", "Kind"),
        lang.pick("扣分", "Lost"),
        lang.pick("问题", "Rule"),
        lang.pick("状态", "Status"),
        lang.pick("整改期限", "Deadline"),
        lang.pick("最近记录", "Latest record"),
    ]
}

/// The account is not in the round.
pub fn not_in_round(lang: Lang, account: &str, round: &str) -> String {
    match lang {
        Lang::Zh => format!(
            "账号「{account}」不在轮次「{round}」中；用 assay rectify list --round {round} 查看本轮的问题"
        ),
        Lang::En => format!(
            "account \"{account}\" is not in round \"{round}\"; see the round's findings with assay rectify list --round {round}"
        ),
    }
}

/// The account has no finding for `item` in the round; `items` are the ones it has.
pub fn unknown_item(
    lang: Lang,
    item: &str,
    account: &str,
    round: &str,
    items: &[String],
) -> String {
    match (lang, items.is_empty()) {
        (Lang::Zh, true) => format!(
            "账号「{account}」在轮次「{round}」中没有问题（无否决、无扣分），没有可整改的指标「{item}」"
        ),
        (Lang::Zh, false) => format!(
            "账号「{account}」在轮次「{round}」中没有指标「{item}」的问题；它的问题指标：{}",
            items.join("、")
        ),
        (Lang::En, true) => format!(
            "account \"{account}\" has no finding in round \"{round}\" (no veto, no deduction): nothing to rectify for item \"{item}\""
        ),
        (Lang::En, false) => format!(
            "account \"{account}\" has no finding for item \"{item}\" in round \"{round}\"; its findings: {}",
            items.join(", ")
        ),
    }
}

/// A status filter that is not one.
pub fn bad_status(lang: Lang, given: &str, choices: &str) -> String {
    match lang {
        Lang::Zh => format!("状态“{given}”无法识别；可用：{choices}"),
        Lang::En => format!(
            "status \"{given}\" is not one of: open, reported, rectified, partial, not_rectified, overdue, unresolved ({choices})"
        ),
    }
}

/// A re-check result that is not one.
pub fn bad_result(lang: Lang, given: &str) -> String {
    match lang {
        Lang::Zh => format!("复查结果“{given}”无法识别；请用 已整改、部分整改 或 未整改"),
        Lang::En => format!(
            "re-check result \"{given}\" is not one of: rectified, partial, not_rectified (已整改, 部分整改, 未整改)"
        ),
    }
}

/// A required text left empty.
pub fn empty(lang: Lang, flag: &str) -> String {
    match lang {
        Lang::Zh => format!("{flag} 不能为空：请写明内容"),
        Lang::En => format!("{flag} is empty; write what it says"),
    }
}

/// A re-check without evidence.
pub fn recheck_needs_evidence(lang: Lang) -> String {
    lang.pick(
        "复查须附佐证：用 --evidence 给出截图、链接或文件（可重复）",
        "a re-check needs its evidence: give screenshots, links or files with --evidence (repeatable)",
    )
    .to_string()
}

/// A record was kept.
pub fn recorded(lang: Lang, id: i64, account: &str, item: &str, what: &str) -> String {
    match lang {
        Lang::Zh => format!("已记录（第 {id} 条）：「{account}」{item} —— {what}"),
        Lang::En => format!("recorded (#{id}): \"{account}\" {item} — {what}"),
    }
}

/// What the unit reported, in words.
pub fn reported_words(lang: Lang) -> &'static str {
    lang.pick("整改说明", "rectification report")
}

/// The findings list's summary line.
pub fn list_summary(
    lang: Lang,
    shown: usize,
    total: usize,
    overdue: usize,
    deadline: &str,
) -> String {
    match lang {
        Lang::Zh => {
            format!("共 {total} 个问题，显示 {shown} 个，逾期 {overdue} 个；整改期限：{deadline}")
        }
        Lang::En => {
            format!("{total} findings, {shown} shown, {overdue} overdue; deadline: {deadline}")
        }
    }
}

/// No deadline set.
pub fn no_deadline(lang: Lang) -> &'static str {
    lang.pick(
        "未设定（用 assay round document --deadline 或 --date 与 --rectify-days 设定）",
        "not set (assay round document --deadline, or --date with --rectify-days)",
    )
}

/// `--by` names no evaluator of the database.
pub fn unknown_evaluator(lang: Lang, who: &str, known: &[String]) -> String {
    match lang {
        Lang::Zh => format!(
            "“{who}”不是本数据库的评估人；复查须由评估人记录，可用：{}",
            known.join("、")
        ),
        Lang::En => format!(
            "\"{who}\" is not an evaluator of this database; a re-check is recorded by an evaluator: {}",
            known.join(", ")
        ),
    }
}

/// The round has no bulletin yet: nothing of it is published to rectify.
pub fn unpublished(lang: Lang, round: &str) -> String {
    match lang {
        Lang::Zh => format!(
            "轮次「{round}」尚未印发通报，问题尚未公布，还不能记录整改或复查；请先用 assay bulletin --round {round} 印发通报（或用 assay round document --round {round} --date 日期 记下通报日期）"
        ),
        Lang::En => format!(
            "round \"{round}\" has no bulletin yet, so its findings are not published and nothing can be rectified or re-checked; issue it first with assay bulletin --round {round} (or record its date with assay round document --round {round} --date DATE)"
        ),
    }
}
