//! TUI state: the loaded round, the cached account rows, the screens and popups. `App` changes
//! only through `apply(Action)`; `ui` renders `&App`; `runtime` owns the terminal.

pub mod action;
mod busy;
pub mod data;
mod filter;
pub mod keymap;
pub mod layout;
pub mod list;
pub mod mem_backend;
pub mod mouse;
pub mod ops;
pub mod popup;
pub mod reconcile;
pub mod rectify;
mod rectify_record;
pub mod row;
pub mod scoring;
pub mod search;
mod sheet;
mod start;
pub mod summary;
pub mod summary_job;
pub mod text_field;
pub mod text_orders;
pub mod totals;
mod update;
mod update_ops;
mod update_rectify;
mod update_scoring;
pub mod worker;

use std::collections::{BTreeMap, HashMap};

pub use action::Action;
pub use data::Backend;
pub use keymap::Ctx;
pub use list::{Column, Filters, ListView, Row};
pub use mem_backend::MemBackend;
pub use popup::{Confirmed, InputKind, PickKind, Popup};
pub use reconcile::Reconcile;
pub use scoring::{Edit, GateState, Scoring, Step};
pub use start::{Start, round_label};
pub use summary::Summary;
pub use totals::{Loading, SheetScorer, Totals};

use crate::domain::account::Account;
use crate::domain::engine::Outcome;
use crate::domain::entry::Entry;
use crate::domain::platform::{Level, Platform};
use crate::domain::rubric::Rubric;
use crate::i18n::Lang;
use crate::storage::StoreError;

/// Scores one evaluator's entries (the engine's `score_totals`: the TUI shows no derivation).
pub type Scorer = fn(&Rubric, Platform, Level, &[Entry]) -> Outcome;

/// What the app is working on.
#[derive(Debug, Clone)]
pub struct Session {
    pub round_id: i64,
    pub round_name: String,
    pub rubric: Rubric,
    pub evaluator: String,
    pub db_label: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    Accounts,
    Scoring,
    Summary,
    /// The chair's reconciliation of the round's disagreement queue.
    Reconcile,
    Ops,
    /// The round's findings and their 整改 status.
    Rectify,
}

/// The whole TUI state.
#[derive(Clone)]
pub struct App {
    pub lang: Lang,
    pub session: Session,
    pub scorer: Scorer,
    pub rows: Vec<Row>,
    /// Account id → index in `rows`.
    pub by_id: HashMap<i64, usize>,
    pub list: ListView,
    pub screen: Screen,
    pub scoring: Option<Scoring>,
    pub summary: Option<Summary>,
    pub reconcile: Option<Reconcile>,
    pub ops: Option<ops::OpsView>,
    /// The operations report computed off the UI thread (see [`ops::OpsJob`]).
    pub ops_job: ops::OpsJob,
    pub rectify: Option<rectify::RectifyView>,
    /// The summary computed off the UI thread (see [`summary_job::SummaryJob`]).
    pub summary_job: summary_job::SummaryJob,
    pub popup: Option<Popup>,
    /// Undo/redo stacks per account id, kept while the app runs: each step is what one key
    /// changed (one item; every item for "clear the account").
    pub history: HashMap<i64, (Vec<Step>, Vec<Step>)>,
    /// Terminal size as last reported.
    pub size: (u16, u16),
    pub running: bool,
    /// A short note in the status bar (the last thing that happened).
    pub flash: Option<String>,
    /// Set when the runtime must reload: another round, or the evaluator was just named.
    pub reload: Option<i64>,
    /// Set when the evaluator typed their name (the runtime saves it to the config).
    pub named_evaluator: Option<String>,
    /// The round picker is due once the name prompt is answered (several rounds, none chosen).
    pub pick_after_name: bool,
    /// Rounds that can be switched to, by id; the picker reads their progress when it opens
    /// (at 100k accounts counting an evaluator's finished sheets takes ~0.1 s).
    pub rounds: Vec<i64>,
    /// Evaluator names already in the database (offered when the name is not known).
    pub known_evaluators: Vec<String>,
    /// False under NO_COLOR: the UI then uses modifiers only.
    pub color: bool,
    /// Set while totals are still being computed after the first frame.
    pub loading: Option<Loading>,
    /// Writes waiting for another program's lock on the database, oldest first.
    pub waiting: Vec<busy::Waiting>,
}

impl App {
    /// Builds the app for a round, scoring every account from the stored entries before it
    /// returns (tests, benchmarks, in-memory stores).
    pub fn new(
        lang: Lang,
        session: Session,
        accounts: Vec<Account>,
        backend: &dyn Backend,
        scorer: Scorer,
    ) -> Result<App, StoreError> {
        let mut grouped: BTreeMap<i64, Vec<Entry>> = BTreeMap::new();
        backend.each_entry(session.round_id, &session.evaluator, &mut |id, e| {
            grouped.entry(id).or_default().push(e)
        })?;
        let mut app = App::pending(lang, session, accounts, scorer);
        let mut s = SheetScorer::new(&app.session.rubric, scorer, app.kinds());
        for (id, es) in &grouped {
            s.sheet(*id, es);
        }
        s.finish();
        let batch = s.take();
        app.load_totals(batch);
        app.warm_up();
        app.mark_submitted(
            &backend.submitted_accounts(app.session.round_id, &app.session.evaluator)?,
        );
        Ok(app)
    }

    /// Starts preparing search and the free-text sort orders on a background thread (one copy
    /// of the texts here). The runtime calls it right after the first frame (it is not needed
    /// for that frame); without it the first search or sort builds what it needs in place.
    pub fn warm_up(&mut self) {
        self.list.text_orders = text_orders::TextOrders::start(&self.rows);
    }

    /// Marks the sheets the evaluator has submitted (read once when the round is loaded).
    pub fn mark_submitted(&mut self, ids: &[i64]) {
        for id in ids {
            if let Some(&i) = self.by_id.get(id) {
                self.rows[i].submitted = true;
            }
        }
        // Submission changes sheet states, not progress or totals: their orders stay.
        let kept = std::mem::take(&mut self.list.score_orders);
        self.list.scores_changed();
        self.list.score_orders = kept;
    }

    /// Builds the app for a round with every result still unknown: the first frame needs only
    /// the accounts. Results arrive later through `Action::TotalsLoaded`.
    pub fn pending(lang: Lang, session: Session, accounts: Vec<Account>, scorer: Scorer) -> App {
        let rows: Vec<Row> = accounts.into_iter().map(Row::pending).collect();
        let by_id = rows
            .iter()
            .enumerate()
            .map(|(i, r)| (r.account.id, i))
            .collect();
        let mut list = ListView::default();
        list.rebuild(&rows);
        let loading = (!rows.is_empty()).then_some(Loading {
            done: 0,
            total: rows.len(),
            failed: None,
        });
        App {
            lang,
            session,
            scorer,
            rows,
            by_id,
            list,
            screen: Screen::Accounts,
            scoring: None,
            summary: None,
            reconcile: None,
            ops: None,
            ops_job: ops::OpsJob::default(),
            rectify: None,
            summary_job: summary_job::SummaryJob::default(),
            popup: None,
            history: HashMap::new(),
            size: (80, 24),
            running: true,
            flash: None,
            reload: None,
            named_evaluator: None,
            pick_after_name: false,
            rounds: Vec::new(),
            known_evaluators: Vec::new(),
            color: true,
            loading,
            waiting: Vec::new(),
        }
    }

    /// (id, platform, level) of every account: what scoring needs besides the entries.
    pub fn kinds(&self) -> Vec<(i64, Platform, Level)> {
        self.rows
            .iter()
            .map(|r| (r.account.id, r.account.platform, r.account.level))
            .collect()
    }

    /// Where keys go now.
    pub fn ctx(&self) -> Ctx {
        match &self.popup {
            Some(Popup::Help { .. }) => Ctx::Help,
            Some(Popup::Message { .. } | Popup::Confirm { .. }) => Ctx::Confirm,
            Some(Popup::Input { .. }) => Ctx::Input,
            Some(Popup::Pick { .. }) => Ctx::Picker,
            Some(Popup::Filter { .. }) => Ctx::Filter,
            None => match self.screen {
                Screen::Accounts if self.list.searching => Ctx::Search,
                Screen::Accounts => Ctx::Accounts,
                Screen::Scoring if self.scoring.as_ref().is_some_and(|s| s.input.is_some()) => {
                    Ctx::Input
                }
                Screen::Scoring => Ctx::Scoring,
                Screen::Summary => Ctx::Summary,
                Screen::Reconcile => Ctx::Reconcile,
                Screen::Ops => Ctx::Ops,
                Screen::Rectify => Ctx::Rectify,
            },
        }
    }

    /// Rows of the account table that fit on screen (title, filter line, header, status bar).
    pub fn page(&self) -> usize {
        usize::from(self.size.1.saturating_sub(3 + self.bar_lines())).max(1)
    }

    /// Lines of the status bar on the current screen: as many as its keys take at this width,
    /// at most two (one on a terminal under 12 rows, which keeps its rows for the screen).
    pub fn bar_lines(&self) -> u16 {
        let lines = keymap::bar(self.ctx(), self.lang, usize::from(self.size.0)).len();
        let most = if self.size.1 < 12 { 1 } else { 2 };
        u16::try_from(lines.min(most)).unwrap_or(1).max(1)
    }

    /// Shows an error in a popup.
    pub fn error(&mut self, text: impl Into<String>) {
        self.popup = Some(Popup::Message {
            text: text.into(),
            error: true,
        });
    }

    pub fn t(&self, zh: &'static str, en: &'static str) -> &'static str {
        self.lang.pick(zh, en)
    }

    /// Opens the round picker over the current screen.
    pub fn pick_round(&mut self, rounds: Vec<(i64, String)>) {
        let selected = rounds
            .iter()
            .position(|r| r.0 == self.session.round_id)
            .unwrap_or(0);
        let (ids, names): (Vec<i64>, Vec<String>) = rounds.into_iter().unzip();
        self.popup = Some(Popup::Pick {
            kind: PickKind::Round(ids),
            options: names,
            selected,
        });
    }

    /// Asks for the evaluator's name.
    pub fn ask_evaluator(&mut self) {
        self.popup = Some(Popup::Input {
            kind: InputKind::Evaluator,
            buf: Default::default(),
        });
    }
}
