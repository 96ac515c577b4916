//! Parsing of the sample-data CSV files (accounts, scores, posts, weekly figures) from text, with
//! errors that name the file and line.

use chrono::{NaiveDate, NaiveDateTime};

use crate::domain::entry::Entry;
use crate::domain::platform::Platform;

use super::SampleError;

/// CSV records of a text (BOM tolerated) with their 1-based line numbers, header skipped.
pub fn records(
    file: &'static str,
    text: &str,
) -> Result<Vec<(u64, csv::StringRecord)>, SampleError> {
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let mut out = Vec::new();
    for r in rdr.records() {
        let r = r.map_err(|e| SampleError::Csv {
            file,
            line: e.position().map_or(0, |p| p.line()),
            message: e.to_string(),
        })?;
        let line = r.position().map_or(0, |p| p.line());
        out.push((line, r));
    }
    Ok(out)
}

fn bad(file: &'static str, line: u64, message: String) -> SampleError {
    SampleError::Csv {
        file,
        line,
        message,
    }
}

fn field(r: &csv::StringRecord, i: usize) -> &str {
    r.get(i).unwrap_or("").trim()
}

fn platform(file: &'static str, line: u64, s: &str) -> Result<Platform, SampleError> {
    Platform::parse(s).ok_or_else(|| bad(file, line, format!("unknown platform {s:?}")))
}

fn number<T: std::str::FromStr>(
    file: &'static str,
    line: u64,
    what: &str,
    s: &str,
) -> Result<Option<T>, SampleError> {
    if s.is_empty() {
        return Ok(None);
    }
    s.parse()
        .map(Some)
        .map_err(|_| bad(file, line, format!("{what} {s:?} is not a number")))
}

/// One row of a scores file: round, account key, evaluator and the entry.
pub struct ScoreRow {
    pub line: u64,
    pub round: String,
    pub platform: Platform,
    pub account: String,
    pub evaluator: String,
    pub entry: Entry,
}

/// scores-*.csv: round,platform,account,evaluator,indicator,value,count,veto,na,note,evidence
/// (evidence items separated by " | ").
pub fn scores(file: &'static str, text: &str) -> Result<Vec<ScoreRow>, SampleError> {
    records(file, text)?
        .into_iter()
        .map(|(line, r)| {
            let veto = field(&r, 7);
            let evidence = field(&r, 10);
            Ok(ScoreRow {
                line,
                round: field(&r, 0).to_string(),
                platform: platform(file, line, field(&r, 1))?,
                account: field(&r, 2).to_string(),
                evaluator: field(&r, 3).to_string(),
                entry: Entry {
                    indicator: field(&r, 4).to_string(),
                    value: number(file, line, "value", field(&r, 5))?,
                    count: number(file, line, "count", field(&r, 6))?,
                    veto: (!veto.is_empty()).then(|| veto.to_string()),
                    na: matches!(field(&r, 8), "1" | "true" | "是" | "yes"),
                    note: field(&r, 9).to_string(),
                    evidence: evidence
                        .split(" | ")
                        .map(str::trim)
                        .filter(|s| !s.is_empty())
                        .map(String::from)
                        .collect(),
                },
            })
        })
        .collect()
}

/// One post: account key and its figures (reads "10万+" → 100000, capped).
pub struct PostRow {
    pub line: u64,
    pub platform: Platform,
    pub account: String,
    pub published: NaiveDateTime,
    pub headline: bool,
    pub reads: u64,
    pub capped: bool,
    pub likes: u64,
    pub wow: Option<u64>,
    pub shares: u64,
    pub comments: u64,
}

/// Reads as shown: digits, or "10万+" (and "1.2万"-style values).
pub fn reads(s: &str) -> Option<(u64, bool)> {
    let t = s.trim();
    if let Some(w) = t.strip_suffix("万+") {
        return w
            .parse::<f64>()
            .ok()
            .map(|v| ((v * 10_000.0).round() as u64, true));
    }
    if let Some(w) = t.strip_suffix('万') {
        return w
            .parse::<f64>()
            .ok()
            .map(|v| ((v * 10_000.0).round() as u64, false));
    }
    t.parse().ok().map(|v| (v, false))
}

/// posts.csv: platform,account,published,headline,reads,likes,wow,shares,comments.
pub fn posts(file: &'static str, text: &str) -> Result<Vec<PostRow>, SampleError> {
    records(file, text)?
        .into_iter()
        .map(|(line, r)| {
            let at = field(&r, 2);
            let (reads, capped) = reads(field(&r, 4)).ok_or_else(|| {
                bad(
                    file,
                    line,
                    format!("reads {:?} is not a number", field(&r, 4)),
                )
            })?;
            let n = |i: usize, what: &str| number::<u64>(file, line, what, field(&r, i));
            Ok(PostRow {
                line,
                platform: platform(file, line, field(&r, 0))?,
                account: field(&r, 1).to_string(),
                published: NaiveDateTime::parse_from_str(at, "%Y-%m-%d %H:%M").map_err(|_| {
                    bad(
                        file,
                        line,
                        format!("bad time {at:?} (want YYYY-MM-DD HH:MM)"),
                    )
                })?,
                headline: matches!(field(&r, 3), "1" | "是" | "true"),
                reads,
                capped,
                likes: n(5, "likes")?.unwrap_or(0),
                wow: n(6, "wow")?,
                shares: n(7, "shares")?.unwrap_or(0),
                comments: n(8, "comments")?.unwrap_or(0),
            })
        })
        .collect()
}

/// One week of one account.
pub struct WeekRow {
    pub line: u64,
    pub platform: Platform,
    pub account: String,
    pub week: NaiveDate,
    pub followers: u64,
    pub messages: u64,
    pub replies: u64,
}

/// weekly.csv: platform,account,week,followers,messages,replies.
pub fn weeks(file: &'static str, text: &str) -> Result<Vec<WeekRow>, SampleError> {
    records(file, text)?
        .into_iter()
        .map(|(line, r)| {
            let week = field(&r, 2);
            let n = |i: usize, what: &str| number::<u64>(file, line, what, field(&r, i));
            Ok(WeekRow {
                line,
                platform: platform(file, line, field(&r, 0))?,
                account: field(&r, 1).to_string(),
                week: NaiveDate::parse_from_str(week, "%Y-%m-%d")
                    .map_err(|_| bad(file, line, format!("bad week {week:?}")))?,
                followers: n(3, "followers")?.unwrap_or(0),
                messages: n(4, "messages")?.unwrap_or(0),
                replies: n(5, "replies")?.unwrap_or(0),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_as_shown() {
        assert_eq!(reads("10万+"), Some((100_000, true)));
        assert_eq!(reads("1.5万"), Some((15_000, false)));
        assert_eq!(reads("842"), Some((842, false)));
        assert_eq!(reads("许多"), None);
    }

    #[test]
    fn bad_value_names_file_and_line() {
        let text = "round,platform,account,evaluator,indicator,value\nr,微信,a,e,x,abc\n";
        let err = scores("s.csv", text)
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(err.contains("s.csv:2") && err.contains("abc"), "{err}");
    }
}
