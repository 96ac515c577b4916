//! The one aggregation fed one account at a time: each combined account result is counted into
//! the round's figures and its group's ([`GroupAcc`]), its failure and roll-up leaf noted, and
//! the result itself kept only when the output lists accounts. [`super::build::build`] feeds it
//! a whole slice; the streaming report (`super::stream`) feeds it straight from the kept rows, so
//! a national round's report holds its groups' values, not 100,000 account rows.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::combine::{AccountResult, Verdict};
use super::group_acc::{Accs, GroupAcc};
use super::group_key::Keyer;
use super::model::{AccountLine, Failure, Options, Report, RollupLevel, Tally};
use super::rank::standings;
use super::rollup::{Node, roll_leaves};
use super::sheet::{Scheme, SheetResult};
use crate::domain::platform::{Level, Platform};

/// The report being gathered.
pub struct Sink<'s> {
    scheme: &'s Scheme,
    opts: &'s Options,
    accs: Accs<'s>,
    overall: GroupAcc,
    /// Groups by the report's dimensions (none without `by`).
    keyer: Option<Keyer>,
    groups: Vec<GroupAcc>,
    failures: Vec<Failure>,
    /// Accounts with a result as roll-up leaves, when the report rolls up.
    leaves: Option<Vec<Node>>,
    by_level: BTreeMap<Level, usize>,
    by_platform: BTreeMap<Platform, usize>,
    sheets_counted: usize,
    counted: BTreeSet<String>,
    open: BTreeSet<String>,
    /// The account results and their groups, when the output lists accounts.
    kept: Option<(Vec<AccountResult>, Vec<usize>)>,
}

impl<'s> Sink<'s> {
    /// `keep`: the output lists accounts (with their standings), so their results are kept.
    pub fn new(scheme: &'s Scheme, opts: &'s Options, keep: bool) -> Sink<'s> {
        Sink {
            scheme,
            opts,
            accs: Accs::new(scheme, opts.lang),
            overall: GroupAcc::new(scheme),
            keyer: (!opts.by.is_empty()).then(|| Keyer::new(&opts.by, opts.lang)),
            groups: Vec::new(),
            failures: Vec::new(),
            leaves: opts.rollup.as_ref().map(|_| Vec::new()),
            by_level: BTreeMap::new(),
            by_platform: BTreeMap::new(),
            sheets_counted: 0,
            counted: BTreeSet::new(),
            open: BTreeSet::new(),
            kept: keep.then(Default::default),
        }
    }

    /// Makes room for `n` more kept results at once (a national round's 100,000 would otherwise
    /// be moved on each doubling of the vector).
    pub fn reserve(&mut self, n: usize) {
        if let Some((rs, groups)) = &mut self.kept {
            rs.reserve(n);
            groups.reserve(n);
        }
    }

    /// Notes a sheet's evaluator (every sheet of the round, also of accounts out of scope).
    pub fn sheet(&mut self, s: &SheetResult) {
        let set = if s.status.counts() {
            &mut self.counted
        } else {
            &mut self.open
        };
        if !set.contains(s.evaluator.as_str()) {
            set.insert(s.evaluator.clone());
        }
    }

    /// Counts one account's combined result in (and keeps it when the output lists accounts).
    pub fn push(&mut self, r: AccountResult) {
        let group = self.count(&r);
        if let Some((rs, groups)) = &mut self.kept {
            rs.push(r);
            groups.push(group);
        }
    }

    /// Counts one account's combined result in without keeping it; returns its group (in the
    /// order met). A caller that holds the results itself (as [`super::build::build_results`])
    /// saves moving each of them (448 bytes) once more.
    pub fn count(&mut self, r: &AccountResult) -> usize {
        self.accs.push(&mut self.overall, r);
        let group = match &mut self.keyer {
            Some(keyer) => {
                let g = keyer.group(&r.account);
                if g == self.groups.len() {
                    self.groups.push(GroupAcc::new(self.scheme));
                }
                self.accs.push(&mut self.groups[g], r);
                g
            }
            None => 0,
        };
        *self.by_level.entry(r.account.level).or_default() += 1;
        *self.by_platform.entry(r.account.platform).or_default() += 1;
        self.sheets_counted += r.panel.complete;
        if r.verdict == Verdict::Failed {
            self.failures.push(failure(r, self.opts.lang));
        }
        if let Some(leaves) = &mut self.leaves
            && r.has_result()
        {
            leaves.push(Node {
                region: r.account.region.clone(),
                children: 1,
                value: r.total,
                vetoed: r.vetoed(),
            });
        }
        group
    }

    /// Appends `other`, which was fed the accounts that come after this one's (a later id range
    /// of the same round, same scheme and options). Only [`Sink::finish`] may follow.
    pub fn merge(&mut self, other: Sink<'s>) {
        self.overall.merge(other.overall);
        let remap = match (&mut self.keyer, other.keyer) {
            (Some(mine), Some(theirs)) => {
                let mut at: HashMap<Vec<String>, usize> = mine
                    .found
                    .iter()
                    .enumerate()
                    .map(|(i, f)| (f.sort.clone(), i))
                    .collect();
                let mut remap = Vec::with_capacity(theirs.found.len());
                for (found, acc) in theirs.found.into_iter().zip(other.groups) {
                    let i = *at.entry(found.sort.clone()).or_insert(mine.found.len());
                    if i == mine.found.len() {
                        mine.found.push(found);
                        self.groups.push(acc);
                    } else {
                        self.groups[i].merge(acc);
                    }
                    remap.push(i);
                }
                remap
            }
            _ => Vec::new(),
        };
        self.failures.extend(other.failures);
        if let (Some(mine), Some(theirs)) = (&mut self.leaves, other.leaves) {
            mine.extend(theirs);
        }
        for (k, n) in other.by_level {
            *self.by_level.entry(k).or_default() += n;
        }
        for (k, n) in other.by_platform {
            *self.by_platform.entry(k).or_default() += n;
        }
        self.sheets_counted += other.sheets_counted;
        self.counted.extend(other.counted);
        self.open.extend(other.open);
        if let (Some((rs, of)), Some((more, more_of))) = (&mut self.kept, other.kept) {
            rs.extend(more);
            of.extend(
                more_of
                    .into_iter()
                    .map(|g| remap.get(g).copied().unwrap_or(0)),
            );
        }
    }

    /// The report.
    pub fn finish(self) -> Report {
        let scheme = self.scheme;
        let found = self.keyer.map(|k| k.found).unwrap_or_default();
        // Groups in key order; `place[g]` is where group `g` (in the order met) went.
        let mut order: Vec<usize> = (0..found.len()).collect();
        order.sort_by(|&a, &b| found[a].sort.cmp(&found[b].sort));
        let mut place = vec![0; found.len()];
        for (i, &g) in order.iter().enumerate() {
            place[g] = i;
        }
        let mut accs: Vec<Option<GroupAcc>> = self.groups.into_iter().map(Some).collect();
        let groups = order
            .iter()
            .filter_map(|&g| Some(accs[g].take()?.finish(scheme, found[g].label.clone())))
            .collect();
        let accounts = match self.kept {
            Some((rs, of)) => lines(scheme, rs, &of, &place, &found),
            None => Vec::new(),
        };
        let rollups = match (&self.opts.rollup, self.leaves) {
            (Some((depths, rule)), Some(leaves)) => {
                roll_leaves(leaves, depths, *rule, scheme.decimals)
                    .into_iter()
                    .map(|(depth, nodes)| RollupLevel {
                        depth,
                        rule: *rule,
                        nodes,
                    })
                    .collect()
            }
            _ => Vec::new(),
        };
        Report {
            scheme: scheme.clone(),
            evaluators: self.counted.into_iter().collect(),
            evaluators_in_progress: self.open.into_iter().collect(),
            by: self.opts.by.clone(),
            overall: self.overall.finish(scheme, Vec::new()),
            groups,
            accounts,
            failures: self.failures,
            rollups,
            tally: Tally {
                by_level: self.by_level.into_iter().collect(),
                by_platform: self.by_platform.into_iter().collect(),
                sheets_counted: self.sheets_counted,
            },
        }
    }
}

/// The kept accounts' lines: their standings in the round and in their groups (`of[i]`: the
/// group of account `i` in the order met; `place` maps it to the sorted order).
fn lines(
    scheme: &Scheme,
    rs: Vec<AccountResult>,
    of: &[usize],
    place: &[usize],
    found: &[super::group_key::Found],
) -> Vec<AccountLine> {
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); found.len().max(1)];
    for (i, &g) in of.iter().enumerate() {
        members[place.get(g).copied().unwrap_or(0)].push(i);
    }
    if rs.is_empty() {
        members.clear();
    }
    let st = standings(&rs, &members, scheme.decimals);
    rs.into_iter()
        .zip(st)
        .zip(of)
        .map(|((result, standing), &g)| AccountLine {
            result,
            group: found.get(g).map(|f| f.label.clone()).unwrap_or_default(),
            standing,
        })
        .collect()
}

fn failure(r: &AccountResult, lang: crate::i18n::Lang) -> Failure {
    Failure {
        account_id: r.account.id,
        platform: r.account.platform,
        name: r.account.name.clone(),
        unit: r.account.unit.clone(),
        total: r.total,
        vetoes: r.vetoes.iter().map(|v| v.label(lang)).collect(),
    }
}
