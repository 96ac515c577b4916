use std::io::Write;

use super::*;
use crate::domain::platform::Level;
use crate::domain::rubric;

fn file(name: &str, bytes: &[u8]) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::File::create(&path)
        .unwrap()
        .write_all(bytes)
        .unwrap();
    (dir, path)
}

const HEAD: &str = "round,platform,account,evaluator,indicator,value,count,veto,na,note,evidence\n";

#[test]
fn reads_rows_with_numbers_flags_and_evidence() {
    let text =
        format!("{HEAD}R,微信,丽水发布,王敏,x,7.5,,,,看过,a | b\nR,微博,丽水发布,李,y,,2,,是,,\n");
    let (_d, p) = file("s.csv", text.as_bytes());
    let f = read_scores(&p).unwrap();
    assert_eq!(f.rows.len(), 2);
    assert_eq!(f.rows[0].row, 2);
    assert_eq!(f.rows[0].entry.value, Some(7.5));
    assert_eq!(f.rows[0].entry.evidence, vec!["a", "b"]);
    assert_eq!(f.rows[1].entry.count, Some(2));
    assert!(f.rows[1].entry.na);
    assert_eq!(f.rows[1].platform, Platform::Weibo);
}

#[test]
fn reads_gbk_with_chinese_headers() {
    let text = "轮次,平台,账号,评估人,指标,分值\nR,微信,丽水发布,王敏,x,3\n";
    let (gbk, _, _) = encoding_rs::GBK.encode(text);
    let (_d, p) = file("s.csv", &gbk);
    let f = read_scores(&p).unwrap();
    assert_eq!(f.encoding, Some(Encoding::Gbk));
    assert_eq!(f.rows[0].evaluator, "王敏");
}

#[test]
fn every_bad_cell_is_reported_with_row_column_and_value() {
    let text = format!("{HEAD}R,微信,丽水发布,王敏,x,七,,,,,\nR,火星,丽水发布,,x,,-1,,也许,,\n");
    let (_d, p) = file("s.csv", text.as_bytes());
    let err = read_scores(&p).unwrap_err().to_string();
    for want in [
        "row 2, column value, value \"七\"",
        "row 3, column platform, value \"火星\"",
        "row 3, column evaluator",
        "row 3, column count, value \"-1\"",
        "row 3, column na, value \"也许\"",
        "nothing was imported",
    ] {
        assert!(err.contains(want), "{want} missing from:\n{err}");
    }
}

#[test]
fn a_file_without_the_key_columns_says_which_are_missing() {
    let (_d, p) = file("s.csv", "platform,account,value\n微信,a,1\n".as_bytes());
    let err = read_scores(&p).unwrap_err().to_string();
    assert!(err.contains("evaluator, indicator"), "{err}");
}

const RUBRIC: &str = r#"Rubric(id: "t", name: "t", version: "1", total: 10, pass_mark: 6,
    categories: [Category(id: "c", name: "c", weight: 10, indicators: [
        Range(id: "x", name: "x", max: 10, step: 1),
        Deduct(id: "d", name: "d", per: 1, cap: 5)])],
    vetoes: [Veto(id: "v", name: "v", reasons: ["造假"])])"#;

fn account(id: i64, name: &str) -> Account {
    Account {
        id,
        platform: Platform::WeChat,
        platform_label: "微信".into(),
        name: name.into(),
        unit: String::new(),
        level: Level::County,
        region: String::new(),
        domain: String::new(),
        status: String::new(),
        opened: None,
    }
}

use crate::domain::account::Account;

fn row(n: usize, account: &str, ev: &str, entry: Entry) -> ScoreRow {
    ScoreRow {
        row: n,
        round: Some("R".into()),
        platform: Platform::WeChat,
        account: account.into(),
        evaluator: ev.into(),
        entry,
    }
}

#[test]
fn resolve_checks_accounts_indicators_bounds_and_duplicates() {
    let rubric = rubric::parse(RUBRIC, "t").unwrap();
    let accounts = [account(7, "甲")];
    let v = |x: f64| Entry {
        value: Some(x),
        ..Entry::new("x")
    };
    let ok = resolve(&[row(2, "甲", "王", v(3.0))], "R", &rubric, &accounts).unwrap();
    assert_eq!(ok[0].account_id, 7);
    let mut other = row(6, "甲", "王", v(1.0));
    other.round = Some("S".into());
    let bad = [
        row(2, "甲", "王", v(11.0)),
        row(3, "乙", "王", v(1.0)),
        row(
            4,
            "甲",
            "王",
            Entry {
                value: Some(1.0),
                ..Entry::new("zz")
            },
        ),
        row(5, "甲", "李", v(2.0)),
        row(7, "甲", "李", v(2.0)),
        other,
        row(
            8,
            "甲",
            "李",
            Entry {
                veto: Some("抄袭".into()),
                ..Entry::new("v")
            },
        ),
    ];
    let problems = resolve(&bad, "R", &rubric, &accounts).unwrap_err();
    let text: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
    let all = text.join("\n");
    for want in [
        "row 2, column value, value \"11\"",
        "row 3, column account, value \"乙\"",
        "row 4, column indicator, value \"zz\"",
        // Worded in the interface language, Chinese unless a command set English.
        "row 7, column indicator, value \"x\": 与第 5 行",
        "row 6, column round, value \"S\"",
        "row 8, column veto, value \"抄袭\"",
    ] {
        assert!(all.contains(want), "{want} missing from:\n{all}");
    }
    assert_eq!(problems.len(), 6);
}

#[test]
fn reads_an_xlsx_sheet_with_numbers_as_numbers() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("scores.xlsx");
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (c, h) in ["轮次", "平台", "账号", "评估人", "指标", "分值", "次数"]
        .iter()
        .enumerate()
    {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    sheet.write_string(1, 0, "R").unwrap();
    sheet.write_string(1, 1, "抖音").unwrap();
    sheet.write_string(1, 2, "云和交警").unwrap();
    sheet.write_string(1, 3, "王敏").unwrap();
    sheet.write_string(1, 4, "d").unwrap();
    sheet.write_number(1, 6, 3.0).unwrap();
    sheet.write_string(2, 1, "微信").unwrap();
    sheet.write_string(2, 2, "云和发布").unwrap();
    sheet.write_string(2, 3, "王敏").unwrap();
    sheet.write_string(2, 4, "x").unwrap();
    sheet.write_number(2, 5, 7.5).unwrap();
    sheet.write_number(2, 6, 1.5).unwrap();
    book.save(&path).unwrap();
    let err = read_scores(&path).unwrap_err().to_string();
    assert!(err.contains("row 3, column 次数, value \"1.5\""), "{err}");
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (c, h) in ["platform", "account", "evaluator", "indicator", "count"]
        .iter()
        .enumerate()
    {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    for (c, v) in ["抖音", "云和交警", "王敏", "d"].iter().enumerate() {
        sheet.write_string(1, c as u16, *v).unwrap();
    }
    sheet.write_number(1, 4, 3.0).unwrap();
    book.save(&path).unwrap();
    let f = read_scores(&path).unwrap();
    assert_eq!(f.rows[0].platform, Platform::Douyin);
    assert_eq!(f.rows[0].entry.count, Some(3));
    assert!(f.sheet.is_some() && f.encoding.is_none());
}
