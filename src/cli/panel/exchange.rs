//! `assay panel export` and `assay panel merge`: one evaluator's work carried between
//! databases in a file signed by the evaluator's machine key, merged all or nothing with
//! conflicts listed, never overwritten silently. Accounts travel as (platform, name), never as
//! local ids.

use std::collections::HashMap;

use anyhow::bail;

use super::ExportArgs;
use crate::domain::entry::Entry;
use crate::i18n::Lang;
use crate::io::panel_file::{self, AccountKey, Content, FileHistory, FileSubmission, RoundRef};
use crate::storage::{EntryWrite, MergeWrite, Store};

mod carry;
mod conflicts;
mod merge;
mod verify;

pub use merge::merge;

/// The history `indicator` of a recorded conflict decision: `@merge:INDICATOR`.
pub const MERGE_PREFIX: &str = "@merge:";

fn key_of(a: &crate::domain::account::Account) -> AccountKey {
    AccountKey {
        platform: a.platform.code().to_string(),
        name: a.name.clone(),
    }
}

pub fn export(store: &mut Store, args: &ExportArgs, lang: Lang) -> anyhow::Result<()> {
    crate::io::out::file_target(&args.out)?;
    let round = store.round(&args.round)?;
    let accounts: HashMap<i64, AccountKey> = store
        .round_accounts(round.id)?
        .iter()
        .map(|a| (a.id, key_of(a)))
        .collect();
    let evaluator = args.evaluator.trim();
    let mut entries = Vec::new();
    store.for_each_entry(round.id, &mut |e| {
        if e.evaluator == evaluator
            && let Some(k) = accounts.get(&e.account_id)
        {
            entries.push(panel_file::FileEntry {
                account: k.clone(),
                entry: e.entry,
                updated_at: e.updated_at,
            });
        }
    })?;
    let own: Vec<crate::storage::HistoryRow> = store
        .history(round.id, None)?
        .into_iter()
        .filter(|h| h.evaluator == evaluator)
        .collect();
    // The evaluator's own order of exports: every change they make adds a history row.
    let sequence = own.len() as u64;
    let history: Vec<FileHistory> = own
        .into_iter()
        .filter_map(|h| {
            Some(FileHistory {
                account: accounts.get(&h.account_id)?.clone(),
                indicator: h.indicator,
                old: h.old,
                new: h.new,
                at: h.at,
            })
        })
        .collect();
    if entries.is_empty() && history.is_empty() {
        bail!(
            "{}",
            match lang {
                Lang::Zh => format!(
                    "评估人「{evaluator}」在轮次「{}」中没有任何评分，无可导出；请检查姓名（assay round summary）",
                    round.name
                ),
                Lang::En => format!(
                    "evaluator \"{evaluator}\" has no entries in round \"{}\"; nothing to export — check the name",
                    round.name
                ),
            }
        );
    }
    let mut submissions = Vec::new();
    let mut ids: Vec<i64> = accounts.keys().copied().collect();
    ids.sort_unstable();
    for id in ids {
        if let Some(state) = store.submission_state(round.id, id, evaluator)? {
            submissions.push(FileSubmission {
                account: accounts[&id].clone(),
                state: state.code().to_string(),
            });
        }
    }
    let content = Content {
        format: panel_file::FORMAT.to_string(),
        format_version: panel_file::FORMAT_VERSION,
        program: format!("assay {}", env!("CARGO_PKG_VERSION")),
        exported_at: chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        round: RoundRef {
            name: round.name.clone(),
            rubric_id: round.rubric_id.clone(),
            rubric_version: round.rubric_version.clone(),
            rubric_hash: round.rubric_hash.clone(),
        },
        evaluator: evaluator.to_string(),
        sequence,
        entries,
        submissions,
        history,
    };
    let (me, made) = crate::io::keys::load_or_create()?;
    let text = panel_file::to_text(&content, &me)?;
    crate::io::out::write_file(&args.out, text.as_bytes())?;
    eprintln!(
        "{}",
        match lang {
            Lang::Zh => format!(
                "已导出评估人「{evaluator}」在轮次「{}」的 {} 条评分、{} 个已提交账号、{} 条历史到 {}",
                round.name,
                content.entries.len(),
                content.submissions.len(),
                content.history.len(),
                args.out.display()
            ),
            Lang::En => format!(
                "exported {} entries, {} submitted accounts and {} history rows of \"{evaluator}\" in round \"{}\" to {}",
                content.entries.len(),
                content.submissions.len(),
                content.history.len(),
                round.name,
                args.out.display()
            ),
        }
    );
    let public = me.public();
    eprintln!(
        "{}",
        crate::i18n::trust_msg::own_key(
            lang,
            &crate::io::keys::fingerprint(&public),
            &crate::io::keys::hex(&public),
            made
        )
    );
    Ok(())
}

/// True when `local` is an earlier state of the evaluator's entry in the file's history: the
/// file moves it forward, nothing to resolve.
pub(super) fn fast_forward(content: &Content, account: &AccountKey, local: &Entry) -> bool {
    content
        .history
        .iter()
        .filter(|h| h.account == *account && h.indicator == local.indicator)
        .filter_map(|h| h.new.as_deref())
        .filter_map(|n| serde_json::from_str::<Entry>(n).ok())
        .any(|e| e == *local)
}

/// Decisions already recorded: (account id, their entry) resolved earlier, so the same file
/// does not raise the same conflict again.
pub(super) fn recorded(
    store: &Store,
    round_id: i64,
    evaluator: &str,
) -> anyhow::Result<Vec<(i64, Entry)>> {
    Ok(store
        .history(round_id, None)?
        .into_iter()
        .filter(|h| h.evaluator == evaluator && h.indicator.starts_with(MERGE_PREFIX))
        .filter_map(|h| {
            let mut v: serde_json::Value = serde_json::from_str(h.new.as_deref()?).ok()?;
            let theirs: Entry = serde_json::from_value(v.get_mut("theirs")?.take()).ok()?;
            Some((h.account_id, theirs))
        })
        .collect())
}

pub(super) fn write(round_id: i64, account_id: i64, evaluator: &str, entry: &Entry) -> MergeWrite {
    MergeWrite::Entry(
        round_id,
        EntryWrite {
            account_id,
            evaluator: evaluator.to_string(),
            entry: entry.clone(),
        },
    )
}
