//! The `assay` binary: parse the command line, run it, map errors to exit status 1; a closed
//! output pipe (`assay account list | head`) ends the program quietly, as other Unix tools do.

fn main() {
    quiet_on_closed_pipe();
    let cli = assay::cli::parse();
    let lang = assay::cli::lang(&cli);
    if let Err(err) = assay::cli::run(cli) {
        if err
            .chain()
            .filter_map(|e| e.downcast_ref::<std::io::Error>())
            .any(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
        {
            std::process::exit(0);
        }
        let message = assay::error_chain::render(&err, lang);
        eprintln!(
            "{}{}",
            lang.pick("错误：", "error: "),
            assay::text_safety::escape_text(&message)
        );
        std::process::exit(1);
    }
}

/// On Unix, restores the default SIGPIPE action (Rust ignores it, which turns every `println!`
/// into a panic once the reader has gone): the process then ends silently, like `cat`. On every
/// platform, a print that still fails because the pipe closed exits quietly instead of
/// reporting a panic.
fn quiet_on_closed_pipe() {
    #[cfg(unix)]
    // SAFETY: called first thing in main, before any thread exists; SIG_DFL is a valid action.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let msg = info
            .payload()
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| info.payload().downcast_ref::<&str>().copied())
            .unwrap_or("");
        if msg.starts_with("failed printing to std") && is_pipe_closed(msg) {
            std::process::exit(0);
        }
        default(info);
    }));
}

fn is_pipe_closed(msg: &str) -> bool {
    let m = msg.to_ascii_lowercase();
    m.contains("broken pipe") || m.contains("pipe is being closed") || m.contains("os error 232")
}
