//! The background totals worker: a thread with its own `Store` on the same database file (WAL
//! lets it read beside the TUI's connection) that streams one evaluator's sheets, scores them and
//! sends the results in batches. The runtime drains the channel between key presses and applies
//! each batch as an `Action`, so app state still changes only through actions.

use std::path::PathBuf;
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
}

/// Starts the worker thread.
pub fn spawn(job: Job) -> std::io::Result<Feed> {
    let (tx, rx) = mpsc::channel();
    thread::Builder::new()
        .name("assay-totals".into())
        .spawn(move || {
            if let Err(why) = run(&job, &tx) {
                tracing::error!("background totals: {why}");
                let _ = tx.send(Action::TotalsFailed(why));
            }
        })?;
    Ok(Feed { rx, done: false })
}

/// Scans and scores; `Err` carries a message for the user. A closed channel stops it quietly.
fn run(job: &Job, tx: &mpsc::Sender<Action>) -> Result<(), String> {
    let started = Instant::now();
    let store = Store::open(&job.db).map_err(|e| e.to_string())?;
    let mut s = SheetScorer::new(&job.rubric, job.scorer, job.accounts.clone());
    let mut last = Instant::now();
    let mut open = true;
    store
        .try_for_each_sheet_of(job.round, &job.evaluator, &mut |account, sheet| {
            s.sheet(account, sheet);
            if s.out.len() >= BATCH || (!s.out.is_empty() && last.elapsed() >= EVERY) {
                last = Instant::now();
                open = tx.send(Action::TotalsLoaded(s.take())).is_ok();
            }
            open
        })
        .map_err(|e| e.to_string())?;
    if open {
        s.finish();
        let _ = tx.send(Action::TotalsLoaded(s.take()));
        tracing::info!(
            "background totals for {} accounts in {:.2} s",
            job.accounts.len(),
            started.elapsed().as_secs_f64()
        );
    }
    Ok(())
}

impl Feed {
    /// Applies every batch that has arrived, without waiting; true when the app changed.
    pub fn drain(&mut self, app: &mut App, backend: &mut dyn Backend) -> bool {
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
