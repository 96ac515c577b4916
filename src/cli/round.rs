//! `assay round create|list`.

use serde::Serialize;

use crate::i18n::Lang;
use crate::io::rubric_file;
use crate::storage::{NewRound, Round, Store};

use super::output::{self, Format};
use super::{ExplainFormat, RoundCmd};

pub fn run(store: &mut Store, cmd: &RoundCmd, lang: Lang) -> anyhow::Result<()> {
    match cmd {
        RoundCmd::Create {
            name,
            rubric,
            date,
            filter,
        } => {
            let loaded = rubric_file::load(rubric)?;
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
                Lang::Zh => println!(
                    "已创建轮次 {}「{}」：{} 个账号，评分表 {} {}（{}）",
                    round.id,
                    round.name,
                    n,
                    round.rubric_id,
                    round.rubric_version,
                    &round.rubric_hash[..12]
                ),
                Lang::En => println!(
                    "created round {} \"{}\": {} accounts, rubric {} {} ({})",
                    round.id,
                    round.name,
                    n,
                    round.rubric_id,
                    round.rubric_version,
                    &round.rubric_hash[..12]
                ),
            }
            Ok(())
        }
        RoundCmd::List { format } => list(store, *format, lang),
        RoundCmd::Summary { round, format } => {
            let round = store.round(round)?;
            let s = crate::report::summary::round_summary(store, &round)?;
            match format {
                ExplainFormat::Json => {
                    let mut v = serde_json::to_value(&s)?;
                    crate::report::tables::round_json(&mut v);
                    println!("{}", serde_json::to_string_pretty(&v)?)
                }
                ExplainFormat::Text => println!("{}", crate::report::summary::render(&s, lang)),
            }
            Ok(())
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
            println!("{}", serde_json::to_string_pretty(&rows)?);
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
                    vec![
                        r.id.to_string(),
                        r.name.clone(),
                        r.rubric_id.clone(),
                        r.rubric_version.clone(),
                        r.monitoring_date.to_string(),
                        n.to_string(),
                        r.rubric_hash.chars().take(12).collect(),
                    ]
                })
                .collect();
            if format == Format::Csv {
                print!("{}", output::csv(&header, &rows)?);
            } else {
                print!("{}", output::table(&header, &rows));
            }
        }
    }
    Ok(())
}
