//! Rubrics to and from Excel: a rubric as a workbook (指标: one row per indicator; 基本信息: the
//! header; 维度: each dimension's settings; 填写说明: every column explained) and a workbook —
//! ours, or an office's own table with the same column names — read back into a rubric that
//! passes the rubric checks. All or nothing: every bad cell is named by sheet, row and column.

mod cells;
mod columns;
mod export;
mod header;
mod import;
mod import_sheets;

use std::fmt;
use std::path::PathBuf;

pub use export::tables;
pub use import::{Imported, read};

use crate::i18n::{Lang, msg};
use crate::io::accounts::{ImportError, Said};

pub const INDICATOR_SHEET: &str = "指标";
pub const HEADER_SHEET: &str = "基本信息";
pub const CATEGORY_SHEET: &str = "维度";
pub const GUIDE_SHEET: &str = "填写说明";

/// One problem, in a cell (`col` names its letter and header) or in a whole row.
#[derive(Debug, Clone, PartialEq)]
pub struct CellProblem {
    pub sheet: String,
    pub row: usize,
    pub col: Option<(String, String)>,
    pub message: Said,
}

impl CellProblem {
    fn localized(&self, lang: Lang) -> String {
        let at = match &self.col {
            Some((letter, header)) => msg::cell_at(lang, &self.sheet, self.row, letter, header),
            None => msg::row_at(lang, &self.sheet, self.row),
        };
        format!("{at}{}{}", lang.pick("：", ": "), self.message.pick(lang))
    }
}

/// Why a workbook was not read (its Display is English; [`RubricXlsxError::localized`] words
/// it in either language).
#[derive(Debug)]
pub enum RubricXlsxError {
    /// The workbook cannot be read at all (missing, not a workbook, too large).
    Read(ImportError),
    /// The indicator sheet has no header row with 指标 and 类型.
    NoHeader { path: PathBuf, sheet: String },
    /// The indicator sheet has a header but no indicator.
    NoRows { path: PathBuf, sheet: String },
    /// Cells that do not read (numbers, kinds, platforms, …).
    Cells {
        path: PathBuf,
        problems: Vec<CellProblem>,
    },
    /// The rubric read fails the rubric checks (weights, ids, ranges, …).
    Invalid {
        path: PathBuf,
        problems: Vec<CellProblem>,
    },
}

impl RubricXlsxError {
    /// The whole message in `lang` (the reader's own errors are worded by the caller).
    pub fn localized(&self, lang: Lang) -> String {
        let list = |head: String, problems: &[CellProblem]| {
            let mut s = head;
            for p in problems {
                s.push_str("\n  ");
                s.push_str(&p.localized(lang));
            }
            s
        };
        match self {
            RubricXlsxError::Read(e) => e.to_string(),
            RubricXlsxError::NoHeader { path, sheet } => {
                msg::no_indicator_sheet(lang, &path.display().to_string(), sheet)
            }
            RubricXlsxError::NoRows { path, sheet } => {
                msg::no_indicator_rows(lang, &path.display().to_string(), sheet)
            }
            RubricXlsxError::Cells { path, problems } => list(
                msg::workbook_refused(lang, &path.display().to_string(), problems.len()),
                problems,
            ),
            RubricXlsxError::Invalid { path, problems } => list(
                msg::workbook_check_failed(lang, &path.display().to_string(), problems.len()),
                problems,
            ),
        }
    }
}

impl From<ImportError> for RubricXlsxError {
    fn from(e: ImportError) -> Self {
        RubricXlsxError::Read(e)
    }
}

impl std::error::Error for RubricXlsxError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            RubricXlsxError::Read(e) => Some(e),
            _ => None,
        }
    }
}

impl fmt::Display for RubricXlsxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.localized(Lang::En))
    }
}

#[cfg(test)]
mod tests;
