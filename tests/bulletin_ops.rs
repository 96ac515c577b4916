//! The bulletin's operations section on the real binary: the demo round has metrics, so its
//! bulletin lists the flagged accounts with their streaks (Markdown and HTML, zh and en; the XLSX
//! bulletin has the same section as a sheet); a round
//! without metrics has no such section.

mod common_cli;

/// Runs a command that must succeed; its standard output.
fn assay(db: &std::path::Path, args: &[&str]) -> String {
    common_cli::ok(db, args)
}

#[test]
fn the_demo_bulletin_has_an_operations_section_in_both_languages() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    assay(&db, &["demo", "--print"]);
    let md = assay(&db, &["bulletin", "--round", "2", "--format", "md"]);
    let at = md.find("## 六、运营监测").expect("operations section");
    let section = &md[at..];
    assert!(section.contains("| 账号 | 地区 | 预警 |"), "{section}");
    assert!(section.contains("连续低于均值"), "{section}");
    // Every flagged line names its streak as running / longest.
    let rows: Vec<&str> = section
        .lines()
        .filter(|l| l.starts_with("| ") && !l.starts_with("| 账号"))
        .collect();
    // The first 20 are named, the rest counted (the demo round flags more than 20).
    assert_eq!(rows.len(), 20, "{section}");
    assert!(section.contains("个预警账号未列出"), "{section}");
    for r in &rows {
        assert!(r.contains(" / "), "{r}");
    }
    let en = assay(
        &db,
        &["bulletin", "--round", "2", "--format", "md", "--lang", "en"],
    );
    assert!(en.contains("## 6. Operations"), "{en}");
    assert!(en.contains("below average"));
    let html = assay(&db, &["bulletin", "--round", "2", "--format", "html"]);
    assert!(html.contains("<h2>六、运营监测</h2>"));
}

#[test]
fn a_round_without_metrics_has_no_operations_section() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("g.db");
    assay(
        &db,
        &[
            "gen",
            "--accounts",
            "5",
            "--evaluators",
            "1",
            "--weeks",
            "0",
        ],
    );
    let md = assay(&db, &["bulletin", "--round", "1", "--format", "md"]);
    assert!(md.contains("## 一、总体情况"));
    assert!(!md.contains("运营监测"), "{md}");
}

#[test]
fn the_xlsx_bulletin_has_the_same_operations_section() {
    use calamine::{Reader, Xlsx, open_workbook};
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    assay(&db, &["demo", "--print"]);
    let md = assay(&db, &["bulletin", "--round", "2", "--format", "md"]);
    let section = &md[md.find("## 六、运营监测").expect("section")..];
    // The Markdown table's account names, in order.
    let names: Vec<String> = section
        .lines()
        .filter(|l| l.starts_with("| ") && !l.starts_with("| 账号"))
        .map(|l| l.split('|').nth(1).unwrap().trim().to_string())
        .collect();
    let out = dir.path().join("b.xlsx");
    assay(
        &db,
        &[
            "bulletin",
            "--round",
            "2",
            "--format",
            "xlsx",
            "--out",
            out.to_str().unwrap(),
        ],
    );
    let mut wb: Xlsx<_> = open_workbook(&out).expect("workbook");
    let ws = wb.worksheet_range("运营监测").expect("an operations sheet");
    let cell = |r: u32, c: u32| {
        ws.get_value((r, c))
            .map(|v| v.to_string())
            .unwrap_or_default()
    };
    assert!(cell(0, 0).contains("个有运营预警"), "{}", cell(0, 0));
    assert_eq!(cell(2, 0), "账号");
    let xlsx_names: Vec<String> = (3..3 + names.len() as u32).map(|r| cell(r, 0)).collect();
    assert_eq!(
        xlsx_names, names,
        "the same flagged accounts, in the same order"
    );
    assert!(
        cell(3, 2).contains("僵尸") || cell(3, 2).contains("休眠"),
        "{}",
        cell(3, 2)
    );
    let all: Vec<String> = (0..ws.height() as u32).map(|r| cell(r, 0)).collect();
    assert!(
        all.iter().any(|c| c.contains("个预警账号未列出")),
        "{all:?}"
    );
    assert!(all.iter().any(|c| c == "整合提示"), "{all:?}");
    assert_eq!(
        wb.sheet_names().last().map(String::as_str),
        Some("运营监测")
    );
}

#[test]
fn score_sheets_carry_the_accounts_operations_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    assay(&db, &["demo", "--print"]);
    let ops = assay(&db, &["ops", "--round", "2", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&ops).unwrap();
    let row = v["accounts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["name"] == "东坑发布")
        .unwrap();
    let md = dir.path().join("s.md");
    assay(
        &db,
        &[
            "sheet",
            "--round",
            "2",
            "--account",
            "微信:东坑发布",
            "--format",
            "md",
            "--out",
            md.to_str().unwrap(),
        ],
    );
    let text = std::fs::read_to_string(&md).unwrap();
    let line = text
        .lines()
        .find(|l| l.starts_with("- 运营监测："))
        .unwrap_or_else(|| panic!("no operations line in\n{text}"));
    assert!(line.contains("僵尸") && line.contains("休眠"), "{line}");
    let streak = row["streak"]["current"].as_u64().unwrap();
    assert!(
        line.contains(&format!("低于组均值连续 {streak} 周")),
        "{line}"
    );
    assert!(line.contains("已 26 天未更新"), "{line}");
    // A normal account: no flag, and the same line shape in the XLSX sheet.
    let out = dir.path().join("s.xlsx");
    assay(
        &db,
        &[
            "sheet",
            "--round",
            "2",
            "--account",
            "微信:丽水发布",
            "--out",
            out.to_str().unwrap(),
        ],
    );
    use calamine::{Reader, Xlsx, open_workbook};
    let mut wb: Xlsx<_> = open_workbook(&out).expect("workbook");
    let names = wb.sheet_names();
    let name = names
        .iter()
        .find(|n| n.contains("丽水发布"))
        .unwrap_or_else(|| panic!("no sheet for 丽水发布 in {names:?}"))
        .clone();
    let ws = wb.worksheet_range(&name).unwrap();
    let found = ws.rows().any(|r| {
        let cells: Vec<String> = r.iter().map(|c| c.to_string()).collect();
        cells.iter().any(|c| c.contains("运营监测")) && cells.iter().any(|c| c.contains("无预警"))
    });
    assert!(found, "no operations line in the XLSX sheet {name}");
}
