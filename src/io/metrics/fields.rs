//! Column names of metric files, in English and Chinese, and the parsing of their cells.

use chrono::{Duration, NaiveDate, NaiveDateTime, NaiveTime};

use crate::io::accounts::{Cell, Said};

/// A column of a posts or weekly file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Col {
    Platform,
    Account,
    PostId,
    Published,
    Headline,
    Reads,
    Likes,
    Wow,
    Shares,
    Comments,
    Week,
    Posts,
    Followers,
    Messages,
    Replies,
    ReplyHours,
}

const ALIASES: &[(Col, &[&str])] = &[
    (Col::Platform, &["platform", "平台", "新媒体类型", "类型"]),
    (
        Col::Account,
        &["account", "name", "账号", "账号名称", "新媒体名称", "名称"],
    ),
    (
        Col::PostId,
        &["post_id", "id", "url", "link", "链接", "文章链接", "文章id"],
    ),
    (
        Col::Published,
        &[
            "published",
            "published_at",
            "time",
            "发布时间",
            "发文时间",
            "时间",
        ],
    ),
    (Col::Headline, &["headline", "头条", "是否头条"]),
    (Col::Reads, &["reads", "阅读", "阅读数", "阅读量"]),
    (Col::Likes, &["likes", "点赞", "点赞数"]),
    (Col::Wow, &["wow", "在看", "在看数"]),
    (Col::Shares, &["shares", "转发", "转发数", "分享", "分享数"]),
    (Col::Comments, &["comments", "评论", "评论数", "留言数"]),
    (Col::Week, &["week", "week_start", "周", "周次", "周起始日"]),
    (Col::Posts, &["posts", "发文数", "发布数", "发文量"]),
    (Col::Followers, &["followers", "粉丝", "粉丝数", "关注数"]),
    (
        Col::Messages,
        &["messages", "收到留言", "留言", "咨询数", "收到消息"],
    ),
    (Col::Replies, &["replies", "回复", "回复数", "已回复"]),
    (
        Col::ReplyHours,
        &[
            "reply_hours",
            "median_reply_hours",
            "回复时长",
            "回复时长中位数",
        ],
    ),
];

/// The column a header names, if any.
pub fn col_for(header: &str) -> Option<Col> {
    let h = header
        .trim()
        .trim_start_matches('\u{feff}')
        .to_lowercase()
        .replace(' ', "_");
    ALIASES
        .iter()
        .find(|(_, names)| names.contains(&h.as_str()))
        .map(|(c, _)| *c)
}

/// The text of a cell ("" when empty; numbers without a trailing ".0"; an error value as
/// the spreadsheet shows it).
pub fn text(c: Option<&Cell>) -> String {
    match c {
        None | Some(Cell::Empty) => String::new(),
        Some(Cell::Text(s)) | Some(Cell::Error(s)) => s.clone(),
        Some(Cell::Number(f)) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Some(Cell::Number(f)) => f.to_string(),
    }
}

/// Reads as the platform shows them: digits, "1.2万", or "10万+" (capped; stored as 100001).
pub fn reads(s: &str) -> Option<(u64, bool)> {
    let t = s.trim().replace(',', "");
    if let Some(w) = t.strip_suffix("万+") {
        let v = w
            .parse::<f64>()
            .ok()
            .filter(|v| v.is_finite() && *v >= 0.0)?;
        return Some(((v * 10_000.0).round() as u64 + 1, true));
    }
    if let Some(w) = t.strip_suffix('万') {
        let v = w
            .parse::<f64>()
            .ok()
            .filter(|v| v.is_finite() && *v >= 0.0)?;
        return Some(((v * 10_000.0).round() as u64, false));
    }
    t.parse().ok().map(|v| (v, false))
}

/// The largest count a metric may hold (a trillion: beyond any account's reads or followers;
/// larger values are refused, never clipped when stored).
pub const MAX_COUNT: u64 = 1_000_000_000_000;

/// Spreadsheet error values, as a CSV export or a cached formula result writes them.
const SPREADSHEET_ERRORS: &[&str] = &[
    "#DIV/0!",
    "#N/A",
    "#VALUE!",
    "#REF!",
    "#NAME?",
    "#NUM!",
    "#NULL!",
    "#SPILL!",
    "#CALC!",
    "#GETTING_DATA",
    "#FIELD!",
    "#BLOCKED!",
    "#CONNECT!",
    "#BUSY!",
    "#UNKNOWN!",
];

/// The spreadsheet error a cell holds (an error cell of a workbook, or its text in a CSV).
pub fn spreadsheet_error(c: &Cell) -> Option<String> {
    match c {
        Cell::Error(e) => Some(e.clone()),
        Cell::Text(s) => {
            let t = s.trim().to_uppercase();
            SPREADSHEET_ERRORS
                .iter()
                .any(|e| t == *e)
                .then(|| s.trim().to_string())
        }
        _ => None,
    }
}

/// The refusal of a spreadsheet error value.
pub fn error_said(e: &str) -> Said {
    Said::new(
        format!("the spreadsheet error {e} is not a figure; fix the formula or enter the number"),
        format!("电子表格错误值 {e} 不是数据；请修正公式或填入数值"),
    )
}

/// A whole count from 0 to [`MAX_COUNT`] ("" is none).
pub fn count(s: &str) -> Result<Option<u64>, Said> {
    let t = s.trim().replace(',', "");
    if t.is_empty() {
        return Ok(None);
    }
    if t.starts_with('-') && t[1..].chars().all(|c| c.is_ascii_digit() || c == '.') {
        return Err(Said::new(
            format!("{s:?} is negative; a count is 0 or more"),
            format!("“{s}”是负数；计数不能小于 0"),
        ));
    }
    match t.parse::<u64>() {
        Ok(v) if v <= MAX_COUNT => Ok(Some(v)),
        Ok(_) => Err(Said::new(
            format!("{s} is out of range: a count is at most {MAX_COUNT}"),
            format!("{s} 超出范围：计数最大为 {MAX_COUNT}"),
        )),
        Err(_) if t.chars().all(|c| c.is_ascii_digit()) => Err(Said::new(
            format!("{s} is out of range: a count is at most {MAX_COUNT}"),
            format!("{s} 超出范围：计数最大为 {MAX_COUNT}"),
        )),
        Err(_) => Err(Said::new(
            format!("{s:?} is not a whole number ≥ 0"),
            format!("“{s}”不是不小于 0 的整数"),
        )),
    }
}

fn excel_serial(f: f64) -> Option<NaiveDateTime> {
    let base = NaiveDate::from_ymd_opt(1899, 12, 30)?.and_time(NaiveTime::MIN);
    (f.is_finite() && (0.0..2_958_466.0).contains(&f))
        .then(|| base + Duration::seconds((f * 86_400.0).round() as i64))
}

/// A date and time: `YYYY-MM-DD HH:MM[:SS]`, `YYYY/MM/DD HH:MM`, a bare date (midnight), or an
/// Excel serial.
pub fn datetime(c: Option<&Cell>) -> Result<NaiveDateTime, Said> {
    if let Some(Cell::Number(f)) = c {
        return excel_serial(*f)
            .ok_or_else(|| Said::new(format!("{f} is not a date"), format!("{f} 不是日期")));
    }
    let s = text(c);
    let t = s.trim().replace('/', "-").replace('T', " ");
    let not_time = || {
        Said::new(
            format!("{s:?} is not a time; write YYYY-MM-DD HH:MM (a four-digit year)"),
            format!("“{s}”不是时间；请写成 2024-03-05 08:30 的格式（年份写满四位）"),
        )
    };
    if !crate::domain::dates::four_digit_year(&t) {
        return Err(not_time());
    }
    for fmt in ["%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M"] {
        if let Ok(v) = NaiveDateTime::parse_from_str(&t, fmt) {
            return Ok(v);
        }
    }
    NaiveDate::parse_from_str(&t, "%Y-%m-%d")
        .map(|d| d.and_time(NaiveTime::MIN))
        .map_err(|_| not_time())
}

/// Yes/no as offices write it.
pub fn yes(s: &str) -> Result<bool, Said> {
    match s.trim().to_lowercase().as_str() {
        "" | "0" | "否" | "no" | "false" | "n" => Ok(false),
        "1" | "是" | "yes" | "true" | "y" | "头条" => Ok(true),
        _ => Err(Said::new(
            format!("{s:?} is not yes/no (1/0, 是/否)"),
            format!("“{s}”不是 是/否（1/0）"),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn capped_reads_are_100001() {
        assert_eq!(reads("10万+"), Some((100_001, true)));
        assert_eq!(reads("1.5万"), Some((15_000, false)));
        assert_eq!(reads("1,842"), Some((1_842, false)));
        assert_eq!(reads("许多"), None);
        assert_eq!(reads("-3"), None);
    }

    #[test]
    fn times_in_every_shape() {
        let want = NaiveDate::from_ymd_opt(2024, 12, 31)
            .unwrap()
            .and_hms_opt(19, 5, 0)
            .unwrap();
        for s in [
            "2024-12-31 19:05",
            "2024/12/31 19:05",
            "2024-12-31T19:05:00",
        ] {
            assert_eq!(datetime(Some(&Cell::Text(s.into()))), Ok(want), "{s}");
        }
        // Excel serial 45657.795138... = 2024-12-31 19:05.
        let serial = 45657.0 + (19.0 * 60.0 + 5.0) / 1440.0;
        assert_eq!(datetime(Some(&Cell::Number(serial))), Ok(want));
        let e = datetime(Some(&Cell::Text("昨天".into()))).unwrap_err();
        assert!(
            e.en.contains("昨天") && e.en.contains("is not a time"),
            "{e:?}"
        );
        assert!(e.zh.contains("“昨天”不是时间"), "{e:?}");
    }
}
