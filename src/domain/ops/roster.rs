//! The accounts of an operations report as the report keeps them: per account its id,
//! platform, group and whether it is unavailable, the names in one text and the regions
//! interned, and the consolidation findings gathered while the accounts are added. No string is
//! kept per account (a national round has 100,000 of them).

use super::activity::{ActivityRules, Finding};
use super::consolidation::Consolidation;
use super::group::GroupBy;
use crate::domain::account::Account;
use crate::domain::platform::{Level, Platform};

/// Whether an account's status marks it unavailable (an app that cannot be downloaded or used).
pub fn unavailable(status: &str) -> bool {
    ["无法下载", "无法使用", "不可用", "无法访问"]
        .iter()
        .any(|w| status.contains(w))
        || status
            .as_bytes()
            .windows(11)
            .any(|w| w.eq_ignore_ascii_case(b"unavailable"))
}

/// One account as it is read, its text borrowed (from a database row or an [`Account`]).
#[derive(Debug, Clone, Copy)]
pub struct AccountRef<'a> {
    pub id: i64,
    pub platform: Platform,
    pub level: Level,
    pub name: &'a str,
    pub unit: &'a str,
    pub region: &'a str,
    pub status: &'a str,
}

impl<'a> From<&'a Account> for AccountRef<'a> {
    fn from(a: &'a Account) -> Self {
        AccountRef {
            id: a.id,
            platform: a.platform,
            level: a.level,
            name: &a.name,
            unit: &a.unit,
            region: &a.region,
            status: &a.status,
        }
    }
}

/// The report's accounts, in the order they were added (see [`RosterBuilder`]).
pub struct Roster {
    pub(super) by: GroupBy,
    pub(super) ids: Vec<i64>,
    pub(super) platforms: Vec<Platform>,
    /// Each account's group: a position in `groups`.
    pub(super) group: Vec<u32>,
    pub(super) groups: Vec<String>,
    names: String,
    name_ends: Vec<usize>,
    region: Vec<u32>,
    regions: Vec<Box<str>>,
    pub(super) unavailable: Vec<bool>,
    consolidation: Consolidation,
}

impl Roster {
    /// The roster of `accounts`, grouped `by`.
    pub fn of(accounts: &[Account], by: GroupBy) -> Roster {
        let mut b = RosterBuilder::new(by);
        for a in accounts {
            b.push(&AccountRef::from(a));
        }
        b.finish()
    }

    pub fn len(&self) -> usize {
        self.ids.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// The name of the account at position `i`.
    pub fn name(&self, i: usize) -> &str {
        let start = if i == 0 { 0 } else { self.name_ends[i - 1] };
        &self.names[start..self.name_ends[i]]
    }

    /// The region path of the account at position `i`.
    pub fn region(&self, i: usize) -> &str {
        &self.regions[self.region[i] as usize]
    }

    /// The group keys, by group position.
    pub fn group_names(&self) -> &[String] {
        &self.groups
    }

    /// Each account's group position.
    pub fn groups_of(&self) -> &[u32] {
        &self.group
    }

    /// The consolidation findings over these accounts under `rules` (counties, then units).
    pub fn findings(&self, rules: &ActivityRules) -> Vec<Finding> {
        self.consolidation
            .findings(rules, |i| self.name(i as usize))
    }
}

/// Builds a [`Roster`] one account at a time, without an allocation per account (a region,
/// a group or a host unit is copied once, the first time it is seen).
pub struct RosterBuilder {
    roster: Roster,
    region_ids: foldhash::HashMap<Box<str>, u32>,
    group_ids: foldhash::HashMap<String, u32>,
    key: String,
}

impl RosterBuilder {
    pub fn new(by: GroupBy) -> RosterBuilder {
        RosterBuilder {
            roster: Roster {
                by,
                ids: Vec::new(),
                platforms: Vec::new(),
                group: Vec::new(),
                groups: Vec::new(),
                names: String::new(),
                name_ends: Vec::new(),
                region: Vec::new(),
                regions: Vec::new(),
                unavailable: Vec::new(),
                consolidation: Consolidation::default(),
            },
            region_ids: foldhash::HashMap::default(),
            group_ids: foldhash::HashMap::default(),
            key: String::new(),
        }
    }

    pub fn push(&mut self, a: &AccountRef<'_>) {
        let r = &mut self.roster;
        let at = r.ids.len() as u32;
        r.ids.push(a.id);
        r.platforms.push(a.platform);
        r.names.push_str(a.name);
        r.name_ends.push(r.names.len());
        let region = match self.region_ids.get(a.region) {
            Some(&id) => id,
            None => {
                let id = r.regions.len() as u32;
                r.regions.push(a.region.into());
                self.region_ids.insert(a.region.into(), id);
                id
            }
        };
        r.region.push(region);
        r.unavailable.push(unavailable(a.status));
        self.key.clear();
        r.by.write_key(a.platform, a.level, a.region, &mut self.key);
        let group = match self.group_ids.get(self.key.as_str()) {
            Some(&g) => g,
            None => {
                let g = r.groups.len() as u32;
                r.groups.push(self.key.clone());
                self.group_ids.insert(self.key.clone(), g);
                g
            }
        };
        r.group.push(group);
        r.consolidation.add_unit(at, a.unit, a.platform.code());
    }

    /// How many accounts were added.
    pub fn len(&self) -> usize {
        self.roster.ids.len()
    }

    pub fn is_empty(&self) -> bool {
        self.roster.ids.is_empty()
    }

    /// Adds the accounts `later` was given, after this one's: the same roster as pushing them
    /// here in order (regions and groups keep their first-seen order), so a roster can be read
    /// in consecutive parts on several connections and joined.
    pub fn append(&mut self, later: RosterBuilder) {
        let offset = self.roster.ids.len() as u32;
        let l = later.roster;
        let r = &mut self.roster;
        r.ids.extend_from_slice(&l.ids);
        r.platforms.extend_from_slice(&l.platforms);
        let shift = r.names.len();
        r.names.push_str(&l.names);
        r.name_ends.extend(l.name_ends.iter().map(|e| e + shift));
        let regions: Vec<u32> = l
            .regions
            .into_iter()
            .map(|region| intern(&mut r.regions, &mut self.region_ids, region))
            .collect();
        r.region
            .extend(l.region.iter().map(|&k| regions[k as usize]));
        let groups: Vec<u32> = l
            .groups
            .into_iter()
            .map(|g| intern(&mut r.groups, &mut self.group_ids, g))
            .collect();
        r.group.extend(l.group.iter().map(|&k| groups[k as usize]));
        r.unavailable.extend_from_slice(&l.unavailable);
        r.consolidation.append(l.consolidation, offset);
    }

    pub fn finish(self) -> Roster {
        let mut r = self.roster;
        // Counties counted once per region: the same counts as one account at a time.
        let mut per_region = vec![0usize; r.regions.len()];
        for &g in &r.region {
            per_region[g as usize] += 1;
        }
        for (region, n) in r.regions.iter().zip(per_region) {
            r.consolidation.add_region(region, n);
        }
        r.consolidation.settle();
        r.names.shrink_to_fit();
        r.name_ends.shrink_to_fit();
        r.ids.shrink_to_fit();
        r.platforms.shrink_to_fit();
        r.group.shrink_to_fit();
        r.region.shrink_to_fit();
        r.unavailable.shrink_to_fit();
        r
    }
}

/// The position of `key` in `list` (added at the end, and to `ids`, when new).
fn intern<K: std::hash::Hash + Eq + Clone>(
    list: &mut Vec<K>,
    ids: &mut foldhash::HashMap<K, u32>,
    key: K,
) -> u32 {
    if let Some(&k) = ids.get(&key) {
        return k;
    }
    let k = list.len() as u32;
    list.push(key.clone());
    ids.insert(key, k);
    k
}
