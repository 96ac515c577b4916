//! The `assay` binary: parse the command line, run it, map errors to exit status 1.

use clap::Parser;

fn main() {
    let cli = assay::cli::Cli::parse();
    if let Err(err) = assay::cli::run(cli) {
        eprintln!("error: {err:#}");
        std::process::exit(1);
    }
}
