//! The `assay` binary: parse the command line, run it, map errors to exit status 1.

fn main() {
    let cli = assay::cli::parse();
    let lang = assay::cli::lang(&cli);
    if let Err(err) = assay::cli::run(cli) {
        eprintln!(
            "{}{}",
            lang.pick("错误：", "error: "),
            assay::i18n::errors::render(&err, lang)
        );
        std::process::exit(1);
    }
}
