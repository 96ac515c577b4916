use super::*;
use crate::i18n::errors::Localized;

fn four() -> Rubric {
    crate::domain::rubric::parse(include_str!("../../rubrics/four-dimensions.ron"), "four")
        .expect("shipped rubric")
}

#[test]
fn weights_set_each_category_and_list_the_change() {
    let r = four();
    let w = parse("fit=30, craft=25,reach=25,interact=20", &r).unwrap();
    let (changed, list) = apply(&r, &w).unwrap();
    let got: Vec<f64> = changed.categories.iter().map(|c| c.weight).collect();
    assert_eq!(got, [30.0, 25.0, 25.0, 20.0]);
    assert_eq!(list[0].official.text(), "25");
    assert_eq!(list[0].whatif.text(), "30");
    // Order does not matter; the rubric's weights give the rubric back.
    let same = parse("interact=25,reach=20,craft=30,fit=25", &r).unwrap();
    assert_eq!(apply(&r, &same).unwrap().0, r);
    assert_eq!(example(&r), "fit=25,craft=30,reach=20,interact=25");
}

#[test]
fn bad_weights_name_the_value_and_the_fix() {
    let r = four();
    let refused = |s: &str| {
        let e = parse(s, &r)
            .and_then(|w| apply(&r, &w).map(|_| ()))
            .unwrap_err();
        (
            e.clone(),
            e.say(Lang::Zh).unwrap(),
            e.say(Lang::En).unwrap(),
        )
    };
    let (e, zh, en) = refused("fit=30,craft=25,reach=25,talk=20");
    assert!(matches!(e, WeightsError::Unknown { .. }), "{e:?}");
    assert!(
        zh.contains("「talk」") && zh.contains("fit,craft,reach,interact"),
        "{zh}"
    );
    assert!(en.contains("\"talk\""), "{en}");
    let (e, zh, _) = refused("fit=30,craft=25,reach=45");
    assert!(matches!(e, WeightsError::Missing { .. }), "{e:?}");
    assert!(
        zh.contains("「interact」") && zh.contains("--weights fit=25"),
        "{zh}"
    );
    let (_, zh, en) = refused("fit=30,craft=25,reach=25,interact=25");
    assert!(zh.contains("105") && zh.contains("100"), "{zh}");
    assert!(en.contains("add up to 105"), "{en}");
    let (e, _, en) = refused("fit=-5,craft=35,reach=35,interact=35");
    assert!(matches!(e, WeightsError::BadValue { .. }), "{e:?}");
    assert!(en.contains("\"-5\""), "{en}");
    let (e, zh, _) = refused("fit=abc,craft=35,reach=35,interact=30");
    assert!(zh.contains("「abc」"), "{e:?} {zh}");
    let (e, _, _) = refused("fit=25,fit=25,craft=30,reach=20");
    assert!(matches!(e, WeightsError::Duplicate { .. }), "{e:?}");
    let (e, zh, _) = refused("fit:25");
    assert!(
        matches!(e, WeightsError::Syntax { .. }) && zh.contains("「fit:25」"),
        "{zh}"
    );
    // Decimals add up exactly: 33.3 + 33.3 + 33.4 + 0 is 100.
    let w = parse("fit=33.3,craft=33.3,reach=33.4,interact=0", &r).unwrap();
    assert!(apply(&r, &w).is_ok());
}

#[test]
fn a_variant_must_have_the_round_s_categories() {
    let r = four();
    let mut v = r.clone();
    v.categories[0].weight = 20.0;
    v.categories[1].weight = 35.0;
    let w = of_variant(&v, &r, "v.ron").unwrap();
    assert_eq!(w[0], ("fit".to_owned(), 20.0));
    v.categories.pop();
    let e = of_variant(&v, &r, "v.ron").unwrap_err();
    assert!(e.say(Lang::Zh).unwrap().contains("v.ron"), "{e:?}");
}
