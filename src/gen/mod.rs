//! Deterministic synthetic data at any scale for `assay gen`: accounts over a realistic region
//! tree, one round on a 40-item rubric (or a given one) scored by K evaluators, and W weeks of
//! weekly metrics and posts — with most accounts passing, a few vetoes, heavy-tailed reach and some dormant
//! accounts. Same options and seed ⇒ the same rows.

mod posts;
pub mod regions;
pub mod rubric;
mod words;

use std::collections::HashSet;
use std::path::PathBuf;

use chrono::{Duration, NaiveDate};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::domain::account::Account;
use crate::domain::entry::Entry;
use crate::domain::ops::metrics::WeekMetric;
use crate::domain::platform::{Level, Platform};
use crate::domain::rubric::{Indicator, ItemRef, Rubric};
use crate::storage::{AccountFilter, NewRound, Store, StoreError};

pub use rubric::generated_rubric;

/// What to generate.
#[derive(Debug, Clone, PartialEq)]
pub struct GenOptions {
    pub accounts: u64,
    pub evaluators: u32,
    pub weeks: u32,
    pub seed: u64,
    /// Score against this rubric file instead of the generated 40-item one.
    pub rubric: Option<PathBuf>,
}

/// What was generated.
#[derive(Debug, Clone, PartialEq)]
pub struct GenReport {
    pub round_id: i64,
    pub round: String,
    pub accounts: u64,
    pub evaluators: u32,
    pub entries: u64,
    pub weeks: u64,
    pub posts: u64,
}

impl std::fmt::Display for GenReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "generated {} accounts, {} evaluators, {} score rows, {} weekly metric rows, {} posts (round #{} {})",
            self.accounts,
            self.evaluators,
            self.entries,
            self.weeks,
            self.posts,
            self.round_id,
            self.round
        )
    }
}

#[derive(Debug, thiserror::Error)]
pub enum GenError {
    #[error("cannot read rubric {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(transparent)]
    Rubric(crate::domain::rubric::RubricErrors),
    #[error(
        "--accounts must be at least 1 and --evaluators at least 1 (got {accounts} and {evaluators}); give 1 or more"
    )]
    Empty { accounts: u64, evaluators: u32 },
    #[error(
        "{what} {value} is more than this machine can hold (limit {limit}); generate fewer, e.g. --accounts 100000"
    )]
    TooLarge {
        what: &'static str,
        value: u64,
        limit: u64,
    },
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Per-account latent traits that drive scores and metrics.
#[derive(Clone, Copy)]
struct Traits {
    quality: f64,
    dormant: bool,
    vetoed: bool,
    followers: f64,
}

const PLATFORMS: [(Platform, &str, f64); 6] = [
    (Platform::WeChat, "微信公众号", 0.70),
    (Platform::Weibo, "微博", 0.16),
    (Platform::Douyin, "抖音", 0.07),
    (Platform::Toutiao, "今日头条", 0.04),
    (Platform::MiniProgram, "微信小程序", 0.02),
    (Platform::App, "移动客户端", 0.01),
];

fn pick_platform(u: f64) -> (Platform, &'static str) {
    let mut acc = 0.0;
    for (p, l, w) in PLATFORMS {
        acc += w;
        if u < acc {
            return (p, l);
        }
    }
    (Platform::WeChat, "微信公众号")
}

fn gauss(rng: &mut ChaCha8Rng) -> f64 {
    let u1: f64 = rng.random::<f64>().max(1e-12);
    let u2: f64 = rng.random();
    (-2.0 * u1.ln()).sqrt() * (std::f64::consts::TAU * u2).cos()
}

/// One synthetic account and its traits.
fn account(rng: &mut ChaCha8Rng, names: &mut HashSet<(Platform, String)>) -> (Account, Traits) {
    use regions::*;
    let u: f64 = rng.random();
    let level = if u < 0.04 {
        Level::Province
    } else if u < 0.30 {
        Level::City
    } else if u < 0.75 {
        Level::County
    } else {
        Level::Township
    };
    let (p, c, k, t) = (
        rng.random_range(0..31),
        rng.random_range(0..CITIES_PER_PROVINCE),
        rng.random_range(0..COUNTIES_PER_CITY),
        rng.random_range(0..TOWNS_PER_COUNTY),
    );
    let mut path = vec![province(p).to_string()];
    if level >= Level::City {
        path.push(city(p, c));
    }
    if level >= Level::County {
        path.push(county(p, c, k));
    }
    if level >= Level::Township {
        path.push(town(p, c, k, t));
    }
    let last = path.last().cloned().unwrap_or_default();
    let (stem, domain) = DEPTS[rng.random_range(0..DEPTS.len())];
    let (platform, label) = pick_platform(rng.random());
    let base = format!("{}{stem}", short(&last));
    let mut name = base.clone();
    let mut n = 2;
    while !names.insert((platform, name.clone())) {
        name = format!("{base}{n}");
        n += 1;
    }
    let dormant = rng.random_bool(0.03);
    let mu = [80_000.0, 20_000.0, 5_000.0, 1_200.0][level as usize];
    let traits = Traits {
        quality: if dormant { 0.55 } else { 0.68 }
            + 0.3 * (rng.random::<f64>() + rng.random::<f64>()) / 2.0,
        dormant,
        vetoed: (dormant && rng.random_bool(0.1)) || rng.random_bool(0.0005),
        followers: (mu * (1.1 * gauss(rng)).exp()).max(50.0),
    };
    let opened = NaiveDate::from_ymd_opt(
        rng.random_range(2012..=2023),
        rng.random_range(1..=12),
        rng.random_range(1..=28),
    );
    let acct = Account {
        id: 0,
        platform,
        platform_label: label.to_string(),
        name,
        unit: format!("{last}{domain}主管部门"),
        level,
        region: path.join("/"),
        domain: domain.to_string(),
        status: "正常".to_string(),
        opened,
    };
    (acct, traits)
}

/// One evaluator's entry for one item of an account.
/// `veto_id` is the one veto item generated hits land on (the rubric's first).
fn entry(
    item: &ItemRef<'_>,
    tr: &Traits,
    evaluator: u32,
    bias: f64,
    veto_id: &str,
    rng: &mut ChaCha8Rng,
) -> Entry {
    let mut e = Entry::new(item.common().id.clone());
    let x = tr.quality + bias + 0.07 * gauss(rng);
    match item {
        ItemRef::Indicator(_, Indicator::Range(s)) => {
            let step = s.step.unwrap_or(1.0).max(0.01);
            let v = s.min + ((s.max - s.min) * x.clamp(0.0, 1.0) / step).round() * step;
            e.value = Some(v.clamp(s.min, s.max));
        }
        ItemRef::Indicator(_, Indicator::Deduct(d)) => {
            let max_n = (d.cap / d.per.max(0.01)).ceil() as u32;
            let n = if x > 0.85 {
                0
            } else {
                ((0.85 - x) * 10.0 * rng.random::<f64>()) as u32
            };
            e.count = Some(n.min(max_n));
        }
        ItemRef::Indicator(_, Indicator::Check(_)) => {
            e.value = Some(if x > 0.5 || rng.random_bool(0.8) {
                1.0
            } else {
                0.0
            })
        }
        ItemRef::Bonus(_) => e.count = Some(u32::from(x > 0.93 && rng.random_bool(0.3))),
        ItemRef::Veto(v) => {
            if tr.vetoed && (evaluator == 0 || rng.random_bool(0.7)) && v.common.id == veto_id {
                e.veto = v.reasons.first().cloned();
                e.note = "监测时间点前2周内无更新".to_string();
            } else {
                e.value = Some(0.0);
            }
        }
    }
    e
}

fn load_rubric(opts: &GenOptions) -> Result<(Rubric, String), GenError> {
    let (text, file) = match &opts.rubric {
        Some(p) => (
            std::fs::read_to_string(p).map_err(|source| GenError::Read {
                path: p.clone(),
                source,
            })?,
            p.display().to_string(),
        ),
        None => (generated_rubric(), "gen-40.ron".to_string()),
    };
    let r = crate::domain::rubric::parse(&text, &file).map_err(GenError::Rubric)?;
    Ok((r, text))
}

/// Generates everything into `store` (which should be empty). `progress(stage, done, total)` is
/// called as work advances.
pub fn generate(
    store: &mut Store,
    opts: &GenOptions,
    progress: &mut dyn FnMut(&str, u64, u64),
) -> Result<GenReport, GenError> {
    if opts.accounts == 0 || opts.evaluators == 0 {
        return Err(GenError::Empty {
            accounts: opts.accounts,
            evaluators: opts.evaluators,
        });
    }
    check_sizes(opts)?;
    let (rubric, text) = load_rubric(opts)?;
    store.set_bulk_load(true)?;
    let result = generate_into(store, opts, &rubric, text, progress);
    store.set_bulk_load(false)?;
    result
}

/// Largest sizes `gen` accepts: every account is held in memory while it is generated (about
/// 1 KB each), and each evaluator sheet writes one row per indicator.
pub const MAX_ACCOUNTS: u64 = 5_000_000;
pub const MAX_EVALUATORS: u64 = 1_000;
pub const MAX_WEEKS: u64 = 520;
pub const MAX_SHEETS: u64 = 20_000_000;

/// Refuses sizes the machine cannot hold before anything is allocated or written.
pub fn check_sizes(opts: &GenOptions) -> Result<(), GenError> {
    let too =
        |what, value, limit| (value > limit).then_some(GenError::TooLarge { what, value, limit });
    let sheets = opts.accounts.saturating_mul(u64::from(opts.evaluators));
    match too("--accounts", opts.accounts, MAX_ACCOUNTS)
        .or_else(|| too("--evaluators", u64::from(opts.evaluators), MAX_EVALUATORS))
        .or_else(|| too("--weeks", u64::from(opts.weeks), MAX_WEEKS))
        .or_else(|| too("--accounts × --evaluators", sheets, MAX_SHEETS))
    {
        Some(e) => Err(e),
        None => Ok(()),
    }
}

fn generate_into(
    store: &mut Store,
    opts: &GenOptions,
    rubric: &Rubric,
    text: String,
    progress: &mut dyn FnMut(&str, u64, u64),
) -> Result<GenReport, GenError> {
    let mut rng = ChaCha8Rng::seed_from_u64(opts.seed);
    let mut names = HashSet::new();
    progress("accounts", 0, opts.accounts);
    let (accounts, traits): (Vec<Account>, Vec<Traits>) = (0..opts.accounts)
        .map(|_| account(&mut rng, &mut names))
        .unzip();
    drop(names);
    let ids = store.insert_accounts(&accounts)?;
    progress("accounts", opts.accounts, opts.accounts);
    let monitoring_date = NaiveDate::from_ymd_opt(2024, 12, 16).unwrap_or_default();
    let round = store.create_round(&NewRound {
        name: format!(
            "合成数据 {} 账号 × {} 评估人 (seed {})",
            opts.accounts, opts.evaluators, opts.seed
        ),
        rubric_id: rubric.id.clone(),
        rubric_version: rubric.version.clone(),
        rubric_text: text,
        monitoring_date,
        scope: AccountFilter::default(),
    })?;
    let evaluators = (0..opts.evaluators)
        .map(|e| store.evaluator_id(&format!("评估人{:02}", e + 1)))
        .collect::<Result<Vec<i64>, _>>()?;
    let items = rubric.items();
    let entries = write_entries(
        store,
        round.id,
        &ids,
        &accounts,
        &traits,
        &items,
        &evaluators,
        opts,
        progress,
    )?;
    drop(accounts);
    let weeks = write_weeks(store, &ids, &traits, opts, monitoring_date, progress)?;
    let posts = posts::write_posts(store, &ids, &traits, opts, monitoring_date, progress)?;
    // The operations index of every week, kept for `assay ops` (as a metrics import does).
    store.refresh_ops_index()?;
    Ok(GenReport {
        round_id: round.id,
        round: round.name,
        accounts: ids.len() as u64,
        evaluators: opts.evaluators,
        entries,
        weeks,
        posts,
    })
}

#[allow(clippy::too_many_arguments)]
fn write_entries(
    store: &mut Store,
    round_id: i64,
    ids: &[i64],
    accounts: &[Account],
    traits: &[Traits],
    items: &[ItemRef<'_>],
    evaluators: &[i64],
    opts: &GenOptions,
    progress: &mut dyn FnMut(&str, u64, u64),
) -> Result<u64, GenError> {
    let mut rng = ChaCha8Rng::seed_from_u64(opts.seed ^ 0x5c0_7e5);
    let total = ids.len() as u64;
    let k = evaluators.len() as f64;
    let veto_id = items.iter().find_map(|i| match i {
        ItemRef::Veto(v) => Some(v.common.id.clone()),
        _ => None,
    });
    let veto_id = veto_id.unwrap_or_default();
    let mut rows =
        ids.iter()
            .zip(accounts)
            .zip(traits)
            .enumerate()
            .flat_map(|(i, ((&id, a), tr))| {
                if i % 2000 == 0 {
                    progress("scores", i as u64, total);
                }
                let mut out = Vec::with_capacity(items.len() * evaluators.len());
                for (e, &ev) in evaluators.iter().enumerate() {
                    let bias = (e as f64 - (k - 1.0) / 2.0) * 0.02;
                    for item in items.iter().filter(|it| applies(it, a.platform, a.level)) {
                        out.push((id, ev, entry(item, tr, e as u32, bias, &veto_id, &mut rng)));
                    }
                }
                out
            });
    let n = store.bulk_entries(round_id, &mut rows)?;
    progress("scores", total, total);
    Ok(n)
}

fn applies(item: &ItemRef<'_>, p: Platform, l: Level) -> bool {
    match item {
        ItemRef::Indicator(c, i) => c.applies(p, l) && i.common().applies(p, l),
        _ => item.common().applies(p, l),
    }
}

fn write_weeks(
    store: &mut Store,
    ids: &[i64],
    traits: &[Traits],
    opts: &GenOptions,
    end: NaiveDate,
    progress: &mut dyn FnMut(&str, u64, u64),
) -> Result<u64, GenError> {
    let mut rng = ChaCha8Rng::seed_from_u64(opts.seed ^ 0x3e7_21c5);
    let weeks = i64::from(opts.weeks);
    let first = end - Duration::days(7 * weeks);
    let total = ids.len() as u64;
    let mut rows = ids
        .iter()
        .zip(traits)
        .enumerate()
        .flat_map(|(i, (&id, tr))| {
            if i % 2000 == 0 {
                progress("metrics", i as u64, total);
            }
            let mut followers = tr.followers;
            let mut out = Vec::with_capacity(weeks as usize);
            for w in 0..weeks {
                let growth = if tr.dormant {
                    0.0
                } else {
                    0.004 + 0.004 * gauss(&mut rng)
                };
                followers = (followers * (1.0 + growth)).max(10.0);
                let messages = if tr.dormant {
                    0
                } else {
                    (followers * 0.0008 * rng.random::<f64>()) as u64
                };
                out.push(WeekMetric {
                    account_id: id,
                    week: first + Duration::days(7 * w),
                    followers: followers as u64,
                    messages,
                    replies: (messages as f64 * rng.random_range(0.6..=1.0)) as u64,
                    posts: None,
                    reads: None,
                    likes: None,
                    comments: None,
                    reply_hours: None,
                });
            }
            out
        });
    let n = store.bulk_weeks(&mut rows)?;
    progress("metrics", total, total);
    Ok(n)
}
