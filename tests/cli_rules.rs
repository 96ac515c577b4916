//! The scoring rules through the real binary: veto policies (cap, no score), vetoes never N/A by
//! hand, items that do not apply refused, provisional totals, published precision in JSON,
//! thresholds in words, and `round check`.

mod common_cli;
use common_cli::{assay, ok};

use std::path::{Path, PathBuf};

fn fixture(p: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(p)
}

struct Setup {
    dir: tempfile::TempDir,
    db: PathBuf,
}

/// The two test accounts (WeChat 测试发布, App 测试APP) and round R on rules.ron with `on_veto`.
fn setup(on_veto: &str) -> Setup {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("t.db");
    ok(&db, &["init"]);
    let accounts = fixture("cli/accounts.csv");
    ok(&db, &["account", "import", accounts.to_str().unwrap()]);
    let text = std::fs::read_to_string(fixture("cli/rules.ron")).expect("fixture");
    let rubric = dir.path().join("rules.ron");
    std::fs::write(&rubric, text.replace("ON_VETO", on_veto)).expect("write rubric");
    let r = rubric.to_str().unwrap();
    ok(
        &db,
        &[
            "round",
            "create",
            "R",
            "--rubric",
            r,
            "--date",
            "2024-06-30",
        ],
    );
    Setup { dir, db }
}

fn set_args<'a>(account: &'a str, indicator: &'a str, input: &[&'a str]) -> Vec<&'a str> {
    let mut args = vec!["score", "set", "--round", "R", "--account", account];
    args.extend(["--evaluator", "张三", "--indicator", indicator]);
    args.extend(input);
    args
}

fn set(db: &Path, account: &str, indicator: &str, input: &[&str]) {
    ok(db, &set_args(account, indicator, input));
}

fn explain_json(db: &Path, account: &str) -> (String, serde_json::Value) {
    let args = [
        "explain",
        "--round",
        "R",
        "--account",
        account,
        "--format",
        "json",
    ];
    let text = ok(db, &args);
    let v: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
    (text, v[0]["outcome"].clone())
}

/// A complete WeChat sheet: a + b points, no award, the veto hit or checked clean.
fn complete(db: &Path, a: &str, b: &str, hit: bool) {
    set(db, "测试发布", "a", &["--value", a]);
    set(db, "测试发布", "b", &["--value", b]);
    set(db, "测试发布", "award", &["--count", "0"]);
    let veto: &[&str] = if hit {
        &["--veto", "1"]
    } else {
        &["--value", "0"]
    };
    set(db, "测试发布", "stale", veto);
}

#[test]
fn a_capped_veto_keeps_a_low_total_and_caps_a_high_one() {
    let s = setup("FailCapScore(59)");
    // (3 + 0) / 30 × 100 = 10: a veto must not raise it to 59.
    complete(&s.db, "3", "0", true);
    let (_, o) = explain_json(&s.db, "测试发布");
    assert_eq!(o["total"].as_f64(), Some(10.0), "{o}");
    assert_eq!(
        (o["passed"].as_bool(), o["grade"].as_str()),
        (Some(false), Some("不合格"))
    );
    // 27 / 30 × 100 = 90 → capped at 59.
    set(&s.db, "测试发布", "a", &["--value", "20"]);
    set(&s.db, "测试发布", "b", &["--value", "7"]);
    let (_, o) = explain_json(&s.db, "测试发布");
    assert_eq!(o["total"].as_f64(), Some(59.0), "{o}");
    assert_eq!(o["unrounded"].as_f64(), Some(90.0), "{o}");
}

#[test]
fn no_score_gives_a_null_total_and_a_dash() {
    let s = setup("FailNoScore");
    complete(&s.db, "20", "7", true);
    let (_, o) = explain_json(&s.db, "测试发布");
    assert!(o["total"].is_null(), "{o}");
    let text = ok(&s.db, &["explain", "--round", "R", "--account", "测试发布"]);
    let total = text
        .lines()
        .find(|l| l.starts_with("总分"))
        .expect("total line");
    assert!(total.trim_end().ends_with("—（单项否决）"), "{text}");
    assert!(text.contains("不再评分"), "{text}");
}

#[test]
fn a_veto_cannot_be_marked_na_by_hand() {
    let s = setup("FailKeepScore");
    let out = assay(&s.db, &set_args("测试发布", "stale", &["--na"]));
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("不能手工标为不适用"), "{err}");
    let mut en = vec!["--lang", "en"];
    en.extend(set_args("测试发布", "stale", &["--na"]));
    let out = assay(&s.db, &en);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("cannot be marked N/A"), "{err}");
    // Checked clean is accepted; a non-veto item may still be N/A.
    set(&s.db, "测试发布", "stale", &["--value", "0"]);
    set(&s.db, "测试发布", "b", &["--na"]);
}

#[test]
fn entries_for_items_that_do_not_apply_are_refused() {
    let s = setup("FailKeepScore");
    let out = assay(&s.db, &set_args("测试发布", "dy_only", &["--value", "0"]));
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("dy_only") && err.contains("抖音"), "{err}");
    let (_, o) = explain_json(&s.db, "测试发布");
    assert_eq!(o["scored"].as_u64(), Some(0), "nothing was stored: {o}");
}

#[test]
fn an_incomplete_sheet_has_a_provisional_total_and_no_verdict() {
    let s = setup("FailKeepScore");
    set(&s.db, "测试发布", "a", &["--value", "20"]);
    set(&s.db, "测试发布", "b", &["--value", "10"]);
    let (_, o) = explain_json(&s.db, "测试发布");
    assert_eq!(o["total"].as_f64(), Some(100.0));
    assert_eq!(o["complete"].as_bool(), Some(false));
    assert_eq!(o["passed"].as_bool(), Some(false));
    assert!(o["grade"].is_null(), "{o}");
    let text = ok(&s.db, &["explain", "--round", "R", "--account", "测试发布"]);
    assert!(
        text.contains("暂计总分") && text.contains("尚未评完"),
        "{text}"
    );
    assert!(!text.contains("结论：合格"), "{text}");
    // The unchecked veto is what is missing: checking it completes the sheet.
    set(&s.db, "测试发布", "award", &["--count", "0"]);
    set(&s.db, "测试发布", "stale", &["--value", "0"]);
    let (_, o) = explain_json(&s.db, "测试发布");
    assert_eq!(
        (o["complete"].as_bool(), o["passed"].as_bool()),
        (Some(true), Some(true))
    );
}

#[test]
fn json_numbers_carry_no_float_noise() {
    let s = setup("FailKeepScore");
    // (10 + 0.5) / 30 × 100 = 35 exactly; (10 + 0) / 30 × 100 = 33.333…
    complete(&s.db, "10", "0", false);
    let (text, o) = explain_json(&s.db, "测试发布");
    assert_eq!(o["total"].as_f64(), Some(33.33), "{o}");
    assert_eq!(o["categories"][0]["subtotal"].as_f64(), Some(33.33), "{o}");
    // No number other than the unrounded total has more than two decimals.
    for line in text.lines().filter(|l| !l.contains("\"unrounded\"")) {
        let long = line
            .split(|c: char| !(c.is_ascii_digit() || c == '.'))
            .filter_map(|n| n.split_once('.'))
            .any(|(_, frac)| frac.len() > 2);
        assert!(!long, "noise in {line}");
    }
    assert_eq!(o["unrounded"].as_f64(), Some(33.333333), "{o}");
}

#[test]
fn rubric_show_states_thresholds_in_words() {
    let s = setup("FailCapScore(59)");
    let rubric = s.dir.path().join("rules.ron");
    let zh = ok(&s.db, &["rubric", "show", rubric.to_str().unwrap()]);
    for needle in [
        "60分及以上合格",
        "基础分高于80分计加分",
        "总分最高计 59",
        "保留 2 位小数",
    ] {
        assert!(zh.contains(needle), "missing {needle} in\n{zh}");
    }
    let en = ok(
        &s.db,
        &["--lang", "en", "rubric", "show", rubric.to_str().unwrap()],
    );
    assert!(en.contains("60 or more passes"), "{en}");
    assert!(
        en.contains("bonus counts when the base is above 80"),
        "{en}"
    );
}

#[test]
fn round_check_lists_entries_stored_around_the_rules() {
    let s = setup("FailKeepScore");
    set(&s.db, "测试发布", "a", &["--value", "10"]);
    let clean = assay(&s.db, &["round", "check", "--round", "R"]);
    assert_eq!(clean.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&clean.stdout).contains("未发现问题"));
    // Entries written before the rules existed: an App-only… rather Douyin-only veto on a
    // WeChat account, and a veto marked N/A.
    {
        use assay::domain::entry::Entry;
        let mut store = assay::storage::Store::open(&s.db).expect("open");
        let round = store.round("R").expect("round");
        let account = store.find_account("测试发布").expect("account");
        let ev = store.evaluator_id("张三").expect("evaluator");
        let bad = [
            Entry {
                value: Some(0.0),
                ..Entry::new("dy_only")
            },
            Entry {
                na: true,
                ..Entry::new("stale")
            },
        ];
        let mut rows = bad.into_iter().map(|e| (account.id, ev, e));
        store
            .bulk_entries(round.id, &mut rows)
            .expect("bulk insert");
    }
    let out = assay(&s.db, &["round", "check", "--round", "R"]);
    assert_eq!(out.status.code(), Some(1));
    let list = String::from_utf8_lossy(&out.stdout);
    assert!(list.contains("dy_only") && list.contains("抖音"), "{list}");
    assert!(
        list.contains("stale") && list.contains("不能手工标为不适用"),
        "{list}"
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("2 处"), "{err}");
    // The stored N/A does not count as checked: the sheet stays incomplete.
    let (_, o) = explain_json(&s.db, "测试发布");
    assert_eq!(o["complete"].as_bool(), Some(false), "{o}");
}
