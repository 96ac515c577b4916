//! What changed since a round's first bulletin: the results as first issued (the draft, 征求意见稿,
//! or the first final bulletin) are kept as a [`Snapshot`]; a later bulletin lists every account
//! whose total or verdict moved and every finding that appeared, went or changed, before → after,
//! with the reason on record (the chair's decision on an appeal, else the consensus rationale).

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use super::findings::RoundFindings;
use crate::domain::finding::{Finding, Kind};
use crate::i18n::Lang;

/// An account's result and its findings as a bulletin printed them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Snapshot {
    /// Account id → (published total or none, verdict code).
    pub totals: BTreeMap<i64, (Option<String>, String)>,
    /// (account id, item id) → the finding.
    pub findings: BTreeMap<(i64, String), Mark>,
}

/// A finding as printed: a veto with its reasons, or the points lost.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mark {
    pub name: String,
    pub veto: Option<String>,
    pub lost: Option<String>,
}

impl Mark {
    fn of(f: &Finding) -> Mark {
        Mark {
            name: f.name.clone(),
            veto: (f.kind == Kind::Veto).then(|| f.rule.clone()),
            lost: f.lost.map(|x| x.text()),
        }
    }

    fn words(m: Option<&Mark>, lang: Lang) -> String {
        match m {
            None => lang.pick("无问题", "no finding").to_string(),
            Some(Mark { veto: Some(r), .. }) => match lang {
                Lang::Zh => format!("单项否决（{r}）"),
                Lang::En => format!("veto ({r})"),
            },
            Some(Mark { lost, .. }) => match lang {
                Lang::Zh => format!("扣{}分", lost.as_deref().unwrap_or("0")),
                Lang::En => format!("{} lost", lost.as_deref().unwrap_or("0")),
            },
        }
    }
}

impl Snapshot {
    /// The round's results now.
    pub fn of(rf: &RoundFindings) -> Snapshot {
        let totals = (rf.results.iter())
            .map(|r| {
                let total = r.total.map(|t| t.text());
                (r.account.id, (total, r.verdict.code().to_string()))
            })
            .collect();
        let findings = (rf.findings.iter())
            .map(|f| ((f.account_id, f.item.clone()), Mark::of(f)))
            .collect();
        Snapshot { totals, findings }
    }

    pub fn to_json(&self) -> String {
        // Map keys must be strings in JSON: the findings go as a list.
        let list: Vec<(&(i64, String), &Mark)> = self.findings.iter().collect();
        serde_json::json!({ "totals": self.totals, "findings": list }).to_string()
    }

    pub fn from_json(s: &str) -> Option<Snapshot> {
        #[derive(Deserialize)]
        struct Raw {
            totals: BTreeMap<i64, (Option<String>, String)>,
            findings: Vec<((i64, String), Mark)>,
        }
        let raw: Raw = serde_json::from_str(s).ok()?;
        Some(Snapshot {
            totals: raw.totals,
            findings: raw.findings.into_iter().collect(),
        })
    }
}

/// One line of the changes: an account's item (or its total, `item` empty), before → after.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Change {
    pub account_id: i64,
    pub account: String,
    pub unit: String,
    /// The item's name; empty for the account's total.
    pub item: String,
    pub item_id: String,
    pub before: String,
    pub after: String,
    pub reason: String,
}

/// Every change from `was` to `now` in account order, the items first and the total last;
/// `reason(account, item)` gives the reason on record.
pub fn diff(
    was: &Snapshot,
    now: &Snapshot,
    rf: &RoundFindings,
    reason: &dyn Fn(i64, &str) -> Option<String>,
    lang: Lang,
) -> Vec<Change> {
    let names: BTreeMap<i64, (&str, &str)> = (rf.loaded.accounts.iter())
        .map(|a| (a.id, (a.name.as_str(), a.unit.as_str())))
        .collect();
    let keys: BTreeSet<&(i64, String)> = was.findings.keys().chain(now.findings.keys()).collect();
    let mut out = Vec::new();
    let accounts: BTreeSet<i64> = (was.totals.keys().chain(now.totals.keys()).copied())
        .chain(keys.iter().map(|k| k.0))
        .collect();
    for id in accounts {
        let (name, unit) = names.get(&id).copied().unwrap_or(("", ""));
        let mut reasons: Vec<String> = Vec::new();
        for key in keys.iter().filter(|k| k.0 == id) {
            let (b, a) = (was.findings.get(key), now.findings.get(key));
            if b == a {
                continue;
            }
            let why = reason(id, &key.1).unwrap_or_default();
            if !why.is_empty() && !reasons.contains(&why) {
                reasons.push(why.clone());
            }
            out.push(Change {
                account_id: id,
                account: name.to_string(),
                unit: unit.to_string(),
                item: a.or(b).map(|m| m.name.clone()).unwrap_or_default(),
                item_id: key.1.clone(),
                before: Mark::words(b, lang),
                after: Mark::words(a, lang),
                reason: why,
            });
        }
        let (b, a) = (was.totals.get(&id), now.totals.get(&id));
        if b != a {
            out.push(Change {
                account_id: id,
                account: name.to_string(),
                unit: unit.to_string(),
                item: String::new(),
                item_id: String::new(),
                before: total_words(b, lang),
                after: total_words(a, lang),
                reason: reasons.join(lang.pick("；", "; ")),
            });
        }
    }
    out
}

fn total_words(t: Option<&(Option<String>, String)>, lang: Lang) -> String {
    match t {
        None => "—".to_string(),
        Some((total, verdict)) => {
            let verdict = crate::i18n::figure_msg::verdict(lang, verdict);
            match lang {
                Lang::Zh => format!("{}（{verdict}）", total.as_deref().unwrap_or("—")),
                Lang::En => format!("{} ({verdict})", total.as_deref().unwrap_or("—")),
            }
        }
    }
}
