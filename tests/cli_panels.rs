//! Panels on the real binary: score import all or nothing, agreement to the published
//! Shrout & Fleiss values, and the panel result under the round's settings.

mod panels_common;

use std::path::Path;

use panels_common::*;

#[test]
fn import_then_agreement_matches_shrout_fleiss() {
    let dir = tempfile::tempdir().unwrap();
    let db = setup(dir.path(), "sf", RUBRIC);
    let file = scores_csv(dir.path(), &sf_rows());
    ok(
        &db,
        &[
            "score",
            "import",
            file.to_str().unwrap(),
            "--round",
            "一致性",
        ],
    );
    let out = ok(
        &db,
        &[
            "panel",
            "agreement",
            "--round",
            "一致性",
            "--by",
            "indicator",
            "--format",
            "json",
        ],
    );
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let g = &v["groups"][0];
    assert_eq!(g["key"], "x");
    assert_eq!(
        (g["targets"].as_u64(), g["raters"].as_u64()),
        (Some(6), Some(4))
    );
    let want = [
        ("ICC1", 0.1657),
        ("ICC2", 0.2898),
        ("ICC3", 0.7148),
        ("ICC1k", 0.4428),
        ("ICC2k", 0.6201),
        ("ICC3k", 0.9093),
    ];
    for (k, w) in want {
        let got = g["icc"][k]["value"].as_f64().unwrap();
        assert!((got - w).abs() < 1e-4, "{k}: {got} vs {w}");
        assert_eq!(g["icc"][k]["ci95"].as_array().unwrap().len(), 2);
    }
    assert!((g["kendall_w"]["w"].as_f64().unwrap() - 0.8870).abs() < 1e-4);
    assert!((g["kendall_w"]["w_uncorrected"].as_f64().unwrap() - 0.8554).abs() < 1e-4);
    assert!((g["krippendorff_alpha"]["interval"].as_f64().unwrap() - 0.1473).abs() < 1e-4);
    let table = ok(
        &db,
        &["--lang", "en", "panel", "agreement", "--round", "一致性"],
    );
    assert!(table.contains("0.2898"), "{table}");
}

#[test]
fn import_is_all_or_nothing_with_row_column_and_value() {
    let dir = tempfile::tempdir().unwrap();
    let db = setup(dir.path(), "bad", RUBRIC);
    let file = scores_csv(dir.path(), &[(1, "J1", 5), (2, "J1", 11), (9, "J1", 3)]);
    let err = fails(
        &db,
        &[
            "--lang",
            "en",
            "score",
            "import",
            file.to_str().unwrap(),
            "--round",
            "一致性",
        ],
    );
    assert!(err.contains("row 3, column value, value \"11\""), "{err}");
    assert!(
        err.contains("row 4, column account, value \"对象9\""),
        "{err}"
    );
    let out = ok(
        &db,
        &[
            "panel",
            "agreement",
            "--round",
            "一致性",
            "--format",
            "json",
        ],
    );
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        v["groups"].as_array().unwrap().len(),
        0,
        "nothing was imported: {out}"
    );
}

#[test]
fn panel_result_follows_the_round_settings() {
    let dir = tempfile::tempdir().unwrap();
    let db = setup(dir.path(), "res", RUBRIC);
    ok(
        &db,
        &[
            "score",
            "import",
            scores_csv(dir.path(), &sf_rows()).to_str().unwrap(),
            "--round",
            "一致性",
        ],
    );
    let totals = |db: &Path| -> Vec<serde_json::Value> {
        let v: serde_json::Value = serde_json::from_str(&ok(
            db,
            &["panel", "result", "--round", "一致性", "--format", "json"],
        ))
        .unwrap();
        v["accounts"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a["total"].clone())
            .collect()
    };
    assert_eq!(
        totals(&db),
        [6.0, 3.0, 6.5, 4.0, 7.5, 4.75].map(|x| serde_json::json!(x))
    );
    ok(
        &db,
        &["panel", "config", "--round", "一致性", "--method", "median"],
    );
    assert_eq!(
        totals(&db),
        [6.5, 2.5, 7.0, 4.0, 7.5, 5.0].map(|x| serde_json::json!(x))
    );
    let err = fails(
        &db,
        &[
            "--lang",
            "en",
            "panel",
            "config",
            "--round",
            "一致性",
            "--method",
            "trimmed",
        ],
    );
    assert!(err.contains("--quorum 3"), "{err}");
    ok(
        &db,
        &[
            "panel",
            "config",
            "--round",
            "一致性",
            "--method",
            "trimmed",
            "--quorum",
            "5",
        ],
    );
    assert!(
        totals(&db).iter().all(|t| t.is_null()),
        "below quorum every account is unfinished"
    );
    let table = ok(&db, &["panel", "result", "--round", "一致性"]);
    assert!(table.contains("评分不足"), "{table}");
}
