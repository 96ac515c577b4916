//! `assay rectify`: a round's findings followed to their end — the list with each finding's
//! status and deadline, the unit's 整改说明, the evaluators' re-checks (复查) and the calendar
//! of holidays the working-day windows count. Every record goes to the ledger.

use anyhow::bail;
use chrono::NaiveDate;
use clap::{Args, Subcommand};

use super::output::{Format, csv, json, table};
use super::values::parse_date;
use crate::domain::account::Account;
use crate::domain::finding::Finding;
use crate::domain::rectify::Recheck;
use crate::i18n::Lang;
use crate::i18n::rectify_msg as m;
use crate::report::findings::{RoundFindings, round_findings};
use crate::report::rectify::{StatusFilter, Tracked, status_label};
use crate::report::rectify_record::{self, RecordError, Refusal};
use crate::storage::{Rectification, Round, Store};

#[derive(Debug, Subcommand)]
pub enum RectifyCmd {
    /// List a round's findings (every veto and deduction) with their 整改 status and deadline
    List(ListArgs),
    /// Record a unit's 整改说明 for one finding
    Record(RecordArgs),
    /// Record a re-check (复查) of one finding: 已整改, 部分整改 or 未整改, with its evidence
    Recheck(RecheckArgs),
    /// Write the rectification report: findings by unit and status, overdue first (docx, xlsx, md, html)
    Report(super::rectify_report::ReportArgs),
    /// Show or set the holidays and make-up working days that 工作日 windows count
    Calendar(CalendarArgs),
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// Round id or name
    #[arg(long)]
    pub round: String,
    /// Only accounts whose host unit contains this text
    #[arg(long)]
    pub unit: Option<String>,
    /// Only this status: 待整改, 已报送, 已整改, 部分整改, 未整改, 逾期 or 未销号
    #[arg(long)]
    pub status: Option<String>,
    /// The day the status is judged on (default: today), YYYY-MM-DD
    #[arg(long, value_parser = parse_date)]
    pub on: Option<NaiveDate>,
    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

/// Which finding a record is about.
#[derive(Debug, Args)]
pub struct Which {
    /// Round id or name
    #[arg(long)]
    pub round: String,
    /// Account id, unique name, or platform:name
    #[arg(long)]
    pub account: String,
    /// The finding's indicator: its id or its name
    #[arg(long)]
    pub item: String,
    /// The date the record states (default: today), YYYY-MM-DD
    #[arg(long, value_parser = parse_date)]
    pub date: Option<NaiveDate>,
}

#[derive(Debug, Args)]
pub struct RecordArgs {
    #[command(flatten)]
    pub which: Which,
    /// What the unit did (整改说明)
    #[arg(long)]
    pub note: String,
    /// Evidence: a screenshot, link or file (repeatable)
    #[arg(long)]
    pub evidence: Vec<String>,
    /// Who reports it for the unit (default: the account's host unit)
    #[arg(long)]
    pub by: Option<String>,
}

#[derive(Debug, Args)]
pub struct RecheckArgs {
    #[command(flatten)]
    pub which: Which,
    /// What the re-check found: 已整改, 部分整改 or 未整改 (rectified, partial, not_rectified)
    #[arg(long)]
    pub result: String,
    /// Evidence of the re-check: a screenshot, link or file (repeatable, at least one)
    #[arg(long)]
    pub evidence: Vec<String>,
    /// The evaluator who re-checked
    #[arg(long)]
    pub by: String,
    /// The re-check's remarks
    #[arg(long, default_value = "")]
    pub note: String,
}

#[derive(Debug, Args)]
pub struct CalendarArgs {
    /// A holiday on a weekday, YYYY-MM-DD (repeatable)
    #[arg(long, value_parser = parse_date)]
    pub holiday: Vec<NaiveDate>,
    /// A make-up working day on a weekend (调休上班), YYYY-MM-DD (repeatable)
    #[arg(long, value_parser = parse_date)]
    pub workday: Vec<NaiveDate>,
    /// What the days are, e.g. 春节
    #[arg(long, default_value = "")]
    pub note: String,
}

pub fn run(store: &mut Store, cmd: &RectifyCmd, lang: Lang) -> anyhow::Result<()> {
    match cmd {
        RectifyCmd::List(a) => list(store, a, lang),
        RectifyCmd::Record(a) => record(store, a, lang),
        RectifyCmd::Recheck(a) => recheck(store, a, lang),
        RectifyCmd::Report(a) => super::rectify_report::run(store, a, lang),
        RectifyCmd::Calendar(a) => calendar(store, a, lang),
    }
}

/// A round's findings tracked on `on`, with the deadline.
pub(super) fn tracked(
    store: &mut Store,
    round: &Round,
    on: NaiveDate,
) -> anyhow::Result<(Vec<Tracked>, Option<NaiveDate>)> {
    Ok(crate::report::rectify::round_tracked(store, round, on)?)
}

fn list(store: &mut Store, a: &ListArgs, lang: Lang) -> anyhow::Result<()> {
    let round = store.round(&a.round)?;
    let filter = match &a.status {
        Some(s) => Some(
            StatusFilter::parse(s)
                .ok_or_else(|| anyhow::anyhow!(m::bad_status(lang, s, StatusFilter::CHOICES)))?,
        ),
        None => None,
    };
    let (all, due) = tracked(store, &round, a.on.unwrap_or_else(super::values::today))?;
    let unit = a.unit.as_deref().map(str::trim).unwrap_or("");
    let shown: Vec<&Tracked> = (all.iter())
        .filter(|t| t.account.unit.contains(unit))
        .filter(|t| filter.is_none_or(|f| f.keeps(t)))
        .collect();
    if a.format == Format::Json {
        return Ok(crate::io::out::outln!("{}", json(&shown)?)?);
    }
    let rows: Vec<Vec<String>> = shown.iter().map(|t| row(t, lang)).collect();
    let header = m::list_header(lang);
    if a.format == Format::Csv {
        return Ok(crate::io::out::out!("{}", csv(&header, &rows)?)?);
    }
    crate::io::out::out!("{}", table(&header, &rows))?;
    let due = due.map_or_else(|| m::no_deadline(lang).to_string(), |d| d.to_string());
    let overdue = shown.iter().filter(|t| t.overdue).count();
    eprintln!(
        "{}",
        m::list_summary(lang, shown.len(), all.len(), overdue, &due)
    );
    Ok(())
}

/// One finding as a line of the list.
pub(super) fn row(t: &Tracked, lang: Lang) -> Vec<String> {
    let f = &t.finding;
    let mut status = status_label(t.status, lang).to_string();
    if t.overdue {
        status = format!("{status}（{}）", m::overdue(lang));
    }
    vec![
        t.account.unit.clone(),
        t.account.name.clone(),
        lang.pick(t.account.platform.label_zh(), t.account.platform.label_en())
            .to_string(),
        f.name.clone(),
        m::kind(lang, f.kind.code()).to_string(),
        f.lost.map_or_else(|| "—".to_string(), |x| x.text()),
        f.rule.clone(),
        status,
        t.deadline
            .map_or_else(|| "—".to_string(), |d| d.to_string()),
        t.latest()
            .map_or_else(String::new, |r| crate::report::rectify_doc::latest(r, lang)),
    ]
}

/// The finding `item` of account `key` in `round`, refused with the account's findings named.
pub(super) fn locate(
    store: &mut Store,
    round: &Round,
    key: &str,
    item: &str,
    lang: Lang,
) -> anyhow::Result<(RoundFindings, Account, Finding)> {
    let account = store.find_account(key)?;
    let rf = round_findings(store, round)?;
    if !rf.loaded.accounts.iter().any(|a| a.id == account.id) {
        bail!("{}", m::not_in_round(lang, &account.name, &round.name));
    }
    let Some(f) = rf.of_account(account.id).find(|f| f.is_item(item)).cloned() else {
        let items: Vec<String> = (rf.of_account(account.id))
            .map(|f| f.name.clone())
            .collect();
        bail!(
            "{}",
            m::unknown_item(lang, item.trim(), &account.name, &round.name, &items)
        );
    };
    Ok((rf, account, f))
}

fn record(store: &mut Store, a: &RecordArgs, lang: Lang) -> anyhow::Result<()> {
    let round = store.round(&a.which.round)?;
    if a.note.trim().is_empty() {
        bail!("{}", refusal(lang, &Refusal::EmptyNote));
    }
    let (_, account, f) = locate(store, &round, &a.which.account, &a.which.item, lang)?;
    let r = Rectification {
        id: 0,
        account_id: account.id,
        item: f.item.clone(),
        result: None,
        note: a.note.trim().to_string(),
        evidence: clean(&a.evidence),
        by: (a.by.as_deref().map(str::trim))
            .filter(|s| !s.is_empty())
            .unwrap_or(&account.unit)
            .to_string(),
        day: a.which.date.unwrap_or_else(super::values::today),
        at: String::new(),
    };
    let id = add(store, &round, &r, lang)?;
    let what = m::reported_words(lang);
    crate::io::out::outln!("{}", m::recorded(lang, id, &account.name, &f.name, what))?;
    Ok(())
}

fn recheck(store: &mut Store, a: &RecheckArgs, lang: Lang) -> anyhow::Result<()> {
    let round = store.round(&a.which.round)?;
    let Some(result) = Recheck::parse(&a.result) else {
        bail!("{}", m::bad_result(lang, &a.result));
    };
    let (_, account, f) = locate(store, &round, &a.which.account, &a.which.item, lang)?;
    let r = Rectification {
        id: 0,
        account_id: account.id,
        item: f.item.clone(),
        result: Some(result),
        note: a.note.trim().to_string(),
        evidence: clean(&a.evidence),
        by: a.by.trim().to_string(),
        day: a.which.date.unwrap_or_else(super::values::today),
        at: String::new(),
    };
    let id = add(store, &round, &r, lang)?;
    let what = format!(
        "{}{}{}",
        lang.pick("复查", "re-check"),
        lang.pick("：", ": "),
        status_label(crate::domain::rectify::Status::Checked(result), lang)
    );
    crate::io::out::outln!("{}", m::recorded(lang, id, &account.name, &f.name, &what))?;
    Ok(())
}

/// Records `r` through the checks the TUI makes too, a refusal worded with the flags to fix.
fn add(store: &mut Store, round: &Round, r: &Rectification, lang: Lang) -> anyhow::Result<i64> {
    match rectify_record::add(store, round, r) {
        Ok(id) => Ok(id),
        Err(RecordError::Refused(why)) => bail!("{}", refusal(lang, &why)),
        Err(RecordError::Store(e)) => Err(e.into()),
    }
}

/// A refusal in the command line's words.
fn refusal(lang: Lang, why: &Refusal) -> String {
    match why {
        Refusal::Unpublished { round } => m::unpublished(lang, round),
        Refusal::EmptyNote => m::empty(lang, "--note"),
        Refusal::NoEvidence => m::recheck_needs_evidence(lang),
        Refusal::NoChecker => m::empty(lang, "--by"),
        Refusal::UnknownEvaluator { name, known } => m::unknown_evaluator(lang, name, known),
    }
}

/// Non-empty, trimmed.
fn clean(xs: &[String]) -> Vec<String> {
    (xs.iter().map(|s| s.trim().to_string()))
        .filter(|s| !s.is_empty())
        .collect()
}

fn calendar(store: &mut Store, a: &CalendarArgs, lang: Lang) -> anyhow::Result<()> {
    let note = a.note.trim().to_string();
    let days: Vec<(NaiveDate, bool, String)> = (a.holiday.iter().map(|d| (*d, false)))
        .chain(a.workday.iter().map(|d| (*d, true)))
        .map(|(d, w)| (d, w, note.clone()))
        .collect();
    if !days.is_empty() {
        store.set_calendar(&days)?;
    }
    let cal = store.calendar()?;
    let rows: Vec<Vec<String>> = (cal.days.iter())
        .map(|(d, w)| {
            vec![
                d.to_string(),
                lang.pick(
                    if *w { "调休上班" } else { "放假" },
                    if *w { "working day" } else { "holiday" },
                )
                .to_string(),
            ]
        })
        .collect();
    let header = [lang.pick("日期", "Date"), lang.pick("安排", "Kind")];
    crate::io::out::out!("{}", table(&header, &rows))?;
    Ok(())
}
