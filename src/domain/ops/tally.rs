//! Per-account bookkeeping of the operations report: account id → position, and the days with
//! a post as one bit per day of the period.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::compare::Streak;

/// A sum carried with its rounding error (Knuth's two-sum): the total of a period is the same
/// whether its weeks were added in one pass or in parts joined afterwards (exact to far below
/// one unit in the last place), so the report does not depend on how it was split.
#[derive(Clone, Copy, Default, Debug, PartialEq)]
pub(super) struct Sum {
    hi: f64,
    lo: f64,
}

impl Sum {
    fn two_sum(a: f64, b: f64) -> (f64, f64) {
        let s = a + b;
        let bp = s - a;
        (s, (a - (s - bp)) + (b - bp))
    }

    pub(super) fn add(&mut self, x: f64) {
        if !(x.is_finite() && self.hi.is_finite()) {
            self.hi += x;
            return;
        }
        let (s, e) = Self::two_sum(self.hi, x);
        self.hi = s;
        if s.is_finite() {
            self.lo += e;
        }
    }

    pub(super) fn merge(&mut self, o: Sum) {
        if !(o.hi.is_finite() && self.hi.is_finite()) {
            self.hi += o.hi;
            return;
        }
        let (s, e) = Self::two_sum(self.hi, o.hi);
        self.hi = s;
        if s.is_finite() {
            self.lo += o.lo + e;
        }
    }

    pub(super) fn total(self) -> f64 {
        self.hi + self.lo
    }
}

/// One account's running figures over the weeks closed so far.
#[derive(Clone)]
pub(super) struct State {
    pub(super) group: usize,
    pub(super) formula: Option<usize>,
    /// The index of the last week closed.
    pub(super) last: f64,
    /// The weekly indices summed ([`Sum`]: the same total however the weeks were split).
    pub(super) sum: Sum,
    pub(super) below: u32,
    pub(super) streak: Streak,
    /// Weeks below from the first week on (all of them when every week was below): what a
    /// merge joins to the earlier part's running streak.
    lead: u32,
    pub(super) messages: (u64, u64),
    pub(super) series: Vec<[f64; 2]>,
    /// The week being filled has figures for the account (a post or a weekly row).
    pub(super) data_now: bool,
    /// Weeks closed with figures, and the first and last of them (positions among the weeks
    /// closed): a week without is 无数据, never counted as silence or a low index.
    pub(super) data_weeks: u32,
    pub(super) first_data: Option<u32>,
    pub(super) last_data: Option<u32>,
}

impl State {
    pub(super) fn new(group: usize, formula: Option<usize>) -> State {
        State {
            group,
            formula,
            last: f64::NAN,
            sum: Sum::default(),
            below: 0,
            streak: Streak::default(),
            lead: 0,
            messages: (0, 0),
            series: Vec::new(),
            data_now: false,
            data_weeks: 0,
            first_data: None,
            last_data: None,
        }
    }

    /// The mean of the weekly indices over the weeks with figures (NaN without any).
    pub(super) fn mean_index(&self) -> f64 {
        if self.data_weeks > 0 {
            self.sum.total() / f64::from(self.data_weeks)
        } else {
            f64::NAN
        }
    }

    /// Back to no week, same account.
    pub(super) fn reset(&mut self) {
        *self = State::new(self.group, self.formula);
    }

    /// Closes a week whose index is `x` against its group's `mean`; `weeks` counts the weeks
    /// closed, this one included. Without figures this week (`x` not finite) the week is
    /// 无数据: no index, never below the mean.
    pub(super) fn close(&mut self, x: f64, mean: f64, below: bool, series: bool, weeks: usize) {
        let data = x.is_finite();
        let below = below && data;
        if series {
            self.series.push([x, mean]);
        }
        if below && self.lead as usize + 1 == weeks {
            self.lead += 1;
        }
        self.last = x;
        if data {
            let at = weeks as u32 - 1;
            self.sum.add(x);
            self.data_weeks += 1;
            self.first_data.get_or_insert(at);
            self.last_data = Some(at);
        }
        self.data_now = false;
        self.below += u32::from(below);
        self.streak.push(below);
    }

    /// This account's figures over `here` weeks followed by `later`'s over the next `n`.
    pub(super) fn merge(&mut self, later: State, here: usize, n: usize) {
        if n == 0 {
            return;
        }
        let all_below = later.lead as usize == n;
        if self.lead as usize == here {
            self.lead += later.lead;
        }
        self.streak = Streak {
            longest: self
                .streak
                .longest
                .max(later.streak.longest)
                .max(self.streak.current + later.lead),
            current: if all_below {
                self.streak.current + later.lead
            } else {
                later.streak.current
            },
        };
        self.last = later.last;
        self.sum.merge(later.sum);
        self.data_weeks += later.data_weeks;
        let here32 = here as u32;
        self.first_data = self.first_data.or(later.first_data.map(|w| w + here32));
        self.last_data = later.last_data.map(|w| w + here32).or(self.last_data);
        self.below += later.below;
        self.messages.0 += later.messages.0;
        self.messages.1 += later.messages.1;
        self.series.extend(later.series);
    }
}

/// Account id → position in the report: a dense table when ids are compact (the usual case:
/// SQLite row ids), else a hash map.
#[derive(Clone)]
pub(super) enum AccountIndex {
    Dense { min: i64, slots: Vec<u32> },
    Sparse(HashMap<i64, usize>),
}

impl AccountIndex {
    pub(super) fn new(ids: &[i64]) -> AccountIndex {
        let (min, max) = ids.iter().fold((i64::MAX, i64::MIN), |(lo, hi), &id| {
            (lo.min(id), hi.max(id))
        });
        let span = max.saturating_sub(min).saturating_add(1);
        if ids.is_empty() || span > 4 * ids.len() as i64 + 1024 {
            return AccountIndex::Sparse(ids.iter().enumerate().map(|(i, &id)| (id, i)).collect());
        }
        let mut slots = vec![u32::MAX; span as usize];
        for (i, &id) in ids.iter().enumerate() {
            slots[(id - min) as usize] = i as u32;
        }
        AccountIndex::Dense { min, slots }
    }

    #[inline]
    pub(super) fn get(&self, id: i64) -> Option<usize> {
        match self {
            AccountIndex::Dense { min, slots } => {
                let i = *slots.get(usize::try_from(id.checked_sub(*min)?).ok()?)?;
                (i != u32::MAX).then_some(i as usize)
            }
            AccountIndex::Sparse(m) => m.get(&id).copied(),
        }
    }
}

/// The days with a post, one bit per day of the period and account, in one flat table: no
/// allocation per post, 48 bytes an account for a year.
#[derive(Clone)]
pub(super) struct PostDays {
    from: NaiveDate,
    days: i64,
    pub(super) words: usize,
    bits: Vec<u64>,
}

impl PostDays {
    pub(super) fn new(accounts: usize, from: NaiveDate, to: NaiveDate) -> PostDays {
        let days = (to - from).num_days().max(-1) + 1;
        let words = (days as usize).div_ceil(64);
        PostDays {
            from,
            days,
            words,
            bits: vec![0; words * accounts],
        }
    }

    /// Marks a post day; days outside the period are not kept (the rules ignore them).
    pub(super) fn mark(&mut self, account: usize, day: NaiveDate) {
        let k = (day - self.from).num_days();
        if (0..self.days).contains(&k) {
            let k = k as usize;
            self.bits[account * self.words + k / 64] |= 1 << (k % 64);
        }
    }

    /// No day marked.
    pub(super) fn clear(&mut self) {
        self.bits.iter_mut().for_each(|w| *w = 0);
    }

    /// Adds the days marked in `other` (the same accounts and period).
    pub(super) fn merge(&mut self, other: &PostDays) {
        for (a, b) in self.bits.iter_mut().zip(&other.bits) {
            *a |= b;
        }
    }

    /// Marks the days of one week given as bits (bit d = `week` + d days).
    pub(super) fn mark_week(&mut self, account: usize, week: NaiveDate, bits: u8) {
        self.mark_bits(account, self.offset(week), bits);
    }

    /// Days from the period's start to `day`.
    pub(super) fn offset(&self, day: NaiveDate) -> i64 {
        (day - self.from).num_days()
    }

    /// Marks bit d of `bits` as the day `base` + d of the period (see [`Self::offset`]).
    pub(super) fn mark_bits(&mut self, account: usize, base: i64, bits: u8) {
        if base >= 0 && base + 8 <= self.days {
            // All eight days inside the period: one or two words at once.
            let (k, row) = (base as usize, account * self.words);
            let (w, shift) = (row + k / 64, k % 64);
            self.bits[w] |= u64::from(bits) << shift;
            if shift > 56 {
                self.bits[w + 1] |= u64::from(bits) >> (64 - shift);
            }
            return;
        }
        let mut bits = bits;
        while bits != 0 {
            let k = base + i64::from(bits.trailing_zeros());
            if (0..self.days).contains(&k) {
                let k = k as usize;
                self.bits[account * self.words + k / 64] |= 1 << (k % 64);
            }
            bits &= bits - 1;
        }
    }

    /// The account's post days as day numbers ([`super::activity::day_number`]), oldest first.
    #[cfg(test)]
    pub(super) fn day_numbers(&self, account: usize) -> Vec<i64> {
        let mut out = Vec::new();
        self.day_numbers_into(account, &mut out);
        out
    }

    /// The account's post days as bits.
    pub(super) fn bits_of(&self, account: usize) -> super::activity::DayBits<'_> {
        super::activity::DayBits {
            words: &self.bits[account * self.words..(account + 1) * self.words],
            first: super::activity::day_number(self.from),
        }
    }

    /// [`Self::day_numbers`] into `out` (cleared first): one buffer for every account.
    pub(super) fn day_numbers_into(&self, account: usize, out: &mut Vec<i64>) {
        out.clear();
        let first = super::activity::day_number(self.from);
        let words = &self.bits[account * self.words..(account + 1) * self.words];
        for (w, &word) in words.iter().enumerate() {
            let mut x = word;
            while x != 0 {
                out.push(first + w as i64 * 64 + i64::from(x.trailing_zeros()));
                x &= x - 1;
            }
        }
    }
}
