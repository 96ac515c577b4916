//! Rubrics: the RON model, loading with file positions, validation and the `show` tree.

pub mod error;
pub mod locate;
pub mod model;
pub mod parse;
mod policy;
pub mod ron_words;
pub mod show;
pub mod templates;
mod validate;
mod validate_ctx;
mod validate_items;
pub mod write;
mod write_notes;

pub use error::{RubricError, RubricErrors};
pub use model::*;
pub use parse::{parse, ron_options, rubric_hash};
pub use show::render_tree;
pub use write::{Part, Written, write_ron};

/// Names of the automatic rules an indicator may carry (`rule: Some("...")`). The operations
/// index fills in their evaluation; here they are only validated by name.
pub const KNOWN_RULES: &[&str] = &[
    "no_update",
    "dormant",
    "zombie",
    "no_interaction",
    "below_average",
    "update_frequency",
];
