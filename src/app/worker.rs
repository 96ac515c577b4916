//! The background totals worker: a thread that reads through one long-lived read-only `Store`
//! on the same database file (opened once for the process, not per job: WAL lets it read beside
//! the TUI's connection), streams one evaluator's sheets, scores them and sends the results in
//! batches. The runtime drains the channel between key presses and applies
//! each batch as an `Action`, so app state still changes only through actions.

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::mpsc::{self, Receiver, TryRecvError};
use std::thread;
use std::time::{Duration, Instant};

use super::{Action, App, Backend, Scorer, SheetScorer};
use crate::domain::platform::{Level, Platform};
use crate::domain::rubric::Rubric;
use crate::storage::Store;

/// Results per batch at most, and the longest a finished result waits before it is sent.
const BATCH: usize = 4096;
const EVERY: Duration = Duration::from_millis(100);

/// What the worker needs to know.
pub struct Job {
    pub db: PathBuf,
    pub round: i64,
    pub evaluator: String,
    pub rubric: Rubric,
    pub scorer: Scorer,
    /// (id, platform, level) of every account of the round.
    pub accounts: Vec<(i64, Platform, Level)>,
}

/// The receiving end. Dropping it stops the worker at its next batch.
pub struct Feed {
    rx: Receiver<Action>,
    done: bool,
    /// A job not started yet ([`deferred`]): its thread starts on the first [`Feed::drain`].
    waiting: Option<(Job, mpsc::Sender<Action>)>,
}

/// The workers' one connection, opened on the first job and kept for later ones (a job for
/// another database file replaces it). Jobs take turns on it.
static READER: Mutex<Option<Store>> = Mutex::new(None);

/// Runs `f` on the shared read-only connection to `db`, opening it if needed.
fn with_reader<T>(db: &Path, f: impl FnOnce(&mut Store) -> T) -> Result<T, String> {
    let mut guard = READER.lock().unwrap_or_else(|p| p.into_inner());
    if guard.as_ref().is_none_or(|s| s.path() != db) {
        *guard = None;
        *guard = Some(Store::open_read_only(db).map_err(|e| e.to_string())?);
    }
    match guard.as_mut() {
        Some(store) => Ok(f(store)),
        None => Err("the background reader is not open".to_string()),
    }
}

/// Closes the shared connection (when the TUI ends); a job still running keeps it instead.
pub fn close() {
    if let Ok(mut guard) = READER.try_lock() {
        *guard = None;
    }
}

/// Starts the worker thread now.
pub fn spawn(job: Job) -> std::io::Result<Feed> {
    let (tx, rx) = mpsc::channel();
    start(job, tx)?;
    Ok(Feed {
        rx,
        done: false,
        waiting: None,
    })
}

/// The worker, started by the feed's first [`Feed::drain`]: the TUI drains after its first
/// frame, so scoring 100k sheets never shares the CPU with drawing that frame (on a busy
/// machine the two threads of one process split its share).
pub fn deferred(job: Job) -> Feed {
    let (tx, rx) = mpsc::channel();
    Feed {
        rx,
        done: false,
        waiting: Some((job, tx)),
    }
}

fn start(job: Job, tx: mpsc::Sender<Action>) -> std::io::Result<()> {
    thread::Builder::new()
        .name("assay-totals".into())
        .spawn(move || {
            if let Err(why) = run(&job, &tx) {
                tracing::error!("background totals: {why}");
                let _ = tx.send(Action::TotalsFailed(why));
            }
        })?;
    Ok(())
}

/// Reads the evaluator's kept sheet figures, or, when they cannot stand for the entries (a sheet
/// still stale, another engine version), scans and scores the entries; `Err` carries a message
/// for the user. A closed channel stops it quietly.
fn run(job: &Job, tx: &mpsc::Sender<Action>) -> Result<(), String> {
    let started = Instant::now();
    let mut last = Instant::now();
    let mut open = true;
    let mut send = |s: &mut SheetScorer, open: &mut bool| {
        if s.out.len() >= BATCH || (!s.out.is_empty() && last.elapsed() >= EVERY) {
            last = Instant::now();
            *open = tx.send(Action::TotalsLoaded(s.take())).is_ok();
        }
    };
    let mut s = SheetScorer::new(&job.rubric, job.scorer, job.accounts.clone());
    let kept = with_reader(&job.db, |store| {
        store.evaluator_kept(job.round, &job.evaluator, &mut |account, figures| {
            s.kept(account, &figures);
            send(&mut s, &mut open);
            open
        })
    })?
    .map_err(|e| e.to_string())?;
    if !kept && open {
        // Rows already sent stay (they were current); the scan gives every account again and
        // only rows still pending take it.
        s = SheetScorer::new(&job.rubric, job.scorer, job.accounts.clone());
        with_reader(&job.db, |store| {
            store.try_for_each_sheet_of(job.round, &job.evaluator, &mut |account, sheet| {
                s.sheet(account, sheet);
                send(&mut s, &mut open);
                open
            })
        })?
        .map_err(|e| e.to_string())?;
    }
    if open {
        s.finish();
        let _ = tx.send(Action::TotalsLoaded(s.take()));
        tracing::info!(
            "background totals for {} accounts in {:.2} s ({})",
            job.accounts.len(),
            started.elapsed().as_secs_f64(),
            if kept {
                "kept results"
            } else {
                "entries scored"
            }
        );
    }
    Ok(())
}

/// Runs one computation on its own thread through the shared read-only connection; its answer
/// arrives on the returned channel as one action made by `wrap` (an error as its text).
fn spawn_one<T: Send + 'static>(
    name: &str,
    db: PathBuf,
    compute: impl FnOnce(&mut Store) -> Result<T, String> + Send + 'static,
    wrap: fn(Result<T, String>) -> Action,
) -> Receiver<Action> {
    let (tx, rx) = mpsc::channel();
    let send = tx.clone();
    let label = name.to_string();
    let started = thread::Builder::new()
        .name(format!("assay-{name}"))
        .spawn(move || {
            let t = Instant::now();
            let r = with_reader(&db, compute).and_then(|r| r);
            tracing::info!("{label} in {:.2} s", t.elapsed().as_secs_f64());
            let _ = tx.send(wrap(r));
        });
    if let Err(e) = started {
        let _ = send.send(wrap(Err(e.to_string())));
    }
    rx
}

/// Computes the round's operations report on its own thread through the shared read-only
/// connection; the answer arrives on the returned channel as one `Action::OpsLoaded`.
pub fn spawn_ops(db: PathBuf, req: super::ops::OpsRequest) -> Receiver<Action> {
    spawn_one(
        "ops",
        db,
        move |store| {
            store
                .round_ops(req.round, &req.accounts)
                .map_err(|e| e.to_string())
        },
        |r| Action::OpsLoaded(super::ops::OpsLoad(std::sync::Arc::new(r))),
    )
}

/// Computes the summary screen on its own thread (the one aggregation, as on the UI thread);
/// the answer arrives as one `Action::SummaryLoaded`.
pub fn spawn_summary(db: PathBuf, req: super::summary_job::SummaryRequest) -> Receiver<Action> {
    let path = db.clone();
    spawn_one(
        "summary",
        db,
        move |store| {
            use super::summary_job::{aggregate, keep_top, read};
            let mut req = req;
            // Taken before any read: a write meanwhile moves it, and the top is not kept.
            let stamp = store.data_stamp().map_err(|e| e.to_string())?;
            // Never shown: a superseded request's channel is dropped with it.
            let lang = req.lang;
            let superseded = || {
                lang.pick("汇总已由新的请求取代", "summary superseded")
                    .to_string()
            };
            let accounts = match req.accounts.take() {
                Some(a) => a,
                None => store
                    .listed_accounts(req.round, &req.evaluator, crate::storage::read_parts())
                    .map_err(|e| e.to_string())?,
            };
            if req.cancel.is_set() {
                return Err(superseded());
            }
            let input = read(store, &req, &accounts).map_err(|e| e.to_string())?;
            if req.cancel.is_set() {
                return Err(superseded());
            }
            let s = aggregate(input, &req, accounts);
            keep_top(&path, &req, stamp, &s);
            Ok(s)
        },
        |r| Action::SummaryLoaded(super::summary_job::SummaryLoad(std::sync::Arc::new(r))),
    )
}

impl Feed {
    /// Applies every batch that has arrived, without waiting; true when the app changed.
    /// Starts a [`deferred`] job first.
    pub fn drain(&mut self, app: &mut App, backend: &mut dyn Backend) -> bool {
        if let Some((job, tx)) = self.waiting.take()
            && let Err(e) = start(job, tx)
        {
            self.done = true;
            let why = app.lang.pick(
                "无法启动后台总分计算：",
                "could not start the background totals: ",
            );
            app.apply(Action::TotalsFailed(format!("{why}{e}")), backend);
            return true;
        }
        let mut changed = false;
        loop {
            match self.rx.try_recv() {
                Ok(action) => {
                    app.apply(action, backend);
                    changed = true;
                }
                Err(TryRecvError::Empty) => break,
                Err(TryRecvError::Disconnected) => {
                    self.done = true;
                    // Gone without finishing (it panicked): say so rather than wait forever.
                    if app.loading.as_ref().is_some_and(|l| l.failed.is_none()) {
                        let why = "the background worker stopped early (see the log)".to_string();
                        app.apply(Action::TotalsFailed(why), backend);
                        changed = true;
                    }
                    break;
                }
            }
        }
        changed
    }

    /// True once the worker has finished and everything it sent was applied.
    pub fn done(&self) -> bool {
        self.done
    }
}
