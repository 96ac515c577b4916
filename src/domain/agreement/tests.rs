//! Agreement figures against published values (research/statistics.md §3): Shrout & Fleiss
//! (1979) for ICC, ProofWiki for Kendall's W, Krippendorff (2011) for alpha with missing data.

use super::*;

fn close(got: f64, want: f64, tol: f64, what: &str) {
    assert!(
        (got - want).abs() <= tol,
        "{what}: got {got}, want {want} (±{tol})"
    );
}

/// Shrout & Fleiss (1979) Table 2: 6 targets × 4 judges.
fn shrout_fleiss() -> Vec<Vec<f64>> {
    vec![
        vec![9.0, 2.0, 5.0, 8.0],
        vec![6.0, 1.0, 3.0, 2.0],
        vec![8.0, 4.0, 6.0, 8.0],
        vec![7.0, 1.0, 2.0, 6.0],
        vec![10.0, 5.0, 6.0, 9.0],
        vec![6.0, 2.0, 4.0, 7.0],
    ]
}

fn some(rows: &[Vec<f64>]) -> Vec<Vec<Option<f64>>> {
    rows.iter()
        .map(|r| r.iter().map(|&v| Some(v)).collect())
        .collect()
}

#[test]
fn icc_matches_shrout_fleiss_values_f_tests_and_intervals() {
    let icc = icc(&shrout_fleiss()).unwrap();
    let want = [
        (icc.ICC1, 0.1657, [-0.1329, 0.7226]),
        (icc.ICC2, 0.2898, [0.0188, 0.7611]),
        (icc.ICC3, 0.7148, [0.3425, 0.9459]),
        (icc.ICC1k, 0.4428, [-0.8844, 0.9124]),
        (icc.ICC2k, 0.6201, [0.0711, 0.9272]),
        (icc.ICC3k, 0.9093, [0.6757, 0.9859]),
    ];
    for (i, (form, value, ci)) in want.iter().enumerate() {
        close(form.value, *value, 1e-4, &format!("form {i} value"));
        close(form.ci95[0], ci[0], 1e-4, &format!("form {i} ci low"));
        close(form.ci95[1], ci[1], 1e-4, &format!("form {i} ci high"));
    }
    // pingouin to 1e-6
    close(icc.ICC1.value, 0.165742, 1e-6, "ICC1");
    close(icc.ICC3k.value, 0.909316, 1e-6, "ICC3k");
    for form in [icc.ICC1, icc.ICC1k] {
        close(form.f, 1.7947, 1e-4, "one-way F");
        assert_eq!((form.df1, form.df2), (5.0, 18.0));
        close(form.p, 0.1648, 1e-4, "one-way p");
    }
    for form in [icc.ICC2, icc.ICC3, icc.ICC2k, icc.ICC3k] {
        close(form.f, 11.0272, 1e-4, "two-way F");
        assert_eq!((form.df1, form.df2), (5.0, 15.0));
        close(form.p, 0.000135, 1e-6, "two-way p");
    }
}

#[test]
fn icc_matches_the_wine_example() {
    let wine = vec![
        vec![1.0, 2.0, 0.0, 1.0],
        vec![1.0, 3.0, 3.0, 2.0],
        vec![3.0, 8.0, 1.0, 4.0],
        vec![6.0, 4.0, 3.0, 3.0],
        vec![6.0, 5.0, 5.0, 6.0],
        vec![7.0, 5.0, 6.0, 2.0],
        vec![8.0, 7.0, 7.0, 9.0],
        vec![9.0, 9.0, 9.0, 8.0],
    ];
    let icc = icc(&wine).unwrap();
    close(icc.ICC1.value, 0.727521, 1e-6, "ICC1");
    close(icc.ICC2.value, 0.727689, 1e-6, "ICC2");
    close(icc.ICC3.value, 0.729487, 1e-6, "ICC3");
    close(icc.ICC1k.value, 0.914384, 1e-6, "ICC1k");
    close(icc.ICC2k.value, 0.914450, 1e-6, "ICC2k");
    close(icc.ICC3k.value, 0.915159, 1e-6, "ICC3k");
}

#[test]
fn icc_drops_incomplete_targets_and_says_how_many() {
    let mut m = some(&shrout_fleiss());
    m.push(vec![Some(5.0), None, Some(4.0), Some(3.0)]);
    let a = agreement(&Matrix::from_rows(m));
    assert_eq!(
        (a.targets, a.complete_targets, a.dropped_targets),
        (7, 6, 1)
    );
    close(
        a.icc.unwrap().ICC2.value,
        0.2898,
        1e-4,
        "ICC2 after dropping",
    );
}

#[test]
fn icc_needs_two_complete_targets_and_two_raters() {
    assert_eq!(icc(&[vec![1.0, 2.0]]), Err(AgreementError::TooFewTargets));
    assert_eq!(
        icc(&[vec![1.0], vec![2.0]]),
        Err(AgreementError::TooFewRaters)
    );
    let a = agreement(&Matrix::from_rows(vec![
        vec![Some(1.0), None],
        vec![None, Some(2.0)],
    ]));
    assert!(a.icc.is_none() && a.kendall_w.is_none());
    assert_eq!(a.notes, vec![AgreementError::TooFewTargets]);
}

#[test]
fn kendall_w_without_ties_matches_proofwiki() {
    // competitors X, Y, Z ranked by judges A..D
    let rows = vec![
        vec![1.0, 1.0, 2.0, 3.0],
        vec![3.0, 2.0, 3.0, 1.0],
        vec![2.0, 3.0, 1.0, 2.0],
    ];
    let w = kendall_w(&rows).unwrap();
    close(w.w, 0.0625, 1e-12, "W");
    close(w.w_uncorrected, 0.0625, 1e-12, "W uncorrected");
    close(w.chi2, 0.5, 1e-12, "chi2");
    assert_eq!(w.df, 2.0);
    close(w.p, 0.7788, 1e-4, "p");
}

#[test]
fn kendall_w_corrects_for_ties_on_the_shrout_fleiss_scores() {
    let w = kendall_w(&shrout_fleiss()).unwrap();
    close(w.w_uncorrected, 0.8554, 1e-4, "W");
    close(w.w, 0.8870, 1e-4, "W tie-corrected");
    close(w.chi2, 17.7407, 1e-4, "chi2");
    assert_eq!(w.df, 5.0);
    close(w.p, 0.00329, 1e-5, "p");
}

#[test]
fn midranks_share_tied_positions() {
    assert_eq!(
        kendall::midranks(&[9.0, 2.0, 5.0, 2.0]),
        vec![4.0, 1.5, 3.0, 1.5]
    );
}

/// Krippendorff (2011), "Computing Krippendorff's alpha-reliability", the 4 observers × 12
/// units example with missing values (rows here are units).
fn krippendorff_2011() -> Vec<Vec<Option<f64>>> {
    let a = [1, 2, 3, 3, 2, 1, 4, 1, 2, 0, 0, 0];
    let b = [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, 0, 3];
    let c = [0, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, 0];
    let d = [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, 0];
    let cell = |v: i32| (v != 0).then_some(f64::from(v));
    (0..12)
        .map(|u| vec![cell(a[u]), cell(b[u]), cell(c[u]), cell(d[u])])
        .collect()
}

#[test]
fn alpha_matches_krippendorffs_published_example_with_missing_values() {
    // Published to three decimals; unit 12 holds a single value and is not pairable.
    let a = Alpha::all(&krippendorff_2011());
    close(a.nominal.unwrap(), 0.743, 5e-4, "nominal");
    close(a.ordinal.unwrap(), 0.815, 5e-4, "ordinal");
    close(a.interval.unwrap(), 0.849, 5e-4, "interval");
    close(a.ratio.unwrap(), 0.797, 5e-4, "ratio");
}

#[test]
fn alpha_ignores_units_with_a_single_value() {
    let mut cells = krippendorff_2011();
    let before = Alpha::all(&cells);
    cells.push(vec![Some(9.0), None, None, None]);
    cells.push(vec![None; 4]);
    assert_eq!(Alpha::all(&cells), before);
}

#[test]
fn alpha_interval_on_shrout_fleiss_matches_the_computed_value() {
    let a = krippendorff_alpha(&some(&shrout_fleiss()), Metric::Interval).unwrap();
    close(a, 0.1473, 1e-4, "interval alpha");
}

#[test]
fn alpha_is_one_for_perfect_agreement_and_none_without_variation() {
    let perfect = vec![vec![Some(1.0), Some(1.0)], vec![Some(3.0), Some(3.0)]];
    assert_eq!(krippendorff_alpha(&perfect, Metric::Interval), Some(1.0));
    let flat = vec![vec![Some(2.0), Some(2.0)], vec![Some(2.0), Some(2.0)]];
    assert_eq!(krippendorff_alpha(&flat, Metric::Nominal), None);
    assert_eq!(
        krippendorff_alpha(&[vec![Some(1.0), None]], Metric::Ordinal),
        None
    );
}

#[test]
fn each_rater_against_the_rest() {
    let m = Matrix::from_rows(some(&shrout_fleiss()));
    let r = raters_vs_rest(&m);
    assert_eq!(r.len(), 4);
    // J1's scores minus the mean of J2..J4, averaged: 7.6667 − mean(2.5, 4.3333, 6.6667)
    close(
        r[0].mean_deviation.unwrap(),
        7.666_667 - 4.5,
        1e-5,
        "J1 deviation",
    );
    close(
        r[1].mean_deviation.unwrap(),
        2.5 - (7.666_667 + 4.333_333 + 6.666_667) / 3.0,
        1e-5,
        "J2",
    );
    let c = r[0].correlation.unwrap();
    assert!(c > 0.5 && c <= 1.0, "J1 correlates with the rest: {c}");
    assert_eq!(r[0].targets, 6);
}
