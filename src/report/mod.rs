//! Reports built from stored rounds: round summaries (pass rate, vetoes, means).

pub mod summary;
