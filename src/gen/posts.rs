//! Synthetic per-post metrics for `assay gen`: 0–4 posts a week per active account at distinct
//! times, reads heavy-tailed around 5% of followers, dormant accounts silent for the last three
//! weeks and rare before. Its own random stream, so the other generated rows do not change.

use chrono::{Duration, NaiveDate};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use super::{GenError, GenOptions, Traits, gauss};
use crate::domain::ops::metrics::Post;
use crate::storage::Store;

pub(super) fn write_posts(
    store: &mut Store,
    ids: &[i64],
    traits: &[Traits],
    opts: &GenOptions,
    end: NaiveDate,
    progress: &mut dyn FnMut(&str, u64, u64),
) -> Result<u64, GenError> {
    let mut rng = ChaCha8Rng::seed_from_u64(opts.seed ^ 0x9057_5eed);
    let weeks = i64::from(opts.weeks);
    let first = end - Duration::days(7 * weeks);
    let total = ids.len() as u64;
    let mut rows = ids
        .iter()
        .zip(traits)
        .enumerate()
        .flat_map(|(i, (&id, tr))| {
            if i % 2000 == 0 {
                progress("posts", i as u64, total);
            }
            let mut out = Vec::new();
            for w in 0..weeks {
                let n = if tr.dormant {
                    u32::from(w < weeks - 3 && rng.random_bool(0.2))
                } else {
                    rng.random_range(0..=4)
                };
                // Distinct slots (day, hour) in the week, oldest first.
                let mut slots: Vec<i64> = (0..n).map(|_| rng.random_range(0..7 * 15)).collect();
                slots.sort_unstable();
                slots.dedup();
                for s in slots {
                    let at = (first + Duration::days(7 * w + s / 15))
                        .and_hms_opt(7 + (s % 15) as u32, rng.random_range(0..60), 0)
                        .unwrap_or_default();
                    let reads = (tr.followers * 0.05 * (1.1 * gauss(&mut rng)).exp())
                        .round()
                        .max(0.0) as u64;
                    let frac = |rng: &mut ChaCha8Rng, hi: f64| {
                        (reads as f64 * rng.random_range(0.0..hi)).round() as u64
                    };
                    out.push(Post {
                        account_id: id,
                        published: at,
                        headline: true,
                        reads: reads.min(100_001),
                        reads_capped: reads > 100_000,
                        likes: frac(&mut rng, 0.03),
                        wow: Some(frac(&mut rng, 0.012)),
                        shares: frac(&mut rng, 0.04),
                        comments: frac(&mut rng, 0.004),
                    });
                }
            }
            out
        });
    let n = store.bulk_posts(&mut rows)?;
    progress("posts", total, total);
    Ok(n)
}

#[cfg(test)]
mod tests {
    use crate::r#gen::{GenOptions, generate};
    use crate::storage::{AccountFilter, Store};

    #[test]
    fn generated_posts_are_deterministic_and_dormant_accounts_fall_silent() {
        let run = || {
            let mut store = Store::open_in_memory().unwrap();
            let opts = GenOptions {
                accounts: 200,
                evaluators: 1,
                weeks: 6,
                seed: 7,
                rubric: None,
            };
            let report = generate(&mut store, &opts, &mut |_, _, _| {}).unwrap();
            (store, report)
        };
        let (store, a) = run();
        let (_, b) = run();
        assert_eq!(a.posts, b.posts);
        assert!(a.posts > 200 * 6, "{a}");
        assert_eq!(store.metric_counts().unwrap().0, a.posts);
        let round = store.round(&a.round_id.to_string()).unwrap();
        let accounts = store.list_accounts(&AccountFilter::default()).unwrap();
        let to = round.monitoring_date;
        let silent = accounts
            .iter()
            .filter(|acc| {
                store
                    .posts(acc.id, to - chrono::Duration::days(20), to)
                    .unwrap()
                    .is_empty()
            })
            .count();
        assert!(
            silent > 0 && silent < 200,
            "{silent} accounts silent in the last 3 weeks"
        );
    }
}
