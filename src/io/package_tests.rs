use super::*;
use crate::domain::platform::{Level, Platform};

fn sample() -> Package {
    let text = "(id: \"t\")".to_string();
    Package {
        format: FORMAT.into(),
        format_version: FORMAT_VERSION,
        program: "assay test".into(),
        made_at: "2024-12-01T08:00:00Z".into(),
        round: PackageRound {
            name: "R".into(),
            rubric_id: "t".into(),
            rubric_version: "1".into(),
            rubric_hash: crate::domain::rubric::rubric_hash(&text),
            rubric_text: text,
            monitoring_date: "2024-12-01".into(),
        },
        evaluator: "甲".into(),
        accounts: vec![Account {
            id: 7,
            platform: Platform::parse("微信").unwrap(),
            platform_label: "微信".into(),
            name: "信任甲号".into(),
            unit: "单位一".into(),
            level: Level::parse("县级").unwrap(),
            region: "浙江省/丽水市/云和县".into(),
            domain: String::new(),
            status: String::new(),
            opened: None,
        }],
        settings: PackageSettings {
            method: "mean".into(),
            quorum: 1,
            veto: "any".into(),
            categories: vec![],
            calibration: false,
        },
    }
}

#[test]
fn a_package_round_trips_and_an_edited_one_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let chair = crate::io::keys::load_or_create_at(&dir.path().join("k"))
        .unwrap()
        .0;
    let p = Path::new("r.pkg");
    let text = to_text(&sample(), &chair).unwrap();
    let (got, opened) = parse(p, text.as_bytes()).unwrap();
    assert_eq!(got, sample());
    assert_eq!(opened.public, chair.public());
    let edited = text.replace("信任甲号", "信任乙号");
    assert!(matches!(
        parse(p, edited.as_bytes()),
        Err(PackageError::Signed(SignedError::BadSignature { .. }))
    ));
    // A panel export is not a package.
    let export = signed::seal(Kind::PanelExport, "{}", &chair).unwrap();
    assert!(matches!(
        parse(p, export.as_bytes()),
        Err(PackageError::Signed(SignedError::WrongKind { .. }))
    ));
    // A rubric text that is not the one its hash names.
    let mut bad = sample();
    bad.round.rubric_text.push(' ');
    let bad = to_text(&bad, &chair).unwrap();
    assert!(matches!(
        parse(p, bad.as_bytes()),
        Err(PackageError::RubricHash { .. })
    ));
}
