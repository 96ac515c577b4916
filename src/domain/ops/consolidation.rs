//! The consolidation findings (seeds 001, 003): more accounts than the limit in one county,
//! and two or more accounts of one host unit on one platform.

use super::activity::{ActivityRules, Finding};
use crate::domain::account::Account;

/// The county part of a region path (first three segments: 省/市/县), borrowed from the path
/// when it has no empty segment before the county's end.
fn county(region: &str) -> Option<std::borrow::Cow<'_, str>> {
    let mut end = 0;
    let mut seen = 0;
    for seg in region.split('/') {
        if seg.is_empty() {
            let parts: Vec<&str> = region.split('/').filter(|s| !s.is_empty()).collect();
            return (parts.len() >= 3).then(|| parts[..3].join("/").into());
        }
        end += seg.len() + usize::from(seen > 0);
        seen += 1;
        if seen == 3 {
            return Some(region[..end].into());
        }
    }
    None
}

/// Consolidation findings over a set of accounts (counties, then units, each in key order).
pub fn consolidation(rules: &ActivityRules, accounts: &[&Account]) -> Vec<Finding> {
    let mut c = Consolidation::default();
    for (i, a) in accounts.iter().enumerate() {
        c.add(i as u32, &a.region, &a.unit, a.platform.code());
    }
    c.findings(rules, |i| &accounts[i as usize].name)
}

/// The consolidation rule gathered one account at a time, without a string or an allocation
/// per account: accounts counted by county, and every account's host unit (its text in one
/// shared buffer) with its platform and position; the units with more than one account on a
/// platform are found by sorting once, at the end (their accounts' names are asked for then).
#[derive(Default)]
pub struct Consolidation {
    counties: foldhash::HashMap<String, usize>,
    /// Every account added with a host unit, in the order added (emptied by [`Self::settle`]).
    seen: Vec<UnitSeen>,
    /// The trimmed unit texts of `seen`, one after another.
    texts: String,
    /// The platform codes met, by position (`UnitSeen::platform`).
    platforms: Vec<&'static str>,
    /// What [`Self::settle`] kept: the repeated units.
    settled: Option<Vec<Repeated>>,
}

/// One account's host unit: the text's hash and place in [`Consolidation::texts`], its
/// platform (a position among those met) and the account's position.
#[derive(Clone, Copy)]
struct UnitSeen {
    hash: u64,
    start: u32,
    end: u32,
    at: u32,
    platform: u16,
}

/// A unit with more than one account on one platform: (unit, platform code), then the
/// accounts' positions in the order they were added.
type Repeated = ((String, &'static str), Vec<u32>);

impl Consolidation {
    /// Adds the account at position `at` (positions rise in the order accounts are listed).
    pub fn add(&mut self, at: u32, region: &str, unit: &str, platform: &'static str) {
        self.add_region(region, 1);
        self.add_unit(at, unit, platform);
    }

    /// Counts `n` accounts in `region` (towards its county).
    pub fn add_region(&mut self, region: &str, n: usize) {
        if let Some(c) = county(region) {
            match self.counties.get_mut(c.as_ref()) {
                Some(k) => *k += n,
                None => {
                    self.counties.insert(c.into_owned(), n);
                }
            }
        }
    }

    /// Adds the account at position `at` to its host unit's accounts on `platform` (not
    /// after [`Self::settle`]).
    pub fn add_unit(&mut self, at: u32, unit: &str, platform: &'static str) {
        debug_assert!(self.settled.is_none(), "a unit added after settle");
        let unit = unit.trim();
        if unit.is_empty() {
            return;
        }
        let platform = match self.platforms.iter().position(|p| *p == platform) {
            Some(k) => k,
            None => {
                self.platforms.push(platform);
                self.platforms.len() - 1
            }
        };
        let start = self.texts.len();
        self.texts.push_str(unit);
        self.seen.push(UnitSeen {
            hash: std::hash::BuildHasher::hash_one(&foldhash::fast::FixedState::default(), unit),
            start: start as u32,
            end: self.texts.len() as u32,
            at,
            platform: platform as u16,
        });
    }

    /// Adds what `later` gathered after this one's accounts: its positions move up by `offset`
    /// (the accounts added here), its counties add up. The same as adding its accounts here in
    /// order (neither settled).
    pub fn append(&mut self, later: Consolidation, offset: u32) {
        debug_assert!(self.settled.is_none() && later.settled.is_none());
        for (c, n) in later.counties {
            *self.counties.entry(c).or_insert(0) += n;
        }
        let platforms: Vec<u16> = later
            .platforms
            .iter()
            .map(|&p| match self.platforms.iter().position(|&q| q == p) {
                Some(k) => k as u16,
                None => {
                    self.platforms.push(p);
                    (self.platforms.len() - 1) as u16
                }
            })
            .collect();
        let shift = self.texts.len() as u32;
        self.texts.push_str(&later.texts);
        self.seen.extend(later.seen.iter().map(|u| UnitSeen {
            start: u.start + shift,
            end: u.end + shift,
            at: u.at + offset,
            platform: platforms[usize::from(u.platform)],
            ..*u
        }));
    }

    /// Keeps only what makes a finding (the counties and the repeated units) and forgets the
    /// units seen; nothing is added after.
    pub fn settle(&mut self) {
        self.settled = Some(self.repeated());
        self.seen = Vec::new();
        self.texts = String::new();
    }

    /// The units with more than one account on a platform, in (unit, platform) order.
    fn repeated(&self) -> Vec<Repeated> {
        let unit = |k: &u32| {
            let s = &self.seen[*k as usize];
            &self.texts[s.start as usize..s.end as usize]
        };
        let key = |k: &u32| {
            let s = &self.seen[*k as usize];
            (s.hash, s.platform)
        };
        // Stable sorts: the accounts of a unit stay in the order they were added.
        let mut order: Vec<u32> = (0..self.seen.len() as u32).collect();
        order.sort_by_key(key);
        let mut out: Vec<Repeated> = Vec::new();
        for run in order.chunk_by(|a, b| key(a) == key(b)) {
            if run.len() < 2 {
                continue;
            }
            // Texts that share a hash are told apart here.
            let mut run = run.to_vec();
            run.sort_by(|a, b| unit(a).cmp(unit(b)));
            for same in run.chunk_by(|a, b| unit(a) == unit(b)) {
                if same.len() > 1 {
                    let platform =
                        self.platforms[usize::from(self.seen[same[0] as usize].platform)];
                    let accounts = same.iter().map(|k| self.seen[*k as usize].at).collect();
                    out.push(((unit(&same[0]).to_string(), platform), accounts));
                }
            }
        }
        out.sort_by(|a, b| a.0.cmp(&b.0));
        out
    }

    /// The findings (counties over the limit, then units with more than one account on a
    /// platform, each in key order); `name` gives an account's name from its position.
    pub fn findings<'n>(
        &self,
        rules: &ActivityRules,
        name: impl Fn(u32) -> &'n str,
    ) -> Vec<Finding> {
        let mut counties: Vec<(String, usize)> = self
            .counties
            .iter()
            .filter(|(_, n)| **n > rules.county_max)
            .map(|(c, n)| (c.clone(), *n))
            .collect();
        counties.sort();
        let unsettled;
        let units = match &self.settled {
            Some(u) => u,
            None => {
                unsettled = self.repeated();
                &unsettled
            }
        };
        let mut out: Vec<Finding> = counties
            .into_iter()
            .map(|(county, accounts)| Finding::CountyOverLimit {
                county,
                accounts,
                limit: rules.county_max,
            })
            .collect();
        out.extend(
            units
                .iter()
                .map(|((unit, platform), accounts)| Finding::DuplicateUnit {
                    unit: unit.clone(),
                    platform: platform.to_string(),
                    accounts: accounts.iter().map(|&i| name(i).to_string()).collect(),
                }),
        );
        out
    }
}

#[cfg(test)]
#[path = "consolidation_tests.rs"]
mod tests;
