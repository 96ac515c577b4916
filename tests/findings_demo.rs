//! Findings on the demo: the three failed accounts are exactly the veto findings, and an account
//! has a deduction finding exactly when some category is below its weight.

use assay::domain::finding::Kind;
use assay::report::findings::round_findings;
use assay::storage::Store;

#[test]
fn the_demos_failures_are_its_veto_findings_and_every_lost_point_is_one() {
    let mut store = Store::open_in_memory().unwrap();
    assay::sample::load_demo(&mut store).unwrap();
    let round = store.round("2024年第四季度全面检查").unwrap();
    let rf = round_findings(&mut store, &round).unwrap();
    let report = assay::report::build(
        &rf.loaded.scheme,
        &rf.loaded.accounts,
        &rf.loaded.sheets,
        &assay::report::Options::default(),
    );
    let mut failed: Vec<i64> = report.failures.iter().map(|f| f.account_id).collect();
    let mut vetoed: Vec<i64> = (rf.findings.iter())
        .filter(|f| f.kind == Kind::Veto)
        .map(|f| f.account_id)
        .collect();
    failed.sort_unstable();
    vetoed.sort_unstable();
    assert_eq!(failed.len(), 3);
    assert_eq!(
        vetoed, failed,
        "the demo fails three accounts, each on a veto"
    );
    let mut with_deductions = 0;
    for r in rf.results.iter().filter(|r| r.has_result()) {
        let deductions = rf
            .of_account(r.account.id)
            .filter(|f| f.kind == Kind::Deduction)
            .count();
        with_deductions += usize::from(deductions > 0);
        let base_full = (r.subtotals.iter().flatten())
            .map(|s| s.to_f64())
            .sum::<f64>()
            >= rf.loaded.scheme.full - 1e-9;
        // No deduction exactly when every category is at its weight (the demo rubric drops no
        // category).
        assert_eq!(deductions == 0, base_full, "{}", r.account.name);
    }
    assert!(with_deductions > 0, "the demo has deductions");
    assert!(rf.findings.iter().all(|f| !f.name.is_empty()));
}
