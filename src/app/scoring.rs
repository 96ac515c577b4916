//! The scoring screen's state and its edits: every change is written through the backend at
//! once, recorded for undo/redo, and the account's cached row is rescored.

use std::collections::BTreeMap;

use super::{App, Backend, Screen};
use crate::domain::engine::Outcome;
use crate::domain::entry::{Entry, EntryError};
use crate::domain::rubric::{Indicator, ItemRef};
use crate::storage::StoreError;

/// One change to one indicator, enough to undo and redo it.
#[derive(Debug, Clone, PartialEq)]
pub struct Edit {
    pub indicator: String,
    pub before: Option<Entry>,
    pub after: Option<Entry>,
}

/// What one key changed: one item's edit, or every item's for "clear the account".
pub type Step = Vec<Edit>;

/// The account being scored.
#[derive(Debug, Clone)]
pub struct Scoring {
    /// Index into `App::rows`.
    pub row: usize,
    pub entries: BTreeMap<String, Entry>,
    pub outcome: Outcome,
    /// Index into `rubric.items()`.
    pub cursor: usize,
    /// A value being typed, not yet saved.
    pub input: Option<super::text_field::TextField>,
    pub submitted: bool,
    /// The automatic entries `assay ops auto` placed in this sheet, by indicator.
    pub auto: BTreeMap<String, Entry>,
}

impl Scoring {
    /// Whether the item's entry is still the automatic value as placed (not the evaluator's).
    pub fn is_auto(&self, id: &str) -> bool {
        self.auto
            .get(id)
            .is_some_and(|a| self.entries.get(id) == Some(a))
    }
}

/// Where the open account stands against a bonus item's gate.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct GateState {
    /// The base at the rubric's published precision (what the gate is judged on).
    pub base: f64,
    pub gate: f64,
    pub side: crate::domain::rubric::Side,
    pub open: bool,
}

/// What typing does for an item kind: its bounds and whether decimals are allowed.
#[derive(Debug, Clone, Copy)]
pub struct Typed {
    pub min: f64,
    pub max: f64,
    pub step: Option<f64>,
    pub integer: bool,
}

/// How an item takes a typed value, if it does.
pub fn typed(item: &ItemRef<'_>) -> Option<Typed> {
    match item {
        ItemRef::Indicator(_, Indicator::Range(r)) => Some(Typed {
            min: r.min,
            max: r.max,
            step: r.step,
            integer: false,
        }),
        ItemRef::Indicator(_, Indicator::Deduct(_)) | ItemRef::Bonus(_) => Some(Typed {
            min: 0.0,
            max: 999.0,
            step: None,
            integer: true,
        }),
        _ => None,
    }
}

use crate::i18n::msg;

impl Typed {
    /// True when `s` may still become a valid value: refuses out-of-range input as typed.
    pub fn accepts_prefix(&self, s: &str) -> bool {
        if s.is_empty() {
            return true;
        }
        if self.integer && s.contains('.') {
            return false;
        }
        if s.matches('.').count() > 1 || s.split('.').nth(1).is_some_and(|d| d.len() > 2) {
            return false;
        }
        match s.trim_end_matches('.').parse::<f64>() {
            Ok(v) => v <= self.max + 1e-9,
            Err(_) => s == ".",
        }
    }

    /// The final value, or why it is refused.
    pub fn check(&self, s: &str) -> Result<f64, String> {
        let v: f64 = s
            .trim_end_matches('.')
            .parse()
            .map_err(|_| msg::value_not_number(crate::i18n::current(), s))?;
        if v < self.min - 1e-9 || v > self.max + 1e-9 {
            return Err(msg::value_out_of_range(
                crate::i18n::current(),
                v,
                self.min,
                self.max,
            ));
        }
        if let Some(step) = self.step.filter(|s| *s > 0.0) {
            let k = (v - self.min) / step;
            if (k - k.round()).abs() > 1e-6 {
                return Err(msg::value_off_step(
                    crate::i18n::current(),
                    v,
                    step,
                    self.min,
                ));
            }
        }
        Ok(v)
    }
}

impl App {
    /// Opens the scoring screen on a row, loading its entries and submission state.
    pub fn open_account(&mut self, row: usize, backend: &dyn Backend) -> Result<(), StoreError> {
        let Some(r) = self.rows.get(row) else {
            return Ok(());
        };
        let (round, ev) = (self.session.round_id, self.session.evaluator.as_str());
        let list = backend.entries(round, r.account.id, ev)?;
        let submitted = backend.submitted(round, r.account.id, ev)?;
        let auto = backend
            .auto_placed(round, r.account.id, ev)?
            .into_iter()
            .map(|e| (e.indicator.clone(), e))
            .collect();
        let entries: BTreeMap<String, Entry> =
            list.into_iter().map(|e| (e.indicator.clone(), e)).collect();
        let cursor = self.scoring.as_ref().map_or(0, |s| s.cursor);
        let outcome = self.rescore_with(row, &entries);
        self.scoring = Some(Scoring {
            row,
            entries,
            outcome,
            cursor,
            input: None,
            submitted,
            auto,
        });
        self.screen = Screen::Scoring;
        // Stay on the same item when it still needs a judgement here (scoring one indicator
        // across accounts), else start at the first item that does.
        let todo = self.unscored();
        if let Some(s) = self.scoring.as_mut()
            && !todo.contains(&s.cursor)
            && let Some(&first) = todo.first()
        {
            s.cursor = first;
        }
        Ok(())
    }

    fn rescore_with(&mut self, row: usize, entries: &BTreeMap<String, Entry>) -> Outcome {
        let list: Vec<Entry> = entries.values().cloned().collect();
        let a = &self.rows[row].account;
        let o = (self.scorer)(&self.session.rubric, a.platform, a.level, &list);
        let was_pending = self.rows[row].pending;
        self.rows[row].update(&o);
        // Known now, and newer than any background result still on its way.
        self.settled(usize::from(was_pending));
        o
    }

    /// For a gated bonus item of the open account: the base score, the gate and whether the
    /// bonus counts now (the engine's own decision, `Rubric::gate_opens` on the published base).
    pub fn bonus_gate(&self, item: &ItemRef<'_>) -> Option<GateState> {
        let (ItemRef::Bonus(b), Some(s)) = (item, self.scoring.as_ref()) else {
            return None;
        };
        let rubric = &self.session.rubric;
        let base = rubric.publish(s.outcome.base);
        let gate = b.gate?;
        Some(GateState {
            base,
            gate,
            side: rubric.gate_side,
            open: rubric.gate_opens(base, gate),
        })
    }

    /// The entry of the selected item as it stands (a blank one when nothing is stored).
    pub fn current_entry(&self) -> Option<Entry> {
        let s = self.scoring.as_ref()?;
        let items = self.session.rubric.items();
        let id = &items.get(s.cursor)?.common().id;
        Some(s.entries.get(id).cloned().unwrap_or_else(|| Entry::new(id)))
    }

    /// Saves a new version of one entry (or clears it when it holds nothing), records the edit
    /// for undo unless `record` is false, and rescores the account.
    pub fn write_entry(
        &mut self,
        backend: &mut dyn Backend,
        indicator: &str,
        after: Option<Entry>,
        record: bool,
    ) -> Result<(), StoreError> {
        let edit = self.store_entry(backend, indicator, after)?;
        if record && let Some(edit) = edit {
            self.record_step(vec![edit]);
        }
        Ok(())
    }

    /// Like [`App::write_entry`], except that a change to an item holding a veto hit asks
    /// first (a veto is never overwritten by one key).
    pub fn change_entry(
        &mut self,
        backend: &mut dyn Backend,
        indicator: &str,
        after: Option<Entry>,
    ) -> Result<(), StoreError> {
        let before = (self.scoring.as_ref()).and_then(|s| s.entries.get(indicator).cloned());
        let hit = before.as_ref().and_then(|e| e.veto.clone());
        match hit {
            Some(reason) if after.as_ref().and_then(|e| e.veto.as_ref()) != Some(&reason) => {
                let text = crate::i18n::msg::overwrite_veto(self.lang, &reason, after.is_none());
                self.popup = Some(super::Popup::Confirm {
                    text,
                    then: super::Confirmed::Write {
                        indicator: indicator.to_string(),
                        entry: after,
                    },
                });
                Ok(())
            }
            _ => self.write_entry(backend, indicator, after, true),
        }
    }

    /// Pushes one step on the open account's undo stack (and forgets what could be redone).
    pub(super) fn record_step(&mut self, step: Vec<Edit>) {
        let Some(s) = self.scoring.as_ref() else {
            return;
        };
        if step.is_empty() {
            return;
        }
        let account = self.rows[s.row].account.id;
        let (undo, redo) = self.history.entry(account).or_default();
        undo.push(step);
        redo.clear();
    }

    /// Stores one entry (refused with a status-bar note when it may not be stored) and
    /// rescores; the edit made, if any, for the caller to record.
    pub(super) fn store_entry(
        &mut self,
        backend: &mut dyn Backend,
        indicator: &str,
        after: Option<Entry>,
    ) -> Result<Option<Edit>, StoreError> {
        let after = after.filter(|e| e.is_scored() || !e.note.is_empty() || !e.evidence.is_empty());
        if let Some(why) = after.as_ref().and_then(|e| self.refusal(e)) {
            self.flash = Some(why);
            return Ok(None);
        }
        let Some(s) = self.scoring.as_mut() else {
            return Ok(None);
        };
        let before = s.entries.get(indicator).cloned();
        if before == after {
            return Ok(None);
        }
        let (round, ev) = (self.session.round_id, self.session.evaluator.clone());
        let account = self.rows[s.row].account.id;
        match &after {
            Some(e) => backend.set_entry(round, account, &ev, e)?,
            None => backend.clear_entry(round, account, &ev, indicator)?,
        }
        match &after {
            Some(e) => s.entries.insert(indicator.to_string(), e.clone()),
            None => s.entries.remove(indicator),
        };
        self.refresh_current();
        Ok(Some(Edit {
            indicator: indicator.to_string(),
            before,
            after,
        }))
    }

    /// Why a judgement may not be stored for the open account, in the interface's language: the
    /// item does not apply to it, or a veto was marked N/A by hand (the domain's one check).
    fn refusal(&self, e: &Entry) -> Option<String> {
        let s = self.scoring.as_ref()?;
        if !e.is_scored() {
            return None;
        }
        let a = &self.rows[s.row].account;
        let item = self.session.rubric.item(&e.indicator)?;
        let mut probe = e.clone();
        match probe.check_for(item, a.platform, a.level) {
            Err(err @ (EntryError::VetoNa { .. } | EntryError::NotApplicable { .. })) => {
                Some(err.localized(self.lang))
            }
            _ => None,
        }
    }

    /// Rescores the open account and updates its cached row.
    pub fn refresh_current(&mut self) {
        let Some(mut s) = self.scoring.take() else {
            return;
        };
        s.outcome = self.rescore_with(s.row, &s.entries);
        self.scoring = Some(s);
        self.summary = None;
        self.list.scores_changed();
    }

    /// Undoes (`redo == false`) or redoes the last step of the open account: one item's
    /// change, or the whole "clear the account".
    pub fn undo_redo(&mut self, backend: &mut dyn Backend, redo: bool) -> Result<bool, StoreError> {
        let Some(s) = self.scoring.as_ref() else {
            return Ok(false);
        };
        let account = self.rows[s.row].account.id;
        let stacks = self.history.entry(account).or_default();
        let popped = if redo { stacks.1.pop() } else { stacks.0.pop() };
        let Some(step) = popped else {
            return Ok(false);
        };
        let order: Vec<&Edit> = match redo {
            true => step.iter().collect(),
            false => step.iter().rev().collect(),
        };
        for edit in order {
            let target = if redo { &edit.after } else { &edit.before };
            self.store_entry(backend, &edit.indicator, target.clone())?;
        }
        let first = step
            .first()
            .map(|e| e.indicator.clone())
            .unwrap_or_default();
        let at = (self.session.rubric.items().iter()).position(|i| i.common().id == first);
        if let (Some(at), Some(s)) = (at, self.scoring.as_mut()) {
            s.cursor = at;
        }
        let stacks = self.history.entry(account).or_default();
        if redo {
            stacks.0.push(step);
        } else {
            stacks.1.push(step);
        }
        Ok(true)
    }
}
