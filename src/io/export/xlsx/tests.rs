use super::*;
use crate::io::export::Section;
use calamine::{Data, Reader, Xlsx};

fn part(bytes: &[u8], name: &str) -> String {
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut s = String::new();
    std::io::Read::read_to_string(&mut z.by_name(name).unwrap(), &mut s).unwrap();
    s
}

#[test]
fn sheet_names_are_legal_and_unique() {
    let mut taken = HashSet::new();
    assert_eq!(sheet_name("a/b:c", &mut taken), "a_b_c");
    assert_eq!(sheet_name("A/B:C", &mut taken), "A_B_C~2");
    let long = "浙".repeat(40);
    assert_eq!(sheet_name(&long, &mut taken).chars().count(), 31);
    assert_eq!(sheet_name(&long, &mut taken).chars().count(), 31);
    assert_eq!(sheet_name("''", &mut taken), "Sheet");
    assert_eq!(sheet_name("History", &mut taken), "Sheet~2");
}

#[test]
fn numbers_rates_and_dates_read_back_typed() {
    let mut t = Table::new(
        "汇总",
        vec![
            "名称".into(),
            "平均分".into(),
            "账号".into(),
            "合格率".into(),
            "日期".into(),
        ],
    );
    t.rows.push(vec![
        Cell::text("=1+1"),
        Cell::Num(96.8412, 2),
        Cell::Int(445),
        Cell::Rate(0.9933, 1),
        Cell::date_or_text("2024-12-16"),
    ]);
    t.rows
        .push(vec![Cell::text("县级"), Cell::Empty, Cell::Int(0)]);
    let bytes = xlsx_bytes(&[t]).unwrap();
    let mut wb: Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(bytes.clone())).unwrap();
    let range = wb.worksheet_range("汇总").unwrap();
    assert_eq!(range.get_value((1, 0)), Some(&Data::String("=1+1".into())));
    assert_eq!(range.get_value((1, 1)), Some(&Data::Float(96.8412)));
    assert_eq!(range.get_value((1, 2)), Some(&Data::Float(445.0)));
    assert_eq!(range.get_value((1, 3)), Some(&Data::Float(0.9933)));
    assert!(matches!(range.get_value((1, 4)), Some(Data::DateTime(_))));
    assert_eq!(range.get_value((2, 0)), Some(&Data::String("县级".into())));
    let styles = part(&bytes, "xl/styles.xml");
    for f in ["0.00", "0.0%", "yyyy-mm-dd"] {
        assert!(
            styles.contains(&format!("formatCode=\"{f}\"")),
            "{f}: {styles}"
        );
    }
}

#[test]
fn every_sheet_is_set_up_for_a4() {
    let mut wide = Table::new("宽表", (0..20).map(|i| format!("第{i}列")).collect());
    for i in 0..60 {
        wide.rows
            .push((0..20).map(|_| Cell::Num(f64::from(i), 2)).collect());
    }
    let narrow = Table::new("窄表", vec!["账号".into(), "得分".into()]);
    let bytes = xlsx_bytes(&[wide, narrow]).unwrap();
    let s1 = part(&bytes, "xl/worksheets/sheet1.xml");
    assert!(
        s1.contains("paperSize=\"9\"") && s1.contains("orientation=\"landscape\""),
        "{s1}"
    );
    assert!(
        s1.contains("fitToPage=\"1\"") && s1.contains("fitToHeight=\"0\""),
        "{s1}"
    );
    assert!(s1.contains("<pane ySplit=\"1\""), "frozen header: {s1}");
    assert!(s1.contains("<autoFilter ref=\"A1:T61\""), "{s1}");
    let covered: u32 = s1
        .split("<col ")
        .skip(1)
        .map(|c| {
            let n = |k: &str| -> u32 {
                let v = c.split(&format!("{k}=\"")).nth(1).unwrap();
                v[..v.find('"').unwrap()].parse().unwrap()
            };
            n("max") - n("min") + 1
        })
        .sum();
    assert_eq!(covered, 20, "a width for every column");
    let s2 = part(&bytes, "xl/worksheets/sheet2.xml");
    assert!(s2.contains("orientation=\"portrait\""), "{s2}");
    let wb = part(&bytes, "xl/workbook.xml");
    assert!(
        wb.contains("_xlnm.Print_Titles") && wb.contains("宽表!$1:$1"),
        "{wb}"
    );
}

#[test]
fn a_printed_sheet_has_title_facts_sections_and_closing_lines() {
    let mut t = Table::new("评分", vec!["指标".into(), "得分".into()]);
    t.rows
        .push(vec![Cell::text("职能契合"), Cell::Num(20.0, 2)]);
    t.rows.push(vec![Cell::text("小计"), Cell::Num(20.0, 2)]);
    let mut sec = Section::new(t);
    sec.strong = vec![1];
    sec.filter = false;
    let sheet = Sheet {
        name: "评分".into(),
        title: Some("评分表".into()),
        facts: vec![
            ("账号".into(), Cell::text("莲都发布")),
            ("监测时间点".into(), Cell::date_or_text("2024-12-16")),
        ],
        sections: vec![sec],
        closing: vec!["评估人（签字）：__________　日期：__________".into()],
        ..Sheet::default()
    };
    let mut b = Book::new();
    assert_eq!(b.add(&sheet).unwrap(), "评分");
    let bytes = b.bytes().unwrap();
    let mut wb: Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(bytes.clone())).unwrap();
    let range = wb.worksheet_range("评分").unwrap();
    assert_eq!(
        range.get_value((0, 0)),
        Some(&Data::String("评分表".into()))
    );
    assert_eq!(
        range.get_value((1, 1)),
        Some(&Data::String("莲都发布".into()))
    );
    assert_eq!(range.get_value((4, 0)), Some(&Data::String("指标".into())));
    assert_eq!(range.get_value((6, 1)), Some(&Data::Float(20.0)));
    assert!(matches!(range.get_value((8, 0)), Some(Data::String(s)) if s.contains("签字")));
    let s1 = part(&bytes, "xl/worksheets/sheet1.xml");
    assert!(!s1.contains("autoFilter"), "no filter on a score sheet");
    assert!(s1.contains("<pane ySplit=\"5\""), "{s1}");
}
