//! assay: score government new-media accounts against weighted RON rubrics.
//!
//! The modules stand on floors and import only downwards (ARCHITECTURE.md; `tests/layers.rs`
//! keeps the rule), bottom to top:
//! - `i18n`, `text_safety`, `memory`  the language and message catalogue; terminal-safe text;
//!   the allocator.
//! - `config`, `domain`     the user's config file; the pure model and every rule (no I/O crates).
//! - `storage`, `io`, `logging`  the only SQLite code; files in and out; the log file.
//! - `report`, `gen`        reports from stored rounds; synthetic data.
//! - `sample`, `error_chain` the demo; what an error chain says to the user.
//! - `app`, `ui`, `runtime`, `cli`  TUI state and `Action`s; rendering `&App`; the terminal; commands.

pub mod app;
pub mod cli;
pub mod config;
pub mod domain;
pub mod error_chain;
pub mod r#gen;
pub mod i18n;
pub mod io;
pub mod logging;
pub mod memory;
pub mod report;
pub mod runtime;
pub mod sample;
pub mod storage;
pub mod text_safety;
pub mod ui;
