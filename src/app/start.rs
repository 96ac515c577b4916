//! How the TUI starts: which round opens first, whether the evaluator is asked for a name, and
//! when the round picker appears. Pure decisions; the runtime loads rounds and saves the config.

use super::{App, Backend, PickKind, Popup};
use crate::i18n::Lang;
use crate::storage::{RoundProgress, StoreError};

/// A round as the round picker lists it: name, monitoring date, the evaluator's progress (sheets
/// completed or submitted out of the round's accounts, so the account count too, and the
/// submitted ones apart) and the rubric (last: the first to be cut on a narrow screen).
pub fn round_label(p: &RoundProgress, lang: Lang) -> String {
    let r = &p.round;
    let (done, all, sent) = (p.done(), p.accounts, p.submitted);
    match lang {
        Lang::Zh => format!(
            "{} · {} · 已完成 {done}/{all}（已提交 {sent}）· 细则 {} v{}",
            r.name, r.monitoring_date, r.rubric_id, r.rubric_version
        ),
        Lang::En => format!(
            "{} · {} · {done}/{all} done ({sent} submitted) · rubric {} v{}",
            r.name, r.monitoring_date, r.rubric_id, r.rubric_version
        ),
    }
}

/// The plan for the first screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Start {
    /// The round loaded first.
    pub round: i64,
    /// No evaluator name is known yet: ask for one before anything else.
    pub ask_evaluator: bool,
    /// Several rounds and none chosen on the command line: offer the picker.
    pub pick_round: bool,
}

impl Start {
    /// Plans the start from the round asked for (if any), the evaluator known from the command
    /// line or the config (blank counts as unknown) and the ids of every round. `None` when
    /// there is no round at all.
    pub fn plan(round: Option<i64>, evaluator: Option<&str>, rounds: &[i64]) -> Option<Start> {
        let newest = rounds.iter().copied().max()?;
        Some(Start {
            round: round.unwrap_or(newest),
            ask_evaluator: evaluator.is_none_or(|e| e.trim().is_empty()),
            pick_round: round.is_none() && rounds.len() > 1,
        })
    }
}

impl App {
    /// Opens the first popup of a start: the name prompt (the round picker then waits for the
    /// reload that follows the name), else the round picker when it is due.
    pub fn begin(&mut self, start: Start, backend: &dyn Backend) -> Result<(), StoreError> {
        if start.ask_evaluator {
            self.ask_evaluator_among();
            self.pick_after_name = start.pick_round;
        } else if start.pick_round {
            self.open_round_picker(backend)?;
        }
        Ok(())
    }

    /// The round picker, each round labelled with the evaluator's progress as it is now.
    pub fn open_round_picker(&mut self, backend: &dyn Backend) -> Result<(), StoreError> {
        let progress = backend.round_progress(&self.session.evaluator)?;
        let rounds = progress
            .iter()
            .filter(|p| self.rounds.contains(&p.round.id))
            .map(|p| (p.round.id, round_label(p, self.lang)))
            .collect();
        self.pick_round(rounds);
        Ok(())
    }

    /// Asks who is scoring: a list of the names this database already knows (plus "a new
    /// name"), or the name prompt when it knows none.
    pub fn ask_evaluator_among(&mut self) {
        if self.known_evaluators.is_empty() {
            return self.ask_evaluator();
        }
        let mut options = self.known_evaluators.clone();
        options.push(self.t("（输入新的姓名）", "(type a new name)").into());
        self.popup = Some(Popup::Pick {
            kind: PickKind::Evaluator,
            options,
            selected: 0,
        });
    }

    /// Takes over from the app this one replaces after a reload (another round, or the name just
    /// typed): keeps the terminal size and opens the round picker if it is still due. Returns
    /// the evaluator name just typed, which the runtime saves to the config.
    pub fn take_over(
        &mut self,
        old: App,
        backend: &dyn Backend,
    ) -> Result<Option<String>, StoreError> {
        let (w, h) = old.size;
        self.size = (w, h);
        let page = self.page();
        self.list.select(self.list.selected, page);
        if old.pick_after_name && self.rounds.len() > 1 {
            self.open_round_picker(backend)?;
        }
        Ok(old.named_evaluator)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plans_the_name_prompt_and_the_picker() {
        let one = Start::plan(None, Some("张三"), &[3]).expect("a round");
        assert_eq!(
            (one.round, one.ask_evaluator, one.pick_round),
            (3, false, false)
        );
        let many = Start::plan(None, None, &[1, 4, 2]).expect("rounds");
        assert_eq!(
            (many.round, many.ask_evaluator, many.pick_round),
            (4, true, true)
        );
        let chosen = Start::plan(Some(2), Some("  "), &[1, 4, 2]).expect("rounds");
        assert_eq!(
            (chosen.round, chosen.ask_evaluator, chosen.pick_round),
            (2, true, false)
        );
        assert_eq!(Start::plan(None, Some("张三"), &[]), None);
    }
}
