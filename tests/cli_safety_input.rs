//! Issue 7 §3 and §6 on the real binary: a closed pipe, no terminal, sizes gen cannot hold,
//! terminal control characters in names, an unbalanced CSV quote, explain for an evaluator
//! without a sheet and all-digit round names.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Output, Stdio};

mod common_cli;
use common_cli::Assay;

/// A run in English (these tests read the English messages) from the project root, on a private
/// HOME under `dir`.
fn cmd(dir: &Path, args: &[&str]) -> Assay {
    Assay::home(&dir.join("home"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("ASSAY_LANG", "en")
        .args(args)
}

fn run(dir: &Path, args: &[&str]) -> Output {
    cmd(dir, args).output()
}

fn err(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn demo(dir: &Path) -> PathBuf {
    let db = dir.join("demo.db");
    let o = run(dir, &["--db", db.to_str().unwrap(), "demo", "--print"]);
    assert!(o.status.success(), "{}", err(&o));
    db
}

#[test]
fn printing_commands_end_quietly_on_a_closed_pipe() {
    let tmp = tempfile::tempdir().unwrap();
    let db = demo(tmp.path());
    let db = db.to_str().unwrap();
    for args in [
        vec!["--db", db, "account", "list"],
        vec!["--db", db, "round", "summary", "2"],
        vec!["--db", db, "explain", "--round", "1", "--account", "146"],
        vec!["--db", db, "round", "list", "--format", "json"],
        vec!["rubric", "show", "rubrics/national-inspection.ron"],
        vec![
            "--db",
            tmp.path().join("d2.db").to_str().unwrap(),
            "demo",
            "--print",
        ],
        vec!["completions", "bash"],
    ] {
        let mut child = cmd(tmp.path(), &args)
            .command()
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn");
        drop(child.stdout.take()); // the reader is gone before the first line is written
        let mut stderr = String::new();
        child
            .stderr
            .take()
            .unwrap()
            .read_to_string(&mut stderr)
            .unwrap();
        let status = child.wait().unwrap();
        assert_ne!(status.code(), Some(101), "{args:?}: {stderr}");
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
        // Only notices (e.g. where the demo database was created) may reach stderr, no error.
        assert!(
            !stderr.contains("错误") && !stderr.to_lowercase().contains("error"),
            "{args:?} printed: {stderr}"
        );
    }
}

#[test]
fn the_tui_without_a_terminal_says_so_and_creates_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    for args in [vec!["tui"], vec![], vec!["demo"]] {
        let db = tmp.path().join("never.db");
        let mut all = vec!["--db", db.to_str().unwrap()];
        all.extend(args.iter().copied());
        let o = cmd(tmp.path(), &all).output();
        assert_eq!(o.status.code(), Some(1), "{args:?}: {}", err(&o));
        assert!(err(&o).contains("needs a terminal"), "{}", err(&o));
        assert!(!db.exists(), "{args:?} created the database");
    }
}

#[test]
fn gen_refuses_sizes_the_machine_cannot_hold() {
    let tmp = tempfile::tempdir().unwrap();
    let db = tmp.path().join("gen.db");
    for n in ["18446744073709551615", "1000000000000"] {
        let o = run(
            tmp.path(),
            &["--db", db.to_str().unwrap(), "gen", "--accounts", n],
        );
        assert_eq!(o.status.code(), Some(1), "{}", err(&o));
        assert!(
            err(&o).contains(n) && err(&o).contains("limit"),
            "{}",
            err(&o)
        );
        assert!(!db.exists());
    }
}

#[test]
fn names_with_terminal_controls_are_escaped_and_warned_about() {
    let tmp = tempfile::tempdir().unwrap();
    let db = tmp.path().join("c.db");
    let db = db.to_str().unwrap();
    let csv = tmp.path().join("ctl.csv");
    std::fs::write(
        &csv,
        "平台,账号名称,主办单位,层级\n微信,\u{1b}]0;pwned\u{7}坏号\u{202e},某单位\u{0},县级\n",
    )
    .unwrap();
    let o = run(
        tmp.path(),
        &[
            "--db",
            db,
            "account",
            "import",
            csv.to_str().unwrap(),
            "--region",
            "浙江省/丽水市/云和县",
        ],
    );
    assert!(o.status.success(), "{}", err(&o));
    let e = err(&o);
    assert!(
        e.contains("row 2, column B") && e.contains("U+001B") && e.contains("U+202E"),
        "{e}"
    );
    assert!(e.contains("row 2, column C") && e.contains("U+0000"), "{e}");
    let list = run(tmp.path(), &["--db", db, "account", "list"]);
    let out = String::from_utf8(list.stdout).unwrap();
    let raw: Vec<char> = out
        .chars()
        .filter(|c| c.is_control() && *c != '\n')
        .collect();
    assert!(
        raw.is_empty(),
        "raw control characters reached the terminal: {raw:?}"
    );
    assert!(!out.contains('\u{202e}'), "{out}");
    assert!(out.contains("\\u{1b}]0;pwned\\u{7}坏号\\u{202e}"), "{out}");
    let json = run(
        tmp.path(),
        &["--db", db, "account", "list", "--format", "json"],
    );
    assert!(
        String::from_utf8(json.stdout)
            .unwrap()
            .contains("\\u001b]0;pwned\\u0007")
    );
}

#[test]
fn rubric_check_and_show_escape_and_warn_with_the_line() {
    let tmp = tempfile::tempdir().unwrap();
    let src = std::fs::read_to_string("rubrics/four-dimensions.ron")
        .or_else(|_| {
            std::fs::read_to_string(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/rubrics/four-dimensions.ron"
            ))
        })
        .unwrap();
    let bad = src.replacen("定位与中心工作契合", "定位\u{202e}与中心\u{1b}[2J", 1);
    assert_ne!(bad, src);
    let line = bad.lines().position(|l| l.contains('\u{202e}')).unwrap() + 1;
    let f = tmp.path().join("bidi.ron");
    std::fs::write(&f, &bad).unwrap();
    let o = run(tmp.path(), &["rubric", "check", f.to_str().unwrap()]);
    assert!(o.status.success(), "{}", err(&o));
    assert!(
        err(&o).contains(&format!("line {line}")) && err(&o).contains("U+202E"),
        "{}",
        err(&o)
    );
    let show = run(tmp.path(), &["rubric", "show", f.to_str().unwrap()]);
    let out = String::from_utf8(show.stdout).unwrap();
    assert!(
        !out.contains('\u{1b}') && !out.contains('\u{202e}'),
        "{out}"
    );
    assert!(out.contains("定位\\u{202e}与中心\\u{1b}[2J"), "{out}");
}

#[test]
fn an_unbalanced_csv_quote_is_named_with_its_row() {
    let tmp = tempfile::tempdir().unwrap();
    let csv = tmp.path().join("q.csv");
    std::fs::write(&csv, "平台,账号名称,主办单位,层级\n微信,云和发布,县委,县级\n微信,\"丽水发布,市委,市级\n微博,丽水,市委,市级\n").unwrap();
    let db = tmp.path().join("q.db");
    let o = run(
        tmp.path(),
        &[
            "--db",
            db.to_str().unwrap(),
            "account",
            "import",
            csv.to_str().unwrap(),
            "--region",
            "浙江省/丽水市",
        ],
    );
    assert_eq!(o.status.code(), Some(1));
    let e = err(&o);
    assert!(
        e.contains("row 3") && e.contains("quote") && !e.contains("missing"),
        "{e}"
    );
}

#[test]
fn explain_for_an_evaluator_without_a_sheet_names_those_with_one() {
    let tmp = tempfile::tempdir().unwrap();
    let db = demo(tmp.path());
    let o = run(
        tmp.path(),
        &[
            "--db",
            db.to_str().unwrap(),
            "explain",
            "--round",
            "1",
            "--account",
            "146",
            "--evaluator",
            "无名氏",
        ],
    );
    assert_eq!(o.status.code(), Some(1), "{}", err(&o));
    assert!(
        err(&o).contains("无名氏") && err(&o).contains("陈思远"),
        "{}",
        err(&o)
    );
    let zh = cmd(
        tmp.path(),
        &[
            "--db",
            db.to_str().unwrap(),
            "explain",
            "--round",
            "1",
            "--account",
            "146",
            "--evaluator",
            "无名氏",
        ],
    )
    .env("ASSAY_LANG", "zh")
    .output();
    assert!(err(&zh).contains("有评分表的评估人"), "{}", err(&zh));
}

#[test]
fn all_digit_round_names_are_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let db = tmp.path().join("r.db");
    let db = db.to_str().unwrap();
    let o = run(
        tmp.path(),
        &[
            "--db",
            db,
            "account",
            "import",
            "tests/fixtures/cli/accounts.csv",
            "--region",
            "浙江省/丽水市/云和县",
        ],
    );
    assert!(o.status.success(), "{}", err(&o));
    let o = run(
        tmp.path(),
        &[
            "--db",
            db,
            "round",
            "create",
            "1",
            "--rubric",
            "rubrics/four-dimensions.ron",
            "--date",
            "2024-12-16",
        ],
    );
    assert_eq!(o.status.code(), Some(1), "{}", err(&o));
    assert!(err(&o).contains("all digits"), "{}", err(&o));
    let o = run(
        tmp.path(),
        &[
            "--db",
            db,
            "round",
            "create",
            "第1轮",
            "--rubric",
            "rubrics/four-dimensions.ron",
            "--date",
            "2024-12-16",
        ],
    );
    assert!(o.status.success(), "{}", err(&o));
}
