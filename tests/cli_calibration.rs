//! Calibration rounds on the real binary: `panel config --calibration on|off` marks a round, and
//! `panel calibration` reads back the agreement per indicator and each evaluator's offset on
//! Shrout & Fleiss's six targets × four judges (offsets computed by hand from the column means).

mod panels_common;
use panels_common::{RUBRIC, ok, scores_csv, setup, sf_rows};

fn calibration(db: &std::path::Path) -> serde_json::Value {
    let out = ok(
        db,
        &[
            "panel",
            "calibration",
            "--round",
            "一致性",
            "--format",
            "json",
        ],
    );
    serde_json::from_str(&out).expect("json")
}

#[test]
fn a_calibration_round_shows_agreement_and_offsets() {
    let dir = tempfile::tempdir().unwrap();
    let db = setup(dir.path(), "cal", RUBRIC);
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
    assert_eq!(calibration(&db)["calibration_round"], false);
    let out = ok(
        &db,
        &[
            "panel",
            "config",
            "--round",
            "一致性",
            "--calibration",
            "on",
        ],
    );
    assert!(out.contains("是校准轮次"), "{out}");
    let c = calibration(&db);
    assert_eq!(c["calibration_round"], true);
    assert_eq!(c["accounts"].as_array().unwrap().len(), 6);
    let x = &c["indicators"][0];
    assert_eq!(x["indicator"], "x");
    let icc2 = x["icc"]["ICC2"]["value"].as_f64().unwrap();
    assert!(
        (icc2 - 0.2898).abs() < 1e-4,
        "Shrout & Fleiss ICC(2,1) {icc2}"
    );
    // Column means 46/6, 15/6, 26/6, 40/6: J1 is 46/6 − (15+26+40)/18 = 19/6 above the others,
    // J2 15/6 − (46+26+40)/18 = −67/18 below them.
    let off = |j: usize| c["offsets"][j]["mean_deviation"].as_f64().unwrap();
    assert_eq!(c["offsets"][0]["rater"], "J1");
    assert!((off(0) - 19.0 / 6.0).abs() < 1e-3, "{}", off(0));
    assert!((off(1) + 67.0 / 18.0).abs() < 1e-3, "{}", off(1));
    let table = ok(
        &db,
        &["--lang", "en", "panel", "calibration", "--round", "一致性"],
    );
    assert!(
        table.contains("is a calibration round") && table.contains("mean deviation"),
        "{table}"
    );
    ok(
        &db,
        &[
            "panel",
            "config",
            "--round",
            "一致性",
            "--calibration",
            "off",
        ],
    );
    assert_eq!(calibration(&db)["calibration_round"], false);
}
