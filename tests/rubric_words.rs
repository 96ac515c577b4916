//! `assay rubric check` on broken rubrics speaks the interface's language: with the language
//! unset (Chinese) no rubric error (syntax or validation) is an English sentence; `--lang en` keeps the English.

use std::path::Path;
use std::process::Output;

mod common_cli;
use common_cli::{Assay, english_run};

/// `assay rubric check file` on a private HOME; the shared runner checks a Chinese run for
/// English sentences.
fn check(file: &Path, lang: Option<&str>) -> Output {
    let home = tempfile::tempdir().expect("tempdir");
    let mut run = Assay::home(home.path());
    if let Some(l) = lang {
        run = run.args(["--lang", l]);
    }
    run.args(["rubric", "check"]).arg(file).output()
}

/// Every broken fixture, syntax and validation errors alike.
fn fixtures() -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/rubrics");
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("fixtures")
        .filter_map(|e| {
            let p = e.expect("entry").path();
            let name = p.file_name()?.to_str()?.strip_suffix(".ron")?.to_string();
            Some(name)
        })
        .collect();
    names.sort();
    assert!(names.len() >= 25, "{names:?}");
    names
}

#[test]
fn rubric_errors_are_chinese_by_default_and_english_on_request() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/rubrics");
    for name in fixtures() {
        let file = dir.join(format!("{name}.ron"));
        let src = std::fs::read_to_string(&file).expect("fixture");
        let expect = src
            .lines()
            .find_map(|l| l.strip_prefix("// expect: "))
            .unwrap_or_else(|| panic!("{name}: no expect line"));
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
        let out = Assay::home(&dir)
            .arg("--db")
            .arg(&db)
            .arg("gen")
            .args(&args)
            .output();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {err}");
        assert!(err.contains(says), "{args:?}: {err}");
        assert_eq!(english_run(&err), None, "English in gen {args:?}: {err}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}
