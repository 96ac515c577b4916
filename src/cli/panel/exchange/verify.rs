//! What a panel file must pass before any of it is planned: it is for a round here (same name,
//! same pinned rubric), it is signed by the key recorded for its evaluator in that round (the
//! first file records it), and every entry is checked as if typed: the item exists and applies
//! to the account, the value fits, and a sheet marked submitted is complete.

use std::collections::HashMap;
use std::path::Path;

use anyhow::bail;

use crate::domain::account::Account;
use crate::domain::engine::{self, ItemState};
use crate::domain::entry::Entry;
use crate::i18n::Lang;
use crate::io::keys::{fingerprint, hex};
use crate::io::panel_file::{AccountKey, Content};
use crate::io::signed::Opened;
use crate::storage::{PanelKey, Round, Store};

/// The round here that the file is for: same name and same rubric (hash); refused otherwise.
pub fn target_round(
    store: &Store,
    file: &Path,
    content: &Content,
    lang: Lang,
) -> anyhow::Result<Round> {
    let name = file.display();
    let ev = &content.evaluator;
    let Some(round) = store
        .rounds()?
        .into_iter()
        .find(|r| r.name == content.round.name)
    else {
        bail!(
            "{}",
            match lang {
                Lang::Zh => format!(
                    "{name}（评估人「{ev}」）属于轮次「{}」，本数据库没有该轮次；未合并任何内容",
                    content.round.name
                ),
                Lang::En => format!(
                    "{name} (evaluator \"{ev}\") is for round \"{}\", which this database does not have; nothing was merged",
                    content.round.name
                ),
            }
        );
    };
    // A round found by name still has to be the same round: its pinned rubric.
    let round = store.round(&round.id.to_string())?;
    if round.rubric_hash != content.round.rubric_hash {
        let (theirs, ours) = (short(&content.round.rubric_hash), short(&round.rubric_hash));
        bail!(
            "{}",
            match lang {
                Lang::Zh => format!(
                    "{name}（评估人「{ev}」）使用的评分表（{} {}，哈希 {theirs}）与本库轮次「{}」的评分表（{} {}，哈希 {ours}）不同；未合并任何内容",
                    content.round.rubric_id,
                    content.round.rubric_version,
                    round.name,
                    round.rubric_id,
                    round.rubric_version
                ),
                Lang::En => format!(
                    "{name} (evaluator \"{ev}\") was scored against another rubric version ({} {}, hash {theirs}) than round \"{}\" here ({} {}, hash {ours}); nothing was merged",
                    content.round.rubric_id,
                    content.round.rubric_version,
                    round.name,
                    round.rubric_id,
                    round.rubric_version
                ),
            }
        );
    }
    Ok(round)
}

fn short(h: &str) -> &str {
    &h[..h.len().min(12)]
}

/// How the file's key stands against the one recorded for its evaluator in the round.
pub enum KeyCheck {
    /// The recorded key signed it.
    Known,
    /// No key was recorded: this file's key is recorded now (say so, with its fingerprint).
    First,
    /// A fingerprint was given beforehand and the file's key matches it.
    Confirmed,
}

/// Refuses a file signed by another key than the one recorded (or given) for its evaluator.
pub fn key(
    recorded: Option<&PanelKey>,
    file: &Path,
    content: &Content,
    opened: &Opened,
    lang: Lang,
) -> anyhow::Result<KeyCheck> {
    let theirs = opened.fingerprint();
    let Some(rec) = recorded else {
        return Ok(KeyCheck::First);
    };
    let ok = match &rec.public {
        Some(p) => *p == hex(&opened.public),
        None => rec.fingerprint == theirs,
    };
    if ok {
        return Ok(if rec.public.is_some() {
            KeyCheck::Known
        } else {
            KeyCheck::Confirmed
        });
    }
    let (name, ev, round) = (file.display(), &content.evaluator, &content.round.name);
    let ours = &rec.fingerprint;
    bail!(
        "{}",
        match lang {
            Lang::Zh => format!(
                "{name} 声称来自评估人「{ev}」，但由另一把密钥签名（指纹 {theirs}），与本轮为「{ev}」登记的密钥（指纹 {ours}）不同；未合并任何内容。若该评估人确实换了电脑，请电话核实新指纹后运行 assay panel member --round {round} --evaluator {ev} --key 新指纹"
            ),
            Lang::En => format!(
                "{name} claims to be from evaluator \"{ev}\" but is signed by another key (fingerprint {theirs}) than the one recorded for \"{ev}\" in this round (fingerprint {ours}); nothing was merged. If the evaluator really changed machines, confirm the new fingerprint by phone and run assay panel member --round {round} --evaluator {ev} --key NEW-FINGERPRINT"
            ),
        }
    )
}

/// The key to record after merging `opened`'s file at `sequence`.
pub fn recorded_after(opened: &Opened, sequence: u64, before: Option<&PanelKey>) -> PanelKey {
    PanelKey {
        public: Some(hex(&opened.public)),
        fingerprint: fingerprint(&opened.public),
        source: before.map_or_else(|| "merge".to_string(), |b| b.source.clone()),
        sequence,
    }
}

/// Every entry checked as if typed, per account: the item exists and applies, the value fits,
/// and a sheet the file marks submitted is complete.
pub fn sheets(
    rubric_text: &str,
    accounts: &HashMap<AccountKey, Account>,
    file: &Path,
    content: &Content,
    lang: Lang,
) -> anyhow::Result<()> {
    let rubric = crate::domain::rubric::parse(rubric_text, &content.round.name)?;
    let mut by_account: HashMap<&AccountKey, Vec<Entry>> = HashMap::new();
    for fe in &content.entries {
        by_account
            .entry(&fe.account)
            .or_default()
            .push(fe.entry.clone());
    }
    let refuse = |account: &str, what: String| -> anyhow::Error {
        let (name, ev) = (file.display(), &content.evaluator);
        anyhow::anyhow!(match lang {
            Lang::Zh =>
                format!("{name}（评估人「{ev}」）账号「{account}」：{what}；未合并任何内容"),
            Lang::En => format!(
                "{name} (evaluator \"{ev}\"), account \"{account}\": {what}; nothing was merged"
            ),
        })
    };
    for (key, sheet) in &by_account {
        let Some(a) = accounts.get(*key) else {
            continue; // named as not in the round by the planner
        };
        let problems = crate::domain::sheet_check::problems(&rubric, a.platform, a.level, sheet);
        if let Some(p) = problems.first() {
            return Err(refuse(&a.name, p.message(lang)));
        }
    }
    for s in &content.submissions {
        if s.state != crate::storage::Submission::Submitted.code() {
            continue;
        }
        let Some(a) = accounts.get(&s.account) else {
            continue;
        };
        let sheet = by_account.get(&s.account).cloned().unwrap_or_default();
        let o = engine::score(&rubric, a.platform, a.level, &sheet);
        let missing: Vec<String> = o
            .items
            .iter()
            .filter(|i| i.state == ItemState::Missing)
            .map(|i| format!("{} {}", i.id, i.name))
            .collect();
        // The one completeness rule (`domain::engine::settled`), as `score submit` reads it.
        if !o.complete {
            let what = match lang {
                Lang::Zh => format!(
                    "标为已提交，但评分表不完整（{} 项中评了 {} 项；缺 {}）",
                    o.applicable,
                    o.scored,
                    missing.join("、")
                ),
                Lang::En => format!(
                    "marked submitted but the sheet is incomplete ({} of {} items; missing {})",
                    o.scored,
                    o.applicable,
                    missing.join(", ")
                ),
            };
            return Err(refuse(&a.name, what));
        }
    }
    Ok(())
}
