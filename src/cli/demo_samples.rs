//! `assay demo --samples DIR`: the sample city's files as an office keeps them — the 备案
//! registry and the two rubrics as Excel workbooks, the metrics as CSV — so that the office
//! guide's imports can be practised from an empty folder.

use std::path::Path;

use crate::domain::rubric::templates::TEMPLATES;
use crate::i18n::errors::said;
use crate::i18n::{Lang, msg};
use crate::io::accounts::Cell as In;
use crate::io::export::{Cell, Table, xlsx_bytes};
use crate::io::rubric_xlsx;
use crate::sample;

/// File names, in the order written.
pub const REGISTRY: &str = "备案表.xlsx";
pub const POSTS: &str = "发文数据.csv";
pub const WEEKLY: &str = "每周数据.csv";

/// The rubric workbook written for a template.
fn rubric_file(id: &str) -> String {
    match id {
        "four-dimensions" => "四维评估指标.xlsx".into(),
        "national-inspection" => "检查指标.xlsx".into(),
        other => format!("{other}.xlsx"),
    }
}

pub fn write(dir: &Path, lang: Lang) -> anyhow::Result<()> {
    let mut files: Vec<(String, Vec<u8>)> = vec![(REGISTRY.into(), registry()?)];
    for t in TEMPLATES {
        let tables = rubric_xlsx::tables(&t.rubric()?);
        files.push((rubric_file(t.id), xlsx_bytes(&tables)?));
    }
    // With a BOM, so that Excel opens the Chinese intact.
    for (name, text) in [(POSTS, sample::POSTS_CSV), (WEEKLY, sample::WEEKLY_CSV)] {
        let body = text.trim_start_matches('\u{feff}');
        files.push((name.into(), format!("\u{feff}{body}").into_bytes()));
    }
    if let Some((name, _)) = files.iter().find(|(n, _)| dir.join(n).exists()) {
        let p = dir.join(name).display().to_string();
        return Err(said(msg::out_exists(lang, &p)));
    }
    std::fs::create_dir_all(dir).map_err(|e| said(msg::cannot_write(lang, dir, &e)))?;
    for (name, bytes) in &files {
        let p = dir.join(name);
        std::fs::write(&p, bytes).map_err(|e| said(msg::cannot_write(lang, &p, &e)))?;
    }
    let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
    println!(
        "{}",
        msg::samples_written(
            lang,
            &dir.display().to_string(),
            &names.join(lang.pick("、", ", "))
        )
    );
    Ok(())
}

/// The 445 filed accounts of the sample city, with the column names offices use.
fn registry() -> anyhow::Result<Vec<u8>> {
    let csv = crate::io::accounts::parse_csv_text("accounts.csv", sample::ACCOUNTS_CSV)?;
    let mut rows = csv.rows.into_iter();
    let header = rows.next().unwrap_or_default();
    let text = |c: &In| match c {
        In::Text(s) => s.clone(),
        In::Number(x) => format!("{x}"),
        In::Empty => String::new(),
    };
    let mut t = Table::new("备案表", header.iter().map(text).collect());
    t.rows = rows
        .map(|r| r.iter().map(|c| Cell::text(text(c))).collect())
        .collect();
    Ok(xlsx_bytes(&[t])?)
}
