//! Imports and exports: account registries (CSV/XLSX in UTF-8, UTF-8 with BOM or GBK), rubric
//! files, operations metrics.

pub mod accounts;
pub mod metrics;
pub mod rubric_file;
