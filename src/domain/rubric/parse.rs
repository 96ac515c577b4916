//! Parsing a rubric from RON text: syntax and type errors from `ron` turned into friendly
//! messages with file positions, then semantic validation; and the rubric's content hash.

use ron::extensions::Extensions;
use sha2::{Digest, Sha256};

use super::error::RubricErrors;
use super::locate::Locator;
use super::model::Rubric;
use super::ron_words::{RUBRIC_FORMAT, ron_error};
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
        errors: vec![ron_error(&e, file, RUBRIC_FORMAT)],
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
    fn syntax_errors_carry_a_position() {
        let e = parse("Rubric(\n  id: \"x\",\n  name: ", "t.ron").unwrap_err();
        assert_eq!(e.errors.len(), 1);
        assert_eq!(e.errors[0].file, "t.ron");
        assert!(e.errors[0].line >= 3, "{}", e);
    }
}
