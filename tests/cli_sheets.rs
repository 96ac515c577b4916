//! Score sheets, the bulletin and the annual assessment through the real binary on the demo
//! database; every written workbook is read back with calamine and compared with the engine.

mod common_cli;
use common_cli::{assay, ok};

use std::path::{Path, PathBuf};

use calamine::{Data, Reader, open_workbook_auto};

/// A demo database and the ids of its two rounds (four-dimension, Q4 inspection).
fn demo() -> (tempfile::TempDir, PathBuf, String, String) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    ok(&db, &["demo", "--print"]);
    let rounds: serde_json::Value =
        serde_json::from_str(&ok(&db, &["round", "list", "--format", "json"])).unwrap();
    let id = |needle: &str| {
        rounds
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["name"].as_str().unwrap().contains(needle))
            .map(|r| r["id"].to_string())
            .unwrap()
    };
    let (four, q4) = (id("四维"), id("第四季度"));
    (dir, db, four, q4)
}

fn num(d: &Data) -> Option<f64> {
    match d {
        Data::Float(x) => Some(*x),
        Data::Int(x) => Some(*x as f64),
        _ => None,
    }
}

fn text(d: &Data) -> String {
    match d {
        Data::String(s) => s.clone(),
        Data::Empty => String::new(),
        other => other.to_string(),
    }
}

/// The engine's total for an account from `explain --format json` (one evaluator).
fn engine_total(db: &Path, round: &str, account: &str) -> f64 {
    let v: serde_json::Value = serde_json::from_str(&ok(
        db,
        &[
            "explain",
            "--round",
            round,
            "--account",
            account,
            "--format",
            "json",
        ],
    ))
    .unwrap();
    let o = &v[0]["outcome"];
    o["total"]
        .as_f64()
        .unwrap_or_else(|| panic!("no numeric total in {o}"))
}

#[test]
fn round_workbook_reads_back_with_the_engine_numbers() {
    let (dir, db, _, q4) = demo();
    let out = dir.path().join("sheets");
    ok(
        &db,
        &[
            "sheet",
            "--round",
            &q4,
            "--all",
            "--format",
            "xlsx",
            "--out",
            out.to_str().unwrap(),
        ],
    );
    let files: Vec<PathBuf> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(files.len(), 1, "{files:?}");
    let mut wb = open_workbook_auto(&files[0]).unwrap();
    let names = wb.sheet_names();
    assert_eq!(names[0], "汇总", "the summary sheet comes first");
    assert_eq!(names.len(), 1 + 445);
    for n in &names {
        assert!(
            n.chars().count() <= 31 && !n.contains(['[', ']', ':', '*', '?', '/', '\\']),
            "{n}"
        );
    }
    let summary = wb.worksheet_range("汇总").unwrap();
    let rows: Vec<&[Data]> = summary.rows().collect();
    let head = rows
        .iter()
        .position(|r| text(&r[0]) == "账号")
        .expect("header row");
    let total_col = rows[head].iter().position(|c| text(c) == "总分").unwrap();
    let body = &rows[head + 1..];
    assert_eq!(body.len(), 445);
    // Three accounts checked against the engine: a clean one, a veto, and a deduction.
    for name in ["丽水发布", "东坑发布", "莲都发布"] {
        let row = body
            .iter()
            .find(|r| text(&r[0]) == name)
            .unwrap_or_else(|| panic!("{name} not in summary"));
        let want = engine_total(&db, &q4, name);
        let got = num(&row[total_col])
            .unwrap_or_else(|| panic!("{name}: total is not a number: {:?}", row[total_col]));
        assert!(
            (got - want).abs() < 0.005,
            "{name}: workbook {got}, engine {want}"
        );
    }
    // The account's own sheet: the total row's combined column equals the engine's total.
    let sheet = wb.worksheet_range("东坑发布").unwrap();
    let rows: Vec<&[Data]> = sheet.rows().collect();
    let head = rows
        .iter()
        .position(|r| text(&r[0]) == "指标")
        .expect("table header");
    let comb = rows[head].iter().position(|c| text(c) == "综合").unwrap();
    let total = rows.iter().find(|r| text(&r[0]) == "总分").unwrap();
    assert!((num(&total[comb]).unwrap() - engine_total(&db, &q4, "东坑发布")).abs() < 0.005);
    let verdict = rows.iter().find(|r| text(&r[0]) == "结论").unwrap();
    // A veto reads as one beside the verdict (never a bare 不合格 beside a score).
    assert_eq!(text(&verdict[comb]), "不合格（单项否决）");
    assert!(
        rows.iter()
            .any(|r| r.iter().any(|c| text(c).contains("内容不更新"))),
        "the veto and its reason are on the sheet"
    );
    assert!(
        rows.iter()
            .any(|r| text(&r[0]).starts_with("评估人（签字）")),
        "signature lines"
    );
    assert!(
        rows.iter()
            .any(|r| text(&r[0]).starts_with("复核人（签字）")),
        "signature lines"
    );
}

#[test]
fn item_points_on_the_sheet_are_the_engines() {
    let (dir, db, four, _) = demo();
    let path = dir.path().join("one.xlsx");
    ok(
        &db,
        &[
            "sheet",
            "--round",
            &four,
            "--account",
            "莲都发布",
            "--out",
            path.to_str().unwrap(),
        ],
    );
    let v: serde_json::Value = serde_json::from_str(&ok(
        &db,
        &[
            "explain",
            "--round",
            &four,
            "--account",
            "莲都发布",
            "--format",
            "json",
        ],
    ))
    .unwrap();
    let mut wb = open_workbook_auto(&path).unwrap();
    let sheet = wb.worksheet_range("莲都发布").unwrap();
    let rows: Vec<&[Data]> = sheet.rows().collect();
    let head = rows.iter().position(|r| text(&r[0]) == "指标").unwrap();
    let id_col = rows[head].iter().position(|c| text(c) == "编号").unwrap();
    let mut checked = 0;
    for x in v.as_array().unwrap() {
        let who = x["evaluator"].as_str().unwrap();
        let col = rows[head]
            .iter()
            .position(|c| text(c) == format!("{who} 得分"))
            .unwrap_or_else(|| panic!("no column for {who}"));
        for it in x["outcome"]["items"].as_array().unwrap() {
            if it["kind"] == "Veto" || it["state"] != "Scored" {
                continue;
            }
            let row = rows
                .iter()
                .find(|r| text(&r[id_col]) == it["id"].as_str().unwrap())
                .unwrap();
            let want = it["points"].as_f64().unwrap();
            assert!(
                (num(&row[col]).unwrap() - want).abs() < 0.005,
                "{who} {}: {:?} vs {want}",
                it["id"],
                row[col]
            );
            checked += 1;
        }
    }
    assert!(checked > 40, "three evaluators' items compared ({checked})");
}

#[test]
fn split_csv_markdown_and_blank_sheets() {
    let (dir, db, four, _) = demo();
    let split = dir.path().join("split");
    ok(
        &db,
        &[
            "sheet",
            "--round",
            &four,
            "--all",
            "--split",
            "--out",
            split.to_str().unwrap(),
        ],
    );
    let n = std::fs::read_dir(&split).unwrap().count();
    assert_eq!(n, 60, "one file per account");
    let csv = dir.path().join("a.csv");
    ok(
        &db,
        &[
            "sheet",
            "--round",
            &four,
            "--account",
            "莲都发布",
            "--format",
            "csv",
            "--out",
            csv.to_str().unwrap(),
        ],
    );
    let bytes = std::fs::read(&csv).unwrap();
    assert_eq!(&bytes[..3], b"\xEF\xBB\xBF", "CSV starts with a BOM");
    let md = dir.path().join("a.md");
    ok(
        &db,
        &[
            "sheet",
            "--round",
            &four,
            "--account",
            "莲都发布",
            "--format",
            "md",
            "--out",
            md.to_str().unwrap(),
        ],
    );
    let m = std::fs::read_to_string(&md).unwrap();
    assert!(
        m.contains("| 编号 |") && m.contains("复核人（签字）"),
        "{m}"
    );
    let blank = dir.path().join("blank.csv");
    ok(
        &db,
        &[
            "sheet",
            "--round",
            &four,
            "--account",
            "莲都发布",
            "--blank",
            "--evaluator",
            "新人",
            "--format",
            "csv",
            "--out",
            blank.to_str().unwrap(),
        ],
    );
    let b = std::fs::read_to_string(&blank).unwrap();
    let first = b.trim_start_matches('\u{feff}').lines().next().unwrap();
    assert!(
        first.starts_with(
            "round,platform,account,evaluator,indicator,value,count,veto,na,note,evidence"
        ),
        "{first}"
    );
    assert!(b.lines().skip(1).all(|l| l.contains(",新人,")));
    // An App-only item does not appear on a WeChat account's blank sheet.
    assert!(!b.contains(",ipv6,"));
}

#[test]
fn bulletin_in_every_format_and_the_annual_assessment() {
    let (dir, db, four, q4) = demo();
    let md = ok(&db, &["bulletin", "--round", &q4, "--format", "md"]);
    assert!(md.contains("99.3%（442/445）"), "{md}");
    assert!(md.contains("内容不更新"), "failures with their reasons");
    let html = ok(&db, &["bulletin", "--round", &q4, "--format", "html"]);
    assert!(html.contains("<svg") && html.contains("</html>"));
    let x = dir.path().join("b.xlsx");
    ok(
        &db,
        &[
            "bulletin",
            "--round",
            &q4,
            "--format",
            "xlsx",
            "--out",
            x.to_str().unwrap(),
        ],
    );
    let mut wb = open_workbook_auto(&x).unwrap();
    let failed = wb.worksheet_range("附件1 不合格政务新媒体名单").unwrap();
    let rows: Vec<&[Data]> = failed.rows().collect();
    let head = rows.iter().position(|r| text(&r[0]) == "序号").unwrap();
    assert_eq!(rows.len() - head - 1, 3, "three failures under the header");
    // The evaluation and the inspection use different rubrics: combined only when --weights
    // names them, otherwise refused with the reason.
    let refused = assay(&db, &["annual", "--year", "2024", "--format", "json"]);
    assert_eq!(refused.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("--weights"));
    let weights = format!("{four}=1,{q4}=1");
    let y: serde_json::Value = serde_json::from_str(&ok(
        &db,
        &[
            "annual",
            "--year",
            "2024",
            "--weights",
            &weights,
            "--format",
            "json",
        ],
    ))
    .unwrap();
    assert_eq!(y["rounds"].as_array().unwrap().len(), 2);
    // Q4's three vetoes; the four-dimension round's unreconciled split veto is 待复核, an open
    // question, not a veto.
    assert_eq!(y["vetoes"].as_array().unwrap().len(), 3);
    let pending = (y["accounts"].as_array().unwrap().iter())
        .filter(|a| (a["states"].as_array().unwrap().iter()).any(|s| s == "pending_review"))
        .count();
    assert_eq!(pending, 1, "the split veto waits for the chair");
    let full = y["full_every_check"].as_u64().unwrap();
    let by_hand = y["accounts"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["full_every_check"] == true)
        .count() as u64;
    assert_eq!(full, by_hand);
    let out = assay(&db, &["annual", "--year", "2031"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("2031"));
    let out = assay(&db, &["annual", "--year", "2024", "--weights", "不存在=2"]);
    assert_eq!(out.status.code(), Some(1));
}
