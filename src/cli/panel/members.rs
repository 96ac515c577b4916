//! `assay panel member`, `assay panel assign` and `assay panel show`: the round's panel (role,
//! affiliation), the assignment of evaluators to accounts, and everyone's progress.

use std::collections::{BTreeMap, HashSet};

use anyhow::bail;
use serde::Serialize;

use super::{AssignArgs, MemberArgs, ShowArgs};
use crate::cli::output::{self, Format};
use crate::domain::panel::{self, Assignee, Target};
use crate::i18n::Lang;
use crate::storage::{Member, Store, Submission};

pub fn member(store: &mut Store, args: &MemberArgs, lang: Lang) -> anyhow::Result<()> {
    let round = store.round(&args.round)?;
    let role = args.role.trim();
    if role != "evaluator" && role != "chair" {
        bail!(
            "{}",
            match lang {
                Lang::Zh => format!("未知角色「{role}」：用 evaluator（评估人）或 chair（组长）"),
                Lang::En => format!("unknown role \"{role}\"; use evaluator or chair"),
            }
        );
    }
    let m = Member {
        name: args.evaluator.trim().to_string(),
        role: role.to_string(),
        affiliation: args.affiliation.clone().unwrap_or_default(),
    };
    store.set_member(round.id, &m)?;
    println!(
        "{}",
        match lang {
            Lang::Zh => format!(
                "轮次「{}」评审组：{}（{}）{}",
                round.name,
                m.name,
                if role == "chair" {
                    "组长"
                } else {
                    "评估人"
                },
                m.affiliation
            ),
            Lang::En => format!(
                "round \"{}\" panel: {} ({role}) {}",
                round.name, m.name, m.affiliation
            ),
        }
    );
    Ok(())
}

pub fn assign(store: &mut Store, args: &AssignArgs, lang: Lang) -> anyhow::Result<()> {
    let round = store.round(&args.round)?;
    let evaluators: Vec<Assignee> = store
        .members(round.id)?
        .into_iter()
        .filter(|m| m.role == "evaluator")
        .map(|m| Assignee {
            name: m.name,
            affiliation: m.affiliation,
        })
        .collect();
    let targets: Vec<Target> = store
        .round_accounts(round.id)?
        .into_iter()
        .map(|a| Target {
            id: a.id,
            unit: a.unit,
        })
        .collect();
    let pairs = match panel::assign(&evaluators, &targets, args.per_account, args.seed) {
        Ok(p) => p,
        Err(panel::AssignError::NoEvaluators) => bail!(
            "{}",
            lang.pick(
                "该轮次评审组没有评估人；先用 assay panel member 添加",
                "the round has no evaluators on its panel; add them with assay panel member"
            )
        ),
        Err(panel::AssignError::TooFewEligible {
            account,
            unit,
            eligible,
            wanted,
        }) => {
            let name = store
                .account(account)
                .map(|a| a.name)
                .unwrap_or_else(|_| account.to_string());
            bail!(
                "{}",
                match lang {
                    Lang::Zh => format!(
                        "账号「{name}」（主办单位 {unit}）只有 {eligible} 名无利益冲突的评估人，需要 {wanted} 名；请增加评估人或减小 --per-account"
                    ),
                    Lang::En => format!(
                        "account {name} (host unit {unit}) has only {eligible} evaluators without a conflict of interest; {wanted} are needed. Add evaluators or lower --per-account"
                    ),
                }
            )
        }
    };
    let pairs: Vec<(i64, String)> = pairs
        .into_iter()
        .map(|(a, e)| (a, evaluators[e].name.clone()))
        .collect();
    store.replace_assignments(round.id, &pairs)?;
    let mut load: BTreeMap<&str, usize> = BTreeMap::new();
    for (_, e) in &pairs {
        *load.entry(e).or_default() += 1;
    }
    let loads: Vec<String> = load.iter().map(|(e, n)| format!("{e} {n}")).collect();
    println!(
        "{}",
        match lang {
            Lang::Zh => format!(
                "已分配 {} 个账号共 {} 份评分（种子 {}）：{}",
                targets.len(),
                pairs.len(),
                args.seed,
                loads.join("，")
            ),
            Lang::En => format!(
                "assigned {} accounts, {} sheets (seed {}): {}",
                targets.len(),
                pairs.len(),
                args.seed,
                loads.join(", ")
            ),
        }
    );
    Ok(())
}

#[derive(Serialize)]
struct MemberRow {
    #[serde(flatten)]
    member: Member,
    assigned: usize,
    scored: usize,
    submitted: usize,
}

pub fn show(store: &mut Store, args: &ShowArgs, lang: Lang) -> anyhow::Result<()> {
    let round = store.round(&args.round)?;
    let assigned = store.assignments(round.id)?;
    let mut scored: BTreeMap<String, HashSet<i64>> = BTreeMap::new();
    store.for_each_entry(round.id, &mut |e| {
        scored.entry(e.evaluator).or_default().insert(e.account_id);
    })?;
    let mut rows = Vec::new();
    for m in store.members(round.id)? {
        let mine: Vec<i64> = assigned
            .iter()
            .filter(|(_, e)| *e == m.name)
            .map(|(a, _)| *a)
            .collect();
        let sheets = scored.get(&m.name).cloned().unwrap_or_default();
        let mut submitted = 0;
        for a in &sheets {
            submitted +=
                usize::from(store.submission(round.id, *a, &m.name)? == Submission::Submitted);
        }
        rows.push(MemberRow {
            assigned: mine.len(),
            scored: sheets.len(),
            submitted,
            member: m,
        });
    }
    let policy = store.panel_policy(round.id)?;
    match args.format {
        Format::Json => println!(
            "{}",
            serde_json::to_string_pretty(&serde_json::json!({
                "round": round.name, "policy": policy, "members": rows, "assignments": assigned.len(),
                "category_methods": store.category_methods(round.id)?.into_iter()
                    .map(|(c, m)| (c, m.code())).collect::<std::collections::BTreeMap<_, _>>(),
            }))?
        ),
        f => {
            let header = [
                lang.pick("姓名", "name"),
                lang.pick("角色", "role"),
                lang.pick("单位", "affiliation"),
                lang.pick("分配", "assigned"),
                lang.pick("已评", "scored"),
                lang.pick("已提交", "submitted"),
            ];
            let table: Vec<Vec<String>> = rows
                .iter()
                .map(|r| {
                    vec![
                        r.member.name.clone(),
                        if r.member.role == "chair" {
                            lang.pick("组长", "chair")
                        } else {
                            lang.pick("评估人", "evaluator")
                        }
                        .to_string(),
                        r.member.affiliation.clone(),
                        // No assignment in the round: everyone scores every account.
                        match assigned.is_empty() {
                            true => lang.pick("全部账号", "every account").to_string(),
                            false => r.assigned.to_string(),
                        },
                        r.scored.to_string(),
                        r.submitted.to_string(),
                    ]
                })
                .collect();
            if f == Format::Csv {
                print!("{}", output::csv(&header, &table)?);
            } else {
                print!("{}", output::table(&header, &table));
                println!("{}", super::categories::policy_words(&policy, lang));
                println!("{}", super::categories::line(store, &round, lang)?);
            }
        }
    }
    Ok(())
}
