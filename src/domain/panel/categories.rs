//! Per-category combining: a round may combine some categories by their own method (e.g. 功能
//! by the median, the rest by the mean). Each category's subtotals are combined by its method,
//! the rest of each sheet (bonus and deductions outside the categories) by the round's method,
//! and the account's points are their sum. With every category on the round's method and the
//! mean, this is the mean of the sheet totals.

use super::result::{Method, PanelError, combine_values};

/// One counted sheet: its points (base + bonus, before any veto effect) and its category
/// subtotals in rubric order.
#[derive(Debug, Clone, Copy)]
pub struct Parts<'a> {
    pub points: f64,
    pub subtotals: &'a [f64],
}

/// The method of category `i`: its own, else the round's.
pub fn method_of(round: Method, own: &[Option<Method>], i: usize) -> Method {
    own.get(i).copied().flatten().unwrap_or(round)
}

/// The combined points and category subtotals of `sheets`; `None` for no sheets.
pub fn combine_by_category(
    round: Method,
    own: &[Option<Method>],
    categories: usize,
    sheets: &[Parts<'_>],
) -> Result<Option<(f64, Vec<f64>)>, PanelError> {
    if sheets.is_empty() {
        return Ok(None);
    }
    let mut subtotals = Vec::with_capacity(categories);
    for i in 0..categories {
        let xs: Vec<f64> = sheets
            .iter()
            .map(|s| s.subtotals.get(i).copied().unwrap_or(0.0))
            .collect();
        subtotals.push(combine_values(method_of(round, own, i), &xs)?.unwrap_or(0.0));
    }
    let rest: Vec<f64> = sheets
        .iter()
        .map(|s| s.points - s.subtotals.iter().take(categories).sum::<f64>())
        .collect();
    let rest = combine_values(round, &rest)?.unwrap_or(0.0);
    Ok(Some((subtotals.iter().sum::<f64>() + rest, subtotals)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(v: &[(f64, [f64; 2])]) -> Vec<Parts<'_>> {
        v.iter()
            .map(|(p, s)| Parts {
                points: *p,
                subtotals: s,
            })
            .collect()
    }

    #[test]
    fn each_category_by_its_method_the_rest_by_the_rounds() {
        // Three sheets: category 0 subtotals 10, 20, 60; category 1: 30, 30, 33; bonus 1, 0, 2.
        let s = [
            (41.0, [10.0, 30.0]),
            (50.0, [20.0, 30.0]),
            (95.0, [60.0, 33.0]),
        ];
        let p = parts(&s);
        let all_mean = combine_by_category(Method::Mean, &[], 2, &p)
            .unwrap()
            .unwrap();
        assert!((all_mean.0 - (41.0 + 50.0 + 95.0) / 3.0).abs() < 1e-9);
        let own = [Some(Method::Median), None];
        let (points, subs) = combine_by_category(Method::Mean, &own, 2, &p)
            .unwrap()
            .unwrap();
        assert_eq!(subs[0], 20.0, "median of 10, 20, 60");
        assert!((subs[1] - 31.0).abs() < 1e-9, "mean of 30, 30, 33");
        assert!((points - (20.0 + 31.0 + 1.0)).abs() < 1e-9, "{points}");
        let few = parts(&s[..2]);
        assert!(
            combine_by_category(Method::Mean, &[Some(Method::Trimmed)], 2, &few).is_err(),
            "a trimmed category with two sheets is an error, not a fallback"
        );
        assert_eq!(
            combine_by_category(Method::Mean, &own, 2, &[]).unwrap(),
            None
        );
    }
}
