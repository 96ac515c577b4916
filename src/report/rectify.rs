//! A round's findings followed up: each finding with its account, its 整改 deadline (the round's
//! setting: a date kept with the round's documents, else the working days after the bulletin's
//! date), its records (整改说明, 复查) and where it stands on a given day (overdue first). The
//! `rectify` commands, the TUI screen and the rectification report all read [`Tracked`] rows
//! built here.

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::Serialize;

use super::findings::RoundFindings;
use crate::domain::account::Account;
use crate::domain::finding::Finding;
use crate::domain::rectify::{self, Calendar, Status, Step};
use crate::i18n::Lang;
use crate::storage::{Follow, Rectification, RoundDocument};

/// One finding as the follow-up shows it.
#[derive(Debug, Clone, Serialize)]
pub struct Tracked {
    pub finding: Finding,
    pub account: Account,
    pub status: Status,
    pub overdue: bool,
    pub deadline: Option<NaiveDate>,
    /// Its records, in the order recorded.
    #[serde(skip)]
    pub records: Vec<Rectification>,
}

impl Tracked {
    /// The latest record's date and note (the unit's or the re-check's).
    pub fn latest(&self) -> Option<&Rectification> {
        self.records.last()
    }
}

/// The round's 整改 deadline: the date kept with its documents (`round document --deadline`),
/// else `rectify_days` working days after the bulletin's date (`round document --date`).
pub fn deadline(doc: &RoundDocument, follow: &Follow, cal: &Calendar) -> Option<NaiveDate> {
    doc.deadline.or_else(|| {
        let (issued, days) = (follow.issued?, follow.rectify_days?);
        Some(cal.add_workdays(issued, days))
    })
}

/// Every finding of the round with its records and status on `today`: overdue ones first, then
/// by unit, account and the finding's order.
pub fn track(
    rf: &RoundFindings,
    records: &[Rectification],
    deadline: Option<NaiveDate>,
    today: NaiveDate,
) -> Vec<Tracked> {
    let accounts: HashMap<i64, &Account> = rf.loaded.accounts.iter().map(|a| (a.id, a)).collect();
    let mut by_key: HashMap<(i64, &str), Vec<&Rectification>> = HashMap::new();
    for r in records {
        by_key.entry((r.account_id, &r.item)).or_default().push(r);
    }
    let mut out: Vec<(usize, Tracked)> = Vec::new();
    for (i, f) in rf.findings.iter().enumerate() {
        let Some(account) = accounts.get(&f.account_id) else {
            continue;
        };
        let mine: Vec<Rectification> = (by_key.get(&f.key()).into_iter().flatten())
            .map(|r| (*r).clone())
            .collect();
        let steps: Vec<Step> = (mine.iter())
            .map(|r| Step {
                day: r.day,
                recheck: r.result,
            })
            .collect();
        out.push((
            i,
            Tracked {
                status: rectify::status(&steps),
                overdue: rectify::overdue(&steps, deadline, today),
                deadline,
                finding: f.clone(),
                account: (*account).clone(),
                records: mine,
            },
        ));
    }
    out.sort_by(|(i, a), (j, b)| {
        (!a.overdue, &a.account.unit, &a.account.name, i).cmp(&(
            !b.overdue,
            &b.account.unit,
            &b.account.name,
            j,
        ))
    });
    out.into_iter().map(|(_, t)| t).collect()
}

/// A round's findings tracked on `on` from the store, with the round's 整改 deadline.
pub fn round_tracked(
    store: &mut crate::storage::Store,
    round: &crate::storage::Round,
    on: NaiveDate,
) -> Result<(Vec<Tracked>, Option<NaiveDate>), super::source::SourceError> {
    let rf = super::findings::round_findings(store, round)?;
    let due = deadline(
        &store.round_document(round.id)?,
        &store.follow(round.id)?,
        &store.calendar()?,
    );
    let records = store.rectifications(round.id)?;
    Ok((track(&rf, &records, due, on), due))
}

/// A status filter as typed: a status's code or Chinese name, or 逾期 / overdue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatusFilter {
    Is(Status),
    Overdue,
    /// Not closed (待整改, 已报送, 部分整改, 未整改).
    Unresolved,
}

impl StatusFilter {
    pub const CHOICES: &'static str = "待整改|已报送|已整改|部分整改|未整改|逾期|未销号";

    pub fn parse(s: &str) -> Option<StatusFilter> {
        use crate::domain::rectify::Recheck;
        let s = s.trim();
        match s {
            "overdue" | "逾期" => return Some(StatusFilter::Overdue),
            "unresolved" | "未销号" => return Some(StatusFilter::Unresolved),
            _ => {}
        }
        let all = [
            Status::Open,
            Status::Reported,
            Status::Checked(Recheck::Rectified),
            Status::Checked(Recheck::Partial),
            Status::Checked(Recheck::NotRectified),
        ];
        all.into_iter()
            .find(|st| st.code() == s || status_label(*st, Lang::Zh) == s)
            .map(StatusFilter::Is)
    }

    pub fn keeps(self, t: &Tracked) -> bool {
        match self {
            StatusFilter::Is(s) => t.status == s,
            StatusFilter::Overdue => t.overdue,
            StatusFilter::Unresolved => !t.status.closed(),
        }
    }
}

/// The status in words: 待整改, 已报送, 已整改, 部分整改, 未整改.
pub fn status_label(s: Status, lang: Lang) -> &'static str {
    crate::i18n::rectify_msg::status(lang, s.code())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::rectify::Recheck;

    #[test]
    fn a_status_filter_reads_in_either_language() {
        assert_eq!(StatusFilter::parse("逾期"), Some(StatusFilter::Overdue));
        assert_eq!(
            StatusFilter::parse("部分整改"),
            Some(StatusFilter::Is(Status::Checked(Recheck::Partial)))
        );
        assert_eq!(
            StatusFilter::parse("open"),
            Some(StatusFilter::Is(Status::Open))
        );
        assert_eq!(StatusFilter::parse("好"), None);
    }

    #[test]
    fn the_deadline_is_the_kept_date_else_working_days_after_the_bulletin() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let cal = Calendar::default();
        let follow = Follow {
            issued: Some(d("2025-01-10")),
            rectify_days: Some(15),
            ..Follow::default()
        };
        let mut doc = RoundDocument::default();
        assert_eq!(deadline(&doc, &follow, &cal), Some(d("2025-01-31")));
        doc.deadline = Some(d("2025-02-28"));
        assert_eq!(deadline(&doc, &follow, &cal), Some(d("2025-02-28")));
        assert_eq!(
            deadline(&RoundDocument::default(), &Follow::default(), &cal),
            None
        );
    }
}
