//! Checks rows read from a scores file against a round: the round column, the account in the
//! round's scope (by platform and name), the indicator in the round's rubric, the entry's bounds
//! (the same [`Entry::check`] as `score set`), and no entry twice.

use std::collections::{HashMap, HashSet};

use super::{ScoreRow, problem, says};
use crate::domain::account::Account;
use crate::domain::entry::Entry;
use crate::domain::entry::EntryError;
use crate::domain::platform::Platform;
use crate::domain::rubric::Rubric;
use crate::io::accounts::RowProblem;

/// A row ready to store: the round's account id, the evaluator and the checked entry.
#[derive(Debug, Clone, PartialEq)]
pub struct ResolvedEntry {
    pub row: usize,
    pub account_id: i64,
    pub evaluator: String,
    pub entry: Entry,
}

/// Resolves every row or returns every problem.
pub fn resolve(
    rows: &[ScoreRow],
    round_name: &str,
    rubric: &Rubric,
    accounts: &[Account],
) -> Result<Vec<ResolvedEntry>, Vec<RowProblem>> {
    let by_key: HashMap<(Platform, &str), &Account> = accounts
        .iter()
        .map(|a| ((a.platform, a.name.as_str()), a))
        .collect();
    let mut seen: HashMap<(i64, &str, &str), usize> = HashMap::new();
    let mut problems = Vec::new();
    let mut out = Vec::new();
    let ids: HashSet<String> = rubric
        .items()
        .iter()
        .map(|i| i.common().id.clone())
        .collect();
    for r in rows {
        if let Some(round) = r.round.as_deref().filter(|x| *x != round_name) {
            problems.push(problem(r.row, "round", round, says(&format!(
                "names another round; this import is for \"{round_name}\" (remove the row or import it with --round \"{round}\")"),
                &format!("是另一个轮次；本次导入的是“{round_name}”（删去该行，或用 --round “{round}” 另行导入）"))));
            continue;
        }
        let Some(account) = find_account(&by_key, r.platform, &r.account) else {
            problems.push(problem(r.row, "account", &r.account, says(&format!(
                "no {} account of this name in round \"{round_name}\"; check the name and platform (assay account list)",
                r.platform.label_en()),
                &format!("轮次“{round_name}”中没有该名称的{}账号；请检查名称和平台（assay account list）",
                r.platform.label_zh()))));
            continue;
        };
        let Some(item) = rubric.item(&r.entry.indicator) else {
            let mut known: Vec<&String> = ids.iter().collect();
            known.sort();
            let known: Vec<&str> = known.iter().map(|s| s.as_str()).collect();
            problems.push(problem(
                r.row,
                "indicator",
                &r.entry.indicator,
                says(
                    &format!(
                        "is not an indicator of rubric {}; known ids: {}",
                        rubric.id,
                        known.join(", ")
                    ),
                    &format!(
                        "不是评分标准 {} 的指标；已有指标 id：{}",
                        rubric.id,
                        known.join("、")
                    ),
                ),
            ));
            continue;
        };
        let account_id = account.id;
        let mut entry = r.entry.clone();
        // The same checks as `score set`: bounds, and no entry for an item that does not apply
        // to the account nor a veto marked N/A by hand.
        if let Err(e) = entry.check_for(item, account.platform, account.level) {
            let (col, val) = entry_cell(&e, &r.entry);
            problems.push(problem(
                r.row,
                col,
                &val,
                e.localized(crate::i18n::current()),
            ));
            continue;
        }
        let key = (account_id, r.evaluator.as_str(), r.entry.indicator.as_str());
        if let Some(first) = seen.insert(key, r.row) {
            problems.push(problem(r.row, "indicator", &r.entry.indicator, says(&format!(
                "repeats the entry of row {first} for the same account and evaluator; keep one of them"),
                &format!("与第 {first} 行是同一账号、同一评估人的同一指标；请只保留一行"))));
            continue;
        }
        out.push(ResolvedEntry {
            row: r.row,
            account_id,
            evaluator: r.evaluator.clone(),
            entry,
        });
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(problems)
    }
}

/// The account of a row by platform and name; a name Excel or WPS took a leading `'` off (or
/// put one before) is still found, since a spreadsheet shows `'x` and `x` alike.
fn find_account<'a>(
    by_key: &HashMap<(Platform, &str), &'a Account>,
    platform: Platform,
    name: &str,
) -> Option<&'a Account> {
    let quoted = format!("'{name}");
    [Some(name), name.strip_prefix('\''), Some(quoted.as_str())]
        .into_iter()
        .flatten()
        .find_map(|n| by_key.get(&(platform, n)).copied())
}

/// The column and value an entry error is about.
fn entry_cell(e: &EntryError, entry: &Entry) -> (&'static str, String) {
    let value = entry.value.map(|v| v.to_string()).unwrap_or_default();
    match e {
        EntryError::UnknownReason { reason, .. } => ("veto", reason.clone()),
        EntryError::OutOfRange { .. }
        | EntryError::OffStep { .. }
        | EntryError::NotYesNo { .. } => ("value", value),
        EntryError::WrongKind { .. } | EntryError::Empty { .. } => ("value", value),
        EntryError::VetoNa { .. } => ("na", "1".into()),
        EntryError::NotApplicable { id, .. } => ("indicator", id.clone()),
    }
}
