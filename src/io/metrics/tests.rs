use super::*;

fn mon() -> Weekday {
    Weekday::Mon
}

#[test]
fn reads_a_posts_file_with_chinese_headers() {
    let text = "平台,账号,发布时间,是否头条,阅读数,点赞数,在看数,转发数,评论数\n微信,云和发布,2024-12-31 19:05,是,10万+,5,,2,1\n微博,云和发布,2025/01/01 08:00,否,842,1,,0,0\n";
    let f = read_metrics_text("p.csv", text, mon()).unwrap();
    assert_eq!(f.kind, Kind::Posts);
    assert_eq!(f.posts.len(), 2);
    let p = &f.posts[0];
    assert_eq!(
        (p.reads, p.capped, p.headline, p.wow),
        (100_001, true, true, None)
    );
    assert_eq!(p.account.platform, Some(Platform::WeChat));
    assert_eq!(f.posts[1].row, 3);
}

#[test]
fn weeks_are_moved_to_their_first_day_across_the_year_end() {
    let text =
        "account,week,followers,messages,replies,reply_hours\n云和发布,2025-01-02,100,4,3,2.5\n";
    let f = read_metrics_text("w.csv", text, mon()).unwrap();
    assert_eq!(f.kind, Kind::Weeks);
    assert_eq!(
        f.weeks[0].week,
        NaiveDate::from_ymd_opt(2024, 12, 30).unwrap()
    );
    assert_eq!(f.weeks[0].reply_hours, Some(2.5));
    let sun = read_metrics_text("w.csv", text, Weekday::Sun).unwrap();
    assert_eq!(
        sun.weeks[0].week,
        NaiveDate::from_ymd_opt(2024, 12, 29).unwrap()
    );
}

#[test]
fn every_bad_cell_is_named_and_nothing_is_returned() {
    let text =
        "account,published,reads,likes\na,2024-12-01 10:00,12,x\n,2024-12-01,1,1\nb,昨天,许多,1\n";
    let e = read_metrics_text("bad.csv", text, mon())
        .unwrap_err()
        .to_string();
    assert!(e.contains("bad.csv: row 2, column likes: \"x\""), "{e}");
    assert!(e.contains("row 3, column account"), "{e}");
    assert!(e.contains("row 4, column published: \"昨天\""), "{e}");
    assert!(e.contains("row 4, column reads: \"许多\""), "{e}");
    let e = read_metrics_text("h.csv", "foo,bar\n1,2\n", mon())
        .unwrap_err()
        .to_string();
    assert!(e.contains("h.csv") && e.contains("foo"), "{e}");
}

fn account(id: i64, p: Platform, name: &str) -> crate::domain::account::Account {
    crate::domain::account::Account {
        id,
        platform: p,
        platform_label: String::new(),
        name: name.into(),
        unit: String::new(),
        level: crate::domain::platform::Level::County,
        region: String::new(),
        domain: String::new(),
        status: String::new(),
        opened: None,
    }
}

#[test]
fn resolving_keys_posts_and_names_unknown_accounts() {
    let accounts = [
        account(1, Platform::WeChat, "云和发布"),
        account(2, Platform::Weibo, "云和发布"),
        account(3, Platform::WeChat, "云和交警"),
    ];
    let text = "platform,account,published,headline,reads\n微信,云和发布,2024-12-02 19:00,1,5\n微信,云和发布,2024-12-02 19:00,0,3\n,云和交警,2024-12-02 19:00,0,3\n";
    let f = read_metrics_text("p.csv", text, mon()).unwrap();
    let (posts, _) = resolve("p.csv", &f, &accounts, &|_, _| None).unwrap();
    let keys: Vec<(i64, &str)> = posts
        .iter()
        .map(|p| (p.post.account_id, p.key.as_str()))
        .collect();
    assert_eq!(
        keys,
        vec![
            (1, "2024-12-02 19:00#0"),
            (1, "2024-12-02 19:00#1"),
            (3, "2024-12-02 19:00#0")
        ]
    );
    let text =
        "account,published,reads\n云和发布,2024-12-02 19:00,5\n莲都发布,2024-12-02 19:00,5\n";
    let f = read_metrics_text("p.csv", text, mon()).unwrap();
    let e = resolve("p.csv", &f, &accounts, &|_, _| None)
        .unwrap_err()
        .to_string();
    assert!(e.contains("row 2: 云和发布 names 2 accounts"), "{e}");
    assert!(e.contains("row 3: no account 莲都发布"), "{e}");
    let text = "account,week,followers\n云和交警,2024-12-02,1\n云和交警,2024-12-04,2\n";
    let f = read_metrics_text("w.csv", text, mon()).unwrap();
    let e = resolve("w.csv", &f, &accounts, &|_, _| None)
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("row 3: the same account and week (2024-12-02) as row 2"),
        "{e}"
    );
}

#[test]
fn spreadsheet_errors_negative_and_huge_counts_are_refused_by_row_and_column() {
    // The issue: #DIV/0! refused in a CSV, an XLSX error cell read as 0, 2^64−1 stored clipped.
    let text = "account,week,followers,messages,replies\n云和交警,2024-12-02,#DIV/0!,1,1\n云和交警,2024-12-09,-3,1,1\n云和交警,2024-12-16,18446744073709551615,1,1\n云和交警,2024-12-23,5,#N/A,1\n";
    let e = read_metrics_text("w.csv", text, mon())
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("row 2, column followers (C2)") && e.contains("#DIV/0!"),
        "{e}"
    );
    assert!(
        e.contains("row 3, column followers: \"-3\" is negative"),
        "{e}"
    );
    assert!(
        e.contains("row 4, column followers: 18446744073709551615 is out of range"),
        "{e}"
    );
    assert!(
        e.contains("row 5, column messages (D5)") && e.contains("#N/A"),
        "{e}"
    );
    // An XLSX error cell is an error too, never empty.
    let err = Cell::Error("#VALUE!".into());
    assert_eq!(fields::spreadsheet_error(&err).as_deref(), Some("#VALUE!"));
    assert_eq!(fields::spreadsheet_error(&Cell::Empty), None);
    assert_eq!(
        fields::spreadsheet_error(&Cell::Text("#1 账号".into())),
        None
    );
}

#[test]
fn an_empty_cell_keeps_the_stored_value_and_a_new_week_needs_it() {
    use crate::domain::ops::metrics::WeekMetric;
    let accounts = [account(3, Platform::WeChat, "云和交警")];
    let week = NaiveDate::from_ymd_opt(2024, 12, 2).unwrap();
    let stored = WeekMetric {
        account_id: 3,
        week,
        followers: 1000,
        messages: 4,
        replies: 4,
        posts: Some(2),
        reads: None,
        likes: None,
        comments: None,
        reply_hours: None,
    };
    let text = "account,week,followers,messages,replies\n云和交警,2024-12-02,,6,6\n";
    let f = read_metrics_text("w.csv", text, mon()).unwrap();
    let lookup = |id: i64, w: NaiveDate| (id == 3 && w == week).then(|| stored.clone());
    let (_, weeks) = resolve("w.csv", &f, &accounts, &lookup).unwrap();
    assert_eq!(
        (weeks[0].followers, weeks[0].messages, weeks[0].posts),
        (1000, 6, Some(2)),
        "followers kept, messages replaced, posts kept"
    );
    // Nothing stored for that week: the empty followers cell is refused, named.
    let e = resolve("w.csv", &f, &accounts, &|_, _| None)
        .unwrap_err()
        .to_string();
    assert!(e.contains("row 2, column followers: empty"), "{e}");
    // A file without a messages column at all counts 0 for a new week.
    let text = "account,week,followers\n云和交警,2024-12-02,10\n";
    let f = read_metrics_text("w.csv", text, mon()).unwrap();
    let (_, weeks) = resolve("w.csv", &f, &accounts, &|_, _| None).unwrap();
    assert_eq!((weeks[0].followers, weeks[0].messages), (10, 0));
}
