//! Automatic rubric items: an item that names a rule (`no_update`, `dormant`, `zombie`,
//! `below_average`, `update_frequency`, `no_interaction`) gets a value computed from the
//! account's metrics, with its evidence. An evaluator's own entry for the item overrides it.

use serde::Serialize;

use super::report::OpsRow;
use crate::domain::entry::Entry;
use crate::domain::rubric::{Indicator, ItemRef, Rubric};

/// The facts an automatic value rests on.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AutoEvidence {
    pub last_post: Option<chrono::NaiveDate>,
    pub silent_days: i64,
    pub longest_gap: i64,
    pub dormant_reports: usize,
    pub weeks_below: u32,
    pub streak: u32,
    pub under_floor_periods: usize,
    pub messages: u64,
    pub replies: u64,
}

/// One automatic value.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AutoValue {
    pub indicator: String,
    pub rule: String,
    /// Whether the rule is violated.
    pub violated: bool,
    /// The entry the rule gives (a veto hit or "checked, no problem"; a count; a value).
    pub entry: Entry,
    pub evidence: AutoEvidence,
}

/// A rule's name as a reader says it (the rubric file names it by its code).
pub fn rule_words(rule: &str, lang: crate::i18n::Lang) -> &'static str {
    match rule {
        "no_update" | "dormant" => lang.pick("内容不更新（休眠）", "no update (dormant)"),
        "zombie" => lang.pick("僵尸账号", "zombie account"),
        "below_average" => lang.pick("连续低于均值", "below the group mean"),
        "update_frequency" => lang.pick("更新频率不足", "updates below the floor"),
        "no_interaction" => lang.pick("无互动", "no interaction"),
        _ => lang.pick("其他规则", "other rule"),
    }
}

/// Whether `rule` is violated for this account, and how many instances (weeks, periods, …).
fn violation(rule: &str, row: &OpsRow) -> (bool, u32) {
    let a = &row.activity;
    match rule {
        "no_update" | "dormant" => (a.dormant_now, a.dormant_reports.len() as u32),
        "zombie" => (a.zombie, u32::from(a.zombie)),
        "below_average" => (row.flags.contains(&"below_average"), row.streak.current),
        "update_frequency" => (!a.under_floor.is_empty(), a.under_floor.len() as u32),
        "no_interaction" => (a.no_interaction, u32::from(a.no_interaction)),
        _ => (false, 0),
    }
}

/// The automatic values of every rule-named item of `rubric` for the account of `row`; none for
/// an account without any figures in the period (无数据): no data is never a verdict.
pub fn automatic(rubric: &Rubric, row: &OpsRow) -> Vec<AutoValue> {
    if row.no_data {
        return Vec::new();
    }
    let a = &row.activity;
    let evidence = AutoEvidence {
        last_post: a.last_post,
        silent_days: a.silent_days,
        longest_gap: a.longest_gap,
        dormant_reports: a.dormant_reports.len(),
        weeks_below: row.weeks_below,
        streak: row.streak.current,
        under_floor_periods: a.under_floor.len(),
        messages: a.messages,
        replies: a.replies,
    };
    let mut out = Vec::new();
    for item in rubric.items() {
        let Some(rule) = item.common().rule.clone() else {
            continue;
        };
        let (violated, n) = violation(&rule, row);
        let mut entry = Entry::new(item.common().id.clone());
        match item {
            ItemRef::Veto(v) => {
                if violated {
                    entry.veto = v.reasons.first().cloned();
                } else {
                    entry.value = Some(0.0);
                }
            }
            ItemRef::Indicator(_, Indicator::Deduct(_)) | ItemRef::Bonus(_) => {
                entry.count = Some(if matches!(item, ItemRef::Bonus(_)) {
                    0
                } else {
                    n
                });
            }
            ItemRef::Indicator(_, Indicator::Check(_)) => {
                entry.value = Some(if violated { 0.0 } else { 1.0 });
            }
            // The worst or the best the item gives, on one of its levels when it has them.
            ItemRef::Indicator(_, Indicator::Range(r)) => {
                entry.value = Some(r.snap(if violated { r.min } else { r.max }));
            }
        }
        out.push(AutoValue {
            indicator: item.common().id.clone(),
            rule,
            violated,
            entry,
            evidence: evidence.clone(),
        });
    }
    out
}

/// Whether two entries give the same judgement (veto or not; otherwise value and count).
pub fn same_judgement(a: &Entry, b: &Entry) -> bool {
    a.na == b.na
        && a.veto.is_some() == b.veto.is_some()
        && (a.veto.is_some() || (a.value == b.value && a.count == b.count))
}

/// What a run of the automatic values does with one rule-named item of one evaluator's sheet.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "step", rename_all = "snake_case")]
pub enum AutoStep {
    /// No entry yet: the automatic value is placed.
    Fill,
    /// The entry is still the automatic value placed before and the metrics now give another:
    /// it is replaced (`was` is the entry replaced).
    Change { was: Entry },
    /// Still the automatic value, unchanged.
    Same,
    /// The evaluator's own entry gives the same judgement: kept.
    Agrees,
    /// The evaluator's own entry differs (an override, its note the reason): kept.
    Overridden,
}

/// The step for one item: `current` is the sheet's entry, `placed` the automatic entry placed
/// by the previous run (if any), `new` the automatic entry the metrics give now. An entry is
/// automatic while it is exactly what was placed; any edit makes it the evaluator's.
pub fn step(current: Option<&Entry>, placed: Option<&Entry>, new: &Entry) -> AutoStep {
    match current {
        None => AutoStep::Fill,
        Some(c) if placed == Some(c) => {
            if c == new {
                AutoStep::Same
            } else {
                AutoStep::Change { was: c.clone() }
            }
        }
        Some(c) if same_judgement(c, new) => AutoStep::Agrees,
        Some(_) => AutoStep::Overridden,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::ops::activity::Activity;
    use crate::domain::ops::compare::Streak;

    fn row(activity: Activity) -> OpsRow {
        OpsRow {
            id: 1,
            platform: "wechat",
            name: "东坑发布".into(),
            region: String::new(),
            group: "all".into(),
            formula: None,
            index: 0.0,
            standing: None,
            mean_index: 0.0,
            weeks_below: 3,
            streak: Streak {
                current: 3,
                longest: 3,
            },
            flags: vec!["dormant", "below_average"],
            no_data: false,
            data_weeks: 3,
            no_data_weeks: 0,
            activity,
            series: Vec::new(),
        }
    }

    #[test]
    fn no_data_fills_nothing() {
        let r = crate::domain::rubric::parse(
            r#"Rubric(id: "r", name: "R", version: "1", total: 10, pass_mark: 6,
            categories: [Category(id: "c", name: "C", weight: 10, indicators: [
                Range(id: "x", name: "X", max: 10)])],
            vetoes: [Veto(id: "stale", name: "内容不更新", reasons: ["两周无更新"], rule: Some("dormant"))])"#,
            "r.ron",
        )
        .expect("rubric");
        let mut no_data = row(Activity::default());
        assert_eq!(
            automatic(&r, &no_data).len(),
            1,
            "with data the rule is judged"
        );
        no_data.no_data = true;
        assert!(automatic(&r, &no_data).is_empty(), "无数据: nothing filled");
    }

    #[test]
    fn a_rerun_fills_changes_and_keeps_the_evaluators_overrides() {
        let veto = Entry {
            veto: Some("监测时间点前2周内无更新".into()),
            ..Entry::new("no_update")
        };
        let fine = Entry {
            value: Some(0.0),
            ..Entry::new("no_update")
        };
        assert_eq!(step(None, None, &veto), AutoStep::Fill);
        // Cleared by the evaluator after a run: placed again.
        assert_eq!(step(None, Some(&veto), &veto), AutoStep::Fill);
        assert_eq!(step(Some(&veto), Some(&veto), &veto), AutoStep::Same);
        assert_eq!(
            step(Some(&veto), Some(&veto), &fine),
            AutoStep::Change { was: veto.clone() }
        );
        // The evaluator overrode the placed veto with a reason: kept, whatever the metrics say.
        let mine = Entry {
            note: "已核实：发布在小程序".into(),
            ..fine.clone()
        };
        assert_eq!(step(Some(&mine), Some(&veto), &veto), AutoStep::Overridden);
        assert_eq!(step(Some(&mine), Some(&veto), &fine), AutoStep::Agrees);
        // Entered by hand before any run.
        assert_eq!(step(Some(&fine), None, &veto), AutoStep::Overridden);
        assert_eq!(step(Some(&veto), None, &veto), AutoStep::Agrees);
    }

    #[test]
    fn automatic_range_values_land_on_the_indicators_levels() {
        let src = r#"Rubric(id: "t", name: "t", version: "1", total: 10, pass_mark: 6,
            categories: [Category(id: "c", name: "更新", weight: 10, indicators: [
                Range(id: "freq", name: "更新频率", max: 10, rule: "update_frequency",
                      levels: [("优", 9), ("良", 7), ("差", 2)]),
                Range(id: "plain", name: "无档次", max: 5, rule: "update_frequency"),
            ])])"#;
        let rubric = crate::domain::rubric::parse(src, "t.ron").unwrap();
        let quiet = chrono::NaiveDate::from_ymd_opt(2024, 11, 18).unwrap();
        let value = |a: Activity, id: &str| {
            let auto = automatic(&rubric, &row(a));
            (auto.into_iter().find(|v| v.indicator == id)).and_then(|v| v.entry.value)
        };
        let slow = Activity {
            under_floor: vec![quiet],
            ..Activity::default()
        };
        assert_eq!(value(slow.clone(), "freq"), Some(2.0));
        assert_eq!(value(Activity::default(), "freq"), Some(9.0));
        assert_eq!(value(slow, "plain"), Some(0.0));
        assert_eq!(value(Activity::default(), "plain"), Some(5.0));
    }

    #[test]
    fn a_dormant_account_gets_the_no_update_veto_with_its_evidence() {
        let src = include_str!("../../../rubrics/national-inspection.ron");
        let rubric = crate::domain::rubric::parse(src, "national-inspection.ron").unwrap();
        let last = chrono::NaiveDate::from_ymd_opt(2024, 11, 18);
        let dormant = row(Activity {
            last_post: last,
            silent_days: 28,
            dormant_now: true,
            under_floor: vec![last.unwrap()],
            ..Activity::default()
        });
        let auto = automatic(&rubric, &dormant);
        let v = auto.iter().find(|v| v.indicator == "no_update").unwrap();
        assert!(v.violated);
        assert_eq!(v.entry.veto.as_deref(), Some("监测时间点前2周内无更新"));
        assert_eq!((v.evidence.last_post, v.evidence.silent_days), (last, 28));
        let slow = auto.iter().find(|v| v.indicator == "update_slow").unwrap();
        assert_eq!(slow.entry.count, Some(1));
        let talk = auto
            .iter()
            .find(|v| v.indicator == "no_interaction")
            .unwrap();
        assert_eq!((talk.violated, talk.entry.value), (false, Some(0.0)));
        // Every automatic entry fits its item.
        for v in &auto {
            let item = rubric
                .items()
                .into_iter()
                .find(|i| i.common().id == v.indicator)
                .unwrap();
            v.entry.clone().check(item).unwrap();
        }
    }
}
