//! The real binary run as a script or an office would, with a private HOME so that no user file
//! is touched: shared by the CLI test files. Every run whose interface is Chinese (no `--lang
//! en`, no `ASSAY_LANG=en`, no `lang: Some(En)` in its config) is checked for English sentences
//! on stderr, and on stdout when it fails: issue 8's "with --lang unset no English sentence
//! appears in any error of the CLI test suite".
#![allow(dead_code)]

pub mod english;

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

pub use english::english_run;

pub const BIN: &str = env!("CARGO_BIN_EXE_assay");

/// One run of the binary, built up with options and checked when it has run.
pub struct Assay {
    cmd: Command,
    args: Vec<String>,
    config: PathBuf,
    english: bool,
    stdin: Option<Vec<u8>>,
}

impl Assay {
    /// A run with HOME, the XDG directories and the config file under `home`, and neither
    /// ASSAY_DB nor ASSAY_LANG from the environment.
    pub fn home(home: &Path) -> Assay {
        let mut cmd = Command::new(BIN);
        let config = home.join("config.ron");
        cmd.env("HOME", home)
            .env("XDG_CONFIG_HOME", home.join(".config"))
            .env("XDG_DATA_HOME", home.join(".local/share"))
            .env("ASSAY_CONFIG", &config)
            .env_remove("ASSAY_DB")
            .env_remove("ASSAY_LANG");
        Assay {
            cmd,
            args: Vec::new(),
            config,
            english: false,
            stdin: None,
        }
    }

    /// A run on `db` (`--db db`) with its private HOME next to the database.
    pub fn db(db: &Path) -> Assay {
        let home = db.parent().expect("db has a parent").join("home");
        Assay::home(&home)
            .arg("--db")
            .arg(db.to_str().expect("utf-8 path"))
    }

    pub fn arg(mut self, a: impl AsRef<OsStr>) -> Assay {
        let a = a.as_ref();
        let text = a.to_string_lossy().into_owned();
        let lang_en = |v: &str| v.to_ascii_lowercase().starts_with("en");
        if self.args.last().is_some_and(|l| l == "--lang") && lang_en(&text)
            || text.strip_prefix("--lang=").is_some_and(lang_en)
        {
            self.english = true;
        }
        self.args.push(text);
        self.cmd.arg(a);
        self
    }

    pub fn args<S: AsRef<OsStr>>(mut self, args: impl IntoIterator<Item = S>) -> Assay {
        for a in args {
            self = self.arg(a);
        }
        self
    }

    /// Sets an environment variable (`ASSAY_LANG=en` makes the run English).
    pub fn env(mut self, key: &str, value: impl AsRef<OsStr>) -> Assay {
        if key == "ASSAY_LANG" {
            self.english = value
                .as_ref()
                .to_string_lossy()
                .to_ascii_lowercase()
                .starts_with("en");
        }
        if key == "ASSAY_CONFIG" {
            self.config = PathBuf::from(value.as_ref());
        }
        self.cmd.env(key, value);
        self
    }

    pub fn current_dir(mut self, dir: impl AsRef<Path>) -> Assay {
        self.cmd.current_dir(dir);
        self
    }

    /// Bytes given on standard input (otherwise the input is empty).
    pub fn stdin(mut self, bytes: impl Into<Vec<u8>>) -> Assay {
        self.stdin = Some(bytes.into());
        self
    }

    /// The command itself, unchecked, for a test that spawns and signals it.
    pub fn command(self) -> Command {
        self.cmd
    }

    /// Whether this run's interface is Chinese (its errors are checked).
    fn chinese(&self) -> bool {
        let config_en = std::fs::read_to_string(&self.config)
            .is_ok_and(|c| c.contains("Some(En)") || c.contains("lang: En"));
        !self.english && !config_en
    }

    /// Runs to the end; a Chinese run fails the test if its stderr (or its stdout, when the
    /// command failed) holds an English sentence.
    pub fn output(mut self) -> Output {
        let chinese = self.chinese();
        let out = match self.stdin.take() {
            None => self.cmd.stdin(Stdio::null()).output().expect("runs assay"),
            Some(bytes) => {
                use std::io::Write;
                let mut child = self
                    .cmd
                    .stdin(Stdio::piped())
                    .stdout(Stdio::piped())
                    .stderr(Stdio::piped())
                    .spawn()
                    .expect("runs assay");
                let mut input = child.stdin.take().expect("stdin");
                // The command may end without reading everything: a broken pipe is its answer.
                let _ = input.write_all(&bytes);
                drop(input);
                child.wait_with_output().expect("waits for assay")
            }
        };
        if chinese {
            check_chinese(&self.args, &out);
        }
        out
    }
}

/// The first English sentence in what a Chinese run printed: stderr, and stdout when the command
/// failed. Returns a description naming the stream, the words and the line.
pub fn english_in(out: &Output) -> Option<String> {
    let mut texts = vec![("stderr", String::from_utf8_lossy(&out.stderr))];
    if !out.status.success() {
        texts.push(("stdout", String::from_utf8_lossy(&out.stdout)));
    }
    for (stream, text) in texts {
        for line in text.lines() {
            if let Some(run) = english_run(line) {
                return Some(format!("English on {stream}: \"{run}\" in: {line}"));
            }
        }
    }
    None
}

/// Fails loudly, naming the command and the text, when a Chinese run printed English.
pub fn check_chinese(args: &[String], out: &Output) {
    if let Some(found) = english_in(out) {
        panic!(
            "with the interface in Chinese, assay {}\n  printed {found}",
            args.join(" ")
        );
    }
}

/// Runs assay on `db` with a private HOME (next to the database) and no ASSAY_DB/ASSAY_LANG.
pub fn assay(db: &Path, args: &[&str]) -> Output {
    Assay::db(db).args(args).output()
}

/// Runs assay and returns its standard output, failing the test when it does not succeed.
pub fn ok(db: &Path, args: &[&str]) -> String {
    let out = assay(db, args);
    assert!(
        out.status.success(),
        "assay {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8 output")
}

/// Runs a command that must fail with `code`; returns its stderr.
pub fn fails_with(db: &Path, args: &[&str], code: i32) -> String {
    let out = assay(db, args);
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(code), "assay {args:?}: {err}");
    err
}
