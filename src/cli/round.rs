//! `assay round create|list`.

use serde::Serialize;

use crate::i18n::errors::said;
use crate::i18n::{Lang, msg};
use crate::io::rubric_file;
use crate::storage::{NewRound, Round, Store};

use super::output::{self, Format};
use super::{ExplainFormat, RoundCmd};
use crate::text_safety::{escape_cell, escape_text};

/// A round name must be reachable by name: `--round 1` means the round with id 1, so a name
/// of digits only (or an empty one) is refused.
fn check_name(name: &str, lang: Lang) -> anyhow::Result<()> {
    let t = name.trim();
    if t.is_empty() {
        anyhow::bail!(
            "{}",
            lang.pick("轮次名称不能为空", "a round name cannot be empty")
        );
    }
    if t.chars().all(|c| c.is_ascii_digit()) {
        anyhow::bail!(
            "{}",
            match lang {
                Lang::Zh => format!(
                    "轮次名称「{t}」全是数字，会与轮次编号混淆（--round {t} 指编号 {t}）；请加上文字，如「{t}期」或「第{t}轮」"
                ),
                Lang::En => format!(
                    "round name \"{t}\" is all digits and would be read as a round id (--round {t} means id {t}); add words, e.g. \"week {t}\""
                ),
            }
        );
    }
    Ok(())
}

pub fn run(store: &mut Store, cmd: &RoundCmd, lang: Lang) -> anyhow::Result<()> {
    match cmd {
        RoundCmd::Create {
            name,
            rubric,
            date,
            filter,
        } => {
            check_name(name, lang)?;
            if store.round(name).is_ok_and(|r| r.name == name.trim()) {
                return Err(said(msg::round_exists(lang, name.trim())));
            }
            if store.list_accounts(&filter.to_filter())?.is_empty() {
                return Err(said(msg::scope_empty(lang, name.trim())));
            }
            let loaded = rubric_file::load(rubric)?;
            let loaded_name = loaded.rubric.name.clone();
            let round = store.create_round(&NewRound {
                name: name.clone(),
                rubric_id: loaded.rubric.id.clone(),
                rubric_version: loaded.rubric.version.clone(),
                rubric_text: loaded.text,
                monitoring_date: *date,
                scope: filter.to_filter(),
            })?;
            let n = store.round_accounts(round.id)?.len();
            match lang {
                Lang::Zh => crate::io::out::outln!(
                    "已创建轮次 {}「{}」：{} 个账号，评分表 {} {}（{}）",
                    round.id,
                    escape_cell(&round.name),
                    n,
                    escape_cell(&loaded_name),
                    round.rubric_version,
                    &round.rubric_hash[..12]
                )?,
                Lang::En => crate::io::out::outln!(
                    "created round {} \"{}\": {} accounts, rubric {} {} ({})",
                    round.id,
                    escape_cell(&round.name),
                    n,
                    round.rubric_id,
                    round.rubric_version,
                    &round.rubric_hash[..12]
                )?,
            }
            Ok(())
        }
        RoundCmd::List { format } => list(store, *format, lang),
        RoundCmd::Document(args) => super::round_document::run(store, args, lang),
        RoundCmd::Check { round } => super::round_check::run(store, round, lang),
        RoundCmd::Summary { round, format } => {
            let round = super::resolve::round(store, round, lang)?;
            let s = crate::report::summary::round_summary(store, &round)?;
            match format {
                ExplainFormat::Json => crate::io::out::outln!("{}", super::output::json(&s)?)?,
                ExplainFormat::Text => crate::io::out::outln!(
                    "{}",
                    escape_text(&crate::report::summary::render(&s, lang))
                )?,
            }
            Ok(())
        }
        RoundCmd::Rename { round, name } => {
            super::corrections::rename_round(store, round, name, lang)
        }
        RoundCmd::Delete { round, force } => {
            super::corrections::delete_round(store, round, *force, lang)
        }
    }
}

#[derive(Serialize)]
struct RoundRow<'a> {
    #[serde(flatten)]
    round: &'a Round,
    accounts: usize,
}

fn list(store: &Store, format: Format, lang: Lang) -> anyhow::Result<()> {
    let rounds = store.rounds()?;
    let counts: Vec<usize> = rounds
        .iter()
        .map(|r| store.round_accounts(r.id).map(|a| a.len()))
        .collect::<Result<_, _>>()?;
    match format {
        Format::Json => {
            let rows: Vec<RoundRow<'_>> = rounds
                .iter()
                .zip(&counts)
                .map(|(round, &accounts)| RoundRow { round, accounts })
                .collect();
            crate::io::out::outln!("{}", serde_json::to_string_pretty(&rows)?)?;
        }
        Format::Csv | Format::Table => {
            let header = match lang {
                Lang::Zh => [
                    "编号",
                    "名称",
                    "评分表",
                    "版本",
                    "监测日期",
                    "账号数",
                    "哈希",
                ],
                Lang::En => [
                    "id",
                    "name",
                    "rubric",
                    "version",
                    "monitoring date",
                    "accounts",
                    "hash",
                ],
            };
            let rows: Vec<Vec<String>> = rounds
                .iter()
                .zip(&counts)
                .map(|(r, n)| {
                    // A person reads the rubric's name (in Chinese); CSV keeps its id.
                    let rubric = if format == Format::Csv {
                        r.rubric_id.clone()
                    } else {
                        crate::domain::rubric::parse(&r.rubric_text, &r.name)
                            .map_or_else(|_| r.rubric_id.clone(), |x| x.name)
                    };
                    vec![
                        r.id.to_string(),
                        r.name.clone(),
                        rubric,
                        r.rubric_version.clone(),
                        r.monitoring_date.to_string(),
                        n.to_string(),
                        r.rubric_hash.chars().take(12).collect(),
                    ]
                })
                .collect();
            if format == Format::Csv {
                crate::io::out::out!("{}", output::csv(&header, &rows)?)?;
            } else {
                crate::io::out::out!("{}", output::table(&header, &rows))?;
            }
        }
    }
    Ok(())
}
