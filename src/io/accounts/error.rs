//! Import errors: whole-file problems and the row-level report (row, column, value, why).

use std::fmt;
use std::path::PathBuf;

/// One problem in one cell (or row), numbered as a spreadsheet user counts (header = row 1).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct RowProblem {
    pub row: usize,
    /// The column's header as written in the file (or the canonical name when the file has no
    /// such column).
    pub column: String,
    pub value: String,
    /// Why it is wrong and how to fix it.
    pub message: String,
}

impl fmt::Display for RowProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "row {}, column {}", self.row, self.column)?;
        if !self.value.is_empty() {
            write!(f, ", value \"{}\"", self.value)?;
        }
        write!(f, ": {}", self.message)
    }
}

/// A text in both interface languages; displayed in English (the Chinese is picked by
/// `i18n::errors`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Said {
    pub en: String,
    pub zh: String,
}

impl Said {
    pub fn new(en: impl Into<String>, zh: impl Into<String>) -> Said {
        Said {
            en: en.into(),
            zh: zh.into(),
        }
    }

    /// A library's own diagnostic (English only): quoted as it is inside the Chinese text.
    pub fn quoting(lead_en: &str, lead_zh: &str, raw: &str) -> Said {
        Said::new(format!("{lead_en}{raw}"), format!("{lead_zh}「{raw}」"))
    }

    /// The Chinese text with `tail` appended (closing a parenthesis opened by the lead).
    pub fn closed(mut self, tail: &str) -> Said {
        self.zh.push_str(tail);
        self
    }

    pub fn pick(&self, lang: crate::i18n::Lang) -> &str {
        lang.pick(&self.zh, &self.en)
    }
}

impl fmt::Display for Said {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.en)
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("cannot read {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path}: unsupported file type \"{ext}\"; import a .csv (UTF-8 or GBK) or .xlsx file")]
    Format { path: PathBuf, ext: String },
    #[error(
        "{path} is neither UTF-8 nor GBK text; save it from Excel as \"CSV UTF-8\" or as .xlsx"
    )]
    Encoding { path: PathBuf },
    #[error("{path}: {message}")]
    Csv { path: PathBuf, message: Said },
    #[error("cannot read workbook {path}: {message}; check it opens in Excel and is .xlsx")]
    Workbook { path: PathBuf, message: Said },
    #[error("{path} has no sheet named \"{sheet}\"; use one of its sheets: {}", available.join(", "))]
    NoSheet {
        path: PathBuf,
        sheet: String,
        available: Vec<String>,
    },
    #[error(
        "{path} is too large to import: {what} (limit {limit}); split it or remove unused rows and columns"
    )]
    TooLarge {
        path: PathBuf,
        what: Said,
        limit: Said,
    },
    #[error(
        "{path} has no data: it is empty or holds only blank rows; check that it is the right file, with the data on its first sheet"
    )]
    Empty { path: PathBuf },
    #[error(
        "{path}: no header row with the required columns; missing {}. Found headers: {}. Name the columns e.g. 新媒体类型, 新媒体名称, 责任单位 (or platform, name, unit)",
        missing.join(", "),
        found.join(", ")
    )]
    MissingColumns {
        path: PathBuf,
        missing: Vec<String>,
        found: Vec<String>,
    },
    #[error("{}", rows_report(path, problems, *data_rows))]
    Rows {
        path: PathBuf,
        problems: Vec<RowProblem>,
        data_rows: usize,
    },
}

fn rows_report(path: &std::path::Path, problems: &[RowProblem], data_rows: usize) -> String {
    let mut s = format!(
        "{}: {} problem{} in {data_rows} data rows; nothing was imported. Fix these and import again:",
        path.display(),
        problems.len(),
        if problems.len() == 1 { "" } else { "s" }
    );
    for p in problems {
        s += &format!("\n  {p}");
    }
    s
}
