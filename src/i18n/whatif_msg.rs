//! The catalogue's messages about what-if weights (`report --weights`, `--weights-from`) and
//! the 「模拟」 marks every simulated output carries.

use super::Lang;

/// The mark in every simulated title: 「模拟」 / "SIMULATED".
pub fn mark(lang: Lang) -> &'static str {
    lang.pick("模拟", "SIMULATED")
}

/// The line under every simulated title: what was recomputed and that nothing was kept.
pub fn nothing_written(lang: Lang) -> &'static str {
    lang.pick(
        "按假设权重重新计算的模拟结果，仅供论证权重，不是正式结果，未写入本轮次",
        "results recomputed under what-if weights to test them; not the official results, and nothing was written to the round",
    )
}

/// A part of `--weights` that is not `ID=POINTS`.
pub fn syntax(lang: Lang, part: &str, example: &str) -> String {
    match lang {
        Lang::Zh => format!(
            "权重「{part}」的写法不对：应为 类别=分值，用逗号分隔，例如 --weights {example}"
        ),
        Lang::En => format!(
            "weight \"{part}\" is not CATEGORY=POINTS: write them comma-separated, e.g. --weights {example}"
        ),
    }
}

/// A weight that is not a number, or is negative.
pub fn bad_value(lang: Lang, id: &str, value: &str) -> String {
    match lang {
        Lang::Zh => format!("类别「{id}」的权重「{value}」不是非负数：请改为 0 或更大的分值"),
        Lang::En => format!(
            "the weight \"{value}\" of category \"{id}\" is not a number of at least 0: give 0 or more points"
        ),
    }
}

/// A category id the round's rubric does not have.
pub fn unknown(lang: Lang, id: &str, known: &str) -> String {
    match lang {
        Lang::Zh => format!("本轮评估表没有类别「{id}」：可用的类别为「{known}」"),
        Lang::En => format!("the round's rubric has no category \"{id}\": use one of \"{known}\""),
    }
}

/// A category named twice.
pub fn duplicate(lang: Lang, id: &str) -> String {
    match lang {
        Lang::Zh => format!("类别「{id}」的权重写了两次：请只保留一个"),
        Lang::En => format!("category \"{id}\" is given twice: keep one weight for it"),
    }
}

/// Categories left without a weight.
pub fn missing(lang: Lang, ids: &str, example: &str) -> String {
    match lang {
        Lang::Zh => {
            format!("缺少类别「{ids}」的权重：须给出每个类别的权重，例如 --weights {example}")
        }
        Lang::En => format!(
            "no weight for category \"{ids}\": give every category a weight, e.g. --weights {example}"
        ),
    }
}

/// Weights that do not add up to the rubric's total.
pub fn sum(lang: Lang, sum: &str, total: &str) -> String {
    match lang {
        Lang::Zh => format!(
            "权重合计为 {sum}，本轮评估表的基础分为 {total}：请调整权重，使合计等于 {total}"
        ),
        Lang::En => format!(
            "the weights add up to {sum} but the round's rubric totals {total}: change them so that they add up to {total}"
        ),
    }
}

/// A rubric variant whose categories are not the round's.
pub fn variant_categories(lang: Lang, file: &str, theirs: &str, ours: &str) -> String {
    match lang {
        Lang::Zh => {
            format!("{file} 的类别「{theirs}」与本轮评估表的类别「{ours}」不同：请只改各类别的权重")
        }
        Lang::En => format!(
            "the categories of {file} (\"{theirs}\") are not the round's (\"{ours}\"): keep the round's categories and change only their weights"
        ),
    }
}

/// `--weights` and `--weights-from` together, or with an option that writes or checks.
pub fn conflicts(lang: Lang, other: &str) -> String {
    match lang {
        Lang::Zh => format!("模拟权重不能与 {other} 同时使用：请分两次运行 assay report"),
        Lang::En => {
            format!("what-if weights cannot be combined with {other}: run assay report twice")
        }
    }
}

/// `report --format html` without `--weights` or `--compare`.
pub fn html_only(lang: Lang) -> &'static str {
    lang.pick(
        "报告的 HTML 格式只用于 --weights 和 --compare；整轮报告请用 --format md 或 xlsx，打印版通报请用 assay bulletin --format html",
        "the report's HTML format is for --weights and --compare; for a whole round use --format md or xlsx, or assay bulletin --format html for a printable bulletin",
    )
}
