//! The Chinese guides in docs/ are run as written: every command line of their `sh` blocks runs
//! (in order, in an empty folder, with a private HOME) and must succeed; a command marked
//! `<!-- tui -->` is started in tmux at 80×24, the `<!-- keys: … -->` comments are typed into it,
//! and every `<!-- screen -->` capture must be what the screen shows; an `<!-- output -->` block
//! must be what the command above it printed. `UPDATE_GUIDES=1 cargo test --test guides` rewrites
//! the captures and outputs from what the program shows now (then read the diff).

mod common_tmux;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::thread::sleep;
use std::time::{Duration, Instant};

use common_tmux::Tmux;

/// One thing a guide says to do or shows.
#[derive(Debug)]
enum Step {
    Run {
        line: String,
        tui: bool,
    },
    Keys(Vec<String>),
    /// A capture or an output: its text and the lines of the guide it occupies (inside the fence).
    Screen {
        text: String,
        at: (usize, usize),
    },
    Output {
        text: String,
        at: (usize, usize),
    },
}

fn guide(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("docs")
        .join(name)
}

/// The steps of a guide, in order.
fn steps(doc: &str) -> Vec<Step> {
    let lines: Vec<&str> = doc.lines().collect();
    let mut out = Vec::new();
    let mut marker: Option<String> = None;
    let mut i = 0;
    while i < lines.len() {
        let l = lines[i].trim();
        if let Some(m) = l.strip_prefix("<!--").and_then(|m| m.strip_suffix("-->")) {
            let m = m.trim();
            if let Some(keys) = m.strip_prefix("keys:") {
                out.push(Step::Keys(expand(keys)));
            } else {
                marker = Some(m.to_string());
            }
        } else if l.starts_with("```") {
            let info = l.trim_start_matches('`').trim().to_string();
            let start = i + 1;
            let mut end = start;
            while end < lines.len() && !lines[end].trim_start().starts_with("```") {
                end += 1;
            }
            let body = lines[start..end].join("\n");
            match (info.as_str(), marker.take().as_deref()) {
                ("sh", m) => {
                    for cmd in body.lines().map(str::trim) {
                        if !cmd.is_empty() && !cmd.starts_with('#') {
                            out.push(Step::Run {
                                line: cmd.to_string(),
                                tui: m == Some("tui"),
                            });
                        }
                    }
                }
                ("text", Some("screen")) => out.push(Step::Screen {
                    text: body,
                    at: (start, end),
                }),
                ("text", Some("output")) => out.push(Step::Output {
                    text: body,
                    at: (start, end),
                }),
                _ => {}
            }
            i = end;
        }
        i += 1;
    }
    out
}

/// `Enter n×3 S` → Enter, n, n, n, S.
fn expand(keys: &str) -> Vec<String> {
    let mut out = Vec::new();
    for k in keys.split_whitespace() {
        match k.split_once('×') {
            Some((key, n)) => {
                let n: usize = n.parse().expect("a count after ×");
                out.extend(std::iter::repeat_n(key.to_string(), n));
            }
            None => out.push(k.to_string()),
        }
    }
    out
}

/// A command line split as a shell would (spaces, and '…' or "…" quoting).
fn words(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quote: Option<char> = None;
    let mut any = false;
    for c in line.chars() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), c) => cur.push(c),
            (None, '\'' | '"') => {
                quote = Some(c);
                any = true;
            }
            (None, c) if c.is_whitespace() => {
                if any || !cur.is_empty() {
                    out.push(std::mem::take(&mut cur));
                }
                any = false;
            }
            (None, c) => cur.push(c),
        }
    }
    if any || !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// Lines without trailing spaces, and no trailing empty lines.
fn norm(s: &str) -> String {
    let lines: Vec<&str> = s.lines().map(str::trim_end).collect();
    let keep = lines
        .iter()
        .rposition(|l| !l.is_empty())
        .map_or(0, |k| k + 1);
    lines[..keep].join("\n")
}

struct Runner {
    dir: tempfile::TempDir,
    update: bool,
    tui: Option<Tmux>,
    last_stdout: String,
    /// New text for the guide's captured blocks (update mode).
    replaced: Vec<((usize, usize), String)>,
    failures: Vec<String>,
}

impl Runner {
    fn home(&self) -> PathBuf {
        self.dir.path().join("home")
    }

    fn run(&mut self, line: &str) {
        self.stop_tui();
        let w = words(line);
        assert_eq!(w[0], "assay", "guide commands start with assay: {line}");
        let home = self.home();
        let out = Command::new(env!("CARGO_BIN_EXE_assay"))
            .args(&w[1..])
            .current_dir(self.dir.path())
            .env("HOME", &home)
            .env("XDG_CONFIG_HOME", home.join(".config"))
            .env("XDG_DATA_HOME", home.join(".local/share"))
            .env("ASSAY_CONFIG", home.join("config.ron"))
            .env_remove("ASSAY_DB")
            .env_remove("NO_COLOR")
            .output()
            .expect("assay runs");
        self.last_stdout = String::from_utf8_lossy(&out.stdout).into_owned();
        if !out.status.success() {
            self.failures.push(format!(
                "`{line}` failed ({}): {}",
                out.status,
                String::from_utf8_lossy(&out.stderr)
            ));
        }
    }

    fn start_tui(&mut self, line: &str) {
        self.stop_tui();
        let args = line.strip_prefix("assay").unwrap_or(line).trim();
        self.tui = Some(Tmux::start(self.dir.path(), args));
    }

    fn stop_tui(&mut self) {
        if let Some(t) = self.tui.take() {
            drop(t);
            // Give the killed program a moment to let go of the database.
            sleep(Duration::from_millis(300));
        }
    }

    fn keys(&mut self, keys: &[String]) {
        let t = self
            .tui
            .as_ref()
            .expect("keys need a <!-- tui --> command above");
        for k in keys {
            t.keys(&[k.as_str()]);
        }
    }

    /// Waits for the screen the guide shows (or, updating, for a screen that stops changing).
    fn screen(&mut self, want: &str, at: (usize, usize)) {
        let t = self
            .tui
            .as_ref()
            .expect("a screen needs a <!-- tui --> command above");
        let want = norm(want);
        let start = Instant::now();
        let mut last = String::new();
        let mut stable_since = Instant::now();
        while start.elapsed() < Duration::from_secs(20) {
            let now = norm(&t.screen());
            if !self.update && now == want {
                return;
            }
            if now != last {
                last = now;
                stable_since = Instant::now();
            } else if self.update && stable_since.elapsed() > Duration::from_millis(1500) {
                self.replaced.push((at, last));
                return;
            }
            sleep(Duration::from_millis(200));
        }
        self.failures.push(format!(
            "the screen at guide line {} is not what the program shows (UPDATE_GUIDES=1 rewrites it):\n--- guide\n{want}\n--- program\n{last}",
            at.0
        ));
    }

    fn output(&mut self, want: &str, at: (usize, usize)) {
        let got = norm(&self.last_stdout);
        if self.update {
            self.replaced.push((at, got));
        } else if got != norm(want) {
            self.failures.push(format!(
                "the output at guide line {} is not what the command prints (UPDATE_GUIDES=1 rewrites it):\n--- guide\n{}\n--- program\n{got}",
                at.0,
                norm(want)
            ));
        }
    }
}

/// Runs a guide; in update mode rewrites its captured blocks.
fn check(name: &str) {
    let path = guide(name);
    let doc = std::fs::read_to_string(&path).expect("guide");
    let steps = steps(&doc);
    assert!(
        steps
            .iter()
            .filter(|s| matches!(s, Step::Run { .. }))
            .count()
            >= 5,
        "{name}: too few commands"
    );
    let tmux = common_tmux::have_tmux();
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::create_dir_all(dir.path().join("home")).expect("home");
    let mut r = Runner {
        dir,
        update: std::env::var_os("UPDATE_GUIDES").is_some(),
        tui: None,
        last_stdout: String::new(),
        replaced: Vec::new(),
        failures: Vec::new(),
    };
    for step in &steps {
        match step {
            Step::Run { line, tui: true } if tmux => r.start_tui(line),
            Step::Run { tui: true, .. } => {}
            Step::Run { line, tui: false } => r.run(line),
            Step::Keys(k) if tmux => r.keys(k),
            Step::Screen { text, at } if tmux => r.screen(text, *at),
            Step::Output { text, at } => r.output(text, *at),
            _ => {}
        }
    }
    r.stop_tui();
    if r.update {
        let mut lines: Vec<String> = doc.lines().map(str::to_string).collect();
        for ((a, b), text) in r.replaced.iter().rev() {
            lines.splice(*a..*b, text.lines().map(str::to_string));
        }
        std::fs::write(&path, lines.join("\n") + "\n").expect("rewrite guide");
    }
    assert!(
        r.failures.is_empty(),
        "{name}:\n{}",
        r.failures.join("\n\n")
    );
}

#[test]
fn the_evaluator_guide_runs_as_written() {
    check("evaluator-quickstart.md");
}

#[test]
fn the_office_guide_runs_as_written() {
    check("office-quickstart.md");
}

#[test]
fn guide_lines_split_like_a_shell() {
    assert_eq!(
        words("assay round create '2025年 一季度' --date \"2025-03-31\" x"),
        [
            "assay",
            "round",
            "create",
            "2025年 一季度",
            "--date",
            "2025-03-31",
            "x"
        ]
    );
    assert_eq!(expand("Enter n×3 S"), ["Enter", "n", "n", "n", "S"]);
}
