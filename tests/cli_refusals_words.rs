//! Issue 8 §3 on the refusals the other CLI tests do not reach: with the interface in Chinese,
//! option values, panel files, metrics and score imports, renames, deletions and unwritable
//! outputs are refused in Chinese (the shared runner's check, collected over every case), and
//! the same refusals stay English with `--lang en`.

mod common_cli;

use std::path::Path;

use common_cli::{Assay, english_in, english_run};

fn p(path: &Path) -> String {
    path.to_str().expect("utf-8 path").to_string()
}

/// The refusals, each with the text its Chinese message must hold.
fn cases(dir: &Path) -> Vec<(Vec<String>, &'static str)> {
    let write = |name: &str, text: &str| {
        let f = dir.join(name);
        std::fs::write(&f, text).expect("write");
        p(&f)
    };
    let posts = write(
        "posts.csv",
        "platform,account,published,headline,reads,likes\n火星,丽水发布,昨天,也许,很多,-1\n微信,无此号,2024-06-17 19:21,1,10,1\n",
    );
    let weekly = write(
        "weekly.csv",
        "platform,account,week,followers,messages,replies,reply_hours\n微信,丽水发布,2024-06-17,10,5,9,-3\n",
    );
    let headless = write("headless.csv", "甲,乙\n1,2\n");
    let scores = write(
        "scores.csv",
        "round,platform,account,evaluator,indicator,value,count,veto,na,note,evidence\n别的轮次,微信,丽水发布,王敏,update_slow,,0,,,,\n2024年第四季度全面检查,微信,无此号,王敏,update_slow,,0,,,,\n2024年第四季度全面检查,微信,丽水发布,王敏,no_such,,0,,,,\n",
    );
    let values = write(
        "values.csv",
        "round,platform,account,evaluator,indicator,value,count,veto,na\n2024年第四季度全面检查,火星,丽水发布,,update_slow,很多,x,,也许\n",
    );
    let no_columns = write("no-columns.csv", "轮次,平台\nR,微信\n");
    let corrupt = write("corrupt.panel", "hello");
    let missing = p(&dir.join("missing.csv"));
    let nowhere = p(&dir.join("no/such/dir/out.csv"));
    let r = "2024年第四季度全面检查";
    let v = |a: &[&str]| a.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    vec![
        (
            v(&["report", "--round", r, "--by", "colour"]),
            "未知的分组“colour”",
        ),
        (
            v(&["report", "--round", r, "--combine", "avg"]),
            "未知的合并方式",
        ),
        (
            v(&["report", "--round", r, "--rollup-rule", "max"]),
            "未知的汇总规则",
        ),
        (
            v(&["report", "--round", r, "--format", "csv", "--out", &nowhere]),
            "无法写入",
        ),
        (v(&["ops", "--round", r, "--by", "galaxy"]), "未知的分组"),
        (
            v(&["ops", "--round", r, "--week-start", "someday"]),
            "未知的星期",
        ),
        (
            v(&["ops", "--round", r, "--formula", &missing]),
            "既不是内置公式",
        ),
        (
            v(&["panel", "config", "--round", r, "--method", "vote"]),
            "未知的合并方法",
        ),
        (
            v(&["panel", "config", "--round", r, "--veto", "some"]),
            "未知的否决规则",
        ),
        (v(&["panel", "merge", &missing]), "无法读取"),
        (v(&["panel", "merge", &corrupt]), "不是评审组导出文件"),
        (
            v(&[
                "panel", "merge", &corrupt, "--take", "mine", "--reason", "x",
            ]),
            "--take",
        ),
        (v(&["metrics", "import", &missing]), "无法读取"),
        (v(&["metrics", "import", &posts]), "“昨天”不是时间"),
        (v(&["metrics", "import", &weekly]), "回复数不能多于留言数"),
        (v(&["metrics", "import", &headless]), "找不到含账号列"),
        (
            v(&["score", "import", &scores, "--round", r]),
            "是另一个轮次",
        ),
        (v(&["score", "import", &values, "--round", r]), "不是数字"),
        (v(&["score", "import", &no_columns, "--round", r]), "缺少列"),
        (v(&["round", "rename", "1", r]), "已被使用"),
        (v(&["round", "delete", r]), "--force"),
        (v(&["gen", "--accounts", "1"]), "已有"),
    ]
}

#[test]
fn refusals_are_chinese_by_default_and_english_on_request() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path();
    let db = dir.join("demo.db");
    let out = Assay::db(&db).args(["demo", "--print"]).output();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut failures = Vec::new();
    for (args, says) in cases(dir) {
        let out = Assay::db(&db).args(&args).command().output().expect("runs");
        let err = String::from_utf8_lossy(&out.stderr).into_owned();
        let line = format!("assay {}", args.join(" "));
        if out.status.success() {
            failures.push(format!("{line}: succeeded"));
        } else if let Some(english) = english_in(&out) {
            failures.push(format!("{line}: {english}"));
        } else if !err.contains(says) {
            failures.push(format!("{line}: no “{says}” in: {err}"));
        }
        let en = Assay::db(&db).arg("--lang").arg("en").args(&args).output();
        let en_err = String::from_utf8_lossy(&en.stderr);
        // In English the same refusal is an English sentence.
        if en.status.success() || english_run(&en_err).is_none() {
            failures.push(format!("{line} --lang en: {en_err}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn unwritable_outputs_name_the_missing_folder() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let db = tmp.path().join("demo.db");
    let out = Assay::db(&db).args(["demo", "--print"]).output();
    assert!(out.status.success());
    let xlsx = p(&tmp.path().join("missing/x.xlsx"));
    let r = "2024年第四季度全面检查";
    let args = ["report", "--round", r, "--format", "xlsx", "--out", &xlsx];
    let out = Assay::db(&db).args(args).output();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("无法写入") && err.contains("所在文件夹不存在"),
        "{err}"
    );
    let out = Assay::db(&db).args(["--lang", "en"]).args(args).output();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        err.trim(),
        format!(
            "error: cannot write {xlsx}: its folder does not exist; create it or pick another path"
        ),
        "said once, in English"
    );
}

#[test]
fn a_missing_file_is_said_once_in_each_language() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let db = tmp.path().join("t.db");
    let missing = p(&tmp.path().join("missing.csv"));
    for args in [
        vec!["rubric", "check", missing.as_str()],
        vec!["account", "import", missing.as_str()],
        vec!["metrics", "import", missing.as_str()],
        vec!["panel", "merge", missing.as_str()],
    ] {
        let zh = Assay::db(&db).args(&args).output();
        let err = String::from_utf8_lossy(&zh.stderr);
        assert!(err.contains("文件不存在"), "{args:?}: {err}");
        let en = Assay::db(&db).args(["--lang", "en"]).args(&args).output();
        let err = String::from_utf8_lossy(&en.stderr);
        assert_eq!(
            err.matches("the file does not exist").count(),
            1,
            "{args:?}: {err}"
        );
        assert!(!err.contains("os error"), "{args:?}: {err}");
    }
}
