//! A group's statistics gathered one account at a time: the counts, and only the values the
//! statistics need (the totals for the spread, each category's subtotals for its mean). The one
//! definition of [`GroupStats`]: [`GroupStats::of`] feeds it a slice, the streaming report one
//! account as it is combined, so no account's row has to be kept to know its group's figures.

use std::collections::BTreeMap;

use super::combine::{AccountResult, Verdict};
use super::group::{GroupStats, category_mean};
use super::sheet::Scheme;
use super::stats::Spread;
use crate::domain::figure::Figure;
use crate::i18n::Lang;

/// The running figures of one group.
#[derive(Debug, Clone, Default)]
pub struct GroupAcc {
    accounts: usize,
    with_result: usize,
    unscored: usize,
    in_progress: usize,
    below_quorum: usize,
    pending_review: usize,
    passed: usize,
    vetoed: usize,
    full_marks: usize,
    /// Published totals of the accounts with a result.
    totals: Vec<Figure>,
    /// Each category's subtotals over the accounts with a result it applies to.
    subtotals: Vec<Vec<Figure>>,
    /// Accounts per veto reason (in the interface language).
    reasons: BTreeMap<String, usize>,
    /// Accounts per grade band, in the scheme's band order as [`GroupAcc::bands`] sorts it.
    grades: Vec<usize>,
}

impl GroupAcc {
    pub fn new(scheme: &Scheme) -> GroupAcc {
        GroupAcc {
            subtotals: vec![Vec::new(); scheme.categories.len()],
            grades: vec![0; scheme.grades.len()],
            ..GroupAcc::default()
        }
    }

    /// The grade bands, best first (a stable sort: bands of equal threshold keep their order).
    fn bands(scheme: &Scheme) -> Vec<&(String, f64)> {
        let mut bands: Vec<&(String, f64)> = scheme.grades.iter().collect();
        bands.sort_by(|a, b| b.1.total_cmp(&a.1));
        bands
    }

    /// Counts one account in. `bands` is [`GroupAcc::bands`] of the same scheme.
    fn push_in(&mut self, r: &AccountResult, bands: &[&(String, f64)], lang: Lang) {
        self.accounts += 1;
        match r.verdict {
            Verdict::Unscored => {
                self.unscored += 1;
                self.in_progress += usize::from(r.in_progress > 0);
            }
            Verdict::BelowQuorum => self.below_quorum += 1,
            Verdict::PendingReview => self.pending_review += 1,
            Verdict::Passed => self.passed += 1,
            _ => {}
        }
        if !r.has_result() {
            return;
        }
        self.with_result += 1;
        self.totals.extend(r.total);
        for v in &r.vetoes {
            *self.reasons.entry(v.label(lang)).or_default() += 1;
        }
        if let Some(g) = r.grade.as_deref() {
            for (n, band) in self.grades.iter_mut().zip(bands) {
                *n += usize::from(band.0 == g);
            }
        }
        for (xs, s) in self.subtotals.iter_mut().zip(&r.subtotals) {
            xs.extend(*s);
        }
        self.vetoed += usize::from(r.vetoed());
        self.full_marks += usize::from(r.full_marks);
    }

    /// Adds `other`'s accounts (of the same scheme) to these.
    pub fn merge(&mut self, other: GroupAcc) {
        self.accounts += other.accounts;
        self.with_result += other.with_result;
        self.unscored += other.unscored;
        self.in_progress += other.in_progress;
        self.below_quorum += other.below_quorum;
        self.pending_review += other.pending_review;
        self.passed += other.passed;
        self.vetoed += other.vetoed;
        self.full_marks += other.full_marks;
        self.totals.extend(other.totals);
        for (xs, more) in self.subtotals.iter_mut().zip(other.subtotals) {
            xs.extend(more);
        }
        for (reason, n) in other.reasons {
            *self.reasons.entry(reason).or_default() += n;
        }
        for (n, more) in self.grades.iter_mut().zip(other.grades) {
            *n += more;
        }
    }

    /// The group's statistics under `key`.
    pub fn finish(self, scheme: &Scheme, key: Vec<String>) -> GroupStats {
        let mut vetoes_by_reason: Vec<(String, usize)> = self.reasons.into_iter().collect();
        vetoes_by_reason.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        let grades = GroupAcc::bands(scheme)
            .into_iter()
            .zip(self.grades)
            .map(|(band, n)| (band.0.clone(), n))
            .collect();
        let categories = scheme
            .categories
            .iter()
            .zip(&self.subtotals)
            .map(|(c, xs)| category_mean(scheme, c, xs))
            .collect();
        GroupStats {
            key,
            accounts: self.accounts,
            with_result: self.with_result,
            unscored: self.unscored,
            in_progress: self.in_progress,
            not_started: self.unscored - self.in_progress,
            below_quorum: self.below_quorum,
            pending_review: self.pending_review,
            passed: self.passed,
            failed: self.with_result - self.passed,
            pass_rate: Figure::rate(self.passed, self.with_result),
            vetoed: self.vetoed,
            spread: Spread::of(&self.totals, scheme.decimals),
            vetoes_by_reason,
            full_marks: self.full_marks,
            grades,
            categories,
        }
    }
}

/// Accumulators that share one scheme's band order and language: the report's overall figures
/// and one per group.
pub struct Accs<'s> {
    bands: Vec<&'s (String, f64)>,
    lang: Lang,
}

impl<'s> Accs<'s> {
    pub fn new(scheme: &'s Scheme, lang: Lang) -> Accs<'s> {
        Accs {
            bands: GroupAcc::bands(scheme),
            lang,
        }
    }

    pub fn push(&self, acc: &mut GroupAcc, r: &AccountResult) {
        acc.push_in(r, &self.bands, self.lang);
    }
}

impl GroupStats {
    /// Statistics of the given accounts.
    pub fn of(scheme: &Scheme, key: Vec<String>, rs: &[&AccountResult], lang: Lang) -> GroupStats {
        let accs = Accs::new(scheme, lang);
        let mut acc = GroupAcc::new(scheme);
        for r in rs {
            accs.push(&mut acc, r);
        }
        acc.finish(scheme, key)
    }
}
