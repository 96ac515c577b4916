//! 29 weeks of per-post and weekly metrics for every account (from 2024-05-27: the 26 weeks
//! before either round's monitoring date): heavy-tailed reach, a few
//! dormant (睡眠) accounts with one silence of 16–20 days, zombie (僵尸) accounts that post rarely to
//! nobody, and the one account vetoed for not updating (silent since 2024-11-20).

use assay::domain::platform::Platform;
use chrono::{Duration, NaiveDate};
use rand::Rng;
use rand_chacha::ChaCha8Rng;

use crate::accounts::Row;
use crate::scores::platform_of;

pub const WEEKS: i64 = 29;

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Profile {
    Normal,
    /// One silence mid-period: the last post on the Sunday before week `from`, then `gap`
    /// (14–20) days without a post. Reported dormant at exactly one weekly check (a check falls
    /// 14 days after the last post), never a zombie (no gap longer than 20 days, no two reports).
    Dormant {
        from: i64,
        gap: i64,
    },
    Zombie,
    /// No post after the given day: fails the no-update veto at the monitoring date.
    Stale(NaiveDate),
}

pub fn first_monday() -> NaiveDate {
    NaiveDate::from_ymd_opt(2024, 5, 27).expect("valid date")
}

fn gauss(rng: &mut ChaCha8Rng) -> f64 {
    let u1: f64 = rng.random::<f64>().max(1e-12);
    let u2: f64 = rng.random();
    (-2.0 * u1.ln()).sqrt() * (std::f64::consts::TAU * u2).cos()
}

fn poisson(lambda: f64, rng: &mut ChaCha8Rng) -> u32 {
    if lambda > 30.0 {
        return (lambda + lambda.sqrt() * gauss(rng)).max(0.0).round() as u32;
    }
    let l = (-lambda).exp();
    let (mut k, mut p) = (0u32, 1.0);
    loop {
        p *= rng.random::<f64>();
        if p <= l {
            return k;
        }
        k += 1;
    }
}

fn base_followers(r: &Row, rng: &mut ChaCha8Rng) -> f64 {
    let mu: f64 = match r.level.as_str() {
        "市级" => 18_000.0,
        "街道" | "乡镇级" => 1_800.0,
        _ => 6_000.0,
    };
    let boost = if r.name.contains("发布") || r.name.contains("公安") {
        6.0
    } else {
        1.0
    };
    let plat = match platform_of(r) {
        Platform::Weibo => 1.8,
        Platform::Douyin => 2.5,
        Platform::App | Platform::MiniProgram => 0.6,
        _ => 1.0,
    };
    (mu * boost * plat * (0.9 * gauss(rng)).exp()).max(80.0)
}

/// Pushes per week by platform and level.
fn rate(r: &Row) -> f64 {
    let p = match platform_of(r) {
        Platform::WeChat => 2.6,
        Platform::Weibo => 5.0,
        Platform::Douyin => 1.8,
        Platform::Toutiao => 2.5,
        Platform::App => 4.0,
        _ => 1.0,
    };
    if r.level == "市级" { p * 1.3 } else { p }
}

/// The unit whose WeChat account never answers a message (the inspector's 互动回应差 veto).
pub const UNANSWERED: &str = "遂昌县住房和城乡建设局";

/// A random time of day on day `d` (0 = Monday) of a week.
fn at(d: i64, rng: &mut ChaCha8Rng) -> (i64, u32, u32) {
    (d, rng.random_range(7..22), rng.random_range(0..60))
}

/// The posting days of week `w` (0 = Monday) with a time each, by profile. A normal account posts
/// at least once every week, so it is never silent for 14 days at a check nor under the floor;
/// a zombie posts in one week of four (gaps over 20 days) and in the last week; a dormant account
/// keeps its one silence; the stale account posts nothing after its last day, and on it.
fn week_days(
    prof: Profile,
    w: i64,
    phase: i64,
    rate: f64,
    rng: &mut ChaCha8Rng,
) -> Vec<(i64, u32, u32)> {
    let monday = first_monday() + Duration::days(7 * w);
    let n = match prof {
        Profile::Zombie => u32::from(w % 4 == phase || w == WEEKS - 1),
        _ => poisson(rate, rng).max(1),
    };
    let mut days: Vec<(i64, u32, u32)> = (0..n).map(|_| at(rng.random_range(0..7), rng)).collect();
    match prof {
        Profile::Dormant { from, gap } => {
            let last = first_monday() + Duration::days(7 * from - 1);
            let next = last + Duration::days(gap + 1);
            let day = |d: i64| monday + Duration::days(d);
            days.retain(|(d, _, _)| day(*d) <= last || day(*d) >= next);
            for edge in [last, next] {
                let d = (edge - monday).num_days();
                if (0..7).contains(&d) {
                    days.push(at(d, rng));
                }
            }
        }
        Profile::Stale(last) => {
            days.retain(|(d, _, _)| monday + Duration::days(*d) <= last);
            let d = (last - monday).num_days();
            if (0..7).contains(&d) {
                days.push(at(d, rng));
            }
        }
        _ => {}
    }
    days
}

/// Writes posts.csv and weekly.csv.
pub fn write(
    rows: &[Row],
    profiles: &[Profile],
    dir: &std::path::Path,
    rng: &mut ChaCha8Rng,
) -> std::io::Result<(usize, usize)> {
    let mut posts = csv::Writer::from_path(dir.join("posts.csv"))?;
    let mut weekly = csv::Writer::from_path(dir.join("weekly.csv"))?;
    posts.write_record([
        "platform",
        "account",
        "published",
        "headline",
        "reads",
        "likes",
        "wow",
        "shares",
        "comments",
    ])?;
    weekly.write_record([
        "platform",
        "account",
        "week",
        "followers",
        "messages",
        "replies",
    ])?;
    let (mut np, mut nw) = (0, 0);
    for (r, prof) in rows.iter().zip(profiles) {
        let plat = platform_of(r).label_zh();
        let wechat = platform_of(r) == Platform::WeChat;
        let mut followers = base_followers(r, rng);
        if r.name == "丽水发布" {
            followers = 460_000.0;
        }
        let zombie = *prof == Profile::Zombie;
        let phase = rng.random_range(0..4);
        for w in 0..WEEKS {
            let monday = first_monday() + Duration::days(7 * w);
            let mut days = week_days(*prof, w, phase, rate(r), rng);
            days.sort();
            for (d, h, m) in days {
                let day = monday + Duration::days(d);
                let articles = if wechat { rng.random_range(1..=3) } else { 1 };
                for a in 0..articles {
                    let reach = if zombie { 0.004 } else { 0.05 };
                    let head = if a == 0 { 1.0 } else { 0.35 };
                    let reads = (followers * reach * head * (1.1 * gauss(rng)).exp())
                        .round()
                        .max(0.0) as u64;
                    let frac = |rng: &mut ChaCha8Rng, hi: f64| {
                        (reads as f64 * rng.random_range(0.0..hi)).round() as u64
                    };
                    let likes = frac(rng, 0.03);
                    let wow = if wechat {
                        frac(rng, 0.012).to_string()
                    } else {
                        String::new()
                    };
                    let shares = frac(rng, 0.04);
                    let comments = frac(rng, 0.004);
                    let shown = if reads >= 100_000 {
                        "10万+".to_string()
                    } else {
                        reads.to_string()
                    };
                    let headline = if wechat && a == 0 { "1" } else { "0" };
                    let at = format!("{day} {h:02}:{m:02}");
                    posts.write_record([
                        plat,
                        &r.name,
                        &at,
                        headline,
                        &shown,
                        &likes.to_string(),
                        &wow,
                        &shares.to_string(),
                        &comments.to_string(),
                    ])?;
                    np += 1;
                }
            }
            let growth = if zombie {
                0.0
            } else {
                0.004 + 0.004 * gauss(rng)
            };
            followers = (followers * (1.0 + growth)).max(10.0);
            let messages = if zombie {
                u32::from(w % 8 == 3)
            } else {
                poisson(followers * 0.0004, rng)
            };
            let replies = if zombie || (wechat && r.unit == UNANSWERED) {
                0
            } else {
                (f64::from(messages) * rng.random_range(0.7..=1.0)).round() as u32
            };
            weekly.write_record([
                plat,
                &r.name,
                &monday.to_string(),
                &(followers.round() as u64).to_string(),
                &messages.to_string(),
                &replies.to_string(),
            ])?;
            nw += 1;
        }
    }
    posts.flush()?;
    weekly.flush()?;
    Ok((np, nw))
}
