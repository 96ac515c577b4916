use super::*;
use crate::domain::ops::metrics::{KeyedPost, Post, WeekMetric};
use crate::domain::platform::{Level, Platform};
use chrono::NaiveDate;

fn store_with_account() -> (Store, i64) {
    let mut s = Store::open_in_memory().unwrap();
    let a = crate::domain::account::Account {
        id: 0,
        platform: Platform::WeChat,
        platform_label: "微信订阅号".into(),
        name: "云和发布".into(),
        unit: "云和县委宣传部".into(),
        level: Level::County,
        region: "浙江省/丽水市/云和县".into(),
        domain: String::new(),
        status: String::new(),
        opened: None,
    };
    let id = s.insert_accounts(&[a]).unwrap()[0];
    (s, id)
}

fn post(id: i64, key: &str, reads: u64) -> KeyedPost {
    KeyedPost {
        key: key.into(),
        post: Post {
            account_id: id,
            published: NaiveDate::from_ymd_opt(2024, 12, 31)
                .unwrap()
                .and_hms_opt(19, 5, 0)
                .unwrap(),
            headline: true,
            reads,
            reads_capped: false,
            likes: 3,
            wow: Some(1),
            shares: 0,
            comments: 0,
        },
    }
}

fn week(id: i64, followers: u64) -> WeekMetric {
    WeekMetric {
        account_id: id,
        week: NaiveDate::from_ymd_opt(2024, 12, 30).unwrap(),
        followers,
        messages: 4,
        replies: 3,
        posts: Some(2),
        reads: None,
        likes: None,
        comments: None,
        reply_hours: Some(1.5),
    }
}

fn src(name: &str) -> ImportSource {
    ImportSource {
        file: name.into(),
        sha256: "ab".repeat(32),
    }
}

#[test]
fn reimporting_the_same_rows_changes_nothing() {
    let (mut s, id) = store_with_account();
    let posts = [post(id, "a#0", 10), post(id, "a#1", 5)];
    let first = s.import_metrics(&src("p.csv"), &posts, &[], false).unwrap();
    assert_eq!(
        (first.inserted, first.unchanged, first.applied),
        (2, 0, true)
    );
    let again = s.import_metrics(&src("p.csv"), &posts, &[], false).unwrap();
    assert_eq!((again.inserted, again.unchanged, again.replaced), (0, 2, 0));
    assert_eq!(s.metric_counts().unwrap(), (2, 0));
    assert_eq!(
        s.metric_imports().unwrap().len(),
        1,
        "a no-op import leaves no history row"
    );
}

#[test]
fn a_different_value_is_a_conflict_applied_only_with_replace() {
    let (mut s, id) = store_with_account();
    s.import_metrics(&src("w1.csv"), &[], &[week(id, 100)], false)
        .unwrap();
    let out = s
        .import_metrics(
            &src("w2.csv"),
            &[post(id, "n#0", 1)],
            &[week(id, 120)],
            false,
        )
        .unwrap();
    assert!(!out.applied);
    assert_eq!(out.conflicts.len(), 1);
    assert_eq!(out.conflicts[0].key, "2024-12-30");
    assert_eq!(out.conflicts[0].changes, vec!["followers: 100 → 120"]);
    // Nothing was written, not even the new post.
    assert_eq!(s.metric_counts().unwrap(), (0, 1));
    assert_eq!(s.weeks(id).unwrap()[0].followers, 100);
    let out = s
        .import_metrics(
            &src("w2.csv"),
            &[post(id, "n#0", 1)],
            &[week(id, 120)],
            true,
        )
        .unwrap();
    assert_eq!((out.applied, out.inserted, out.replaced), (true, 1, 1));
    let w = &s.weeks(id).unwrap()[0];
    assert_eq!(
        (w.followers, w.posts, w.reply_hours),
        (120, Some(2), Some(1.5))
    );
    let h = s.metric_imports().unwrap();
    assert_eq!(
        h.iter()
            .map(|r| (r.file.as_str(), r.replaced))
            .collect::<Vec<_>>(),
        vec![("w1.csv", 0), ("w2.csv", 1)]
    );
}

#[test]
fn bulk_loads_refuse_duplicates_instead_of_doubling() {
    let (mut s, id) = store_with_account();
    let p = post(id, "", 1).post;
    assert_eq!(
        s.bulk_posts(&mut [p.clone(), p.clone()].into_iter())
            .unwrap(),
        2
    );
    assert!(s.bulk_posts(&mut [p].into_iter()).is_err());
    assert_eq!(s.metric_counts().unwrap().0, 2);
    s.bulk_weeks(&mut [week(id, 1)].into_iter()).unwrap();
    assert!(s.bulk_weeks(&mut [week(id, 2)].into_iter()).is_err());
    assert_eq!(s.weeks(id).unwrap()[0].followers, 1);
}

#[test]
fn the_migration_keys_posts_already_stored_by_the_old_importer() {
    let conn = rusqlite::Connection::open_in_memory().unwrap();
    let n = crate::storage::MIGRATIONS.len();
    let mine = crate::storage::MIGRATIONS
        .iter()
        .position(|m| m.sql == MIGRATION_SQL)
        .unwrap();
    for m in &crate::storage::MIGRATIONS[..mine] {
        conn.execute_batch(m.sql).unwrap();
    }
    conn.execute_batch(
        "INSERT INTO accounts (platform, platform_label, name, level) VALUES ('wechat', '微信', 'a', 'county');
         INSERT INTO metric_posts (account_id, published_at, reads) VALUES (1, '2024-12-02 10:00', 5);
         INSERT INTO metric_posts (account_id, published_at, reads) VALUES (1, '2024-12-02 10:00', 5);
         INSERT INTO metric_posts (account_id, published_at, reads) VALUES (1, '2024-12-03 10:00', 7);",
    )
    .unwrap();
    conn.execute_batch(MIGRATION_SQL).unwrap();
    let keys: Vec<String> = conn
        .prepare("SELECT post_key FROM metric_posts ORDER BY id")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(
        keys,
        [
            "2024-12-02 10:00#0",
            "2024-12-02 10:00#1",
            "2024-12-03 10:00#0"
        ]
    );
    let dup = conn.execute(
        "INSERT INTO metric_posts (account_id, post_key, published_at, reads) VALUES (1, '2024-12-03 10:00#0', '2024-12-03 10:00', 1)",
        [],
    );
    assert!(dup.is_err(), "a second copy of a keyed post is refused");
    assert!(mine < n);
}
