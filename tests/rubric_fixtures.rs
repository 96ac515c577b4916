//! Every broken rubric in tests/fixtures/rubrics fails with its own precise message and position.
//! Each fixture ends with a comment `// expect: LINE:COLUMN: MESSAGE` naming its single error.

use std::path::PathBuf;

use assay::domain::rubric::parse;

fn fixtures() -> Vec<PathBuf> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/rubrics");
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("fixture folder")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "ron"))
        .collect();
    v.sort();
    v
}

#[test]
fn each_broken_rubric_fails_with_its_own_message_and_position() {
    let files = fixtures();
    assert!(files.len() >= 15, "only {} fixtures", files.len());
    let mut messages = Vec::new();
    for p in files {
        let name = p
            .file_name()
            .and_then(|n| n.to_str())
            .expect("name")
            .to_string();
        let src = std::fs::read_to_string(&p).expect("read");
        let expect = src
            .lines()
            .find_map(|l| l.strip_prefix("// expect: "))
            .unwrap_or_else(|| panic!("{name} has no `// expect:` line"))
            .to_string();
        let errs = parse(&src, &name).expect_err(&name).errors;
        assert_eq!(errs.len(), 1, "{name}: expected one error, got {errs:?}");
        let e = &errs[0];
        let got = format!("{}:{}: {}", e.line, e.column, e.message);
        assert_eq!(got, expect, "{name}");
        assert!(!e.hint.is_empty(), "{name}: no hint");
        assert!(
            e.to_string()
                .starts_with(&format!("{name}:{}:{}: ", e.line, e.column))
        );
        messages.push(e.message.clone());
    }
    let mut unique = messages.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), messages.len(), "two fixtures share a message");
}

#[test]
fn validation_reports_every_problem_not_just_the_first() {
    let src = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/rubrics/cap_below_per.ron"
    ))
    .expect("read")
    .replace("gate: 8", "gate: 12")
    .replace("reasons: [\"两周无更新\"]", "reasons: []");
    let errs = parse(&src, "many.ron").expect_err("invalid").errors;
    assert_eq!(errs.len(), 3, "{errs:?}");
    let lines: Vec<usize> = errs.iter().map(|e| e.line).collect();
    assert!(
        lines.windows(2).all(|w| w[0] <= w[1]),
        "errors are in file order: {lines:?}"
    );
}
