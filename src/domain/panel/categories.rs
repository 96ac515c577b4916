//! Per-category combining: a round may combine some categories by their own method (e.g. 功能
//! by the median, the rest by the mean). Each category's subtotals are combined by its method,
//! the rest of each sheet (bonus and deductions outside the categories) by the round's method,
//! and the account's points are their sum. With every category on the round's method and the
//! mean, this is the mean of the sheet totals.

use super::result::{Method, PanelError, combine_values};
use crate::domain::figure::{Exact, Figure};

/// One counted sheet: its published points (base + bonus, before any veto effect) and its
/// published category subtotals in rubric order (`None`: the category does not apply).
#[derive(Debug, Clone, Copy)]
pub struct Parts<'a> {
    pub points: Figure,
    pub subtotals: &'a [Option<Figure>],
}

/// The method of category `i`: its own, else the round's.
pub fn method_of(round: Method, own: &[Option<Method>], i: usize) -> Method {
    own.get(i).copied().flatten().unwrap_or(round)
}

/// Combined points and per-category subtotals (`None`: the category does not apply).
pub type Combined = (Figure, Vec<Option<Figure>>);

/// The combined points and category subtotals of `sheets`, published at `decimals`; a category
/// that applies to none of the sheets stays `None`. `None` for no sheets.
pub fn combine_by_category(
    round: Method,
    own: &[Option<Method>],
    categories: usize,
    sheets: &[Parts<'_>],
    decimals: u32,
) -> Result<Option<Combined>, PanelError> {
    if sheets.is_empty() {
        return Ok(None);
    }
    let mut subtotals = Vec::with_capacity(categories);
    let mut sum = Exact::ZERO;
    for i in 0..categories {
        let xs: Vec<Exact> = sheets
            .iter()
            .filter_map(|s| s.subtotals.get(i).copied().flatten())
            .map(Figure::exact)
            .collect();
        let c = combine_values(method_of(round, own, i), &xs)?;
        if let Some(c) = &c {
            sum = sum.add(c);
        }
        subtotals.push(c.map(|c| c.publish(decimals)));
    }
    let rest: Vec<Exact> = sheets
        .iter()
        .map(|s| {
            let parts: Exact = s
                .subtotals
                .iter()
                .take(categories)
                .flatten()
                .map(|x| x.exact())
                .sum();
            s.points.exact().sub(&parts)
        })
        .collect();
    let rest = combine_values(round, &rest)?.unwrap_or(Exact::ZERO);
    Ok(Some((sum.add(&rest).publish(decimals), subtotals)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f(x: f64) -> Figure {
        crate::domain::figure::dec(x)
    }

    #[test]
    fn each_category_by_its_method_the_rest_by_the_rounds() {
        // Three sheets: category 0 subtotals 10, 20, 60; category 1: 30, 30, 33; bonus 1, 0, 2.
        let subs = [
            [Some(f(10.0)), Some(f(30.0))],
            [Some(f(20.0)), Some(f(30.0))],
            [Some(f(60.0)), Some(f(33.0))],
        ];
        let points = [f(41.0), f(50.0), f(95.0)];
        let p: Vec<Parts<'_>> = points
            .iter()
            .zip(&subs)
            .map(|(p, s)| Parts {
                points: *p,
                subtotals: s,
            })
            .collect();
        let all_mean = combine_by_category(Method::Mean, &[], 2, &p, 2)
            .unwrap()
            .unwrap();
        assert_eq!(all_mean.0.text(), "62.00", "(41 + 50 + 95) / 3");
        let own = [Some(Method::Median), None];
        let (points, subs) = combine_by_category(Method::Mean, &own, 2, &p, 2)
            .unwrap()
            .unwrap();
        assert_eq!(subs[0], Some(f(20.0)), "median of 10, 20, 60");
        assert_eq!(subs[1], Some(f(31.0)), "mean of 30, 30, 33");
        assert_eq!(points, f(52.0), "20 + 31 + 1");
        assert!(
            combine_by_category(Method::Mean, &[Some(Method::Trimmed)], 2, &p[..2], 2).is_err(),
            "a trimmed category with two sheets is an error, not a fallback"
        );
        assert_eq!(
            combine_by_category(Method::Mean, &own, 2, &[], 2).unwrap(),
            None
        );
    }

    #[test]
    fn a_category_that_applies_to_no_sheet_stays_not_applicable() {
        let subs = [[Some(f(40.0)), None], [Some(f(50.0)), None]];
        let p: Vec<Parts<'_>> = subs
            .iter()
            .map(|s| Parts {
                points: f(100.0),
                subtotals: s,
            })
            .collect();
        let (_, subs) = combine_by_category(Method::Mean, &[Some(Method::Median)], 2, &p, 2)
            .unwrap()
            .unwrap();
        assert_eq!(subs, vec![Some(f(45.0)), None]);
    }
}
