//! Planning and applying `assay panel merge`: every file verified (signature, the key recorded
//! for its evaluator, entries as if typed) and planned before anything is written; files merged
//! in the evaluator's own order (an older file is already merged); conflicts listed as a table
//! and only resolved by an explicit `--take` with a reason.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use anyhow::bail;

use super::conflicts::{self, Conflict};
use super::verify::{self, KeyCheck};
use super::{MERGE_PREFIX, fast_forward, key_of, recorded, write};
use crate::cli::panel::MergeArgs;
use crate::domain::account::Account;
use crate::domain::entry::Entry;
use crate::i18n::Lang;
use crate::io::panel_file::{self, AccountKey, Content};
use crate::io::signed::Opened;
use crate::storage::{MergeWrite, PanelKey, Round, Store, Submission};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Side {
    Theirs,
    Ours,
}

/// `--take` as given: one side for all, and per-conflict sides by (account, indicator).
#[derive(Debug, Default)]
struct Take {
    all: Option<Side>,
    each: HashMap<(String, String), Side>,
}

fn side(s: &str) -> Option<Side> {
    match s.trim() {
        "theirs" => Some(Side::Theirs),
        "ours" => Some(Side::Ours),
        _ => None,
    }
}

fn parse_take(args: &[String]) -> anyhow::Result<Take> {
    let mut t = Take::default();
    for a in args {
        let bad =
            || crate::i18n::errors::said(crate::i18n::msg::bad_take(crate::i18n::current(), a));
        match a.split_once(':') {
            None => t.all = Some(side(a).ok_or_else(bad)?),
            Some((s, rest)) => {
                let s = side(s).ok_or_else(bad)?;
                let (acc, ind) = rest.rsplit_once('/').ok_or_else(bad)?;
                t.each
                    .insert((acc.trim().to_string(), ind.trim().to_string()), s);
            }
        }
    }
    Ok(t)
}

impl Take {
    fn pick(&self, account: &AccountKey, indicator: &str) -> Option<Side> {
        let by_name = (account.name.clone(), indicator.to_string());
        let by_key = (
            format!("{}:{}", account.platform, account.name),
            indicator.to_string(),
        );
        self.each
            .get(&by_name)
            .or(self.each.get(&by_key))
            .copied()
            .or(self.all)
    }
}

#[derive(Default)]
struct Plan {
    steps: Vec<MergeWrite>,
    conflicts: Vec<Conflict>,
    new: usize,
    updated: usize,
    unchanged: usize,
    resolved: usize,
    /// History rows carried from the evaluators' own databases.
    carried: usize,
    /// The changes already in this database or carried by an earlier file of this merge.
    seen: std::collections::HashSet<super::carry::Key>,
    /// The key of each (round, evaluator) as it stands after the files planned so far.
    keys: HashMap<(i64, String), PanelKey>,
    /// Lines to print after the merge: keys recorded now, files already merged.
    notes: Vec<String>,
}

pub fn merge(store: &mut Store, args: &MergeArgs, lang: Lang) -> anyhow::Result<()> {
    let take = parse_take(&args.take)?;
    let reason = args
        .reason
        .as_deref()
        .map(str::trim)
        .filter(|r| !r.is_empty());
    if !args.take.is_empty() && reason.is_none() {
        bail!(
            "{}",
            lang.pick(
                "使用 --take 时必须用 --reason 说明理由（记入历史）",
                "--take needs --reason \"why\"; the reason is kept in the history"
            )
        );
    }
    let mut plan = Plan::default();
    // Every file read and verified first; then in the evaluators' own order, so an older file
    // of an evaluator given after a newer one is seen as already merged.
    let mut files: Vec<(&PathBuf, Content, Opened)> = Vec::new();
    for file in &args.files {
        let (content, opened) = panel_file::read(file)?;
        files.push((file, content, opened));
    }
    files.sort_by(|a, b| {
        (&a.1.round.name, &a.1.evaluator, a.1.sequence).cmp(&(
            &b.1.round.name,
            &b.1.evaluator,
            b.1.sequence,
        ))
    });
    for (file, content, opened) in &files {
        plan_signed(
            store,
            file,
            content,
            opened,
            &take,
            reason.unwrap_or(""),
            &mut plan,
            lang,
        )?;
    }
    if !plan.conflicts.is_empty() {
        eprint!("{}", conflicts::table(&plan.conflicts, lang));
        bail!(
            "{}",
            match lang {
                Lang::Zh => format!(
                    "{} 处冲突（见上表），未合并任何内容；用 --take theirs|ours（全部）或 --take theirs:账号/指标（逐条）并加 --reason 明确处理",
                    plan.conflicts.len()
                ),
                Lang::En => format!(
                    "{} conflicts (table above); nothing was merged. Resolve them with --take theirs|ours (all) or --take theirs:ACCOUNT/INDICATOR (each), with --reason",
                    plan.conflicts.len()
                ),
            }
        );
    }
    let changed = store.apply_merge(&plan.steps)?;
    for n in &plan.notes {
        crate::io::out::outln!("{n}")?;
    }
    if plan.steps.is_empty() {
        return Ok(());
    }
    let submissions = plan
        .steps
        .iter()
        .filter(|s| matches!(s, MergeWrite::Submission(..)))
        .count();
    if changed == 0 && plan.resolved == 0 && plan.carried == 0 {
        crate::io::out::outln!(
            "{}",
            match lang {
                Lang::Zh => format!("无变化：文件内容已全部合并过（{} 条相同）", plan.unchanged),
                Lang::En => format!(
                    "nothing changed: everything in the files was already merged ({} identical entries)",
                    plan.unchanged
                ),
            }
        )?;
    } else {
        crate::io::out::outln!(
            "{}",
            match lang {
                Lang::Zh => format!(
                    "已合并：新增 {} 条，更新 {} 条，相同 {} 条，处理冲突 {} 处，提交状态 {} 个，带入评估人本机历史 {} 条",
                    plan.new,
                    plan.updated,
                    plan.unchanged,
                    plan.resolved,
                    submissions,
                    plan.carried
                ),
                Lang::En => format!(
                    "merged: {} new, {} updated, {} identical, {} conflicts resolved, {} submission states, {} history rows carried from the evaluators' own databases",
                    plan.new,
                    plan.updated,
                    plan.unchanged,
                    plan.resolved,
                    submissions,
                    plan.carried
                ),
            }
        )?;
    }
    Ok(())
}

/// Verifies one signed file against this database and plans it: the round, the evaluator's
/// key, the order of the evaluator's files, every entry as if typed; then the writes.
#[allow(clippy::too_many_arguments)]
fn plan_signed(
    store: &Store,
    file: &Path,
    content: &Content,
    opened: &Opened,
    take: &Take,
    reason: &str,
    plan: &mut Plan,
    lang: Lang,
) -> anyhow::Result<()> {
    let round = verify::target_round(store, file, content, lang)?;
    let who = (round.id, content.evaluator.trim().to_string());
    let before = match plan.keys.get(&who) {
        Some(k) => Some(k.clone()),
        None => store.panel_key(round.id, &who.1)?,
    };
    let check = verify::key(before.as_ref(), file, content, opened, lang)?;
    let merged = before.as_ref().map_or(0, |k| k.sequence);
    if content.sequence <= merged {
        plan.notes.push(crate::i18n::trust_msg::already_merged(
            lang,
            &file.display().to_string(),
            &who.1,
            content.sequence,
            merged,
        ));
        return Ok(());
    }
    let accounts: HashMap<AccountKey, Account> = store
        .round_accounts(round.id)?
        .into_iter()
        .map(|a| (key_of(&a), a))
        .collect();
    verify::sheets(&round.rubric_text, &accounts, file, content, lang)?;
    let ids: HashMap<AccountKey, i64> = accounts.iter().map(|(k, a)| (k.clone(), a.id)).collect();
    plan_file(store, file, &round, &ids, content, take, reason, plan, lang)?;
    let after = verify::recorded_after(opened, content.sequence, before.as_ref());
    if matches!(check, KeyCheck::First | KeyCheck::Confirmed) {
        plan.notes.push(crate::i18n::trust_msg::key_recorded(
            lang,
            &who.1,
            &round.name,
            &after.fingerprint,
            matches!(check, KeyCheck::Confirmed),
        ));
    }
    plan.steps.push(MergeWrite::Key {
        round_id: round.id,
        evaluator: who.1.clone(),
        key: after.clone(),
    });
    plan.keys.insert(who, after);
    Ok(())
}

#[allow(clippy::too_many_arguments)]
fn plan_file(
    store: &Store,
    file: &Path,
    round: &Round,
    accounts: &HashMap<AccountKey, i64>,
    content: &Content,
    take: &Take,
    reason: &str,
    plan: &mut Plan,
    lang: Lang,
) -> anyhow::Result<()> {
    let name = file.display().to_string();
    let missing: Vec<String> = content
        .entries
        .iter()
        .map(|e| &e.account)
        .filter(|k| !accounts.contains_key(k))
        .map(|k| format!("{}:{}", k.platform, k.name))
        .collect();
    if !missing.is_empty() {
        bail!(
            "{}（{}）: {} {}",
            name,
            content.evaluator,
            lang.pick(
                "以下账号不在本库该轮次中，拒绝合并：",
                "accounts not in this round here; refused:"
            ),
            missing.join(", ")
        );
    }
    let ev = content.evaluator.as_str();
    let mut local: HashMap<(i64, String), Entry> = HashMap::new();
    store.for_each_entry(round.id, &mut |e| {
        if e.evaluator == ev {
            local.insert((e.account_id, e.entry.indicator.clone()), e.entry);
        }
    })?;
    let carried = super::carry::carried(store, round.id, accounts, content, &mut plan.seen)?;
    plan.carried += carried.len();
    plan.steps.extend(carried);
    let decided = recorded(store, round.id, ev)?;
    // Accounts whose entries this file writes: a sheet submitted here is reopened by the write.
    let mut written = std::collections::HashSet::new();
    for fe in &content.entries {
        let id = accounts[&fe.account];
        let theirs = &fe.entry;
        match local.get(&(id, theirs.indicator.clone())) {
            None => {
                plan.new += 1;
                plan.steps.push(write(round.id, id, ev, theirs));
                written.insert(id);
            }
            Some(ours) if ours == theirs => plan.unchanged += 1,
            Some(ours) if fast_forward(content, &fe.account, ours) => {
                plan.updated += 1;
                plan.steps.push(write(round.id, id, ev, theirs));
                written.insert(id);
            }
            Some(ours) => {
                if decided.iter().any(|(a, e)| *a == id && e == theirs) {
                    plan.unchanged += 1;
                    continue;
                }
                let Some(side) = take.pick(&fe.account, &theirs.indicator) else {
                    plan.conflicts.push(Conflict {
                        file: name.clone(),
                        evaluator: ev.to_string(),
                        account: fe.account.clone(),
                        ours: ours.clone(),
                        theirs: theirs.clone(),
                    });
                    continue;
                };
                plan.resolved += 1;
                if side == Side::Theirs {
                    written.insert(id);
                }
                plan.steps.extend(resolution(
                    round.id,
                    id,
                    ev,
                    side,
                    (ours, theirs),
                    reason,
                    &name,
                )?);
            }
        }
    }
    // The sheet's state the evaluator left, compared with the state the writes above leave
    // here (a write reopens a submitted sheet): a reopened, edited and resubmitted sheet
    // arrives submitted, a reopened one arrives reopened.
    for s in &content.submissions {
        let (Some(&id), Some(state)) = (accounts.get(&s.account), Submission::parse(&s.state))
        else {
            continue;
        };
        let now = store.submission_state(round.id, id, ev)?;
        let after_writes = match now {
            Some(Submission::Submitted) if written.contains(&id) => Some(Submission::Draft),
            other => other,
        };
        if after_writes != Some(state) {
            plan.steps
                .push(MergeWrite::Submission(round.id, id, ev.to_string(), state));
        }
    }
    Ok(())
}

/// The steps of a resolved conflict: their entry when taken, and the decision in the history.
fn resolution(
    round_id: i64,
    account_id: i64,
    evaluator: &str,
    side: Side,
    (ours, theirs): (&Entry, &Entry),
    reason: &str,
    file: &str,
) -> anyhow::Result<Vec<MergeWrite>> {
    let mut steps = Vec::new();
    if side == Side::Theirs {
        steps.push(write(round_id, account_id, evaluator, theirs));
    }
    steps.push(MergeWrite::Record {
        round_id,
        account_id,
        evaluator: evaluator.to_string(),
        indicator: format!("{MERGE_PREFIX}{}", theirs.indicator),
        old: Some(serde_json::to_string(ours)?),
        new: Some(serde_json::to_string(&serde_json::json!({
            "take": if side == Side::Theirs { "theirs" } else { "ours" },
            "reason": reason,
            "file": file,
            "theirs": theirs,
        }))?),
    });
    Ok(steps)
}
