//! Round summaries in the shape of a published bulletin: accounts in scope, scored, passed,
//! failed, pass rate, vetoes by reason, mean total, full marks, and the failed accounts.
//!
//! Several evaluators: an account's total is the mean of its evaluators' totals, it fails when
//! that mean is below the pass mark or when ANY evaluator recorded a veto (a veto is a finding of
//! fact that one inspector is enough to establish; panels reconcile it elsewhere).

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::domain::account::Account;
use crate::domain::engine::{self, Status};
use crate::domain::entry::Entry;
use crate::domain::platform::{Level, Platform};
use crate::domain::rubric::Rubric;
use crate::i18n::Lang;
use crate::storage::{Round, Store, StoreError};

#[derive(Debug, thiserror::Error)]
pub enum SummaryError {
    #[error("round {round}: its pinned rubric does not parse: {message}")]
    Rubric { round: String, message: String },
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// A failed account with the reasons.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Failure {
    pub account_id: i64,
    pub platform: Platform,
    pub name: String,
    pub unit: String,
    /// `None` when a veto leaves no total (`FailNoScore`).
    pub total: Option<f64>,
    /// "item name: reason" for each distinct veto; empty when it failed on points.
    pub vetoes: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RoundSummary {
    pub round_id: i64,
    pub round: String,
    pub rubric: String,
    pub rubric_version: String,
    pub monitoring_date: NaiveDate,
    pub pass_mark: f64,
    pub evaluators: Vec<String>,
    /// Accounts in the round's scope.
    pub accounts: usize,
    /// Accounts with at least one scored entry.
    pub scored: usize,
    /// Scored accounts whose every evaluator has scored every applicable item.
    pub complete: usize,
    pub passed: usize,
    pub failed: usize,
    /// Accounts with at least one veto (from any evaluator).
    pub vetoed: usize,
    /// (veto item name: reason, accounts), most frequent first.
    pub vetoes_by_reason: Vec<(String, usize)>,
    /// Mean of the account totals over scored accounts.
    pub mean_total: Option<f64>,
    /// Scored accounts, not vetoed, whose total reaches the rubric's full points.
    pub full_marks: usize,
    /// (level, accounts in scope) and (platform, accounts in scope).
    pub by_level: Vec<(Level, usize)>,
    pub by_platform: Vec<(Platform, usize)>,
    pub failures: Vec<Failure>,
}

impl RoundSummary {
    /// passed / scored, in percent; `None` when nothing is scored.
    pub fn pass_rate(&self) -> Option<f64> {
        (self.scored > 0).then(|| 100.0 * self.passed as f64 / self.scored as f64)
    }
}

/// Parses and validates a pinned rubric text (the one parser the whole program uses).
pub fn parse_rubric(text: &str) -> Result<Rubric, crate::domain::rubric::RubricErrors> {
    crate::domain::rubric::parse(text, "rubric")
}

/// Per-account accumulator while streaming the round's entries.
#[derive(Default)]
struct Acc {
    totals: Vec<f64>,
    vetoes: Vec<String>,
    complete: bool,
}

/// Sheets per batch handed from the scanning thread to the scoring worker.
const BATCH: usize = 2048;

/// The worker: scores every sheet it receives and keeps one small record per account.
fn score_sheets(
    rubric: &Rubric,
    accounts: &[Account],
    rx: std::sync::mpsc::Receiver<Vec<(usize, Vec<Entry>)>>,
) -> Vec<Option<Acc>> {
    let mut acc: Vec<Option<Acc>> = (0..accounts.len()).map(|_| None).collect();
    for (i, sheet) in rx.into_iter().flatten() {
        let a = &accounts[i];
        let out = engine::score_totals(rubric, a.platform, a.level, &sheet);
        if out.status == Status::NotStarted {
            continue;
        }
        let slot = acc[i].get_or_insert_with(|| Acc {
            complete: true,
            ..Acc::default()
        });
        // Before the veto effect: the policy applies once, after the evaluators are averaged.
        slot.totals.push(out.unrounded);
        slot.complete &= out.scored == out.applicable;
        slot.vetoes.extend(
            out.vetoes
                .iter()
                .map(|v| format!("{}: {}", v.name, v.reason)),
        );
    }
    acc
}

/// Summarises a round by streaming its entries once (memory: one account's entries at a time
/// plus one small record per account).
pub fn round_summary(store: &Store, round: &Round) -> Result<RoundSummary, SummaryError> {
    let rubric = parse_rubric(&round.rubric_text).map_err(|e| SummaryError::Rubric {
        round: round.name.clone(),
        message: e.to_string(),
    })?;
    let accounts = store.round_accounts(round.id)?;
    let index: HashMap<i64, usize> = accounts
        .iter()
        .enumerate()
        .map(|(i, a)| (a.id, i))
        .collect();
    // Two cores: this thread scans SQLite while a worker scores the sheets it hands over in
    // batches (bounded channel, so memory stays at a few batches).
    let (tx, rx) = std::sync::mpsc::sync_channel::<Vec<(usize, Vec<Entry>)>>(4);
    let acc = std::thread::scope(|scope| {
        let worker = scope.spawn(|| score_sheets(&rubric, &accounts, rx));
        let mut batch = Vec::with_capacity(BATCH);
        let scanned = store.for_each_sheet(round.id, &mut |account_id, _evaluator, sheet| {
            if let Some(&i) = index.get(&account_id) {
                batch.push((i, sheet.to_vec()));
                if batch.len() == BATCH {
                    // A send fails only when the worker is gone; its panic surfaces at join.
                    let _ = tx.send(std::mem::replace(&mut batch, Vec::with_capacity(BATCH)));
                }
            }
        });
        let _ = tx.send(batch);
        drop(tx);
        let acc = worker
            .join()
            .unwrap_or_else(|p| std::panic::resume_unwind(p));
        scanned.map(|()| acc)
    })?;
    let evaluators = store.round_evaluators(round.id)?;
    Ok(tally(round, &rubric, &accounts, acc, evaluators))
}

fn tally(
    round: &Round,
    rubric: &Rubric,
    accounts: &[Account],
    acc: Vec<Option<Acc>>,
    evaluators: Vec<String>,
) -> RoundSummary {
    let mut s = RoundSummary {
        round_id: round.id,
        round: round.name.clone(),
        rubric: rubric.name.clone(),
        rubric_version: round.rubric_version.clone(),
        monitoring_date: round.monitoring_date,
        pass_mark: rubric.pass_mark,
        evaluators,
        accounts: accounts.len(),
        scored: 0,
        complete: 0,
        passed: 0,
        failed: 0,
        vetoed: 0,
        vetoes_by_reason: Vec::new(),
        mean_total: None,
        full_marks: 0,
        by_level: count_by(accounts.iter().map(|a| a.level)),
        by_platform: count_by(accounts.iter().map(|a| a.platform)),
        failures: Vec::new(),
    };
    let mut reasons: BTreeMap<String, usize> = BTreeMap::new();
    let mut sum = 0.0;
    for (a, slot) in accounts.iter().zip(acc) {
        let Some(mut x) = slot else { continue };
        s.scored += 1;
        s.complete += usize::from(x.complete);
        let mean = rubric.publish(x.totals.iter().sum::<f64>() / x.totals.len() as f64);
        x.vetoes.sort();
        x.vetoes.dedup();
        let vetoed = !x.vetoes.is_empty();
        let total = if vetoed {
            rubric.on_veto.apply(mean).map(|t| rubric.publish(t))
        } else {
            Some(mean)
        };
        sum += total.unwrap_or(0.0);
        let total_or_0 = total.unwrap_or(0.0);
        for v in &x.vetoes {
            *reasons.entry(v.clone()).or_default() += 1;
        }
        s.vetoed += usize::from(vetoed);
        if vetoed || !rubric.passes(total_or_0) {
            s.failed += 1;
            s.failures.push(Failure {
                account_id: a.id,
                platform: a.platform,
                name: a.name.clone(),
                unit: a.unit.clone(),
                total,
                vetoes: x.vetoes,
            });
        } else {
            s.passed += 1;
            s.full_marks += usize::from(total_or_0 + 1e-9 >= rubric.total);
        }
    }
    s.mean_total = (s.scored > 0).then(|| sum / s.scored as f64);
    let mut reasons: Vec<(String, usize)> = reasons.into_iter().collect();
    reasons.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    s.vetoes_by_reason = reasons;
    s
}

fn count_by<T: Ord + Copy>(it: impl Iterator<Item = T>) -> Vec<(T, usize)> {
    let mut m: BTreeMap<T, usize> = BTreeMap::new();
    for t in it {
        *m.entry(t).or_default() += 1;
    }
    m.into_iter().collect()
}

/// Plain-text rendering for `assay demo --print` and scripts.
pub fn render(s: &RoundSummary, lang: Lang) -> String {
    let zh = lang == Lang::Zh;
    let mut out = String::new();
    let t = |zh_s: &str, en_s: &str| lang.pick(zh_s, en_s).to_string();
    out.push_str(&format!(
        "{} #{} {}\n  {}: {} {}  {}: {}\n",
        t("轮次", "Round"),
        s.round_id,
        s.round,
        t("评估表", "Rubric"),
        s.rubric,
        s.rubric_version,
        t("监测日期", "Monitoring date"),
        s.monitoring_date
    ));
    if !s.evaluators.is_empty() {
        out.push_str(&format!(
            "  {}: {}\n",
            t("评估人", "Evaluators"),
            s.evaluators.join(", ")
        ));
    }
    let rate = s
        .pass_rate()
        .map_or("—".to_string(), |r| format!("{r:.1}%"));
    out.push_str(&format!(
        "  {} {}  {} {}  {} {}  {} {}  {} {} ({}/{})\n",
        t("账号", "accounts"),
        s.accounts,
        t("已评", "scored"),
        s.scored,
        t("合格", "passed"),
        s.passed,
        t("不合格", "failed"),
        s.failed,
        t("合格率", "pass rate"),
        rate,
        s.passed,
        s.scored
    ));
    let mean = s.mean_total.map_or("—".to_string(), |m| format!("{m:.2}"));
    out.push_str(&format!(
        "  {} {}  {} {}  {} {}\n",
        t("平均分", "mean total"),
        mean,
        t("满分账号", "full marks"),
        s.full_marks,
        t("单项否决", "vetoed"),
        s.vetoed
    ));
    let levels: Vec<String> = s
        .by_level
        .iter()
        .map(|(l, n)| format!("{} {n}", if zh { l.label_zh() } else { l.label_en() }))
        .collect();
    let plats: Vec<String> = s
        .by_platform
        .iter()
        .map(|(p, n)| format!("{} {n}", if zh { p.label_zh() } else { p.label_en() }))
        .collect();
    out.push_str(&format!(
        "  {}: {}\n  {}: {}\n",
        t("按层级", "by level"),
        levels.join(", "),
        t("按平台", "by platform"),
        plats.join(", ")
    ));
    for (reason, n) in &s.vetoes_by_reason {
        out.push_str(&format!("  {} {reason} — {n}\n", t("否决:", "veto:")));
    }
    for f in &s.failures {
        let why = if f.vetoes.is_empty() {
            t("低于合格线", "below the pass mark")
        } else {
            f.vetoes.join("; ")
        };
        let plat = if zh {
            f.platform.label_zh()
        } else {
            f.platform.label_en()
        };
        out.push_str(&format!(
            "  {} [{plat}] {} ({}) {} — {why}\n",
            t("不合格", "FAIL"),
            f.name,
            f.unit,
            f.total.map_or("—".to_owned(), |t| format!("{t:.2}"))
        ));
    }
    out
}
