//! The summary screen computed off the UI thread: at 100k accounts the one aggregation takes
//! well over a frame, so `t` asks the runtime's worker for it (over the shared read-only
//! connection) and the screen says 「汇总计算中」 until it arrives; keys stay live. Without a
//! database file (tests, in-memory stores) it is computed at once, by the same function.
//!
//! A summary is a function of the database's content, the round, the viewer and the language,
//! so one computed under a [`DataStamp`] still holds while the stamp is unchanged: `t` shows
//! again the one left if nothing was committed since (by this TUI or any other connection), and
//! once the summary has been opened in the session the runtime has the worker compute it ahead
//! whenever the TUI is idle (`Action::SummaryAhead`), so that `t` after a change shows it at
//! once too. Any commit moves the stamp, and the next `t` without a summary computed ahead
//! computes afresh. Each summary the worker computes keeps its top step in the database
//! (`storage::summary_tops`), which a `t` under the same stamp shows at once while the whole
//! summary is computed. In a session that has not opened the summary, each idle moment after
//! a change (the first of the session too) makes sure one is kept, holding nothing.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use super::summary::Summary;
use super::{App, Backend, Screen};
use crate::domain::account::Account;
use crate::domain::rubric::Rubric;
use crate::i18n::Lang;
use crate::storage::{DataStamp, StoreError, TopKey};

/// What a summary was computed under, beside the round and viewer (fixed for an `App`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SummaryKey {
    data: DataStamp,
    lang: Lang,
}

/// The summary request and its state (see the module's text).
#[derive(Debug, Clone, Default)]
pub struct SummaryJob {
    /// A database file the worker can read from another thread.
    pub background: bool,
    /// Taken by the runtime, which hands it to the worker.
    pub request: Option<SummaryRequest>,
    /// The screen waits for an answer.
    pub loading: bool,
    /// The summary was opened in this session: from then on it is computed ahead when the TUI
    /// is idle. A user who never opens it pays no memory (≈ 250 MB at 100,000 accounts), only
    /// the work of keeping a top step (0.5 s on the worker at 100k) at the idle moment after
    /// each change that left none kept.
    pub opened: bool,
    /// The request with the worker. The runtime keeps only the latest request's channel, so
    /// the next answer is this one's.
    in_flight: Option<Flight>,
    /// A summary computed ahead of the key that shows it, and its key.
    ready: Option<(SummaryKey, Summary)>,
    /// The key of the summary in `App::summary` (`None`: unknown, never shown again).
    shown: Option<SummaryKey>,
    /// A computation ahead failed: not tried again in this session (it is logged; `t` still
    /// computes and shows any error).
    ahead_failed: bool,
    /// The content under which an idle moment last made sure that a top step is kept (see
    /// [`App::summary_ahead`]): asked again only after the content changes.
    primed: Option<SummaryKey>,
}

/// A request with the worker: made under this key (`None`: unknown), stopped by its `cancel`.
#[derive(Debug, Clone)]
struct Flight {
    key: Option<SummaryKey>,
    cancel: Cancel,
    /// Asked only so that the worker keeps its top step: the answer is not held in memory
    /// unless a `t` waits for it.
    prime: bool,
}

impl SummaryJob {
    /// Whether the runtime should offer the app idle moments to compute the summary (or keep
    /// its top step) ahead: on a database file, nothing with the worker, no error before.
    pub fn wants_ahead(&self) -> bool {
        self.background && self.in_flight.is_none() && !self.ahead_failed
    }
}

/// What the worker aggregates: the round's listed accounts for this viewer.
#[derive(Debug, Clone)]
pub struct SummaryRequest {
    pub round: i64,
    pub rubric: Rubric,
    /// The list's accounts; `None` for the worker, which reads them afresh (as the list was
    /// read: `Store::listed_accounts`) rather than have the key copy 100k of them.
    pub accounts: Option<Vec<Account>>,
    pub evaluator: String,
    pub lang: Lang,
    /// Computed ahead of the key (nobody waits): each level's step is made too, so that no
    /// level waits when first opened. Otherwise only the top step is (see `Summary::top`).
    pub ahead: bool,
    /// Set when a later request supersedes this one.
    pub cancel: Cancel,
}

/// The worker's answer: the summary or an error message.
#[derive(Debug, Clone)]
pub struct SummaryLoad(pub Arc<Result<Summary, String>>);

impl PartialEq for SummaryLoad {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

/// The one aggregation over every evaluator's counted sheets of the round, as this viewer may
/// see them (blind scoring), with the round's panel rules; used on and off the UI thread.
pub fn compute(
    backend: &mut dyn Backend,
    req: SummaryRequest,
    accounts: Vec<Account>,
) -> Result<Summary, StoreError> {
    let input = read(backend, &req, &accounts)?;
    Ok(aggregate(input, &req, accounts))
}

/// What the aggregation reads besides the accounts: the sheets this viewer may see, the scheme
/// and whether the round is a calibration round.
pub struct SummaryInput {
    sheets: Vec<crate::report::SheetResult>,
    scheme: crate::report::Scheme,
    calibration: bool,
}

/// The reading half of [`compute`].
pub fn read(
    backend: &mut dyn Backend,
    req: &SummaryRequest,
    accounts: &[Account],
) -> Result<SummaryInput, StoreError> {
    let round = req.round;
    let mut sheets = backend.round_sheets(round, &req.rubric, accounts)?;
    let me = &req.evaluator;
    if let Some(viewer) = backend.viewer(round, me)? {
        sheets = crate::report::blind::visible_sheets(me, viewer, &sheets);
    }
    let scheme = scheme(backend, round, &req.rubric)?;
    let calibration = backend.is_calibration(round)?;
    Ok(SummaryInput {
        sheets,
        scheme,
        calibration,
    })
}

/// The round's scheme: its rubric under its panel's rules.
fn scheme(
    backend: &dyn Backend,
    round: i64,
    rubric: &Rubric,
) -> Result<crate::report::Scheme, StoreError> {
    let policy = backend.panel_policy(round)?;
    let own = backend.category_methods(round)?;
    Ok(crate::report::Scheme::of(rubric, policy).with_category_methods(&own))
}

/// Keeps the summary's top step in the database under the stamp its figures were read at,
/// for the next TUI's first `t` (see `storage::summary_tops`); a failure is only logged.
pub fn keep_top(db: &std::path::Path, req: &SummaryRequest, stamp: DataStamp, s: &Summary) {
    let Some(body) = s.top_body() else {
        return;
    };
    let version = super::summary::top::version();
    let key = TopKey {
        round: req.round,
        viewer: &req.evaluator,
        lang: req.lang.code(),
        version: &version,
    };
    if let Err(e) = crate::storage::Store::keep_summary_top(db, key, stamp.generation(), &body) {
        tracing::info!("the summary's top step was not kept: {e}");
    }
}

/// The aggregating half of [`compute`].
pub fn aggregate(input: SummaryInput, req: &SummaryRequest, accounts: Vec<Account>) -> Summary {
    let SummaryInput {
        sheets,
        scheme,
        calibration,
    } = input;
    let mut s = if req.ahead {
        Summary::of(&scheme, accounts, &sheets, req.lang)
    } else {
        Summary::top(&scheme, accounts, &sheets, req.lang)
    };
    s.calibration = calibration;
    s
}

/// Set when a request is superseded before its answer: the worker stops at its next step.
#[derive(Debug, Clone, Default)]
pub struct Cancel(Arc<AtomicBool>);

impl Cancel {
    pub fn set(&self) {
        self.0.store(true, Ordering::Relaxed);
    }

    pub fn is_set(&self) -> bool {
        self.0.load(Ordering::Relaxed)
    }
}

impl App {
    /// Opens the summary (or goes back to the list from it). Its figures are those of the
    /// database now: the summary left or computed ahead when nothing was committed since, else
    /// computed afresh (other evaluators' sheets and submissions change too).
    pub(super) fn toggle_summary(&mut self, backend: &mut dyn Backend) -> Result<(), StoreError> {
        if self.screen == Screen::Summary {
            self.screen = Screen::Accounts;
            return Ok(());
        }
        self.screen = Screen::Summary;
        self.summary_job.opened = true;
        let key = self.summary_stamp(backend);
        if key.is_some() {
            if self.summary.is_some() && self.summary_job.shown == key {
                return Ok(());
            }
            if let Some((k, s)) = self.summary_job.ready.take()
                && Some(k) == key
            {
                self.summary = Some(s);
                self.summary_job.shown = key;
                return Ok(());
            }
        }
        self.summary = None;
        self.summary_job.shown = None;
        if self.summary_job.background {
            // One request per key: a second `t` while it computes waits for the same answer.
            if self
                .summary_job
                .in_flight
                .as_ref()
                .is_none_or(|f| f.key != key)
            {
                self.ask_summary(key, false);
            }
            self.summary_job.loading = true;
            // The top step kept under this stamp, if any, shows while the worker computes.
            if key.is_some() {
                self.summary = self.kept_top(backend);
            }
        } else {
            let accounts = self.rows.iter().map(|r| r.account.clone()).collect();
            self.summary = Some(compute(backend, self.summary_request(false), accounts)?);
            // Reading may have brought stale kept rows up to date (a write): stamped after.
            self.summary_job.shown = self.summary_stamp(backend);
        }
        Ok(())
    }

    /// The runtime's idle moment: has the worker compute the summary ahead unless the one
    /// ready or left still holds (see the module's text).
    pub(super) fn summary_ahead(&mut self, backend: &mut dyn Backend) {
        let job = &self.summary_job;
        if !job.wants_ahead() || self.screen == Screen::Summary || self.rows.is_empty() {
            return;
        }
        let Some(key) = self.summary_stamp(backend) else {
            return;
        };
        if !job.opened {
            // Never opened yet: once for each content (the session's first idle moment, then
            // the one after each change), the worker makes sure that a top step is kept, so
            // that the first `t` shows one at once; what it computes is not held (a user who
            // does not look pays no memory).
            if job.primed == Some(key) {
                return;
            }
            self.summary_job.primed = Some(key);
            if self.kept_top(backend).is_none() {
                self.ask_summary(Some(key), false);
                if let Some(f) = self.summary_job.in_flight.as_mut() {
                    f.prime = true;
                }
            }
            return;
        }
        let left = self.summary.is_some() && job.shown == Some(key);
        if left || job.ready.as_ref().is_some_and(|(k, _)| *k == key) {
            return;
        }
        // What is kept no longer holds: freed before the new one is made, not beside it.
        self.summary = None;
        self.summary_job.shown = None;
        self.summary_job.ready = None;
        self.ask_summary(Some(key), true);
    }

    /// Hands the worker a request (through the runtime), superseding the one with it.
    fn ask_summary(&mut self, key: Option<SummaryKey>, ahead: bool) {
        if let Some(old) = self.summary_job.in_flight.take() {
            old.cancel.set();
        }
        let req = self.summary_request(ahead);
        self.summary_job.in_flight = Some(Flight {
            key,
            cancel: req.cancel.clone(),
            prime: false,
        });
        self.summary_job.request = Some(req);
    }

    /// The top step kept in the database under the stamp now, as a partial summary.
    fn kept_top(&self, backend: &dyn Backend) -> Option<Summary> {
        let round = self.session.round_id;
        let body = backend.summary_top(round, &self.session.evaluator, self.lang)?;
        let scheme = scheme(backend, round, &self.session.rubric)
            .inspect_err(|e| tracing::warn!("no scheme for the kept summary top: {e}"))
            .ok()?;
        Summary::from_top(scheme, &body, self.lang)
    }

    fn summary_stamp(&self, backend: &dyn Backend) -> Option<SummaryKey> {
        backend.data_stamp().map(|data| SummaryKey {
            data,
            lang: self.lang,
        })
    }

    fn summary_request(&self, ahead: bool) -> SummaryRequest {
        SummaryRequest {
            ahead,
            cancel: Cancel::default(),
            round: self.session.round_id,
            rubric: self.session.rubric.clone(),
            accounts: None,
            evaluator: self.session.evaluator.clone(),
            lang: self.lang,
        }
    }

    /// The worker's summary arrived: shown if the screen waits for it, else kept for the next
    /// `t` when its key is known; an error is a popup only for a user who waits.
    pub(super) fn summary_loaded(&mut self, load: SummaryLoad) {
        let flight = self.summary_job.in_flight.take();
        let key = flight.as_ref().and_then(|f| f.key);
        let asked = std::mem::take(&mut self.summary_job.loading);
        let waiting = asked && self.screen == Screen::Summary;
        let prime = flight.is_some_and(|f| f.prime);
        match Arc::try_unwrap(load.0).unwrap_or_else(|a| (*a).clone()) {
            // The worker has kept its top step; nobody asked to see it.
            Ok(_) if prime && !asked => {}
            Ok(mut s) if waiting => {
                // Replacing the kept top step: the same line stays selected.
                if let Some(top) = self.summary.as_ref().filter(|t| t.partial) {
                    s.selected = top.selected.min(s.lines.len().saturating_sub(1));
                    if top.overall != s.overall || top.lines != s.lines {
                        // Kept under this very content by this version: only a hand edit (or
                        // a fault) makes them differ. The user saw those figures; say so.
                        tracing::warn!("the kept summary top differs from the summary computed");
                        self.flash = Some(
                            self.lang
                                .pick(
                                    "保存的汇总首屏与重新计算的不符，已改正",
                                    "the kept summary top differed from the recomputed one: corrected",
                                )
                                .to_string(),
                        );
                    }
                }
                self.summary = Some(s);
                self.summary_job.shown = key;
            }
            Ok(s) => self.summary_job.ready = key.map(|k| (k, s)),
            Err(why) if asked => {
                if waiting {
                    self.screen = Screen::Accounts;
                }
                self.error(why);
            }
            Err(why) => {
                tracing::warn!("the summary computed ahead failed: {why}");
                self.summary_job.ahead_failed = true;
            }
        }
    }
}
