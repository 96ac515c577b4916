//! What issuing a bulletin records for the follow-up: a draft (征求意见稿) opens the appeal
//! window, the first final bulletin after a draft closes it (refused while an appeal waits for
//! the chair), the first bulletin issued keeps the round's results as a snapshot, and every later
//! bulletin lists what changed against it, with the reasons on record.

use anyhow::bail;

use super::bulletin_args::BulletinArgs;
use crate::i18n::Lang;
use crate::i18n::appeal_msg as m;
use crate::report::bulletin::{Bulletin, Changes, Deduction, Draft};
use crate::report::changes::{Snapshot, diff};
use crate::report::findings::round_findings;
use crate::storage::{Follow, Round, Store};

/// Records the draft or final state and the first snapshot; sets the bulletin's draft mark and
/// changes. Returns the round's follow-up settings as they now stand.
pub fn issue(
    store: &mut Store,
    round: &Round,
    args: &BulletinArgs,
    b: &mut Bulletin,
    lang: Lang,
) -> anyhow::Result<Follow> {
    let was = store.follow(round.id)?;
    let mut f = was.clone();
    let day = args.date.unwrap_or_else(super::values::today);
    if args.draft {
        if let Some(fin) = f.final_on {
            bail!("{}", m::already_final(lang, &round.name, fin));
        }
        f.draft = f.draft.or(Some(day));
    } else {
        if f.draft.is_some() && f.final_on.is_none() {
            let waiting: Vec<i64> = (store.appeals(Some(round.id))?.iter())
                .filter(|a| a.decision.is_none())
                .map(|a| a.id)
                .collect();
            if !waiting.is_empty() {
                bail!("{}", m::appeals_waiting(lang, &round.name, &waiting));
            }
            f.final_on = Some(day);
        }
        f.issued = f.issued.or(args.date);
    }
    let rf = round_findings(store, round)?;
    b.deductions = deductions(&rf);
    let now = Snapshot::of(&rf);
    match f.snapshot.as_deref().and_then(Snapshot::from_json) {
        None => f.snapshot = Some(now.to_json()),
        Some(first) => {
            let reasons = reasons(store, round.id)?;
            let why = |a: i64, item: &str| reasons.get(&(a, item.to_string())).cloned();
            let rows = diff(&first, &now, &rf, &why, lang);
            if !args.draft || !rows.is_empty() {
                b.changes = Some(Changes {
                    since_draft: f.draft.is_some(),
                    rows,
                });
            }
        }
    }
    if f != was {
        store.set_follow(round.id, &f)?;
    }
    if args.draft {
        let cal = store.calendar()?;
        b.draft = Some(Draft {
            appeal_until: (f.draft.zip(f.appeal_days)).map(|(d, n)| cal.add_workdays(d, n)),
        });
    }
    Ok(f)
}

/// The round's deductions as the bulletin lists them, in account order.
fn deductions(rf: &crate::report::findings::RoundFindings) -> Vec<Deduction> {
    let accounts: std::collections::HashMap<i64, &crate::domain::account::Account> =
        rf.loaded.accounts.iter().map(|a| (a.id, a)).collect();
    (rf.findings.iter())
        .filter_map(|f| {
            let a = accounts.get(&f.account_id)?;
            Some(Deduction {
                account_id: f.account_id,
                account: a.name.clone(),
                unit: a.unit.clone(),
                item: f.name.clone(),
                lost: f.lost?,
                rule: f.rule.clone(),
            })
        })
        .collect()
}

/// The reason on record for each (account, item): the consensus rationale, replaced by the
/// chair's decision on an appeal that changed it.
fn reasons(
    store: &Store,
    round_id: i64,
) -> anyhow::Result<std::collections::HashMap<(i64, String), String>> {
    let mut out = std::collections::HashMap::new();
    for c in store.consensus_rows(round_id)? {
        out.insert((c.account_id, c.indicator), c.consensus.rationale);
    }
    for a in store.appeals(Some(round_id))? {
        if let Some(d) = a.decision.filter(|d| d.changed.is_some()) {
            out.insert((a.account_id, a.item), d.rationale);
        }
    }
    Ok(out)
}
