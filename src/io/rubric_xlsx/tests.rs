use std::path::{Path, PathBuf};

use super::*;
use crate::domain::rubric::templates::TEMPLATES;
use crate::io::export::{Cell as Out, Table, write_xlsx};

fn save(dir: &Path, name: &str, tables: &[Table]) -> PathBuf {
    let p = dir.join(name);
    write_xlsx(&p, tables).expect("written");
    p
}

fn header(cols: &[&str]) -> Vec<String> {
    cols.iter().map(|c| c.to_string()).collect()
}

fn cells(r: &[&str]) -> Vec<Out> {
    r.iter()
        .map(|c| match c.parse::<f64>() {
            Ok(x) => Out::Num(x, 0),
            Err(_) if c.is_empty() => Out::Empty,
            Err(_) => Out::text(*c),
        })
        .collect()
}

fn problems(e: RubricXlsxError) -> Vec<CellProblem> {
    match e {
        RubricXlsxError::Cells { problems, .. } | RubricXlsxError::Invalid { problems, .. } => {
            problems
        }
        other => panic!("{other}"),
    }
}

#[test]
fn every_template_goes_through_a_workbook_and_back_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    for t in TEMPLATES {
        let r = t.rubric().expect("template");
        let p = save(dir.path(), &format!("{}.xlsx", t.id), &tables(&r));
        let back = read(&p).unwrap_or_else(|e| panic!("{}", e.localized(Lang::Zh)));
        assert_eq!(back.rubric, r, "{}", t.id);
        assert!(back.defaulted.is_empty(), "{:?}", back.defaulted);
        assert_eq!(
            serde_json::to_string(&back.rubric).unwrap(),
            serde_json::to_string(&r).unwrap()
        );
    }
}

#[test]
fn a_bad_number_is_named_by_sheet_row_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let r = TEMPLATES[0].rubric().unwrap();
    let mut t = tables(&r);
    t[0].rows[1][4] = Out::text("abc");
    t[0].rows[3][2] = Out::Empty;
    let p = save(dir.path(), "bad.xlsx", &t);
    let e = read(&p).unwrap_err();
    let zh = e.localized(Lang::Zh);
    assert!(
        zh.contains("工作表“指标”第 3 行 E 列（分值）：“abc”不是数字"),
        "{zh}"
    );
    assert!(zh.contains("第 5 行 C 列（指标）：指标名称为空"), "{zh}");
    assert!(zh.contains("有 2 处问题，未写出任何文件"), "{zh}");
    let en = e.localized(Lang::En);
    assert!(
        en.contains("sheet 指标, row 3, column E (分值): \"abc\" is not a number"),
        "{en}"
    );
}

#[test]
fn an_offices_own_table_reads_with_merged_dimensions_and_defaults() {
    let dir = tempfile::tempdir().unwrap();
    // A title row above the header, as offices print them.
    let mut t = Table::new("Sheet1", header(&["某市政务新媒体评分表"]));
    t.rows = vec![
        cells(&[
            "序号",
            "维度",
            "权重",
            "指标名称",
            "类型",
            "分值",
            "每次",
            "上限",
            "门槛",
            "适用平台",
            "评分说明",
        ]),
        cells(&[
            "1",
            "内容建设",
            "60",
            "更新频率",
            "得分",
            "30",
            "",
            "",
            "",
            "",
            "每周两次以上满分",
        ]),
        cells(&["2", "", "", "原创内容", "扣分", "", "5", "30", "", "", ""]),
        cells(&[
            "3",
            "互动服务",
            "40",
            "留言回复",
            "判断",
            "30",
            "",
            "",
            "",
            "",
            "",
        ]),
        cells(&[
            "4",
            "",
            "",
            "办事入口",
            "判断",
            "10",
            "",
            "",
            "",
            "微信公众号、移动客户端/APP",
            "",
        ]),
        cells(&[
            "5",
            "加分项",
            "",
            "被上级转载",
            "加分",
            "",
            "2",
            "10",
            "80",
            "",
            "",
        ]),
        cells(&[
            "6",
            "",
            "",
            "内容不更新",
            "一票否决",
            "",
            "",
            "",
            "",
            "",
            "",
        ]),
    ];
    let p = save(dir.path(), "某市评分表.xlsx", &[t]);
    let got = read(&p).unwrap_or_else(|e| panic!("{}", e.localized(Lang::Zh)));
    let r = got.rubric;
    assert_eq!(r.name, "某市评分表");
    assert_eq!(r.total, 100.0);
    assert_eq!(r.pass_mark, 60.0);
    assert_eq!(r.categories.len(), 2);
    assert_eq!(r.categories[0].indicators.len(), 2);
    assert_eq!(r.categories[1].indicators[1].common().id, "d2_2");
    assert_eq!(
        r.categories[1].indicators[1].common().platforms,
        vec![
            crate::domain::platform::Platform::WeChat,
            crate::domain::platform::Platform::App
        ]
    );
    assert_eq!(r.bonus[0].gate, Some(80.0));
    assert_eq!(r.vetoes[0].common.name, "内容不更新");
    assert_eq!(r.vetoes[0].reasons, vec!["内容不更新".to_string()]);
    assert_eq!(
        got.defaulted,
        vec!["编号", "名称", "版本", "满分", "合格线"]
    );
}

#[test]
fn a_row_for_another_kind_of_item_says_which_cells_to_empty() {
    let dir = tempfile::tempdir().unwrap();
    let mut t = Table::new(
        "指标",
        header(&[
            "维度",
            "维度权重",
            "指标",
            "类型",
            "分值",
            "每次",
            "上限",
            "适用平台",
        ]),
    );
    t.rows = vec![
        cells(&["内容", "100", "更新", "得分", "100", "", "", "小红薯"]),
        cells(&["", "", "转载", "加分", "5", "1", "5", ""]),
        cells(&["", "", "怪项", "打分表", "5", "", "", ""]),
    ];
    let p = save(dir.path(), "r.xlsx", &[t]);
    let list: Vec<String> = problems(read(&p).unwrap_err())
        .iter()
        .map(|p| p.localized(Lang::Zh))
        .collect();
    assert_eq!(list.len(), 3, "{list:#?}");
    assert!(
        list[0].contains("第 2 行 H 列（适用平台）：未知平台“小红薯”；是不是“小红书”"),
        "{list:#?}"
    );
    assert!(
        list[1].contains("第 3 行 E 列（分值）：加分项不用“分值”"),
        "{list:#?}"
    );
    assert!(
        list[2].contains("第 4 行 D 列（类型）：“打分表”不是指标类型"),
        "{list:#?}"
    );
}

#[test]
fn the_rubric_checks_point_at_the_row_they_concern() {
    let dir = tempfile::tempdir().unwrap();
    let r = TEMPLATES[1].rubric().unwrap();
    let mut t = tables(&r);
    // The second deduction gets the first one's id.
    let first_id = match &t[0].rows[0][18] {
        Out::Text(s) => s.clone(),
        other => panic!("{other:?}"),
    };
    t[0].rows[1][18] = Out::text(first_id);
    let p = save(dir.path(), "dup.xlsx", &t);
    let e = read(&p).unwrap_err();
    assert!(matches!(e, RubricXlsxError::Invalid { .. }), "{e}");
    let zh = e.localized(Lang::Zh);
    assert!(zh.contains("未通过检查"), "{zh}");
    assert!(zh.contains("工作表“指标”第 3 行"), "{zh}");
}

#[test]
fn the_readme_documents_every_column_and_its_other_names() {
    let readme = include_str!("../../../README.md");
    let a = readme
        .find("<!-- rubric-columns:start -->")
        .expect("start marker");
    let b = readme
        .find("<!-- rubric-columns:end -->")
        .expect("end marker");
    let rows: Vec<&str> = readme[a..b]
        .lines()
        .map(str::trim)
        .filter(|l| l.starts_with("| ") && !l.starts_with("| column"))
        .collect();
    assert_eq!(rows.len(), super::columns::COLUMNS.len(), "{rows:#?}");
    for (c, row) in super::columns::COLUMNS.iter().zip(&rows) {
        let first = row.split('|').nth(1).unwrap_or("");
        assert!(first.trim().starts_with(c.header), "{} in {row}", c.header);
        for alias in c.aliases {
            assert!(first.contains(alias), "{alias} in {row}");
        }
    }
}
