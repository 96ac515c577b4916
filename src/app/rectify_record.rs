//! Recording on the findings screen: `m` asks for the unit's 整改说明 then its evidence
//! (optional); `c` asks what a re-check found (已整改 / 部分整改 / 未整改), its remarks and its
//! evidence (required), and records it once confirmed. Both go through the backend's one write
//! with the checks of `assay rectify record|recheck` (a published round, a note, evidence, an
//! evaluator of the database), dated today; the screen's rows are read again at once. A refusal
//! is an error popup.

use super::rectify::Draft;
use super::{App, Backend, Confirmed, InputKind, PickKind, Popup};
use crate::domain::rectify::{Recheck, Status};
use crate::i18n::rectify_msg;
use crate::i18n::rectify_tui_msg as m;
use crate::report::rectify::status_label;
use crate::report::rectify_record::{RecordError, Refusal};
use crate::storage::{Rectification, StoreError};

/// The re-check results in the order offered.
const RESULTS: [Recheck; 3] = [Recheck::Rectified, Recheck::Partial, Recheck::NotRectified];

impl App {
    /// `m` (report) or `c` (re-check) on the selected finding: the first prompt, or why not.
    pub(super) fn start_record(&mut self, recheck: bool) {
        let Some(v) = self.rectify.as_mut() else {
            return;
        };
        if v.current().is_none() {
            self.flash = Some(m::no_finding(self.lang).into());
            return;
        }
        if !v.published {
            let round = self.session.round_name.clone();
            return self.error(rectify_msg::unpublished(self.lang, &round));
        }
        v.draft = Some(Draft::default());
        self.popup = Some(match recheck {
            false => input(InputKind::RectifyNote),
            true => Popup::Pick {
                kind: PickKind::RecheckResult(RESULTS.to_vec()),
                options: (RESULTS.iter())
                    .map(|r| status_label(Status::Checked(*r), self.lang).to_string())
                    .collect(),
                selected: 0,
            },
        });
    }

    /// The re-check result chosen: its remarks next.
    pub(super) fn recheck_picked(&mut self, result: Option<Recheck>) {
        if let (Some(d), Some(r)) = (self.draft_mut(), result) {
            d.result = Some(r);
            self.popup = Some(input(InputKind::RecheckNote));
        }
    }

    /// A prompt of the record answered (`text` trimmed).
    pub(super) fn record_input(
        &mut self,
        kind: InputKind,
        text: String,
        backend: &mut dyn Backend,
    ) -> Result<(), StoreError> {
        let lang = self.lang;
        let Some(d) = self.draft_mut() else {
            return Ok(());
        };
        match kind {
            InputKind::RectifyNote if text.is_empty() => self.error(m::empty_note(lang)),
            InputKind::RectifyNote | InputKind::RecheckNote => {
                d.note = text;
                let next = match kind {
                    InputKind::RectifyNote => InputKind::RectifyEvidence,
                    _ => InputKind::RecheckEvidence,
                };
                self.popup = Some(input(next));
            }
            InputKind::RectifyEvidence => {
                d.evidence = crate::domain::evidence::parse(&text);
                return self.write_record(backend);
            }
            _ => {
                d.evidence = crate::domain::evidence::parse(&text);
                if d.evidence.is_empty() {
                    self.error(m::recheck_needs_evidence(lang));
                } else {
                    self.confirm_recheck();
                }
            }
        }
        Ok(())
    }

    /// Asks before recording the drafted re-check, saying all it will state.
    fn confirm_recheck(&mut self) {
        let Some(r) = self.drafted() else {
            return;
        };
        let what = self.finding_words(r.account_id, &r.item);
        let result = r
            .result
            .map(|x| status_label(Status::Checked(x), self.lang));
        let day = r.day.to_string();
        let c = m::Checked {
            note: &r.note,
            evidence: &r.evidence,
            by: &r.by,
            day: &day,
        };
        let text = m::confirm_recheck(self.lang, &what, result.unwrap_or_default(), &c);
        self.popup = Some(Popup::Confirm {
            text,
            then: Confirmed::Recheck,
        });
    }

    /// Writes the drafted record, reads the rows again and says what was recorded.
    pub(super) fn write_record(&mut self, backend: &mut dyn Backend) -> Result<(), StoreError> {
        let Some(r) = self.drafted() else {
            return Ok(());
        };
        if let Some(v) = self.rectify.as_mut() {
            v.draft = None;
        }
        let id = match backend.add_rectification(self.session.round_id, &r) {
            Ok(id) => id,
            Err(RecordError::Refused(why)) => {
                self.refused(&why);
                return Ok(());
            }
            Err(RecordError::Store(e)) => return Err(e),
        };
        let on = chrono::Local::now().date_naive();
        let rows = backend.rectify_rows(self.session.round_id, on)?;
        if let (Some((rows, _)), Some(v)) = (rows, self.rectify.as_mut()) {
            v.reload(rows, on, Some((r.account_id, &r.item)));
        }
        let what = match r.result {
            None => rectify_msg::reported_words(self.lang).to_string(),
            Some(x) => status_label(Status::Checked(x), self.lang).to_string(),
        };
        let (account, item) = (self.account_name(r.account_id), self.item_name(&r.item));
        self.flash = Some(rectify_msg::recorded(self.lang, id, &account, &item, &what));
        Ok(())
    }

    /// A refusal of the checks, in the screen's words.
    fn refused(&mut self, why: &Refusal) {
        let lang = self.lang;
        let text = match why {
            Refusal::Unpublished { round } => rectify_msg::unpublished(lang, round),
            Refusal::EmptyNote => m::empty_note(lang).to_string(),
            Refusal::NoEvidence => m::recheck_needs_evidence(lang).to_string(),
            Refusal::NoChecker => m::unknown_checker(lang, "", &[]),
            Refusal::UnknownEvaluator { name, known } => m::unknown_checker(lang, name, known),
        };
        self.error(text);
    }

    fn draft_mut(&mut self) -> Option<&mut Draft> {
        self.rectify.as_mut()?.draft.as_mut()
    }

    /// The record drafted for the selected finding, as it would be written: dated today (local
    /// time, as `assay rectify` dates it), by the account's host unit (a report) or by the
    /// evaluator using the TUI (a re-check).
    pub fn drafted(&self) -> Option<Rectification> {
        let v = self.rectify.as_ref()?;
        let (t, d) = (v.current()?, v.draft.as_ref()?);
        Some(Rectification {
            id: 0,
            account_id: t.account.id,
            item: t.finding.item.clone(),
            result: d.result,
            note: d.note.clone(),
            evidence: d.evidence.clone(),
            by: match d.result {
                None => t.account.unit.clone(),
                Some(_) => self.session.evaluator.clone(),
            },
            day: chrono::Local::now().date_naive(),
            at: String::new(),
        })
    }

    /// 「东坑发布（微信）」内容不更新: the finding a record is about.
    pub fn finding_words(&self, account: i64, item: &str) -> String {
        format!("{} {}", self.account_name(account), self.item_name(item))
    }
}

fn input(kind: InputKind) -> Popup {
    Popup::Input {
        kind,
        buf: Default::default(),
    }
}
