//! The catalogue's messages about appeals (申诉复核): a draft for comment and its window, filing
//! an appeal, the chair's decision, and the refusals that name the window or what to do.

use super::Lang;

/// A draft asked for after the round was made final.
pub fn already_final(lang: Lang, round: &str, on: chrono::NaiveDate) -> String {
    match lang {
        Lang::Zh => format!(
            "轮次「{round}」已于 {on} 印发正式通报，不能再印发征求意见稿；去掉 --draft 可重新印发正式通报"
        ),
        Lang::En => format!(
            "round \"{round}\" was made final on {on}: no draft after the final bulletin; leave out --draft to re-issue the final one"
        ),
    }
}

/// The final bulletin refused while appeals wait for the chair.
pub fn appeals_waiting(lang: Lang, round: &str, ids: &[i64]) -> String {
    let list: Vec<String> = ids.iter().map(|i| i.to_string()).collect();
    match lang {
        Lang::Zh => format!(
            "轮次「{round}」还有 {} 件申诉未裁定（编号 {}），不能印发正式通报；请组长先裁定：assay appeal decide --id 编号",
            ids.len(),
            list.join("、")
        ),
        Lang::En => format!(
            "round \"{round}\" has {} appeal(s) waiting for the chair (ids {}): no final bulletin yet; decide them first: assay appeal decide --id N",
            ids.len(),
            list.join(", ")
        ),
    }
}

/// An appeal on a round without a draft.
pub fn no_draft(lang: Lang, round: &str) -> String {
    match lang {
        Lang::Zh => format!(
            "轮次「{round}」没有印发征求意见稿，申诉针对征求意见稿提出；先印发：assay bulletin --round {round} --draft"
        ),
        Lang::En => format!(
            "round \"{round}\" has no draft for comment, and appeals are against a draft; issue one first: assay bulletin --round {round} --draft"
        ),
    }
}

/// An appeal on a round already final.
pub fn final_no_appeal(lang: Lang, round: &str, on: chrono::NaiveDate) -> String {
    match lang {
        Lang::Zh => format!("轮次「{round}」已于 {on} 印发正式通报，申诉复核已结束"),
        Lang::En => format!("round \"{round}\" was made final on {on}: the appeals are closed"),
    }
}

/// An appeal on a round whose appeal window is not set.
pub fn no_window(lang: Lang, round: &str) -> String {
    match lang {
        Lang::Zh => format!(
            "轮次「{round}」没有设定申诉期限；请先设定：assay round document --round {round} --appeal-days 工作日数"
        ),
        Lang::En => format!(
            "round \"{round}\" has no appeal window; set it first: assay round document --round {round} --appeal-days N"
        ),
    }
}

/// An appeal filed after the window.
pub fn window_closed(
    lang: Lang,
    round: &str,
    draft: chrono::NaiveDate,
    days: u32,
    until: chrono::NaiveDate,
    filed: chrono::NaiveDate,
) -> String {
    match lang {
        Lang::Zh => format!(
            "已过申诉期限：轮次「{round}」的申诉期为征求意见稿（{draft}）印发后 {days} 个工作日，至 {until} 止；{filed} 提出的申诉不予受理"
        ),
        Lang::En => format!(
            "the appeal window has closed: round \"{round}\" takes appeals for {days} working days after its draft ({draft}), until {until}; an appeal on {filed} is refused"
        ),
    }
}

/// An appeal was filed.
pub fn filed(lang: Lang, id: i64, account: &str, item: &str, until: chrono::NaiveDate) -> String {
    match lang {
        Lang::Zh => format!("已受理申诉（编号 {id}）：「{account}」{item}；申诉期至 {until}"),
        Lang::En => {
            format!("appeal #{id} filed: \"{account}\" {item}; the window runs until {until}")
        }
    }
}

/// No appeal has this id.
pub fn unknown(lang: Lang, id: i64) -> String {
    match lang {
        Lang::Zh => format!("没有编号为 {id} 的申诉；用 assay appeal list --round 轮次 查看"),
        Lang::En => format!("no appeal has id {id}; see them with assay appeal list --round ROUND"),
    }
}

/// The appeal is decided already.
pub fn decided_already(lang: Lang, id: i64) -> String {
    match lang {
        Lang::Zh => format!("申诉 {id} 已经裁定，裁定不能更改"),
        Lang::En => format!("appeal {id} is decided already; a decision is not changed"),
    }
}

/// Neither or both of --upheld and --changed.
pub fn upheld_or_changed(lang: Lang) -> String {
    lang.pick(
        "请给出裁定：--upheld（维持原结果）或 --changed 新值（改为新值），二者选一",
        "give the decision: --upheld (the finding stands) or --changed VALUE (changed to VALUE), one of the two",
    )
    .to_string()
}

/// A changed value that does not fit the item.
pub fn bad_value(lang: Lang, value: &str, item: &str, takes: &str) -> String {
    match lang {
        Lang::Zh => format!("新值“{value}”不适用于指标「{item}」：{takes}"),
        Lang::En => format!("value \"{value}\" does not fit item \"{item}\": {takes}"),
    }
}

/// What an item's changed value takes.
pub fn takes(lang: Lang, kind: &str) -> &'static str {
    match kind {
        "veto" => lang.pick(
            "单项否决指标请写 无（不否决）或一项否决原因",
            "a veto item takes 无 (no veto) or one of its veto reasons",
        ),
        "count" => lang.pick(
            "扣分或加分指标请写次数（0 或正整数）",
            "a deduction or bonus item takes a count (0 or more)",
        ),
        _ => lang.pick("请写得分（数字）", "give the points (a number)"),
    }
}

/// A decision was recorded.
pub fn decided(lang: Lang, id: i64, upheld: bool, before: &str, after: &str) -> String {
    match (lang, upheld) {
        (Lang::Zh, true) => format!("申诉 {id} 已裁定：维持原结果（{before}）"),
        (Lang::Zh, false) => format!("申诉 {id} 已裁定：予以更改，{before} → {after}"),
        (Lang::En, true) => format!("appeal {id} decided: the finding stands ({before})"),
        (Lang::En, false) => format!("appeal {id} decided: changed, {before} → {after}"),
    }
}

/// The decision in words, for the list.
pub fn decision_words(lang: Lang, decided: Option<bool>) -> &'static str {
    match decided {
        None => lang.pick("待裁定", "waiting"),
        Some(true) => lang.pick("维持", "upheld"),
        Some(false) => lang.pick("更改", "changed"),
    }
}

/// The header of the appeal list.
pub fn list_header(lang: Lang) -> [&'static str; 8] {
    [
        lang.pick("编号", "Id"),
        lang.pick("账号", "Account"),
        lang.pick("指标", "Item"),
        lang.pick("申诉日期", "Filed"),
        lang.pick("申诉理由", "Reason"),
        lang.pick("裁定", "Decision"),
        lang.pick("理由", "Rationale"),
        lang.pick("组长", "Chair"),
    ]
}
