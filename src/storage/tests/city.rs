//! A small city of storage's own for the operations tests: 120 accounts on three platforms in
//! three cities, two rounds (round 2 monitored on Monday 2024-12-16), and 40 weeks of posts and
//! weekly figures made up deterministically (some accounts fall silent, WeChat has 在看 and
//! headlines), imported through the same importer as `assay metrics import`. Storage tests do
//! not load the sample city: that lives above storage.

use chrono::{Duration, NaiveDate};

use crate::domain::account::Account;
use crate::domain::ops::metrics::{KeyedPost, Post, WeekMetric};
use crate::domain::platform::{Level, Platform};
use crate::storage::metric_import::ImportSource;
use crate::storage::{AccountFilter, NewRound, Store};

pub const ACCOUNTS: usize = 120;
pub const WEEKS: i64 = 40;

/// The monitoring day of round 2 (a Monday).
pub fn monitoring_day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2024, 12, 16).expect("date")
}

/// A deterministic stream of numbers (64-bit LCG): the same city every run.
struct Dice(u64);

impl Dice {
    fn roll(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) % n.max(1)
    }
}

fn accounts() -> Vec<Account> {
    let cities = [
        "浙江省/丽水市/云和县",
        "浙江省/温州市/文成县",
        "浙江省/衢州市/开化县",
    ];
    let platforms = [Platform::WeChat, Platform::Weibo, Platform::Douyin];
    (0..ACCOUNTS)
        .map(|i| Account {
            id: 0,
            platform: platforms[i % 3],
            platform_label: platforms[i % 3].label_zh().into(),
            name: format!("测试号{i:03}"),
            unit: format!("测试单位{i:03}"),
            level: if i % 4 == 0 {
                Level::City
            } else {
                Level::County
            },
            region: cities[(i / 3) % 3].into(),
            domain: "宣传".into(),
            status: "正常".into(),
            opened: NaiveDate::from_ymd_opt(2021, 3, 5),
        })
        .collect()
}

/// Posts and weekly rows of account `id` (index `i` in the city) over the 40 weeks.
fn figures(
    i: usize,
    id: i64,
    platform: Platform,
    dice: &mut Dice,
) -> (Vec<KeyedPost>, Vec<WeekMetric>) {
    let first = monitoring_day() - Duration::weeks(WEEKS);
    let silent_from = if i.is_multiple_of(11) {
        WEEKS - 4
    } else {
        WEEKS
    };
    let (mut posts, mut weeks) = (Vec::new(), Vec::new());
    let mut followers = 500 + dice.roll(5000);
    for w in 0..WEEKS {
        let monday = first + Duration::weeks(w);
        let n = if w >= silent_from { 0 } else { dice.roll(5) };
        for k in 0..n {
            let day = monday + Duration::days(dice.roll(7) as i64);
            let at = day.and_hms_opt(8 + dice.roll(12) as u32, dice.roll(60) as u32, 0);
            let reads = dice.roll(20_000) + if dice.roll(50) == 0 { 100_000 } else { 0 };
            posts.push(KeyedPost {
                key: format!("p{i}-{w}-{k}"),
                post: Post {
                    account_id: id,
                    published: at.expect("time"),
                    headline: platform == Platform::WeChat && k == 0,
                    reads: reads.min(100_000),
                    reads_capped: reads >= 100_000,
                    likes: dice.roll(300),
                    wow: (platform == Platform::WeChat).then(|| dice.roll(80)),
                    shares: dice.roll(120),
                    comments: dice.roll(40),
                },
            });
        }
        followers += dice.roll(40);
        let messages = dice.roll(12);
        weeks.push(WeekMetric {
            account_id: id,
            week: monday,
            followers,
            messages,
            replies: if i.is_multiple_of(7) {
                0
            } else {
                messages.saturating_sub(dice.roll(3))
            },
            posts: None,
            reads: None,
            likes: None,
            comments: None,
            reply_hours: None,
        });
    }
    (posts, weeks)
}

/// A store holding the city: accounts, rounds 1 and 2, and the metrics (kept index refreshed by
/// the import, as after `assay metrics import`).
pub fn load(s: &mut Store) {
    let list = accounts();
    let ids = s.insert_accounts(&list).expect("accounts");
    for (name, day) in [
        ("一季度", monitoring_day() - Duration::weeks(12)),
        ("四季度", monitoring_day()),
    ] {
        s.create_round(&NewRound {
            name: name.into(),
            rubric_id: "ops".into(),
            rubric_version: "1".into(),
            rubric_text: "(id: \"ops\")".into(),
            monitoring_date: day,
            scope: AccountFilter::default(),
        })
        .expect("round");
    }
    let mut dice = Dice(20241216);
    let (mut posts, mut weeks) = (Vec::new(), Vec::new());
    for (i, (a, id)) in list.iter().zip(&ids).enumerate() {
        let (p, w) = figures(i, *id, a.platform, &mut dice);
        posts.extend(p);
        weeks.extend(w);
    }
    for (file, p, w) in [
        ("posts.csv", &posts[..], &[][..]),
        ("weekly.csv", &[][..], &weeks[..]),
    ] {
        let source = ImportSource {
            file: file.into(),
            sha256: format!("city-{file}"),
        };
        s.import_metrics(&source, p, w, false).expect("metrics");
    }
}
