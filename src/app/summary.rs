//! The TUI summary: the one aggregation (`report::build`) over every evaluator's counted sheets,
//! with a drill-down level → region → host unit → account. Each step lists its groups (or
//! accounts) with their statistics; the screen draws category bars for the selected line.

use std::collections::HashMap;

use crate::domain::account::Account;
use crate::i18n::Lang;
use crate::report::build::build_results;
use crate::report::group::{Dim, GroupStats, partition_refs};
use crate::report::rank::{Standing, standings};
use crate::report::{AccountResult, Options, Scheme, SheetResult};

pub mod top;

/// The drill-down dimensions, in order; below the last come the accounts.
pub const DRILL: [Dim; 3] = [Dim::Level, Dim::Region(usize::MAX), Dim::Unit];

/// One line of the current drill-down step.
#[derive(Debug, Clone, PartialEq)]
pub enum Line {
    Group(Box<GroupStats>),
    /// An account (index into `Summary::results`) and its standing in the current group.
    Account(usize, Standing),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    pub scheme: Scheme,
    pub results: Vec<AccountResult>,
    /// The whole round.
    pub overall: GroupStats,
    /// Evaluators whose counted (complete or submitted) sheets are in the figures.
    pub evaluators: Vec<String>,
    pub evaluators_in_progress: Vec<String>,
    /// Chosen group labels, one per drill step taken.
    pub path: Vec<String>,
    /// Statistics of the group the path leads to (the round at the top).
    pub here: GroupStats,
    pub lines: Vec<Line>,
    pub selected: usize,
    /// A calibration round: marked in the headline (not a live result).
    pub calibration: bool,
    /// Only the top step, as kept in the database (see [`top`]): shown while the accounts'
    /// results are computed; nothing to drill into before they arrive.
    pub partial: bool,
    lang: Lang,
    /// The steps of the drill-down shown so far, each computed once: the top one and each
    /// level's by [`Summary::of`] (on the worker), a deeper one (a region's units, a unit's
    /// accounts) when first shown, over its own group's members only, so that opening the summary
    /// does not wait for every unit of a national round and moving back costs a look-up.
    steps: HashMap<Vec<String>, Step>,
    /// The steps listed by a step computed so far, not yet shown.
    pending: HashMap<Vec<String>, Pending>,
}

/// One drill-down step: the group's statistics and its lines.
#[derive(Debug, Clone, PartialEq)]
struct Step {
    here: GroupStats,
    lines: Vec<Line>,
}

/// A step still to compute: its path, its members (indices into `results`) and, when its
/// parent listed it, its statistics already made.
type Todo = (Vec<String>, Vec<usize>, Option<GroupStats>);

/// A step its parent listed, not yet shown: its members and, when made, its statistics.
type Pending = (Vec<usize>, Option<GroupStats>);

/// Results from which a summary is freed on a thread of its own: freeing 100k account results
/// and their drill-down steps takes ~0.4 s, which would otherwise fall on the key that replaces
/// or forgets the summary.
const FREE_APART: usize = 10_000;

impl Drop for Summary {
    fn drop(&mut self) {
        if self.results.len() < FREE_APART {
            return;
        }
        let parts = (
            std::mem::take(&mut self.results),
            std::mem::take(&mut self.steps),
            std::mem::take(&mut self.pending),
            std::mem::take(&mut self.lines),
        );
        // If no thread can be started, the parts are freed here after all.
        let _ = std::thread::Builder::new()
            .name("assay-free".into())
            .spawn(move || drop(parts));
    }
}

impl Summary {
    /// Aggregates the round's sheets for `accounts` (every evaluator), with each level's step
    /// made too: a level spans a large share of the round, too many accounts to group on the
    /// key that opens it (a region's step below is over its own accounts only).
    pub fn of(
        scheme: &Scheme,
        accounts: Vec<Account>,
        sheets: &[SheetResult],
        lang: Lang,
    ) -> Summary {
        let mut s = Summary::top(scheme, accounts, sheets, lang);
        s.make_levels();
        s
    }

    /// The summary's top step alone, for a user who waits for it: each level's step is made
    /// when first opened (at 100k accounts ≈ a fifth of the whole), as deeper steps are.
    pub fn top(
        scheme: &Scheme,
        accounts: Vec<Account>,
        sheets: &[SheetResult],
        lang: Lang,
    ) -> Summary {
        // Grouped by the first drill dimension in the same pass: the top step's lines.
        let (r, results) = build_results(
            scheme,
            accounts,
            sheets,
            &Options {
                by: vec![DRILL[0]],
                lang,
                ..Options::default()
            },
        );
        let mut s = Summary {
            scheme: scheme.clone(),
            results,
            here: r.overall.clone(),
            overall: r.overall.clone(),
            evaluators: r.evaluators,
            evaluators_in_progress: r.evaluators_in_progress,
            path: Vec::new(),
            lines: Vec::new(),
            selected: 0,
            calibration: false,
            partial: false,
            lang,
            steps: HashMap::new(),
            pending: HashMap::new(),
        };
        s.visit_top(r.overall, r.groups);
        s.refresh();
        s
    }

    /// The top step from the round's statistics and its groups by the first drill dimension,
    /// as the one aggregation made them; each group's members are found in one pass. Groups
    /// that do not match the members found (never expected) are made again by [`Summary::visit`].
    fn visit_top(&mut self, here: GroupStats, groups: Vec<GroupStats>) {
        let all: Vec<&AccountResult> = self.results.iter().collect();
        let parts = partition_refs(&all, &[DRILL[0]], self.lang);
        drop(all);
        let same = parts.len() == groups.len()
            && parts.iter().zip(&groups).all(|((key, _), g)| *key == g.key);
        if !same {
            let idx = (0..self.results.len()).collect();
            return self.visit(Vec::new(), idx, Some(here));
        }
        let mut lines = Vec::with_capacity(groups.len());
        for ((key, members), g) in parts.into_iter().zip(groups) {
            if !key.is_empty() {
                self.pending.insert(key, (members, Some(g.clone())));
            }
            lines.push(Line::Group(Box::new(g)));
        }
        let mut here = here;
        here.key = Vec::new();
        self.steps.insert(Vec::new(), Step { here, lines });
    }

    /// Makes each level's step (listed by the top step, not yet shown).
    fn make_levels(&mut self) {
        let levels: Vec<Vec<String>> = self
            .pending
            .keys()
            .filter(|p| p.len() == 1)
            .cloned()
            .collect();
        for path in levels {
            if let Some((idx, here)) = self.pending.remove(&path) {
                self.visit(path, idx, here);
            }
        }
    }

    /// Computes and keeps the step at `path` over the accounts `idx` (with its statistics when
    /// its parent made them); its child steps wait until they are first shown.
    fn visit(&mut self, path: Vec<String>, idx: Vec<usize>, here: Option<GroupStats>) {
        let (step, children) = self.step(&path, &idx, here);
        for (p, m, g) in children {
            self.pending.insert(p, (m, g));
        }
        self.steps.insert(path, step);
    }

    /// The step at `path` over the accounts `idx`, and its child steps to compute.
    fn step(&self, path: &[String], idx: &[usize], here: Option<GroupStats>) -> (Step, Vec<Todo>) {
        let subset: Vec<&AccountResult> = idx.iter().map(|&i| &self.results[i]).collect();
        let here = match here {
            Some(mut g) => {
                g.key = path.to_vec();
                g
            }
            None => GroupStats::of(&self.scheme, path.to_vec(), &subset, self.lang),
        };
        let mut children = Vec::new();
        let lines = match DRILL.get(path.len()) {
            Some(dim) => partition_refs(&subset, &[*dim], self.lang)
                .into_iter()
                .map(|(key, m)| {
                    let members: Vec<&AccountResult> = m.iter().map(|&j| subset[j]).collect();
                    let g = GroupStats::of(&self.scheme, key, &members, self.lang);
                    if let Some(k) = g.key.first() {
                        let mut p = path.to_vec();
                        p.push(k.clone());
                        children.push((p, m.iter().map(|&j| idx[j]).collect(), Some(g.clone())));
                    }
                    Line::Group(Box::new(g))
                })
                .collect(),
            None => {
                let owned: Vec<AccountResult> = subset.iter().map(|r| (*r).clone()).collect();
                let st = standings(&owned, &[(0..owned.len()).collect()], self.scheme.decimals);
                idx.iter()
                    .zip(st)
                    .map(|(&i, s)| Line::Account(i, s))
                    .collect()
            }
        };
        (Step { here, lines }, children)
    }

    /// Indices of the accounts under the current path.
    fn members(&self) -> Vec<usize> {
        (0..self.results.len())
            .filter(|&i| {
                self.path
                    .iter()
                    .zip(DRILL)
                    .all(|(k, d)| d.key(&self.results[i].account, self.lang).1 == *k)
            })
            .collect()
    }

    /// Shows the step the path leads to: computed once by `of`, else (a path it did not list)
    /// computed here.
    fn refresh(&mut self) {
        if !self.steps.contains_key(&self.path) {
            let (idx, here) = match self.pending.remove(&self.path) {
                Some(p) => p,
                None => (self.members(), None),
            };
            self.visit(self.path.clone(), idx, here);
        }
        let Some(step) = self.steps.get(&self.path).cloned() else {
            return;
        };
        self.here = step.here;
        self.lines = step.lines;
        self.selected = self.selected.min(self.lines.len().saturating_sub(1));
    }

    pub fn move_by(&mut self, d: isize) {
        let last = self.lines.len().saturating_sub(1) as isize;
        self.selected = (self.selected as isize + d).clamp(0, last) as usize;
    }

    /// Into the selected group; false at the account level (nothing below).
    pub fn drill(&mut self) -> bool {
        if self.partial {
            return false;
        }
        let Some(Line::Group(g)) = self.lines.get(self.selected) else {
            return false;
        };
        let Some(key) = g.key.first().cloned() else {
            return false;
        };
        self.path.push(key);
        self.selected = 0;
        self.refresh();
        true
    }

    /// Back up one step, selecting the group left; false at the top.
    pub fn up(&mut self) -> bool {
        let Some(key) = self.path.pop() else {
            return false;
        };
        self.selected = 0;
        self.refresh();
        if let Some(i) = self
            .lines
            .iter()
            .position(|l| matches!(l, Line::Group(g) if g.key.first() == Some(&key)))
        {
            self.selected = i;
        }
        true
    }

    /// Category shares (mean subtotal / weight, a rate) of the selected line, for the bar chart;
    /// `None` where the category does not apply.
    pub fn selected_shares(&self) -> Vec<(String, Option<crate::domain::figure::Figure>)> {
        match self.lines.get(self.selected) {
            Some(Line::Group(g)) => g
                .categories
                .iter()
                .map(|c| (c.name.clone(), c.share))
                .collect(),
            Some(Line::Account(i, _)) => {
                let r = &self.results[*i];
                self.scheme
                    .categories
                    .iter()
                    .enumerate()
                    .map(|(k, c)| {
                        let x = r.subtotals.get(k).copied().flatten();
                        let w = crate::domain::figure::dec(c.weight).exact();
                        let share = x
                            .and_then(|x| x.exact().div(&w))
                            .map(|s| s.publish(crate::domain::figure::RATE_DECIMALS));
                        (c.name.clone(), share)
                    })
                    .collect()
            }
            None => Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests;
