//! The shared runner's English check itself (tests/common_cli): the heuristic catches English
//! sentences and passes Chinese with Latin values in it, and a Chinese run that printed English
//! fails its test.

mod common_cli;
use common_cli::{Assay, check_chinese, english_run};

#[test]
fn the_english_check_catches_english_errors() {
    assert!(english_run("error: value 25 is outside 0..=20").is_some());
    assert!(english_run("unknown field `foo`, expected one of `id`, `name`").is_some());
    assert!(english_run("第3行：unknown field foo in Category").is_some());
    assert!(english_run("错误：value is outside 0–5").is_some());
    assert!(english_run("7 accounts read (encoding UTF-8)").is_some());
}

#[test]
fn the_shared_runner_fails_a_chinese_run_that_prints_english() {
    let home = tempfile::tempdir().expect("tempdir");
    let missing = home.path().join("missing.ron");
    let args = ["--lang", "en", "rubric", "check", missing.to_str().unwrap()];
    // Run in English, the runner leaves it alone …
    let out = Assay::home(home.path()).args(args).output();
    assert_eq!(out.status.code(), Some(1));
    // … but the same output from a run in Chinese fails the test, naming the command.
    let caught = std::panic::catch_unwind(|| check_chinese(&["rubric".to_string()], &out));
    let why = caught.expect_err("English passed the check");
    let text = why.downcast_ref::<String>().cloned().unwrap_or_default();
    assert!(
        text.contains("assay rubric") && text.contains("English on stderr"),
        "{text}"
    );
}

#[test]
fn the_english_check_passes_chinese_with_latin_values() {
    assert_eq!(english_run("文件 rubrics/a b.ron 第3行：…"), None);
    assert_eq!(
        english_run("用 assay account list --search 文字 查找"),
        None
    );
    assert_eq!(
        english_run("用 `assay account list --search 文字` 查找"),
        None
    );
    assert_eq!(english_run("格式应为 UTF-8 或 GBK 的 CSV 文件"), None);
    assert_eq!(english_run("账号“Shanghai Daily News”不存在"), None);
    assert_eq!(english_run("见 https://example.org/a/b c 说明"), None);
    assert_eq!(
        english_run("--round Q1 --account 测试发布 --evaluator 张三"),
        None
    );
    assert_eq!(english_run("平台 WeChat、Weibo、Douyin"), None);
}
