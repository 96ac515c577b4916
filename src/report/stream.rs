//! The report streamed from the kept results: the round's accounts (read in id order on a second
//! connection, a batch at a time) are merged with the kept rows (read in account order), each
//! account combined as soon as its sheets are in and handed to the [`Sink`]; nothing holds every
//! account or every sheet unless the output lists accounts. Same figures as
//! [`super::source::load`] + [`super::build::build`]: the same combining, consensus and sink.

use std::iter::Peekable;
use std::sync::mpsc::{IntoIter, sync_channel};

use super::agreed::Agreed;
use super::build::{Options, Report};
use super::combine::account_result_of;
use super::sheet::{Combine, Scheme, SheetResult};
use super::sink::Sink;
use super::source::{SourceError, round_policy, round_rubric, round_scheme};
use crate::domain::account::Account;
use crate::domain::rubric::Rubric;
use crate::storage::{KeptRow, Round, Store, StoreError};

/// Accounts read ahead of the merge, per batch.
const BATCH: usize = 2048;

/// A round's report from its kept results. `keep`: the output lists accounts.
pub fn kept_report(
    store: &mut Store,
    round: &Round,
    method: Option<Combine>,
    opts: &Options,
    keep: bool,
) -> Result<(Rubric, Report), SourceError> {
    let rubric = round_rubric(round)?;
    let policy = round_policy(store, round, method)?;
    let scheme = round_scheme(store, round, &rubric, policy)?;
    let agreed = Agreed::read(store, round.id)?;
    let ctx = Ctx {
        rubric: &rubric,
        scheme: &scheme,
        agreed: &agreed,
    };
    // A row of another engine version stops the read: the round is recomputed, then read again
    // (and, should a row still differ, loaded whole the way every other command loads it).
    if let Some(r) = feed(store, round.id, &ctx, opts, keep)? {
        return Ok((rubric, r));
    }
    store.rebuild_kept(round.id)?;
    if let Some(r) = feed(store, round.id, &ctx, opts, keep)? {
        return Ok((rubric, r));
    }
    let l = super::source::load(store, round, super::source::Source::Kept, method)?;
    let r = super::build::build_from(&l.scheme, l.accounts, &l.sheets, opts);
    Ok((rubric, r))
}

struct Ctx<'a> {
    rubric: &'a Rubric,
    scheme: &'a Scheme,
    agreed: &'a Agreed,
}

/// One pass over the round; `None` when a kept row was of another engine version.
fn feed(
    store: &mut Store,
    round_id: i64,
    ctx: &Ctx,
    opts: &Options,
    keep: bool,
) -> Result<Option<Report>, StoreError> {
    let reader = store.reader().ok().flatten();
    std::thread::scope(|scope| {
        let (tx, rx) = sync_channel::<Vec<Account>>(4);
        let accounts = match reader {
            Some(reader) => Some(scope.spawn(move || {
                reader.round_accounts_batched(round_id, BATCH, |b| tx.send(b).is_ok())
            })),
            None => {
                // In memory there is one connection: the accounts are read first.
                let all = store.round_accounts(round_id)?;
                let _ = tx.send(all);
                drop(tx);
                None
            }
        };
        let mut merge = Merge {
            ctx,
            sink: Sink::new(ctx.scheme, opts, keep),
            accounts: rx.into_iter().flatten().peekable(),
            current: None,
            sheets: Vec::new(),
        };
        let whole = store.kept_each(round_id, &mut |row| merge.row(row));
        let report = match whole {
            Ok(true) => Some(merge.finish()),
            _ => {
                drop(merge);
                None
            }
        };
        if let Some(h) = accounts {
            h.join().unwrap_or_else(|p| std::panic::resume_unwind(p))?;
        }
        whole.map(|_| report)
    })
}

/// Kept rows in account order merged with the accounts in id order.
struct Merge<'a, 'c> {
    ctx: &'c Ctx<'a>,
    sink: Sink<'a>,
    accounts: Peekable<std::iter::Flatten<IntoIter<Vec<Account>>>>,
    /// The account whose sheets are being gathered.
    current: Option<i64>,
    sheets: Vec<SheetResult>,
}

impl Merge<'_, '_> {
    fn row(&mut self, (account_id, evaluator, submitted, figures): KeptRow) {
        if self.current != Some(account_id) {
            self.flush();
            self.current = Some(account_id);
        }
        if let Some(s) = figures.into_sheet(account_id, evaluator, submitted) {
            self.sink.sheet(&s);
            self.sheets.push(s);
        }
    }

    /// Combines the current account (its sheets are all in) and every account before it (they
    /// have none). Sheets of an account out of the round's scope only name their evaluators.
    fn flush(&mut self) {
        let Some(id) = self.current.take() else {
            return;
        };
        while let Some(a) = self.accounts.next_if(|a| a.id < id) {
            self.combine(a, &mut []);
        }
        if let Some(a) = self.accounts.next_if(|a| a.id == id) {
            let mut sheets = std::mem::take(&mut self.sheets);
            self.combine(a, &mut sheets);
            sheets.clear();
            self.sheets = sheets;
        }
        self.sheets.clear();
    }

    fn combine(&mut self, account: Account, sheets: &mut [SheetResult]) {
        let ctx = self.ctx;
        if ctx.agreed.covers(account.id) {
            ctx.agreed
                .apply(ctx.rubric, std::slice::from_ref(&account), sheets);
        }
        let refs: Vec<&SheetResult> = sheets.iter().collect();
        let r = account_result_of(ctx.scheme, account, &refs);
        self.sink.push(r);
    }

    fn finish(mut self) -> Report {
        self.flush();
        while let Some(a) = self.accounts.next() {
            self.combine(a, &mut []);
        }
        self.sink.finish()
    }
}
