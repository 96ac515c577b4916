//! `assay score import FILE --round R`: scores from CSV or XLSX, checked against the round and
//! written all or nothing through the same entry write as `score set`.

use std::path::PathBuf;

use clap::Args;

use crate::domain::rubric;
use crate::i18n::Lang;
use crate::io::scores;
use crate::storage::{EntryWrite, Store};

#[derive(Debug, Args)]
pub struct ScoreImportArgs {
    /// CSV (UTF-8, UTF-8 with BOM, GBK) or XLSX with the columns round, platform, account,
    /// evaluator, indicator, value, count, veto, na, note, evidence
    pub file: PathBuf,
    /// Round id or name
    #[arg(long)]
    pub round: String,
}

pub fn run(store: &mut Store, args: &ScoreImportArgs, lang: Lang) -> anyhow::Result<()> {
    let round = store.round(&args.round)?;
    let rubric = rubric::parse(&round.rubric_text, &format!("round {}", round.name))?;
    let file = scores::read_scores(&args.file)?;
    let accounts = store.round_accounts(round.id)?;
    let resolved = scores::resolve(&file.rows, &round.name, &rubric, &accounts).map_err(|p| {
        crate::io::accounts::ImportError::Rows {
            path: args.file.clone(),
            data_rows: file.rows.len(),
            problems: scores::capped(p),
        }
    })?;
    let writes: Vec<EntryWrite> = resolved
        .into_iter()
        .map(|r| EntryWrite {
            account_id: r.account_id,
            evaluator: r.evaluator,
            entry: r.entry,
        })
        .collect();
    let changed = store.set_entries(round.id, &writes)?;
    let mut pairs: Vec<(i64, &str)> = writes
        .iter()
        .map(|w| (w.account_id, w.evaluator.as_str()))
        .collect();
    pairs.sort();
    pairs.dedup();
    for (id, evaluator) in pairs {
        let name = accounts
            .iter()
            .find(|a| a.id == id)
            .map_or("", |a| a.name.as_str());
        super::assigned::warn_if_unassigned(store, round.id, (id, name), evaluator, lang)?;
    }
    let unchanged = writes.len() - changed;
    crate::io::out::outln!(
        "{}",
        match lang {
            Lang::Zh => format!(
                "已导入 {} 行到轮次「{}」：{changed} 条新增或修改，{unchanged} 条与已有记录相同",
                writes.len(),
                round.name
            ),
            Lang::En => format!(
                "imported {} rows into round \"{}\": {changed} new or changed, {unchanged} already identical",
                writes.len(),
                round.name
            ),
        }
    )?;
    Ok(())
}
