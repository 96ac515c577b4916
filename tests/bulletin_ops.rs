//! The bulletin's operations warnings on the real binary: the demo round has metrics, so its
//! bulletin counts the flagged accounts in 一、总体情况 and lists every one of them, with their
//! streaks, in an annex (Markdown, HTML and the workbook print the same list, zh and en); a
//! round without metrics has no such annex.

mod common_cli;

/// Runs a command that must succeed; its standard output.
fn assay(db: &std::path::Path, args: &[&str]) -> String {
    common_cli::ok(db, args)
}

/// The flagged accounts' names from the Markdown annex, in order.
fn flagged_names(md: &str) -> Vec<String> {
    let at = md
        .find("## 运营监测预警账号名单")
        .expect("operations annex");
    let annex = &md[at..];
    let table = &annex[annex.find("| 账号 | 地区 | 预警 |").expect("flagged table")..];
    table
        .lines()
        .skip(2)
        .take_while(|l| l.starts_with("| "))
        .map(|l| l.split('|').nth(1).unwrap().trim().to_string())
        .collect()
}

#[test]
fn the_demo_bulletin_lists_every_flagged_account_in_an_annex() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    assay(&db, &["demo", "--print"]);
    let md = assay(&db, &["bulletin", "--round", "2", "--format", "md"]);
    // The body counts them …
    let said = md
        .split("个有运营预警")
        .next()
        .and_then(|s| s.rsplit('，').next())
        .and_then(|s| s.rsplit("中").next())
        .and_then(|n| n.trim().parse::<usize>().ok())
        .expect("the body counts the flagged accounts");
    // … and the annex lists every one (none left out for a command line to find).
    let names = flagged_names(&md);
    assert_eq!(names.len(), said, "{md}");
    assert!(!md.contains("assay ops"), "no command line in a document");
    let annex = &md[md.find("## 运营监测预警账号名单").unwrap()..];
    assert!(annex.contains("连续低于均值"), "{annex}");
    assert!(annex.contains(" / "), "streaks as running / longest");
    assert!(
        annex.contains("在微信有多个账号"),
        "platforms in words: {annex}"
    );
    let en = assay(
        &db,
        &["bulletin", "--round", "2", "--format", "md", "--lang", "en"],
    );
    assert!(en.contains("## Operations warnings"), "{en}");
    assert!(en.contains("below average"));
    let html = assay(&db, &["bulletin", "--round", "2", "--format", "html"]);
    assert!(html.contains("<h1>运营监测预警账号名单</h1>"));
}

#[test]
fn a_round_without_metrics_has_no_operations_annex() {
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
fn the_xlsx_bulletin_has_the_same_flagged_accounts() {
    use calamine::{Reader, Xlsx, open_workbook};
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    assay(&db, &["demo", "--print"]);
    let md = assay(&db, &["bulletin", "--round", "2", "--format", "md"]);
    let names = flagged_names(&md);
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
    let ws = wb
        .worksheet_range("运营预警账号")
        .expect("a sheet of flagged accounts");
    let rows: Vec<Vec<String>> = ws
        .rows()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect();
    let head = rows.iter().position(|r| r[0] == "账号").expect("header");
    let xlsx_names: Vec<String> = rows[head + 1..].iter().map(|r| r[0].clone()).collect();
    assert_eq!(
        xlsx_names, names,
        "the same flagged accounts, in the same order"
    );
    assert!(
        rows[head + 1][2].contains("僵尸") || rows[head + 1][2].contains("休眠"),
        "{:?}",
        rows[head + 1]
    );
    // The text of the bulletin is the first sheet.
    assert_eq!(
        wb.sheet_names().first().map(String::as_str),
        Some("通报正文")
    );
}
