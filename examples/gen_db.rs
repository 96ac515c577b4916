//! Generates a synthetic database without the CLI (for profiling `assay gen`'s library part):
//! `cargo run --release --example gen_db -- PATH [ACCOUNTS] [EVALUATORS] [WEEKS] [SEED]`.

use assay::r#gen::{GenOptions, generate};
use assay::storage::Store;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let a: Vec<String> = std::env::args().collect();
    let num = |i: usize, d: u64| a.get(i).and_then(|s| s.parse().ok()).unwrap_or(d);
    let path = std::path::PathBuf::from(a.get(1).map_or("gen.db", String::as_str));
    let opts = GenOptions {
        accounts: num(2, 100_000),
        evaluators: num(3, 3) as u32,
        weeks: num(4, 52) as u32,
        seed: num(5, 1),
        rubric: None,
    };
    let started = std::time::Instant::now();
    let mut store = Store::create_or_open(&path)?;
    let mut last = String::new();
    let report = generate(&mut store, &opts, &mut |stage, _, _| {
        if stage != last {
            eprintln!("{:>7.1} s  {stage}", started.elapsed().as_secs_f64());
            last = stage.to_string();
        }
    })?;
    println!("{report} in {:.1} s", started.elapsed().as_secs_f64());
    Ok(())
}
