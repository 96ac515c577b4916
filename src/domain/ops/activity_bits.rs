//! The day rules' verdict read straight off an account's post-day bits (one bit a day), the
//! same as [`super::evaluate_days`]`(…).verdict()` over the day numbers the bits give, without
//! listing them (one verdict per account of a national listing).

use chrono::NaiveDate;

use super::{ActivityRules, DaySet, Verdict, verdict_of};

/// An account's post days: bit `k % 64` of `words[k / 64]` is the day numbered `first + k`
/// ([`super::day_number`]).
#[derive(Debug, Clone, Copy)]
pub struct DayBits<'a> {
    pub words: &'a [u64],
    pub first: i64,
}

/// Bits `0..=b` of a word (`b` in `0..64`).
fn upto(b: i64) -> u64 {
    if b >= 63 { !0 } else { (1u64 << (b + 1)) - 1 }
}

impl DayBits<'_> {
    /// One past the last day the bits can hold, as an offset from `first`.
    fn end(&self) -> i64 {
        self.words.len() as i64 * 64
    }
}

impl DaySet for DayBits<'_> {
    fn last_upto(&self, day: i64) -> Option<i64> {
        let k = day.saturating_sub(self.first).min(self.end() - 1);
        if k < 0 {
            return None;
        }
        let mut w = (k / 64) as usize;
        let mut word = self.words[w] & upto(k % 64);
        loop {
            if word != 0 {
                return Some(self.first + w as i64 * 64 + 63 - i64::from(word.leading_zeros()));
            }
            if w == 0 {
                return None;
            }
            w -= 1;
            word = self.words[w];
        }
    }

    fn count(&self, lo: i64, hi: i64) -> u32 {
        let lo = lo.saturating_sub(self.first).max(0);
        let hi = hi.saturating_sub(self.first).min(self.end() - 1);
        if lo > hi {
            return 0;
        }
        let (lw, hw) = ((lo / 64) as usize, (hi / 64) as usize);
        let mut n = 0;
        for (w, &word) in self.words.iter().enumerate().take(hw + 1).skip(lw) {
            let mut x = word;
            if w == lw {
                x &= !0u64 << (lo % 64);
            }
            if w == hw {
                x &= upto(hi % 64);
            }
            n += x.count_ones();
        }
        n
    }

    fn each(&self) -> impl Iterator<Item = i64> + '_ {
        self.words.iter().enumerate().flat_map(move |(w, &word)| {
            let base = self.first + w as i64 * 64;
            std::iter::successors(Some(word), |&x| Some(x & x.wrapping_sub(1)))
                .take_while(|x| *x != 0)
                .map(move |x| base + i64::from(x.trailing_zeros()))
        })
    }
}

/// The verdict of the day rules over the post days `bits` for the period `from..=to`: the
/// same rules as [`super::evaluate_days`] (one definition, [`DaySet`]), each check answered
/// from the bits instead of a list of days.
pub fn verdict_bits(
    rules: &ActivityRules,
    bits: DayBits<'_>,
    from: NaiveDate,
    to: NaiveDate,
    messages: (u64, u64),
    unavailable: bool,
) -> Verdict {
    verdict_of(rules, &bits, from, to, messages, unavailable)
}
