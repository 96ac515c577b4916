//! Issue 8 §3 for `--help`: with the interface in Chinese every command's and every flag's
//! description reads in Chinese (no English sentence in any line of any `--help`), and every
//! flag is described.

mod common_cli;

use clap::CommandFactory;
use common_cli::{Assay, english_run};

/// Every command path of the tree: [], ["account"], ["account", "import"], …
fn paths(cmd: &clap::Command, prefix: Vec<String>, out: &mut Vec<Vec<String>>) {
    out.push(prefix.clone());
    for sub in cmd.get_subcommands() {
        if sub.get_name() == "help" {
            continue;
        }
        let mut p = prefix.clone();
        p.push(sub.get_name().to_string());
        paths(sub, p, out);
    }
}

fn all_paths() -> Vec<Vec<String>> {
    let mut out = Vec::new();
    paths(&assay::cli::Cli::command(), Vec::new(), &mut out);
    assert!(out.len() > 30, "{out:?}");
    out
}

#[test]
fn every_help_reads_in_chinese() {
    let home = tempfile::tempdir().expect("tempdir");
    let mut offenders = Vec::new();
    for path in all_paths() {
        let out = Assay::home(home.path()).args(&path).arg("--help").output();
        assert!(out.status.success(), "{path:?} --help failed");
        let text = String::from_utf8_lossy(&out.stdout).into_owned();
        for line in text.lines() {
            if let Some(run) = english_run(line) {
                offenders.push(format!(
                    "assay {} --help: \"{run}\" in: {}",
                    path.join(" "),
                    line.trim()
                ));
            }
        }
    }
    assert!(
        offenders.is_empty(),
        "{} English lines:\n{}",
        offenders.len(),
        offenders.join("\n")
    );
}

#[test]
fn english_help_stays_english() {
    let home = tempfile::tempdir().expect("tempdir");
    let out = Assay::home(home.path())
        .args(["--lang", "en", "report", "--help"])
        .output();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("Group by level, platform"), "{text}");
    assert!(text.contains("[default: table]"), "{text}");
    let out = Assay::home(home.path()).args(["report", "--help"]).output();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("[默认：table；可选：table、json、csv、md、html、xlsx]"),
        "{text}"
    );
}

#[test]
fn every_flag_is_described() {
    fn walk(cmd: &clap::Command, path: &str, bare: &mut Vec<String>) {
        for a in cmd.get_arguments() {
            let id = a.get_id().as_str();
            if id == "help" || id == "version" {
                continue;
            }
            if a.get_help().is_none() && a.get_long_help().is_none() {
                bare.push(format!("{path} {id}"));
            }
        }
        for sub in cmd.get_subcommands() {
            walk(sub, &format!("{path} {}", sub.get_name()), bare);
        }
    }
    let mut bare = Vec::new();
    walk(&assay::cli::Cli::command(), "assay", &mut bare);
    assert!(bare.is_empty(), "flags without a description: {bare:?}");
}
