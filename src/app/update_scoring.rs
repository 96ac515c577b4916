//! Applying actions on the scoring screen: typed values, levels, counts, vetoes, N/A, notes and
//! links, undo/redo, submission, and moving between accounts. Every edit is saved at once.

use super::scoring::typed;
use super::text_field::TextField;
use super::{Action, App, Backend, Confirmed, InputKind, PickKind, Popup, Screen};
use crate::domain::rubric::{Indicator, ItemRef};
use crate::storage::StoreError;

impl App {
    pub(super) fn input_key(
        &mut self,
        action: Action,
        backend: &mut dyn Backend,
    ) -> Result<(), StoreError> {
        if self.popup.is_none() {
            return self.value_key(action, backend);
        }
        let Some(Popup::Input { kind, buf }) = &mut self.popup else {
            return Ok(());
        };
        if buf.edit(&action) {
            return Ok(());
        }
        match action {
            // Without a name nothing can be scored: leaving the prompt leaves the app.
            Action::Back if *kind == InputKind::Evaluator => self.running = false,
            Action::Back => self.popup = None,
            Action::Enter => {
                let (kind, text) = (*kind, buf.text().trim().to_string());
                self.popup = None;
                self.finish_input(kind, text, backend)?;
            }
            _ => {}
        }
        Ok(())
    }

    pub(super) fn finish_input(
        &mut self,
        kind: InputKind,
        text: String,
        backend: &mut dyn Backend,
    ) -> Result<(), StoreError> {
        match kind {
            InputKind::Evaluator if text.is_empty() => {
                self.ask_evaluator();
                self.flash = Some(self.t("姓名不能为空", "The name cannot be empty").into());
            }
            InputKind::Evaluator => {
                self.flash = None;
                self.session.evaluator = text.clone();
                self.named_evaluator = Some(text);
                self.reload = Some(self.session.round_id);
            }
            InputKind::ConsensusValue => self.consensus_value(text),
            InputKind::Rationale => self.consensus_rationale(text, backend)?,
            InputKind::RectifyNote
            | InputKind::RectifyEvidence
            | InputKind::RecheckNote
            | InputKind::RecheckEvidence => self.record_input(kind, text, backend)?,
            InputKind::Note | InputKind::Evidence => {
                let Some(mut e) = self.current_entry() else {
                    return Ok(());
                };
                if kind == InputKind::Note {
                    e.note = text;
                } else {
                    e.evidence = crate::domain::evidence::parse(&text);
                }
                let id = e.indicator.clone();
                self.write_entry(backend, &id, Some(e), true)?;
            }
        }
        Ok(())
    }

    /// Typing a value on the scoring screen.
    pub(super) fn value_key(
        &mut self,
        action: Action,
        backend: &mut dyn Backend,
    ) -> Result<(), StoreError> {
        let items = self.session.rubric.items();
        let Some(s) = self.scoring.as_mut() else {
            return Ok(());
        };
        let Some(spec) = items.get(s.cursor).and_then(typed) else {
            s.input = None;
            return Ok(());
        };
        let buf = s.input.get_or_insert_with(Default::default);
        match action {
            Action::Type(c) => {
                if spec.accepts_prefix(&buf.with(c)) {
                    buf.insert(c);
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
            Action::Back => s.input = None,
            Action::Enter => {
                let text = s.input.take().unwrap_or_default().into_text();
                match spec.check(&text) {
                    Ok(v) => {
                        self.set_value(v, spec.integer, backend)?;
                        self.advance();
                    }
                    Err(why) => {
                        let msg = self.t("数值无效：", "Invalid value: ");
                        self.flash = Some(format!("{msg}{why}"));
                    }
                }
            }
            // Backspace, Delete and the cursor keys; a removal may leave any prefix.
            other => {
                buf.edit(&other);
            }
        }
        Ok(())
    }

    pub(super) fn set_value(
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
    pub(super) fn scoring_key(
        &mut self,
        action: Action,
        backend: &mut dyn Backend,
    ) -> Result<(), StoreError> {
        let n = self.session.rubric.items().len();
        let Some(s) = self.scoring.as_mut() else {
            self.screen = Screen::Accounts;
            return Ok(());
        };
        if s.submitted && super::sheet::is_edit(&action) {
            self.ask_reopen();
            return Ok(());
        }
        match action {
            Action::Up => s.cursor = s.cursor.saturating_sub(1),
            Action::Down => s.cursor = (s.cursor + 1).min(n.saturating_sub(1)),
            Action::Top => s.cursor = 0,
            Action::Select(i) => s.cursor = i.min(n.saturating_sub(1)),
            Action::Bottom => s.cursor = n.saturating_sub(1),
            Action::PageUp => s.cursor = s.cursor.saturating_sub(10),
            Action::PageDown => s.cursor = (s.cursor + 10).min(n.saturating_sub(1)),
            Action::Back => {
                self.screen = Screen::Accounts;
                self.scoring = None;
            }
            Action::Help => self.popup = Some(Popup::Help { scroll: 0 }),
            Action::Type(c) => return self.typed_key(c, backend),
            Action::NextAccount | Action::PrevAccount => {
                return self.step_account(action == Action::NextAccount, backend);
            }
            Action::NextUnscored => self.advance(),
            Action::NextOpenAccount => return self.next_open_account(backend),
            other => return self.edit_key(other, backend),
        }
        Ok(())
    }

    /// A digit or dot on the scoring screen: the start of a value, or on a yes/no item `1`/`0`
    /// for yes/no (as `score set` accepts).
    fn typed_key(&mut self, c: char, backend: &mut dyn Backend) -> Result<(), StoreError> {
        let items = self.session.rubric.items();
        let Some(s) = self.scoring.as_mut() else {
            return Ok(());
        };
        match items.get(s.cursor) {
            Some(ItemRef::Indicator(_, Indicator::Check(_))) | Some(ItemRef::Veto(_))
                if c == '0' =>
            {
                self.edit_key(Action::No, backend)
            }
            Some(ItemRef::Indicator(_, Indicator::Check(_))) if c == '1' => {
                self.edit_key(Action::Yes, backend)
            }
            Some(ItemRef::Indicator(_, Indicator::Check(_))) => {
                let msg = self.t(
                    "是/否项：1 或 y 为是，0 或 n 为否",
                    "Yes/no item: 1 or y is yes, 0 or n is no",
                );
                self.flash = Some(msg.into());
                Ok(())
            }
            _ => {
                s.input = Some(Default::default());
                self.value_key(Action::Type(c), backend)
            }
        }
    }

    pub(super) fn step_account(
        &mut self,
        next: bool,
        backend: &mut dyn Backend,
    ) -> Result<(), StoreError> {
        let page = self.page();
        let last = self.list.view.len().saturating_sub(1);
        if (next && self.list.selected >= last) || (!next && self.list.selected == 0) {
            let msg = if next {
                self.t("已是最后一个账号", "This is the last account in the list")
            } else {
                self.t("已是第一个账号", "This is the first account in the list")
            };
            self.flash = Some(msg.into());
            return Ok(());
        }
        self.list.move_by(if next { 1 } else { -1 }, page);
        match self.list.selected_row() {
            Some(row) => self.open_account(row, backend),
            None => Ok(()),
        }
    }

    /// Edits of the selected item.
    pub(super) fn edit_key(
        &mut self,
        action: Action,
        backend: &mut dyn Backend,
    ) -> Result<(), StoreError> {
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
                self.popup = Some(Popup::Pick {
                    kind: PickKind::Level(r.levels.iter().map(|l| l.1).collect()),
                    options: (r.levels.iter())
                        .map(|(n, v)| {
                            format!("{n}  {}", crate::domain::engine::explain::fmt_num(*v))
                        })
                        .collect(),
                    selected: at.unwrap_or(0),
                });
                return Ok(());
            }
            (Action::NextLevel, ItemRef::Indicator(_, Indicator::Range(r))) => {
                let msg = format!(
                    "{} {}–{}",
                    self.t(
                        "此项没有档次，请直接输入分值",
                        "This item has no levels; type a value"
                    ),
                    crate::domain::engine::explain::fmt_num(r.min),
                    crate::domain::engine::explain::fmt_num(r.max)
                );
                self.flash = Some(msg);
                return Ok(());
            }
            (Action::Yes, ItemRef::Indicator(_, Indicator::Check(_))) => {
                e.value = Some(1.0);
                e.na = false;
            }
            (Action::No, ItemRef::Indicator(_, Indicator::Check(_)) | ItemRef::Veto(_)) => {
                e.value = Some(0.0);
                e.veto = None;
                e.na = false;
            }
            // No instances: nothing deducted (or no bonus earned).
            (Action::No, ItemRef::Indicator(_, Indicator::Deduct(_)) | ItemRef::Bonus(_)) => {
                e.count = Some(0);
                e.na = false;
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
            (Action::ClearItem, _) => return self.change_entry(backend, &id, None),
            (Action::ClearAccount, _) => {
                let s = self.scoring.as_ref().map(|s| (s.row, s.entries.len()));
                let Some((row, n)) = s.filter(|s| s.1 > 0) else {
                    let msg = self.t("本账号还没有评分", "Nothing is scored on this account yet");
                    self.flash = Some(msg.into());
                    return Ok(());
                };
                let name = &self.rows[row].account.name;
                self.popup = Some(Popup::Confirm {
                    text: crate::i18n::msg::confirm_clear_account(self.lang, name, n),
                    then: Confirmed::ClearAccount,
                });
                return Ok(());
            }
            (Action::EditNote, _) => {
                let buf = TextField::new(e.note.clone());
                self.popup = Some(Popup::Input {
                    kind: InputKind::Note,
                    buf,
                });
                return Ok(());
            }
            (Action::OverrideAuto, _) => {
                if !self.scoring.as_ref().is_some_and(|s| s.is_auto(&id)) {
                    self.flash = Some(
                        self.t(
                            "此项不是自动值（用 assay ops auto 填入）",
                            "This item is not an automatic value (placed by assay ops auto)",
                        )
                        .into(),
                    );
                    return Ok(());
                }
                let buf = TextField::new(self.t("覆盖自动值，理由：", "Override, reason: "));
                self.popup = Some(Popup::Input {
                    kind: InputKind::Note,
                    buf,
                });
                return Ok(());
            }
            (Action::EditEvidence, _) => {
                let buf = TextField::new(crate::domain::evidence::join(&e.evidence));
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
            (Action::Submit, _) => {
                self.toggle_submit();
                return Ok(());
            }
            (Action::Enter, _) => {
                self.advance();
                return Ok(());
            }
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
            self.change_entry(backend, &id, Some(e))?;
        }
        if matches!(action, Action::Yes | Action::No) && self.popup.is_none() {
            self.advance();
        }
        Ok(())
    }
}
