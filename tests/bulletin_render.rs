//! The HTML bulletin rendered in headless Chromium, as an office opens and prints it: the
//! screenshot is not blank and the A4 PDF has the pages its content needs. Needs Debian's
//! `chromium` (`.ci/run` installs it); without it the test says so and does nothing.

use std::path::{Path, PathBuf};
use std::process::Command;

mod common_cli;

fn chromium() -> Option<PathBuf> {
    ["chromium", "chromium-browser", "google-chrome"]
        .iter()
        .find_map(|c| {
            let out = Command::new("sh")
                .arg("-c")
                .arg(format!("command -v {c}"))
                .output()
                .ok()?;
            let p = String::from_utf8(out.stdout).ok()?.trim().to_string();
            (!p.is_empty()).then(|| PathBuf::from(p))
        })
}

fn run_chromium(bin: &Path, profile: &Path, args: &[String], page: &Path) {
    let status = Command::new("timeout")
        .arg("120")
        .arg(bin)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-pdf-header-footer",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(args)
        .arg(format!("file://{}", page.display()))
        .output()
        .expect("runs chromium");
    assert!(
        status.status.success(),
        "chromium failed: {}",
        String::from_utf8_lossy(&status.stderr)
    );
}

fn pages(pdf: &[u8]) -> usize {
    let needle = b"/Type /Page";
    pdf.windows(needle.len() + 1)
        .filter(|w| &w[..needle.len()] == needle && w[needle.len()] != b's')
        .count()
}

#[test]
fn bulletin_renders_and_prints_on_a4() {
    let Some(chrome) = chromium() else {
        eprintln!("chromium not installed: skipping the rendering test (apt-get install chromium)");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    let run = |args: &[&str]| common_cli::ok(&db, args);
    run(&["demo", "--print"]);
    let html = dir.path().join("bulletin.html");
    let q4 = "2024年第四季度全面检查";
    run(&[
        "bulletin",
        "--round",
        q4,
        "--format",
        "html",
        "--out",
        html.to_str().unwrap(),
    ]);
    let blank = dir.path().join("blank.html");
    std::fs::write(&blank, "<!DOCTYPE html><html><body></body></html>").unwrap();
    let shot = |page: &Path, png: &Path, profile: &str| {
        run_chromium(
            &chrome,
            &dir.path().join(profile),
            &[
                "--window-size=900,1400".into(),
                format!("--screenshot={}", png.display()),
            ],
            page,
        );
        std::fs::metadata(png).map(|m| m.len()).unwrap_or(0)
    };
    let full = shot(&html, &dir.path().join("b.png"), "p1");
    let empty = shot(&blank, &dir.path().join("e.png"), "p2");
    assert!(
        empty > 0 && full > 4 * empty,
        "screenshot looks blank: {full} bytes vs {empty} for an empty page"
    );
    let pdf = dir.path().join("b.pdf");
    run_chromium(
        &chrome,
        &dir.path().join("p3"),
        &[format!("--print-to-pdf={}", pdf.display())],
        &html,
    );
    let n = pages(&std::fs::read(&pdf).unwrap());
    // The body, then the annexes each on a new page: 3 failures, 220 accounts at full marks,
    // the statistics with four charts, 169 operations warnings: 10 to 30 A4 pages whatever the
    // fonts.
    assert!((10..=30).contains(&n), "the printed bulletin has {n} pages");
    let blank_pdf = dir.path().join("e.pdf");
    run_chromium(
        &chrome,
        &dir.path().join("p4"),
        &[format!("--print-to-pdf={}", blank_pdf.display())],
        &blank,
    );
    assert_eq!(
        pages(&std::fs::read(&blank_pdf).unwrap()),
        1,
        "the page counter counts pages"
    );
}
