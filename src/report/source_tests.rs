//! The split recompute: id ranges that cover every account once, and the same figures from one
//! scan or from several connections to a database file.

use super::*;
use crate::domain::platform::{Level, Platform};
use crate::storage::NewRound;

fn account(i: i64) -> Account {
    Account {
        id: i,
        platform: if i % 2 == 0 {
            Platform::WeChat
        } else {
            Platform::Weibo
        },
        platform_label: String::new(),
        name: format!("号{i}"),
        unit: format!("单位{i}"),
        level: if i % 3 == 0 {
            Level::County
        } else {
            Level::City
        },
        region: "省/市/县".into(),
        domain: String::new(),
        status: String::new(),
        opened: None,
    }
}

#[test]
fn id_ranges_cover_every_account_exactly_once() {
    for (ids, n) in [
        (vec![5, 1, 9, 3, 7, 2], 3),
        (vec![1, 2], 4),
        (vec![], 2),
        (vec![4], 1),
        (vec![i64::MAX, 1, 2], 2),
    ] {
        let accounts: Vec<Account> = ids.iter().map(|&i| account(i)).collect();
        let ranges = split_ids(&accounts, n);
        assert!(!ranges.is_empty() && ranges.len() <= n.max(1), "{ranges:?}");
        assert_eq!(*ranges[0].start(), i64::MIN);
        assert_eq!(*ranges[ranges.len() - 1].end(), i64::MAX);
        for id in ids.iter().copied().chain([i64::MIN, 0, 6, i64::MAX]) {
            let hits = ranges.iter().filter(|r| r.contains(&id)).count();
            assert_eq!(hits, 1, "id {id} in {ranges:?}");
        }
        // In order, so the concatenated parts keep account order.
        assert!(ranges.windows(2).all(|w| w[0].end() < w[1].start()));
    }
    let three = split_ids(&[1, 2, 3, 4, 5, 6].map(account), 3);
    assert_eq!(three, vec![i64::MIN..=2, 3..=4, 5..=i64::MAX]);
}

const RUBRIC: &str = r#"Rubric(
    id: "split", name: "测试", version: "1", total: 10, pass_mark: 6,
    on_veto: FailWithScore(5),
    categories: [
        Category(id: "a", name: "甲类", weight: 6, indicators: [
            Range(id: "r", name: "定位", max: 4, step: 1),
            Deduct(id: "d", name: "无关信息", per: 1, cap: 2),
        ]),
        Category(id: "b", name: "乙类", weight: 4, indicators: [
            Check(id: "c", name: "名称", points: 2, platforms: [Weibo]),
        ]),
    ],
    vetoes: [Veto(id: "v", name: "不更新", reasons: ["两周无更新"])],
)"#;

#[test]
fn a_split_recompute_equals_one_scan_and_the_kept_rows() {
    let dir = tempfile::tempdir().expect("dir");
    let mut s = Store::create_or_open(&dir.path().join("split.db")).expect("store");
    let accounts: Vec<Account> = (0..7)
        .map(|i| Account {
            id: 0,
            ..account(i)
        })
        .collect();
    let ids = s.insert_accounts(&accounts).expect("accounts");
    let round = s
        .create_round(&NewRound {
            name: "R".into(),
            rubric_id: "split".into(),
            rubric_version: "1".into(),
            rubric_text: RUBRIC.into(),
            monitoring_date: chrono::NaiveDate::from_ymd_opt(2024, 1, 1).expect("date"),
            scope: Default::default(),
        })
        .expect("round");
    for (n, &a) in ids.iter().enumerate() {
        // Account 3 has no entries; the others one to three evaluators.
        for ev in ["甲", "乙", "丙"]
            .iter()
            .take(if n == 3 { 0 } else { 1 + n % 3 })
        {
            let mut r = Entry::new("r");
            r.value = Some((n % 5) as f64);
            let mut d = Entry::new("d");
            d.count = Some(n as u32);
            let mut v = Entry::new("v");
            if n == 5 {
                v.veto = Some("两周无更新".into());
            } else {
                v.value = Some(0.0);
            }
            for e in [r, d, v] {
                s.set_entry(round.id, a, ev, &e).expect("entry");
            }
        }
    }
    let rubric = round_rubric(&round).expect("rubric");
    let stored = s.round_accounts(round.id).expect("accounts");
    let all = |a, e, f| Some((a, e, f));
    let one = recompute_in_parts(&s, round.id, &rubric, &stored, 1, &all).expect("one scan");
    assert_eq!(
        one.len(),
        1 + 2 + 3 + 2 + 3 + 1,
        "sheets of accounts 0..7 but 3"
    );
    for parts in [2, 3, 4, 9] {
        let split = recompute_in_parts(&s, round.id, &rubric, &stored, parts, &all).expect("split");
        assert_eq!(split, one, "{parts} parts");
        // What each thread keeps is what the caller asked for, in the same order.
        let odd = |a: i64, e: i64, f: SheetFigures| (a % 2 == 1).then_some((a, e, f.points));
        let kept = recompute_in_parts(&s, round.id, &rubric, &stored, parts, &odd).expect("odd");
        let want: Vec<_> = one
            .iter()
            .filter(|(a, _, _)| a % 2 == 1)
            .map(|(a, e, f)| (*a, *e, f.points))
            .collect();
        assert_eq!(kept, want, "{parts} parts, odd accounts");
    }
    assert_eq!(verify(&mut s, &round).expect("verify"), vec![]);
}
