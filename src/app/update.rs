//! Applying actions: one dispatch on the current context, small handlers per screen. Storage
//! errors become error popups; nothing here panics on user input.

use super::keymap::Ctx;
use super::popup::FILTER_FIELDS;
use super::scoring::typed;
use super::{Action, App, Backend, Confirmed, InputKind, PickKind, Popup, Screen, Summary};
use crate::domain::rubric::{Indicator, ItemRef};
use crate::storage::StoreError;

impl App {
    /// Carries out one action.
    pub fn apply(&mut self, action: Action, backend: &mut dyn Backend) {
        match action {
            Action::Resize(w, h) => {
                self.size = (w, h);
                let page = self.page();
                let sel = self.list.selected;
                self.list.select(sel, page);
                return;
            }
            Action::TotalsLoaded(batch) => return self.load_totals(batch),
            Action::TotalsFailed(why) => return self.totals_failed(why),
            _ => {}
        }
        if action == Action::Quit && self.ctx() != Ctx::Input {
            self.running = false;
            return;
        }
        let result = match self.ctx() {
            Ctx::Help => {
                self.help_key(action);
                Ok(())
            }
            Ctx::Confirm => self.confirm_key(action, backend),
            Ctx::Input => self.input_key(action, backend),
            Ctx::Picker => self.picker_key(action, backend),
            Ctx::Filter => {
                self.filter_key(action);
                Ok(())
            }
            Ctx::Search => {
                self.search_key(action);
                Ok(())
            }
            Ctx::Accounts | Ctx::Summary => self.list_key(action, backend),
            Ctx::Scoring => self.scoring_key(action, backend),
        };
        if let Err(e) = result {
            tracing::error!("{e}");
            self.error(e.to_string());
        }
    }

    fn help_key(&mut self, action: Action) {
        if let Some(Popup::Help { scroll }) = &mut self.popup {
            match action {
                Action::Down => *scroll += 1,
                Action::Up => *scroll = scroll.saturating_sub(1),
                Action::PageDown => *scroll += 10,
                Action::PageUp => *scroll = scroll.saturating_sub(10),
                Action::Top => *scroll = 0,
                Action::Back | Action::Help => self.popup = None,
                _ => {}
            }
        }
    }

    fn confirm_key(&mut self, action: Action, backend: &mut dyn Backend) -> Result<(), StoreError> {
        let accept = matches!(action, Action::Enter | Action::Yes);
        if !(accept || matches!(action, Action::Back | Action::No)) {
            return Ok(());
        }
        let popup = self.popup.take();
        if let (true, Some(Popup::Confirm { then, .. })) = (accept, popup) {
            match then {
                Confirmed::ClearAccount => self.clear_account(backend)?,
            }
        }
        Ok(())
    }

    fn clear_account(&mut self, backend: &mut dyn Backend) -> Result<(), StoreError> {
        let ids: Vec<String> = match &self.scoring {
            Some(s) => s.entries.keys().cloned().collect(),
            None => return Ok(()),
        };
        for id in ids {
            self.write_entry(backend, &id, None, true)?;
        }
        self.flash = Some(
            self.t(
                "已清除本账号评分（可撤销）",
                "Scores cleared (undo restores)",
            )
            .into(),
        );
        Ok(())
    }

    fn search_key(&mut self, action: Action) {
        match action {
            Action::Type(c) => {
                self.list.query.push(c);
                self.list.narrow(&self.rows);
                return;
            }
            Action::Backspace => {
                self.list.query.pop();
            }
            Action::Enter => self.list.searching = false,
            Action::Back => {
                self.list.searching = false;
                self.list.query.clear();
            }
            _ => return,
        }
        self.list.rebuild(&self.rows);
        let page = self.page();
        self.list.select(self.list.selected, page);
    }

    fn list_key(&mut self, action: Action, backend: &mut dyn Backend) -> Result<(), StoreError> {
        let page = self.page() as isize;
        match action {
            Action::Up => self.list.move_by(-1, page as usize),
            Action::Down => self.list.move_by(1, page as usize),
            Action::PageUp => self.list.move_by(-page, page as usize),
            Action::PageDown => self.list.move_by(page, page as usize),
            Action::Top => self.list.move_by(isize::MIN / 2, page as usize),
            Action::Bottom => self.list.move_by(isize::MAX / 2, page as usize),
            Action::Help => self.popup = Some(Popup::Help { scroll: 0 }),
            Action::StartSearch => self.list.searching = true,
            Action::OpenFilter => self.popup = Some(Popup::Filter { field: 0 }),
            Action::ClearFilters => {
                self.list.filters = Default::default();
                self.list.query.clear();
                self.list.rebuild(&self.rows);
            }
            Action::SortNext => self.sort_next(),
            Action::SortReverse => {
                self.list.desc = !self.list.desc;
                self.list.rebuild(&self.rows);
            }
            Action::ShowSummary => self.toggle_summary(),
            Action::PickRound if self.rounds.len() > 1 => self.pick_round(self.rounds.clone()),
            Action::PickRound => {
                self.flash = Some(self.t("只有一个轮次", "There is only one round").into())
            }
            Action::Enter => {
                if let Some(row) = self.list.selected_row() {
                    self.open_account(row, backend)?;
                }
            }
            _ => {}
        }
        Ok(())
    }

    fn toggle_summary(&mut self) {
        if self.screen == Screen::Summary {
            self.screen = Screen::Accounts;
        } else {
            if self.summary.is_none() {
                self.summary = Some(Summary::of(&self.rows));
            }
            self.screen = Screen::Summary;
        }
    }

    fn sort_next(&mut self) {
        use super::Column;
        self.list.sort = match self.list.sort {
            None => Some(Column::ALL[0]),
            Some(c) => {
                let i = Column::ALL.iter().position(|x| *x == c).unwrap_or(0);
                Column::ALL.get(i + 1).copied()
            }
        };
        self.list.desc = false;
        self.list.rebuild(&self.rows);
        if self.list.sort.is_some_and(|c| c.follows_scores()) {
            self.note_partial();
        }
    }

    fn picker_key(&mut self, action: Action, backend: &mut dyn Backend) -> Result<(), StoreError> {
        let Some(Popup::Pick {
            kind,
            options,
            selected,
        }) = &mut self.popup
        else {
            return Ok(());
        };
        match action {
            Action::Up => *selected = selected.saturating_sub(1),
            Action::Down => *selected = (*selected + 1).min(options.len().saturating_sub(1)),
            Action::Back => self.popup = None,
            Action::Enter => {
                let (kind, choice) = (kind.clone(), options.get(*selected).cloned());
                let sel = *selected;
                self.popup = None;
                match kind {
                    PickKind::Round(ids) => self.reload = ids.get(sel).copied(),
                    PickKind::VetoReason => {
                        if let (Some(reason), Some(mut e)) = (choice, self.current_entry()) {
                            e.veto = Some(reason);
                            e.value = None;
                            e.na = false;
                            let id = e.indicator.clone();
                            self.write_entry(backend, &id, Some(e), true)?;
                        }
                    }
                }
            }
            _ => {}
        }
        Ok(())
    }

    fn input_key(&mut self, action: Action, backend: &mut dyn Backend) -> Result<(), StoreError> {
        if self.popup.is_none() {
            return self.value_key(action, backend);
        }
        let Some(Popup::Input { kind, buf }) = &mut self.popup else {
            return Ok(());
        };
        match action {
            Action::Type(c) => buf.push(c),
            Action::Backspace => {
                buf.pop();
            }
            Action::Back => self.popup = None,
            Action::Enter => {
                let (kind, text) = (*kind, buf.trim().to_string());
                self.popup = None;
                self.finish_input(kind, text, backend)?;
            }
            _ => {}
        }
        Ok(())
    }

    fn finish_input(
        &mut self,
        kind: InputKind,
        text: String,
        backend: &mut dyn Backend,
    ) -> Result<(), StoreError> {
        match kind {
            InputKind::Evaluator if text.is_empty() => self.ask_evaluator(),
            InputKind::Evaluator => {
                self.session.evaluator = text.clone();
                self.named_evaluator = Some(text);
                self.reload = Some(self.session.round_id);
            }
            InputKind::Note | InputKind::Evidence => {
                let Some(mut e) = self.current_entry() else {
                    return Ok(());
                };
                if kind == InputKind::Note {
                    e.note = text;
                } else {
                    e.evidence = text.split_whitespace().map(str::to_string).collect();
                }
                let id = e.indicator.clone();
                self.write_entry(backend, &id, Some(e), true)?;
            }
        }
        Ok(())
    }

    /// Typing a value on the scoring screen.
    fn value_key(&mut self, action: Action, backend: &mut dyn Backend) -> Result<(), StoreError> {
        let items = self.session.rubric.items();
        let Some(s) = self.scoring.as_mut() else {
            return Ok(());
        };
        let Some(spec) = items.get(s.cursor).and_then(typed) else {
            s.input = None;
            return Ok(());
        };
        let buf = s.input.get_or_insert_with(String::new);
        match action {
            Action::Type(c) => {
                let next = format!("{buf}{c}");
                if spec.accepts_prefix(&next) {
                    *buf = next;
                    self.flash = None;
                } else {
                    self.flash = Some(format!(
                        "{} {}–{}",
                        self.lang.pick("超出范围，允许", "out of range; allowed"),
                        spec.min,
                        spec.max
                    ));
                }
            }
            Action::Backspace => {
                buf.pop();
            }
            Action::Back => s.input = None,
            Action::Enter => {
                let text = s.input.take().unwrap_or_default();
                match spec.check(&text) {
                    Ok(v) => self.set_value(v, spec.integer, backend)?,
                    Err(why) => {
                        let msg = self.t("数值无效：", "Invalid value: ");
                        self.flash = Some(format!("{msg}{why}"));
                    }
                }
            }
            _ => {}
        }
        Ok(())
    }

    fn set_value(
        &mut self,
        v: f64,
        count: bool,
        backend: &mut dyn Backend,
    ) -> Result<(), StoreError> {
        let Some(mut e) = self.current_entry() else {
            return Ok(());
        };
        if count {
            e.count = Some(v.round() as u32);
        } else {
            e.value = Some(v);
        }
        e.na = false;
        e.veto = None;
        let id = e.indicator.clone();
        self.write_entry(backend, &id, Some(e), true)
    }

    /// Keys on the scoring screen outside text input.
    fn scoring_key(&mut self, action: Action, backend: &mut dyn Backend) -> Result<(), StoreError> {
        let n = self.session.rubric.items().len();
        let Some(s) = self.scoring.as_mut() else {
            self.screen = Screen::Accounts;
            return Ok(());
        };
        match action {
            Action::Up => s.cursor = s.cursor.saturating_sub(1),
            Action::Down => s.cursor = (s.cursor + 1).min(n.saturating_sub(1)),
            Action::Top => s.cursor = 0,
            Action::Bottom => s.cursor = n.saturating_sub(1),
            Action::PageUp => s.cursor = s.cursor.saturating_sub(10),
            Action::PageDown => s.cursor = (s.cursor + 10).min(n.saturating_sub(1)),
            Action::Back => {
                self.screen = Screen::Accounts;
                self.scoring = None;
            }
            Action::Help => self.popup = Some(Popup::Help { scroll: 0 }),
            Action::Type(_) => {
                s.input = Some(String::new());
                return self.value_key(action, backend);
            }
            Action::NextAccount | Action::PrevAccount => {
                return self.step_account(action == Action::NextAccount, backend);
            }
            other => return self.edit_key(other, backend),
        }
        Ok(())
    }

    fn step_account(&mut self, next: bool, backend: &mut dyn Backend) -> Result<(), StoreError> {
        let page = self.page();
        self.list.move_by(if next { 1 } else { -1 }, page);
        match self.list.selected_row() {
            Some(row) => self.open_account(row, backend),
            None => Ok(()),
        }
    }

    /// Edits of the selected item.
    fn edit_key(&mut self, action: Action, backend: &mut dyn Backend) -> Result<(), StoreError> {
        let items = self.session.rubric.items();
        let (Some(s), Some(mut e)) = (self.scoring.as_ref(), self.current_entry()) else {
            return Ok(());
        };
        let Some(item) = items.get(s.cursor).copied() else {
            return Ok(());
        };
        let id = e.indicator.clone();
        let before = e.clone();
        match (action.clone(), item) {
            (Action::NextLevel, ItemRef::Indicator(_, Indicator::Range(r)))
                if !r.levels.is_empty() =>
            {
                let at = r.levels.iter().position(|l| Some(l.1) == e.value);
                let next = at.map_or(0, |i| (i + 1) % r.levels.len());
                e.value = Some(r.levels[next].1);
                e.na = false;
            }
            (Action::Yes, ItemRef::Indicator(_, Indicator::Check(_))) => e.value = Some(1.0),
            (Action::No, ItemRef::Indicator(_, Indicator::Check(_)) | ItemRef::Veto(_)) => {
                e.value = Some(0.0);
                e.veto = None;
            }
            (Action::Plus, ItemRef::Indicator(_, Indicator::Deduct(_)) | ItemRef::Bonus(_)) => {
                e.count = Some(e.count.unwrap_or(0).saturating_add(1).min(999))
            }
            (Action::Minus, ItemRef::Indicator(_, Indicator::Deduct(_)) | ItemRef::Bonus(_)) => {
                e.count = Some(e.count.unwrap_or(0).saturating_sub(1))
            }
            (Action::Veto, ItemRef::Veto(v)) => {
                self.popup = Some(Popup::Pick {
                    kind: PickKind::VetoReason,
                    options: v.reasons.clone(),
                    selected: 0,
                });
                return Ok(());
            }
            (Action::ToggleNa, _) => e.na = !e.na,
            (Action::ClearItem, _) => return self.write_entry(backend, &id, None, true),
            (Action::ClearAccount, _) => {
                self.popup = Some(Popup::Confirm {
                    text: self
                        .t(
                            "清除本账号的全部评分？（可撤销）",
                            "Clear all scores of this account? (undo restores)",
                        )
                        .into(),
                    then: Confirmed::ClearAccount,
                });
                return Ok(());
            }
            (Action::EditNote, _) => {
                let buf = e.note.clone();
                self.popup = Some(Popup::Input {
                    kind: InputKind::Note,
                    buf,
                });
                return Ok(());
            }
            (Action::EditEvidence, _) => {
                let buf = e.evidence.join(" ");
                self.popup = Some(Popup::Input {
                    kind: InputKind::Evidence,
                    buf,
                });
                return Ok(());
            }
            (Action::Undo | Action::Redo, _) => {
                if !self.undo_redo(backend, action == Action::Redo)? {
                    self.flash = Some(
                        self.t("没有可撤销/重做的修改", "Nothing to undo/redo")
                            .into(),
                    );
                }
                return Ok(());
            }
            (Action::Submit, _) => return self.toggle_submit(backend),
            (a, _) => {
                if matches!(
                    a,
                    Action::Yes
                        | Action::No
                        | Action::Plus
                        | Action::Minus
                        | Action::Veto
                        | Action::NextLevel
                ) {
                    self.flash = Some(
                        self.t("此项不适用该按键", "That key does not apply to this item")
                            .into(),
                    );
                }
                return Ok(());
            }
        }
        if e != before {
            self.write_entry(backend, &id, Some(e), true)?;
        }
        Ok(())
    }

    fn toggle_submit(&mut self, backend: &mut dyn Backend) -> Result<(), StoreError> {
        let Some(s) = self.scoring.as_mut() else {
            return Ok(());
        };
        let on = !s.submitted;
        let account = self.rows[s.row].account.id;
        backend.set_submitted(self.session.round_id, account, &self.session.evaluator, on)?;
        s.submitted = on;
        self.flash = Some(
            self.t(
                if on { "已提交" } else { "已撤回提交" },
                if on { "Submitted" } else { "Reopened" },
            )
            .into(),
        );
        Ok(())
    }

    fn filter_key(&mut self, action: Action) {
        let Some(Popup::Filter { field }) = &mut self.popup else {
            return;
        };
        let f = *field;
        match action {
            Action::Up => *field = field.saturating_sub(1),
            Action::Down => *field = (*field + 1).min(FILTER_FIELDS - 1),
            Action::Back | Action::Enter => self.popup = None,
            Action::FilterNext | Action::FilterPrev => {
                self.cycle_filter(f, action == Action::FilterNext);
                self.list.rebuild(&self.rows);
                if self.list.filters.status.is_some() {
                    self.note_partial();
                }
            }
            Action::ClearFilters => {
                self.list.filters = Default::default();
                self.list.rebuild(&self.rows);
            }
            _ => {}
        }
    }
}
