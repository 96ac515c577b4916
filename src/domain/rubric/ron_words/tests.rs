//! Both wordings of RON errors, checked on parsed rubrics and on each plain variant.

use super::*;
use crate::i18n::Lang;

fn both(src: &str) -> (String, String) {
    let e = super::super::parse(src, "t.ron").unwrap_err();
    (e.localized(Lang::Zh), e.localized(Lang::En))
}

#[test]
fn guesses_near_names() {
    assert_eq!(closest("Wechat", &["WeChat", "Weibo"]), Some("WeChat"));
    assert_eq!(closest("weigth", &["id", "weight"]), Some("weight"));
    assert_eq!(closest("zzzzzz", &["id", "weight"]), None);
}

#[test]
fn syntax_errors_keep_their_position_in_both_languages() {
    let (zh, en) = both("Rubric(\n  id: \"x\"\n  name: \"n\")");
    assert!(zh.starts_with("t.ron:3:3：此处缺少逗号"), "{zh}");
    assert!(en.starts_with("t.ron:3:3: expected a comma"), "{en}");
    let (zh, en) = both("Rubric(\n  id: \"x\",\n  name: ");
    assert!(zh.starts_with("t.ron:3:8：此处应为文字或名称"), "{zh}");
    assert!(
        en.starts_with("t.ron:3:8: expected a text or a name"),
        "{en}"
    );
    let (zh, en) = both("");
    assert!(zh.contains("Rubric 的左括号"), "{zh}");
    assert!(en.contains("opening `(` of Rubric"), "{en}");
}

#[test]
fn every_plain_variant_has_a_chinese_wording() {
    let f = RUBRIC_FORMAT;
    for code in [
        RonError::Eof,
        RonError::ExpectedArray,
        RonError::ExpectedArrayEnd,
        RonError::ExpectedBoolean,
        RonError::ExpectedComma,
        RonError::ExpectedChar,
        RonError::ExpectedFloat,
        RonError::ExpectedInteger,
        RonError::ExpectedMap,
        RonError::ExpectedMapColon,
        RonError::ExpectedMapEnd,
        RonError::ExpectedStructLike,
        RonError::ExpectedStructLikeEnd,
        RonError::ExpectedString,
        RonError::ExpectedStringEnd,
        RonError::ExpectedIdentifier,
        RonError::IntegerOutOfBounds,
        RonError::UnclosedBlockComment,
        RonError::UnexpectedChar('#'),
        RonError::TrailingCharacters,
        RonError::ExceededRecursionLimit,
        RonError::ExpectedUnit,
        RonError::Message("custom".into()),
    ] {
        let words = describe(&code, f);
        assert!(!words.zh.0.is_ascii(), "{code:?}: {:?}", words.zh);
        assert!(words.en.0.is_ascii(), "{code:?}: {:?}", words.en);
    }
}

#[test]
fn unknown_names_list_the_valid_ones_apart_in_chinese() {
    let w = unknown_variant(&["WeChat", "Weibo"], "Wechat", &Some("Platform".into()));
    assert_eq!(w.zh.0, "未知的平台“Wechat”");
    assert_eq!(w.zh.1, "是不是要写 WeChat？可用的平台：WeChat、Weibo");
    assert_eq!(
        w.en.1,
        "did you mean WeChat? valid platforms: WeChat, Weibo"
    );
}
