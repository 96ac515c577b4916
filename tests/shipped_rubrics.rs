//! The rubrics shipped in rubrics/ load and validate; truncated copies fail with a position;
//! `load` refuses non-UTF-8 and accepts a BOM.

use std::path::{Path, PathBuf};

use assay::domain::rubric::{Indicator, parse, render_tree, rubric_hash};
use assay::i18n::Lang;
use assay::io::rubric_file::{RubricFileError, load};

fn shipped() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("rubrics");
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("rubrics/")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "ron"))
        .collect();
    v.sort();
    v
}

#[test]
fn every_shipped_rubric_loads_and_validates() {
    let files = shipped();
    assert!(files.len() >= 2);
    for p in files {
        let loaded = load(&p).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(loaded.hash, rubric_hash(&loaded.text));
        assert_eq!(loaded.hash.len(), 64);
        let r = &loaded.rubric;
        let weights: f64 = r.categories.iter().map(|c| c.weight).sum();
        assert!((weights - r.total).abs() < 1e-9, "{}", p.display());
        assert_eq!(r.pass_mark, 60.0);
        assert_eq!(r.vetoes.len(), 3, "{}", p.display());
        for item in r.items() {
            let c = item.common();
            assert!(
                !c.guide.is_empty() && !c.evidence.is_empty(),
                "{}: {} lacks guide/evidence",
                p.display(),
                c.id
            );
        }
        assert!(render_tree(r, Lang::Zh).contains(&r.categories[0].name));
    }
}

#[test]
fn four_dimensions_has_the_required_shape() {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("rubrics/four-dimensions.ron");
    let r = load(&p).expect("valid").rubric;
    let names: Vec<&str> = r.categories.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["职能契合", "制作水准", "传播效果", "互动回应"]);
    let inds: Vec<&Indicator> = r.categories.iter().flat_map(|c| &c.indicators).collect();
    assert!(inds.len() >= 24);
    for kind in ["Range", "Deduct", "Check"] {
        assert!(inds.iter().any(|i| i.kind_name() == kind), "no {kind}");
    }
    let ipv6 = r.item("ipv6").expect("ipv6").common();
    assert_eq!(ipv6.platforms, vec![assay::domain::platform::Platform::App]);
    let scaled = r.categories.iter().any(|c| {
        let s: f64 = c.indicators.iter().map(Indicator::max_points).sum();
        (s - c.weight).abs() > 1e-9
    });
    assert!(scaled, "no category is scaled");
    assert!(render_tree(&r, Lang::Zh).contains("按权重 25 折算"));
    assert!(r.bonus.iter().all(|b| b.gate == Some(80.0)));
}

#[test]
fn national_inspection_has_the_inspection_shape() {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("rubrics/national-inspection.ron");
    let r = load(&p).expect("valid").rubric;
    assert_eq!(r.total, 100.0);
    assert!(
        r.categories
            .iter()
            .flat_map(|c| &c.indicators)
            .all(|i| i.kind_name() == "Deduct")
    );
    assert!(r.bonus.iter().all(|b| b.gate == Some(80.0)));
    let security = r.item("security").expect("veto");
    assert!(matches!(security, assay::domain::rubric::ItemRef::Veto(v) if v.reasons.len() == 4));
    assert_eq!(
        r.item("no_update").expect("veto").common().rule.as_deref(),
        Some("no_update")
    );
}

#[test]
fn a_truncated_rubric_fails_with_a_file_position() {
    for p in shipped() {
        let text = std::fs::read_to_string(&p).expect("read");
        let lines: Vec<&str> = text.lines().collect();
        let half = lines[..lines.len() / 2].join("\n");
        let e = parse(&half, "broken.ron").expect_err("truncated must fail");
        let first = &e.errors[0];
        assert!(first.line >= 1 && first.column >= 1);
        assert!(
            e.to_string()
                .starts_with(&format!("broken.ron:{}:{}: ", first.line, first.column)),
            "{e}"
        );
    }
}

#[test]
fn load_refuses_gbk_and_accepts_a_bom() {
    let dir = tempfile::tempdir().expect("tempdir");
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("rubrics/four-dimensions.ron");
    let text = std::fs::read_to_string(&src).expect("read");

    let bom = dir.path().join("bom.ron");
    std::fs::write(&bom, [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat()).expect("write");
    let loaded = load(&bom).expect("a BOM is fine");
    assert_eq!(loaded.text, text);

    let (gbk, _, _) = encoding_rs::GBK.encode(&text);
    let g = dir.path().join("gbk.ron");
    std::fs::write(&g, &gbk).expect("write");
    let err = load(&g).expect_err("GBK is refused");
    // The first line's comment is Chinese: the first GBK byte follows "// ".
    assert!(
        matches!(
            err,
            RubricFileError::NotUtf8 {
                line: 1,
                column: 4,
                offset: 3,
                ..
            }
        ),
        "{err}"
    );
    assert!(err.to_string().contains("save it as UTF-8"), "{err}");

    let missing = load(&dir.path().join("none.ron")).expect_err("missing file");
    assert!(matches!(missing, RubricFileError::Read { .. }));
}

#[test]
#[ignore = "prints the trees for a human look: cargo test --test shipped_rubrics -- --ignored --nocapture"]
fn print_trees() {
    for p in shipped() {
        let r = load(&p).expect("valid").rubric;
        println!("{}", render_tree(&r, Lang::Zh));
        println!("{}", render_tree(&r, Lang::En));
    }
}
