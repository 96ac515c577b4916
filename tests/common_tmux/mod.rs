//! A test's own tmux session at 80×24 running the real binary with a private HOME: keys in,
//! screen text out. Shared by the end-to-end TUI tests.
//!
//! Each session runs on its own tmux server (`tmux -L <name>`): on a shared default server, a
//! test that starts while another test binary's last session is being killed connects to a
//! server that is shutting down and fails with "server exited unexpectedly".
#![allow(dead_code)]

use std::path::Path;
use std::process::Command;
use std::thread::sleep;
use std::time::{Duration, Instant};

pub struct Tmux {
    pub session: String,
}

impl Tmux {
    pub fn start(dir: &Path, args: &str) -> Tmux {
        Tmux::start_env(dir, "", args)
    }

    /// Starts the binary with extra `NAME=value` assignments before it. After it exits, the pane
    /// shows its exit status and whether the tty is back in canonical (cooked) mode.
    pub fn start_env(dir: &Path, env: &str, args: &str) -> Tmux {
        static N: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let n = N.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        let session = format!("assay-e2e-{}-{n}", std::process::id());
        let home = dir.join("home");
        std::fs::create_dir_all(&home).expect("home");
        let bin = env!("CARGO_BIN_EXE_assay");
        let cmd = format!(
            "cd '{d}' && HOME='{h}' XDG_CONFIG_HOME='{h}/.config' XDG_DATA_HOME='{h}/.local/share' ASSAY_CONFIG='{h}/config.ron' {env} '{bin}' {args}; echo EXITED:$?; stty -a | tr ' ;' '\\n\\n' | grep -x -- '-*icanon' | sed 's/^/TTY:/'; sleep 30",
            d = dir.display(),
            h = home.display()
        );
        let tmux = Tmux { session };
        let out = tmux
            .command()
            .args([
                "new-session",
                "-d",
                "-s",
                &tmux.session,
                "-x",
                "80",
                "-y",
                "24",
                &cmd,
            ])
            .output()
            .expect("tmux runs");
        assert!(
            out.status.success(),
            "tmux new-session failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        tmux
    }

    /// `tmux -L <session>`: a command for this session's own server.
    pub fn command(&self) -> Command {
        let mut c = Command::new("tmux");
        c.args(["-L", &self.session]);
        c
    }

    pub fn screen(&self) -> String {
        let out = self
            .command()
            .args(["capture-pane", "-p", "-t", &self.session])
            .output()
            .expect("capture");
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    pub fn keys(&self, keys: &[&str]) {
        for k in keys {
            self.command()
                .args(["send-keys", "-t", &self.session, k])
                .status()
                .expect("send-keys");
            sleep(Duration::from_millis(150));
        }
    }

    pub fn literal(&self, text: &str) {
        self.command()
            .args(["send-keys", "-l", "-t", &self.session, text])
            .status()
            .expect("send-keys");
        sleep(Duration::from_millis(300));
    }

    /// Waits until the screen satisfies `ok`, or fails with the screen.
    pub fn wait(&self, what: &str, secs: u64, ok: impl Fn(&str) -> bool) {
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(secs) {
            if ok(&self.screen()) {
                return;
            }
            sleep(Duration::from_millis(200));
        }
        panic!("timed out waiting for {what}; screen:\n{}", self.screen());
    }

    /// A tmux format variable of the pane, e.g. `alternate_on`.
    pub fn pane(&self, var: &str) -> String {
        let out = self
            .command()
            .args(["display", "-p", "-t", &self.session, &format!("#{{{var}}}")])
            .output()
            .expect("tmux display");
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    }

    pub fn pid(&self) -> String {
        let out = Command::new("sh")
            .args([
                "-c",
                &format!(
                    "pgrep -P $(tmux -L {s} display -p -t {s} '#{{pane_pid}}') assay",
                    s = self.session
                ),
            ])
            .output()
            .expect("pgrep");
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.command().arg("kill-server").output();
    }
}

pub fn have_tmux() -> bool {
    let ok = Command::new("tmux")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        eprintln!("NOTICE: tmux is not installed; skipping the end-to-end TUI test");
    }
    ok
}
