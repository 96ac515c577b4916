//! Prints the summary of every round of a database (the library's round summary, timed by
//! scripts/bench-scale.sh against a plain SQL GROUP BY): `round_summary PATH [en]`.

use assay::i18n::Lang;
use assay::report::summary::{render, round_summary};
use assay::storage::Store;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let a: Vec<String> = std::env::args().collect();
    let path = std::path::PathBuf::from(a.get(1).ok_or("usage: round_summary PATH [en]")?);
    let lang = a.get(2).and_then(|s| Lang::parse(s)).unwrap_or_default();
    let store = Store::open(&path)?;
    for round in store.rounds()? {
        println!("{}", render(&round_summary(&store, &round)?, lang));
    }
    Ok(())
}
