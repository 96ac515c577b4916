//! Judging a published total, one definition for one sheet (the engine) and for a combined
//! result (reports): pass on the rubric's side of the pass mark, the grade band (a failing
//! total never gets a passing band), the lowest band for a veto, full marks. Every comparison
//! is exact on the published figure, so what is printed is what is judged.

use super::Side;
use crate::domain::figure::{Figure, dec};

/// The thresholds a total is judged by.
#[derive(Debug, Clone, Copy)]
pub struct Marks<'a> {
    pub pass_mark: f64,
    pub pass_side: Side,
    /// Full points of the base part.
    pub full: f64,
    /// Grade bands (name, lower bound), any order.
    pub grades: &'a [(String, f64)],
}

impl<'a> Marks<'a> {
    /// True when the published total passes.
    pub fn passes(&self, total: Figure) -> bool {
        self.pass_side.admits(total, self.pass_mark)
    }

    /// The highest band whose lower bound the total reaches.
    pub fn band(&self, total: Figure) -> Option<&'a str> {
        self.grades
            .iter()
            .filter(|(_, lo)| total >= dec(*lo))
            .max_by(|a, b| a.1.total_cmp(&b.1))
            .map(|(n, _)| n.as_str())
    }

    /// The grade of a judged total: its band when it passes; when it fails, its band unless that
    /// band is a passing one (a total equal to the mark when only totals above it pass), then
    /// the highest band below the pass mark.
    pub fn grade(&self, total: Figure, passed: bool) -> Option<&'a str> {
        let g = self.band(total)?;
        if passed {
            return Some(g);
        }
        let mark = dec(self.pass_mark);
        let bound = self.grades.iter().find(|(n, _)| n == g).map(|x| dec(x.1))?;
        if bound < mark {
            return Some(g);
        }
        self.grades
            .iter()
            .filter(|(_, lo)| dec(*lo) < mark)
            .max_by(|a, b| a.1.total_cmp(&b.1))
            .map(|(n, _)| n.as_str())
    }

    /// The band with the lowest lower bound (what a vetoed account is graded).
    pub fn lowest(&self) -> Option<&'a str> {
        self.grades
            .iter()
            .min_by(|a, b| a.1.total_cmp(&b.1))
            .map(|(n, _)| n.as_str())
    }

    /// A passed total at or above the full points.
    pub fn full_marks(&self, total: Figure, passed: bool) -> bool {
        passed && total >= dec(self.full)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_total_at_the_mark_that_must_be_exceeded_gets_a_failing_band() {
        // The rubric: pass above 30; 30.0 is D in explain and in the report alike.
        let grades = vec![
            ("A".to_owned(), 80.0),
            ("C".to_owned(), 30.0),
            ("D".to_owned(), 0.0),
        ];
        let m = Marks {
            pass_mark: 30.0,
            pass_side: Side::Above,
            full: 100.0,
            grades: &grades,
        };
        let t = Figure::new(3000, 2);
        assert!(!m.passes(t));
        assert_eq!(m.grade(t, false), Some("D"));
        assert_eq!(m.grade(Figure::new(3001, 2), true), Some("C"));
        assert_eq!(m.lowest(), Some("D"));
        assert!(m.full_marks(Figure::new(10000, 2), true));
        assert!(!m.full_marks(Figure::new(9999, 2), true));
    }
}
