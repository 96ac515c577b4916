//! Messages worded for issue 8 §3: command-line choices refused by their value parsers, and the
//! progress of the round picker, in Chinese and English.

use super::Lang;

/// An unknown value among a fixed set of choices: `what` names the option in each language.
pub fn unknown_choice(lang: Lang, what: (&str, &str), value: &str, choices: &[&str]) -> String {
    match lang {
        Lang::Zh => format!("未知的{}“{value}”；可选：{}", what.0, choices.join("、")),
        Lang::En => {
            let (last, rest) = choices.split_last().unwrap_or((&"", &[]));
            let list = if rest.is_empty() {
                last.to_string()
            } else {
                format!("{} or {last}", rest.join(", "))
            };
            format!("unknown {} \"{value}\"; use {list}", what.1)
        }
    }
}

/// `panel merge --take` written wrongly.
pub fn bad_take(lang: Lang, arg: &str) -> String {
    match lang {
        Lang::Zh => format!(
            "--take “{arg}”写法有误：应为 theirs、ours，或 theirs:账号/指标（ours:账号/指标）"
        ),
        Lang::En => format!(
            "--take \"{arg}\": write theirs, ours, or theirs:ACCOUNT/INDICATOR (ours:ACCOUNT/INDICATOR)"
        ),
    }
}

/// An indicator id that the rubric (or, for a panel file, the account's sheet) does not have.
pub fn unknown_indicator_in(lang: Lang, indicator: &str, within: &str) -> String {
    match lang {
        Lang::Zh => format!("“{within}”中没有指标“{indicator}”"),
        Lang::En => format!("unknown indicator \"{indicator}\" in {within}"),
    }
}

/// The name of a `gen` stage (`accounts`, `scores`, `metrics`, `posts`) on the progress bar.
pub fn gen_stage(lang: Lang, stage: &str) -> String {
    let zh = match stage {
        "accounts" => "账号",
        "scores" => "评分",
        "metrics" => "周指标",
        "posts" => "文章",
        other => other,
    };
    lang.pick(zh, stage).to_string()
}

/// A file that could not be written, with the reason in words.
pub fn cannot_write(lang: Lang, path: &std::path::Path, e: &std::io::Error) -> String {
    let why = match e.kind() {
        // Writing, a missing file is made: what is missing is its folder.
        std::io::ErrorKind::NotFound => lang
            .pick(
                "所在文件夹不存在，请先创建它或换一个路径",
                "its folder does not exist; create it or pick another path",
            )
            .to_string(),
        _ => super::errors::io_reason(e, lang),
    };
    match lang {
        Lang::Zh => format!("无法写入 {}：{why}", path.display()),
        Lang::En => format!("cannot write {}: {why}", path.display()),
    }
}

/// A file that could not be read, with the reason in words.
pub fn cannot_read(lang: Lang, path: &std::path::Path, e: &std::io::Error) -> String {
    let why = super::errors::io_reason(e, lang);
    match lang {
        Lang::Zh => format!("无法读取 {}：{why}", path.display()),
        Lang::En => format!("cannot read {}: {why}", path.display()),
    }
}

/// No home directory to hold the default database.
pub fn no_home(lang: Lang) -> &'static str {
    lang.pick(
        "找不到存放数据库的主目录；请用 --db 路径 指定，或设置 ASSAY_DB",
        "cannot find a home directory for the database; pass --db PATH or set ASSAY_DB",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gen_stages_are_named_in_each_language() {
        for stage in ["accounts", "scores", "metrics", "posts"] {
            assert!(!gen_stage(Lang::Zh, stage).is_ascii(), "{stage}");
            assert_eq!(gen_stage(Lang::En, stage), stage);
        }
    }

    #[test]
    fn choices_read_as_a_list_in_each_language() {
        let c = ["mean", "median", "trimmed"];
        assert_eq!(
            unknown_choice(Lang::Zh, ("合并方式", "combination"), "avg", &c),
            "未知的合并方式“avg”；可选：mean、median、trimmed"
        );
        assert_eq!(
            unknown_choice(Lang::En, ("合并方式", "combination"), "avg", &c),
            "unknown combination \"avg\"; use mean, median or trimmed"
        );
    }
}
