//! Parsing a rubric from RON text: syntax and type errors from `ron` turned into friendly
//! messages with file positions, then semantic validation; and the rubric's content hash.

use ron::error::{Error as RonError, SpannedError};
use ron::extensions::Extensions;
use sha2::{Digest, Sha256};

use super::error::{RubricError, RubricErrors};
use super::locate::{Locator, Pos};
use super::model::Rubric;
use super::validate::validate;

/// The RON options every rubric is read with: `Some(..)` and newtype parentheses may be omitted.
pub fn ron_options() -> ron::Options {
    ron::Options::default()
        .with_default_extension(Extensions::UNWRAP_VARIANT_NEWTYPES)
        .with_default_extension(Extensions::IMPLICIT_SOME)
}

/// Parses and validates a rubric. `file` is the name used in error positions. All semantic
/// problems are reported together; a syntax or type error stops at the first one.
pub fn parse(src: &str, file: &str) -> Result<Rubric, RubricErrors> {
    let rubric: Rubric = ron_options().from_str(src).map_err(|e| RubricErrors {
        errors: vec![ron_error(&e, file)],
    })?;
    let locator = Locator::new(src);
    let errors = validate(&rubric, &locator, file);
    if errors.is_empty() {
        Ok(rubric)
    } else {
        Err(RubricErrors { errors })
    }
}

/// SHA-256 of the exact rubric text, as lowercase hex (pinned with each round).
pub fn rubric_hash(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// The RON name of a serde struct or enum, as a rubric author writes it.
fn ron_name(outer: &str) -> &str {
    match outer {
        "RangeSpec" => "Range",
        "DeductSpec" => "Deduct",
        "CheckSpec" => "Check",
        other => other,
    }
}

fn ron_error(e: &SpannedError, file: &str) -> RubricError {
    let pos = Pos {
        line: e.span.start.line.max(1),
        column: e.span.start.col.max(1),
    };
    let (message, hint) = describe(&e.code);
    RubricError::new(file, pos, message, hint)
}

fn describe(code: &RonError) -> (String, String) {
    match code {
        RonError::NoSuchStructField {
            expected,
            found,
            outer,
        } => {
            let inside = outer.as_deref().map(ron_name).unwrap_or("this item");
            (
                format!("unknown field \"{found}\" in {inside}"),
                with_guess(found, expected, "expected one of"),
            )
        }
        RonError::MissingStructField { field, outer } => {
            let inside = outer.as_deref().map(ron_name).unwrap_or("this item");
            (
                format!("missing field \"{field}\" in {inside}"),
                format!("add `{field}: …` to the {inside}"),
            )
        }
        RonError::DuplicateStructField { field, outer } => {
            let inside = outer.as_deref().map(ron_name).unwrap_or("this item");
            (
                format!("field \"{field}\" is written twice in {inside}"),
                "keep only one of them".to_string(),
            )
        }
        RonError::NoSuchEnumVariant {
            expected,
            found,
            outer,
        } => unknown_variant(expected, found, outer),
        RonError::Eof => (
            "the file ends in the middle of the rubric".to_string(),
            "a closing `)` or `]` is missing; check that every `(` and `[` is closed".to_string(),
        ),
        RonError::ExpectedDifferentStructName { expected, found } => (
            format!("expected {} here, found {found}", ron_name(expected)),
            format!("write {}( … )", ron_name(expected)),
        ),
        RonError::InvalidValueForType { expected, found } => (
            format!("expected {expected}, found {found}"),
            "numbers are written without quotes, text inside \"double quotes\"".to_string(),
        ),
        RonError::ExpectedComma => (
            "expected a comma".to_string(),
            "separate fields and list elements with `,`".to_string(),
        ),
        other => (
            other.to_string(),
            "see the rubric format in README.md".to_string(),
        ),
    }
}

fn unknown_variant(expected: &[&str], found: &str, outer: &Option<String>) -> (String, String) {
    let (what, valid) = match outer.as_deref() {
        Some("Platform") => ("platform", "valid platforms"),
        Some("Level") => ("administrative level", "valid levels"),
        Some("Indicator") => ("indicator kind", "valid kinds"),
        Some("NaPolicy") => ("not-applicable policy", "valid policies"),
        Some("VetoPolicy") => ("veto policy", "valid policies"),
        _ => ("name", "valid names"),
    };
    (
        format!("unknown {what} \"{found}\""),
        with_guess(found, expected, valid),
    )
}

/// "valid platforms: WeChat, Weibo, … (did you mean WeChat?)"
fn with_guess(found: &str, expected: &[&str], lead: &str) -> String {
    let list = expected.join(", ");
    match closest(found, expected) {
        Some(g) => format!("did you mean {g}? {lead}: {list}"),
        None => format!("{lead}: {list}"),
    }
}

fn closest<'a>(found: &str, expected: &[&'a str]) -> Option<&'a str> {
    let f = found.to_lowercase();
    expected
        .iter()
        .map(|e| (edit_distance(&f, &e.to_lowercase()), *e))
        .filter(|(d, e)| *d <= 2.max(e.len() / 3))
        .min_by_key(|(d, _)| *d)
        .map(|(_, e)| e)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != *cb);
            cur.push(sub.min(prev[j + 1] + 1).min(cur[j] + 1));
        }
        prev = cur;
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hash_is_sha256_hex_of_the_exact_text() {
        assert_eq!(
            rubric_hash("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert_ne!(rubric_hash("abc"), rubric_hash("abc\n"));
    }

    #[test]
    fn guesses_near_names() {
        assert_eq!(closest("Wechat", &["WeChat", "Weibo"]), Some("WeChat"));
        assert_eq!(closest("weigth", &["id", "weight"]), Some("weight"));
        assert_eq!(closest("zzzzzz", &["id", "weight"]), None);
    }

    #[test]
    fn syntax_errors_carry_a_position() {
        let e = parse("Rubric(\n  id: \"x\",\n  name: ", "t.ron").unwrap_err();
        assert_eq!(e.errors.len(), 1);
        assert_eq!(e.errors[0].file, "t.ron");
        assert!(e.errors[0].line >= 3, "{}", e);
    }
}
