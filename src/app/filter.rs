//! The filter form: which values each filter line cycles through, and the cycling itself.

use std::collections::BTreeSet;

use super::App;
use super::row::{STATUSES, SheetState};
use crate::domain::platform::{Level, Platform};

/// Steps `cur` to the next (or previous) of `None, opts[0], opts[1], …`, wrapping around.
fn cycle<T: PartialEq + Clone>(cur: &Option<T>, opts: &[T], fwd: bool) -> Option<T> {
    let n = opts.len() + 1;
    let at = cur
        .as_ref()
        .and_then(|c| opts.iter().position(|o| o == c))
        .map_or(0, |i| i + 1);
    let to = if fwd { (at + 1) % n } else { (at + n - 1) % n };
    (to > 0).then(|| opts[to - 1].clone())
}

impl App {
    /// Distinct business domains, sorted.
    pub fn domains(&self) -> Vec<String> {
        let set: BTreeSet<&str> = self
            .rows
            .iter()
            .map(|r| r.account.domain.as_str())
            .filter(|d| !d.is_empty())
            .collect();
        set.into_iter().map(str::to_string).collect()
    }

    /// Region prefixes of one to three segments, sorted.
    pub fn region_prefixes(&self) -> Vec<String> {
        let mut set: BTreeSet<String> = BTreeSet::new();
        for r in &self.rows {
            let mut end = 0;
            for (depth, seg) in r.account.region.split('/').enumerate().take(3) {
                end += seg.len() + usize::from(depth > 0);
                if !seg.is_empty() {
                    set.insert(r.account.region[..end].to_string());
                }
            }
        }
        set.into_iter().collect()
    }

    pub(super) fn cycle_filter(&mut self, field: usize, fwd: bool) {
        let f = &mut self.list.filters;
        match field {
            0 => f.level = cycle(&f.level, &Level::ALL, fwd),
            1 => f.platform = cycle(&f.platform, &Platform::ALL, fwd),
            2 => {
                let opts = self.domains();
                let f = &mut self.list.filters;
                f.domain = cycle(&f.domain, &opts, fwd);
            }
            3 => {
                let opts = self.region_prefixes();
                let f = &mut self.list.filters;
                f.region = cycle(&f.region, &opts, fwd);
            }
            4 => f.status = cycle(&f.status, &STATUSES, fwd),
            _ => f.sheet = cycle(&f.sheet, &SheetState::ALL, fwd),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::cycle;

    #[test]
    fn cycles_through_any_and_wraps() {
        let opts = [1, 2];
        assert_eq!(cycle(&None, &opts, true), Some(1));
        assert_eq!(cycle(&Some(2), &opts, true), None);
        assert_eq!(cycle(&None, &opts, false), Some(2));
    }
}
