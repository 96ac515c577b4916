//! `assay appeal`: appeals (申诉复核) against a draft bulletin's findings — filed by a unit within
//! the round's appeal window, decided by the chair (upheld, or changed through the chair's
//! consensus so that every result follows the normal way), listed with their decisions. Appeals
//! and decisions go to the ledger; a change goes to the score history as a consensus.

use anyhow::bail;
use chrono::NaiveDate;
use clap::{Args, Subcommand};

use super::output::table;
use super::values::parse_date;
use crate::domain::entry::Entry;
use crate::domain::rubric::{Indicator, ItemRef};
use crate::i18n::Lang;
use crate::i18n::appeal_msg as m;
use crate::report::findings::{RoundFindings, round_findings, round_findings_agreeing};
use crate::storage::{Appeal, Consensus, ConsensusMap, Decision, Store};

#[derive(Debug, Subcommand)]
pub enum AppealCmd {
    /// File a unit's appeal against one finding of a draft bulletin, within the appeal window
    File(FileArgs),
    /// Decide an appeal as the chair: the finding stands (--upheld) or is changed (--changed VALUE)
    Decide(DecideArgs),
    /// List a round's appeals and their decisions
    List {
        /// Round id or name
        #[arg(long)]
        round: String,
    },
}

#[derive(Debug, Args)]
pub struct FileArgs {
    #[command(flatten)]
    pub which: super::rectify::Which,
    /// Why the unit disputes the finding
    #[arg(long)]
    pub reason: String,
    /// Evidence: a screenshot, link or file (repeatable)
    #[arg(long)]
    pub evidence: Vec<String>,
}

#[derive(Debug, Args)]
pub struct DecideArgs {
    /// The appeal's id (assay appeal list)
    #[arg(long)]
    pub id: i64,
    /// The finding stands (申诉不成立)
    #[arg(long)]
    pub upheld: bool,
    /// The item's new value: points, a count, or for a veto item 无 or a veto reason
    #[arg(long)]
    pub changed: Option<String>,
    /// Why the chair decided so
    #[arg(long)]
    pub rationale: String,
    /// The chair deciding it
    #[arg(long)]
    pub chair: String,
    /// The date of the decision (default: today), YYYY-MM-DD
    #[arg(long, value_parser = parse_date)]
    pub date: Option<NaiveDate>,
}

pub fn run(store: &mut Store, cmd: &AppealCmd, lang: Lang) -> anyhow::Result<()> {
    match cmd {
        AppealCmd::File(a) => file(store, a, lang),
        AppealCmd::Decide(a) => decide(store, a, lang),
        AppealCmd::List { round } => list(store, round, lang),
    }
}

fn file(store: &mut Store, a: &FileArgs, lang: Lang) -> anyhow::Result<()> {
    let round = store.round(&a.which.round)?;
    let f = store.follow(round.id)?;
    let Some(draft) = f.draft else {
        bail!("{}", m::no_draft(lang, &round.name));
    };
    if let Some(fin) = f.final_on {
        bail!("{}", m::final_no_appeal(lang, &round.name, fin));
    }
    let Some(days) = f.appeal_days else {
        bail!("{}", m::no_window(lang, &round.name));
    };
    let until = store.calendar()?.add_workdays(draft, days);
    let filed = a.which.date.unwrap_or_else(super::values::today);
    if filed > until {
        bail!(
            "{}",
            m::window_closed(lang, &round.name, draft, days, until, filed)
        );
    }
    if a.reason.trim().is_empty() {
        bail!("{}", crate::i18n::rectify_msg::empty(lang, "--reason"));
    }
    let (_, account, finding) =
        super::rectify::locate(store, &round, &a.which.account, &a.which.item, lang)?;
    let appeal = Appeal {
        id: 0,
        round_id: round.id,
        account_id: account.id,
        item: finding.item.clone(),
        reason: a.reason.trim().to_string(),
        evidence: (a.evidence.iter().map(|s| s.trim().to_string()))
            .filter(|s| !s.is_empty())
            .collect(),
        filed,
        at: String::new(),
        decision: None,
    };
    let id = store.file_appeal(&appeal)?;
    crate::io::out::outln!(
        "{}",
        m::filed(lang, id, &account.name, &finding.name, until)
    )?;
    Ok(())
}

/// The finding and the account's total in words: 扣2.00分；总分 95.00（合格）.
fn state(rf: &RoundFindings, account: i64, item: &str, lang: Lang) -> String {
    let finding = rf.of_account(account).find(|f| f.item == item);
    let what = match finding {
        None => lang.pick("无问题", "no finding").to_string(),
        Some(f) if f.lost.is_none() => match lang {
            Lang::Zh => format!("单项否决（{}）", f.rule),
            Lang::En => format!("veto ({})", f.rule),
        },
        Some(f) => match lang {
            Lang::Zh => format!("扣{}分", f.lost.map(|x| x.text()).unwrap_or_default()),
            Lang::En => format!("{} lost", f.lost.map(|x| x.text()).unwrap_or_default()),
        },
    };
    let total = (rf.results.iter().find(|r| r.account.id == account)).map(|r| {
        let t = r.total.map_or_else(|| "—".to_string(), |t| t.text());
        format!("{t}（{}）", r.verdict.label(lang))
    });
    match (lang, total) {
        (Lang::Zh, Some(t)) => format!("{what}；总分 {t}"),
        (Lang::En, Some(t)) => format!("{what}; total {t}"),
        (_, None) => what,
    }
}

/// The consensus an appeal's changed value makes for `item`, checked against the item.
fn consensus(
    item: ItemRef<'_>,
    value: &str,
    rationale: &str,
    lang: Lang,
) -> anyhow::Result<Consensus> {
    let v = value.trim();
    let mut e = Entry::new(&item.common().id);
    let kind = match item {
        ItemRef::Veto(_) => {
            if ["无", "0", "none", "clear"].contains(&v) {
                e.value = Some(0.0);
            } else {
                e.veto = Some(v.to_string());
            }
            "veto"
        }
        ItemRef::Bonus(_) | ItemRef::Indicator(_, Indicator::Deduct(_)) => {
            e.count = v.parse::<u32>().ok();
            "count"
        }
        ItemRef::Indicator(..) => {
            e.value = v.parse::<f64>().ok().filter(|x| x.is_finite());
            "value"
        }
    };
    let fits = e.is_scored() && e.check(item).is_ok();
    if !fits {
        let name = &item.common().name;
        bail!("{}", m::bad_value(lang, v, name, m::takes(lang, kind)));
    }
    Ok(Consensus {
        value: e.value,
        count: e.count,
        veto: e.veto,
        rationale: rationale.trim().to_string(),
    })
}

/// Refuses a name that is not a chair of the round's panel, naming the chairs.
fn check_chair(
    store: &Store,
    round: &crate::storage::Round,
    name: &str,
    lang: Lang,
) -> anyhow::Result<()> {
    let chairs: Vec<String> = (store.members(round.id)?.into_iter())
        .filter(|x| x.role == "chair")
        .map(|x| x.name)
        .collect();
    if !chairs.iter().any(|c| c == name) {
        let msg = crate::i18n::panel_msg::not_chair(lang, name, &round.name, &chairs);
        bail!("{}", crate::text_safety::escape_text(&msg));
    }
    Ok(())
}

/// The chair's consensus for the appealed item from the changed value, checked against it.
fn changed_consensus(
    rf: &RoundFindings,
    item_id: &str,
    value: &str,
    rationale: &str,
    lang: Lang,
) -> anyhow::Result<Consensus> {
    let rubric = &rf.loaded.rubric;
    let Some(item) = rubric.item(item_id) else {
        let msg = crate::i18n::msg::unknown_indicator_in(lang, item_id, &rubric.id);
        bail!("{msg}");
    };
    consensus(item, value, rationale, lang)
}

fn decide(store: &mut Store, a: &DecideArgs, lang: Lang) -> anyhow::Result<()> {
    if a.upheld == a.changed.is_some() {
        bail!("{}", m::upheld_or_changed(lang));
    }
    if a.rationale.trim().is_empty() {
        bail!("{}", crate::i18n::rectify_msg::empty(lang, "--rationale"));
    }
    let Some(appeal) = store.appeals(None)?.into_iter().find(|x| x.id == a.id) else {
        bail!("{}", m::unknown(lang, a.id));
    };
    if appeal.decision.is_some() {
        bail!("{}", m::decided_already(lang, a.id));
    }
    let round = store.round(&appeal.round_id.to_string())?;
    check_chair(store, &round, a.chair.trim(), lang)?;
    let before = round_findings(store, &round)?;
    let was = state(&before, appeal.account_id, &appeal.item, lang);
    let change = match &a.changed {
        Some(value) => Some(changed_consensus(
            &before,
            &appeal.item,
            value,
            &a.rationale,
            lang,
        )?),
        None => None,
    };
    // What the change leaves, computed before anything is written: the consensus and the
    // decision then go to the store in one transaction.
    let now = match &change {
        None => was.clone(),
        Some(c) => {
            let extra = ConsensusMap::from([(
                appeal.account_id,
                std::collections::HashMap::from([(appeal.item.clone(), c.clone())]),
            )]);
            let after = round_findings_agreeing(store, &round, &extra)?;
            state(&after, appeal.account_id, &appeal.item, lang)
        }
    };
    let d = Decision {
        changed: a.changed.as_ref().map(|v| v.trim().to_string()),
        rationale: a.rationale.trim().to_string(),
        chair: a.chair.trim().to_string(),
        day: a.date.unwrap_or_else(super::values::today),
        outcome: serde_json::json!({ "before": was, "after": now }).to_string(),
    };
    store.decide_appeal(a.id, &d, change.as_ref())?;
    crate::io::out::outln!("{}", m::decided(lang, a.id, a.upheld, &was, &now))?;
    Ok(())
}

fn list(store: &mut Store, round: &str, lang: Lang) -> anyhow::Result<()> {
    let round = store.round(round)?;
    let rubric = crate::report::source::round_rubric(&round)?;
    let item_name = |id: &str| {
        rubric
            .item(id)
            .map_or(id.to_string(), |i| i.common().name.clone())
    };
    let names: std::collections::HashMap<i64, String> =
        (store.round_accounts(round.id)?.into_iter())
            .map(|a| (a.id, a.name))
            .collect();
    let rows: Vec<Vec<String>> = (store.appeals(Some(round.id))?.iter())
        .map(|x| {
            let d = x.decision.as_ref();
            vec![
                x.id.to_string(),
                names.get(&x.account_id).cloned().unwrap_or_default(),
                item_name(&x.item),
                x.filed.to_string(),
                x.reason.clone(),
                m::decision_words(lang, d.map(|d| d.changed.is_none())).to_string(),
                d.map(|d| d.rationale.clone()).unwrap_or_default(),
                d.map(|d| d.chair.clone()).unwrap_or_default(),
            ]
        })
        .collect();
    crate::io::out::out!("{}", table(&m::list_header(lang), &rows))?;
    Ok(())
}
