//! Pure domain model: platforms and levels, accounts, rubrics, score entries and the engine.
//! Nothing here touches a terminal, a database or the file system.

pub mod account;
pub mod agreement;
pub mod dates;
pub mod engine;
pub mod entry;
mod entry_error;
pub mod entry_words;
pub mod evidence;
pub mod figure;
pub mod finding;
pub mod ops;
pub mod panel;
pub mod platform;
pub mod rectify;
pub mod rubric;
pub mod sheet_check;
pub mod sheet_result;
pub mod stats;
pub mod whatif;
pub mod when;
