//! Logging to a file in the data directory (never the screen, which the TUI owns). Level from
//! `ASSAY_LOG` (e.g. `debug`), default `info`.

use std::path::PathBuf;
use std::sync::Mutex;

/// The log file: `<data dir>/assay/assay.log`.
pub fn log_path() -> Option<PathBuf> {
    crate::config::project_dirs().map(|d| d.data_dir().join("assay.log"))
}

/// Starts file logging; returns the path written to. Failing to log is not an error for the
/// user: the function then returns `None` and the app runs without a log.
pub fn init() -> Option<PathBuf> {
    let path = log_path()?;
    std::fs::create_dir_all(path.parent()?).ok()?;
    let file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(&path)
        .ok()?;
    let level = std::env::var("ASSAY_LOG")
        .ok()
        .and_then(|v| v.parse::<tracing::Level>().ok())
        .unwrap_or(tracing::Level::INFO);
    tracing_subscriber::fmt()
        .with_writer(Mutex::new(file))
        .with_ansi(false)
        .with_max_level(level)
        .try_init()
        .ok()?;
    Some(path)
}
