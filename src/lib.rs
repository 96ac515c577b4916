//! assay: score government new-media accounts against weighted RON rubrics.
//!
//! Module map:
//! - `domain`  pure model and maths: rubrics, validation, scoring engine, accounts (no I/O crates).
//! - `storage` the only module that talks SQLite (rusqlite): migrations, typed queries, history.
//! - `io`      imports of account registries (CSV/XLSX, UTF-8/BOM/GBK) and other files.
//! - `cli`     clap definitions and the subcommand handlers.
//! - `app`     TUI state, `Action`s and the key map; `ui` renders `&App`; `runtime` owns the terminal.

pub mod app;
pub mod cli;
pub mod config;
pub mod domain;
pub mod error_chain;
pub mod r#gen;
pub mod i18n;
pub mod io;
pub mod logging;
pub mod report;
pub mod runtime;
pub mod sample;
pub mod storage;
pub mod text_safety;
pub mod ui;
