//! Import of operations metrics from CSV (UTF-8, BOM, GBK, UTF-16) and XLSX: per-post records
//! (account, published at, headline, reads with "10万+" as 100001 capped, likes, 在看, shares,
//! comments) or weekly records (account, week, posts, reads, likes, comments, followers,
//! messages received and answered, median reply hours). Parses only, all rows or nothing, with
//! every bad cell named by row and column; storing is `Store::import_metrics`.

mod fields;
mod resolve;
mod words;

use std::path::Path;

use chrono::{NaiveDate, NaiveDateTime, Weekday};

use crate::domain::ops::week::week_start;
use crate::domain::platform::Platform;
use crate::i18n::Lang;
use crate::io::accounts::{Cell, Encoding, ImportError, Said, Table};
use fields::Col;

pub use fields::reads;
pub use resolve::{Resolved, resolve};

/// Which kind of metric file was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Posts,
    Weeks,
}

/// An account as a metric row names it: a platform (optional when the name is unique) and name.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct AccountRef {
    pub platform: Option<Platform>,
    pub name: String,
}

/// One per-post row.
#[derive(Debug, Clone, PartialEq)]
pub struct PostRecord {
    /// Spreadsheet row number.
    pub row: usize,
    pub account: AccountRef,
    /// The file's post id or link, when it has one.
    pub id: Option<String>,
    pub published: NaiveDateTime,
    pub headline: bool,
    pub reads: u64,
    pub capped: bool,
    pub likes: u64,
    pub wow: Option<u64>,
    pub shares: u64,
    pub comments: u64,
}

/// One weekly row; `week` is the first day of its week.
#[derive(Debug, Clone, PartialEq)]
pub struct WeekRecord {
    pub row: usize,
    pub account: AccountRef,
    pub week: NaiveDate,
    pub followers: u64,
    pub messages: u64,
    pub replies: u64,
    pub posts: Option<u64>,
    pub reads: Option<u64>,
    pub likes: Option<u64>,
    pub comments: Option<u64>,
    pub reply_hours: Option<f64>,
}

/// A metric file as read.
#[derive(Debug, Clone, PartialEq)]
pub struct MetricsFile {
    pub kind: Kind,
    pub posts: Vec<PostRecord>,
    pub weeks: Vec<WeekRecord>,
    pub encoding: Option<Encoding>,
    pub sheet: Option<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum MetricsError {
    #[error(transparent)]
    Read(#[from] ImportError),
    #[error(
        "{file}: no header row with an account column (account/账号) and a published-at (published/发布时间) or week (week/周) column; found {found:?}. Name the columns account, and published (one row per post) or week (weekly figures)"
    )]
    NoHeader { file: String, found: Vec<String> },
    #[error("{file}: {n} problem(s), nothing imported:\n{list}", n = problems.len(), list = words::lines(problems, Lang::En))]
    Rows { file: String, problems: Vec<Said> },
}

/// Reads a posts or weekly file; weeks start on `first` (a date inside a week is moved to the
/// week's first day).
pub fn read_metrics(path: &Path, first: Weekday) -> Result<MetricsFile, MetricsError> {
    let (table, encoding, sheet) = crate::io::accounts::read_any_table(path, None)?;
    let mut f = from_table(&path.display().to_string(), &table, first)?;
    f.encoding = encoding;
    f.sheet = sheet;
    Ok(f)
}

/// Reads CSV text already in memory (the embedded sample data).
pub fn read_metrics_text(
    name: &str,
    text: &str,
    first: Weekday,
) -> Result<MetricsFile, MetricsError> {
    let table = crate::io::accounts::parse_csv_text(name, text)?;
    from_table(name, &table, first)
}

struct Cols(Vec<Option<Col>>);

impl Cols {
    fn has(&self, c: Col) -> bool {
        self.0.contains(&Some(c))
    }
    fn get<'a>(&self, row: &'a [Cell], c: Col) -> Option<&'a Cell> {
        let i = self.0.iter().position(|x| *x == Some(c))?;
        row.get(i)
    }
    fn name(&self, headers: &[String], c: Col) -> String {
        self.0
            .iter()
            .position(|x| *x == Some(c))
            .and_then(|i| headers.get(i).cloned())
            .unwrap_or_default()
    }
}

fn from_table(file: &str, t: &Table, first: Weekday) -> Result<MetricsFile, MetricsError> {
    // The header is the first row naming an account column.
    let header_at = t.rows.iter().position(|r| {
        r.iter()
            .any(|c| fields::col_for(&fields::text(Some(c))) == Some(Col::Account))
    });
    let Some(h) = header_at else {
        let found = t
            .rows
            .first()
            .map(|r| r.iter().map(|c| fields::text(Some(c))).collect())
            .unwrap_or_default();
        return Err(MetricsError::NoHeader {
            file: file.into(),
            found,
        });
    };
    let headers: Vec<String> = t.rows[h].iter().map(|c| fields::text(Some(c))).collect();
    let mut seen = Vec::new();
    let cols = Cols(
        headers
            .iter()
            .map(|s| {
                fields::col_for(s)
                    .filter(|c| !seen.contains(c))
                    .inspect(|c| seen.push(*c))
            })
            .collect(),
    );
    let kind = if cols.has(Col::Published) {
        Kind::Posts
    } else if cols.has(Col::Week) {
        Kind::Weeks
    } else {
        return Err(MetricsError::NoHeader {
            file: file.into(),
            found: headers,
        });
    };
    let mut out = MetricsFile {
        kind,
        posts: Vec::new(),
        weeks: Vec::new(),
        encoding: None,
        sheet: None,
    };
    let mut problems = Vec::new();
    for (i, r) in t.rows.iter().enumerate().skip(h + 1) {
        if r.iter().all(|c| *c == Cell::Empty) {
            continue;
        }
        let row = t.first_row + i;
        let mut bad = |c: Col, msg: Said| {
            let col = cols.name(&headers, c);
            problems.push(Said::new(
                format!("{file}: row {row}, column {col}: {}", msg.en),
                format!("{file}：第 {row} 行，列“{col}”：{}", msg.zh),
            ));
        };
        let rd = RowReader {
            cols: &cols,
            row: r,
        };
        match kind {
            Kind::Posts => match rd.post(row, &mut bad) {
                Some(p) => out.posts.push(p),
                None => continue,
            },
            Kind::Weeks => match rd.week(row, first, &mut bad) {
                Some(w) => out.weeks.push(w),
                None => continue,
            },
        }
        if problems.len() >= 50 {
            problems.push(Said::new(
                "… (stopped after 50 problems)",
                "……（已列出 50 处问题，其余未列）",
            ));
            break;
        }
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(MetricsError::Rows {
            file: file.into(),
            problems,
        })
    }
}

struct RowReader<'a> {
    cols: &'a Cols,
    row: &'a [Cell],
}

impl RowReader<'_> {
    fn s(&self, c: Col) -> String {
        fields::text(self.cols.get(self.row, c))
    }

    fn account(&self, bad: &mut dyn FnMut(Col, Said)) -> Option<AccountRef> {
        let name = self.s(Col::Account);
        let p = self.s(Col::Platform);
        let platform = if p.is_empty() {
            None
        } else {
            Platform::parse(&p)
        };
        if !p.is_empty() && platform.is_none() {
            bad(
                Col::Platform,
                Said::new(
                    Platform::unknown_message(Lang::En, &p),
                    Platform::unknown_message(Lang::Zh, &p),
                ),
            );
        }
        if name.trim().is_empty() {
            bad(
                Col::Account,
                Said::new("the account name is empty", "账号名称为空"),
            );
            return None;
        }
        Some(AccountRef {
            platform,
            name: name.trim().to_string(),
        })
    }

    fn count(&self, c: Col, bad: &mut dyn FnMut(Col, Said)) -> Option<u64> {
        fields::count(&self.s(c)).unwrap_or_else(|m| {
            bad(c, m);
            None
        })
    }

    fn post(&self, row: usize, bad: &mut dyn FnMut(Col, Said)) -> Option<PostRecord> {
        let account = self.account(bad);
        let published = fields::datetime(self.cols.get(self.row, Col::Published))
            .map_err(|m| bad(Col::Published, m))
            .ok();
        let headline = fields::yes(&self.s(Col::Headline))
            .map_err(|m| bad(Col::Headline, m))
            .ok();
        let r = self.s(Col::Reads);
        let shown = if r.trim().is_empty() {
            Some((0, false))
        } else {
            fields::reads(&r)
        };
        if shown.is_none() {
            bad(
                Col::Reads,
                Said::new(
                    format!("{r:?} is not a read count (digits, 1.2万 or 10万+)"),
                    format!("“{r}”不是阅读数（数字、1.2万 或 10万+）"),
                ),
            );
        }
        let (likes, wow, shares, comments) = (
            self.count(Col::Likes, bad),
            self.count(Col::Wow, bad),
            self.count(Col::Shares, bad),
            self.count(Col::Comments, bad),
        );
        let id = Some(self.s(Col::PostId)).filter(|s| !s.trim().is_empty());
        let ((reads, capped), published, headline, account) =
            (shown?, published?, headline?, account?);
        Some(PostRecord {
            row,
            account,
            id,
            published,
            headline,
            reads,
            capped,
            likes: likes.unwrap_or(0),
            wow,
            shares: shares.unwrap_or(0),
            comments: comments.unwrap_or(0),
        })
    }

    fn week(
        &self,
        row: usize,
        first: Weekday,
        bad: &mut dyn FnMut(Col, Said),
    ) -> Option<WeekRecord> {
        let account = self.account(bad);
        let week = fields::datetime(self.cols.get(self.row, Col::Week))
            .map(|d| week_start(d.date(), first))
            .map_err(|m| bad(Col::Week, m))
            .ok();
        let h = self.s(Col::ReplyHours);
        let reply_hours = match h.trim() {
            "" => None,
            t => match t.parse::<f64>() {
                Ok(v) if v.is_finite() && v >= 0.0 => Some(v),
                _ => {
                    bad(
                        Col::ReplyHours,
                        Said::new(
                            format!("{h:?} is not a number of hours ≥ 0"),
                            format!("“{h}”不是不小于 0 的小时数"),
                        ),
                    );
                    None
                }
            },
        };
        let followers = self.count(Col::Followers, bad);
        let (messages, replies) = (
            self.count(Col::Messages, bad),
            self.count(Col::Replies, bad),
        );
        if let (Some(m), Some(r)) = (messages, replies)
            && r > m
        {
            bad(
                Col::Replies,
                Said::new(
                    format!("{r} replies to {m} messages: replies cannot exceed messages"),
                    format!("留言 {m} 条、回复 {r} 条：回复数不能多于留言数"),
                ),
            );
        }
        let (posts, reads, likes, comments) = (
            self.count(Col::Posts, bad),
            self.count(Col::Reads, bad),
            self.count(Col::Likes, bad),
            self.count(Col::Comments, bad),
        );
        Some(WeekRecord {
            row,
            account: account?,
            week: week?,
            followers: followers.unwrap_or(0),
            messages: messages.unwrap_or(0),
            replies: replies.unwrap_or(0),
            posts,
            reads,
            likes,
            comments,
            reply_hours,
        })
    }
}

#[cfg(test)]
mod tests;
