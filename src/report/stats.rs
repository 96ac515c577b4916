//! Descriptive statistics of reports: the one definition lives in [`crate::domain::stats`].

pub use crate::domain::stats::*;
