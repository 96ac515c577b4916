//! Operations monitoring, pure: the figures of one account over one period, index formulas kept
//! as versioned RON data, comparison with the group average (streaks below it) and the activity
//! rules (dormant, zombie, update floor, no interaction, consolidation).

pub mod activity;
pub mod auto;
pub mod compare;
pub mod consolidation;
pub mod formula;
pub mod group;
pub mod metrics;
pub mod report;
pub mod roster;
mod rows;
pub mod table;
mod tally;
pub mod week;

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

/// One post's figures as the ops report reads them.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PostFigures {
    pub account_id: i64,
    pub published: NaiveDateTime,
    pub headline: bool,
    /// reads, 在看, likes, shares, comments
    pub counts: [u64; 5],
}

/// One account's posts of one Monday week, aggregated at import: count, days with a post
/// (bit d = Monday + d), and per metric (reads, 在看, likes, shares, comments) the totals, the
/// headline totals and the highest single post.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PostWeek {
    pub account_id: i64,
    pub week: NaiveDate,
    pub posts: u64,
    pub days: u8,
    pub total: [u64; 5],
    pub headline: [u64; 5],
    pub max: [u64; 5],
}

fn counts(v: [u64; 5]) -> Counts {
    let [reads, wow, likes, shares, comments] = v.map(|x| x as f64);
    Counts {
        reads,
        wow,
        likes,
        shares,
        comments,
    }
}

/// One account's figures of one whole Monday week as kept by storage: its index under one
/// formula, the days with a post (bit d = Monday + d), messages received and answered.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct KeptWeek {
    pub account_id: i64,
    pub week: NaiveDate,
    pub value: f64,
    pub days: u8,
    pub messages: u64,
    pub replies: u64,
}

/// One account's weekly row as the ops report reads it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct WeekFigures {
    pub account_id: i64,
    pub followers: u64,
    pub messages: u64,
    pub replies: u64,
    pub reply_hours: Option<f64>,
    /// posts, reads, likes, comments as a weekly file gives them.
    pub totals: [Option<u64>; 4],
}

/// Sums of one metric set: reads, 在看 (wow), likes, shares, comments.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct Counts {
    pub reads: f64,
    pub wow: f64,
    pub likes: f64,
    pub shares: f64,
    pub comments: f64,
}

impl Counts {
    fn add(&mut self, o: &Counts) {
        self.reads += o.reads;
        self.wow += o.wow;
        self.likes += o.likes;
        self.shares += o.shares;
        self.comments += o.comments;
    }

    fn max_with(&mut self, o: &Counts) {
        self.reads = self.reads.max(o.reads);
        self.wow = self.wow.max(o.wow);
        self.likes = self.likes.max(o.likes);
        self.shares = self.shares.max(o.shares);
        self.comments = self.comments.max(o.comments);
    }
}

/// What an index formula reads for one account over one period (usually a week).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PeriodMetrics {
    /// Length of the period in days (d).
    pub days: f64,
    /// Number of posts (n).
    pub posts: f64,
    /// Totals over all posts (R, Z, L, RE, C).
    pub total: Counts,
    /// Totals over headline (头条) posts only (Rt, Zt, Lt, REt).
    pub headline: Counts,
    /// Each metric's highest single post (Rmax, Zmax, …), taken metric by metric.
    pub max: Counts,
    /// Followers at the end of the period, when known.
    pub followers: Option<f64>,
    /// Median reply latency in hours, when known.
    pub reply_hours: Option<f64>,
}

impl PeriodMetrics {
    /// An empty period of `days` days (no posts).
    pub fn new(days: f64) -> PeriodMetrics {
        PeriodMetrics {
            days,
            ..PeriodMetrics::default()
        }
    }

    /// Adds a week's aggregated posts (the same sums and maxima as adding each post).
    pub fn add_post_week(&mut self, w: &PostWeek) {
        self.posts += w.posts as f64;
        self.total.add(&counts(w.total));
        self.headline.add(&counts(w.headline));
        self.max.max_with(&counts(w.max));
    }

    /// Adds a weekly row: followers and reply hours; its totals stand in for posts when the
    /// period has no per-post records (add posts first). Messages are counted by the caller.
    pub fn add_week(&mut self, w: &WeekFigures) {
        self.followers = Some(w.followers as f64);
        self.reply_hours = w.reply_hours;
        if self.posts == 0.0 {
            let [posts, reads, likes, comments] = w.totals.map(|v| v.unwrap_or(0) as f64);
            self.posts = posts;
            self.total.reads = reads;
            self.total.likes = likes;
            self.total.comments = comments;
        }
    }

    /// Adds one post's figures.
    pub fn add_post(&mut self, headline: bool, c: &Counts) {
        self.posts += 1.0;
        self.total.add(c);
        if headline {
            self.headline.add(c);
        }
        self.max.max_with(c);
    }
}
