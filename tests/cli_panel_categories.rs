//! Per-category panel settings: `panel config --category 功能 --method median` combines that
//! category by the median and the rest by the round's method, in the report (kept and
//! recomputed alike) and `panel result`; `panel show` lists it; `--inherit` undoes it; a
//! trimmed category below a quorum of 3 and an unknown category are refused.

use std::path::Path;

mod panels_common;
use panels_common::{fails, ok, setup};

const TWO: &str = r#"Rubric(id: "two", name: "两类", version: "1", total: 20, pass_mark: 12,
    grades: [("合格", 12), ("不合格", 0)],
    categories: [
        Category(id: "f", name: "功能", weight: 10, indicators: [
            Range(id: "x", name: "功能", max: 10, step: 1)]),
        Category(id: "s", name: "服务", weight: 10, indicators: [
            Range(id: "y", name: "服务", max: 10, step: 1)]),
    ])
"#;

fn scored(dir: &Path) -> std::path::PathBuf {
    let db = setup(dir, "cat", TWO);
    let mut csv = String::from("round,platform,account,evaluator,indicator,value\n");
    for (ev, x, y) in [("J1", 2, 5), ("J2", 4, 5), ("J3", 9, 8)] {
        csv += &format!("一致性,微信,对象1,{ev},x,{x}\n一致性,微信,对象1,{ev},y,{y}\n");
    }
    let p = dir.join("two.csv");
    std::fs::write(&p, csv).unwrap();
    ok(
        &db,
        &["score", "import", p.to_str().unwrap(), "--round", "一致性"],
    );
    db
}

fn total(db: &Path, recompute: bool) -> f64 {
    let mut a = vec!["report", "--round", "一致性", "--format", "json"];
    if recompute {
        a.push("--recompute");
    }
    let v: serde_json::Value = serde_json::from_str(&ok(db, &a)).unwrap();
    let r = v["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["account"]["name"] == "对象1")
        .unwrap()
        .clone();
    r["total"].as_f64().unwrap()
}

#[test]
fn a_category_combined_by_its_own_method() {
    let dir = tempfile::tempdir().unwrap();
    let db = scored(dir.path());
    assert_eq!(total(&db, false), 11.0, "mean of 7, 9, 17");
    let out = ok(
        &db,
        &[
            "panel",
            "config",
            "--round",
            "一致性",
            "--category",
            "功能",
            "--method",
            "median",
        ],
    );
    assert!(out.contains("f 功能: 中位数"), "{out}");
    assert_eq!(
        total(&db, false),
        10.0,
        "median 4 for 功能 + mean 6 for 服务"
    );
    assert_eq!(total(&db, true), 10.0, "a recompute agrees");
    let res: serde_json::Value = serde_json::from_str(&ok(
        &db,
        &["panel", "result", "--round", "一致性", "--format", "json"],
    ))
    .unwrap();
    assert_eq!(res["accounts"][0]["total"].as_f64(), Some(10.0), "{res}");
    let show = ok(&db, &["panel", "show", "--round", "一致性"]);
    assert!(
        show.contains("单独设定合成方法的类别：f 功能: 中位数"),
        "{show}"
    );
    let json: serde_json::Value = serde_json::from_str(&ok(
        &db,
        &["panel", "show", "--round", "一致性", "--format", "json"],
    ))
    .unwrap();
    assert_eq!(json["category_methods"]["f"], "median");
    ok(
        &db,
        &[
            "panel",
            "config",
            "--round",
            "一致性",
            "--category",
            "f",
            "--inherit",
        ],
    );
    assert_eq!(total(&db, false), 11.0, "back to the round's mean");
}

#[test]
fn a_trimmed_category_needs_a_quorum_of_three_and_a_known_category() {
    let dir = tempfile::tempdir().unwrap();
    let db = scored(dir.path());
    let args = |c: &'static str, m: &'static str| {
        vec![
            "panel",
            "config",
            "--round",
            "一致性",
            "--category",
            c,
            "--method",
            m,
        ]
    };
    let err = fails(&db, &args("功能", "trimmed"));
    assert!(err.contains("--quorum 3"), "{err}");
    let err = fails(&db, &args("外观", "median"));
    assert!(err.contains("「外观」") && err.contains("f 功能"), "{err}");
    ok(
        &db,
        &["panel", "config", "--round", "一致性", "--quorum", "3"],
    );
    ok(&db, &args("功能", "trimmed"));
    assert_eq!(total(&db, false), 10.0, "trimmed of 2, 4, 9 is 4; mean 6");
}
