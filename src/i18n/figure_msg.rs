//! Words of published figures and of result states: the one-line rounding note every document
//! carries, and the names of states that are not verdicts (未评分, 评分不足, 待复核, 不适用, 无数据).

use super::Lang;

/// 「得分保留两位小数，四舍五入」: the publication rule in one line.
pub fn rounding_note(lang: Lang, decimals: u32) -> String {
    const ZH: [&str; 7] = ["", "一", "两", "三", "四", "五", "六"];
    match lang {
        Lang::Zh if decimals == 0 => "得分取整数，四舍五入".to_owned(),
        Lang::Zh => format!(
            "得分保留{}位小数，四舍五入",
            ZH.get(decimals as usize).copied().unwrap_or("六")
        ),
        Lang::En if decimals == 0 => "Scores are whole numbers, rounded half up".to_owned(),
        Lang::En if decimals == 1 => "Scores have 1 decimal, rounded half up".to_owned(),
        Lang::En => format!("Scores have {decimals} decimals, rounded half up"),
    }
}

/// The rounding note and how several evaluators combine: each evaluator's total is published
/// first, their published totals are combined by `method` and the result published again.
pub fn combining_note(lang: Lang, decimals: u32, method: &str) -> String {
    let how = match (lang, method) {
        (Lang::Zh, "median") => "取中位数",
        (Lang::Zh, "trimmed") => "去掉一个最高分和一个最低分后取平均",
        (Lang::Zh, _) => "取平均",
        (Lang::En, "median") => "their median",
        (Lang::En, "trimmed") => "the mean without the highest and the lowest",
        (Lang::En, _) => "their mean",
    };
    match lang {
        Lang::Zh => format!(
            "{}；多名评估人时，各评估人总分先修约，再{how}并修约",
            rounding_note(lang, decimals)
        ),
        Lang::En => format!(
            "{}; with several evaluators, each evaluator's total is rounded first, then {how} is taken and rounded",
            rounding_note(lang, decimals)
        ),
    }
}

/// A verdict or a state that is not one, by its code: passed 合格, failed 不合格, unscored
/// 未评分, below_quorum 评分不足, pending_review 待复核.
pub fn verdict(lang: Lang, code: &str) -> &'static str {
    match code {
        "passed" => lang.pick("合格", "passed"),
        "failed" => lang.pick("不合格", "failed"),
        "below_quorum" => lang.pick("评分不足", "below quorum"),
        "pending_review" => lang.pick("待复核", "pending review"),
        _ => lang.pick("未评分", "unscored"),
    }
}

/// 「单项否决」 with its reasons, wherever a vetoed account's score appears.
pub fn veto_mark(lang: Lang, reasons: &str) -> String {
    match (lang, reasons.is_empty()) {
        (Lang::Zh, true) => "单项否决".to_owned(),
        (Lang::Zh, false) => format!("单项否决：{reasons}"),
        (Lang::En, true) => "single veto".to_owned(),
        (Lang::En, false) => format!("single veto: {reasons}"),
    }
}

/// Where a veto settled a sheet with items unscored and left it no score: 「—（单项否决）」.
pub fn vetoed_no_score(lang: Lang) -> &'static str {
    lang.pick("—（单项否决）", "— (vetoed)")
}

/// A category or item a veto left unscored: 「因单项否决未评」 (never 不适用: it applies).
pub fn left_by_veto(lang: Lang) -> &'static str {
    lang.pick("因单项否决未评", "not scored (veto)")
}

/// `annual` over rounds of different rubrics without `--weights`: refused, saying why and how.
pub fn annual_mixed_rubrics(
    lang: Lang,
    year: i32,
    rounds: &[(String, String)],
    example: &str,
) -> String {
    let list: Vec<String> = rounds
        .iter()
        .map(|(r, rubric)| match lang {
            Lang::Zh => format!("「{r}」（{rubric}）"),
            Lang::En => format!("\"{r}\" ({rubric})"),
        })
        .collect();
    match lang {
        Lang::Zh => format!(
            "{year} 年的轮次使用了不同的评估表：{}。不同评估表的得分不能直接平均；请用 --weights 逐一指明要合并的轮次及权重（如 --weights {example}），或分别出具",
            list.join("、")
        ),
        Lang::En => format!(
            "the rounds of {year} use different rubrics: {}. Scores of different rubrics are not averaged unless you say so: name every round and its weight with --weights (e.g. --weights {example}), or assess them apart",
            list.join(", ")
        ),
    }
}

/// `annual --weights` that leaves out some rounds of a year whose rubrics differ.
pub fn annual_weights_missing(lang: Lang, missing: &[String]) -> String {
    match lang {
        Lang::Zh => format!(
            "本年度轮次的评估表不同，--weights 须列出每一个轮次；缺少：{}",
            missing.join("、")
        ),
        Lang::En => format!(
            "the year's rounds use different rubrics, so --weights must name every round; missing: {}",
            missing.join(", ")
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_note_names_the_decimals() {
        assert_eq!(rounding_note(Lang::Zh, 2), "得分保留两位小数，四舍五入");
        assert_eq!(rounding_note(Lang::Zh, 3), "得分保留三位小数，四舍五入");
        assert_eq!(rounding_note(Lang::Zh, 0), "得分取整数，四舍五入");
        assert!(combining_note(Lang::Zh, 2, "mean").contains("先修约"));
    }
}
