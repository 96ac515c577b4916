//! What the chair reads on the command line, on the demo: the queue by names (never platform
//! codes or item ids), the panel's rules in words, and a history in local time with its offset
//! where a bulk load, a consensus and a missing value are said in words (never `— → —`).

mod panels_common;

use panels_common::{Assay, ok};

const ROUND: &str = "2024年莲都区政务新媒体四维评估";

#[test]
fn the_chair_reads_names_rules_and_local_times() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    ok(&db, &["demo", "--print"]);
    let q = ok(&db, &["panel", "queue", "--round", ROUND]);
    assert!(
        q.contains("莲都发布（微信）") && q.contains("主题策划"),
        "{q}"
    );
    assert!(
        !q.contains("wechat:") && !q.contains("topic_planning"),
        "{q}"
    );
    ok(
        &db,
        &[
            "panel",
            "member",
            "--round",
            ROUND,
            "--evaluator",
            "陈思远",
            "--role",
            "chair",
        ],
    );
    let show = ok(&db, &["panel", "show", "--round", ROUND]);
    assert!(show.contains("结果规则：合并方法 平均"), "{show}");
    assert!(show.contains("全部账号") && !show.contains('{'), "{show}");
    ok(
        &db,
        &[
            "panel",
            "reconcile",
            "--round",
            ROUND,
            "--account",
            "微信:莲都发布",
            "--indicator",
            "topic_planning",
            "--chair",
            "陈思远",
            "--value",
            "2",
            "--rationale",
            "复核后取众数",
        ],
    );
    let out = Assay::db(&db)
        .env("TZ", "Asia/Shanghai")
        .args(["history", "--round", ROUND, "--as", "陈思远"])
        .output();
    assert!(out.status.success());
    let h = String::from_utf8(out.stdout).unwrap();
    assert!(h.contains(" +08:00"), "local time with its offset:\n{h}");
    assert!(!h.contains("Z "), "no UTC Z stamp:\n{h}");
    assert!(
        h.contains("批量载入评分") && h.contains("（全轮次）"),
        "{h}"
    );
    assert!(h.contains("载入 5457 条评分"), "{h}");
    assert!(
        h.contains("主题策划（协调结果）") && h.contains("2；理由：复核后取众数"),
        "{h}"
    );
    assert!(!h.contains("@bulk") && !h.contains("@consensus"), "{h}");
    for line in h.lines() {
        assert!(
            !line.contains("—     —"),
            "a change with nothing on either side: {line}"
        );
    }
    // Scripts keep the UTC time as stored beside the local one.
    let json = ok(
        &db,
        &[
            "history",
            "--round",
            ROUND,
            "--as",
            "陈思远",
            "--format",
            "json",
        ],
    );
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let first = &v.as_array().unwrap()[0];
    assert!(first["at"].as_str().unwrap().ends_with('Z'), "{first}");
    assert!(first["at_local"].as_str().is_some(), "{first}");
}
