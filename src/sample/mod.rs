//! The demo: loads the embedded sample data (sample-data/ and the shipped rubrics) into an empty
//! Store — accounts, both rounds pinned to their rubric text, every score, and the metrics.

mod rows;

use std::collections::HashMap;

use crate::domain::platform::Platform;
use crate::i18n::Lang;
use crate::i18n::errors::Localized;
use crate::storage::metric_import::ImportSource;
use crate::storage::{AccountFilter, NewRound, Store, StoreError};

/// The sample files, embedded so that `assay demo` works from any directory.
pub const ACCOUNTS_CSV: &str = include_str!("../../sample-data/accounts.csv");
pub const ROUNDS_CSV: &str = include_str!("../../sample-data/rounds.csv");
pub const SCORES: &[(&str, &str)] = &[
    (
        "scores-lidu-four-dimensions.csv",
        include_str!("../../sample-data/scores-lidu-four-dimensions.csv"),
    ),
    (
        "scores-2024q4-inspection.csv",
        include_str!("../../sample-data/scores-2024q4-inspection.csv"),
    ),
];
pub const POSTS_CSV: &str = include_str!("../../sample-data/posts.csv");
pub const WEEKLY_CSV: &str = include_str!("../../sample-data/weekly.csv");
/// The shipped rubrics the sample rounds use, by file name.
pub const RUBRICS: &[(&str, &str)] = &[
    (
        "national-inspection.ron",
        include_str!("../../rubrics/national-inspection.ron"),
    ),
    (
        "four-dimensions.ron",
        include_str!("../../rubrics/four-dimensions.ron"),
    ),
];

#[derive(Debug, thiserror::Error)]
pub enum SampleError {
    #[error(
        "the database already holds {accounts} accounts and {rounds} rounds; the demo loads only into an empty database (use a new --db path)"
    )]
    NotEmpty { accounts: usize, rounds: usize },
    #[error("{file}:{line}: {message}")]
    Csv {
        file: &'static str,
        line: u64,
        message: String,
    },
    #[error("{file}:{line}: no account {platform}:{name} in accounts.csv")]
    UnknownAccount {
        file: &'static str,
        line: u64,
        platform: &'static str,
        name: String,
    },
    #[error("{file}:{line}: no round named {round:?} in rounds.csv")]
    UnknownRound {
        file: &'static str,
        line: u64,
        round: String,
    },
    #[error("rounds.csv: rubric {0:?} is not one of the shipped rubrics")]
    UnknownRubric(String),
    #[error("rubric {file} does not parse: {message}")]
    Rubric { file: String, message: String },
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Accounts(#[from] crate::io::accounts::ImportError),
    #[error(transparent)]
    Metrics(#[from] crate::io::metrics::MetricsError),
}

/// The demo's refusals in words: a database that is not empty in Chinese (English keeps the
/// error's own text), storage's and the importers' errors as they word themselves; the rest
/// are faults in the embedded sample data, not the user's doing, and keep their own text.
impl Localized for SampleError {
    fn say(&self, lang: Lang) -> Option<String> {
        match self {
            SampleError::Store(s) => s.say(lang),
            SampleError::Accounts(i) => i.say(lang),
            SampleError::Metrics(m) => m.say(lang),
            SampleError::NotEmpty { accounts, rounds } if lang == Lang::Zh => Some(format!(
                "数据库中已有 {accounts} 个账号和 {rounds} 个轮次；演示数据只能载入空数据库（请换一个新的 --db 路径）"
            )),
            _ => None,
        }
    }
}

/// What the demo loaded, and where the TUI should open.
#[derive(Debug, Clone, PartialEq)]
pub struct DemoInfo {
    /// The newest round (the Q4 inspection) and an evaluator with scores in it.
    pub round_id: i64,
    pub round_name: String,
    pub evaluator: String,
    pub accounts: usize,
    pub rounds: usize,
    pub entries: u64,
    pub posts: u64,
    pub weeks: u64,
}

type Keys = HashMap<(Platform, String), i64>;
/// Entries of one round ready for the bulk insert: (round id, [(account id, evaluator id, entry)]).
type RoundRows = (i64, Vec<(i64, i64, crate::domain::entry::Entry)>);

fn key_id(
    keys: &Keys,
    file: &'static str,
    line: u64,
    p: Platform,
    name: &str,
) -> Result<i64, SampleError> {
    keys.get(&(p, name.to_string()))
        .copied()
        .ok_or_else(|| SampleError::UnknownAccount {
            file,
            line,
            platform: p.code(),
            name: name.to_string(),
        })
}

/// Loads the whole sample into `store`, which must be empty.
pub fn load_demo(store: &mut Store) -> Result<DemoInfo, SampleError> {
    let (accounts, rounds) = (
        store.list_accounts(&AccountFilter::default())?.len(),
        store.rounds()?.len(),
    );
    if accounts > 0 || rounds > 0 {
        return Err(SampleError::NotEmpty { accounts, rounds });
    }
    let list = crate::io::accounts::read_accounts_csv_text(
        "sample-data/accounts.csv",
        ACCOUNTS_CSV,
        &Default::default(),
    )?;
    let ids = store.insert_accounts(&list)?;
    let keys: Keys = list
        .iter()
        .zip(&ids)
        .map(|(a, id)| ((a.platform, a.name.clone()), *id))
        .collect();
    let round_ids = create_rounds(store)?;
    let mut entries = 0;
    let mut newest = (0i64, String::new(), String::new());
    for (file, text) in SCORES {
        let file: &'static str = file;
        let (n, last) = load_scores(store, &keys, &round_ids, file, text)?;
        entries += n;
        if last.0 > newest.0 {
            newest = last;
        }
    }
    let (posts, weeks) = load_metrics(store)?;
    Ok(DemoInfo {
        round_id: newest.0,
        round_name: newest.1,
        evaluator: newest.2,
        accounts: ids.len(),
        rounds: round_ids.len(),
        entries,
        posts,
        weeks,
    })
}

/// rounds.csv: name,rubric,monitoring_date,region — created in file order.
fn create_rounds(store: &mut Store) -> Result<HashMap<String, i64>, SampleError> {
    let mut out = HashMap::new();
    for (line, r) in rows::records("rounds.csv", ROUNDS_CSV)? {
        let file = r.get(1).unwrap_or("").trim();
        let text = RUBRICS
            .iter()
            .find(|(f, _)| *f == file)
            .map(|(_, t)| *t)
            .ok_or_else(|| SampleError::UnknownRubric(file.to_string()))?;
        let rubric =
            crate::report::summary::parse_rubric(text).map_err(|e| SampleError::Rubric {
                file: file.to_string(),
                message: e.to_string(),
            })?;
        let date = r.get(2).unwrap_or("").trim();
        let monitoring_date =
            chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d").map_err(|_| SampleError::Csv {
                file: "rounds.csv",
                line,
                message: format!("bad monitoring date {date:?}"),
            })?;
        let region = r.get(3).unwrap_or("").trim();
        let scope = AccountFilter {
            region: (!region.is_empty()).then(|| region.to_string()),
            ..AccountFilter::default()
        };
        let name = r.get(0).unwrap_or("").trim().to_string();
        let round = store.create_round(&NewRound {
            name: name.clone(),
            rubric_id: rubric.id,
            rubric_version: rubric.version,
            rubric_text: text.to_string(),
            monitoring_date,
            scope,
        })?;
        out.insert(name, round.id);
    }
    Ok(out)
}

/// Loads one scores file; returns the row count and (round id, round name, first evaluator) of
/// the newest round it touched.
fn load_scores(
    store: &mut Store,
    keys: &Keys,
    rounds: &HashMap<String, i64>,
    file: &'static str,
    text: &str,
) -> Result<(u64, (i64, String, String)), SampleError> {
    let rows = rows::scores(file, text)?;
    let mut evaluators: HashMap<String, i64> = HashMap::new();
    let mut by_round: Vec<RoundRows> = Vec::new();
    let mut newest = (0, String::new(), String::new());
    for r in rows {
        let round_id = *rounds
            .get(&r.round)
            .ok_or_else(|| SampleError::UnknownRound {
                file,
                line: r.line,
                round: r.round.clone(),
            })?;
        let account = key_id(keys, file, r.line, r.platform, &r.account)?;
        let ev = match evaluators.get(&r.evaluator) {
            Some(id) => *id,
            None => {
                let id = store.evaluator_id(&r.evaluator)?;
                evaluators.insert(r.evaluator.clone(), id);
                id
            }
        };
        if round_id > newest.0 {
            newest = (round_id, r.round.clone(), r.evaluator.clone());
        }
        match by_round.iter_mut().find(|(id, _)| *id == round_id) {
            Some((_, v)) => v.push((account, ev, r.entry)),
            None => by_round.push((round_id, vec![(account, ev, r.entry)])),
        }
    }
    let mut n = 0;
    for (round_id, rows) in by_round {
        n += store.bulk_entries(round_id, &mut rows.into_iter())?;
    }
    Ok((n, newest))
}

/// Loads posts.csv and weekly.csv through the same importer as `assay metrics import`.
fn load_metrics(store: &mut Store) -> Result<(u64, u64), SampleError> {
    let accounts = store.list_accounts(&AccountFilter::default())?;
    let mut n = [0u64; 2];
    for (i, (file, text)) in [("posts.csv", POSTS_CSV), ("weekly.csv", WEEKLY_CSV)]
        .into_iter()
        .enumerate()
    {
        let f = crate::io::metrics::read_metrics_text(file, text, chrono::Weekday::Mon)?;
        let (posts, weeks) = crate::io::metrics::resolve(file, &f, &accounts)?;
        let source = ImportSource {
            file: format!("sample-data/{file}"),
            sha256: crate::domain::rubric::rubric_hash(text),
        };
        let out = store.import_metrics(&source, &posts, &weeks, false)?;
        n[i] = out.inserted;
    }
    Ok((n[0], n[1]))
}
