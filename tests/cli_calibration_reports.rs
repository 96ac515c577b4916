//! A calibration round stays out of the live results: `annual` leaves it out (and says so, and
//! refuses a weight for it), `bulletin` refuses it, and its own report and summary are marked
//! as a calibration round in every format; unmarked, it counts again. Reports say how many
//! sheets they rest on.

use std::path::Path;

mod panels_common;
use panels_common::{assay, fails, ok};

const PRACTICE: &str = "2024年莲都区政务新媒体四维评估";

fn annual_rounds(db: &Path, weights: &[&str]) -> Vec<String> {
    let mut args = vec!["annual", "--year", "2024", "--format", "json"];
    args.extend(weights);
    let v: serde_json::Value = serde_json::from_str(&ok(db, &args)).unwrap();
    v["rounds"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["name"].as_str().unwrap().to_string())
        .collect()
}

fn calibration(db: &Path, on: &str) {
    ok(
        db,
        &["panel", "config", "--round", PRACTICE, "--calibration", on],
    );
}

#[test]
fn a_calibration_round_is_left_out_of_the_annual_and_the_bulletin_and_marked() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    ok(&db, &["demo", "--print"]);
    // The demo's two rounds use two rubrics: combined only when --weights names both.
    let err = fails(&db, &["annual", "--year", "2024", "--format", "json"]);
    assert!(
        err.contains("不同的评估表") && err.contains("--weights"),
        "{err}"
    );
    let both = [
        "--weights",
        "2024年莲都区政务新媒体四维评估=1,2024年第四季度全面检查=1",
    ];
    assert_eq!(annual_rounds(&db, &both).len(), 2, "both demo rounds count");
    calibration(&db, "on");
    assert_eq!(annual_rounds(&db, &[]), ["2024年第四季度全面检查"]);
    let out = assay(&db, &["annual", "--year", "2024"]);
    assert!(
        String::from_utf8_lossy(&out.stderr).contains(&format!("未计入的校准轮次：{PRACTICE}")),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let err = fails(
        &db,
        &[
            "annual",
            "--year",
            "2024",
            "--weights",
            &format!("{PRACTICE}=2"),
        ],
    );
    assert!(
        err.contains("校准轮次") && err.contains("--calibration off"),
        "{err}"
    );
    let err = fails(&db, &["bulletin", "--round", PRACTICE, "--format", "md"]);
    assert!(
        err.contains("校准轮次") && err.contains("--calibration off"),
        "{err}"
    );
    let json: serde_json::Value = serde_json::from_str(&ok(
        &db,
        &["report", "--round", PRACTICE, "--format", "json"],
    ))
    .unwrap();
    assert_eq!(json["calibration"], true, "marked in the JSON summary");
    assert_eq!(
        json["sheets_counted"], 180,
        "60 accounts × 3 counted sheets"
    );
    for args in [
        &["report", "--round", PRACTICE][..],
        &["report", "--round", PRACTICE, "--format", "md"],
        &["round", "summary", PRACTICE],
    ] {
        let text = ok(&db, args);
        assert!(
            text.contains("校准轮次：评估组统一评分尺度"),
            "{args:?}: {text}"
        );
    }
    let md = dir.path().join("sheet.md");
    ok(
        &db,
        &[
            "sheet",
            "--round",
            PRACTICE,
            "--account",
            "微信:莲都文旅",
            "--format",
            "md",
            "--out",
            md.to_str().unwrap(),
        ],
    );
    let sheet = std::fs::read_to_string(&md).unwrap();
    assert!(sheet.contains("（校准轮次，不计入正式结果）"), "{sheet}");
    let live = ok(&db, &["report", "--round", "2024年第四季度全面检查"]);
    assert!(!live.contains("校准轮次"), "a live round is not marked");
    calibration(&db, "off");
    assert_eq!(
        annual_rounds(&db, &both).len(),
        2,
        "unmarked, it counts again"
    );
    ok(&db, &["bulletin", "--round", PRACTICE, "--format", "md"]);
}
