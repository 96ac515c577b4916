//! Rubrics: the RON model, loading with file positions, and validation.

pub mod model;

pub use model::*;

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
