//! Account registry import: seed 003's 20 Yunhe accounts from CSV in every encoding and from
//! XLSX, row-level reports, duplicates, and all-or-nothing storing.

use std::path::{Path, PathBuf};

use assay::domain::platform::{Level, Platform};
use assay::io::accounts::{
    Encoding, ImportDefaults, ImportError, read_accounts, read_accounts_report,
};
use assay::storage::{AccountFilter, Store};
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/accounts")
        .join(name)
}

fn yunhe() -> ImportDefaults {
    ImportDefaults {
        level: Some(Level::County),
        region: Some("浙江省/丽水市/云和县".into()),
        ..Default::default()
    }
}

/// The seed rows, read from the UTF-8 fixture: (platform label, name, unit).
fn seed_rows() -> Vec<[String; 3]> {
    let text = std::fs::read_to_string(fixture("yunhe-accounts.utf8.csv")).unwrap();
    let mut r = csv::Reader::from_reader(text.as_bytes());
    r.records()
        .map(|x| {
            let x = x.unwrap();
            [x[0].into(), x[1].into(), x[2].into()]
        })
        .collect()
}

fn check_yunhe(accounts: &[assay::domain::account::Account]) {
    assert_eq!(accounts.len(), 20);
    let names: Vec<&str> = accounts.iter().map(|a| a.name.as_str()).collect();
    assert!(names.contains(&"云和木玩童话小镇"), "{names:?}");
    let jiaojing: Vec<Platform> = accounts
        .iter()
        .filter(|a| a.name == "云和交警")
        .map(|a| a.platform)
        .collect();
    assert_eq!(jiaojing, [Platform::WeChat, Platform::Douyin]);
    let shanshui = accounts.iter().find(|a| a.name == "山水云和").unwrap();
    assert_eq!(shanshui.unit, "市生态环境局云和分局(县“五水共治”办公室)");
    assert_eq!(
        accounts
            .iter()
            .find(|a| a.name == "云和就业")
            .unwrap()
            .platform,
        Platform::MiniProgram
    );
    assert!(
        accounts
            .iter()
            .all(|a| a.level == Level::County && a.region == "浙江省/丽水市/云和县")
    );
    let seed = seed_rows();
    for (a, s) in accounts.iter().zip(&seed) {
        assert_eq!([&a.platform_label, &a.name, &a.unit], [&s[0], &s[1], &s[2]]);
    }
}

#[test]
fn yunhe_csv_in_every_encoding() {
    for (file, enc) in [
        ("yunhe-accounts.utf8.csv", Encoding::Utf8),
        ("yunhe-accounts.utf8bom.csv", Encoding::Utf8Bom),
        ("yunhe-accounts.gbk.csv", Encoding::Gbk),
    ] {
        let report = read_accounts_report(&fixture(file), &yunhe(), None).unwrap();
        assert_eq!(report.encoding, Some(enc), "{file}");
        assert_eq!(report.defaulted, ["行政层级", "地区"]);
        check_yunhe(&report.accounts);
        assert!(
            report.summary(assay::i18n::Lang::En).contains(enc.label()),
            "{}",
            report.summary(assay::i18n::Lang::En)
        );
    }
}

/// Writes the seed list as a workbook the way an office might: a title row, a serial-number
/// column, the headers on row 2, an 开设日期 column with real Excel dates and an unknown column.
fn write_xlsx(path: &Path) {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("名单").unwrap();
    sheet.write_string(0, 0, "云和县政务新媒体名单").unwrap();
    for (c, h) in [
        "序号",
        "新媒体类型",
        "新媒体名称",
        "责任单位",
        "开设日期",
        "备注",
    ]
    .iter()
    .enumerate()
    {
        sheet.write_string(1, c as u16, *h).unwrap();
    }
    let date = Format::new().set_num_format("yyyy-mm-dd");
    for (i, [p, n, u]) in seed_rows().iter().enumerate() {
        let r = i as u32 + 2;
        sheet.write_number(r, 0, (i + 1) as f64).unwrap();
        sheet.write_string(r, 1, p).unwrap();
        sheet.write_string(r, 2, n).unwrap();
        sheet.write_string(r, 3, u).unwrap();
        let d = ExcelDateTime::from_ymd(2021, 3, (i % 28 + 1) as u8).unwrap();
        sheet.write_datetime_with_format(r, 4, &d, &date).unwrap();
    }
    book.save(path).unwrap();
}

#[test]
fn yunhe_xlsx() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("yunhe.xlsx");
    write_xlsx(&path);
    let report = read_accounts_report(&path, &yunhe(), None).unwrap();
    check_yunhe(&report.accounts);
    assert_eq!(report.sheet.as_deref(), Some("名单"));
    assert_eq!(report.header_row, 2);
    assert_eq!(report.ignored_columns, ["序号", "备注"]);
    assert_eq!(
        report.accounts[4].opened,
        chrono::NaiveDate::from_ymd_opt(2021, 3, 5)
    );
    assert_eq!(read_accounts(&path, &yunhe()).unwrap().len(), 20);
    let err = read_accounts_report(&path, &yunhe(), Some("Sheet9"))
        .unwrap_err()
        .to_string();
    assert!(err.contains("Sheet9") && err.contains("名单"), "{err}");
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p
}

#[test]
fn a_broken_file_gets_a_row_level_report() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(
        dir.path(),
        "bad.csv",
        "平台,名称,主办单位,层级,开通时间,状态\n\
        传真,云和发布,县大数据中心,县级,2021-03-05,正常\n\
        微信,,县教育局,县级,2021/3/5,正常\n\
        微博,遇见云和,县文广旅体局,国家级,2021年3月5日,\n\
        抖音,云和文旅,县文广旅体局,,2021-13-40,\n",
    );
    let err = read_accounts(&p, &ImportDefaults::default()).unwrap_err();
    let ImportError::Rows {
        problems,
        data_rows,
        ..
    } = &err
    else {
        panic!("{err}")
    };
    assert_eq!(*data_rows, 4);
    let cells: Vec<(usize, &str, &str)> = problems
        .iter()
        .map(|p| (p.row, p.column.as_str(), p.value.as_str()))
        .collect();
    assert_eq!(
        cells,
        [
            (2, "平台", "传真"),
            (3, "名称", ""),
            (4, "层级", "国家级"),
            (5, "层级", ""),
            (5, "开通时间", "2021-13-40"),
        ]
    );
    let msg = err.to_string();
    assert!(msg.contains("nothing was imported"), "{msg}");
    assert!(msg.contains("row 2, column 平台, value \"传真\": unknown platform \"传真\"; accepted: 微信公众号 (wechat), 微信视频号 (channels)"), "{msg}");
    assert!(msg.contains("no --level default"), "{msg}");
    assert!(msg.contains("bad date"), "{msg}");
    // With a --level default only the other problems remain.
    let d = ImportDefaults {
        level: Some(Level::County),
        ..Default::default()
    };
    let ImportError::Rows { problems, .. } = read_accounts(&p, &d).unwrap_err() else {
        panic!()
    };
    assert_eq!(problems.len(), 4);
}

#[test]
fn duplicates_name_both_rows() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(
        dir.path(),
        "dup.csv",
        "platform,name,unit\n微信订阅号,云和发布,A\n抖音,云和发布,A\n微信服务号,云和发布,B\n",
    );
    let err = read_accounts(&p, &yunhe()).unwrap_err();
    let ImportError::Rows { problems, .. } = &err else {
        panic!("{err}")
    };
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].row, 4);
    assert!(
        problems[0].message.contains("rows 2 and 4"),
        "{}",
        problems[0].message
    );
}

#[test]
fn missing_required_column() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(
        dir.path(),
        "nounit.csv",
        "新媒体类型,新媒体名称,地区\n微信,云和发布,浙江省\n",
    );
    let msg = read_accounts(&p, &yunhe()).unwrap_err().to_string();
    assert!(
        msg.contains("missing 责任单位") && msg.contains("新媒体类型, 新媒体名称, 地区"),
        "{msg}"
    );
    let p = write(dir.path(), "x.pdf", "");
    assert!(matches!(
        read_accounts(&p, &yunhe()),
        Err(ImportError::Format { .. })
    ));
}

#[test]
fn one_bad_row_at_the_end_inserts_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut text = std::fs::read_to_string(fixture("yunhe-accounts.utf8.csv")).unwrap();
    text.push_str("传真,云和传真,县办公室\n");
    let p = write(dir.path(), "tail.csv", &text);
    let mut store = Store::open_in_memory().unwrap();
    let result = read_accounts(&p, &yunhe()).map(|a| store.insert_accounts(&a));
    let err = result.unwrap_err().to_string();
    assert!(err.contains("row 22") && err.contains("传真"), "{err}");
    assert!(
        store
            .list_accounts(&AccountFilter::default())
            .unwrap()
            .is_empty()
    );
    // The clean file stores all 20; importing it again is refused as a whole.
    let good = read_accounts(&fixture("yunhe-accounts.gbk.csv"), &yunhe()).unwrap();
    store.insert_accounts(&good).unwrap();
    assert!(store.insert_accounts(&good).is_err());
    assert_eq!(
        store
            .list_accounts(&AccountFilter::default())
            .unwrap()
            .len(),
        20
    );
}
