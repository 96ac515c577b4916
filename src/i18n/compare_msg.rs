//! The catalogue's messages about comparisons across rounds and years (`report --compare`,
//! `annual --compare`).

use super::Lang;

/// `--compare` with an option it cannot take.
pub fn conflicts(lang: Lang, other: &str) -> String {
    match lang {
        Lang::Zh => format!("对比不能与 {other} 同时使用：请分两次运行"),
        Lang::En => format!("a comparison cannot be combined with {other}: run them one at a time"),
    }
}

/// `annual --compare` with the same year.
pub fn same_year(lang: Lang, year: i32) -> String {
    match lang {
        Lang::Zh => format!("不能把 {year} 年与自身对比：请用 --compare 指定另一年"),
        Lang::En => {
            format!("{year} cannot be compared with itself: give another year to --compare")
        }
    }
}

/// The annual compared: 「2024 年」 / "2024".
pub fn year_label(lang: Lang, year: i32) -> String {
    match lang {
        Lang::Zh => format!("{year} 年"),
        Lang::En => year.to_string(),
    }
}

/// `annual --format html` without `--compare`.
pub fn annual_html_only(lang: Lang) -> &'static str {
    lang.pick(
        "年度考核的 HTML 格式只用于 --compare；年度考核本身请用 --format md 或 xlsx",
        "the annual's HTML format is for --compare; for the assessment itself use --format md or xlsx",
    )
}

/// The advice for a repeat offender: 建议关停 / 建议清理整合 / 建议关停或整合.
pub fn advice(lang: Lang, code: &str) -> &'static str {
    match code {
        "close" => lang.pick("建议关停", "close it"),
        "merge" => lang.pick("建议清理整合", "merge or clear it"),
        _ => lang.pick("建议关停或整合", "close or merge it"),
    }
}

/// The rule in one line.
pub fn offenders_rule(
    lang: Lang,
    times: usize,
    rounds: usize,
    failures: usize,
    year: i32,
) -> String {
    match lang {
        Lang::Zh => format!(
            "规则：最近 {rounds} 个轮次中同一问题（同一指标被否决或扣分）出现 {times} 次及以上，或 {year} 年内不合格 {failures} 次及以上"
        ),
        Lang::En => format!(
            "rule: the same finding (the same indicator vetoed or deducted) in {times} or more of the last {rounds} rounds, or failed {failures} or more times in {year}"
        ),
    }
}

/// A flagged account's reason: the same finding.
pub fn same_finding(lang: Lang, name: &str, veto: bool, times: usize, of: usize) -> String {
    let how = match (lang, veto) {
        (Lang::Zh, true) => "被否决",
        (Lang::Zh, false) => "被扣分",
        (Lang::En, true) => "vetoed",
        (Lang::En, false) => "deducted",
    };
    match lang {
        Lang::Zh => format!("「{name}」在最近 {of} 个轮次中 {times} 次{how}"),
        Lang::En => format!("\"{name}\" {how} in {times} of the last {of} rounds"),
    }
}

/// A flagged account's reason: failed twice in a year.
pub fn failed_in_year(lang: Lang, year: i32, times: usize) -> String {
    match lang {
        Lang::Zh => format!("{year} 年内 {times} 次不合格"),
        Lang::En => format!("failed {times} times in {year}"),
    }
}

/// Nobody is flagged.
pub fn no_offenders(lang: Lang) -> &'static str {
    lang.pick("没有符合条件的账号", "no account meets the rule")
}

/// `--times` / `--rounds` that cannot work together.
pub fn bad_window(lang: Lang, times: usize, rounds: usize) -> String {
    match lang {
        Lang::Zh => format!(
            "--times {times} 与 --rounds {rounds} 不能同时满足：次数须至少为 1，且不超过轮次数；请改为例如 --rounds 4 --times 2"
        ),
        Lang::En => format!(
            "--times {times} cannot be met within --rounds {rounds}: the times must be at least 1 and at most the rounds; use e.g. --rounds 4 --times 2"
        ),
    }
}

/// No live round to read.
pub fn no_rounds(lang: Lang, year: Option<i32>) -> String {
    match (lang, year) {
        (Lang::Zh, Some(y)) => {
            format!("{y} 年没有评估轮次：用 `assay round list` 查看各轮次的日期")
        }
        (Lang::Zh, None) => "还没有评估轮次：先用 assay round create 创建".to_owned(),
        (Lang::En, Some(y)) => format!("no round in {y}: see `assay round list` for the dates"),
        (Lang::En, None) => "there is no round yet: create one with assay round create".to_owned(),
    }
}
