//! The only code that touches the terminal: ratatui init/restore plus mouse capture (with panic
//! hooks that restore the terminal first), the event loop (keys and mouse events resolved to
//! actions, plus the background totals drained between them), loading a round from the store
//! into an `App`, and saving a newly typed evaluator name to the config.

use std::path::Path;
use std::time::Duration;

use anyhow::Context;
use crossterm::event::{self, DisableMouseCapture, EnableMouseCapture, Event};
use ratatui::DefaultTerminal;

use crate::app::worker::{self, Feed, Job};
use crate::app::{Action, App, Session, Start, keymap, mouse};
use crate::config::{Config, ConfigError};
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

/// How long the TUI waits without a key before it has the summary computed ahead (and, once
/// it is, how often it looks whether a commit made it stale).
const AHEAD: Duration = Duration::from_millis(300);

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
    let accounts = store.listed_accounts(round.id, evaluator, crate::storage::read_parts())?;
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
        // Started by the first drain, after the first frame.
        (app, Some(worker::deferred(job)))
    };
    app.mark_submitted(&store.submitted_accounts(round.id, evaluator)?);
    app.rounds = store.rounds()?.iter().map(|r| r.id).collect();
    app.known_evaluators = store.evaluator_names()?;
    app.color = std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    app.ops_job.background = !in_memory;
    app.summary_job.background = !in_memory;
    Ok((app, feed))
}

/// Opens the TUI's first app: the round asked for (else the newest), with the name prompt when
/// neither the command line nor the config (`config_evaluator`) names the evaluator, and the
/// round picker when several rounds are open and none was asked for.
pub fn open(
    store: &Store,
    opts: &TuiOptions,
    config_evaluator: Option<String>,
) -> anyhow::Result<(App, Option<Feed>)> {
    let evaluator = opts
        .evaluator
        .clone()
        .or(config_evaluator)
        .filter(|e| !e.trim().is_empty());
    let ids: Vec<i64> = store.rounds()?.iter().map(|r| r.id).collect();
    let start = Start::plan(opts.round, evaluator.as_deref(), &ids)
        .with_context(|| crate::i18n::compare_msg::no_rounds(opts.lang, None))?;
    let (mut app, feed) = load(store, opts, start.round, evaluator.as_deref().unwrap_or(""))?;
    app.begin(start, store)?;
    Ok((app, feed))
}

/// Reloads for another round (or a newly named evaluator), keeping the size, and saves a newly
/// typed name in the config file at `config_path` (`None`: no config directory on this system).
pub fn reload(
    store: &Store,
    opts: &TuiOptions,
    config: &mut Config,
    config_path: Option<&Path>,
    old: App,
    round: i64,
) -> anyhow::Result<(App, Option<Feed>)> {
    let (mut app, feed) = load(store, opts, round, &old.session.evaluator)?;
    if let Some(name) = app.take_over(old, store)? {
        config.remember(db_key(store).as_deref(), &name);
        let saved = match config_path {
            Some(p) => config.save_to(p),
            None => Err(ConfigError::NoDir),
        };
        if let Err(e) = saved {
            tracing::warn!("{e}");
            app.error(e.to_string());
        }
    }
    Ok((app, feed))
}

/// The key a database has in the config: its canonical path (`None` in memory).
pub fn db_key(store: &Store) -> Option<String> {
    let p = store.path();
    if p.as_os_str() == ":memory:" {
        return None;
    }
    let p = std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
    Some(p.to_string_lossy().into_owned())
}

/// Enters the TUI: raw mode, alternate screen and ratatui's panic hook (`ratatui::init`), then
/// mouse capture, with a panic hook in front of ratatui's that turns mouse capture off first.
/// On a panic the order is: mouse off, raw mode off, alternate screen left, then the message.
fn enter() -> DefaultTerminal {
    let terminal = ratatui::init();
    let ratatui_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = crossterm::execute!(std::io::stdout(), DisableMouseCapture);
        ratatui_hook(info);
    }));
    if let Err(e) = crossterm::execute!(std::io::stdout(), EnableMouseCapture) {
        tracing::warn!("no mouse capture: {e}");
    }
    terminal
}

/// Leaves the TUI on a normal exit (also after an error): mouse capture off, then ratatui's
/// restore (raw mode off, alternate screen left).
fn leave() {
    let _ = crossterm::execute!(std::io::stdout(), DisableMouseCapture);
    ratatui::restore();
}

/// Refuses to start the TUI when stdin or stdout is not a terminal (a pipe, a file, a cron
/// job): raw mode would fail or leave escape codes in the output. Checked before any database
/// is created or changed.
pub fn require_terminal(lang: Lang) -> anyhow::Result<()> {
    use std::io::IsTerminal;
    if std::io::stdin().is_terminal() && std::io::stdout().is_terminal() {
        return Ok(());
    }
    anyhow::bail!(
        "{}",
        lang.pick(
            "评分界面需要在终端中运行（标准输入和输出都不能是管道或文件）；脚本中请用 assay score set、assay explain 或 assay demo --print",
            "the scoring TUI needs a terminal (stdin and stdout must not be a pipe or a file); from scripts use assay score set, assay explain or assay demo --print"
        )
    )
}

/// Runs the TUI until the user quits. The terminal is restored on every exit path, panics
/// included (see `enter`).
pub fn run(mut store: Store, opts: TuiOptions) -> anyhow::Result<()> {
    let log = crate::logging::init();
    tracing::info!("tui start, log at {log:?}");
    let config_path = crate::config::path().ok();
    let loaded = match config_path.as_deref() {
        Some(p) => Config::load_from(p),
        None => Err(ConfigError::NoDir),
    };
    let (mut config, config_err) = match loaded {
        Ok(c) => (c, None),
        Err(e) => (Config::default(), Some(e.to_string())),
    };
    let known = store.evaluator_names()?;
    let named = config.evaluator_for(db_key(&store).as_deref(), &known);
    let (mut app, mut feed) = open(&store, &opts, named)?;
    if let Some(e) = config_err {
        app.error(e);
    }
    // A hidden switch for testing the panic path: panic right after the first frame.
    let test_panic = std::env::var_os("ASSAY_TEST_PANIC").is_some();
    let mut terminal = enter();
    let result = (|| -> anyhow::Result<()> {
        let size = terminal.size()?;
        app.apply(Action::Resize(size.width, size.height), &mut store);
        let mut dirty = true;
        let mut warm = false;
        // The operations report and the summary being computed off the UI thread, if any.
        let mut ops: Option<std::sync::mpsc::Receiver<Action>> = None;
        let mut summary: Option<std::sync::mpsc::Receiver<Action>> = None;
        loop {
            if dirty {
                terminal.draw(|f| crate::ui::render(f, &app))?;
                if test_panic {
                    panic!("ASSAY_TEST_PANIC is set: panicking after the first frame");
                }
            }
            if !warm {
                // After the first frame of each loaded round: search buffer and text sorts.
                app.warm_up();
                warm = true;
            }
            if !app.running {
                return Ok(());
            }
            // While totals arrive, wait for input only briefly; otherwise block until some comes.
            // Only an event that resolves to an action redraws (mouse motion does not).
            dirty = false;
            let idle = feed.is_none() && ops.is_none() && summary.is_none() && !app.busy();
            // Idle, wait for a key; with nothing pressed for AHEAD, compute the summary ahead.
            let wait = match (idle, app.summary_job.wants_ahead()) {
                (false, _) => Some(POLL),
                (true, true) => Some(AHEAD),
                (true, false) => None,
            };
            let pressed = match wait {
                Some(t) => event::poll(t)?,
                None => true,
            };
            if !pressed && idle {
                // Changes nothing on screen: no redraw.
                app.apply(Action::SummaryAhead, &mut store);
            }
            if pressed {
                let action = match event::read()? {
                    Event::Key(k) if k.is_press() => keymap::resolve(app.ctx(), k),
                    Event::Mouse(m) => mouse::resolve(&app, m),
                    Event::Resize(w, h) => Some(Action::Resize(w, h)),
                    _ => None,
                };
                if let Some(a) = action {
                    app.apply(a, &mut store);
                    dirty = true;
                }
            }
            if let Some(req) = app.ops_job.request.take() {
                ops = Some(worker::spawn_ops(store.path().to_path_buf(), req));
            }
            if let Some(req) = app.summary_job.request.take() {
                summary = Some(worker::spawn_summary(store.path().to_path_buf(), req));
            }
            let lang = app.lang;
            let ops_gone = || {
                Action::OpsLoaded(crate::app::ops::OpsLoad(std::sync::Arc::new(Err(lang
                    .pick(
                        "运营监测的后台计算意外中止（见日志）",
                        "the operations worker stopped early (see the log)",
                    )
                    .into()))))
            };
            let summary_gone = || {
                Action::SummaryLoaded(crate::app::summary_job::SummaryLoad(std::sync::Arc::new(
                    Err(lang
                        .pick(
                            "汇总的后台计算意外中止（见日志）",
                            "the summary worker stopped early (see the log)",
                        )
                        .into()),
                )))
            };
            for a in [
                answer(&mut ops, ops_gone),
                answer(&mut summary, summary_gone),
            ]
            .into_iter()
            .flatten()
            {
                app.apply(a, &mut store);
                dirty = true;
            }
            if app.busy() {
                // Each try waits at most the TUI's short lock timeout: keys keep working.
                app.apply(Action::RetryWrites, &mut store);
                dirty = true;
            }
            if let Some(f) = feed.as_mut() {
                dirty |= f.drain(&mut app, &mut store);
                if f.done() {
                    feed = None;
                }
            }
            if let Some(id) = app.reload.take() {
                let path = config_path.as_deref();
                (app, feed) = reload(&store, &opts, &mut config, path, app, id)?;
                dirty = true;
                warm = false;
            }
        }
    })();
    leave();
    worker::close();
    result
}

/// A worker's answer, if it has come (the receiver is then dropped); `gone` stands for it when
/// the worker ended without one (it panicked), so the screen never waits forever.
fn answer(
    rx: &mut Option<std::sync::mpsc::Receiver<Action>>,
    gone: impl FnOnce() -> Action,
) -> Option<Action> {
    let got = match rx.as_ref()?.try_recv() {
        Ok(a) => a,
        Err(std::sync::mpsc::TryRecvError::Empty) => return None,
        Err(std::sync::mpsc::TryRecvError::Disconnected) => gone(),
    };
    *rx = None;
    Some(got)
}
