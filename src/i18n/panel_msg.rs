//! The catalogue's messages about a round's panel: who may reconcile (the chair) and what blind
//! scoring hides from whom, with what unlocks it.

use super::Lang;

/// `panel reconcile --chair NAME` by someone who is not a chair of the round's panel.
pub fn not_chair(lang: Lang, who: &str, round: &str, chairs: &[String]) -> String {
    match (lang, chairs.is_empty()) {
        (Lang::Zh, true) => format!(
            "只有本轮评估组的组长可以记录协调结果；「{round}」还没有组长，「{who}」不能协调。先指定组长：assay panel member --round {round} --evaluator 姓名 --role chair"
        ),
        (Lang::Zh, false) => format!(
            "只有本轮评估组的组长可以记录协调结果；「{who}」不是组长，本轮组长：{}。如需更换：assay panel member --round {round} --evaluator 姓名 --role chair",
            chairs.join("、")
        ),
        (Lang::En, true) => format!(
            "only the chair of the round's panel records a consensus; round \"{round}\" has no chair, so \"{who}\" cannot reconcile. Name one first: assay panel member --round {round} --evaluator NAME --role chair"
        ),
        (Lang::En, false) => format!(
            "only the chair of the round's panel records a consensus; \"{who}\" is not a chair (chairs: {}). To name another: assay panel member --round {round} --evaluator NAME --role chair",
            chairs.join(", ")
        ),
    }
}

/// Who is looking, in words, for the blind-scoring refusal.
fn viewer_words(lang: Lang, viewer: Option<&str>) -> String {
    match (lang, viewer) {
        (Lang::Zh, Some(v)) => format!("评估人「{v}」"),
        (Lang::Zh, None) => "未说明身份的查看者".into(),
        (Lang::En, Some(v)) => format!("evaluator \"{v}\""),
        (Lang::En, None) => "a viewer who did not say who they are".into(),
    }
}

/// Refusal to show `owner`'s sheet for `account` to `viewer` under blind scoring.
pub fn blind_refused(lang: Lang, viewer: Option<&str>, owner: &str, account: &str) -> String {
    let who = viewer_words(lang, viewer);
    match (lang, viewer) {
        (Lang::Zh, Some(_)) => format!(
            "盲评：{who}尚未提交「{account}」的评分表，不能查看「{owner}」的评分。提交本账号的评分表后可见（评分界面按 S 提交），组长可随时查看全部"
        ),
        (Lang::Zh, None) => format!(
            "盲评：本轮设有评估组，{who}不能查看「{owner}」对「{account}」的评分。用 --as 姓名 说明你是谁：组长可查看全部，评估人提交本账号的评分表后可见"
        ),
        (Lang::En, Some(_)) => format!(
            "blind scoring: {who} has not submitted a sheet for \"{account}\", so \"{owner}\"'s scores stay hidden. They show once you submit your sheet for this account (S in the scoring screen); the chair sees every sheet"
        ),
        (Lang::En, None) => format!(
            "blind scoring: the round has a panel, and {who} may not see \"{owner}\"'s scores for \"{account}\". Say who you are with --as NAME: the chair sees every sheet, an evaluator sees others once they submit this account"
        ),
    }
}

/// The note under a listing when blind scoring left other evaluators' sheets or changes out.
pub fn blind_hidden(lang: Lang, hidden: usize, viewer: Option<&str>) -> String {
    let who = viewer_words(lang, viewer);
    match lang {
        Lang::Zh => format!(
            "盲评：{hidden} 条他人的评分未显示（{who}尚未提交相应账号）；提交后可见，组长可查看全部（--as 组长姓名）"
        ),
        Lang::En => format!(
            "blind scoring: {hidden} of other evaluators' records hidden ({who} has not submitted those accounts); they show after submitting, and the chair sees all (--as CHAIR)"
        ),
    }
}

/// The mark on every report of a calibration round.
pub fn calibration_mark(lang: Lang) -> &'static str {
    lang.pick(
        "校准轮次：评估组统一评分尺度的练习，不计入年度考核，不发布通报",
        "calibration round: the panel's practice to agree on the rubric; not in the annual assessment, no bulletin",
    )
}

/// `assay bulletin` for a calibration round.
pub fn calibration_no_bulletin(lang: Lang, round: &str) -> String {
    match lang {
        Lang::Zh => format!(
            "「{round}」是校准轮次，不发布通报；如它其实是正式轮次：assay panel config --round {round} --calibration off"
        ),
        Lang::En => format!(
            "\"{round}\" is a calibration round and has no bulletin; if it is in fact a live round: assay panel config --round {round} --calibration off"
        ),
    }
}

/// `assay annual`: the calibration rounds of the year left out.
pub fn calibration_left_out(lang: Lang, rounds: &[String]) -> String {
    match lang {
        Lang::Zh => format!("未计入的校准轮次：{}", rounds.join("、")),
        Lang::En => format!("calibration rounds left out: {}", rounds.join(", ")),
    }
}

/// `assay annual --weights` naming a calibration round.
pub fn calibration_weighted(lang: Lang, round: &str) -> String {
    match lang {
        Lang::Zh => format!(
            "--weights 中的「{round}」是校准轮次，不计入年度考核；去掉它，或先 assay panel config --round {round} --calibration off"
        ),
        Lang::En => format!(
            "--weights names \"{round}\", a calibration round, which is not part of the annual assessment; drop it, or first assay panel config --round {round} --calibration off"
        ),
    }
}
