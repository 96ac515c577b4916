//! A blank score sheet comes back through `score import` whatever the names begin with: a
//! leading `'`, `-`, `=` or `@` (the CSV writer quotes formula-like cells, and Excel or WPS may
//! keep or drop a leading apostrophe), as CSV and as XLSX.

mod common_cli;
use common_cli::ok;

use std::path::Path;

const NAMES: [&str; 4] = ["'引号开头", "-减号开头", "=等号开头", "@艾特开头"];

fn round(dir: &Path) -> std::path::PathBuf {
    let db = dir.join("t.db");
    let mut csv =
        String::from("新媒体类型,新媒体名称,责任单位,行政层级,地区,业务领域,状态,开设日期\n");
    for n in NAMES {
        // Quoted for the CSV reader: a name with `"` or `,` would need it, these are plain.
        csv.push_str(&format!(
            "微博,{n},回环测试单位,县级,浙江省/丽水市/回环县,政务发布,正常,2020-01-01\n"
        ));
    }
    let accounts = dir.join("accounts.csv");
    std::fs::write(&accounts, csv).unwrap();
    ok(&db, &["account", "import", accounts.to_str().unwrap()]);
    let rubric = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/rubrics/national-inspection.ron"
    );
    ok(
        &db,
        &[
            "round",
            "create",
            "--rubric",
            rubric,
            "--date",
            "2024-12-20",
            "--region",
            "浙江省/丽水市/回环县",
            "回环轮",
        ],
    );
    db
}

/// Fills every row's count (deductions) or value with 0 and returns the rows written.
fn fill(rows: &mut [Vec<String>]) {
    for r in rows.iter_mut() {
        r[6] = "0".into();
    }
}

fn imported(db: &Path, file: &Path) -> String {
    ok(
        db,
        &[
            "score",
            "import",
            file.to_str().unwrap(),
            "--round",
            "回环轮",
        ],
    )
}

#[test]
fn blank_csv_round_trips_with_names_that_start_oddly() {
    let dir = tempfile::tempdir().unwrap();
    let db = round(dir.path());
    let blank = dir.path().join("blank.csv");
    ok(
        &db,
        &[
            "sheet",
            "--round",
            "回环轮",
            "--all",
            "--blank",
            "--evaluator=-评估人",
            "--format",
            "csv",
            "--out",
            blank.to_str().unwrap(),
        ],
    );
    let text = std::fs::read_to_string(&blank).unwrap();
    let mut r = csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let header: Vec<String> = r.headers().unwrap().iter().map(String::from).collect();
    let mut rows: Vec<Vec<String>> = r
        .records()
        .map(|x| x.unwrap().iter().map(String::from).collect())
        .collect();
    // Deduction items only (a count of 0 is a valid entry for them).
    rows.retain(|r| r[4] == "update_slow" || r[4] == "minor_errors");
    assert_eq!(rows.len(), 2 * NAMES.len(), "{text}");
    fill(&mut rows);
    // As written (with the writer's quotes) …
    let write = |name: &str, rows: &[Vec<String>]| {
        let p = dir.path().join(name);
        let mut w = csv::Writer::from_path(&p).unwrap();
        w.write_record(&header).unwrap();
        for r in rows {
            w.write_record(r).unwrap();
        }
        w.flush().unwrap();
        p
    };
    let out = imported(&db, &write("as-written.csv", &rows));
    assert!(out.contains("已导入 8 行"), "{out}");
    // … and as a spreadsheet that dropped every leading apostrophe saves it.
    let dropped: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            r.iter()
                .map(|c| c.trim_start_matches('\'').to_string())
                .collect()
        })
        .collect();
    let out = imported(&db, &write("dropped.csv", &dropped));
    assert!(out.contains("8 条与已有记录相同"), "{out}");
}

#[test]
fn blank_xlsx_round_trips_with_names_that_start_oddly() {
    let dir = tempfile::tempdir().unwrap();
    let db = round(dir.path());
    let blank = dir.path().join("blank.xlsx");
    ok(
        &db,
        &[
            "sheet",
            "--round",
            "回环轮",
            "--all",
            "--blank",
            "--evaluator",
            "'评估人",
            "--out",
            blank.to_str().unwrap(),
        ],
    );
    use calamine::{Reader, open_workbook_auto};
    let mut wb = open_workbook_auto(&blank).unwrap();
    let name = wb.sheet_names()[0].clone();
    let range = wb.worksheet_range(&name).unwrap();
    let mut rows: Vec<Vec<String>> = range
        .rows()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect();
    let header = rows.remove(0);
    let names: Vec<&str> = rows.iter().map(|r| r[2].as_str()).collect();
    for n in NAMES {
        assert!(
            names.contains(&n),
            "{n} kept as it is in the workbook: {names:?}"
        );
    }
    rows.retain(|r| r[4] == "update_slow");
    fill(&mut rows);
    let mut book = rust_xlsxwriter::Workbook::new();
    let ws = book.add_worksheet();
    for (c, h) in header.iter().enumerate() {
        ws.write_string(0, c as u16, h).unwrap();
    }
    for (i, r) in rows.iter().enumerate() {
        for (c, v) in r.iter().enumerate() {
            ws.write_string(i as u32 + 1, c as u16, v).unwrap();
        }
    }
    let back = dir.path().join("back.xlsx");
    book.save(&back).unwrap();
    let out = imported(&db, &back);
    assert!(out.contains("已导入 4 行"), "{out}");
}
