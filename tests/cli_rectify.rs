//! Issue 22 §1–2 on the demo, through the real binary: a failed account's veto is a finding with
//! a deadline counted in working days from the bulletin's date; the unit's 整改说明 and an
//! evaluator's re-check change its status and are in the ledger (a hand edit is named); an
//! appeal against the draft changes one result through the chair's consensus and the final
//! bulletin lists the change; a rejected appeal changes nothing; an appeal after the window and a
//! record on an unknown account or item are refused, naming what is wrong.

mod common_cli;
use common_cli::{fails_with, ok};

use std::path::{Path, PathBuf};

const Q4: &str = "2024年第四季度全面检查";

fn demo(dir: &Path) -> PathBuf {
    let db = dir.join("demo.db");
    ok(&db, &["demo", "--print"]);
    db
}

fn findings(db: &Path, extra: &[&str]) -> Vec<serde_json::Value> {
    let mut args = vec!["rectify", "list", "--round", Q4, "--format", "json"];
    args.extend(extra);
    serde_json::from_str(&ok(db, &args)).expect("json list")
}

fn of<'a>(
    list: &'a [serde_json::Value],
    account: &str,
    item: &str,
) -> Option<&'a serde_json::Value> {
    list.iter()
        .find(|f| f["account"]["name"] == account && f["finding"]["item"] == item)
}

#[test]
fn a_failed_account_gets_a_finding_a_deadline_a_rectification_and_a_recheck() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    // Friday 10 January 2025 + 15 working days = Friday 31 January.
    ok(
        &db,
        &[
            "round",
            "document",
            "--round",
            Q4,
            "--date",
            "2025-01-10",
            "--rectify-days",
            "15",
        ],
    );
    let all = findings(&db, &["--on", "2025-01-20"]);
    let f = of(&all, "东坑发布", "no_update").expect("the failed account's veto is a finding");
    assert_eq!(f["finding"]["kind"], "veto");
    assert_eq!(f["finding"]["name"], "内容不更新");
    assert_eq!(f["deadline"], "2025-01-31");
    assert_eq!(f["status"], "open");
    assert_eq!(f["overdue"], false);
    let vetoes = all
        .iter()
        .filter(|f| f["finding"]["kind"] == "veto")
        .count();
    assert_eq!(vetoes, 3, "one veto finding per failed account");
    assert!(all.len() > vetoes, "deductions are findings too");
    // The bulletin's 整改要求 counts the deductions with the deadline (the rectification report
    // lists them).
    let md = ok(&db, &["bulletin", "--round", Q4, "--format", "md"]);
    let demand = format!("扣分问题{}项", all.len() - vetoes);
    assert!(md.contains(&demand), "{demand} in:\n{md}");
    assert!(md.contains("2025年1月31日前将整改情况一并报送"), "{md}");
    let report = ok(
        &db,
        &[
            "rectify",
            "report",
            "--round",
            Q4,
            "--format",
            "md",
            "--on",
            "2025-01-20",
        ],
    );
    assert!(
        report.contains("问题清单") && report.contains("东坑发布"),
        "{report}"
    );

    ok(
        &db,
        &[
            "rectify",
            "record",
            "--round",
            Q4,
            "--account",
            "东坑发布",
            "--item",
            "内容不更新",
            "--note",
            "已恢复每周更新并建立值班制度",
            "--evidence",
            "https://example.gov.cn/a",
            "--date",
            "2025-01-20",
        ],
    );
    let f = findings(&db, &["--on", "2025-01-21"]);
    assert_eq!(
        of(&f, "东坑发布", "no_update").unwrap()["status"],
        "reported"
    );
    let out = ok(
        &db,
        &[
            "rectify",
            "recheck",
            "--round",
            Q4,
            "--account",
            "东坑发布",
            "--item",
            "no_update",
            "--result",
            "已整改",
            "--evidence",
            "复查截图.png",
            "--by",
            "王敏",
            "--date",
            "2025-01-24",
        ],
    );
    assert!(out.contains("已整改"), "{out}");
    // On 3 February the others are overdue; the rectified one is not.
    let overdue = findings(&db, &["--on", "2025-02-03", "--status", "逾期"]);
    assert!(of(&overdue, "东坑发布", "no_update").is_none());
    assert!(of(&overdue, "遂昌住建", "no_interaction").is_some());
    let done = findings(&db, &["--status", "已整改", "--unit", "东坑镇"]);
    assert_eq!(done.len(), 1, "{done:?}");
    // The table names the status in Chinese.
    let table = ok(
        &db,
        &[
            "rectify",
            "list",
            "--round",
            Q4,
            "--unit",
            "东坑镇",
            "--on",
            "2025-02-03",
        ],
    );
    assert!(
        table.contains("已整改") && table.contains("复查"),
        "{table}"
    );

    // The records are in the ledger: clean now, a hand edit named.
    ok(&db, &["audit", "verify"]);
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.execute(
        "UPDATE rectifications SET result = 'rectified' WHERE result IS NULL",
        [],
    )
    .unwrap();
    drop(conn);
    let err = fails_with(&db, &["audit", "verify"], 1);
    assert!(err.contains("整改与申诉记录"), "{err}");
}

#[test]
fn rectify_on_an_unknown_account_or_item_exits_1_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let err = fails_with(
        &db,
        &[
            "rectify",
            "record",
            "--round",
            Q4,
            "--account",
            "没有这个号",
            "--item",
            "no_update",
            "--note",
            "x",
        ],
        1,
    );
    assert!(err.contains("没有这个号"), "{err}");
    let err = fails_with(
        &db,
        &[
            "rectify",
            "record",
            "--round",
            Q4,
            "--account",
            "东坑发布",
            "--item",
            "不存在的指标",
            "--note",
            "x",
        ],
        1,
    );
    assert!(
        err.contains("不存在的指标") && err.contains("内容不更新"),
        "{err}"
    );
    let err = fails_with(
        &db,
        &[
            "rectify",
            "recheck",
            "--round",
            Q4,
            "--account",
            "东坑发布",
            "--item",
            "no_update",
            "--result",
            "好了",
            "--evidence",
            "x",
            "--by",
            "王敏",
        ],
        1,
    );
    assert!(err.contains("好了") && err.contains("已整改"), "{err}");
}

/// The round's results as JSON, for comparing before and after.
fn results(db: &Path) -> String {
    ok(db, &["report", "--round", Q4, "--format", "json"])
}

#[test]
fn an_appeal_changes_one_score_and_the_final_bulletin_lists_it() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    ok(
        &db,
        &["round", "document", "--round", Q4, "--appeal-days", "5"],
    );
    ok(
        &db,
        &[
            "panel",
            "member",
            "--round",
            Q4,
            "--evaluator",
            "王敏",
            "--role",
            "chair",
        ],
    );
    let draft = ok(
        &db,
        &[
            "bulletin",
            "--round",
            Q4,
            "--format",
            "md",
            "--draft",
            "--date",
            "2025-01-06",
        ],
    );
    assert!(draft.contains("征求意见稿"), "{draft}");
    // Monday 6 January + 5 working days: Monday 13 January.
    assert!(draft.contains("2025年1月13日"), "{draft}");

    // Refused after the window, naming it.
    let err = fails_with(
        &db,
        &[
            "appeal",
            "file",
            "--round",
            Q4,
            "--account",
            "东坑发布",
            "--item",
            "no_update",
            "--reason",
            "监测前一周有更新",
            "--date",
            "2025-01-14",
        ],
        1,
    );
    assert!(
        err.contains("5 个工作日") && err.contains("2025-01-13"),
        "{err}"
    );

    // Upheld: nothing changes.
    ok(
        &db,
        &[
            "appeal",
            "file",
            "--round",
            Q4,
            "--account",
            "微信:遂昌住建",
            "--item",
            "no_interaction",
            "--reason",
            "留言功能已开通",
            "--date",
            "2025-01-08",
        ],
    );
    let before = results(&db);
    let out = ok(
        &db,
        &[
            "appeal",
            "decide",
            "--id",
            "1",
            "--upheld",
            "--rationale",
            "复核截图显示留言入口不可用",
            "--chair",
            "王敏",
        ],
    );
    assert!(out.contains("维持"), "{out}");
    assert_eq!(results(&db), before, "a rejected appeal changes nothing");

    // Changed: the veto is lifted through the chair's consensus.
    ok(
        &db,
        &[
            "appeal",
            "file",
            "--round",
            Q4,
            "--account",
            "东坑发布",
            "--item",
            "内容不更新",
            "--reason",
            "监测时间点前一周有更新",
            "--evidence",
            "更新记录.png",
            "--date",
            "2025-01-13",
        ],
    );
    // The final bulletin waits for the decision.
    let err = fails_with(
        &db,
        &[
            "bulletin",
            "--round",
            Q4,
            "--format",
            "md",
            "--date",
            "2025-01-15",
        ],
        1,
    );
    assert!(err.contains("未裁定"), "{err}");
    let out = ok(
        &db,
        &[
            "appeal",
            "decide",
            "--id",
            "2",
            "--changed",
            "无",
            "--rationale",
            "核实监测时间点前2周内有更新",
            "--chair",
            "王敏",
        ],
    );
    assert!(out.contains("→"), "{out}");
    assert_ne!(results(&db), before, "the changed appeal moved a result");
    let list = findings(&db, &[]);
    assert!(
        of(&list, "东坑发布", "no_update").is_none(),
        "the veto is no longer a finding"
    );

    let fin = ok(
        &db,
        &[
            "bulletin",
            "--round",
            Q4,
            "--format",
            "md",
            "--date",
            "2025-01-15",
        ],
    );
    assert!(
        !fin.contains("征求意见稿）"),
        "the final bulletin is no draft"
    );
    assert!(fin.contains("与征求意见稿相比的变化"), "{fin}");
    let line = fin
        .lines()
        .find(|l| l.contains("东坑发布") && l.contains("内容不更新"))
        .unwrap_or_else(|| panic!("no change line for 东坑发布:\n{fin}"));
    assert!(
        line.contains("单项否决")
            && line.contains("→ 无问题")
            && line.contains("核实监测时间点前2周内有更新"),
        "{line}"
    );
    assert!(
        !fin.lines()
            .any(|l| l.contains("遂昌住建") && l.contains("→")),
        "the upheld appeal is not a change"
    );
    // A re-issued bulletin carries the same changes; appeals are closed.
    let again = ok(
        &db,
        &[
            "bulletin",
            "--round",
            Q4,
            "--format",
            "md",
            "--date",
            "2025-01-15",
        ],
    );
    assert!(again.contains("核实监测时间点前2周内有更新"));
    let err = fails_with(
        &db,
        &[
            "appeal",
            "file",
            "--round",
            Q4,
            "--account",
            "微信:遂昌住建",
            "--item",
            "no_interaction",
            "--reason",
            "再申诉",
            "--date",
            "2025-01-09",
        ],
        1,
    );
    assert!(err.contains("申诉复核已结束"), "{err}");
    ok(&db, &["audit", "verify"]);
}
