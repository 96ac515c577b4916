//! The bulletin as a Word 公文 on the demo, read back from its XML: GB/T 9704 page and styles,
//! seed 004's parts in order, the full-mark accounts counted in the body and listed in the
//! annex, placeholders and the warning naming them, and the round's document settings kept with
//! the round (`round document`) and overridden by the command's options.

mod common_cli;
use common_cli::{assay, ok};

use std::path::Path;

const Q4: &str = "2024年第四季度全面检查";

fn part(path: &Path, name: &str) -> String {
    let mut z = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut s = String::new();
    std::io::Read::read_to_string(&mut z.by_name(name).unwrap(), &mut s).unwrap();
    s
}

/// The text of every paragraph, in order, one per line.
fn paragraphs(document: &str) -> Vec<String> {
    document
        .split("<w:p ")
        .skip(1)
        .map(|p| {
            p.split("<w:t")
                .skip(1)
                .filter_map(|s| Some(s.split_once('>')?.1.split_once("</w:t>")?.0))
                .collect::<String>()
        })
        .collect()
}

#[test]
fn the_word_bulletin_is_a_gbt_9704_document_in_seed_004s_order() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    ok(&db, &["demo", "--print"]);
    let docx = dir.path().join("b.docx");
    let out = assay(
        &db,
        &[
            "bulletin",
            "--round",
            Q4,
            "--format",
            "docx",
            "--issuer",
            "丽水市人民政府办公室",
            "--to",
            "各县（市、区）人民政府，市政府各部门",
            "--date",
            "2025-01-09",
            "--out",
            docx.to_str().unwrap(),
        ],
    );
    assert!(out.status.success());
    let warned = String::from_utf8_lossy(&out.stderr);
    assert!(
        warned.contains("依据文件") && warned.contains("整改期限"),
        "{warned}"
    );
    assert!(
        !warned.contains("发文机关、"),
        "the issuer was given: {warned}"
    );
    let doc = part(&docx, "word/document.xml");
    assert!(doc.contains(r#"<w:pgSz w:w="11906" w:h="16838""#));
    assert!(doc.contains(r#"w:top="2098""#) && doc.contains(r#"w:left="1587""#));
    let styles = part(&docx, "word/styles.xml");
    assert!(
        styles.contains(r#"w:eastAsia="仿宋_GB2312""#) && styles.contains(r#"<w:sz w:val="44" />"#)
    );
    let text = paragraphs(&doc).join("\n");
    let order = [
        "丽水市人民政府办公室关于2024年第四季度全面检查情况的通报",
        "各县（市、区）人民政府，市政府各部门：",
        "根据",
        "一、总体情况",
        "截至2024年12月16日",
        "总体合格率为99.3%",
        "有220个政务新媒体本次检查得分为满分（100分）",
        "二、主要做法和成效",
        "三、下一步工作要求",
        "整改",
        "附件：1. 不合格政务新媒体名单",
        "丽水市人民政府办公室\n2025年1月9日",
        "附件1",
        "附件2",
        "附件3",
    ];
    let mut at = 0;
    for p in order {
        let i = text[at..]
            .find(p)
            .unwrap_or_else(|| panic!("«{p}» missing after byte {at}:\n{}", &text[at..]));
        at += i + p.len();
    }
    // The failures are named with their reasons in the body; the full marks are only counted.
    let annex = text.find("\n附件1\n").expect("annex 1");
    let body = &text[..annex];
    for (name, reason) in [("东坑发布", "内容不更新"), ("遂昌住建", "互动回应差")]
    {
        assert!(body.contains(name) && body.contains(reason), "{name}");
    }
    assert!(
        !body.contains("上垟发布"),
        "a full-mark account named before the annex"
    );
    assert!(
        text[annex..].contains("上垟发布"),
        "the annex lists the full marks"
    );
}

#[test]
fn the_rounds_document_settings_are_kept_and_options_override_them() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    ok(&db, &["demo", "--print"]);
    let shown = ok(
        &db,
        &[
            "round",
            "document",
            "--round",
            Q4,
            "--issuer",
            "某市人民政府办公室",
            "--to",
            "各县（市、区）人民政府",
            "--basis",
            "《某市政务新媒体管理办法》",
            "--deadline",
            "2025-02-28",
        ],
    );
    assert!(
        shown.contains("某市人民政府办公室") && shown.contains("2025-02-28"),
        "{shown}"
    );
    // Setting one more keeps the others.
    ok(
        &db,
        &[
            "round",
            "document",
            "--round",
            Q4,
            "--number",
            "某政办发〔2025〕1号",
        ],
    );
    let md = ok(&db, &["bulletin", "--round", Q4, "--format", "md"]);
    for want in [
        "# 某市人民政府办公室关于2024年第四季度全面检查情况的通报",
        "各县（市、区）人民政府：",
        "根据《某市政务新媒体管理办法》要求，某市人民政府办公室组织开展了",
        "于2025年2月28日前将整改情况书面报送某市人民政府办公室",
        "某政办发〔2025〕1号",
    ] {
        assert!(md.contains(want), "{want}:\n{md}");
    }
    let md = ok(
        &db,
        &[
            "bulletin",
            "--round",
            Q4,
            "--format",
            "md",
            "--issuer",
            "另一个办公室",
        ],
    );
    assert!(md.contains("# 另一个办公室关于"), "{md}");
}
