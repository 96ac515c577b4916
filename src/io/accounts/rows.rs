//! Turns a read table into accounts: finds the header row, interprets each cell for its column,
//! applies defaults and collects every problem of every row.

use std::collections::HashMap;
use std::path::Path;

use chrono::NaiveDate;

use super::headers::{Field, map_columns};
use super::{Cell, ImportDefaults, ImportError, RowProblem, Table};
use crate::domain::account::Account;
use crate::domain::platform::{Level, Platform};
use crate::i18n::Lang;

/// Accounts read from a table, with what the report says about the columns.
pub(super) struct Parsed {
    pub accounts: Vec<Account>,
    pub header_row: usize,
    pub ignored: Vec<String>,
    pub defaulted: Vec<&'static str>,
}

/// How many leading rows may hold a title before the header.
const HEADER_SEARCH: usize = 10;

const LEVEL_HINT: &str = "use 省级/市级/县级/乡镇级 (or province/city/county/township)";

pub(super) fn text(cell: &Cell) -> String {
    match cell {
        Cell::Empty => String::new(),
        Cell::Text(s) => s.trim().to_string(),
        Cell::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => format!("{}", *n as i64),
        Cell::Number(n) => n.to_string(),
    }
}

/// The header row: its index in the table, the header texts and the field of each column.
struct Header {
    index: usize,
    headers: Vec<String>,
    fields: Vec<Option<Field>>,
}

/// The table's header: the first row (within the first few) naming platform and name columns.
fn find_header(path: &Path, table: &Table) -> Result<Header, ImportError> {
    let mut first_seen: Option<Vec<String>> = None;
    for (i, row) in table.rows.iter().take(HEADER_SEARCH).enumerate() {
        let headers: Vec<String> = row.iter().map(text).collect();
        if headers.iter().all(String::is_empty) {
            continue;
        }
        let fields = map_columns(&headers);
        let has = |f: Field| fields.contains(&Some(f));
        if has(Field::Platform) && has(Field::Name) {
            let missing: Vec<String> = Field::ALL
                .into_iter()
                .filter(|f| f.required() && !has(*f))
                .map(|f| f.canonical().to_string())
                .collect();
            if !missing.is_empty() {
                return Err(missing_columns(path, missing, headers));
            }
            return Ok(Header {
                index: i,
                headers,
                fields,
            });
        }
        first_seen.get_or_insert(headers);
    }
    let Some(found) = first_seen else {
        return Err(ImportError::Empty {
            path: path.to_path_buf(),
        });
    };
    let fields = map_columns(&found);
    let missing = Field::ALL
        .into_iter()
        .filter(|f| f.required() && !fields.contains(&Some(*f)))
        .map(|f| f.canonical().to_string())
        .collect();
    Err(missing_columns(path, missing, found))
}

fn missing_columns(path: &Path, missing: Vec<String>, found: Vec<String>) -> ImportError {
    ImportError::MissingColumns {
        path: path.to_path_buf(),
        missing,
        found: found.into_iter().filter(|h| !h.is_empty()).collect(),
    }
}

pub(super) fn to_accounts(
    path: &Path,
    table: &Table,
    defaults: &ImportDefaults,
) -> Result<Parsed, ImportError> {
    let Header {
        index: h,
        headers,
        fields,
    } = find_header(path, table)?;
    let column: HashMap<Field, usize> = fields
        .iter()
        .enumerate()
        .filter_map(|(i, f)| f.map(|f| (f, i)))
        .collect();
    let ignored = headers
        .iter()
        .zip(&fields)
        .filter(|(h, f)| f.is_none() && !h.is_empty())
        .map(|(h, _)| h.clone())
        .collect();
    let mut defaulted = Vec::new();
    for (field, given) in [
        (Field::Level, defaults.level.is_some()),
        (Field::Region, defaults.region.is_some()),
        (Field::Domain, defaults.domain.is_some()),
        (Field::Status, defaults.status.is_some()),
    ] {
        if given && !column.contains_key(&field) {
            defaulted.push(field.canonical());
        }
    }
    let reader = RowReader {
        headers: &headers,
        column: &column,
        defaults,
    };
    let mut accounts = Vec::new();
    let mut problems = Vec::new();
    let mut seen: HashMap<(Platform, String), usize> = HashMap::new();
    let mut data_rows = 0;
    for (i, row) in table.rows.iter().enumerate().skip(h + 1) {
        if row.iter().all(|c| text(c).is_empty()) {
            continue;
        }
        data_rows += 1;
        let number = table.first_row + i;
        match reader.account(number, row) {
            Ok(a) => {
                let key = (a.platform, a.name.clone());
                if let Some(first) = seen.get(&key) {
                    problems.push(RowProblem {
                        row: number,
                        column: reader.header(Field::Name),
                        value: a.name.clone(),
                        message: format!(
                            "duplicate account: rows {first} and {number} both list {} on {}; keep one row",
                            a.name,
                            a.platform.label_zh()
                        ),
                    });
                } else {
                    seen.insert(key, number);
                    accounts.push(a);
                }
            }
            Err(mut p) => problems.append(&mut p),
        }
    }
    if !problems.is_empty() {
        return Err(ImportError::Rows {
            path: path.to_path_buf(),
            problems,
            data_rows,
        });
    }
    if accounts.is_empty() {
        return Err(ImportError::Empty {
            path: path.to_path_buf(),
        });
    }
    Ok(Parsed {
        accounts,
        header_row: table.first_row + h,
        ignored,
        defaulted,
    })
}

struct RowReader<'a> {
    headers: &'a [String],
    column: &'a HashMap<Field, usize>,
    defaults: &'a ImportDefaults,
}

impl RowReader<'_> {
    /// The column's header as written, or its canonical name when the file lacks it.
    fn header(&self, f: Field) -> String {
        self.column
            .get(&f)
            .map(|&i| self.headers[i].clone())
            .unwrap_or_else(|| f.canonical().to_string())
    }

    fn cell<'r>(&self, row: &'r [Cell], f: Field) -> Option<&'r Cell> {
        self.column.get(&f).and_then(|&i| row.get(i))
    }

    fn text(&self, row: &[Cell], f: Field) -> String {
        self.cell(row, f).map(text).unwrap_or_default()
    }

    fn account(&self, number: usize, row: &[Cell]) -> Result<Account, Vec<RowProblem>> {
        let mut problems = Vec::new();
        let mut problem = |f: Field, value: &str, message: String| {
            problems.push(RowProblem {
                row: number,
                column: self.header(f),
                value: value.to_string(),
                message,
            });
        };
        let label = self.text(row, Field::Platform);
        let platform = Platform::parse(&label);
        if label.is_empty() {
            let message =
                crate::i18n::msg::missing_platform(Lang::En, &Platform::accepted(Lang::En));
            problem(Field::Platform, "", message);
        } else if platform.is_none() {
            problem(
                Field::Platform,
                &label,
                Platform::unknown_message(Lang::En, &label),
            );
        }
        let name = self.text(row, Field::Name);
        if name.is_empty() {
            problem(Field::Name, "", "missing account name; fill it in".into());
        }
        let unit = self.text(row, Field::Unit);
        if unit.is_empty() {
            problem(
                Field::Unit,
                "",
                "missing host unit (责任单位); fill it in".into(),
            );
        }
        let level_text = self.text(row, Field::Level);
        let level = if level_text.is_empty() {
            self.defaults.level
        } else {
            Level::parse(&level_text)
        };
        if level_text.is_empty() && level.is_none() {
            problem(
                Field::Level,
                "",
                format!(
                    "missing level and no --level default; fill the column or pass --level county ({LEVEL_HINT})"
                ),
            );
        } else if level.is_none() {
            problem(
                Field::Level,
                &level_text,
                format!("unknown level; {LEVEL_HINT}"),
            );
        }
        let opened = match self.cell(row, Field::Opened) {
            None | Some(Cell::Empty) => None,
            Some(c) => {
                let d = parse_date(c);
                if d.is_none() {
                    problem(
                        Field::Opened,
                        &text(c),
                        "bad date; write it as 2021-03-05, 2021/3/5 or 2021年3月5日".into(),
                    );
                }
                d
            }
        };
        let or_default = |f: Field, d: &Option<String>| {
            let v = self.text(row, f);
            if v.is_empty() {
                d.clone().unwrap_or_default()
            } else {
                v
            }
        };
        let region = normalize_region(&or_default(Field::Region, &self.defaults.region));
        let domain = or_default(Field::Domain, &self.defaults.domain);
        let status = or_default(Field::Status, &self.defaults.status);
        match (platform, level) {
            (Some(platform), Some(level)) if problems.is_empty() => Ok(Account {
                id: 0,
                platform,
                platform_label: label,
                name,
                unit,
                level,
                region,
                domain,
                status,
                opened,
            }),
            _ => Err(problems),
        }
    }
}

/// A region path with `/` between trimmed, non-empty segments (accepts ／, \ and > as separators).
pub(super) fn normalize_region(s: &str) -> String {
    s.split(['/', '／', '\\', '>', '＞'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("/")
}

/// Dates as offices write them, plus Excel serial numbers from spreadsheets.
pub(super) fn parse_date(cell: &Cell) -> Option<NaiveDate> {
    match cell {
        Cell::Empty => None,
        Cell::Number(n) => excel_serial(*n),
        Cell::Text(s) => parse_date_text(s),
    }
}

fn excel_serial(n: f64) -> Option<NaiveDate> {
    // Serial 1 is 1900-01-01; counting from 1899-12-30 absorbs Excel's fictitious 1900-02-29.
    if !(61.0..2_958_466.0).contains(&n) {
        return None;
    }
    NaiveDate::from_ymd_opt(1899, 12, 30)?.checked_add_days(chrono::Days::new(n.floor() as u64))
}

fn parse_date_text(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    // Drop a time part: 2021-03-05 00:00:00, 2021-03-05T08:00.
    let s = s.split([' ', 'T']).next().unwrap_or(s);
    let s = s.trim_end_matches('日');
    let parts: Vec<&str> = s.split(['-', '/', '.', '年', '月']).collect();
    if let [y, m, d] = parts.as_slice() {
        let (y, m, d) = (y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
        return NaiveDate::from_ymd_opt(y, m, d);
    }
    if s.len() == 8 && s.bytes().all(|b| b.is_ascii_digit()) {
        return NaiveDate::parse_from_str(s, "%Y%m%d").ok();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_as_offices_write_them() {
        let d = NaiveDate::from_ymd_opt(2021, 3, 5);
        for s in [
            "2021-03-05",
            "2021/3/5",
            "2021年3月5日",
            "2021.3.5",
            "20210305",
            "2021-03-05 00:00:00",
        ] {
            assert_eq!(parse_date(&Cell::Text(s.into())), d, "{s}");
        }
        assert_eq!(parse_date(&Cell::Number(44260.0)), d);
        assert_eq!(parse_date(&Cell::Text("2021-13-05".into())), None);
        assert_eq!(parse_date(&Cell::Text("去年".into())), None);
    }

    #[test]
    fn region_paths() {
        assert_eq!(
            normalize_region(" 浙江省 / 丽水市／云和县/ "),
            "浙江省/丽水市/云和县"
        );
        assert_eq!(normalize_region(""), "");
    }
}
