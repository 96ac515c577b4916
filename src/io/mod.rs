//! Imports and exports: account registries (CSV/XLSX in UTF-8, UTF-8 with BOM or GBK), rubric
//! files and rubric workbooks, operations metrics, score files, panel exchange files, and the one CSV and XLSX writer
//! every export goes through (`export`).

pub mod accounts;
pub mod document;
pub mod export;
pub mod panel_file;

pub mod metrics;
pub mod rubric_file;
pub mod rubric_xlsx;
pub mod scores;
