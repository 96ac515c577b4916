//! Streaming reads of the metrics for the operations report: posts and weekly rows of one date
//! range, in time order, without holding more than one row; the report built from them week by
//! week.

use std::sync::Arc;

use chrono::{Duration, NaiveDate, NaiveDateTime, Weekday};
use rusqlite::params;

use crate::domain::account::Account;
use crate::domain::ops::activity::ActivityRules;
use crate::domain::ops::formula::Formula;
use crate::domain::ops::report::{GroupBy, OpsBuilder, OpsReport};
use crate::domain::ops::roster::Roster;
use crate::domain::ops::table::OpsTable;
use crate::domain::ops::week::weeks_between;

pub use crate::domain::ops::{PostFigures, WeekFigures};

use super::metrics::TIME_FMT;
use super::{Store, StoreError};
use crate::domain::ops::metrics::WeekMetric;

/// Below this many account-weeks a report is built on one connection.
const PARALLEL_ROWS: usize = 200_000;

fn conv<E: std::error::Error + Send + Sync + 'static>(e: E) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(e))
}

/// `YYYY-MM-DD HH:MM` without the general format machinery (the ops scan reads millions).
fn fast_time(s: &str) -> Option<NaiveDateTime> {
    let b = s.as_bytes();
    if b.len() != 16 || b[10] != b' ' || b[13] != b':' {
        return None;
    }
    let n = |r: std::ops::Range<usize>| s.get(r)?.parse::<u32>().ok();
    fast_date(s.get(..10)?)?.and_hms_opt(n(11..13)?, n(14..16)?, 0)
}

/// `YYYY-MM-DD`, the same way.
fn fast_date(s: &str) -> Option<NaiveDate> {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let n = |r: std::ops::Range<usize>| s.get(r)?.parse::<u32>().ok();
    NaiveDate::from_ymd_opt(n(0..4)? as i32, n(5..7)?, n(8..10)?)
}

fn nonneg(v: Option<i64>) -> u64 {
    v.unwrap_or(0).max(0) as u64
}

/// What an operations report covers: accounts (grouped), formulas, rules, the period and the
/// first weekday; `series` keeps each account's weekly index and group mean (for charts).
pub struct OpsQuery<'a> {
    /// The accounts and their groups.
    pub roster: Arc<Roster>,
    pub formulas: &'a [Formula],
    pub rules: &'a ActivityRules,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub first: Weekday,
    pub series: bool,
}

impl Store {
    /// Reads the metrics week by week (one week's figures in memory) and builds the report. The
    /// period is built in two halves, the later one on a second read-only connection on its
    /// own thread when the file allows, then joined (streaks run across the seam); the halves
    /// are the same whichever way they run, so the figures do not depend on the threads.
    pub fn ops_report(&self, q: &OpsQuery<'_>) -> Result<OpsReport, StoreError> {
        Ok(self.ops_table(q)?.into_report())
    }

    /// [`Store::ops_report`] kept lean: each row made when a listing asks for it.
    pub fn ops_table<'a>(&self, q: &OpsQuery<'a>) -> Result<OpsTable<'a>, StoreError> {
        self.ops_table_split(q, PARALLEL_ROWS)
    }

    /// [`Store::ops_table`], the later half on a second connection from `parallel_rows`
    /// account-weeks on (unless `ASSAY_READ_THREADS=1`).
    pub(super) fn ops_table_split<'a>(
        &self,
        q: &OpsQuery<'a>,
        parallel_rows: usize,
    ) -> Result<OpsTable<'a>, StoreError> {
        let (from, to) = (q.from, q.to);
        let mut b = OpsBuilder::over(q.roster.clone(), q.formulas, from, to);
        if q.series {
            b = b.with_series();
        }
        let kept = self.kept_formulas(&b, q)?;
        let kept = kept.as_deref();
        let weeks = weeks_between(from, to, q.first);
        let (early, late) = weeks.split_at(weeks.len() / 2);
        let mut later = b.part();
        let parallel = super::read_parts() > 1 && q.roster.len() * weeks.len() >= parallel_rows;
        let reader = if parallel {
            self.reader().ok().flatten()
        } else {
            None
        };
        std::thread::scope(|scope| match reader {
            Some(r) => {
                let part = &mut later;
                let other = scope.spawn(move || r.run_weeks(part, late, q, kept));
                let mine = self.run_weeks(&mut b, early, q, kept);
                let theirs = other
                    .join()
                    .unwrap_or_else(|p| std::panic::resume_unwind(p));
                mine.and(theirs)
            }
            None => self
                .run_weeks(&mut b, early, q, kept)
                .and_then(|()| self.run_weeks(&mut later, late, q, kept)),
        })?;
        Ok(b.merge(later).finish_table(from, to, q.rules))
    }

    /// Adds `weeks` (in order) to `b`: from the kept index values when they are fresh, else
    /// from the post aggregates (whole Monday weeks) or the posts, and the weekly rows.
    fn run_weeks(
        &self,
        b: &mut OpsBuilder<'_>,
        weeks: &[NaiveDate],
        q: &OpsQuery<'_>,
        kept: Option<&[(usize, i64)]>,
    ) -> Result<(), StoreError> {
        let (from, to) = (q.from, q.to);
        let mut values = Vec::new();
        for &week in weeks {
            let last = week + Duration::days(6);
            let whole = q.first == Weekday::Mon && week >= from && last <= to;
            if let Some(kept) = kept.filter(|_| whole)
                && !self.ops_week_stale(week)?
                && self.kept_whole(kept, week)?
            {
                // The index values kept for the week: one row a formula.
                b.reset_values(&mut values);
                for &(f, id) in kept {
                    self.for_each_kept_week(id, week, &mut |k| b.add_kept(&mut values, f, &k))?;
                }
                b.close_values(week, &values);
                continue;
            }
            // A week cut short by the end date counts for activity, not for the comparison:
            // its posts give their days, no figures (no buffer of a whole week's metrics).
            let mut buf = if last <= to {
                b.week_buffer()
            } else {
                Vec::new()
            };
            if whole {
                // A whole Monday week: the aggregates kept at import, one row an account.
                self.for_each_post_week(week, &mut |w| b.add_post_week(&mut buf, &w))?;
            } else {
                self.for_each_post_between(week.max(from), last.min(to), &mut |p| {
                    b.add_post(&mut buf, &p)
                })?;
            }
            if last <= to {
                self.for_each_week_between(week, last, &mut |w| {
                    b.add_week_row(&mut buf, &WeekFigures::from(&w))
                })?;
                b.close_week(week, &buf);
            }
        }
        Ok(())
    }

    /// The formulas of the report whose weekly values are kept (position, kept row id); `None`
    /// when one of them is not kept (a user's file): the report then reads the metrics.
    fn kept_formulas(
        &self,
        b: &OpsBuilder<'_>,
        q: &OpsQuery<'_>,
    ) -> Result<Option<Vec<(usize, i64)>>, StoreError> {
        let Some(used) = b.kept_formulas() else {
            return Ok(None);
        };
        let mut out = Vec::new();
        for f in used {
            match self.kept_formula_id(&q.formulas[f])? {
                Some(id) => out.push((f, id)),
                None => return Ok(None),
            }
        }
        Ok(Some(out))
    }

    /// Whether any post or weekly row falls on `from..=to`.
    pub fn has_metrics_between(&self, from: NaiveDate, to: NaiveDate) -> Result<bool, StoreError> {
        let end = to.succ_opt().unwrap_or(to).to_string();
        let (from, to) = (from.to_string(), to.to_string());
        Ok(self.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM metric_weeks WHERE week >= ?1 AND week <= ?2)
                 OR EXISTS (SELECT 1 FROM metric_posts WHERE published_at >= ?1 AND published_at < ?3)",
            params![from, to, end],
            |r| r.get(0),
        )?)
    }

    /// The round's report with the `assay ops --round` defaults (26 weeks before the monitoring
    /// date, Monday weeks, national rules, `gov-ops`, one group) and weekly series; `None` when
    /// the round has no metrics in that period.
    pub fn round_ops(
        &self,
        round_id: i64,
        accounts: &[Account],
    ) -> Result<Option<OpsReport>, StoreError> {
        let round = self.round(&round_id.to_string())?;
        let first = Weekday::Mon;
        let to = round.monitoring_date;
        let from = crate::domain::ops::week::week_start(to - Duration::weeks(26), first);
        if !self.has_metrics_between(from, to)? {
            return Ok(None);
        }
        let formulas: Vec<Formula> = crate::domain::ops::formula::shipped()
            .into_iter()
            .filter(|f| f.id == "gov-ops")
            .collect();
        let rules = ActivityRules::default();
        let q = OpsQuery {
            roster: Arc::new(Roster::of(accounts, GroupBy::All)),
            formulas: &formulas,
            rules: &rules,
            from,
            to,
            first,
            series: true,
        };
        self.ops_report(&q).map(Some)
    }

    /// Calls `f` for every post published on `from..=to` (dates inclusive), in time order.
    pub fn for_each_post_between(
        &self,
        from: NaiveDate,
        to: NaiveDate,
        f: &mut dyn FnMut(PostFigures),
    ) -> Result<(), StoreError> {
        let mut st = self.conn.prepare_cached(
            "SELECT account_id, published_at, headline, reads, wow, likes, shares, comments
             FROM metric_posts WHERE published_at >= ?1 AND published_at < ?2",
        )?;
        let end = to.succ_opt().unwrap_or(to).to_string();
        let mut rows = st.query(params![from.to_string(), end])?;
        while let Some(r) = rows.next()? {
            let at: String = r.get(1)?;
            let published = match fast_time(&at) {
                Some(t) => t,
                None => NaiveDateTime::parse_from_str(&at, TIME_FMT).map_err(conv)?,
            };
            f(PostFigures {
                account_id: r.get(0)?,
                published,
                headline: r.get(2)?,
                counts: [
                    nonneg(r.get(3)?),
                    nonneg(r.get(4)?),
                    nonneg(r.get(5)?),
                    nonneg(r.get(6)?),
                    nonneg(r.get(7)?),
                ],
            });
        }
        Ok(())
    }

    /// Calls `f` for every weekly row whose week starts on `from..=to`.
    pub fn for_each_week_between(
        &self,
        from: NaiveDate,
        to: NaiveDate,
        f: &mut dyn FnMut(WeekMetric),
    ) -> Result<(), StoreError> {
        let mut st = self.conn.prepare_cached(
            "SELECT account_id, week, followers, messages, replies, posts, reads, likes, comments,
             reply_hours FROM metric_weeks WHERE week >= ?1 AND week <= ?2",
        )?;
        let mut rows = st.query(params![from.to_string(), to.to_string()])?;
        while let Some(r) = rows.next()? {
            f(week_metric_row(r)?);
        }
        Ok(())
    }
}

/// A weekly row read as: account_id, week, followers, messages, replies, posts, reads, likes,
/// comments, reply_hours.
pub(super) fn week_metric_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<WeekMetric> {
    let week: String = r.get(1)?;
    let opt = |v: Option<i64>| v.map(|x| x.max(0) as u64);
    Ok(WeekMetric {
        account_id: r.get(0)?,
        week: match fast_date(&week) {
            Some(d) => d,
            None => NaiveDate::parse_from_str(&week, "%Y-%m-%d").map_err(conv)?,
        },
        followers: nonneg(r.get(2)?),
        messages: nonneg(r.get(3)?),
        replies: nonneg(r.get(4)?),
        posts: opt(r.get(5)?),
        reads: opt(r.get(6)?),
        likes: opt(r.get(7)?),
        comments: opt(r.get(8)?),
        reply_hours: r.get(9)?,
    })
}

impl From<&WeekMetric> for WeekFigures {
    fn from(w: &WeekMetric) -> Self {
        WeekFigures {
            account_id: w.account_id,
            followers: w.followers,
            messages: w.messages,
            replies: w.replies,
            reply_hours: w.reply_hours,
            totals: [w.posts, w.reads, w.likes, w.comments],
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn fast_time_agrees_with_chrono() {
        for s in ["2024-12-31 19:05", "2025-01-01 00:00", "2024-02-29 23:59"] {
            let want = chrono::NaiveDateTime::parse_from_str(s, super::TIME_FMT).ok();
            assert_eq!(super::fast_time(s), want, "{s}");
        }
        for s in [
            "2024-13-01 10:00",
            "2024-12-31 24:00",
            "2024-12-31T19:05",
            "x",
        ] {
            assert_eq!(super::fast_time(s), None, "{s}");
        }
        for s in [
            "2024-12-30",
            "2024-02-29",
            "2023-02-29",
            "2024/12/30",
            "2024-12-3x",
        ] {
            let want = chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
            assert_eq!(super::fast_date(s), want, "{s}");
        }
    }
}
