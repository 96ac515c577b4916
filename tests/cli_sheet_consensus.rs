//! Score sheets show the chair's consensus beside the evaluators' own values: after
//! `assay panel reconcile`, the reconciled items carry the agreed value and the rationale (with
//! the chair's name); a sheet without a consensus keeps its columns.

use std::path::Path;

mod panels_common;
use panels_common::ok;

const ROUND: &str = "2024年莲都区政务新媒体四维评估";

fn csv_sheet(db: &Path, account: &str, out: &Path) -> Vec<Vec<String>> {
    ok(
        db,
        &[
            "sheet",
            "--round",
            ROUND,
            "--account",
            account,
            "--format",
            "csv",
            "--out",
            out.to_str().unwrap(),
        ],
    );
    let text = std::fs::read_to_string(out).unwrap();
    let mut r = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    r.records()
        .map(|x| x.unwrap().iter().map(str::to_string).collect())
        .collect()
}

#[test]
fn reconciled_items_show_consensus_and_rationale_on_the_sheet() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    ok(&db, &["demo", "--print"]);
    let before = csv_sheet(&db, "微信:莲都文旅", &dir.path().join("before.csv"));
    assert!(
        !before.iter().flatten().any(|c| c == "协调结果"),
        "no consensus column before reconciling"
    );
    ok(
        &db,
        &[
            "panel",
            "member",
            "--round",
            ROUND,
            "--evaluator",
            "主任",
            "--role",
            "chair",
        ],
    );
    for (ind, how, what, why) in [
        ("security", "--veto", "严重表述错误", "问题地图属实"),
        ("topic_planning", "--value", "2", "两人给2分"),
    ] {
        ok(
            &db,
            &[
                "panel",
                "reconcile",
                "--round",
                ROUND,
                "--account",
                "微信:莲都文旅",
                "--indicator",
                ind,
                how,
                what,
                "--rationale",
                why,
                "--chair",
                "主任",
            ],
        );
    }
    let rows = csv_sheet(&db, "微信:莲都文旅", &dir.path().join("after.csv"));
    let header = rows
        .iter()
        .find(|r| r.first().is_some_and(|c| c == "指标"))
        .expect("header row");
    let col = |name: &str| header.iter().position(|c| c == name).expect(name);
    let (value, why) = (col("协调结果"), col("协调理由"));
    assert_eq!(value + 1, why);
    assert!(why < col("备注与证据"), "consensus comes before the notes");
    // The indicator's id is the last column.
    let id_col = col("编号");
    let row = |id: &str| {
        rows.iter()
            .find(|r| r.get(id_col).is_some_and(|c| c == id))
            .expect(id)
    };
    let sec = row("security");
    assert!(sec[value].contains("严重表述错误"), "{sec:?}");
    assert_eq!(sec[why], "问题地图属实（主任）");
    let tp = row("topic_planning");
    assert!(tp[value].contains('2'), "{tp:?}");
    assert_eq!(tp[why], "两人给2分（主任）");
    let other = row("reply_quality");
    assert!(other.get(value).is_none_or(|c| c.is_empty()), "{other:?}");
    // Another account's sheet is unchanged.
    let plain = csv_sheet(&db, "莲都发布", &dir.path().join("plain.csv"));
    assert!(!plain.iter().flatten().any(|c| c == "协调结果"));
}
