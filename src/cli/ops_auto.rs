//! Automatic rubric items in `assay explain`: the values the metrics give for rule-named items,
//! their evidence, and whether the evaluator's own entry agrees with or overrides them.

use serde::Serialize;

use crate::domain::account::Account;
use crate::domain::entry::Entry;
use crate::domain::ops::activity::ActivityRules;
use crate::domain::ops::auto::{AutoValue, automatic, same_judgement};
use crate::domain::ops::formula;
use crate::domain::ops::report::{GroupBy, OpsReport};
use crate::domain::rubric::Rubric;
use crate::i18n::Lang;
use crate::storage::{AutoRecord, Round, Store};

/// An automatic value beside the evaluator's entry.
#[derive(Debug, Clone, Serialize)]
pub struct AutoShown {
    #[serde(flatten)]
    pub value: AutoValue,
    /// "automatic" (no entry by the evaluator), "agrees" or "overridden".
    pub status: &'static str,
    /// The evaluator's note on an overriding entry: the reason, kept in the score history.
    pub reason: Option<String>,
}

/// The ops report that automatic values rest on: the 26 weeks before the round's monitoring
/// date, national rules, `gov-ops` index, group = the round's accounts (the same defaults as
/// `assay ops --round`).
pub fn round_report(store: &Store, round: &Round) -> anyhow::Result<OpsReport> {
    let formulas: Vec<_> = formula::shipped()
        .into_iter()
        .filter(|f| f.id == "gov-ops")
        .collect();
    let roster = store.round_roster(round.id, GroupBy::All)?;
    let to = round.monitoring_date;
    let first = chrono::Weekday::Mon;
    let from = crate::domain::ops::week::week_start(to - chrono::Duration::weeks(26), first);
    let rules = ActivityRules::default();
    Ok(super::ops_read::build(store, roster, &formulas, &rules, from, to, first)?.into_report())
}

/// Whether the rubric names any rule (else there is nothing automatic).
pub fn names_rules(rubric: &Rubric) -> bool {
    rubric.items().iter().any(|i| i.common().rule.is_some())
}

/// The automatic values for one account of a round (see [`round_report`]). Empty when the
/// rubric names no rule.
pub fn for_account(
    store: &Store,
    round: &Round,
    rubric: &Rubric,
    account: &Account,
) -> anyhow::Result<Vec<AutoValue>> {
    if !names_rules(rubric) {
        return Ok(Vec::new());
    }
    let report = round_report(store, round)?;
    Ok(report
        .accounts
        .iter()
        .find(|r| r.id == account.id)
        .map(|r| automatic(rubric, r))
        .unwrap_or_default())
}

/// Each automatic value with the evaluator's stance on it. `placed` holds the automatic entries
/// `assay ops auto` placed in this evaluator's sheet: an entry still exactly as placed is
/// automatic, not the evaluator's.
pub fn shown(auto: &[AutoValue], entries: &[Entry], placed: &[&AutoRecord]) -> Vec<AutoShown> {
    auto.iter()
        .map(|v| {
            let mine = entries
                .iter()
                .find(|e| e.indicator == v.indicator && e.is_scored());
            let was = placed
                .iter()
                .find(|p| p.indicator == v.indicator)
                .map(|p| &p.entry);
            let (status, reason) = match mine {
                None => ("automatic", None),
                Some(e) if was == Some(e) => ("automatic", None),
                Some(e) if same_judgement(e, &v.entry) => ("agrees", None),
                Some(e) => ("overridden", Some(e.note.clone()).filter(|n| !n.is_empty())),
            };
            AutoShown {
                value: v.clone(),
                status,
                reason,
            }
        })
        .collect()
}

/// The text block under the derivation: each automatic item by its name and its rule in words.
pub fn render_text(
    shown: &[AutoShown],
    rubric: &crate::domain::rubric::Rubric,
    lang: Lang,
) -> String {
    if shown.is_empty() {
        return String::new();
    }
    let mut out = format!(
        "{}\n",
        lang.pick(
            "自动指标（由运营数据得出）：",
            "Automatic items (from the metrics):"
        )
    );
    for s in shown {
        let v = &s.value;
        let e = &v.evidence;
        let judged = match (&v.entry.veto, v.entry.count, v.entry.value) {
            (Some(r), _, _) => format!("{} {r}", lang.pick("否决", "veto")),
            (None, Some(n), _) => format!("{} {n}", lang.pick("次数", "count")),
            (None, None, Some(x)) if v.violated => format!("{} {x}", lang.pick("值", "value")),
            _ => lang.pick("无问题", "no problem").to_string(),
        };
        let last = e.last_post.map_or("-".to_string(), |d| d.to_string());
        let facts = match lang {
            Lang::Zh => format!(
                "最后发布 {last}，已 {} 天未更新，最长间隔 {} 天，低于平均连续 {} 周，更新不足 {} 期，留言 {}/回复 {}",
                e.silent_days,
                e.longest_gap,
                e.streak,
                e.under_floor_periods,
                e.messages,
                e.replies
            ),
            Lang::En => format!(
                "last post {last}, {} days silent, longest gap {} days, {} weeks below average, {} periods under the floor, {} messages / {} replies",
                e.silent_days,
                e.longest_gap,
                e.streak,
                e.under_floor_periods,
                e.messages,
                e.replies
            ),
        };
        let status = match (s.status, lang) {
            ("automatic", Lang::Zh) => "自动（评估人未录入）".to_string(),
            ("automatic", Lang::En) => "automatic (not entered by the evaluator)".to_string(),
            ("agrees", Lang::Zh) => "评估人录入一致".to_string(),
            ("agrees", Lang::En) => "the evaluator's entry agrees".to_string(),
            (_, Lang::Zh) => format!(
                "评估人已覆盖，理由：{}",
                s.reason.as_deref().unwrap_or("（未填写）")
            ),
            (_, Lang::En) => format!(
                "overridden by the evaluator, reason: {}",
                s.reason.as_deref().unwrap_or("(none given)")
            ),
        };
        let item = rubric
            .item(&v.indicator)
            .map_or(v.indicator.as_str(), |i| i.common().name.as_str());
        let rule = crate::domain::ops::auto::rule_words(&v.rule, lang);
        out += &format!("  [{rule}] {item} · {judged} · {facts} · {status}\n");
    }
    out
}
