//! Kept sheet results always equal a full recompute: random sequences of edits, clears,
//! submissions, bulk loads and the chair's consensus on an in-memory store, then
//! `report::source::verify` finds no difference and the report built from kept rows equals the
//! report built from every entry (both with the consensus in the panel result).

use assay::domain::account::Account;
use assay::domain::entry::Entry;
use assay::domain::platform::{Level, Platform};
use assay::report::build::{Options, build};
use assay::report::group::Dim;
use assay::report::rollup::RollupRule;
use assay::report::source::{Loaded, Source, load, verify};
use assay::report::stream::{kept_report, streamed_report};
use assay::storage::{NewRound, Store, Submission};
use proptest::prelude::*;

const RUBRIC: &str = r#"Rubric(
    id: "kept",
    name: "测试",
    version: "1",
    total: 10,
    pass_mark: 6,
    grades: [("合格", 6), ("不合格", 0)],
    on_veto: FailWithScore(5),
    categories: [
        Category(id: "fit", name: "职能契合", weight: 6, indicators: [
            Range(id: "positioning", name: "定位", max: 4, step: 1),
            Deduct(id: "unrelated", name: "无关信息", per: 1, cap: 2),
        ]),
        Category(id: "craft", name: "制作", weight: 4, indicators: [
            Check(id: "naming", name: "名称", points: 2, platforms: [Weibo]),
            Range(id: "original", name: "原创", max: 3, step: 1),
        ]),
    ],
    bonus: [Bonus(id: "orig", name: "原创", per: 1, cap: 2, gate: 8)],
    vetoes: [Veto(id: "stale", name: "内容不更新", reasons: ["两周无更新"])],
)"#;

const INDICATORS: [&str; 6] = [
    "positioning",
    "unrelated",
    "naming",
    "original",
    "orig",
    "stale",
];
const EVALUATORS: [&str; 3] = ["甲", "乙", "丙"];

#[derive(Debug, Clone)]
enum Op {
    Set(usize, usize, usize, u8),
    Clear(usize, usize, usize),
    Submit(usize, usize, bool),
    Bulk(usize),
    /// The chair's consensus on account `a` for item 0 (positioning), 3 (original) or 5 (the
    /// veto), from `v`.
    Consensus(usize, usize, u8),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        6 => (0..4usize, 0..3usize, 0..6usize, 0..6u8).prop_map(|(a, e, i, v)| Op::Set(a, e, i, v)),
        2 => (0..4usize, 0..3usize, 0..6usize).prop_map(|(a, e, i)| Op::Clear(a, e, i)),
        1 => (0..4usize, 0..3usize, any::<bool>()).prop_map(|(a, e, s)| Op::Submit(a, e, s)),
        1 => (1..4usize).prop_map(Op::Bulk),
        1 => (0..4usize, prop_oneof![Just(0usize), Just(3), Just(5)], 0..4u8)
            .prop_map(|(a, i, v)| Op::Consensus(a, i, v)),
    ]
}

/// An entry for indicator `i` whose meaning depends on `v` (value, count, veto, N/A).
fn entry(i: usize, v: u8) -> Entry {
    let mut e = Entry::new(INDICATORS[i]);
    match (INDICATORS[i], v) {
        (_, 5) if i != 5 => e.na = true,
        ("unrelated" | "orig", v) => e.count = Some(u32::from(v)),
        ("stale", 0 | 1) => e.veto = Some("两周无更新".into()),
        ("stale", _) => e.value = Some(0.0),
        (_, v) => e.value = Some(f64::from(v)),
    }
    e
}

fn setup() -> (Store, i64, Vec<i64>) {
    setup_at(Store::open_in_memory().expect("store"))
}

fn setup_at(mut s: Store) -> (Store, i64, Vec<i64>) {
    let accounts: Vec<Account> = (0..4)
        .map(|i| Account {
            id: 0,
            platform: if i % 2 == 0 {
                Platform::WeChat
            } else {
                Platform::Weibo
            },
            platform_label: String::new(),
            name: format!("号{i}"),
            unit: format!("单位{}", i / 2),
            level: if i < 2 { Level::County } else { Level::City },
            region: format!("省/市/县{}", i % 2),
            domain: String::new(),
            status: String::new(),
            opened: None,
        })
        .collect();
    let ids = s.insert_accounts(&accounts).expect("accounts");
    let round = s
        .create_round(&NewRound {
            name: "R".into(),
            rubric_id: "kept".into(),
            rubric_version: "1".into(),
            rubric_text: RUBRIC.into(),
            monitoring_date: chrono::NaiveDate::from_ymd_opt(2024, 1, 1).expect("date"),
            scope: Default::default(),
        })
        .expect("round");
    (s, round.id, ids)
}

fn apply(s: &mut Store, round: i64, ids: &[i64], op: &Op, bulk_no: &mut usize) {
    match *op {
        // Edits reopen a submitted sheet (as `score set --reopen` does): the property is about
        // kept results, and reopening is one more write they must follow.
        Op::Set(a, e, i, v) => s.set_entry_with(
            round,
            ids[a],
            EVALUATORS[e],
            &entry(i, v),
            assay::storage::Reopen::Yes,
        ),
        Op::Clear(a, e, i) => s.clear_entry_with(
            round,
            ids[a],
            EVALUATORS[e],
            INDICATORS[i],
            assay::storage::Reopen::Yes,
        ),
        Op::Submit(a, e, yes) => {
            let state = if yes {
                Submission::Submitted
            } else {
                Submission::Draft
            };
            s.set_submission(round, ids[a], EVALUATORS[e], state)
        }
        Op::Bulk(n) => {
            *bulk_no += 1;
            let ev = s
                .evaluator_id(&format!("批量{bulk_no}"))
                .expect("evaluator");
            let rows: Vec<(i64, i64, Entry)> = ids
                .iter()
                .take(n)
                .flat_map(|&a| (0..6).map(move |i| (a, ev, entry(i, ((a as usize + i) % 5) as u8))))
                .collect();
            s.bulk_entries(round, &mut rows.into_iter()).map(|_| ())
        }
        Op::Consensus(a, i, v) => {
            let (value, veto) = match INDICATORS[i] {
                "stale" if v < 2 => (None, Some("两周无更新".to_string())),
                "stale" => (Some(0.0), None),
                "original" => (Some(f64::from(v.min(3))), None),
                _ => (Some(f64::from(v)), None),
            };
            let c = assay::storage::Consensus {
                value,
                count: None,
                veto,
                rationale: "议定".into(),
            };
            s.record_consensus(round, ids[a], "主席", INDICATORS[i], &c)
        }
    }
    .expect("edit");
}

fn reports_agree(s: &mut Store, round: i64) {
    let r = s.round(&round.to_string()).expect("round");
    assert_eq!(verify(s, &r).expect("verify"), vec![]);
    let opts = Options {
        by: vec![Dim::Platform],
        ..Options::default()
    };
    let kept = load(s, &r, Source::Kept, None).expect("kept");
    let fresh = load(s, &r, Source::Recompute, None).expect("recompute");
    let whole = build(&kept.scheme, &kept.accounts, &kept.sheets, &opts);
    assert_eq!(
        whole,
        build(&fresh.scheme, &fresh.accounts, &fresh.sheets, &opts)
    );
    streamed_agrees(s, &r, &kept, opts);
    let opts = Options {
        by: vec![Dim::Level, Dim::Unit],
        rollup: Some((vec![3, 2], RollupRule::VetoSets(5.0))),
        ..Options::default()
    };
    streamed_agrees(s, &r, &kept, opts);
}

/// The report streamed from the kept rows is the report built from them loaded whole; without
/// its account lines when the output lists none.
fn streamed_agrees(s: &mut Store, r: &assay::storage::Round, kept: &Loaded, opts: Options) {
    let whole = build(&kept.scheme, &kept.accounts, &kept.sheets, &opts);
    let (_, streamed) = kept_report(s, r, None, &opts, true).expect("streamed");
    assert_eq!(streamed, whole);
    let (_, fresh) =
        streamed_report(s, r, Source::Recompute, None, &opts, true).expect("recomputed");
    assert_eq!(fresh, whole);
    let (_, lean) = kept_report(s, r, None, &opts, false).expect("streamed, lean");
    assert_eq!(
        lean,
        assay::report::build::Report {
            accounts: Vec::new(),
            ..whole
        }
    );
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn kept_results_equal_a_full_recompute(ops in proptest::collection::vec(op(), 1..40)) {
        let (mut s, round, ids) = setup();
        let mut bulk_no = 0;
        for op in &ops {
            apply(&mut s, round, &ids, op, &mut bulk_no);
            // Kept in the same transaction as the edit: nothing is left for a reader to repair.
            prop_assert_eq!(s.stale_sheets(round).expect("stale"), 0);
        }
        reports_agree(&mut s, round);
    }
}

#[test]
fn a_draft_counts_only_once_complete_or_submitted() {
    let (mut s, round, ids) = setup();
    // Account 0 (WeChat: "naming" does not apply) complete by 甲: 4 + 2 + 3 + bonus 0 + veto clean.
    for (i, v) in [(0, 4), (1, 0), (3, 3), (4, 0), (5, 2)] {
        s.set_entry(round, ids[0], "甲", &entry(i, v)).expect("set");
    }
    s.set_entry(round, ids[0], "乙", &entry(0, 1))
        .expect("draft");
    let r = s.round("R").expect("round");
    let sum = assay::report::summary::round_summary(&mut s, &r).expect("summary");
    assert_eq!((sum.with_result, sum.passed, sum.in_progress), (1, 1, 0));
    assert_eq!(sum.mean_total, Some(assay::domain::figure::dec(10.0)));
    assert_eq!(sum.evaluators, vec!["甲"]);
    assert_eq!(sum.evaluators_in_progress, vec!["乙"]);
    // Submitting the one-entry draft makes it count: mean(10, 6·1/4 + 0 …) changes the total.
    s.set_submission(round, ids[0], "乙", Submission::Submitted)
        .expect("submit");
    let sum = assay::report::summary::round_summary(&mut s, &r).expect("summary");
    assert_eq!(sum.evaluators, vec!["乙", "甲"]);
    assert!(sum.mean_total.expect("mean") < assay::domain::figure::dec(10.0));
    reports_agree(&mut s, round);
}

/// On a database file the accounts stream from a second connection on a thread of their own;
/// kept rows of an older engine version are recomputed and read again. Either way the streamed
/// report is the one built from the rows loaded whole.
#[test]
fn the_streamed_report_on_a_file_and_after_an_engine_change() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("kept.db");
    let (mut s, round, ids) = setup_at(Store::create_or_open(&path).expect("store"));
    let mut bulk_no = 0;
    for (k, op) in [
        Op::Bulk(4),
        Op::Set(0, 0, 0, 3),
        Op::Set(1, 1, 5, 1),
        Op::Submit(1, 1, true),
        Op::Set(2, 2, 3, 2),
        Op::Consensus(0, 0, 4),
    ]
    .iter()
    .enumerate()
    {
        apply(&mut s, round, &ids, op, &mut bulk_no);
        if k == 2 {
            reports_agree(&mut s, round);
        }
    }
    reports_agree(&mut s, round);
    drop(s);
    let conn = rusqlite::Connection::open(&path).expect("sqlite");
    conn.execute("UPDATE sheet_results SET engine = 'old', points = 0", [])
        .expect("an older engine's rows");
    drop(conn);
    let mut s = Store::open(&path).expect("reopen");
    let r = s.round(&round.to_string()).expect("round");
    let opts = Options {
        by: vec![Dim::Platform],
        ..Options::default()
    };
    let (_, streamed) = kept_report(&mut s, &r, None, &opts, true).expect("streamed");
    let fresh = load(&mut s, &r, Source::Recompute, None).expect("recompute");
    assert_eq!(
        streamed,
        build(&fresh.scheme, &fresh.accounts, &fresh.sheets, &opts)
    );
    assert!(streamed.overall.with_result > 0, "{:?}", streamed.overall);
}
