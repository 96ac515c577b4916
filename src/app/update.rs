//! Applying actions: one dispatch on the current context, small handlers per screen. Storage
//! errors become error popups; nothing here panics on user input.

use ratatui::layout::Rect;

use super::keymap::{self, Ctx};
use super::layout;
use super::popup::FILTER_FIELDS;
use super::{Action, App, Backend, Confirmed, InputKind, PickKind, Popup};
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
            Action::OpsLoaded(load) => return self.ops_loaded(load),
            Action::SummaryLoaded(load) => return self.summary_loaded(load),
            Action::RetryWrites => return self.retry_writes(backend),
            Action::SummaryAhead => return self.summary_ahead(backend),
            _ => {}
        }
        if action == Action::Quit {
            self.running = false;
            return;
        }
        // A status-bar message answers the key before; the next key clears it.
        self.flash = None;
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
            Ctx::Accounts => self.list_key(action, backend),
            Ctx::Summary => self.summary_key(action, backend),
            Ctx::Ops => {
                self.ops_key(action);
                Ok(())
            }
            Ctx::Rectify => {
                self.rectify_key(action);
                Ok(())
            }
            Ctx::Scoring => self.scoring_key(action, backend),
            Ctx::Reconcile => self.reconcile_key(action, backend),
        };
        if let Err(e) = result {
            tracing::error!("{e}");
            self.error(crate::error_chain::for_tui(&e, self.lang));
        }
    }

    fn help_key(&mut self, action: Action) {
        // The help box shows its lines inside a border; scrolling stops at the last full page.
        let shown = layout::help(Rect::new(0, 0, self.size.0, self.size.1)).height;
        let last = keymap::help_len().saturating_sub(usize::from(shown.saturating_sub(2)));
        if let Some(Popup::Help { scroll }) = &mut self.popup {
            match action {
                Action::Down => *scroll = (*scroll + 1).min(last),
                Action::Up => *scroll = scroll.saturating_sub(1),
                Action::PageDown => *scroll = (*scroll + 10).min(last),
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
                Confirmed::Reopen => self.set_submitted(false, backend)?,
                Confirmed::Submit => self.set_submitted(true, backend)?,
                Confirmed::Write { indicator, entry } => {
                    self.write_entry(backend, &indicator, entry, true)?;
                }
                Confirmed::Recheck => self.write_record(backend)?,
            }
        }
        Ok(())
    }

    /// Clears every entry of the open account as one step of the history: one `u` restores
    /// them all (item by item undo stays for everything else).
    fn clear_account(&mut self, backend: &mut dyn Backend) -> Result<(), StoreError> {
        let ids: Vec<String> = match &self.scoring {
            Some(s) => s.entries.keys().cloned().collect(),
            None => return Ok(()),
        };
        let mut step = Vec::new();
        for id in ids {
            step.extend(self.store_entry(backend, &id, None)?);
        }
        self.record_step(step);
        self.flash = Some(
            self.t(
                "已清空本账号评分（按 u 一次恢复）",
                "Scores cleared (u restores them all)",
            )
            .into(),
        );
        Ok(())
    }

    fn search_key(&mut self, action: Action) {
        let end = self.list.query.split().1.is_empty();
        match action {
            // Typed at the end the query only grows: only rows shown can still match.
            Action::Type(c) if end => {
                self.list.query.insert(c);
                self.list.narrow(&self.rows);
                return;
            }
            Action::CursorLeft | Action::CursorRight | Action::CursorStart | Action::CursorEnd => {
                self.list.query.edit(&action);
                return;
            }
            Action::Type(_) | Action::Backspace | Action::DeleteForward => {
                self.list.query.edit(&action);
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
        if let Some(d) = action.motion(page) {
            self.list.move_by(d, page as usize);
            return Ok(());
        }
        match action {
            Action::Select(i) => self.list.select(i, page as usize),
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
            Action::ShowSummary => self.toggle_summary(backend)?,
            Action::Reconcile => self.open_reconcile(backend)?,
            Action::ShowOps => self.show_ops(backend)?,
            Action::ShowRectify => self.show_rectify(backend)?,
            Action::PickRound if self.rounds.len() > 1 => self.open_round_picker(backend)?,
            Action::PickRound => {
                self.flash = Some(self.t("只有一个轮次", "There is only one round").into())
            }
            Action::Enter => {
                if let Some(row) = self.list.selected_row() {
                    self.open_account(row, backend)?;
                }
            }
            Action::NextOpenAccount => self.next_open_account(backend)?,
            _ => {}
        }
        Ok(())
    }

    fn summary_key(&mut self, action: Action, backend: &mut dyn Backend) -> Result<(), StoreError> {
        let page = self.page() as isize;
        let Some(s) = self.summary.as_mut() else {
            if self.summary_job.loading {
                // Nothing to move in yet: Esc goes back to the list, `t` toggles as ever.
                use Action::*;
                match action {
                    Back => self.screen = super::Screen::Accounts,
                    Up | Down | PageUp | PageDown | Top | Bottom | Enter => {}
                    other => return self.list_key(other, backend),
                }
                return Ok(());
            }
            return self.list_key(action, backend);
        };
        if let Some(d) = action.motion(page) {
            s.move_by(d);
            return Ok(());
        }
        match action {
            Action::Enter => {
                if s.partial {
                    // The kept top step is shown; the accounts' results are still computing.
                    self.flash = Some(
                        self.lang
                            .pick(
                                "明细仍在计算，稍候即可下钻",
                                "the details are still computing; drill down in a moment",
                            )
                            .to_string(),
                    );
                } else {
                    s.drill();
                }
            }
            Action::Back => {
                s.up();
            }
            other => return self.list_key(other, backend),
        }
        Ok(())
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
        let last = options.len().saturating_sub(1);
        match action {
            Action::Up => *selected = selected.saturating_sub(1),
            Action::Down => *selected = (*selected + 1).min(last),
            Action::PageUp => *selected = selected.saturating_sub(10),
            Action::PageDown => *selected = (*selected + 10).min(last),
            Action::Top => *selected = 0,
            Action::Bottom => *selected = last,
            Action::Select(i) => *selected = i.min(last),
            // Without a name nothing can be scored: leaving the choice leaves the app.
            Action::Back if *kind == PickKind::Evaluator => self.running = false,
            Action::Back => self.popup = None,
            Action::Enter => {
                let (kind, choice) = (kind.clone(), options.get(*selected).cloned());
                let sel = *selected;
                self.popup = None;
                match kind {
                    PickKind::Round(ids) => self.reload = ids.get(sel).copied(),
                    PickKind::RecheckResult(results) => {
                        self.recheck_picked(results.get(sel).copied())
                    }
                    PickKind::Evaluator => match self.known_evaluators.get(sel).cloned() {
                        Some(name) => self.finish_input(InputKind::Evaluator, name, backend)?,
                        None => self.ask_evaluator(),
                    },
                    PickKind::Level(values) => {
                        if let (Some(&v), Some(mut e)) = (values.get(sel), self.current_entry()) {
                            e.value = Some(v);
                            e.na = false;
                            let id = e.indicator.clone();
                            self.write_entry(backend, &id, Some(e), true)?;
                            self.advance();
                        }
                    }
                    PickKind::VetoReason => {
                        if let (Some(reason), Some(mut e)) = (choice, self.current_entry()) {
                            e.veto = Some(reason);
                            e.value = None;
                            e.na = false;
                            let id = e.indicator.clone();
                            self.change_entry(backend, &id, Some(e))?;
                            if self.popup.is_none() {
                                self.veto_recorded();
                            }
                        }
                    }
                }
            }
            _ => {}
        }
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
                if self.list.filters.status.is_some() || self.list.filters.sheet.is_some() {
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
