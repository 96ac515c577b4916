//! Parsing of the sample-data CSV files (rounds, scores) from text, with errors that name the
//! file and line. Metrics go through the metrics importer (`io::metrics`).

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

#[cfg(test)]
mod tests {
    use super::*;

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
