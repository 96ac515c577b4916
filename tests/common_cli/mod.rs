//! The real binary run as a script or an office would, with a private HOME so that no user file
//! is touched: shared by the CLI test files.
#![allow(dead_code)]

use std::path::Path;
use std::process::{Command, Output};

pub const BIN: &str = env!("CARGO_BIN_EXE_assay");

/// Runs assay on `db` with a private HOME (next to the database) and no ASSAY_DB/ASSAY_LANG.
pub fn assay(db: &Path, args: &[&str]) -> Output {
    let home = db.parent().expect("db has a parent").join("home");
    Command::new(BIN)
        .arg("--db")
        .arg(db)
        .args(args)
        .env("HOME", &home)
        .env("XDG_CONFIG_HOME", home.join(".config"))
        .env("XDG_DATA_HOME", home.join(".local/share"))
        .env("ASSAY_CONFIG", home.join("config.ron"))
        .env_remove("ASSAY_DB")
        .env_remove("ASSAY_LANG")
        .output()
        .expect("runs assay")
}

/// Runs assay and returns its standard output, failing the test when it does not succeed.
pub fn ok(db: &Path, args: &[&str]) -> String {
    let out = assay(db, args);
    assert!(
        out.status.success(),
        "assay {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8 output")
}
