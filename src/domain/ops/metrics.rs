//! Operations metrics as they come in: one post's figures (reads with the "10万+" cap, likes,
//! 在看, shares, comments) and one account's weekly counts. `io` reads them from files, `gen`
//! makes them up, storage keeps them.

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

/// One post's figures.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Post {
    pub account_id: i64,
    pub published: NaiveDateTime,
    pub headline: bool,
    pub reads: u64,
    /// The platform showed "10万+": `reads` is a lower bound (100000).
    pub reads_capped: bool,
    pub likes: u64,
    pub wow: Option<u64>,
    pub shares: u64,
    pub comments: u64,
}

/// One account's figures for one week.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WeekMetric {
    pub account_id: i64,
    /// The Monday the week starts on.
    pub week: NaiveDate,
    pub followers: u64,
    pub messages: u64,
    pub replies: u64,
    /// Posts, reads, likes and comments of the week as a weekly file gives them (none when the
    /// figures come from per-post records instead).
    #[serde(default)]
    pub posts: Option<u64>,
    #[serde(default)]
    pub reads: Option<u64>,
    #[serde(default)]
    pub likes: Option<u64>,
    #[serde(default)]
    pub comments: Option<u64>,
    /// Median reply latency in hours.
    #[serde(default)]
    pub reply_hours: Option<f64>,
}

/// A post with its identity within its account.
#[derive(Debug, Clone, PartialEq)]
pub struct KeyedPost {
    pub key: String,
    pub post: Post,
}
