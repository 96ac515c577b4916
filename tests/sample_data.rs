//! The sample data loads, its Q4 summary is the bulletin's (445 / 3 failed / 99.3%), its account
//! mix is the Wuxi one, and synthetic generation is deterministic and sound.

use assay::domain::platform::{Level, Platform};
use assay::r#gen::{GenOptions, generate};
use assay::i18n::Lang;
use assay::report::summary::{render, round_summary};
use assay::sample::load_demo;
use assay::storage::{AccountFilter, Store};

fn demo() -> (Store, assay::sample::DemoInfo) {
    let mut store = Store::open_in_memory().expect("in-memory store");
    let info = load_demo(&mut store).expect("demo loads");
    (store, info)
}

#[test]
fn demo_loads_and_q4_is_the_bulletin() {
    let (mut store, info) = demo();
    assert_eq!(info.accounts, 445);
    assert_eq!(info.rounds, 2);
    assert_eq!(info.round_name, "2024年第四季度全面检查");
    assert_eq!(info.evaluator, "王敏");
    assert!(info.posts > 10_000 && info.weeks == 445 * 29, "{info:?}");
    let round = store.round(&info.round_id.to_string()).expect("round");
    let s = round_summary(&mut store, &round).expect("summary");
    assert_eq!(
        (s.accounts, s.with_result, s.failed, s.passed, s.vetoed),
        (445, 445, 3, 442, 3)
    );
    assert_eq!((s.in_progress, s.not_started), (0, 0));
    assert_eq!(s.pass_rate.map(|r| r.text()).as_deref(), Some("0.993"));
    assert!(s.full_marks > 100, "many accounts at 100: {}", s.full_marks);
    let text = render(&s, Lang::Zh);
    assert!(text.contains("99.3%"), "{text}");
    assert_eq!(s.vetoes_by_reason.len(), 3, "{:?}", s.vetoes_by_reason);
}

#[test]
fn account_mix_matches_the_bulletin() {
    let (store, _) = demo();
    let all = store
        .list_accounts(&AccountFilter::default())
        .expect("list");
    let count =
        |f: &dyn Fn(&assay::domain::account::Account) -> bool| all.iter().filter(|a| f(a)).count();
    assert_eq!(count(&|a| a.level == Level::City), 145);
    assert_eq!(
        count(&|a| matches!(a.level, Level::County | Level::Township)),
        300
    );
    assert_eq!(count(&|a| a.platform == Platform::WeChat), 313);
    assert_eq!(count(&|a| a.platform == Platform::Weibo), 72);
    assert_eq!(count(&|a| a.platform == Platform::App), 5);
    assert_eq!(
        count(&|a| !matches!(
            a.platform,
            Platform::WeChat | Platform::Weibo | Platform::App
        )),
        55
    );
    assert_eq!(count(&|a| a.region == "浙江省/丽水市/云和县"), 20);
    assert!(all.iter().any(|a| a.name == "云和木玩童话小镇"));
}

#[test]
fn four_dimension_round_has_three_evaluators_and_a_split_veto() {
    let (mut store, _) = demo();
    let round = store
        .round("2024年莲都区政务新媒体四维评估")
        .expect("round");
    assert_eq!(
        store.round_evaluators(round.id).expect("evaluators").len(),
        3
    );
    let s = round_summary(&mut store, &round).expect("summary");
    assert_eq!(s.accounts, 60);
    // The planted split veto (one evaluator of three) waits for the chair: 待复核, counted apart,
    // neither failed nor vetoed yet.
    assert_eq!((s.with_result, s.pending_review), (59, 1));
    assert_eq!(
        s.vetoed, 0,
        "a split veto is not applied before the chair reconciles it"
    );
    assert!(render(&s, Lang::En).contains("pass rate"));
}

#[test]
fn demo_refuses_a_non_empty_store() {
    let (mut store, _) = demo();
    let err = load_demo(&mut store)
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(err.contains("empty database"), "{err}");
}

fn gen_rows(seed: u64) -> (Vec<String>, String) {
    let mut store = Store::open_in_memory().expect("store");
    let opts = GenOptions {
        accounts: 300,
        evaluators: 2,
        weeks: 4,
        seed,
        rubric: None,
    };
    let mut calls = 0;
    let report = generate(&mut store, &opts, &mut |_, _, _| calls += 1).expect("gen");
    assert!(calls > 0);
    assert_eq!(report.entries, 300 * 2 * 40);
    assert_eq!(report.weeks, 300 * 4);
    let mut rows = Vec::new();
    for a in store
        .list_accounts(&AccountFilter::default())
        .expect("list")
    {
        rows.push(format!(
            "{}|{}|{}|{:?}",
            a.name,
            a.region,
            a.platform.code(),
            store.weeks(a.id).expect("weeks")
        ));
    }
    store
        .for_each_entry(report.round_id, &mut |e| {
            rows.push(format!("{} {} {:?}", e.account_id, e.evaluator, e.entry))
        })
        .expect("entries");
    (rows, store.integrity_check().expect("check"))
}

#[test]
fn gen_is_deterministic_and_sound() {
    let (a, check) = gen_rows(7);
    let (b, _) = gen_rows(7);
    let (c, _) = gen_rows(8);
    assert_eq!(check, "ok");
    assert_eq!(a.len(), 300 + 300 * 2 * 40);
    assert!(a == b, "same seed, same rows");
    assert!(a != c, "another seed, other rows");
}

#[test]
fn the_normal_importer_reads_the_sample_accounts_like_the_demo() {
    use assay::io::accounts::{ImportDefaults, read_accounts};
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-data/accounts.csv");
    let imported = read_accounts(&path, &ImportDefaults::default()).expect("importer reads it");
    let (store, _) = demo();
    let loaded = store
        .list_accounts(&AccountFilter::default())
        .expect("list");
    assert_eq!(imported.len(), 445);
    let key = |a: &assay::domain::account::Account| {
        (
            a.platform,
            a.name.clone(),
            a.level,
            a.region.clone(),
            a.unit.clone(),
        )
    };
    let mut x: Vec<_> = imported.iter().map(key).collect();
    let mut y: Vec<_> = loaded.iter().map(key).collect();
    x.sort();
    y.sort();
    assert!(x == y, "importer and demo loader disagree");
}
