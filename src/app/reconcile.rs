//! The chair's reconciliation screen: the round's open disagreement queue (the same queue as
//! `assay panel queue`), each item with every evaluator's value, note and evidence; the chair
//! types the consensus value (or veto decision) and a rationale, recorded through the same
//! storage write as `assay panel reconcile`. The queue shrinks as items are reconciled.

use super::{Action, App, Backend, InputKind, Popup, Screen};
use crate::domain::entry::Entry;
use crate::domain::panel::{Disagreement, QueueRule, Why};
use crate::domain::rubric::{Indicator, ItemRef};
use crate::i18n::Lang;
use crate::storage::{Consensus, ConsensusRow, StoreError, account_label};

/// State of the reconciliation screen.
#[derive(Debug, Clone, PartialEq)]
pub struct Reconcile {
    /// Open items, in queue order.
    pub items: Vec<Disagreement>,
    /// Items already reconciled in this round.
    pub reconciled: usize,
    pub selected: usize,
    /// The consensus entry typed, waiting for its rationale.
    pub pending: Option<Entry>,
    /// The consensus values recorded, the latest per item, newest first: who agreed what, when.
    pub agreed: Vec<ConsensusRow>,
    /// Showing the agreed values (`Tab`) instead of the open queue.
    pub showing_agreed: bool,
}

impl Reconcile {
    pub fn current(&self) -> Option<&Disagreement> {
        match self.showing_agreed {
            true => None,
            false => self.items.get(self.selected),
        }
    }

    /// The selected agreed value, on the agreed list.
    pub fn current_agreed(&self) -> Option<&ConsensusRow> {
        match self.showing_agreed {
            true => self.agreed.get(self.selected),
            false => None,
        }
    }

    /// Lines of the list shown.
    pub fn len(&self) -> usize {
        match self.showing_agreed {
            true => self.agreed.len(),
            false => self.items.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// The latest consensus of each (account, indicator), newest first.
fn latest(rows: Vec<ConsensusRow>) -> Vec<ConsensusRow> {
    let mut seen = std::collections::HashSet::new();
    let mut out: Vec<ConsensusRow> = (rows.into_iter().rev())
        .filter(|c| seen.insert((c.account_id, c.indicator.clone())))
        .collect();
    out.shrink_to_fit();
    out
}

impl App {
    /// Opens the queue for the chair; anyone else is told why not.
    pub(super) fn open_reconcile(&mut self, backend: &mut dyn Backend) -> Result<(), StoreError> {
        let who = self.session.evaluator.clone();
        if !backend.is_chair(self.session.round_id, &who)? {
            let text = match self.lang {
                Lang::Zh => format!(
                    "只有本轮评估组的组长可以协调分歧；「{who}」不是组长。组长可用 assay panel member --round {} --evaluator 姓名 --role chair 指定",
                    self.session.round_name
                ),
                Lang::En => format!(
                    "only the chair of the round's panel reconciles disagreements; \"{who}\" is not the chair. Name one with assay panel member --round {} --evaluator NAME --role chair",
                    self.session.round_name
                ),
            };
            self.popup = Some(Popup::Message { text, error: true });
            return Ok(());
        }
        self.reconcile = Some(self.load_reconcile(backend, 0)?);
        self.screen = Screen::Reconcile;
        Ok(())
    }

    fn load_reconcile(
        &self,
        backend: &mut dyn Backend,
        selected: usize,
    ) -> Result<Reconcile, StoreError> {
        let accounts: Vec<_> = self.rows.iter().map(|r| r.account.clone()).collect();
        let (items, reconciled) = backend.open_queue(
            self.session.round_id,
            &self.session.rubric,
            &accounts,
            &QueueRule::default(),
        )?;
        let selected = selected.min(items.len().saturating_sub(1));
        let agreed = latest(backend.consensus_rows(self.session.round_id)?);
        Ok(Reconcile {
            items,
            reconciled,
            selected,
            pending: None,
            agreed,
            showing_agreed: false,
        })
    }

    /// An account of the round as people name it, from the queue's `platform:name` label:
    /// 「莲都发布（微信）」.
    pub fn account_shown(&self, label: &str) -> String {
        match self
            .rows
            .iter()
            .find(|r| account_label(&r.account) == label)
        {
            Some(r) => self.account_name(r.account.id),
            None => label.to_string(),
        }
    }

    /// An account of the round by id, as people name it: 「莲都发布（微信）」.
    pub fn account_name(&self, id: i64) -> String {
        let Some(&i) = self.by_id.get(&id) else {
            return format!("#{id}");
        };
        let a = &self.rows[i].account;
        let p = self.lang.pick(a.platform.label_zh(), a.platform.label_en());
        match self.lang {
            Lang::Zh => format!("{}（{p}）", a.name),
            Lang::En => format!("{} ({p})", a.name),
        }
    }

    /// An item of the round's rubric by its name (its id when the rubric lacks it).
    pub fn item_name(&self, id: &str) -> String {
        (self.session.rubric.item(id)).map_or(id.to_string(), |i| i.common().name.clone())
    }

    /// An agreed value in words, with its rationale.
    pub fn agreed_text(&self, c: &ConsensusRow) -> String {
        let clean = matches!(
            self.session.rubric.item(&c.indicator),
            Some(ItemRef::Veto(_))
        );
        let v = &c.consensus;
        crate::domain::entry_words::agreed(v.veto.as_deref(), v.count, v.value, clean, self.lang)
    }

    pub(super) fn reconcile_key(
        &mut self,
        action: Action,
        _backend: &mut dyn Backend,
    ) -> Result<(), StoreError> {
        let Some(r) = self.reconcile.as_mut() else {
            self.screen = Screen::Accounts;
            return Ok(());
        };
        let last = r.len().saturating_sub(1);
        match action {
            Action::Up => r.selected = r.selected.saturating_sub(1),
            Action::Down => r.selected = (r.selected + 1).min(last),
            Action::PageUp => r.selected = r.selected.saturating_sub(10),
            Action::PageDown => r.selected = (r.selected + 10).min(last),
            Action::Top => r.selected = 0,
            Action::Bottom => r.selected = last,
            Action::ShowAgreed => {
                r.showing_agreed = !r.showing_agreed;
                r.selected = 0;
            }
            Action::Help => self.popup = Some(Popup::Help { scroll: 0 }),
            Action::Back | Action::Reconcile => {
                self.screen = Screen::Accounts;
                self.reconcile = None;
            }
            Action::Enter if r.current().is_some() => {
                self.popup = Some(Popup::Input {
                    kind: InputKind::ConsensusValue,
                    buf: Default::default(),
                });
            }
            _ => {}
        }
        Ok(())
    }

    /// The consensus value typed: checked against the item like any entry, then the rationale.
    pub(super) fn consensus_value(&mut self, text: String) {
        let Some(d) = self.reconcile.as_ref().and_then(|r| r.current()) else {
            return;
        };
        let Some(item) = self.session.rubric.item(&d.item.indicator) else {
            return;
        };
        let mut e = Entry::new(&d.item.indicator);
        let clean = matches!(text.as_str(), "0" | "n" | "N");
        match item {
            ItemRef::Veto(_) if clean => e.value = Some(0.0),
            ItemRef::Veto(_) => e.veto = Some(text.clone()),
            // Deductions and bonuses are agreed as a number of instances, like their entries.
            ItemRef::Indicator(_, Indicator::Deduct(_)) | ItemRef::Bonus(_) => {
                e.count = text.trim().parse::<u32>().ok();
            }
            _ => e.value = text.parse::<f64>().ok().filter(|v| v.is_finite()),
        }
        if e.value.is_none() && e.veto.is_none() && e.count.is_none() {
            let msg = match self.lang {
                Lang::Zh => format!("「{text}」不是数值：请输入协调后的分值"),
                Lang::En => format!("\"{text}\" is not a number: type the agreed value"),
            };
            self.error(msg);
            return;
        }
        if let Err(err) = e.check(item) {
            let msg = crate::error_chain::render(&anyhow::Error::new(err), self.lang);
            self.error(msg);
            return;
        }
        if let Some(r) = self.reconcile.as_mut() {
            r.pending = Some(e);
        }
        self.popup = Some(Popup::Input {
            kind: InputKind::Rationale,
            buf: Default::default(),
        });
    }

    /// The rationale typed: records the consensus and reloads the queue.
    pub(super) fn consensus_rationale(
        &mut self,
        text: String,
        backend: &mut dyn Backend,
    ) -> Result<(), StoreError> {
        let Some(r) = self.reconcile.as_mut() else {
            return Ok(());
        };
        if text.is_empty() {
            self.popup = Some(Popup::Input {
                kind: InputKind::Rationale,
                buf: Default::default(),
            });
            self.flash = Some(
                self.t("请写明协调理由", "Give the rationale for the consensus")
                    .into(),
            );
            return Ok(());
        }
        let (Some(e), Some(d)) = (r.pending.take(), r.current().cloned()) else {
            return Ok(());
        };
        let Some(account) = self
            .rows
            .iter()
            .find(|row| account_label(&row.account) == d.item.account)
            .map(|row| row.account.id)
        else {
            return Ok(());
        };
        let c = Consensus {
            value: e.value,
            count: e.count,
            veto: e.veto,
            rationale: text,
        };
        let chair = self.session.evaluator.clone();
        let round = self.session.round_id;
        backend.record_consensus(round, account, &chair, &d.item.indicator, &c)?;
        let selected = r.selected;
        self.reconcile = Some(self.load_reconcile(backend, selected)?);
        let (who, what) = (
            self.account_shown(&d.item.account),
            self.item_name(&d.item.indicator),
        );
        self.flash = Some(match self.lang {
            Lang::Zh => format!("已记录 {who} {what} 的协调结果"),
            Lang::En => format!("Consensus recorded for {who} {what}"),
        });
        Ok(())
    }
}

/// Why an item is queued, in words.
pub fn why_text(why: &[Why], lang: Lang) -> String {
    why.iter()
        .map(|w| match (w, lang) {
            (Why::Spread { range, limit }, Lang::Zh) => {
                format!("极差 {range} > {limit}")
            }
            (Why::Spread { range, limit }, Lang::En) => {
                format!("range {range} > {limit}")
            }
            (Why::Sd { sd, limit }, Lang::Zh) => format!("标准差 {sd} > {limit}"),
            (Why::Sd { sd, limit }, Lang::En) => format!("SD {sd} > {limit}"),
            (Why::SplitVeto { hits, of }, Lang::Zh) => format!("否决分歧 {hits}/{of}"),
            (Why::SplitVeto { hits, of }, Lang::En) => format!("split veto {hits}/{of}"),
        })
        .collect::<Vec<_>>()
        .join(lang.pick("；", "; "))
}

/// A number with at most two decimals, without trailing zeros.
pub fn n(x: f64) -> String {
    crate::domain::figure::dec(x).text()
}
