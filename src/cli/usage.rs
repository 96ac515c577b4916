//! Reading the command line: the interface language is known before clap runs (for our value
//! parsers), and clap's own usage errors are worded in Chinese when the interface is Chinese.

use clap::error::{ContextKind, ContextValue, ErrorKind};

use super::Cli;
use crate::i18n::Lang;

/// `--lang X` / `--lang=X` on the command line, then `ASSAY_LANG`, then the config file, then
/// Chinese.
pub fn early_lang(args: &[std::ffi::OsString]) -> Lang {
    let mut it = args.iter().filter_map(|a| a.to_str());
    while let Some(a) = it.next() {
        if a == "--lang" {
            if let Some(l) = it.next().and_then(Lang::parse) {
                return l;
            }
        } else if let Some(v) = a.strip_prefix("--lang=")
            && let Some(l) = Lang::parse(v)
        {
            return l;
        }
    }
    std::env::var("ASSAY_LANG")
        .ok()
        .and_then(|v| Lang::parse(&v))
        .or_else(|| crate::config::Config::load().ok().and_then(|c| c.lang))
        .unwrap_or_default()
}

/// Parses the process's command line; on a usage error prints it in the interface's language
/// and exits 2 (help and version print as usual and exit 0).
pub fn parse() -> Cli {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let lang = early_lang(&args);
    crate::i18n::set_current(lang);
    let parsed = match lang {
        Lang::En => <Cli as clap::Parser>::try_parse_from(&args),
        Lang::Zh => {
            let cmd = super::help_zh::translate(<Cli as clap::CommandFactory>::command(), true);
            cmd.try_get_matches_from(&args)
                .and_then(|m| <Cli as clap::FromArgMatches>::from_arg_matches(&m))
        }
    };
    match parsed {
        Ok(cli) => cli,
        Err(e) if lang == Lang::En || !e.use_stderr() => e.exit(),
        Err(e) => {
            eprintln!("错误：{}", zh(&e));
            eprintln!("用 assay --help 或在子命令后加 --help 查看用法");
            std::process::exit(2);
        }
    }
}

fn context(e: &clap::Error, kind: ContextKind) -> String {
    match e.get(kind) {
        Some(ContextValue::String(s)) => s.clone(),
        Some(ContextValue::Strings(v)) => v.join("、"),
        Some(ContextValue::StyledStr(s)) => s.to_string(),
        Some(ContextValue::StyledStrs(v)) => v
            .iter()
            .map(|s| s.to_string())
            .collect::<Vec<_>>()
            .join("、"),
        Some(ContextValue::Number(n)) => n.to_string(),
        _ => String::new(),
    }
}

/// The Chinese wording of a clap usage error.
pub fn zh(e: &clap::Error) -> String {
    let arg = context(e, ContextKind::InvalidArg);
    let value = context(e, ContextKind::InvalidValue);
    let valid = context(e, ContextKind::ValidValue);
    let suggested = context(e, ContextKind::SuggestedArg);
    let hint = |s: &str| {
        if s.is_empty() {
            String::new()
        } else {
            format!("；是不是要用 {s}？")
        }
    };
    match e.kind() {
        ErrorKind::ValueValidation => {
            let why = std::error::Error::source(e)
                .map(|s| s.to_string())
                .unwrap_or_default();
            format!("{arg} 的值“{value}”无效：{why}")
        }
        ErrorKind::InvalidValue if value.is_empty() => format!("{arg} 需要一个值"),
        ErrorKind::InvalidValue => format!("{arg} 的值“{value}”无效；可选：{valid}"),
        ErrorKind::UnknownArgument => format!("无法识别的参数“{arg}”{}", hint(&suggested)),
        ErrorKind::InvalidSubcommand => {
            let sub = context(e, ContextKind::InvalidSubcommand);
            let sugg = context(e, ContextKind::SuggestedSubcommand);
            format!("没有子命令“{sub}”{}", hint(&sugg))
        }
        ErrorKind::MissingRequiredArgument => format!("缺少必需的参数：{arg}"),
        ErrorKind::MissingSubcommand | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            "缺少子命令".to_string()
        }
        ErrorKind::ArgumentConflict => {
            let prior = context(e, ContextKind::PriorArg);
            format!("参数 {arg} 不能与 {prior} 同时使用")
        }
        ErrorKind::TooManyValues => {
            format!("参数 {arg} 给出的值过多（“{value}”）")
        }
        ErrorKind::WrongNumberOfValues | ErrorKind::TooFewValues => {
            format!("参数 {arg} 的值个数不对")
        }
        ErrorKind::NoEquals => format!("参数 {arg} 需要写成 {arg}=值"),
        ErrorKind::InvalidUtf8 => "命令行含有无效的 UTF-8 文字".to_string(),
        _ => "命令行有误".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    fn err(args: &[&str]) -> String {
        let e = Cli::try_parse_from(args).expect_err("a usage error");
        zh(&e)
    }

    #[test]
    fn usage_errors_read_in_chinese_with_the_facts() {
        let m = err(&["assay", "round", "create"]);
        assert!(
            m.contains("缺少必需的参数") && m.contains("--rubric"),
            "{m}"
        );
        let m = err(&["assay", "acount"]);
        assert!(m.contains("acount") && m.contains("account"), "{m}");
        let m = err(&["assay", "account", "list", "--level", "galaxy"]);
        assert!(m.contains("galaxy") && m.contains("--level"), "{m}");
    }

    /// Every flag and positional of every subcommand says what it is in `--help`.
    #[test]
    fn every_argument_has_help() {
        fn walk(cmd: &clap::Command, path: &str, bare: &mut Vec<String>) {
            for a in cmd.get_arguments() {
                let id = a.get_id().as_str();
                if id != "help" && id != "version" && a.get_help().is_none() {
                    bare.push(format!("{path} {id}"));
                }
            }
            for sub in cmd.get_subcommands() {
                if sub.get_about().is_none() {
                    bare.push(format!("{path} {} (no description)", sub.get_name()));
                }
                walk(sub, &format!("{path} {}", sub.get_name()), bare);
            }
        }
        let mut bare = Vec::new();
        walk(
            &<Cli as clap::CommandFactory>::command(),
            "assay",
            &mut bare,
        );
        assert!(bare.is_empty(), "arguments without help: {bare:?}");
    }

    #[test]
    fn the_language_is_read_before_parsing() {
        let a = |v: &[&str]| v.iter().map(std::ffi::OsString::from).collect::<Vec<_>>();
        assert_eq!(early_lang(&a(&["assay", "--lang", "en", "init"])), Lang::En);
        assert_eq!(early_lang(&a(&["assay", "init", "--lang=en"])), Lang::En);
    }
}
