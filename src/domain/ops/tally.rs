//! Per-account bookkeeping of the operations report: account id → position, and the days with
//! a post as one bit per day of the period.

use std::collections::HashMap;

use chrono::NaiveDate;

use crate::domain::account::Account;

/// Account id → position in the report: a dense table when ids are compact (the usual case:
/// SQLite row ids), else a hash map.
pub(super) enum AccountIndex {
    Dense { min: i64, slots: Vec<u32> },
    Sparse(HashMap<i64, usize>),
}

impl AccountIndex {
    pub(super) fn new(accounts: &[Account]) -> AccountIndex {
        let (min, max) = accounts.iter().fold((i64::MAX, i64::MIN), |(lo, hi), a| {
            (lo.min(a.id), hi.max(a.id))
        });
        let span = max.saturating_sub(min).saturating_add(1);
        if accounts.is_empty() || span > 4 * accounts.len() as i64 + 1024 {
            return AccountIndex::Sparse(
                accounts
                    .iter()
                    .enumerate()
                    .map(|(i, a)| (a.id, i))
                    .collect(),
            );
        }
        let mut slots = vec![u32::MAX; span as usize];
        for (i, a) in accounts.iter().enumerate() {
            slots[(a.id - min) as usize] = i as u32;
        }
        AccountIndex::Dense { min, slots }
    }

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

    /// Marks the days of one week given as bits (bit d = `week` + d days).
    pub(super) fn mark_week(&mut self, account: usize, week: NaiveDate, bits: u8) {
        let base = (week - self.from).num_days();
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
    pub(super) fn day_numbers(&self, account: usize) -> Vec<i64> {
        let first = super::activity::day_number(self.from);
        let words = &self.bits[account * self.words..(account + 1) * self.words];
        let mut out = Vec::new();
        for (w, &word) in words.iter().enumerate() {
            let mut x = word;
            while x != 0 {
                out.push(first + w as i64 * 64 + i64::from(x.trailing_zeros()));
                x &= x - 1;
            }
        }
        out
    }
}
