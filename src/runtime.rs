//! The only code that touches the terminal: ratatui init/restore (with its panic hook that
//! restores the terminal first), the event loop (key presses only), and loading a round from
//! the store into an `App`.

use anyhow::Context;
use crossterm::event::{self, Event};

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

/// Builds the app for one round and evaluator.
pub fn load(
    store: &Store,
    opts: &TuiOptions,
    round_id: i64,
    evaluator: &str,
) -> anyhow::Result<App> {
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
    let mut app = App::new(opts.lang, session, accounts, store, engine::score_totals)?;
    app.rounds = store
        .rounds()?
        .into_iter()
        .map(|r| (r.id, r.name))
        .collect();
    app.color = std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    Ok(app)
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
    let mut app = load(&store, &opts, first, evaluator.as_deref().unwrap_or(""))?;
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
        loop {
            terminal.draw(|f| crate::ui::render(f, &app))?;
            if !app.running {
                return Ok(());
            }
            match event::read()? {
                Event::Key(k) if k.is_press() => {
                    if let Some(a) = keymap::resolve(app.ctx(), k) {
                        app.apply(a, &mut store);
                    }
                }
                Event::Resize(w, h) => app.apply(Action::Resize(w, h), &mut store),
                _ => {}
            }
            if let Some(id) = app.reload.take() {
                app = reload(&store, &opts, &mut config, app, id)?;
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
) -> anyhow::Result<App> {
    let mut app = load(store, opts, round, &old.session.evaluator)?;
    app.size = old.size;
    if let Some(name) = old.named_evaluator {
        config.evaluator = Some(name);
        if let Err(e) = config.save() {
            tracing::warn!("{e}");
            app.error(e.to_string());
        }
    }
    Ok(app)
}
