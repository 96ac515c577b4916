//! The panel result feeds the reports: `panel config` changes `report --format json` for the
//! demo's four-dimension round exactly as `panel result` says (method, quorum, veto split).

mod panels_common;

use std::collections::HashMap;
use std::path::Path;

use panels_common::*;

const ROUND: &str = "2024年莲都区政务新媒体四维评估";

fn json(db: &Path, args: &[&str]) -> serde_json::Value {
    serde_json::from_str(&ok(db, args)).unwrap()
}

/// "wechat:name" → the report's account line.
fn report(db: &Path) -> HashMap<String, serde_json::Value> {
    let v = json(db, &["report", "--round", ROUND, "--format", "json"]);
    v["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let a = &r["account"];
            // Platform codes are the lowercased variant names (WeChat → wechat).
            let code = a["platform"].as_str().unwrap().to_lowercase();
            (format!("{code}:{}", a["name"].as_str().unwrap()), r.clone())
        })
        .collect()
}

fn close(a: &serde_json::Value, b: &serde_json::Value) -> bool {
    match (a.as_f64(), b.as_f64()) {
        (Some(x), Some(y)) => (x - y).abs() < 1e-3,
        _ => a.is_null() && b.is_null(),
    }
}

#[test]
fn panel_config_changes_the_report_exactly_as_panel_result_says() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    ok(&db, &["demo", "--print"]);
    let before = report(&db);
    ok(
        &db,
        &[
            "panel", "config", "--round", ROUND, "--method", "trimmed", "--quorum", "3",
        ],
    );
    let after = report(&db);
    let panel = json(
        &db,
        &["panel", "result", "--round", ROUND, "--format", "json"],
    );
    let rows = panel["accounts"].as_array().unwrap();
    assert!(!rows.is_empty());
    let mut changed = 0;
    for p in rows {
        let key = p["account"].as_str().unwrap();
        let r = &after[key];
        assert!(close(&r["points"], &p["points"]), "{key}: {r} vs {p}");
        assert!(close(&r["total"], &p["total"]), "{key}: {r} vs {p}");
        assert_eq!(r["panel"]["complete"], p["complete"], "{key}");
        assert_eq!(r["panel"]["veto_votes"], p["veto_votes"], "{key}");
        assert_eq!(r["panel"]["vetoed"], p["vetoed"], "{key}");
        let unfinished = p["unfinished"].as_bool().unwrap();
        let open = r["verdict"] == "below_quorum" || r["verdict"] == "unscored";
        assert_eq!(open, unfinished, "{key}");
        if !close(&before[key]["points"], &r["points"]) {
            changed += 1;
        }
    }
    assert!(
        changed > 0,
        "the trimmed mean changes some account's points"
    );
    // The veto rule: with `all`, the demo's split veto (some evaluators, not all) no longer
    // fails the account; the hits are kept as overruled, beside the split.
    ok(&db, &["panel", "config", "--round", ROUND, "--veto", "all"]);
    let all = report(&db);
    let split: Vec<&serde_json::Value> = all
        .values()
        .filter(|r| {
            let v = r["panel"]["veto_votes"].as_u64().unwrap();
            v > 0 && v < r["panel"]["complete"].as_u64().unwrap()
        })
        .collect();
    assert!(!split.is_empty(), "the demo plants a split veto");
    for r in split {
        assert!(r["vetoes"].as_array().unwrap().is_empty(), "{r}");
        assert!(!r["overruled"].as_array().unwrap().is_empty(), "{r}");
    }
}

#[test]
fn a_trimmed_mean_below_a_quorum_of_three_is_refused_not_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    ok(&db, &["demo", "--print"]);
    let err = fails(
        &db,
        &[
            "--lang",
            "en",
            "report",
            "--round",
            ROUND,
            "--combine",
            "trimmed",
        ],
    );
    assert!(err.contains("--quorum 3"), "{err}");
    let err = fails(&db, &["report", "--round", ROUND, "--combine", "trimmed"]);
    assert!(err.contains("至少 3 份"), "{err}");
}
