//! `assay rubric check` on broken rubrics speaks the interface's language: with the language
//! unset (Chinese) no validation error is an English sentence; `--lang en` keeps the English.

use std::path::Path;
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_assay");

/// The fixtures whose error is a validation error (the RON syntax errors are not yet worded).
const VALIDATION: &[&str] = &[
    "cap_below_per",
    "duplicate_grade",
    "duplicate_id",
    "empty_category",
    "empty_id",
    "empty_veto_reasons",
    "gate_above_total",
    "grades_miss_pass_mark",
    "level_off_step",
    "level_outside_range",
    "max_not_above_min",
    "negative_value",
    "non_finite",
    "pass_mark_outside",
    "points_below_cap",
    "step_not_dividing",
    "unknown_rule",
    "veto_score_not_failing",
    "weights_total",
];

fn check(file: &Path, lang: Option<&str>) -> Output {
    let home = std::env::temp_dir().join("assay-rubric-words-home");
    let mut cmd = Command::new(BIN);
    if let Some(l) = lang {
        cmd.args(["--lang", l]);
    }
    cmd.arg("rubric")
        .arg("check")
        .arg(file)
        .env("HOME", &home)
        .env("ASSAY_CONFIG", home.join("config.ron"))
        .env_remove("ASSAY_LANG")
        .env_remove("ASSAY_DB")
        .output()
        .expect("runs assay")
}

/// A run of three or more plain ASCII words outside `backticks`: an English sentence.
fn english_run(text: &str) -> Option<String> {
    let outside: String = text.split('`').step_by(2).collect::<Vec<_>>().join(" ");
    let mut run: Vec<&str> = Vec::new();
    for token in outside.split_whitespace() {
        let word = token.trim_end_matches([',', '.', ';', ':']);
        if !word.is_empty() && word.chars().all(|c| c.is_ascii_alphabetic() || c == '\'') {
            run.push(word);
            if run.len() >= 3 {
                return Some(run.join(" "));
            }
        } else {
            run.clear();
        }
    }
    None
}

#[test]
fn validation_errors_are_chinese_by_default_and_english_on_request() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/rubrics");
    for name in VALIDATION {
        let file = dir.join(format!("{name}.ron"));
        let src = std::fs::read_to_string(&file).expect("fixture");
        let expect = src
            .lines()
            .find_map(|l| l.strip_prefix("// expect: "))
            .expect("expect line");
        let pos = expect.split(": ").next().expect("position");

        let zh = check(&file, None);
        assert_eq!(zh.status.code(), Some(1), "{name}");
        let err = String::from_utf8_lossy(&zh.stderr);
        assert!(
            err.contains(&format!("{name}.ron:{pos}：")),
            "{name}: {err}"
        );
        assert_eq!(english_run(&err), None, "English in {name}: {err}");

        let en = check(&file, Some("en"));
        assert_eq!(en.status.code(), Some(1), "{name}");
        let err = String::from_utf8_lossy(&en.stderr);
        assert!(err.contains(expect), "{name}: {err}");
    }
}

#[test]
fn gen_refusals_are_chinese_by_default() {
    let dir = std::env::temp_dir().join(format!("assay-gen-words-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let db = dir.join("g.db");
    for (args, says) in [
        (vec!["--accounts", "0"], "至少为 1"),
        (vec!["--accounts", "99999999999"], "超出本机能容纳的规模"),
    ] {
        let out = Command::new(BIN)
            .arg("--db")
            .arg(&db)
            .arg("gen")
            .args(&args)
            .env("HOME", &dir)
            .env("ASSAY_CONFIG", dir.join("config.ron"))
            .env_remove("ASSAY_LANG")
            .env_remove("ASSAY_DB")
            .output()
            .expect("runs assay");
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {err}");
        assert!(err.contains(says), "{args:?}: {err}");
        assert_eq!(english_run(&err), None, "English in gen {args:?}: {err}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}
