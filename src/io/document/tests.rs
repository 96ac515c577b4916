use super::*;

fn sample() -> Doc {
    let mut t = DocTable {
        header: vec!["名称".into(), "得分".into(), "合格率".into()],
        widths: vec![3, 1, 1],
        ..DocTable::default()
    };
    t.rows.push(vec![
        Cell::text("<b>测试</b>"),
        Cell::Fig(crate::domain::figure::Figure::new(5999, 2)),
        Cell::Rate(crate::domain::figure::Figure::rate(993, 1000).unwrap()),
    ]);
    t.rows
        .push(vec![Cell::text("a|b"), Cell::Int(100), Cell::Empty]);
    Doc {
        lang: "zh-CN",
        masthead: None,
        title: Text::blank("发文机关").push("关于检查情况的通报"),
        blocks: vec![
            Block::Addressee(Text::blank("主送机关").push("：")),
            Block::Para(Text::plain("根据《规定》，现将有关情况通报如下。")),
            Block::Heading(Text::plain("一、总体情况")),
            Block::Para(Text::plain("1. 第一条；*不是强调*")),
            Block::AnnexList(vec![Text::plain("名单")]),
            Block::Signature {
                issuer: Text::blank("发文机关"),
                date: Text::blank("成文日期"),
            },
            Block::Annex {
                label: "附件1".into(),
                title: Text::plain("名单"),
            },
            Block::Table {
                caption: None,
                table: t,
            },
        ],
    }
}

fn part(bytes: &[u8], name: &str) -> String {
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut s = String::new();
    std::io::Read::read_to_string(&mut z.by_name(name).unwrap(), &mut s).unwrap();
    s
}

#[test]
fn placeholders_are_listed_once_in_reading_order() {
    assert_eq!(
        sample().placeholders(),
        vec!["发文机关", "主送机关", "成文日期"]
    );
}

#[test]
fn markdown_escapes_data_and_keeps_the_order() {
    let m = md::render(&sample());
    assert!(m.starts_with("# 【发文机关】关于检查情况的通报"), "{m}");
    assert!(
        !m.contains("<b>") && m.contains("\\<b\\>测试\\</b\\>"),
        "{m}"
    );
    assert!(
        m.contains("a\\|b") && m.contains("1\\. 第一条；\\*不是强调\\*"),
        "{m}"
    );
    let order = [
        "主送机关",
        "根据",
        "一、总体情况",
        "附件：1. 名单",
        "【成文日期】",
        "**附件1**",
    ];
    let pos: Vec<usize> = order
        .iter()
        .map(|o| m.find(o).unwrap_or(usize::MAX))
        .collect();
    assert!(pos.windows(2).all(|w| w[0] < w[1]), "{pos:?}\n{m}");
}

#[test]
fn html_escapes_data_and_prints_annexes_on_new_pages() {
    let h = html::render(&sample());
    assert!(
        !h.contains("<b>测试") && h.contains("&lt;b&gt;测试&lt;/b&gt;"),
        "{h}"
    );
    assert!(h.contains("@page { size: A4 portrait; margin: 37mm 26mm 35mm 28mm;"));
    assert!(h.contains("<section class=\"annex\">") && h.contains("break-before: page"));
    assert!(h.contains("<span class=\"blank\">【主送机关】</span>"));
    assert!(
        h.contains("<td class=\"n\">59.99</td><td class=\"n\">99.3%</td>"),
        "{h}"
    );
}

#[test]
fn docx_follows_gbt_9704() {
    let bytes = docx::docx_bytes(&sample()).unwrap();
    let doc = part(&bytes, "word/document.xml");
    assert!(doc.contains(r#"<w:pgSz w:w="11906" w:h="16838""#), "{doc}");
    assert!(
        doc.contains(r#"w:top="2098""#) && doc.contains(r#"w:left="1587""#),
        "{doc}"
    );
    assert!(doc.contains(r#"w:right="1474""#) && doc.contains(r#"w:bottom="1984""#));
    assert!(
        doc.contains(r#"<w:docGrid w:type="lines" w:linePitch="579""#),
        "{doc}"
    );
    assert!(doc.contains("&lt;b&gt;测试&lt;/b&gt;") && !doc.contains("<b>测试"));
    assert_eq!(
        doc.matches("<w:tblHeader />").count(),
        1,
        "the header row repeats"
    );
    assert!(
        doc.contains(r#"<w:highlight w:val="yellow" />"#),
        "placeholders highlighted"
    );
    let styles = part(&bytes, "word/styles.xml");
    for want in [
        r#"w:eastAsia="仿宋_GB2312""#,
        r#"w:eastAsia="方正小标宋简体""#,
        r#"<w:sz w:val="44" />"#,
        r#"<w:sz w:val="32" />"#,
        r#"<w:spacing w:val="-5" />"#,
    ] {
        assert!(styles.contains(want), "{want}: {styles}");
    }
    let fonts = part(&bytes, "word/fontTable.xml");
    assert!(
        fonts.contains(r#"<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋"/>"#),
        "{fonts}"
    );
    assert!(fonts.contains(r#"<w:font w:name="方正小标宋简体"><w:altName w:val="宋体"/>"#));
    let settings = part(&bytes, "word/settings.xml");
    assert!(settings.contains("evenAndOddHeaders"), "{settings}");
}
