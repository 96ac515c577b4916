//! The only code that touches the terminal: ratatui init/restore (with its panic hook that
//! restores the terminal first), the event loop (key presses, plus the background totals drained
//! between them), and loading a round from the store into an `App`.

use std::time::Duration;

use anyhow::Context;
use crossterm::event::{self, Event};

use crate::app::worker::{self, Feed, Job};
use crate::app::{Action, App, Session, keymap};
use crate::config::Config;
use crate::domain::engine;
use crate::domain::rubric::Rubric;
use crate::i18n::Lang;
use crate::storage::{Round, Store};

/// How the CLI starts the TUI.
#[derive(Debug, Clone)]
pub struct TuiOptions {
    pub lang: Lang,
    /// `None`: from the config file, else asked once and saved.
    pub evaluator: Option<String>,
    /// `None`: the newest round, with a picker when there are several.
    pub round: Option<i64>,
    /// What the title bar calls the database (a file name, or "demo").
    pub db_label: String,
}

/// Parses a round's pinned rubric text.
pub fn parse_rubric(round: &Round) -> anyhow::Result<Rubric> {
    crate::domain::rubric::parse(&round.rubric_text, &format!("round «{}»", round.name))
        .with_context(|| format!("the rubric pinned to round «{}» does not parse", round.name))
}

/// How long the event loop waits for a key before it looks for background results.
const POLL: Duration = Duration::from_millis(30);

/// Builds the app for one round and evaluator from the accounts alone, and starts the worker
/// that computes the totals (`None` for an in-memory store: scored here, before returning).
pub fn load(
    store: &Store,
    opts: &TuiOptions,
    round_id: i64,
    evaluator: &str,
) -> anyhow::Result<(App, Option<Feed>)> {
    let round = store.round(&round_id.to_string())?;
    let rubric = parse_rubric(&round)?;
    let accounts = store.round_accounts(round.id)?;
    let session = Session {
        round_id: round.id,
        round_name: round.name.clone(),
        rubric,
        evaluator: evaluator.to_string(),
        db_label: opts.db_label.clone(),
    };
    let scorer = engine::score_totals;
    let in_memory = store.path().as_os_str() == ":memory:";
    let (mut app, feed) = if in_memory {
        (App::new(opts.lang, session, accounts, store, scorer)?, None)
    } else {
        let app = App::pending(opts.lang, session, accounts, scorer);
        let job = Job {
            db: store.path().to_path_buf(),
            round: round.id,
            evaluator: evaluator.to_string(),
            rubric: app.session.rubric.clone(),
            scorer,
            accounts: app.kinds(),
        };
        let feed = worker::spawn(job).context("could not start the background totals")?;
        (app, Some(feed))
    };
    app.rounds = store
        .rounds()?
        .into_iter()
        .map(|r| (r.id, r.name))
        .collect();
    app.color = std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    Ok((app, feed))
}

/// Runs the TUI until the user quits. The terminal is restored on every exit path.
pub fn run(mut store: Store, opts: TuiOptions) -> anyhow::Result<()> {
    let log = crate::logging::init();
    tracing::info!("tui start, log at {log:?}");
    let (mut config, config_err) = match Config::load() {
        Ok(c) => (c, None),
        Err(e) => (Config::default(), Some(e.to_string())),
    };
    let evaluator = opts.evaluator.clone().or_else(|| config.evaluator.clone());
    let rounds = store.rounds()?;
    let newest = rounds
        .iter()
        .map(|r| r.id)
        .max()
        .context("the database has no rounds yet; create one first (assay round create …)")?;
    let first = opts.round.unwrap_or(newest);
    let (mut app, mut feed) = load(&store, &opts, first, evaluator.as_deref().unwrap_or(""))?;
    let mut want_picker = opts.round.is_none() && rounds.len() > 1;
    if evaluator.is_none() {
        app.ask_evaluator();
    } else if want_picker {
        app.pick_round(app.rounds.clone());
        want_picker = false;
    }
    if let Some(e) = config_err {
        app.error(e);
    }
    let mut terminal = ratatui::init();
    let result = (|| -> anyhow::Result<()> {
        let size = terminal.size()?;
        app.apply(Action::Resize(size.width, size.height), &mut store);
        let mut dirty = true;
        loop {
            if dirty {
                terminal.draw(|f| crate::ui::render(f, &app))?;
            }
            if !app.running {
                return Ok(());
            }
            // While totals arrive, wait for a key only briefly; otherwise block until one comes.
            dirty = feed.is_none() || event::poll(POLL)?;
            if dirty {
                match event::read()? {
                    Event::Key(k) if k.is_press() => {
                        if let Some(a) = keymap::resolve(app.ctx(), k) {
                            app.apply(a, &mut store);
                        }
                    }
                    Event::Resize(w, h) => app.apply(Action::Resize(w, h), &mut store),
                    _ => {}
                }
            }
            if let Some(f) = feed.as_mut() {
                dirty |= f.drain(&mut app, &mut store);
                if f.done() {
                    feed = None;
                }
            }
            if let Some(id) = app.reload.take() {
                (app, feed) = reload(&store, &opts, &mut config, app, id)?;
                dirty = true;
                if want_picker {
                    app.pick_round(app.rounds.clone());
                    want_picker = false;
                }
            }
        }
    })();
    ratatui::restore();
    result
}

/// Reloads for another round (or a newly named evaluator), keeping size and saving the name.
fn reload(
    store: &Store,
    opts: &TuiOptions,
    config: &mut Config,
    old: App,
    round: i64,
) -> anyhow::Result<(App, Option<Feed>)> {
    let (mut app, feed) = load(store, opts, round, &old.session.evaluator)?;
    app.size = old.size;
    if let Some(name) = old.named_evaluator {
        config.evaluator = Some(name);
        if let Err(e) = config.save() {
            tracing::warn!("{e}");
            app.error(e.to_string());
        }
    }
    Ok((app, feed))
}
