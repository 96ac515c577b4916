//! The bulletin's operations section on the real binary: the demo round has metrics, so its
//! bulletin lists the flagged accounts with their streaks (Markdown and HTML, zh and en); a round
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
