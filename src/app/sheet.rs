//! The sheet as a unit of work: submitting it (refused while items are missing, naming them),
//! the lock on a submitted sheet (an edit asks to reopen it first), moving to the next unscored
//! item after a judgement, and to the next account with work left.

use super::{Action, App, Backend, Confirmed, Popup};
use crate::domain::engine::ItemState;
use crate::storage::StoreError;

/// Names listed in the "not complete" message before it says "…".
const NAMED: usize = 5;

/// True for the actions that change the open sheet (or open an editor that would).
pub fn is_edit(a: &Action) -> bool {
    matches!(
        a,
        Action::Type(_)
            | Action::NextLevel
            | Action::Yes
            | Action::No
            | Action::Plus
            | Action::Minus
            | Action::Veto
            | Action::ToggleNa
            | Action::ClearItem
            | Action::ClearAccount
            | Action::EditNote
            | Action::EditEvidence
            | Action::Undo
            | Action::Redo
    )
}

impl App {
    /// Indices (in `rubric.items()`) of the applicable items of the open sheet that have no
    /// judgement yet, in rubric order.
    pub fn unscored(&self) -> Vec<usize> {
        let Some(s) = self.scoring.as_ref() else {
            return Vec::new();
        };
        let items = self.session.rubric.items();
        let missing: Vec<&str> = (s.outcome.items.iter())
            .filter(|r| r.state == ItemState::Missing)
            .map(|r| r.id.as_str())
            .collect();
        (0..items.len())
            .filter(|&i| missing.contains(&items[i].common().id.as_str()))
            .collect()
    }

    /// Moves the cursor to the next unscored item after it (wrapping round); says so when the
    /// sheet has none left.
    pub fn advance(&mut self) {
        let todo = self.unscored();
        let Some(s) = self.scoring.as_mut() else {
            return;
        };
        let next = (todo.iter().find(|&&i| i > s.cursor)).or_else(|| todo.first());
        match next {
            Some(&i) => s.cursor = i,
            None => {
                let msg = self.t(
                    "本账号已全部评完，按 S 提交",
                    "Every item is scored: S submits the sheet",
                );
                self.flash = Some(msg.into());
            }
        }
    }

    /// Asks whether to reopen the submitted sheet before an edit.
    pub(super) fn ask_reopen(&mut self) {
        let text = self.t(
            "本账号已提交，不能直接修改。重新打开以修改？（记入修改历史）",
            "This sheet is submitted and locked. Reopen it to edit? (kept in the history)",
        );
        self.popup = Some(Popup::Confirm {
            text: text.into(),
            then: Confirmed::Reopen,
        });
    }

    /// `S`: asks before submitting a complete sheet (or one a veto settles), refuses an
    /// incomplete one (naming what is missing and moving to it), and asks before reopening a
    /// submitted one.
    pub(super) fn toggle_submit(&mut self) {
        let Some(s) = self.scoring.as_ref() else {
            return;
        };
        if s.submitted {
            return self.ask_reopen();
        }
        if s.outcome.complete {
            let unscored = match s.outcome.left_by_veto() {
                true => s.outcome.applicable - s.outcome.scored,
                false => 0,
            };
            let name = &self.rows[s.row].account.name;
            self.popup = Some(Popup::Confirm {
                text: crate::i18n::msg::confirm_submit(self.lang, name, unscored),
                then: Confirmed::Submit,
            });
            return;
        }
        let todo = self.unscored();
        if let Some(&first) = todo.first() {
            let items = self.session.rubric.items();
            let mut names: Vec<&str> = (todo.iter().take(NAMED))
                .map(|&i| items[i].common().name.as_str())
                .collect();
            if todo.len() > NAMED {
                names.push("…");
            }
            let (head, sep) = match self.lang {
                crate::i18n::Lang::Zh => (
                    format!("未评完，不能提交：还有 {} 项未评：", todo.len()),
                    "、",
                ),
                crate::i18n::Lang::En => (
                    format!(
                        "Not complete, not submitted: {} items still unscored: ",
                        todo.len()
                    ),
                    ", ",
                ),
            };
            let fix = self.t(
                "。请评完这些项；若单项否决成立，在否决项上按 v 记下否决即可提交",
                ". Score them; if a single veto applies, recording it with v is enough to submit",
            );
            self.error(format!("{head}{}{fix}", names.join(sep)));
            if let Some(s) = self.scoring.as_mut() {
                s.cursor = first;
            }
        }
    }

    /// After a veto hit is recorded: says that it settles the sheet when items are left.
    pub(super) fn veto_recorded(&mut self) {
        if self
            .scoring
            .as_ref()
            .is_some_and(|s| s.outcome.left_by_veto())
        {
            let msg = self.t(
                "单项否决成立：其余项可不再评，按 S 提交",
                "The veto settles the sheet: the other items may stay unscored; S submits",
            );
            self.flash = Some(msg.into());
        }
    }

    /// Records the sheet as submitted or reopened (a history row either way) and updates the
    /// list's sheet column.
    pub(super) fn set_submitted(
        &mut self,
        on: bool,
        backend: &mut dyn Backend,
    ) -> Result<(), StoreError> {
        let Some(s) = self.scoring.as_mut() else {
            return Ok(());
        };
        let row = s.row;
        let account = self.rows[row].account.id;
        backend.set_submitted(self.session.round_id, account, &self.session.evaluator, on)?;
        s.submitted = on;
        self.rows[row].submitted = on;
        self.list.scores_changed();
        self.summary = None;
        let msg = if on {
            self.t("已提交；修改前需重新打开", "Submitted; reopen it to edit")
        } else {
            self.t(
                "已重新打开，可以修改（已记入历史）",
                "Reopened for editing (kept in the history)",
            )
        };
        self.flash = Some(msg.into());
        Ok(())
    }

    /// Whether the row's sheet still needs work from the current evaluator (unknown counts).
    fn has_work(&self, row: usize) -> bool {
        let r = &self.rows[row];
        !r.submitted && (r.pending || !r.complete)
    }

    /// `}`: the next account in the list, after the selected one, with work left; opened when
    /// scoring, selected in the list.
    pub(super) fn next_open_account(
        &mut self,
        backend: &mut dyn Backend,
    ) -> Result<(), StoreError> {
        let from = self.list.selected + 1;
        let found =
            (from..self.list.view.len()).find(|&i| self.has_work(self.list.view[i] as usize));
        let Some(at) = found else {
            let msg = self.t(
                "后面没有待评的账号了",
                "No account after this one has work left",
            );
            self.flash = Some(msg.into());
            return Ok(());
        };
        let page = self.page();
        self.list.select(at, page);
        if self.scoring.is_some() {
            let row = self.list.view[at] as usize;
            self.open_account(row, backend)?;
        }
        Ok(())
    }
}
