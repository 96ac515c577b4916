//! The report streamed from the database: the round's accounts (read in id order on a connection
//! of their own, a batch at a time) are merged with the sheets in account order — the kept rows,
//! or every sheet scored again from its entries (`--recompute`, one id range per core, each
//! range gathered into its own [`Sink`], the sinks joined in order) — and each account is
//! combined as soon as its sheets are in. Nothing holds every account or every sheet unless the
//! output lists accounts. Same figures as [`super::source::load`] + [`super::build::build`]: the
//! same scoring, combining, consensus and sink.

use std::iter::{Flatten, Peekable};
use std::ops::RangeInclusive;
use std::sync::mpsc::{IntoIter, sync_channel};

use super::agreed::Agreed;
use super::build::{Options, Report};
use super::combine::account_result_of;
use super::sheet::{Combine, Scheme, SheetFigures, SheetResult};
use super::sink::Sink;
use super::source::{Source, SourceError, round_policy, round_rubric, round_scheme};
use crate::domain::account::Account;
use crate::domain::engine::Scorer;
use crate::domain::entry::Entry;
use crate::domain::rubric::Rubric;
use crate::storage::{KeptRow, Round, SheetContext, Store, StoreError};

/// Accounts read ahead of the merge, per batch.
const BATCH: usize = 2048;

/// A round's report from `source`. `keep`: the output lists accounts.
pub fn streamed_report(
    store: &mut Store,
    round: &Round,
    source: Source,
    method: Option<Combine>,
    opts: &Options,
    keep: bool,
) -> Result<(Rubric, Report), SourceError> {
    let rubric = round_rubric(round)?;
    let policy = round_policy(store, round, method)?;
    let scheme = round_scheme(store, round, &rubric, policy)?;
    let agreed = Agreed::read(store, round.id)?;
    let ctx = Ctx {
        round_id: round.id,
        rubric: &rubric,
        scheme: &scheme,
        agreed: &agreed,
        opts,
        keep,
    };
    if source == Source::Recompute {
        let r = recomputed(store, &ctx)?;
        return Ok((rubric, r));
    }
    // A row of another engine version stops the read: the round is recomputed, then read again
    // (and, should a row still differ, loaded whole the way every other command loads it).
    if let Some(r) = kept(store, &ctx)? {
        return Ok((rubric, r));
    }
    store.rebuild_kept(round.id)?;
    if let Some(r) = kept(store, &ctx)? {
        return Ok((rubric, r));
    }
    let l = super::source::load(store, round, Source::Kept, method)?;
    let r = super::build::build_from(&l.scheme, l.accounts, &l.sheets, opts);
    Ok((rubric, r))
}

/// [`streamed_report`] from the kept results.
pub fn kept_report(
    store: &mut Store,
    round: &Round,
    method: Option<Combine>,
    opts: &Options,
    keep: bool,
) -> Result<(Rubric, Report), SourceError> {
    streamed_report(store, round, Source::Kept, method, opts, keep)
}

struct Ctx<'a> {
    round_id: i64,
    rubric: &'a Rubric,
    scheme: &'a Scheme,
    agreed: &'a Agreed,
    opts: &'a Options,
    keep: bool,
}

/// One pass over the kept rows; `None` when one was of another engine version. The rows are
/// read on a connection of their own when one opens (a read-only connection keeps SQLite's small
/// default page cache; the store's own is sized for bulk writes).
fn kept(store: &mut Store, ctx: &Ctx) -> Result<Option<Report>, StoreError> {
    store.refresh_kept(ctx.round_id)?;
    let store = &*store;
    let rows = store.reader().ok().flatten();
    let everyone = i64::MIN..=i64::MAX;
    let accounts = Accounts::of(
        store,
        store.reader().ok().flatten(),
        ctx.round_id,
        &everyone,
    )?;
    with_accounts(accounts, ctx, everyone, |merge| {
        let rows = rows.as_ref().unwrap_or(store);
        let whole = rows.kept_rows(ctx.round_id, &mut |row| merge.kept(row))?;
        Ok(whole.then_some(()))
    })
    .map(|sink| sink.map(Sink::finish))
}

/// Every sheet scored again, one id range per core.
fn recomputed(store: &Store, ctx: &Ctx) -> Result<Report, StoreError> {
    let context = store.round_sheet_context(ctx.round_id)?;
    let scorer = Scorer::new(ctx.rubric);
    let ids = store.round_account_ids(ctx.round_id)?;
    // Each range needs a connection for its entries and one for its accounts; a connection that
    // cannot be opened only means fewer ranges.
    let wanted = crate::storage::read_parts();
    // The first range runs on this thread, on a reader of its own when one opens (its small
    // page cache), else on the store's connection.
    let mut conns: Vec<(Option<Store>, Option<Store>)> = Vec::new();
    while conns.len() < wanted {
        let scan = store.reader().ok().flatten();
        if scan.is_none() && !conns.is_empty() {
            break;
        }
        conns.push((scan, store.reader().ok().flatten()));
    }
    let ranges = super::source::split_id_list(&ids, conns.len());
    let score = Scoring {
        scorer: &scorer,
        context: &context,
    };
    let mut parts = conns.into_iter().zip(ranges);
    let first = parts.next();
    let sinks = std::thread::scope(|scope| {
        let score = &score;
        // The later ranges on threads of their own, the first on this one (its connection
        // stays on the thread that opened the store).
        let later: Vec<_> = parts
            .map(|((scan, accounts), range)| {
                scope.spawn(move || match scan {
                    Some(scan) => part(&scan, accounts, ctx, score, range),
                    None => Ok(None),
                })
            })
            .collect();
        let mut sinks = Vec::new();
        if let Some(((scan, accounts), range)) = first {
            let scan = scan.as_ref().unwrap_or(store);
            sinks.push(part(scan, accounts, ctx, score, range));
        }
        for h in later {
            sinks.push(h.join().unwrap_or_else(|p| std::panic::resume_unwind(p)));
        }
        sinks.into_iter().collect::<Result<Vec<_>, StoreError>>()
    })?;
    let mut sinks = sinks.into_iter().flatten();
    let mut all = sinks
        .next()
        .unwrap_or_else(|| Sink::new(ctx.scheme, ctx.opts, ctx.keep));
    for s in sinks {
        all.merge(s);
    }
    Ok(all.finish())
}

/// What scoring a sheet again needs besides its account.
struct Scoring<'a> {
    scorer: &'a Scorer<'a>,
    context: &'a SheetContext,
}

/// One id range of the recompute, gathered into its own sink.
fn part<'a>(
    scan: &Store,
    accounts: Option<Store>,
    ctx: &'a Ctx<'a>,
    score: &Scoring,
    range: RangeInclusive<i64>,
) -> Result<Option<Sink<'a>>, StoreError> {
    let accounts = Accounts::of(scan, accounts, ctx.round_id, &range)?;
    with_accounts(accounts, ctx, range.clone(), |merge| {
        scan.for_each_sheet_in(ctx.round_id, range, &mut |a, e, entries| {
            merge.scored(score, a, e, entries);
        })?;
        Ok(Some(()))
    })
}

/// Where a range's accounts come from: a connection of their own, or (in memory, where there is
/// no second connection) read first, whole.
enum Accounts {
    Reader(Store),
    Read(Vec<Account>),
}

impl Accounts {
    fn of(
        store: &Store,
        reader: Option<Store>,
        round_id: i64,
        range: &RangeInclusive<i64>,
    ) -> Result<Accounts, StoreError> {
        Ok(match reader {
            Some(r) => Accounts::Reader(r),
            None => Accounts::Read(store.round_accounts_in(round_id, range.clone())?),
        })
    }
}

/// Runs `sheets` (which feeds the merge in account order) beside a thread that reads the
/// round's accounts in `range`. The sink, or `None` when `sheets` gave up.
fn with_accounts<'a>(
    accounts: Accounts,
    ctx: &'a Ctx<'a>,
    range: RangeInclusive<i64>,
    sheets: impl FnOnce(&mut Merge<'a, '_>) -> Result<Option<()>, StoreError>,
) -> Result<Option<Sink<'a>>, StoreError> {
    std::thread::scope(|scope| {
        let (tx, rx) = sync_channel::<Vec<Account>>(4);
        let round_id = ctx.round_id;
        let reading = match accounts {
            Accounts::Reader(reader) => Some(scope.spawn(move || {
                reader.round_accounts_batched(round_id, range, BATCH, |b| tx.send(b).is_ok())
            })),
            Accounts::Read(all) => {
                let _ = tx.send(all);
                drop(tx);
                None
            }
        };
        let mut merge = Merge {
            ctx,
            sink: Sink::new(ctx.scheme, ctx.opts, ctx.keep),
            accounts: rx.into_iter().flatten().peekable(),
            current: None,
            sheets: Vec::new(),
        };
        let fed = sheets(&mut merge);
        let sink = match fed {
            Ok(Some(())) => Some(merge.finish()),
            _ => {
                drop(merge);
                None
            }
        };
        if let Some(h) = reading {
            h.join().unwrap_or_else(|p| std::panic::resume_unwind(p))?;
        }
        fed.map(|_| sink)
    })
}

/// Sheets in account order merged with the accounts in id order.
struct Merge<'a, 'c> {
    ctx: &'c Ctx<'a>,
    sink: Sink<'a>,
    accounts: Peekable<Flatten<IntoIter<Vec<Account>>>>,
    /// The account whose sheets are being gathered (`None` inside: not in the round's scope).
    current: Option<(i64, Option<Account>)>,
    sheets: Vec<SheetResult>,
}

impl<'a> Merge<'a, '_> {
    /// The account `id`, whose sheets come next: the account before it is combined, and so is
    /// every account between them (they have no sheets).
    fn at(&mut self, id: i64) -> Option<&Account> {
        if self.current.as_ref().map(|c| c.0) != Some(id) {
            self.flush();
            while let Some(a) = self.accounts.next_if(|a| a.id < id) {
                self.combine(a, &mut []);
            }
            let here = self.accounts.next_if(|a| a.id == id);
            self.current = Some((id, here));
        }
        self.current.as_ref().and_then(|c| c.1.as_ref())
    }

    /// A kept row. Sheets of an account out of the round's scope only name their evaluators.
    fn kept(&mut self, (account_id, evaluator, submitted, figures): KeptRow) {
        self.at(account_id);
        if let Some(s) = figures.into_sheet(account_id, evaluator, submitted) {
            self.add(s);
        }
    }

    /// A sheet scored again from its entries (of an account in scope; others are left out).
    fn scored(&mut self, score: &Scoring, account_id: i64, evaluator: i64, entries: &[Entry]) {
        let Some(acc) = self.at(account_id) else {
            return;
        };
        let o = score.scorer.lean(acc.platform, acc.level, entries);
        let (submitted, names) = score.context;
        let name = names.get(&evaluator).cloned().unwrap_or_default();
        let submitted = submitted.contains(&(account_id, evaluator));
        if let Some(s) = SheetFigures::of(&o).into_sheet(account_id, name, submitted) {
            self.add(s);
        }
    }

    fn add(&mut self, s: SheetResult) {
        self.sink.sheet(&s);
        self.sheets.push(s);
    }

    /// Combines the current account (its sheets are all in).
    fn flush(&mut self) {
        if let Some((_, Some(a))) = self.current.take() {
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

    fn finish(mut self) -> Sink<'a> {
        self.flush();
        while let Some(a) = self.accounts.next() {
            self.combine(a, &mut []);
        }
        self.sink
    }
}
