//! Ties metric rows to stored accounts and gives each post its key; names unknown or ambiguous
//! accounts and rows repeated within a file.

use std::collections::HashMap;

use chrono::{NaiveDate, NaiveDateTime};

use super::{AccountRef, MetricsError, MetricsFile};
use crate::domain::platform::Platform;
use crate::io::accounts::Said;

/// Rows tied to stored accounts, ready for `Store::import_metrics`.
pub type Resolved = (
    Vec<crate::domain::ops::metrics::KeyedPost>,
    Vec<crate::domain::ops::metrics::WeekMetric>,
);

/// Ties each row to a stored account (by platform and name, or by a name that is unique) and
/// gives each post its key: the file's post id, else its minute and its position among the
/// account's posts at that minute. Unknown or ambiguous accounts and rows repeated within the
/// file are problems; nothing is returned unless every row is sound.
pub fn resolve(
    file: &str,
    f: &MetricsFile,
    accounts: &[crate::domain::account::Account],
) -> Result<Resolved, MetricsError> {
    use crate::domain::ops::metrics::KeyedPost;
    use crate::domain::ops::metrics::{Post, WeekMetric};

    let mut by_key: HashMap<(Platform, &str), i64> = HashMap::new();
    let mut by_name: HashMap<&str, Vec<i64>> = HashMap::new();
    for a in accounts {
        by_key.insert((a.platform, a.name.as_str()), a.id);
        by_name.entry(a.name.as_str()).or_default().push(a.id);
    }
    let mut problems = Vec::new();
    let find = |row: usize, r: &AccountRef| -> Result<i64, Said> {
        let hit = match r.platform {
            Some(p) => by_key.get(&(p, r.name.as_str())).copied(),
            None => match by_name.get(r.name.as_str()).map(Vec::as_slice) {
                Some([one]) => Some(*one),
                Some(many) if many.len() > 1 => {
                    return Err(Said::new(
                        format!(
                            "{file}: row {row}: {} names {} accounts on different platforms; add a platform column",
                            r.name,
                            many.len()
                        ),
                        format!(
                            "{file}：第 {row} 行：“{}”对应不同平台上的 {} 个账号；请加上平台列",
                            r.name,
                            many.len()
                        ),
                    ));
                }
                _ => None,
            },
        };
        hit.ok_or_else(|| {
            let p = r.platform.map(|p| format!("{}:", p.code())).unwrap_or_default();
            Said::new(
                format!(
                    "{file}: row {row}: no account {p}{} in the database; import it with `assay account import` first",
                    r.name
                ),
                format!(
                    "{file}：第 {row} 行：数据库中没有账号“{p}{}”；请先用 `assay account import` 导入",
                    r.name
                ),
            )
        })
    };
    let mut posts = Vec::new();
    let mut seen: HashMap<(i64, String), usize> = HashMap::new();
    let mut seq: HashMap<(i64, NaiveDateTime), u32> = HashMap::new();
    for p in &f.posts {
        let id = match find(p.row, &p.account) {
            Ok(id) => id,
            Err(e) => {
                problems.push(e);
                continue;
            }
        };
        let key = match &p.id {
            Some(k) => k.clone(),
            None => {
                let n = seq.entry((id, p.published)).or_default();
                *n += 1;
                format!("{}#{}", p.published.format("%Y-%m-%d %H:%M"), *n - 1)
            }
        };
        if let Some(first) = seen.insert((id, key.clone()), p.row) {
            problems.push(Said::new(
                format!(
                    "{file}: row {}: the same post as row {first} ({key})",
                    p.row
                ),
                format!("{file}：第 {} 行与第 {first} 行是同一篇（{key}）", p.row),
            ));
        }
        posts.push(KeyedPost {
            key,
            post: Post {
                account_id: id,
                published: p.published,
                headline: p.headline,
                reads: p.reads,
                reads_capped: p.capped,
                likes: p.likes,
                wow: p.wow,
                shares: p.shares,
                comments: p.comments,
            },
        });
    }
    let mut weeks = Vec::new();
    let mut seen_w: HashMap<(i64, NaiveDate), usize> = HashMap::new();
    for w in &f.weeks {
        let id = match find(w.row, &w.account) {
            Ok(id) => id,
            Err(e) => {
                problems.push(e);
                continue;
            }
        };
        if let Some(first) = seen_w.insert((id, w.week), w.row) {
            problems.push(Said::new(
                format!(
                    "{file}: row {}: the same account and week ({}) as row {first}",
                    w.row, w.week
                ),
                format!(
                    "{file}：第 {} 行与第 {first} 行是同一账号同一周（{}）",
                    w.row, w.week
                ),
            ));
        }
        weeks.push(WeekMetric {
            account_id: id,
            week: w.week,
            followers: w.followers,
            messages: w.messages,
            replies: w.replies,
            posts: w.posts,
            reads: w.reads,
            likes: w.likes,
            comments: w.comments,
            reply_hours: w.reply_hours,
        });
    }
    if problems.is_empty() {
        Ok((posts, weeks))
    } else {
        problems.truncate(50);
        Err(MetricsError::Rows {
            file: file.into(),
            problems,
        })
    }
}
