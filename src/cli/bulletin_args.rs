//! The `bulletin` command's arguments: the round, the format and what the office says about the
//! document (issuer, addressee, number, dates, basis, deadline, draft).

use std::path::PathBuf;

use clap::{Args, ValueEnum};

use super::values::parse_date;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum BulletinFormat {
    Md,
    Html,
    Xlsx,
    Docx,
}

impl BulletinFormat {
    pub(super) fn ext(self) -> &'static str {
        match self {
            BulletinFormat::Md => "md",
            BulletinFormat::Html => "html",
            BulletinFormat::Xlsx => "xlsx",
            BulletinFormat::Docx => "docx",
        }
    }
}

#[derive(Debug, Args)]
pub struct BulletinArgs {
    /// Round id or name
    #[arg(long)]
    pub round: String,
    /// Output format: html (default), md, docx (a Word 公文 after GB/T 9704) or xlsx
    #[arg(long, value_enum, default_value_t = BulletinFormat::Html)]
    pub format: BulletinFormat,
    /// Output file or directory (default: standard output; required for docx and xlsx)
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// The issuing office (发文机关), e.g. 丽水市人民政府办公室
    #[arg(long)]
    pub issuer: Option<String>,
    /// The addressees (主送机关), e.g. 各县（市、区）人民政府，市政府各部门
    #[arg(long)]
    pub to: Option<String>,
    /// The document number (发文字号), e.g. 丽政办发〔2025〕1号
    #[arg(long)]
    pub number: Option<String>,
    /// The date of the document (成文日期), YYYY-MM-DD
    #[arg(long, value_parser = parse_date)]
    pub date: Option<chrono::NaiveDate>,
    /// The documents the check rests on (依据文件), e.g. 《国务院办公厅关于推进政务新媒体健康有序发展的意见》
    #[arg(long)]
    pub basis: Option<String>,
    /// The deadline for 整改, YYYY-MM-DD
    #[arg(long, value_parser = parse_date)]
    pub deadline: Option<chrono::NaiveDate>,
    /// Issue a draft for comment (征求意见稿): units may appeal its findings within the round's appeal window
    #[arg(long)]
    pub draft: bool,
}
