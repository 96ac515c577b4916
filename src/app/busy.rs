//! Writes refused because another program holds the database's lock: each is kept, in order,
//! with the value as typed (the screen already shows it), the status bar says
//! 「数据库正忙，正在重试」, and the event loop retries them (`Action::RetryWrites`) while the keys
//! keep working, until they go through.

use super::{App, Backend};
use crate::domain::entry::Entry;
use crate::storage::StoreError;

/// One write waiting for the lock: the entry to store, or `None` to clear it.
#[derive(Debug, Clone, PartialEq)]
pub struct Waiting {
    pub round: i64,
    pub account: i64,
    pub evaluator: String,
    pub indicator: String,
    pub after: Option<Entry>,
}

fn send(w: &Waiting, backend: &mut dyn Backend) -> Result<(), StoreError> {
    match &w.after {
        Some(e) => backend.set_entry(w.round, w.account, &w.evaluator, e),
        None => backend.clear_entry(w.round, w.account, &w.evaluator, &w.indicator),
    }
}

impl App {
    /// Whether writes wait for the database's lock.
    pub fn busy(&self) -> bool {
        !self.waiting.is_empty()
    }

    /// Writes `w` now, or queues it behind the writes already waiting (and when the lock is
    /// held): `Ok` either way; other errors are the caller's.
    pub(super) fn write_or_wait(
        &mut self,
        w: Waiting,
        backend: &mut dyn Backend,
    ) -> Result<(), StoreError> {
        if self.busy() {
            self.waiting.push(w);
            return Ok(());
        }
        match send(&w, backend) {
            Err(StoreError::Locked { .. }) => {
                tracing::warn!("database locked; the write of {} waits", w.indicator);
                self.waiting.push(w);
                Ok(())
            }
            other => other,
        }
    }

    /// Retries the waiting writes in order; stops at the first one still locked out. A write
    /// refused for another reason is dropped with its error shown.
    pub(super) fn retry_writes(&mut self, backend: &mut dyn Backend) {
        while let Some(w) = self.waiting.first() {
            match send(w, backend) {
                Err(StoreError::Locked { .. }) => return,
                Err(e) => {
                    self.waiting.remove(0);
                    self.error(crate::error_chain::for_tui(&e, self.lang));
                }
                Ok(()) => {
                    self.waiting.remove(0);
                }
            }
        }
        self.flash = Some(crate::i18n::msg::db_busy_done(self.lang));
    }
}
