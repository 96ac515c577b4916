//! Planning and applying `assay panel merge`: every file verified and planned before anything
//! is written; conflicts listed and only resolved by an explicit `--take` with a reason.

use std::collections::HashMap;
use std::path::Path;

use anyhow::bail;

use super::{MERGE_PREFIX, check_entries, fast_forward, key_of, recorded, write};
use crate::cli::panel::MergeArgs;
use crate::domain::entry::Entry;
use crate::i18n::Lang;
use crate::io::panel_file::{self, AccountKey, Content};
use crate::storage::{MergeWrite, Round, Store, Submission};

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

/// One unresolved difference.
struct Conflict {
    file: String,
    evaluator: String,
    account: AccountKey,
    ours: Entry,
    theirs: Entry,
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
}

fn brief(e: &Entry) -> String {
    serde_json::to_string(&serde_json::json!({
        "value": e.value, "count": e.count, "veto": e.veto, "na": e.na, "note": e.note
    }))
    .unwrap_or_default()
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
    for file in &args.files {
        let content = panel_file::read(file)?;
        plan_file(
            store,
            file,
            &content,
            &take,
            reason.unwrap_or(""),
            &mut plan,
            lang,
        )?;
    }
    if !plan.conflicts.is_empty() {
        for c in &plan.conflicts {
            eprintln!(
                "{} {}/{}: {} {} ≠ {} {}  [{}]",
                c.evaluator,
                c.account.name,
                c.theirs.indicator,
                lang.pick("本库", "ours"),
                brief(&c.ours),
                lang.pick("文件", "theirs"),
                brief(&c.theirs),
                c.file
            );
        }
        bail!(
            "{}",
            match lang {
                Lang::Zh => format!(
                    "{} 处冲突，未合并任何内容；用 --take theirs|ours（全部）或 --take theirs:账号/指标（逐条）并加 --reason 明确处理",
                    plan.conflicts.len()
                ),
                Lang::En => format!(
                    "{} conflicts; nothing was merged. Resolve them with --take theirs|ours (all) or --take theirs:ACCOUNT/INDICATOR (each), with --reason",
                    plan.conflicts.len()
                ),
            }
        );
    }
    let changed = store.apply_merge(&plan.steps)?;
    let submissions = plan
        .steps
        .iter()
        .filter(|s| matches!(s, MergeWrite::Submission(..)))
        .count();
    if changed == 0 && plan.resolved == 0 && plan.carried == 0 {
        crate::outln!(
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
        crate::outln!(
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

/// The round here that the file is for: same name and same rubric (hash); refused otherwise.
fn target_round(store: &Store, name: &str, content: &Content, lang: Lang) -> anyhow::Result<Round> {
    let Some(round) = store
        .rounds()?
        .into_iter()
        .find(|r| r.name == content.round.name)
    else {
        bail!(
            "{}",
            match lang {
                Lang::Zh => format!(
                    "{name} 属于轮次「{}」，本数据库没有该轮次；拒绝合并",
                    content.round.name
                ),
                Lang::En => format!(
                    "{name} is for round \"{}\", which this database does not have; refused",
                    content.round.name
                ),
            }
        );
    };
    if round.rubric_hash != content.round.rubric_hash {
        bail!(
            "{}",
            match lang {
                Lang::Zh => format!(
                    "{name} 使用的评分表版本（{} {}，哈希 {}）与本库轮次「{}」的评分表（{} {}，哈希 {}）不同；拒绝合并",
                    content.round.rubric_id,
                    content.round.rubric_version,
                    short(&content.round.rubric_hash),
                    round.name,
                    round.rubric_id,
                    round.rubric_version,
                    short(&round.rubric_hash)
                ),
                Lang::En => format!(
                    "{name} was scored against another rubric version ({} {}, hash {}) than round \"{}\" here ({} {}, hash {}); refused",
                    content.round.rubric_id,
                    content.round.rubric_version,
                    short(&content.round.rubric_hash),
                    round.name,
                    round.rubric_id,
                    round.rubric_version,
                    short(&round.rubric_hash)
                ),
            }
        );
    }
    check_entries(content, &round.rubric_text)?;
    Ok(round)
}

fn plan_file(
    store: &Store,
    file: &Path,
    content: &Content,
    take: &Take,
    reason: &str,
    plan: &mut Plan,
    lang: Lang,
) -> anyhow::Result<()> {
    let name = file.display().to_string();
    let round = target_round(store, &name, content, lang)?;
    let accounts: HashMap<AccountKey, i64> = store
        .round_accounts(round.id)?
        .iter()
        .map(|a| (key_of(a), a.id))
        .collect();
    let missing: Vec<String> = content
        .entries
        .iter()
        .map(|e| &e.account)
        .filter(|k| !accounts.contains_key(k))
        .map(|k| format!("{}:{}", k.platform, k.name))
        .collect();
    if !missing.is_empty() {
        bail!(
            "{}: {} {}",
            name,
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
    let carried = super::carry::carried(store, round.id, &accounts, content, &mut plan.seen)?;
    plan.carried += carried.len();
    plan.steps.extend(carried);
    let decided = recorded(store, round.id, ev)?;
    for fe in &content.entries {
        let id = accounts[&fe.account];
        let theirs = &fe.entry;
        match local.get(&(id, theirs.indicator.clone())) {
            None => {
                plan.new += 1;
                plan.steps.push(write(round.id, id, ev, theirs));
            }
            Some(ours) if ours == theirs => plan.unchanged += 1,
            Some(ours) if fast_forward(content, &fe.account, ours) => {
                plan.updated += 1;
                plan.steps.push(write(round.id, id, ev, theirs));
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
    for s in &content.submissions {
        if let (Some(&id), Some(state)) = (accounts.get(&s.account), Submission::parse(&s.state))
            && store.submission(round.id, id, ev)? != state
        {
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

fn short(h: &str) -> &str {
    &h[..h.len().min(12)]
}
